// Provenance of the figures a report states (szreport.provenance): each element [data-key] whose key is a
// figure of the model (an article figure or a derived one) becomes focusable; hovering, focusing or tapping it opens a note (the words as
// printed and their paragraph, the interval the digits allow, the source, the audit's verdicts). For print, each
// such figure gets a note number and the notes are written at the end of the report. Data text is only ever
// set as textContent. No network, no framework.
(function () {
  'use strict';
  var node = document.getElementById('sz-provenance');
  if (!node) { return; }
  var model = JSON.parse(node.textContent);
  var figures = model.figures;
  var claims = model.claims || {};  // the checks behind the verdict badges [data-claim] (szreport.present.badges)
  var words = model.words;
  var tip = document.createElement('div');
  tip.id = 'sz-prov';
  tip.className = 'sz-prov';
  tip.setAttribute('role', 'dialog');
  tip.setAttribute('aria-labelledby', 'sz-prov-title');  // named by its first line: the figure and its value
  tip.hidden = true;
  document.body.appendChild(tip);
  var shownFor = null;
  var hideTimer = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // A derived figure's note has no period or value of its own: the figure's words in the page stand for it.
  function heading(f, shownText) {
    if (f.derived) { return shownText; }
    return f.label + (f.period ? P.open + f.period + P.close : '') + P.colon + f.value;
  }

  function fill(target, f, withClose, shownText) {
    target.textContent = '';
    var title = el('p', 'sz-prov-label', heading(f, shownText));
    if (withClose) { title.id = 'sz-prov-title'; }
    target.appendChild(title);
    var dl = el('dl');
    function row(term, text) {
      if (!text) { return; }
      dl.appendChild(el('dt', null, term));
      dl.appendChild(el('dd', null, text));
    }
    if (f.derived) { row(words.prov_derived, f.label); }
    if (f.printed) { row(words.prov_printed, '\u201c' + f.printed + '\u201d'); }
    if (f.paragraph) {
      row(words.prov_paragraph.replace('{n}', String(f.paragraph_no)), f.paragraph);
    }
    row(words.prov_interval, f.interval);
    if (f.inputs && f.inputs.length) { row(words.prov_inputs, f.inputs.join(P.semi)); }
    row(words.prov_source, sourceText(f.source));
    if (f.note) { row('', f.note); }
    if (f.verdicts.length) {
      row(words.prov_verdicts, f.verdicts.map(function (v) { return v.verdict + ': ' + v.claim; }).join('; '));
    }
    target.appendChild(dl);
    if (withClose) {
      var b = el('button', 'sz-prov-close', words.prov_close);
      b.type = 'button';
      b.addEventListener('click', function () { hide(true); });
      target.appendChild(b);
    }
  }

  // A verdict badge's note: the claim, its verdict, the reasoning, and the way to the audit's full check.
  function fillClaim(target, c, href) {
    target.textContent = '';
    var title = el('p', 'sz-prov-label', c.label);
    title.id = 'sz-prov-title';
    target.appendChild(title);
    var dl = el('dl');
    dl.appendChild(el('dt', null, words.badge_verdict));
    dl.appendChild(el('dd', null, c.verdict));
    dl.appendChild(el('dt', null, words.badge_why));
    dl.appendChild(el('dd', null, c.explanation));
    target.appendChild(dl);
    var more = el('a', 'sz-prov-more', words.badge_more);
    more.href = href;
    target.appendChild(more);
    var b = el('button', 'sz-prov-close', words.prov_close);
    b.type = 'button';
    b.addEventListener('click', function () { hide(true); });
    target.appendChild(b);
  }

  function sourceText(s) {
    if (s && s.text) { return s.text + (s.url ? ', ' + s.url : ''); }  // as the page names the source
    if (!s || !s.publisher) { return ''; }
    return [s.publisher, '\u300a' + s.title + '\u300b', s.date, s.url].filter(Boolean).join(', ');
  }

  var zh = model.lang === 'zh';
  var P = zh ? { open: '\uff08', close: '\uff09', colon: '\uff1a', stop: '\u3002', semi: '\uff1b' }
    : { open: ' (', close: ')', colon: ': ', stop: '.', semi: '; ' };

  // A note at the end of the printed report: its heading, then the rest as szreport.present.provenance.print_note
  // wrote it, joined as szreport.fmt.sentences joins sentences (no second stop after one).
  var ENDED = /[.\u3002!?\uff01\uff1f\u2026]["\u201d\u2019)\uff09\u300d\u300f]*$/;
  function sentences(parts) {
    return parts.map(function (s) { return String(s || '').replace(/[\s,\uff0c;\uff1b:\uff1a\u3001]+$/, ''); })
      .filter(Boolean)
      .map(function (s) { return ENDED.test(s) ? s : s + P.stop; })
      .join(zh ? '' : ' ');
  }

  function noteLine(f, shownText) {
    return sentences([heading(f, shownText), f.print_note]);
  }

  function keyed(target) {
    var badge = target && target.closest ? target.closest('[data-claim]') : null;
    if (badge && claims[badge.getAttribute('data-claim')]) { return badge; }
    var e = target && target.closest ? target.closest('[data-key]') : null;
    return e && figures[e.getAttribute('data-key')] ? e : null;
  }

  function show(e) {
    clearTimeout(hideTimer);
    if (shownFor && shownFor !== e) { shownFor.setAttribute('aria-expanded', 'false'); }
    if (e.hasAttribute('data-claim')) {
      fillClaim(tip, claims[e.getAttribute('data-claim')], e.getAttribute('href'));
    } else {
      fill(tip, figures[e.getAttribute('data-key')], true, e.textContent);
    }
    tip.hidden = false;
    e.setAttribute('aria-expanded', 'true');
    shownFor = e;
    var r = e.getBoundingClientRect();
    var width = Math.min(420, document.documentElement.clientWidth - 16);
    tip.style.width = width + 'px';
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + 'px';
    tip.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }

  function hide(returnFocus) {
    if (!shownFor) { return; }
    tip.hidden = true;
    shownFor.setAttribute('aria-expanded', 'false');
    if (returnFocus) { shownFor.focus(); }
    shownFor = null;
  }

  function mark(root) {
    var badges = (root || document).querySelectorAll('[data-claim]');
    for (var j = 0; j < badges.length; j++) {
      if (!claims[badges[j].getAttribute('data-claim')]) { continue; }
      badges[j].setAttribute('aria-haspopup', 'dialog');
      badges[j].setAttribute('aria-controls', 'sz-prov');
    }
    var list = (root || document).querySelectorAll('[data-key]');
    for (var i = 0; i < list.length; i++) {
      var e = list[i];
      if (!figures[e.getAttribute('data-key')] || e.classList.contains('sz-keyed')) { continue; }
      e.classList.add('sz-keyed');
      e.tabIndex = 0;
      e.setAttribute('role', 'button');
      e.setAttribute('aria-haspopup', 'dialog');
      e.setAttribute('aria-expanded', 'false');
      e.setAttribute('aria-controls', 'sz-prov');
    }
  }

  function notes() {
    var main = document.querySelector('main') || document.body;
    var numbers = {};
    var order = [];
    var shown = {};  // the words of each figure's first mention, for a derived figure's note
    var list = main.querySelectorAll('.sz-keyed');
    for (var i = 0; i < list.length; i++) {
      var key = list[i].getAttribute('data-key');
      if (!numbers[key]) { order.push(key); numbers[key] = order.length; shown[key] = list[i].textContent; }
      // the note's number, shown in print only by CSS (attr): the sentence's own text stays as it is
      list[i].setAttribute('data-note', String(numbers[key]));
    }
    if (!order.length) { return; }
    var section = el('section', 'sz-notes sz-print-block');
    section.appendChild(el('h2', null, words.prov_notes_heading));
    // every article figure has the article as its source: named once (derived figures name their inputs')
    var withSource = order.filter(function (key) { return sourceText(figures[key].source); });
    if (withSource.length) {
      section.appendChild(el('p', null, words.prov_source + P.colon + sourceText(figures[withSource[0]].source)));
    }
    var ol = el('ol');
    order.forEach(function (key) { ol.appendChild(el('li', null, noteLine(figures[key], shown[key]))); });
    section.appendChild(ol);
    var footer = main.querySelector('.sz-footer');
    main.insertBefore(section, footer);
  }

  document.addEventListener('mouseover', function (ev) {
    var e = keyed(ev.target);
    if (e) { show(e); } else if (shownFor && !tip.contains(ev.target)) {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () { hide(false); }, 400);
    }
  });
  document.addEventListener('focusin', function (ev) {
    var e = keyed(ev.target);
    if (e) { show(e); } else if (shownFor && !tip.contains(ev.target)) { hide(false); }
  });
  document.addEventListener('click', function (ev) {
    var e = keyed(ev.target);
    // a badge's first tap opens its note; once open (by hover, focus or a tap) the link leads to the audit
    if (e && e.hasAttribute('data-claim') && shownFor === e) { return; }
    if (e) { show(e); if (e.hasAttribute('data-claim')) { ev.preventDefault(); } }
    else if (shownFor && !tip.contains(ev.target)) { hide(false); }
  });
  document.addEventListener('keydown', function (ev) {
    var e = keyed(ev.target);
    if (ev.key === 'Escape' && shownFor) { hide(true); ev.preventDefault(); }
    else if (e && e.hasAttribute('data-claim') && ev.key === 'Enter') { return; }  // the link: to the audit
    else if (e && (ev.key === 'Enter' || ev.key === ' ')) { show(e); ev.preventDefault(); }
  });
  mark(document);
  notes();
  // sentences written again by a page's own script (the outlook's scenarios) keep their figures marked
  new MutationObserver(function () { mark(document); }).observe(document.body, { childList: true, subtree: true });
}());
