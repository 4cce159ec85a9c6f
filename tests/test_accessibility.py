"""Accessibility of the built pages: axe-core (npm, exact version in tests/a11y/package-lock.json, installed by
make) runs inside the test's headless Chromium, offline, on every report in both languages and on the landing
page, with every folded part (a chart's numbers) unfolded and the first figure's source note open; no violation
of impact serious or critical may remain. A self-check shows that a page with a contrast defect and an image
without alternative text is reported.

Run alone: ``make test-a11y`` or ``.venv/bin/pytest -q tests/test_accessibility.py``; set ``SZREPORT_A11Y_OUT`` to
an existing output folder (``szreport build --out DIR --format html``) to check it instead of building one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import LANGS
from .pages import chromium, open_offline

pytestmark = pytest.mark.render

AXE = Path(__file__).resolve().parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")  # impacts that fail the check; moderate and minor ones are not counted
REPORTS = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]

# axe.run on the whole document, violations only; every <details> opened first so that the tables folded under
# the charts are checked too. Each violation comes back as rule id, impact, help, and the first targets.
RUN_AXE_JS = """async () => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    summary: v.nodes.length ? (v.nodes[0].failureSummary || '').split('\\n').slice(0, 2).join(' ') : '',
  }));
}"""


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: install axe-core with `make a11y-deps` (npm ci in tests/a11y)")
    return AXE


@pytest.fixture(scope="module")
def out(request) -> Path:
    """The output folder to check: SZREPORT_A11Y_OUT if set, else the session's full build (conftest.built)."""
    given = os.environ.get("SZREPORT_A11Y_OUT")
    return Path(given) if given else request.getfixturevalue("built")


def violations(browser, path: Path, axe: Path) -> list[dict]:
    """Every axe-core violation on the page at ``path``, opened offline (requests off the disk are refused)."""
    opened = open_offline(browser, path)
    try:
        if opened.page.query_selector(".sz-keyed"):  # a figure's source note open too (provenance.js)
            opened.page.focus(".sz-keyed")
            opened.page.keyboard.press("Enter")
            opened.page.wait_for_selector("#sz-prov:not([hidden])", state="attached")
        opened.page.add_script_tag(path=str(axe))
        return opened.page.evaluate(RUN_AXE_JS)
    finally:
        opened.page.close()


def blocking(found: dict[str, list[dict]]) -> list[str]:
    """One readable line per serious or critical violation: page, rule, impact, count, first targets, help."""
    lines = []
    for name, items in found.items():
        for v in items:
            if v["impact"] in BLOCKING:
                lines.append(
                    f"{name}: {v['id']} ({v['impact']}, {v['count']} element(s)) at {' | '.join(v['targets'])}"
                    f" — {v['help']}. {v['summary']}"
                )
    return lines


def test_axe_reports_a_broken_page(tmp_path, axe_script):
    """The check can fail: grey text too light on white and an image without alternative text are found."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head><body><main>'
        '<h1>Broken</h1><p style="color:#bbbbbb;background:#ffffff">Too light to read.</p>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">'
        "</main></body></html>",
        encoding="utf-8",
    )
    with chromium() as browser:
        found = violations(browser, page, axe_script)
    report = blocking({"broken.html": found})
    rules = {v["id"] for v in found if v["impact"] in BLOCKING}
    assert {"color-contrast", "image-alt"} <= rules, report
    assert any(line.startswith("broken.html: color-contrast (serious") for line in report), report


def test_no_serious_or_critical_violation_on_any_page(out, axe_script):
    pages = [out / lang / f"{name}.html" for lang in LANGS for name in REPORTS] + [out / "index.html"]
    missing = [str(p) for p in pages if not p.exists()]
    assert not missing, missing
    found: dict[str, list[dict]] = {}
    with chromium() as browser:
        for path in pages:
            found[str(path.relative_to(out))] = violations(browser, path, axe_script)
    report = blocking(found)
    assert not report, f"{len(report)} serious or critical accessibility violation(s):\n" + "\n".join(report)
