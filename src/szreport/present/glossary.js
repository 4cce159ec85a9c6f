// The glossary of a page (szreport.present.glossary): the first use of each term ([data-term], a dfn of class
// sz-term) becomes focusable; hovering, focusing or tapping it opens the term's definition, Escape or the close
// button shuts it. For print, the terms the page used are listed with their definitions at the end of the
// report. Text is only ever set as textContent. No network, no framework.
(function () {
  'use strict';
  var node = document.getElementById('sz-glossary');
  if (!node) { return; }
  var model = JSON.parse(node.textContent);
  var words = model.words;
  var terms = {};
  model.terms.forEach(function (t) { terms[t.key] = t; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  var tip = el('div', 'sz-gloss');
  tip.id = 'sz-gloss';
  tip.setAttribute('role', 'dialog');
  tip.setAttribute('aria-labelledby', 'sz-gloss-title');  // named by its first line: the term
  tip.hidden = true;
  document.body.appendChild(tip);
  var shownFor = null;
  var hideTimer = null;

  function termOf(target) {
    var e = target && target.closest ? target.closest('.sz-term[data-term]') : null;
    return e && terms[e.getAttribute('data-term')] ? e : null;
  }

  function fill(t) {
    tip.textContent = '';
    var title = el('p', 'sz-gloss-term', t.term);
    title.id = 'sz-gloss-title';
    tip.appendChild(title);
    tip.appendChild(el('p', 'sz-gloss-def', t.definition));
    var b = el('button', 'sz-gloss-close', words.close);
    b.type = 'button';
    b.addEventListener('click', function () { hide(true); });
    tip.appendChild(b);
  }

  function show(e) {
    clearTimeout(hideTimer);
    if (shownFor === e && !tip.hidden) { return; }
    if (shownFor && shownFor !== e) { shownFor.setAttribute('aria-expanded', 'false'); }
    fill(terms[e.getAttribute('data-term')]);
    tip.hidden = false;
    e.setAttribute('aria-expanded', 'true');
    shownFor = e;
    var r = e.getBoundingClientRect();
    var width = Math.min(380, document.documentElement.clientWidth - 16);
    tip.style.width = width + 'px';
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + 'px';
    tip.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }

  function hide(returnFocus) {
    clearTimeout(hideTimer);
    if (!shownFor) { return; }
    tip.hidden = true;
    shownFor.setAttribute('aria-expanded', 'false');
    if (returnFocus) { shownFor.focus(); }
    shownFor = null;
  }

  function mark() {
    var list = document.querySelectorAll('.sz-term[data-term]');
    for (var i = 0; i < list.length; i++) {
      var e = list[i];
      if (!terms[e.getAttribute('data-term')]) { continue; }
      e.tabIndex = 0;
      e.setAttribute('role', 'button');
      e.setAttribute('aria-haspopup', 'dialog');
      e.setAttribute('aria-expanded', 'false');
      e.setAttribute('aria-controls', 'sz-gloss');
    }
  }

  // The print-only list of the terms the page used, before the page's footer (and before the figures' notes,
  // which provenance.js puts there after it).
  function printList() {
    if (!model.terms.length) { return; }
    var main = document.querySelector('main') || document.body;
    var section = el('section', 'sz-glossary-list sz-print-block');
    section.appendChild(el('h2', null, words.heading));
    var dl = el('dl');
    model.terms.forEach(function (t) {
      dl.appendChild(el('dt', null, t.term));
      dl.appendChild(el('dd', null, t.definition));
    });
    section.appendChild(dl);
    var footer = main.querySelector('.sz-footer');
    main.insertBefore(section, footer && footer.parentNode === main ? footer : null);
  }

  document.addEventListener('mouseover', function (ev) {
    var e = termOf(ev.target);
    if (e) { show(e); } else if (shownFor && !tip.contains(ev.target)) {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () { hide(false); }, 400);
    }
  });
  document.addEventListener('focusin', function (ev) {
    var e = termOf(ev.target);
    if (e) { show(e); } else if (shownFor && !tip.contains(ev.target)) { hide(false); }
  });
  document.addEventListener('click', function (ev) {
    var e = termOf(ev.target);
    if (e) { show(e); } else if (shownFor && !tip.contains(ev.target)) { hide(false); }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && shownFor) { hide(true); return; }
    var e = termOf(ev.target);
    if (e && (ev.key === 'Enter' || ev.key === ' ')) { show(e); ev.preventDefault(); }
  });
  mark();
  printList();
}());
