/* Values under the cursor, the finger and the keyboard (szreport.charts.marks): every element [data-mark] of an SVG
   chart shows its label, year and value (data-label, data-year, data-shown or data-value) in one role="tooltip",
   on hover (the nearest mark within reach), tap and focus. Tab enters a chart at one mark, arrow keys, Home and
   End move within it, Escape closes the tooltip. Any SVG whose elements carry these attributes works, drawn in
   the page too. Text is set as text only. */
(function () {
  "use strict";
  var doc = document, tip = null, current = null, REACH = 24;
  function marksOf(svg) { return svg ? Array.prototype.slice.call(svg.querySelectorAll("[data-mark]")) : []; }
  function chartOf(node) { return node && node.closest ? node.closest("svg") : null; }
  function prepare(svg) {  /* marks drawn without the attributes a keyboard needs get them */
    var marks = marksOf(svg);
    if (!marks.length || marks.some(function (m) { return m.getAttribute("tabindex") === "0"; })) return;
    marks.forEach(function (m, i) {
      m.setAttribute("tabindex", i ? "-1" : "0");
      if (!m.getAttribute("role")) m.setAttribute("role", "img");
      if (!m.getAttribute("aria-label")) m.setAttribute("aria-label", lines(m).join(", "));
    });
  }
  function prepareAll() { Array.prototype.forEach.call(doc.querySelectorAll("svg"), prepare); }
  function lines(m) {
    var label = m.getAttribute("data-label") || "", note = m.getAttribute("data-note");
    return [note ? label + " (" + note + ")" : label, m.getAttribute("data-year") || "",
      m.getAttribute("data-shown") || m.getAttribute("data-value") || ""].filter(Boolean);
  }
  function tooltip() {
    if (!tip) {
      tip = doc.createElement("div");
      tip.id = "sz-mark-tip";
      tip.className = "sz-mark-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      doc.body.appendChild(tip);
    }
    return tip;
  }
  function show(m) {
    var t = tooltip(), r = m.getBoundingClientRect(), parts = lines(m), left, top;
    if (current && current !== m) current.removeAttribute("aria-describedby");
    current = m;
    t.replaceChildren();
    parts.forEach(function (text, i) {
      var line = doc.createElement("span");
      line.className = i ? "sz-mark-tip-line" : "sz-mark-tip-label";
      line.textContent = text;
      t.appendChild(line);
    });
    t.hidden = false;
    m.setAttribute("aria-describedby", t.id);
    var w = t.offsetWidth, h = t.offsetHeight, sx = window.scrollX, sy = window.scrollY;
    left = Math.max(4, Math.min(r.left + r.width / 2 - w / 2, doc.documentElement.clientWidth - w - 4));
    top = r.top - h - 8 < 4 ? r.bottom + 8 : r.top - h - 8;
    t.style.left = left + sx + "px";
    t.style.top = top + sy + "px";
  }
  function hide() {
    if (tip) tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }
  function nearest(svg, x, y) {  /* the mark under the pointer, or the closest one within reach */
    var best = null, bestDistance = REACH;
    marksOf(svg).forEach(function (m) {
      var r = m.getBoundingClientRect();
      var dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
      var d = Math.sqrt(dx * dx + dy * dy);
      if (d < bestDistance || d === 0) { best = m; bestDistance = d; }  /* inside two: the one drawn last */
    });
    return best;
  }
  function focus(m) {
    marksOf(chartOf(m)).forEach(function (other) { other.setAttribute("tabindex", other === m ? "0" : "-1"); });
    m.focus({ preventScroll: false });
  }
  doc.addEventListener("pointermove", function (event) {
    var svg = chartOf(event.target);
    if (event.pointerType !== "mouse" || !svg || !marksOf(svg).length) return;
    var m = nearest(svg, event.clientX, event.clientY);
    if (m && m !== current) show(m);
    else if (!m && current && current !== doc.activeElement) hide();
  });
  doc.addEventListener("pointerout", function (event) {
    var svg = chartOf(event.target);
    if (svg && !svg.contains(event.relatedTarget) && current && current !== doc.activeElement) hide();
  });
  doc.addEventListener("pointerdown", function (event) {  /* a tap (or click): the nearest mark, focused */
    var svg = chartOf(event.target), m = svg && nearest(svg, event.clientX, event.clientY);
    if (m) { event.preventDefault(); focus(m); show(m); } else if (current && !(tip && tip.contains(event.target))) hide();
  });
  doc.addEventListener("focusin", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-mark")) show(event.target);
  });
  doc.addEventListener("focusout", function (event) {
    if (event.target === current && !(event.relatedTarget && event.relatedTarget.hasAttribute && event.relatedTarget.hasAttribute("data-mark"))) hide();
  });
  doc.addEventListener("keydown", function (event) {
    var m = event.target;
    if (!m.hasAttribute || !m.hasAttribute("data-mark")) return;
    var marks = marksOf(chartOf(m)), i = marks.indexOf(m), next = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = marks[Math.min(i + 1, marks.length - 1)];
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = marks[Math.max(i - 1, 0)];
    else if (event.key === "Home") next = marks[0];
    else if (event.key === "End") next = marks[marks.length - 1];
    else if (event.key === "Escape") { hide(); return; }
    else return;
    event.preventDefault();
    focus(next);
  });
  window.addEventListener("resize", hide);
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", prepareAll); else prepareAll();
  if (window.MutationObserver) new MutationObserver(function (records) {  /* charts drawn later, in the page */
    if (records.some(function (r) { return r.target !== tip; })) prepareAll();
  }).observe(doc.documentElement, { childList: true, subtree: true });
})();
