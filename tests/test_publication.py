"""A publication, not an audit log (issue 23): every report opens with its key findings; a claim's verdict is a
badge beside the figure it checks, linking to the claim in the audit; no check paragraph in a theme's text; no
build vocabulary a reader sees outside the folded "Reproduce" box, in the HTML and in the PDF; figures in running
text are single numbers with a true minus."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from szreport import params as params_mod
from szreport.notebooks import REPORT_ORDER, discover_notebooks

from .conftest import ROOT
from .pages import chromium, open_offline

pytestmark = pytest.mark.render

LANGS = ("zh", "en")
THEMES = ("overview", "economy", "innovation", "opening_up")
VERDICTS = {"consistent", "consistent_with_basis", "inconsistent", "not_checkable"}
# What a reader must never see: file names of the data folder, references, the tool and its commands. The
# parameter names are added from the notebooks' parameters cells (never typed here).
BUILD_WORDS = [
    "series.csv",
    "figures.csv",
    "claims.csv",
    "sources.csv",
    "indicators.yaml",
    ".ipynb",
    "szreport",
    "data folder",
    "数据文件夹",
    "--only",
]


# References in the data's own form (series:shenzhen/gdp/2020, fig:gdp_2025), not the word "series" before a colon.
REFERENCE = re.compile(r"\b(?:series|fig):[a-z]")


def build_words() -> list[str]:
    """The words above and every parameter name that reads as code (holds an underscore: start_year, usd_cny; a
    name such as "peers" is also an ordinary word)."""
    names = {p for path in discover_notebooks(ROOT / "notebooks").values() for p in params_mod.read_parameters(path)}
    return BUILD_WORDS + sorted(n for n in names if "_" in n)


def build_vocabulary(text: str) -> list[str]:
    return [w for w in build_words() if w in text] + REFERENCE.findall(text)


def soup(built: Path, lang: str, name: str) -> BeautifulSoup:
    return BeautifulSoup((built / lang / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def results(built: Path, lang: str) -> dict:
    return json.loads((built / lang / "results.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", REPORT_ORDER)
def test_every_report_opens_with_its_key_findings(built, lang, name):
    page = soup(built, lang, name)
    box = page.find(id="key-findings")
    assert box is not None, f"{lang}/{name}.html has no #key-findings"
    items = box.find_all("li")
    assert 3 <= len(items) <= 5, [i.get_text() for i in items]
    recorded = results(built, lang)[name]
    for item in items:
        keys = [e["data-key"] for e in item.select("[data-key]")]
        assert keys, f"a finding states no figure: {item.get_text()}"
        assert all(k in recorded for k in keys), keys
    # the box comes before the first section of the report (the finding first, the method after)
    sections = [h for h in page.select(".jp-OutputArea-output h2") if not h.find_parent(id="key-findings")]
    assert sections and (box.sourceline, box.sourcepos) < (sections[0].sourceline, sections[0].sourcepos)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", THEMES)
def test_checks_are_badges_beside_their_figures_not_paragraphs(built, lang, name, ds):
    page = soup(built, lang, name)
    text = page.get_text(" ")
    assert "Check:" not in text and "核查：" not in text
    audit = soup(built, lang, "audit")
    verdicts = results(built, lang)["audit"]
    stated = {e["data-key"] for e in page.select("[data-key]")}
    from szreport.audit import claims

    for claim in claims(ds):
        ref = claim.claimed_ref()
        if ref.kind != "fig" or ds.fig(ref.figure_id).key not in stated:
            continue
        badges = page.select(f'[data-claim="{claim.id}"]')
        assert badges, f"{lang}/{name}: the claim {claim.id} checks a stated figure but has no badge"
        for badge in badges:
            assert badge["data-verdict"] == verdicts[f"{claim.id}_verdict"]
            assert badge["href"] == f"audit.html#claim-{claim.id}"
            assert badge.get_text(strip=True), "a badge says its verdict in words, not in colour alone"
        assert audit.find(id=f"claim-{claim.id}") is not None, f"no #claim-{claim.id} in the audit"


def visible_text(page) -> str:
    return page.evaluate(
        """() => { const body = document.body.cloneNode(true);
                   body.querySelectorAll('details.reproduce, script, style').forEach(e => e.remove());
                   document.documentElement.appendChild(body);
                   const text = body.innerText; body.remove(); return text; }"""
    )


def test_no_build_vocabulary_where_a_reader_looks(built):
    found = []
    with chromium() as browser:
        for lang in LANGS:
            for name in REPORT_ORDER:
                opened = open_offline(browser, built / lang / f"{name}.html")
                found += [(f"{lang}/{name}.html", w) for w in build_vocabulary(visible_text(opened.page))]
                assert opened.page.locator("details.reproduce").count() == 1, f"{lang}/{name}: no Reproduce box"
                opened.page.close()
    assert not found, found


@pytest.mark.parametrize("lang", LANGS)
def test_no_build_vocabulary_in_the_pdfs(built, lang):
    for name in REPORT_ORDER:
        text = subprocess.run(
            ["pdftotext", str(built / lang / f"{name}.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert not build_vocabulary(text), (name, build_vocabulary(text))


# A range stated as one figure ("1.03–1.05", "−1.1 to 3.9%", "6.4%至6.5%") and a number signed with a hyphen.
RANGE = re.compile(r"\d\s*(?:–|—|to|至)\s*[−-]?\s*(?:CNY |US\$)?\d")
HYPHEN_SIGNED = re.compile(r"(?<![\w.\-])-\d")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", THEMES)
def test_running_text_states_single_numbers_with_a_true_minus(built, lang, name):
    page = soup(built, lang, name)
    for paragraph in page.select(".jp-OutputArea-output p, #key-findings li"):
        if paragraph.find_parent("details") or "sz-source" in (paragraph.get("class") or []):
            continue
        for figure in paragraph.select("[data-key]"):
            assert not RANGE.search(figure.get_text()), (name, figure.get_text())
        assert not HYPHEN_SIGNED.search(paragraph.get_text()), (name, paragraph.get_text())
