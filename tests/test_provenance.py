"""Provenance of every article figure a report states: a data-key element in the HTML whose note opens by
keyboard, mouse and tap, offline; numbered notes at the end of the PDF ("Sources of the figures")."""

from __future__ import annotations

import json
import re

import pytest

from szreport.data import loader as data
from szreport.present import provenance

from .conftest import DATA
from .helpers import LANGS, pdf_text
from .pages import chromium, open_offline

pytestmark = pytest.mark.render


def article_keys() -> set[str]:
    ds = data.load(DATA)
    return {ds.fig(i).key for i in ds.figures["id"]}


@pytest.mark.parametrize("lang", LANGS)
def test_every_article_figure_a_report_records_is_a_data_key_element(built, lang):
    keys = article_keys()
    results = json.loads((built / lang / "results.json").read_text(encoding="utf-8"))
    for name, recorded in results.items():
        page = (built / lang / f"{name}.html").read_text(encoding="utf-8")
        keyed = set(re.findall(r'data-key="([a-z0-9_]+)"', page))
        missing = sorted(k for k in recorded if k in keys and k not in keyed)
        assert not missing, (name, missing)


@pytest.mark.parametrize("lang", LANGS)
def test_the_note_opens_by_keyboard_mouse_and_tap_offline(built, lang):
    with chromium() as browser:
        opened = open_offline(browser, built / lang / "innovation.html")
        page = opened.page
        note = page.locator("#sz-prov")
        assert not note.is_visible()
        for _ in range(80):  # keyboard only: Tab until a marked figure has the focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('sz-keyed')"):
                break
        key = page.evaluate("document.activeElement.getAttribute('data-key')")
        assert key and note.is_visible()
        figure = provenance.model(data.load(DATA), lang)["figures"][key]
        assert figure["printed"] in note.inner_text() and figure["source"]["date"] in note.inner_text()
        page.keyboard.press("Escape")
        assert not note.is_visible()
        little_giants = page.locator('[data-key="little_giants_new_2025_firms"]').first
        little_giants.hover()
        assert note.is_visible() and "新增347家" in note.inner_text()
        assert provenance.model(data.load(DATA), lang)["figures"]["little_giants_new_2025_firms"]["verdicts"]
        page.mouse.click(5, 5)
        assert not note.is_visible()
        little_giants.click()  # a tap reaches the page as a click
        assert note.is_visible()
        assert opened.external == [] and opened.errors == []
        page.close()


def test_pdf_ends_with_numbered_sources_of_the_figures(built):
    zh = "".join(pdf_text(built / "zh" / "innovation.pdf").split())
    assert "数字来源" in zh and "原文第21段" in zh and "新增347家" in zh
    en = " ".join(pdf_text(built / "en" / "economy.pdf").split())
    assert "Sources of the figures" in en and "Paragraph 8 of the article" in en


@pytest.mark.parametrize("lang", LANGS)
def test_a_derived_figure_opens_its_derivation_by_keyboard(built, lang):
    """In the economy report every data-key element of the prose has a note; the GDP increment's (derived) says
    how it was computed and from which figures, with their sources."""
    with chromium() as browser:
        opened = open_offline(browser, built / lang / "economy.html")
        page = opened.page
        unexplained = page.evaluate(
            "Array.from(document.querySelectorAll('main p [data-key]'))"
            ".filter(e => !e.classList.contains('sz-keyed')).map(e => e.getAttribute('data-key'))"
        )
        assert unexplained == []
        increment = page.locator('[data-key^="gdp_increment_"]').first
        increment.focus()
        note = page.locator("#sz-prov")
        assert note.is_visible()
        text = note.inner_text()
        assert ("Computed from" if lang == "en" else "计算依据") in text and "2026-02-09" in text
        assert increment.inner_text() in text  # the figure's own words head its note
        assert opened.external == [] and opened.errors == []
        page.close()
