"""A data folder full of hostile strings builds reports that show them as text: no live tag or handler in any
page (the DOM as Chromium parsed it), no request leaving the page, the strings readable in HTML and PDF."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import DATA, run_cli
from .helpers import pdf_text
from .pages import LIVE_MARKUP_JS, OWN_MARKUP_JS, chromium, open_offline
from .test_escaping import HOSTILE

pytestmark = pytest.mark.render

RLO = "\u202eevil\u202c"  # a right-to-left override: removed, so it cannot reorder the sentence around it
ALL_HOSTILE = [*HOSTILE, RLO]
# Free-text columns of each file; every one gets a hostile string appended to its own words.
TEXT_COLUMNS = {
    "figures.csv": ["label_zh", "label_en", "note"],
    "claims.csv": ["label_zh", "label_en", "basis_note_zh", "basis_note_en"],
    "sources.csv": ["publisher", "title", "url"],
}
INDICATOR_FIELDS = ["title_zh", "title_en", "description_zh", "description_en"]


def hostile_copy(target: Path) -> Path:
    """data/ with a hostile string in every free-text field; the article's publisher carries all of them."""
    shutil.copytree(DATA, target)
    counter = iter(range(10**6))
    for name, columns in TEXT_COLUMNS.items():
        path = target / name
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            fields, rows = reader.fieldnames, list(reader)
        for row in rows:
            for column in columns:
                row[column] = f"{row[column]} {ALL_HOSTILE[next(counter) % len(ALL_HOSTILE)]}".strip()
            if name == "sources.csv" and row["id"] == "article":
                row["publisher"] = "深圳特区报 " + " ".join(ALL_HOSTILE)
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    indicators = yaml.safe_load((target / "indicators.yaml").read_text(encoding="utf-8"))
    for meta in indicators.values():
        for column in INDICATOR_FIELDS:
            meta[column] = f"{meta[column]} {ALL_HOSTILE[next(counter) % len(ALL_HOSTILE)]}"
    (target / "indicators.yaml").write_text(yaml.safe_dump(indicators, allow_unicode=True), encoding="utf-8")
    return target


def shown(text: str) -> str:
    """A string as a reader sees it: bidirectional controls gone, runs of white space as one space."""
    return " ".join(text.replace("\u202e", "").replace("\u202c", "").split())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    data = hostile_copy(base / "data")
    checked = run_cli("check-data", data)
    assert checked.returncode == 0, checked.stderr
    result = run_cli("build", "--data", data, "--out", base / "reports", "--force")
    assert result.returncode == 0, result.stderr
    return base / "reports"


def test_hostile_strings_are_text_in_every_page(hostile_build):
    pages = sorted(hostile_build.glob("*/*.html")) + [hostile_build / "index.html"]
    assert len(pages) == 13
    with chromium() as browser:
        for path in pages:
            opened = open_offline(browser, path)
            page = opened.page
            assert opened.external == [], (path, opened.external)
            assert opened.errors == [], (path, opened.errors)
            assert page.evaluate(LIVE_MARKUP_JS) == [], path
            own = ["form", "model", "script"] if path.name == "outlook.html" else []
            if path.name != "index.html":  # the charts' values (szreport.charts.marks), the glossary, the provenance
                own += ["chart-marks", "glossary-model", "glossary-script", "provenance-model", "provenance-script"]
            own += ["nav"] if path.name != "index.html" else []  # the language switch keeps the section read
            assert page.evaluate(OWN_MARKUP_JS) == own, path
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            text = shown(page.evaluate("document.body.innerText"))
            for hostile in ALL_HOSTILE:  # all of them stand in the article's publisher, on every page
                assert shown(hostile) in text, (path.name, hostile)
            if path.name != "index.html":
                assert "\\" not in text.replace(shown(HOSTILE[9]), ""), path  # no Markdown escape shows
            page.close()


def test_hostile_strings_are_text_in_the_pdf_and_results(hostile_build):
    squeeze = lambda s: "".join(s.split())
    text = squeeze(pdf_text(hostile_build / "en" / "economy.pdf"))
    for hostile in (HOSTILE[0], HOSTILE[1], HOSTILE[3], HOSTILE[6]):
        assert squeeze(hostile) in text, hostile
    results = json.loads((hostile_build / "en" / "results.json").read_text(encoding="utf-8"))
    assert results["economy"]["gdp_2025_yuan_trillion"] == 3.87  # the figures are untouched
