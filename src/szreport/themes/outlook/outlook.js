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
      gdp: t("outlook_p_gdp", {
        base_year: stated("gdp_year"), base: stated("gdp"), deflator: deflator(), horizon: h(), years: years(),
        real: keyedSpan(pick(c.gdp, function (s) { return s.real; }), rate,
          function (i) { return "scenario_" + i + "_gdp_real_growth_pct"; }),
        nominal: keyedSpan(pick(c.gdp, function (s) { return s.nominal; }), function (v) { return pct(v, 2); },
          function (i) { return "scenario_" + i + "_gdp_nominal_growth_pct"; }),
        levels: keyedSpan(pick(c.gdp, function (s) { return s.level; }), function (v) { return amount(v, "万亿元", 2); },
          function (i) { return "scenario_" + i + "_gdp_horizon_yuan_trillion"; })
      }),
      gdp_reaching: t("outlook_p_gdp_reaching", {
        n: keyed("gdp_scenario_count", number(c.gdp.length, 0)),
        k: keyed("gdp_scenarios_reaching_target_count", number(c.reached, 0)), target: targetText(target), horizon: h()
      }),
      required: t("outlook_p_required", {
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
      trade: t("outlook_p_trade", {
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
          col("outlook_col_trade_horizon", { horizon: hy }), col("outlook_col_trade_increment", { years: number(c.years, 0) })],
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

  // --- charts as SVG, in the look of szreport.charts ----------------------------------------------------
  var W = 720, H = 380, PAD = { left: 60, right: 78, top: 40, bottom: 78 }, TITLE_ROOM = 16;
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function niceTicks(lo, hi) {
    var raw = (hi - lo) / 6, mag = Math.pow(10, Math.floor(Math.log10(raw))), step = mag;
    [1, 2, 2.5, 5, 10].some(function (f) { step = f * mag; return f * mag >= raw; });
    var ticks = [];
    for (var v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) ticks.push(v);
    return { ticks: ticks, decimals: Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / mag === 2.5 ? 1 : 0)) };
  }
  function textLines(parent, x, y, text, attrs, lineHeight) {
    String(text).split("\n").forEach(function (line, i) {
      parent.appendChild(svg("text", Object.assign({ x: x, y: y + i * lineHeight }, attrs), line));
    });
  }
  function wrapText(text, width) {
    var lines = [], line = "", units = 0;
    Array.from(text).forEach(function (ch) {
      var u = ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
      if (units + u > width && (ch === " " || u === 2)) { lines.push(line.trim()); line = ""; units = 0; }
      line += ch; units += u;
    });
    lines.push(line.trim());
    return lines.join("\n");
  }
  function frame(spec, lo, hi, xlo, xhi) {
    var source = wrapText(spec.source, 118), height = H + 12 * Math.max(0, source.split("\n").length - 2);
    // The title is the caption line's, above the chart (as for the published picture): named, not drawn; the
    // view starts below the room it took.
    var root = svg("svg", { viewBox: "0 " + TITLE_ROOM + " " + W + " " + (height - TITLE_ROOM), role: "img", "aria-label": spec.title, class: "sz-svg-chart" });
    root.appendChild(svg("title", {}, spec.title));
    var plotW = W - PAD.left - PAD.right, plotH = H - PAD.top - PAD.bottom;
    var sx = function (x) { return PAD.left + (x - xlo) / (xhi - xlo) * plotW; };
    var sy = function (y) { return PAD.top + (hi - y) / (hi - lo) * plotH; };
    var ticks = niceTicks(lo, hi);
    ticks.ticks.forEach(function (v) {
      root.appendChild(svg("line", { x1: PAD.left, x2: PAD.left + plotW, y1: sy(v), y2: sy(v), stroke: "#dddddd", "stroke-width": 0.8 }));
      root.appendChild(svg("text", { x: PAD.left - 6, y: sy(v) + 4, "font-size": 12, "text-anchor": "end", fill: "#222" },
        v.toFixed(ticks.decimals)));
    });
    root.appendChild(svg("line", { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: PAD.top + plotH, stroke: "#222", "stroke-width": 1 }));
    root.appendChild(svg("line", { x1: PAD.left, x2: PAD.left + plotW, y1: PAD.top + plotH, y2: PAD.top + plotH, stroke: "#222", "stroke-width": 1 }));
    if (spec.ylabel) {
      root.appendChild(svg("text", { transform: "translate(16," + (PAD.top + plotH / 2) + ") rotate(-90)", "font-size": 12,
        "text-anchor": "middle", fill: "#222" }, spec.ylabel));
    }
    textLines(root, 8, H - 30, source, { "font-size": 10, fill: "#555555" }, 12);
    return { root: root, sx: sx, sy: sy, plotW: plotW, plotH: plotH };
  }
  function lineChart(spec, series, target, ends) {
    var ys = [], xs = [];
    series.forEach(function (s) { s.points.forEach(function (pt) { xs.push(pt[0]); ys.push(pt[1]); }); });
    if (target) { ys.push(target[1]); }
    var lo = Math.min.apply(null, ys), hi = Math.max.apply(null, ys), xlo = Math.min.apply(null, xs), xhi = Math.max.apply(null, xs);
    var my = (hi - lo || 1) * 0.05, mx = (xhi - xlo || 1) * 0.05;
    var f = frame(spec, lo - my, hi + my, xlo - mx, xhi + mx), root = f.root;
    var step = Math.max(1, Math.ceil((xhi - xlo) / 12));
    for (var x = Math.ceil(xlo); x <= xhi; x += step) {
      root.appendChild(svg("text", { x: f.sx(x), y: PAD.top + f.plotH + 16, "font-size": 12, "text-anchor": "middle", fill: "#222" }, String(x)));
    }
    if (spec.vline) {
      root.appendChild(svg("line", { x1: f.sx(spec.vline.x), x2: f.sx(spec.vline.x), y1: PAD.top, y2: PAD.top + f.plotH,
        stroke: M.context, "stroke-dasharray": "1.5,2.5", "stroke-width": 1.2 }));
      root.appendChild(svg("text", { x: f.sx(spec.vline.x) + 3, y: PAD.top + 10, "font-size": 10, fill: M.context }, spec.vline.label));
    }
    var points = [];
    series.forEach(function (s) {
      var d = s.points.map(function (pt, i) { points.push([f.sx(pt[0]), f.sy(pt[1])]); return (i ? "L" : "M") + f.sx(pt[0]).toFixed(1) + " " + f.sy(pt[1]).toFixed(1); }).join(" ");
      root.appendChild(svg("path", { d: d, fill: "none", stroke: s.color, "stroke-width": s.width * 1.33, "stroke-dasharray": s.dashed ? "6,2.6" : "none" }));
      s.points.forEach(function (pt) { root.appendChild(svg("circle", { cx: f.sx(pt[0]), cy: f.sy(pt[1]), r: s.size * 0.67, fill: s.color })); });
    });
    if (target) {
      var cx = f.sx(target[0]), cy = f.sy(target[1]), star = [];
      for (var k = 0; k < 10; k++) {
        var r = k % 2 ? 3.2 : 8, a = Math.PI / 2 + k * Math.PI / 5;
        star.push((cx + r * Math.cos(a)).toFixed(1) + "," + (cy - r * Math.sin(a)).toFixed(1));
      }
      root.appendChild(svg("polygon", { points: star.join(" "), fill: M.accent }));
      points.push([cx, cy]);
    }
    endLabels(root, f, ends);
    legend(root, f, series.concat(target ? [{ label: target[2], color: M.accent, star: true }] : []), points);
    return root;
  }
  function endLabels(root, f, ends) {
    var placed = [];
    ends.slice().sort(function (a, b) { return a[1] - b[1]; }).forEach(function (e) {
      var y = f.sy(e[1]);
      if (placed.length && placed[placed.length - 1] - y < f.plotH * 0.05) y = placed[placed.length - 1] - f.plotH * 0.05;
      placed.push(y);
      root.appendChild(svg("text", { x: f.sx(e[0]) + 7, y: y + 4, "font-size": 11, fill: e[3] }, e[2]));
    });
  }
  function legend(root, f, items, points) {
    var width = 0;
    items.forEach(function (it) { width = Math.max(width, Array.from(it.label).reduce(function (n, ch) { return n + (ch.charCodeAt(0) > 0x2e7f ? 11 : 6.2); }, 0)); });
    var boxW = width + 34, boxH = items.length * 16 + 6, L = PAD.left + 8, R = PAD.left + f.plotW - boxW - 8;
    var T0 = PAD.top + 4, B0 = PAD.top + f.plotH - boxH - 4, best = null;
    [[L, T0], [R, T0], [L, B0], [R, B0]].forEach(function (c) {
      var n = points.filter(function (pt) { return pt[0] >= c[0] && pt[0] <= c[0] + boxW && pt[1] >= c[1] && pt[1] <= c[1] + boxH; }).length;
      if (best === null || n < best[2]) best = [c[0], c[1], n];
    });
    items.forEach(function (it, i) {
      var y = best[1] + 12 + i * 16;
      if (it.star) root.appendChild(svg("text", { x: best[0] + 8, y: y + 5, "font-size": 14, fill: it.color }, "★"));
      else {
        root.appendChild(svg("line", { x1: best[0], x2: best[0] + 24, y1: y, y2: y, stroke: it.color, "stroke-width": it.width * 1.33, "stroke-dasharray": it.dashed ? "6,2.6" : "none" }));
        root.appendChild(svg("circle", { cx: best[0] + 12, cy: y, r: it.size * 0.67, fill: it.color }));
      }
      root.appendChild(svg("text", { x: best[0] + 30, y: y + 4, "font-size": 11, fill: "#222" }, it.label));
    });
  }
  function barChart(spec, bars) {
    var values = bars.map(function (b) { return b.value; }), low = Math.min.apply(null, values), high = Math.max.apply(null, values);
    var lo = 0, hi = high * 1.15;
    if (low < 0) { lo = low * 1.15; hi = Math.max(Math.max(high, 0) * 1.15, 1); }
    var f = frame(spec, lo, hi, 0, bars.length), root = f.root, slot = f.plotW / bars.length;
    bars.forEach(function (b, i) {
      var x = PAD.left + slot * (i + 0.2), y0 = f.sy(0), y1 = f.sy(b.value);
      root.appendChild(svg("rect", { x: x, y: Math.min(y0, y1), width: slot * 0.6, height: Math.abs(y1 - y0), fill: b.color }));
      root.appendChild(svg("text", { x: x + slot * 0.3, y: Math.min(y0, y1) - 4, "font-size": 11, "text-anchor": "middle", fill: "#222" }, b.text));
      textLines(root, x + slot * 0.3, PAD.top + f.plotH + 16, b.label, { "font-size": 11, "text-anchor": "middle", fill: "#222" }, 13);
    });
    return root;
  }
  function scenarioLine(points, label, i) {
    var st = M.scenario_style;
    return { points: points, label: label, color: M.colors[i % M.colors.length], dashed: true, width: st.linewidth, size: st.markersize };
  }
  function drawCharts(c) {
    var p = c.p, S = M.charts, out = {};
    var gdp = c.gdp.map(function (s, i) { return scenarioLine(s.path, tText("outlook_lbl_gdp_scenario", { rate: rate(s.real) }), i); });
    out.gdp_scenarios = lineChart(S.gdp_scenarios, S.gdp_scenarios.history.concat(gdp),
      [p.horizon_year, p.gdp_target_yuan_trillion, tText("outlook_lbl_target", { target: targetText(p.gdp_target_yuan_trillion).textContent })],
      c.gdp.map(function (s, i) { return [p.horizon_year, s.level, number(s.level, 2), M.colors[i % M.colors.length]]; }));
    var trade = c.trade.map(function (s, i) { return scenarioLine(s.path, tText("outlook_lbl_trade_scenario", { rate: rate(s.rate) }), i); });
    out.trade_scenarios = lineChart(S.trade_scenarios, S.trade_scenarios.history.concat(trade), null,
      c.trade.map(function (s, i) { return [p.horizon_year, s.level, number(s.level, 2), M.colors[i % M.colors.length]]; }));
    var rdPath = [];
    for (var y = B.rd_intensity_year; y <= p.horizon_year; y++) rdPath.push([y, B.rd_intensity + c.step * (y - B.rd_intensity_year)]);
    out.rd_intensity_path = lineChart(S.rd_intensity_path, S.rd_intensity_path.history.concat([scenarioLine(rdPath,
      tText("outlook_lbl_rd_path", { target: rate(p.rd_intensity_target_pct), horizon: year(p.horizon_year) }), 0)]), null,
      [[p.horizon_year, p.rd_intensity_target_pct, rate(p.rd_intensity_target_pct), M.colors[0]]]);
    var bars = S.gdp_required_growth.bars.map(function (b) { return { label: b.label, value: b.value, color: b.color, text: pct(b.value, 1) }; });
    bars.push({ label: tText("outlook_bar_required", { period: period(B.gdp_year + 1, p.horizon_year) }), value: c.requiredReal,
      color: S.gdp_required_growth.color_required, text: pct(c.requiredReal, 1) });
    out.gdp_required_growth = barChart(S.gdp_required_growth, bars);
    return out;
  }

  // --- the form: parse and check as szreport.params does, then show ---------------------------------------
  function pyRepr(v) {
    if (v === null) return "None";
    if (typeof v === "boolean") return v ? "True" : "False";
    if (typeof v === "string") return v.indexOf("'") >= 0 && v.indexOf('"') < 0 ? '"' + v + '"' : "'" + v.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
    if (v.big) return v.big;
    if (!isFinite(v)) return isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
      var e = v.toExponential().split("e"), n = parseInt(e[1], 10);
      return e[0] + "e" + (n < 0 ? "-" : "+") + String(Math.abs(n)).padStart(2, "0");
    }
    var s = String(v);
    return /[.e]/.test(s) ? s : s + ".0";
  }
  function scalar(text) {  // a YAML scalar as -p reads it
    var s = text.trim();
    if (/^[-+]?\d+$/.test(s)) return { kind: "int", value: parseInt(s, 10), big: BigInt(s.replace(/^\+/, "")).toString() };
    if (/^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$/.test(s)) return { kind: "float", value: parseFloat(s) };
    if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return { kind: "float", value: s[0] === "-" ? -Infinity : Infinity };
    if (/^\.(nan|NaN|NAN)$/.test(s)) return { kind: "float", value: NaN };
    if (/^(true|True|TRUE|yes|Yes|YES|on|On|ON)$/.test(s)) return { kind: "bool", value: true };
    if (/^(false|False|FALSE|no|No|NO|off|Off|OFF)$/.test(s)) return { kind: "bool", value: false };
    if (s === "" || /^(null|Null|NULL|~)$/.test(s)) return { kind: "none", value: null };
    return { kind: "str", value: s };
  }
  function shown(s) { return s.kind === "int" ? { big: s.big } : s.value; }
  function fill(template, values) { return template.replace(/\{(value|item|count|last)\}/g, function (_, k) { return values[k]; }); }
  function check(field, text) {  // [value, null] or [null, message]
    var c = field.constraints, m = field.messages, value;
    if (field.type.indexOf("list") === 0) {
      var inner = text.trim().replace(/^\[/, "").replace(/\]$/, "").trim();
      var items = inner ? inner.split(",").map(scalar) : [];
      var bad = items.filter(function (s) { return (s.kind !== "int" && s.kind !== "float") || !isFinite(s.value); });
      if (bad.length) return [null, fill(m.list_numbers, { value: pyRepr(shown(bad[0])) })];
      value = items.map(function (s) { return s.value; });
    } else {
      var s = scalar(text);
      if (field.type === "int" && s.kind !== "int") return [null, fill(m.int, { value: pyRepr(shown(s)) })];
      if (field.type === "float" && ((s.kind !== "int" && s.kind !== "float") || !isFinite(s.value))) {
        return [null, fill(m.float, { value: pyRepr(shown(s)) })];
      }
      value = s.value;
      var repr = field.type === "int" ? s.big : pyRepr(value);
      if (("min" in c && value < c.min) || ("max" in c && value > c.max)) return [null, fill(m.range, { value: repr })];
      if (field.name === "horizon_year" && value <= M.last_data_year) {
        return [null, fill(M.horizon_message, { last: M.last_data_year, value: repr })];
      }
    }
    if (c.non_empty && !value.length) return [null, m.non_empty];
    if ("max_items" in c && value.length > c.max_items) return [null, fill(m.max_items, { count: value.length })];
    for (var i = 0; value.length && i < value.length; i++) {
      if (!(c.item_min <= value[i] && value[i] <= c.item_max)) return [null, fill(m.item_range, { item: pyRepr(value[i]) })];
    }
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
    row.appendChild(el("span", { class: "sz-hint", id: id + "-hint" },
      tText("outlook_ui_default", { value: valueText(field.default, field) }) + "; " + tText("outlook_ui_allowed", { allowed: field.allowed })));
    errors[field.name] = el("span", { class: "sz-error", id: id + "-error", "aria-live": "polite" });
    row.appendChild(errors[field.name]);
    fieldsNode.appendChild(row);
    inputs[field.name] = input;
  });

  // What the page shows, found once the page is parsed (this script runs before the sections), with the
  // published assumptions.
  var published = tables(compute(M.published)), tableNodes = {}, chartNodes = {};
  function findNodes() {
    Array.prototype.forEach.call(document.querySelectorAll(".sz-table-wrap"), function (wrap) {
      var caption = wrap.querySelector(".sz-caption");
      Object.keys(published).forEach(function (k) { if (caption && caption.textContent === published[k].caption) tableNodes[k] = wrap; });
    });
    Object.keys(M.charts).forEach(function (name) {
      var link = document.querySelector('p.sz-source a[href$="/outlook/' + name + '.csv"]');
      var child = link && link.closest(".jp-OutputArea-child"), img = child && child.previousElementSibling && child.previousElementSibling.querySelector("img");
      if (img) {
        var holder = el("div", { class: "sz-live-chart" });
        holder.hidden = true;
        img.parentNode.insertBefore(holder, img.nextSibling);
        chartNodes[name] = { img: img, holder: holder };
      }
    });
    form.dataset.state = "published";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", findNodes);
  else findNodes();
  var status = form.querySelector(".sz-scenarios-status"), current = M.published;

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function reproduce(p) {
    var parts = [M.command], yaml = [];
    M.fields.forEach(function (field) {
      var v = p[field.name];
      if (!same(v, field.default)) parts.push(Array.isArray(v) ? "-p '" + field.name + "=" + cliText(v) + "'" : "-p " + field.name + "=" + cliText(v));
      yaml.push(field.name + ": " + cliText(v));
    });
    form.querySelector(".sz-command").textContent = parts.join(" ");
    form.querySelector(".sz-yaml").textContent = yaml.join("\n") + "\n";
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
    var drawn = isPublished ? {} : drawCharts(c);
    Object.keys(chartNodes).forEach(function (name) {
      var n = chartNodes[name];
      n.img.hidden = !isPublished;
      n.holder.hidden = isPublished;
      n.holder.replaceChildren();
      if (drawn[name]) n.holder.appendChild(drawn[name]);
    });
    reproduce(p);
    status.textContent = isPublished ? "" : T.outlook_ui_changed;
    form.dataset.state = isPublished ? "published" : "changed";
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
  Array.prototype.forEach.call(form.querySelectorAll(".sz-copy"), function (b) { b.addEventListener("click", function () { copy(b); }); });
  reproduce(current);
  window.szScenarios = { compute: compute, fixed: fixed, check: check, fields: M.fields, update: update };
})();
