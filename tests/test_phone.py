"""The reports on a phone (issue 24 item 1), in headless Chromium at 390 CSS px: every chart shows the drawing made
for that width (szreport.charts.phone), at 0.7 of its own width or more, its smallest text 10 CSS px or more; at a
desktop width the page's drawing; no table wider than its column, each cell after its column's name (never two
headers glued), no badge past the edge, nothing wider than the screen. A screenshot of every page at 390 px is kept
in SZREPORT_PHONE_SHOTS when that names a folder, to look at.

The browser tier checks the session's full build, or the output folder named by SZREPORT_A11Y_OUT."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import LANGS

pytestmark = pytest.mark.render

REPORTS = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]
PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 10.0
MIN_SHOWN = 0.7

# Each visible chart drawing: its class, rendered width, own width (the width attribute), viewBox width, and the
# smallest text it draws: glyph groups are scaled by the font size / 100 in the drawing's units (points).
CHARTS_JS = """() => Array.from(document.querySelectorAll('.sz-chart svg')).filter(
  s => getComputedStyle(s).display !== 'none').map(s => {
    const scales = Array.from(s.querySelectorAll('g[transform*="scale("]')).map(g => {
      const m = /scale\\(([-\\d.]+)[ ,]/.exec(g.getAttribute('transform'));
      return m ? Math.abs(parseFloat(m[1])) : null;
    }).filter(v => v);
    return {cls: s.getAttribute('class'), shown: s.getBoundingClientRect().width,
      own: parseFloat(s.getAttribute('width')), view: parseFloat(s.getAttribute('viewBox').split(' ')[2]),
      smallest: Math.min(...scales) * 100};
  })"""

# Tables and badges against the column and the screen.
LAYOUT_JS = """() => {
  const problems = [], right = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > right + 1) problems.push('page wider than the screen');
  for (const table of document.querySelectorAll('table.sz-table')) {
    const column = table.parentElement.getBoundingClientRect();
    const box = table.getBoundingClientRect();
    if (box.right > column.right + 1 || table.scrollWidth > table.clientWidth + 1) problems.push('table overflows');
    for (const td of table.querySelectorAll('td[data-th]:not(:first-child)')) {
      const before = getComputedStyle(td, '::before').content;
      if (!before.includes(td.getAttribute('data-th'))) problems.push('cell without its column name');
    }
  }
  for (const badge of document.querySelectorAll('a.sz-badge')) {
    const box = badge.getBoundingClientRect();
    if (box.width && box.right > right) problems.push('badge past the edge: ' + badge.textContent);
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def out(request) -> Path:
    given = os.environ.get("SZREPORT_A11Y_OUT")
    return Path(given) if given else request.getfixturevalue("built")


@pytest.fixture(scope="module")
def browser():
    from .pages import chromium

    with chromium() as opened:
        yield opened


def open_at(browser, path: Path, viewport: dict):
    """The page as a phone (a touch screen, scroll bars over the page) or a desktop shows it."""
    phone = viewport["width"] <= 600
    page = browser.new_page(viewport=viewport, is_mobile=phone, has_touch=phone)
    page.goto(path.resolve().as_uri(), wait_until="load")
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_is_drawn_for_the_phone(out, browser, lang):
    shots = os.environ.get("SZREPORT_PHONE_SHOTS")
    count = 0
    for name in REPORTS:
        page = open_at(browser, out / lang / f"{name}.html", PHONE)
        shown = page.evaluate(CHARTS_JS)
        for index, chart in enumerate(shown, 1):
            where = (name, lang, index, chart)
            assert chart["cls"] == "sz-narrow", where
            assert chart["shown"] >= MIN_SHOWN * chart["own"], where
            assert chart["smallest"] * chart["shown"] / chart["view"] >= MIN_TEXT_PX, where
        count += len(shown)
        if shots:
            page.screenshot(path=str(Path(shots) / f"{lang}-{name}-390.png"), full_page=True)
        page.close()
    assert count >= 20


@pytest.mark.parametrize("lang", LANGS)
def test_a_desktop_shows_the_pages_drawing(out, browser, lang):
    for name in ("economy", "audit"):
        page = open_at(browser, out / lang / f"{name}.html", {"width": 1400, "height": 900})
        shown = page.evaluate(CHARTS_JS)
        assert shown and {chart["cls"] for chart in shown} == {"sz-wide"}, name
        assert all(chart["shown"] >= 0.9 * chart["own"] for chart in shown), (name, shown)  # hardly shrunk
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_tables_and_badges_fit_the_phone(out, browser, lang):
    for name in REPORTS:
        page = open_at(browser, out / lang / f"{name}.html", PHONE)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        problems = page.evaluate(LAYOUT_JS)
        assert not problems, (name, lang, problems[:5])
        page.close()
