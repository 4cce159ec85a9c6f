/* The outlook page's scenario panel (szreport.outlook_page): a port of szreport.outlook_scenarios and of the
   outlook sections' wording, fed by the JSON model the notebook wrote into the page. The Python modules are the
   reference; tests/test_outlook_page.py compares this script with them over many random parameter sets.
   Text from the data folder is only ever set as text (textContent), never parsed as markup. */
(function () {
  "use strict";
  var modelNode = document.getElementById("sz-scenarios-model");
  var form = document.getElementById("sz-scenarios");
  if (!modelNode || !form) return;
  var M = JSON.parse(modelNode.textContent);
  var lang = M.lang, T = M.t, B = M.base, X = M.texts, SVGNS = "http://www.w3.org/2000/svg";

  // --- numbers as fmt.py words them --------------------------------------------------------------
  function increment(digits) {
    var a = digits.split(""), i = a.length - 1;
    for (; i >= 0; i--) {
      if (a[i] !== "9") { a[i] = String(+a[i] + 1); return a.join(""); }
      a[i] = "0";
    }
    return "1" + a.join("");
  }
  // Python's format(x, ".Nf"): the exact binary value, rounded half to even (toFixed rounds halves up).
  function fixed(x, d) {
    var neg = x < 0 || Object.is(x, -0), parts = Math.abs(x).toFixed(100).split(".");
    var all = parts[0] + parts[1].slice(0, d), rest = parts[1].slice(d);
    var tie = rest[0] === "5" && !/[1-9]/.test(rest.slice(1));
    if (rest[0] > "5" || (rest[0] === "5" && (!tie || +all[all.length - 1] % 2 === 1))) all = increment(all);
    var whole = all.slice(0, all.length - d).replace(/^0+(?=\d)/, "") || "0";
    return (neg ? "-" : "") + whole + (d > 0 ? "." + all.slice(all.length - d) : "");
  }
  function pyRound(x, d) { return parseFloat(fixed(x, d)); }
  function number(x, d) {
    var text = fixed(x, Math.max(d, 0));
    if (lang === "en") {
      var p = text.split(".");
      p[0] = p[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      text = p.join(".");
    }
    if (text[0] !== "-") return text;
    return !text.replace(/[-0.,]/g, "") ? text.slice(1) : "\u2212" + text.slice(1);  // a true minus, as fmt.number
  }
  function amount(x, unit, d, qualifier) {
    var q = M.units.qualifiers[qualifier || "exact"] || ["", ""];
    if (lang === "zh") return q[0] + number(x, d) + M.units.zh[unit] + q[1];
    var u = M.units.en[unit];
    return q[0] + u[1] + number(x * u[0], d + u[3]) + u[2] + q[1];
  }
  function decimalsOf(v, least) {
    for (var d = least === undefined ? 1 : least; d <= 2; d++) if (Math.abs(pyRound(v, d) - v) < 1e-9) return d;
    return 2;
  }
  function pct(v, d) { return amount(v, "%", d); }
  function rate(v) { return pct(v, decimalsOf(v)); }
  function year(y) { return lang === "zh" ? y + "年" : String(y); }
  function period(a, b) { return lang === "zh" ? a + "—" + b + "年" : a + "–" + b; }
  function signed(v, unit, d) {
    var text = amount(Math.abs(v), unit, d);
    return pyRound(Math.abs(v), d) === 0 ? text : (v > 0 ? "+" : "−") + text;
  }

  // --- templates: text, or nodes with keyed figures ---------------------------------------------
  function tText(key, values) {
    return T[key].replace(/\{([a-z0-9_]+)\}/g, function (_, name) { return String(values[name]); });
  }
  function t(key, values) {
    var out = document.createDocumentFragment();
    T[key].split(/(\{[a-z0-9_]+\})/).forEach(function (part) {
      var name = /^\{([a-z0-9_]+)\}$/.exec(part);
      if (name) {
        var v = values[name[1]];
        out.appendChild(typeof v === "string" ? document.createTextNode(v) : v);
        return;
      }
      part.split(/(`[^`]+`)/).forEach(function (bit) {
        if (/^`[^`]+`$/.test(bit)) out.appendChild(el("code", null, bit.slice(1, -1).trim()));
        else if (bit) out.appendChild(document.createTextNode(bit));
      });
    });
    return out;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function keyed(key, text) { return el("span", { "data-key": key }, text); }
  function stated(name) { return X[name][0] ? keyed(X[name][0], X[name][1]) : X[name][1]; }
  function keyedSpan(values, text, key) {
    var lo = 0, hi = 0;
    values.forEach(function (v, i) { if (v < values[lo]) lo = i; if (v > values[hi]) hi = i; });
    var a = text(values[lo]), b = text(values[hi]);
    if (a === b) return keyed(key(lo + 1), a);
    return t("outlook_span", { lo: keyed(key(lo + 1), a), hi: keyed(key(hi + 1), b) });
  }
  function counted(n) { return n === 1 ? "_one" : "_other"; }  // szreport.themes.outlook.text.counted
  function listText(texts) { return texts.join(T.outlook_list_sep); }

  // --- the arithmetic (szreport.outlook_scenarios, metrics) ------------------------------------------
  function project(level, r, years) { return level * Math.pow(1 + r / 100, years); }
  function nominalGrowth(real, deflator) { return ((1 + real / 100) * (1 + deflator / 100) - 1) * 100; }
  function cagr(start, end, years) { return (Math.pow(end / start, 1 / years) - 1) * 100; }
  function path(level, from, to, r) {
    var out = [];
    for (var y = from; y <= to; y++) out.push([y, project(level, r, y - from)]);
    return out;
  }
  function yearReaching(level, target, from, r) {
    for (var n = 0; n <= B.max_years; n++) if (project(level, r, n) >= target * (1 - 1e-12)) return from + n;
    return null;
  }
  function isStatedTarget(target) {
    var a = target * B.factor_trillion_to_stated, b = B.stated_target;
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  function compute(p) {
    var h = p.horizon_year, target = p.gdp_target_yuan_trillion, c = { p: p, years: h - B.gdp_year };
    c.gdp = p.gdp_real_growth_scenarios_pct.map(function (real) {
      var nominal = nominalGrowth(real, p.gdp_deflator_pct);
      var line = path(B.gdp_trillion, B.gdp_year, h, nominal);
      var gdpH = project(B.gdp_100m, nominal, h - B.gdp_year), rdH = gdpH * p.rd_intensity_target_pct / 100;
      return {
        real: real, nominal: nominal, path: line, level: line[line.length - 1][1], gdpH: gdpH, rdH: rdH,
        when: yearReaching(B.gdp_trillion, target, B.gdp_year, nominal), cagr: cagr(B.rd_100m, rdH, h - B.rd_year)
      };
    });
    c.reached = c.gdp.filter(function (s) { return s.level >= target * (1 - 1e-12); }).length;
    c.requiredNominal = cagr(B.gdp_trillion, target, c.years);
    c.requiredReal = ((1 + c.requiredNominal / 100) / (1 + p.gdp_deflator_pct / 100) - 1) * 100;
    c.diff = c.requiredReal - B.achieved_real;
    c.step = (p.rd_intensity_target_pct - B.rd_intensity) / (h - B.rd_intensity_year);
    c.trade = p.trade_growth_scenarios_pct.map(function (r) {
      var line = path(B.trade_trillion, B.trade_year, h, r), level = line[line.length - 1][1];
      return { rate: r, path: line, level: level, increment: level - B.trade_trillion };
    });
    return c;
  }

  // --- the sentences (data-sz-text) and tables -------------------------------------------------------
  function targetText(target) {
    return keyed("gdp_target_yuan_trillion",
      isStatedTarget(target) ? X.target_stated[1] : amount(target, "万亿元", decimalsOf(target, 0)));
  }
  function sentences(c) {
    var p = c.p, h = function () { return keyed("horizon_year", year(p.horizon_year)); };
    var deflator = function () { return keyed("gdp_deflator_assumption_pct", rate(p.gdp_deflator_pct)); };
    var years = function () { return keyed("years_to_horizon", number(c.years, 0)); };
    var pick = function (list, f) { return list.map(f); };
    var target = p.gdp_target_yuan_trillion, common = {
      description: X.target_description[1], source: X.target_source[1], stated: stated("target_stated"),
      stated_year: stated("target_stated_year"), horizon: h()
    };
    var targetKey = !isStatedTarget(target) ? "outlook_p_target_parameter"
      : p.horizon_year !== B.stated_target_year ? "outlook_p_target_moved" : "outlook_p_target_stated";
    common.target = keyed("gdp_target_yuan_trillion", amount(target, "万亿元", decimalsOf(target, 0)));
    var comparison = Math.abs(c.diff) < 0.05 ? "outlook_p_required_equal"
      : c.diff > 0 ? "outlook_p_required_above" : "outlook_p_required_below";
    return {
      not_forecast: t("outlook_p_not_forecast", { horizon: h() }),
      deflator: t("outlook_p_deflator", {
        deflator: deflator(), period: stated("plan_period"), v0: stated("gdp_start"), v1: stated("gdp"),
        nominal: stated("plan_nominal"), real: stated("plan_real"), implied: stated("plan_deflator")
      }),
      target: t(targetKey, common),
      gdp: t("outlook_p_gdp" + counted(c.years), {
        base_year: stated("gdp_year"), base: stated("gdp"), deflator: deflator(), horizon: h(), years: years(),
        real: keyedSpan(pick(c.gdp, function (s) { return s.real; }), rate,
          function (i) { return "scenario_" + i + "_gdp_real_growth_pct"; }),
        nominal: keyedSpan(pick(c.gdp, function (s) { return s.nominal; }), function (v) { return pct(v, 2); },
          function (i) { return "scenario_" + i + "_gdp_nominal_growth_pct"; }),
        levels: keyedSpan(pick(c.gdp, function (s) { return s.level; }), function (v) { return amount(v, "万亿元", 2); },
          function (i) { return "scenario_" + i + "_gdp_horizon_yuan_trillion"; })
      }),
      gdp_reaching: t(c.gdp.length === 1 ? "outlook_p_gdp_reaching_single_" + (c.reached ? "yes" : "no") : "outlook_p_gdp_reaching" + counted(c.reached), {
        n: keyed("gdp_scenario_count", number(c.gdp.length, 0)),
        k: keyed("gdp_scenarios_reaching_target_count", number(c.reached, 0)), target: targetText(target), horizon: h()
      }),
      required: t("outlook_p_required" + counted(c.years), {
        base_year: stated("gdp_year"), base: stated("gdp"), horizon: h(), target: targetText(target), years: years(),
        nominal: keyed("gdp_target_required_nominal_cagr_pct", pct(c.requiredNominal, 2)), deflator: deflator(),
        real: keyed("gdp_target_required_real_growth_pct", pct(c.requiredReal, 2))
      }),
      required_comparison: t(comparison, {
        diff: keyed("gdp_target_required_minus_achieved_real_pp", amount(Math.abs(c.diff), "pp", 1)),
        period: stated("plan_period"), achieved: stated("plan_real")
      }),
      rd_path: t("outlook_p_rd_path", {
        base_year: stated("rd_intensity_year"), base: stated("rd_intensity"), horizon: h(),
        target: keyed("rd_intensity_target_pct", rate(p.rd_intensity_target_pct)),
        step: keyed("rd_intensity_step_pp_per_year", signed(c.step, "pp", 2))
      }),
      rd_spending: t("outlook_p_rd_spending", {
        horizon: h(), rd_year: stated("rd_year"), rd: stated("rd"), period: stated("rd_cagr_period"),
        cagr: stated("rd_cagr"),
        levels: keyedSpan(pick(c.gdp, function (s) { return s.rdH; }), function (v) { return amount(v, "亿元", 0); },
          function (i) { return "scenario_" + i + "_rd_horizon_yuan_100m"; }),
        g: keyedSpan(pick(c.gdp, function (s) { return s.cagr; }), function (v) { return pct(v, 1); },
          function (i) { return "scenario_" + i + "_rd_cagr_to_horizon_pct"; })
      }),
      trade: t("outlook_p_trade" + counted(c.years), {
        base_year: stated("trade_year"), base: stated("trade"), horizon: h(), years: years(),
        g: keyedSpan(pick(c.trade, function (s) { return s.rate; }), rate,
          function (i) { return "trade_scenario_" + i + "_growth_pct"; }),
        levels: keyedSpan(pick(c.trade, function (s) { return s.level; }), function (v) { return amount(v, "万亿元", 2); },
          function (i) { return "trade_scenario_" + i + "_horizon_yuan_trillion"; }),
        inc: keyedSpan(pick(c.trade, function (s) { return s.increment; }),
          function (v) { return signed(v, "万亿元", 2); },
          function (i) { return "trade_scenario_" + i + "_increment_yuan_trillion"; })
      })
    };
  }
  function tables(c) {
    var p = c.p, hy = year(p.horizon_year), target = p.gdp_target_yuan_trillion;
    var name = function (i) { return tText("outlook_scenario_name", { i: i + 1 }); };
    var col = function (key, values) { return tText(key, values || {}); };
    return {
      assumptions: {
        caption: col("outlook_caption_assumptions"),
        head: [col("outlook_col_assumption"), col("outlook_col_setting")],
        rows: [
          [col("outlook_param_horizon_year"), hy],
          [col("outlook_param_gdp_real_growth_scenarios_pct"), listText(p.gdp_real_growth_scenarios_pct.map(rate))],
          [col("outlook_param_gdp_deflator_pct"), rate(p.gdp_deflator_pct)],
          [col("outlook_param_gdp_target_yuan_trillion"), amount(target, "万亿元", decimalsOf(target, 0))],
          [col("outlook_param_rd_intensity_target_pct"), rate(p.rd_intensity_target_pct)],
          [col("outlook_param_trade_growth_scenarios_pct"), listText(p.trade_growth_scenarios_pct.map(rate))]
        ]
      },
      gdp: {
        caption: col("outlook_caption_gdp", { horizon: hy }),
        head: [col("outlook_col_scenario"), col("outlook_col_real_growth"), col("outlook_col_nominal_growth"),
          col("outlook_col_gdp_horizon", { horizon: hy }), col("outlook_col_gap_to_target"),
          col("outlook_col_target_year")],
        rows: c.gdp.map(function (s, i) {
          return [name(i), rate(s.real), pct(s.nominal, 2), amount(s.level, "万亿元", 2),
            signed(s.level - target, "万亿元", 2),
            s.when !== null ? year(s.when) : col("outlook_not_reached", { year: year(B.gdp_year + B.max_years) })];
        })
      },
      rd: {
        caption: col("outlook_caption_rd", { horizon: hy }),
        head: [col("outlook_col_scenario"), col("outlook_col_real_growth"), col("outlook_col_gdp_horizon", { horizon: hy }),
          col("outlook_col_rd_horizon", { horizon: hy }), col("outlook_col_rd_growth", { year: year(B.rd_year) })],
        rows: c.gdp.map(function (s, i) {
          return [name(i), rate(s.real), amount(s.gdpH * B.factor_100m_to_trillion, "万亿元", 2),
            amount(s.rdH, "亿元", 0), pct(s.cagr, 1)];
        })
      },
      trade: {
        caption: col("outlook_caption_trade", { horizon: hy }),
        head: [col("outlook_col_scenario"), col("outlook_col_trade_growth"),
          col("outlook_col_trade_horizon", { horizon: hy }), col("outlook_col_trade_increment" + counted(c.years), { years: number(c.years, 0) })],
        rows: c.trade.map(function (s, i) {
          return [name(i), rate(s.rate), amount(s.level, "万亿元", 2), signed(s.increment, "万亿元", 2)];
        })
      }
    };
  }
  function fillTable(wrap, spec) {
    wrap.querySelector(".sz-caption").textContent = spec.caption;
    var table = wrap.querySelector("table"), head = el("tr"), body = el("tbody");
    spec.head.forEach(function (text) { head.appendChild(el("th", null, text)); });
    spec.rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (text) { tr.appendChild(el("td", null, text)); });
      body.appendChild(tr);
    });
    table.querySelector("thead").replaceChildren(head);
    table.querySelector("tbody").replaceWith(body);
  }

  // --- charts as SVG, in the look of szreport.charts: the published pictures' sizes (read from them), their
  // fonts and point sizes, the legend in a strip above the plot; every data mark as szreport.charts.marks writes
  // it (data-mark, data-value as the chart's CSV writes it, data-label, data-year, an accessible name), so that
  // marks.js shows its value on hover, tap and focus. Each chart also gives its series (for its alt text and its
  // numbers table) and its CSV.
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function fillIn(template, values) { return template.replace(/\{([a-z]+)\}/g, function (_, k) { return values[k]; }); }
  function textWidth(text, size) {
    return Array.from(text).reduce(function (n, ch) { return n + (ch.charCodeAt(0) > 0x2e7f ? 1 : 0.56); }, 0) * size;
  }
  function wrapText(text, width, size) {  // lines of at most width (units), broken at spaces or by a CJK character
    var lines = [], line = "";
    text.split(/(\s+|[\u2e80-\uffff])/).filter(Boolean).forEach(function (word) {
      if (line && textWidth(line + word, size) > width) { lines.push(line.trim()); line = /^\s+$/.test(word) ? "" : word; }
      else line += word;
    });
    lines.push(line.trim());
    return lines.filter(Boolean);
  }
  function niceTicks(lo, hi, count) {
    var raw = (hi - lo) / count, mag = Math.pow(10, Math.floor(Math.log10(raw))), step = mag;
    [1, 2, 2.5, 5, 10].some(function (f) { step = f * mag; return f * mag >= raw; });
    var ticks = [];
    for (var v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) ticks.push(v);
    return { ticks: ticks, decimals: Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / mag === 2.5 ? 1 : 0)) };
  }
  function mark(node, chart, m, first) {  // m: label, year, value (the CSV's text), note
    var shown = fillIn(chart.spec.shown, { value: m.value });
    var name = m.year ? fillIn(chart.spec.mark_name, { label: m.label, year: m.year, shown: shown })
      : fillIn(chart.spec.mark_name_noted, { label: m.label, note: m.note, shown: shown });
    var attrs = { "data-mark": m.kind, "data-value": m.value, "data-label": m.label, "data-shown": shown, role: "img",
      "aria-label": name, tabindex: first ? "0" : "-1" };
    if (m.year) attrs["data-year"] = m.year;
    if (m.note) attrs["data-note"] = m.note;
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  // The frame of one drawing: size as the published picture's (box: w, h in pt, css width, height), the legend's
  // strip, axes, ticks and the source line under the plot.
  function frame(spec, box, lo, hi, legend) {
    var narrow = box.narrow, fs = narrow ? 9 : 9, small = narrow ? 9 : 8, W = box.w;
    var root = svg("svg", { xmlns: SVGNS, viewBox: "0 0 " + W + " " + box.h, width: box.cssW, height: box.cssH,
      role: "group", class: box.cls, "font-family": M.font.concat(["sans-serif"]).map(function (f) { return /\s/.test(f) ? "'" + f + "'" : f; }).join(", ") });
    var rows = [[]], x = 0, itemW = function (it) { return 22 + textWidth(it.label, small) + 10; };
    legend.forEach(function (it) {
      if (x + itemW(it) > W - 12 && rows[rows.length - 1].length) { rows.push([]); x = 0; }
      rows[rows.length - 1].push([x, it]); x += itemW(it);
    });
    if (!legend.length) rows = [];
    var source = wrapText(spec.source, W - 12, small), left = 8 + fs * 3.6 + (spec.ylabel ? fs * 1.6 : 0);
    var top = 8 + rows.length * (small + 5) + 6, bottom = box.h - 8 - source.length * (small + 3) - fs * 2.2;
    var right = W - (narrow ? 34 : 46), plotW = right - left, plotH = bottom - top;
    rows.forEach(function (row, r) {
      row.forEach(function (cell) {
        var it = cell[1], gx = 8 + cell[0], gy = 8 + r * (small + 5) + small / 2;
        if (it.star) root.appendChild(svg("text", { x: gx + 5, y: gy + small * 0.45, "font-size": small * 1.5, fill: it.color }, "★"));
        else if (it.bar) root.appendChild(svg("rect", { x: gx + 3, y: gy - small / 2, width: 12, height: small, fill: it.color }));
        else {
          root.appendChild(svg("line", { x1: gx, x2: gx + 18, y1: gy, y2: gy, stroke: it.color, "stroke-width": it.width, "stroke-dasharray": it.dashed ? "5.6,2.4" : "none" }));
          root.appendChild(svg("circle", { cx: gx + 9, cy: gy, r: it.size / 2, fill: it.color }));
        }
        root.appendChild(svg("text", { x: gx + 22, y: gy + small * 0.36, "font-size": small, fill: "#222" }, it.label));
      });
    });
    var sy = function (y) { return top + (hi - y) / (hi - lo) * plotH; };
    var ticks = niceTicks(lo, hi, narrow ? 4 : 6);
    ticks.ticks.forEach(function (v) {
      root.appendChild(svg("line", { x1: left, x2: right, y1: sy(v), y2: sy(v), stroke: "#dddddd", "stroke-width": 0.6 }));
      root.appendChild(svg("text", { x: left - 4, y: sy(v) + fs * 0.35, "font-size": fs, "text-anchor": "end", fill: "#222" },
        number(v, ticks.decimals).replace(/,/g, "")));
    });
    root.appendChild(svg("line", { x1: left, x2: left, y1: top, y2: bottom, stroke: "#222", "stroke-width": 0.8 }));
    root.appendChild(svg("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: "#222", "stroke-width": 0.8 }));
    if (spec.ylabel) {
      root.appendChild(svg("text", { transform: "translate(" + (8 + fs * 0.8) + "," + (top + plotH / 2) + ") rotate(-90)", "font-size": fs,
        "text-anchor": "middle", fill: "#222" }, spec.ylabel));
    }
    source.forEach(function (line, i) {
      root.appendChild(svg("text", { x: 6, y: box.h - 8 - (source.length - 1 - i) * (small + 3), "font-size": small, fill: "#555555" }, line));
    });
    return { root: root, sy: sy, left: left, right: right, top: top, bottom: bottom, plotW: plotW, plotH: plotH, fs: fs, small: small };
  }
  function lineChart(chart, box) {
    var spec = chart.spec, ys = [], xs = [];
    chart.lines.forEach(function (s) { s.points.forEach(function (pt) { xs.push(pt[0]); ys.push(pt[1]); }); });
    var lo = Math.min.apply(null, ys), hi = Math.max.apply(null, ys), xlo = Math.min.apply(null, xs), xhi = Math.max.apply(null, xs);
    var my = (hi - lo || 1) * 0.06, mx = (xhi - xlo || 1) * 0.04;
    var f = frame(spec, box, lo - my, hi + my, chart.lines), root = f.root;
    var sx = function (x) { return f.left + (x - xlo + mx) / (xhi - xlo + 2 * mx) * f.plotW; };
    var step = Math.max(1, Math.ceil((xhi - xlo) / (box.narrow ? 5 : 11)));
    for (var x = Math.ceil(xlo); x <= xhi; x += step) {
      root.appendChild(svg("text", { x: sx(x), y: f.bottom + f.fs * 1.3, "font-size": f.fs, "text-anchor": "middle", fill: "#222" }, String(x)));
    }
    if (spec.vline) {
      root.appendChild(svg("line", { x1: sx(spec.vline.x), x2: sx(spec.vline.x), y1: f.top, y2: f.bottom,
        stroke: M.context, "stroke-dasharray": "1.2,2", "stroke-width": 1 }));
      root.appendChild(svg("text", { x: sx(spec.vline.x) + 3, y: f.top + f.small, "font-size": f.small, fill: M.context }, spec.vline.label));
    }
    var count = 0;
    chart.lines.forEach(function (s) {
      if (!s.star) {
        root.appendChild(svg("path", { d: s.points.map(function (pt, i) { return (i ? "L" : "M") + sx(pt[0]).toFixed(2) + " " + f.sy(pt[1]).toFixed(2); }).join(" "),
          fill: "none", stroke: s.color, "stroke-width": s.width, "stroke-dasharray": s.dashed ? "5.6,2.4" : "none" }));
      }
      s.points.forEach(function (pt) {
        var cx = sx(pt[0]), cy = f.sy(pt[1]), node;
        if (s.star) {
          var star = [];
          for (var k = 0; k < 10; k++) {
            var r = k % 2 ? 2.4 : 6, a = Math.PI / 2 + k * Math.PI / 5;
            star.push((cx + r * Math.cos(a)).toFixed(2) + "," + (cy - r * Math.sin(a)).toFixed(2));
          }
          node = svg("polygon", { points: star.join(" "), fill: s.color });
        } else node = svg("circle", { cx: cx, cy: cy, r: s.size / 2, fill: s.color });
        root.appendChild(mark(node, chart, { kind: "point", label: s.label, year: String(pt[0]), value: csvNumber(pt[1]) }, !count++));
      });
    });
    var placed = [];
    chart.ends.slice().sort(function (a, b) { return b[1] - a[1]; }).forEach(function (e) {
      var y = f.sy(e[1]);
      if (placed.length && y - placed[placed.length - 1] < f.small * 1.2) y = placed[placed.length - 1] + f.small * 1.2;
      placed.push(y);
      root.appendChild(svg("text", { x: sx(e[0]) + 5, y: y + f.small * 0.35, "font-size": f.small, fill: e[3] }, e[2]));
    });
    return root;
  }
  function barChart(chart, box) {
    var bars = chart.bars, values = bars.map(function (b) { return b.value; });
    var low = Math.min.apply(null, values), high = Math.max.apply(null, values), lo = 0, hi = high * 1.15;
    if (low < 0) { lo = low * 1.15; hi = Math.max(Math.max(high, 0) * 1.15, 1); }
    var legend = (chart.spec.legend || []).map(function (l) { return { color: l[0], label: l[1], bar: true }; });
    var f = frame(chart.spec, box, lo, hi, legend), root = f.root, slot = f.plotW / bars.length;
    var labelRoom = f.fs * 2.6, labelSize = box.narrow ? 9 : Math.min(f.fs, slot / 5);
    bars.forEach(function (b, i) {
      var x = f.left + slot * (i + 0.15), y0 = f.sy(0), y1 = f.sy(b.value);
      root.appendChild(mark(svg("rect", { x: x, y: Math.min(y0, y1), width: slot * 0.7, height: Math.abs(y1 - y0), fill: b.color }),
        chart, { kind: "bar", label: b.label.replace(/\n/g, " "), value: csvNumber(b.value), note: chart.spec.notes[i] || "" }, i === 0));
      root.appendChild(svg("text", { x: x + slot * 0.35, y: Math.min(y0, y1) - 3, "font-size": f.small, "text-anchor": "middle", fill: "#222" }, b.text));
      b.label.split("\n").forEach(function (line, k) {
        root.appendChild(svg("text", { x: x + slot * 0.35, y: f.bottom + labelSize * 1.2 * (k + 1), "font-size": labelSize, "text-anchor": "middle", fill: "#222" }, line));
      });
    });
    void labelRoom;
    return root;
  }
  function csvNumber(v) { return pyRepr(v); }  // as pandas writes a float in the chart's CSV
  function numberText(v) { return fixed(v, 2).replace(/0+$/, "").replace(/\.$/, ""); }  // charts.draw.number_text
  function scenarioLine(points, label, i) {
    var st = M.scenario_style;
    return { points: points, label: label, color: M.colors[i % M.colors.length], dashed: true, width: st.linewidth, size: st.markersize, column: "" };
  }
  // The charts of these assumptions: for each, what it draws (lines or bars), its series as (name, [label, value,
  // text]) for szreport.charts.text, its CSV.
  function chartsOf(c) {
    var p = c.p, S = M.charts, out = {}, h = p.horizon_year;
    function lines(name, scenarios, extra, ends) {
      var spec = S[name], all = spec.history.map(function (s) { return Object.assign({ dashed: false }, s); }).concat(scenarios, extra || []);
      all.forEach(function (s, i) { if (!s.column) s.column = fillIn(spec.columns[name], { i: i - spec.history.length + 1 }); });
      out[name] = { spec: spec, lines: all, ends: ends, draw: lineChart,
        series: all.map(function (s) { return [s.label, s.points.map(function (pt) { return [String(pt[0]), pt[1], numberText(pt[1])]; })]; }),
        csv: lineCsv(all) };
    }
    var gdp = c.gdp.map(function (s, i) { return scenarioLine(s.path, tText("outlook_lbl_gdp_scenario", { rate: rate(s.real) }), i); });
    var target = { points: [[h, p.gdp_target_yuan_trillion]], label: tText("outlook_lbl_target", { target: targetText(p.gdp_target_yuan_trillion).textContent }),
      color: M.accent, star: true, size: 11, width: 0, column: S.gdp_scenarios.columns.gdp_target };
    lines("gdp_scenarios", gdp, [target], c.gdp.map(function (s, i) { return [h, s.level, number(s.level, 2), M.colors[i % M.colors.length]]; }));
    var trade = c.trade.map(function (s, i) { return scenarioLine(s.path, tText("outlook_lbl_trade_scenario", { rate: rate(s.rate) }), i); });
    lines("trade_scenarios", trade, [], c.trade.map(function (s, i) { return [h, s.level, number(s.level, 2), M.colors[i % M.colors.length]]; }));
    var rdPath = [];
    for (var y = B.rd_intensity_year; y <= h; y++) rdPath.push([y, B.rd_intensity + c.step * (y - B.rd_intensity_year)]);
    var rd = scenarioLine(rdPath, tText("outlook_lbl_rd_path", { target: rate(p.rd_intensity_target_pct), horizon: year(h) }), 0);
    rd.column = S.rd_intensity_path.columns.rd_intensity_path;
    lines("rd_intensity_path", [rd], [], [[h, p.rd_intensity_target_pct, rate(p.rd_intensity_target_pct), M.colors[0]]]);
    var R = S.gdp_required_growth, bars = R.bars.map(function (b) { return { label: b.label, value: b.value, color: b.color, text: pct(b.value, 1) }; });
    bars.push({ label: tText("outlook_bar_required", { period: period(B.gdp_year + 1, h) }), value: c.requiredReal, color: R.color_required, text: pct(c.requiredReal, 1) });
    var rows = R.rows.concat([["required_for_gdp_target", B.gdp_year + "-" + h, csvNumber(c.requiredReal), "required"]]);
    out.gdp_required_growth = { spec: R, bars: bars, draw: barChart,
      series: [[R.series_name, bars.map(function (b) { return [b.label.replace(/\n/g, " "), b.value, b.text]; })]],
      csv: [R.csv_columns].concat(rows).map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n" };
    return out;
  }
  function csvCell(text) { return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text; }
  function lineCsv(all) {  // one row a year, one column a line, as pandas writes the chart's frame
    var years = [], cells = {};
    all.forEach(function (s) {
      s.points.forEach(function (pt) { if (years.indexOf(pt[0]) < 0) years.push(pt[0]); cells[s.column + "@" + pt[0]] = csvNumber(pt[1]); });
    });
    var from = Math.min.apply(null, years), to = Math.max.apply(null, years), out = [["year"].concat(all.map(function (s) { return s.column; })).join(",")];
    for (var y = from; y <= to; y++) out.push([String(y)].concat(all.map(function (s) { return cells[s.column + "@" + y] || ""; })).join(","));
    return out.join("\n") + "\n";
  }
  // szreport.charts.text: the alt text and the numbers table, from the series.
  function seriesText(name, points) {
    if (!points.length) return "";
    var first = points[0], last = points[points.length - 1], high = first, low = first;
    points.forEach(function (pt) { if (pt[1] > high[1]) high = pt; if (pt[1] < low[1]) low = pt; });
    var text = tText(points.length === 1 ? "chart_alt_series_one" : "chart_alt_series", { n: points.length, first: first[2], first_label: first[0],
      last: last[2], last_label: last[0], high: high[2], high_label: high[0], low: low[2], low_label: low[0] });
    return name ? tText("chart_alt_named", { name: name, text: text }) : text;
  }
  // szreport.fmt.sentences: each part one sentence with one stop, joined as the language joins sentences.
  function joinSentences(parts) {
    return parts.map(function (p) { return String(p || "").trim().replace(/[\s,，;；:：、]+$/, ""); }).filter(Boolean)
      .map(function (p) { return /[.。!?！？…]["”’)）」』]*$/.test(p) ? p : p + M.stop; }).join(M.sentence_space);
  }
  function altText(chart) {
    var all = chart.series, parts = all.slice(0, M.max_described).map(function (s) { return seriesText(all.length > 1 ? s[0] : "", s[1]); });
    if (all.length > M.max_described) parts.push(tText("chart_alt_more", { n: all.length - M.max_described }));
    return chart.spec.alt.replace(M.series_slot, joinSentences(parts)).trim();
  }
  function numbersTable(chart) {
    var labels = [], head = [T.chart_numbers_label];
    chart.series.forEach(function (s) { s[1].forEach(function (pt) { if (labels.indexOf(pt[0]) < 0) labels.push(pt[0]); }); });
    chart.series.forEach(function (s) { head.push(s[0] || chart.spec.title); });
    return { head: head, rows: labels.map(function (label) {
      return [label].concat(chart.series.map(function (s) {
        var pt = s[1].filter(function (q) { return q[0] === label; })[0];
        return pt ? pt[2] : "–";
      }));
    }) };
  }

  // --- the form: parse and check as szreport.params does (the same ranges), say what is wrong in words ---------
  function pyRepr(v) {  // a number as Python's repr writes it (and pandas in a CSV)
    if (!isFinite(v)) return isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
      var e = v.toExponential().split("e"), n = parseInt(e[1], 10);
      return e[0] + "e" + (n < 0 ? "-" : "+") + String(Math.abs(n)).padStart(2, "0");
    }
    var s = String(v);
    return /[.e]/.test(s) ? s : s + ".0";
  }
  // What a reader types, as -p reads it: full-width digits and signs (NFKC), a true minus, and in a list the
  // separators of a Chinese keyboard (，、；) or a semicolon, all read as a comma.
  function normal(text) { return text.normalize("NFKC").replace(/\u2212/g, "-").trim(); }
  function scalar(text) {
    var s = text.trim();
    if (/^[-+]?\d+$/.test(s)) return { kind: "int", value: parseInt(s, 10) };
    if (/^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$/.test(s)) return { kind: "float", value: parseFloat(s) };
    return { kind: s ? "other" : "none", value: null };
  }
  function check(field, raw) {  // [value, null] or [null, message]
    var c = field.constraints, m = field.messages, value, text = normal(raw);
    if (field.type.indexOf("list") === 0) {
      var tokens = text.replace(/^\[/, "").replace(/\]$/, "").split(/[,;\u3001]/).map(function (x) { return x.trim(); }).filter(Boolean);
      var items = tokens.map(scalar), bad = items.map(function (s) { return s.kind !== "int" && s.kind !== "float" || !isFinite(s.value); }).indexOf(true);
      if (bad >= 0) return [null, fillIn(m.list_numbers, { value: tokens[bad] })];
      value = items.map(function (s) { return s.value; });
      if (c.non_empty && !value.length) return [null, m.non_empty];
      if ("max_items" in c && value.length > c.max_items) return [null, fillIn(m.max_items, { count: value.length })];
      for (var i = 0; i < value.length; i++) {
        if (!(c.item_min <= value[i] && value[i] <= c.item_max)) return [null, fillIn(m.item_range, { item: tokens[i] })];
      }
      return [value, null];
    }
    var s = scalar(text);
    if (field.type === "int" && s.kind !== "int") return [null, m.int];
    if (field.type === "float" && ((s.kind !== "int" && s.kind !== "float") || !isFinite(s.value))) return [null, m.float];
    value = s.value;
    if (("min" in c && value < c.min) || ("max" in c && value > c.max)) return [null, m.range];
    if (field.name === "horizon_year" && value <= M.last_data_year) return [null, M.horizon_message];
    return [value, null];
  }
  function valueText(v, field) {
    if (Array.isArray(v)) return v.map(function (x) { return pyRepr(x); }).join(", ");
    return field.type === "int" ? String(v) : pyRepr(v);
  }
  function cliText(v) { return Array.isArray(v) ? "[" + v.map(String).join(", ") + "]" : String(v); }

  var inputs = {}, errors = {}, fieldsNode = form.querySelector(".sz-fields");
  M.fields.forEach(function (field) {
    var id = "sz-p-" + field.name, row = el("div", { class: "sz-field" });
    row.appendChild(el("label", { for: id }, field.label));
    var input = el("input", { id: id, name: field.name, type: "text", autocomplete: "off", spellcheck: "false",
      inputmode: field.type === "int" ? "numeric" : "decimal", "aria-describedby": id + "-hint " + id + "-error" });
    input.value = valueText(M.published[field.name], field);
    row.appendChild(input);
    row.appendChild(el("span", { class: "sz-hint", id: id + "-hint" }, field.hint));
    errors[field.name] = el("span", { class: "sz-error", id: id + "-error", "aria-live": "polite" });
    row.appendChild(errors[field.name]);
    fieldsNode.appendChild(row);
    inputs[field.name] = input;
  });

  // What the page shows, found once the page is parsed (this script runs before the sections), with the
  // published assumptions: the tables of the sections, and for each chart its pictures, its numbers and its files.
  var published = tables(compute(M.published)), tableNodes = {}, chartNodes = {}, urls = [];
  function findNodes() {
    Array.prototype.forEach.call(document.querySelectorAll(".sz-table-wrap"), function (wrap) {
      var caption = wrap.querySelector(".sz-caption");
      Object.keys(published).forEach(function (k) { if (caption && caption.textContent === published[k].caption) tableNodes[k] = wrap; });
    });
    Object.keys(M.charts).forEach(function (name) {
      var link = document.querySelector('p.sz-chart-files a[href$="/outlook/' + name + '.csv"]');
      var files = link && link.parentNode, child = files && files.closest(".jp-OutputArea-child");
      var picture = child && child.previousElementSibling && child.previousElementSibling.querySelector(".sz-chart");
      if (!picture) return;
      var holder = el("div", { class: "sz-live-chart" }), edited = el("p", { class: "sz-source sz-chart-files sz-edited-files" });
      var label = el("span", { class: "sz-files-label" }, T.outlook_ui_files_published + " ");
      holder.hidden = edited.hidden = label.hidden = true;
      picture.appendChild(holder);
      files.parentNode.insertBefore(edited, files);
      files.insertBefore(label, files.firstChild);
      Array.prototype.forEach.call(files.querySelectorAll("a"), function (a) {
        a.setAttribute("aria-label", a.getAttribute("aria-label") + " (" + T.outlook_ui_published + ")");
      });
      var boxes = Array.prototype.map.call(picture.querySelectorAll(":scope > svg"), function (s) {
        var vb = s.getAttribute("viewBox").split(/\s+/).map(Number);
        return { w: vb[2], h: vb[3], cssW: s.getAttribute("width"), cssH: s.getAttribute("height"), cls: s.getAttribute("class"), narrow: s.classList.contains("sz-narrow") };
      });
      var numbers = child.querySelector("details.sz-numbers table");
      chartNodes[name] = { picture: picture, holder: holder, boxes: boxes, numbers: numbers, published: numbers && numbers.innerHTML,
        files: files, edited: edited, label: label, figure: (link.getAttribute("aria-label") || "").replace(/ .*$/, "") };
    });
    form.dataset.state = "published";
    restore();
  }
  var status = form.querySelector(".sz-scenarios-status"), linkNode = form.querySelector(".sz-link"), current = M.published;

  function fillNumbers(table, spec) {
    var head = el("tr"), body = el("tbody");
    spec.head.forEach(function (text) { head.appendChild(el("th", null, text)); });
    spec.rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (text, i) { tr.appendChild(el("td", { "data-th": spec.head[i] }, text)); });
      body.appendChild(tr);
    });
    table.querySelector("thead").replaceChildren(head);
    table.querySelector("tbody").replaceWith(body);
  }
  function download(text, type, file, words) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    urls.push(url);
    return el("a", { href: url, download: file, type: type }, words);
  }
  function showChart(name, chart) {
    var n = chartNodes[name];
    n.holder.hidden = n.edited.hidden = n.label.hidden = !chart;
    n.holder.replaceChildren();
    n.edited.replaceChildren();
    if (!chart) {
      if (n.numbers) n.numbers.innerHTML = n.published;  // the page's own markup, as it was built
      return;
    }
    var alt = altText(chart);
    n.boxes.forEach(function (box) {
      var drawn = chart.draw(chart, box);
      drawn.setAttribute("aria-label", alt);
      n.holder.appendChild(drawn);
    });
    if (n.numbers) fillNumbers(n.numbers, numbersTable(chart));
    var file = name + "-edited", picture = new XMLSerializer().serializeToString(n.holder.firstChild);
    n.edited.appendChild(document.createTextNode(T.outlook_ui_files_edited + " "));
    n.edited.appendChild(download(chart.csv, "text/csv", file + ".csv", tText("chart_file_data", { format: "CSV" })));
    n.edited.appendChild(document.createTextNode(" · "));
    n.edited.appendChild(download('<?xml version="1.0" encoding="utf-8"?>\n' + picture, "image/svg+xml", file + ".svg", tText("chart_file_image", { format: "SVG" })));
    Array.prototype.forEach.call(n.edited.querySelectorAll("a"), function (a) {
      a.setAttribute("aria-label", n.figure + " " + a.textContent + " (" + T.outlook_ui_edited + ")");
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function reproduce(p) {
    var parts = [M.command], yaml = [], address = [];
    M.fields.forEach(function (field) {
      var v = p[field.name];
      if (!same(v, field.default)) parts.push(Array.isArray(v) ? "-p '" + field.name + "=" + cliText(v) + "'" : "-p " + field.name + "=" + cliText(v));
      yaml.push(field.name + ": " + cliText(v));
      address.push(field.name + "=" + encodeURIComponent(Array.isArray(v) ? v.join(",") : String(v)));
    });
    form.querySelector(".sz-command").textContent = parts.join(" ");
    form.querySelector(".sz-yaml").textContent = yaml.join("\n") + "\n";
    if (linkNode) linkNode.setAttribute("href", "#" + address.join("&"));
  }
  function update() {
    var p = {}, ok = true;
    M.fields.forEach(function (field) {
      var r = check(field, inputs[field.name].value);
      errors[field.name].textContent = r[1] || "";
      inputs[field.name].setAttribute("aria-invalid", r[1] ? "true" : "false");
      if (r[1]) ok = false; else p[field.name] = r[0];
    });
    if (!ok) { status.textContent = T.outlook_ui_invalid; form.dataset.state = "invalid"; return; }
    current = p;
    var c = compute(p), texts = sentences(c), tabs = tables(c), isPublished = same(p, M.published);
    Array.prototype.forEach.call(document.querySelectorAll("[data-sz-text]"), function (node) {
      var name = node.getAttribute("data-sz-text");
      if (texts[name]) node.replaceChildren(texts[name].cloneNode(true));
    });
    Object.keys(tableNodes).forEach(function (k) { fillTable(tableNodes[k], tabs[k]); });
    var drawn = isPublished ? {} : chartsOf(c);
    urls.splice(0).forEach(function (u) { URL.revokeObjectURL(u); });  // the files of the last edit
    Object.keys(chartNodes).forEach(function (name) { showChart(name, drawn[name]); });
    reproduce(p);
    status.textContent = isPublished ? "" : T.outlook_ui_changed;
    form.dataset.state = isPublished ? "published" : "changed";
  }
  // The assumptions in the address: outlook.html#horizon_year=2035&gdp_real_growth_scenarios_pct=4,5,6 (names as
  // the inputs'), restored when the page opens with them (from file:// too) and when the address changes.
  function restore() {
    var given = false;
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("="), name = pair.slice(0, at), value;
      if (at < 1 || !inputs[name]) return;
      try { value = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " ")); } catch (e) { value = pair.slice(at + 1); }
      inputs[name].value = value;
      given = true;
    });
    if (given) update();
  }
  function copy(button) {
    var text = form.querySelector(button.getAttribute("data-copy") === "yaml" ? ".sz-yaml" : ".sz-command").textContent;
    var done = function () { status.textContent = T.outlook_ui_copied; };
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, function () {});
  }
  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.querySelector(".sz-reset").addEventListener("click", function () {
    M.fields.forEach(function (field) { inputs[field.name].value = valueText(M.published[field.name], field); });
    update();
  });
  if (linkNode) linkNode.addEventListener("click", function () { setTimeout(function () { status.textContent = T.outlook_ui_link_note; }, 0); });
  window.addEventListener("hashchange", restore);
  Array.prototype.forEach.call(form.querySelectorAll(".sz-copy"), function (b) { b.addEventListener("click", function () { copy(b); }); });
  reproduce(current);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", findNodes);
  else findNodes();
  window.szScenarios = { compute: compute, fixed: fixed, check: check, fields: M.fields, update: update };
})();
