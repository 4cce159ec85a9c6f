"""Navigation without a build: section anchors from heading keys, numbering and references, the language switch,
and the export's heading ids and table of contents on a small hand-made notebook."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from szreport import fmt
from szreport.build import export
from szreport.present import navigation, report
from szreport.present.navigation import FIGURE, TABLE

from .conftest import DATA

HEADING_KEY = re.compile(r"^(?:[a-z0-9]+_)?h_|^title_")


def test_anchor_comes_from_the_heading_key_not_its_words():
    assert navigation.anchor(fmt.t("zh", "h_gdp"), "x") == navigation.anchor(fmt.t("en", "h_gdp"), "x") == "gdp"
    assert navigation.anchor(fmt.t("en", "inn_h_rd"), "x") == "rd"
    assert navigation.anchor(fmt.t("en", "title_opening_up", city="Shenzhen"), "x") == "opening-up"
    assert navigation.anchor(fmt.t("en", "h_window", period="2020–2025"), "x") == "window"
    assert navigation.anchor("Words typed in a notebook", "section-3") == "section-3"
    assert navigation.anchor(fmt.t("en", "h_gdp") + "!", "section-1") == "section-1"  # joined: no longer the template


@pytest.mark.parametrize("key", [k for k in fmt.templates("en") if HEADING_KEY.match(k)])
def test_every_heading_key_gives_an_ascii_anchor_the_same_in_both_languages(key):
    values = dict.fromkeys(re.findall(r"\{(\w+)\}", fmt.templates("en")[key] + fmt.templates("zh")[key]), "v")
    zh, en = (navigation.anchor(fmt.t(lang, key, **values), "fallback") for lang in ("zh", "en"))
    assert zh == en and re.fullmatch(r"[a-z][a-z0-9-]*", zh), (key, zh)


def test_unique_anchors_in_a_page():
    used: set[str] = set()
    assert [navigation.unique(n, used) for n in ("gdp", "trade", "gdp", "gdp")] == ["gdp", "trade", "gdp-2", "gdp-3"]


def test_references_are_links_to_numbered_things():
    en = navigation.references("en", [(TABLE, 1), (FIGURE, 2), (FIGURE, 3)])
    assert fmt.plain(en) == (
        ' (see <a class="sz-ref" href="#table-1">Table\xa01</a>, <a class="sz-ref" href="#fig-2">Figure\xa02</a>'
        ' and <a class="sz-ref" href="#fig-3">Figure\xa03</a>)'
    )
    zh = navigation.references("zh", [(FIGURE, 4)])
    assert zh == '（见<a class="sz-ref" href="#fig-4">图4</a>）'
    assert navigation.references("zh", [(TABLE, 1)], alone=True) == '见<a class="sz-ref" href="#table-1">表1</a>。'


def test_references_go_before_the_closing_full_stop():
    refs = navigation.references("en", [(FIGURE, 1)])
    assert navigation.with_references(fmt.Md("GDP rose."), refs).endswith("Figure\xa01</a>).")
    zh = navigation.with_references(fmt.Md("增长。"), navigation.references("zh", [(FIGURE, 1)]))
    assert zh == '增长（见<a class="sz-ref" href="#fig-1">图1</a>）。'
    assert navigation.with_references(fmt.Md("a list"), refs).startswith("a list (see")
    assert navigation.with_references("data text ends with a.b.", refs).endswith("b\\. (see " + refs[6:])
    # data text is escaped as always: no markup from it
    assert "<b>" not in navigation.with_references("<b>x</b>", refs)


def test_caption_line_escapes_its_text():
    line = navigation.caption_html("en", TABLE, 2, "<b>R&D</b>")
    assert line == (
        "<p class='sz-caption-line' id='table-2'><span class='sz-number'>Table\xa02. </span>"
        "<span class='sz-caption'>&lt;b&gt;R&amp;D&lt;/b&gt;</span></p>"
    )


def test_language_switch_is_marked():
    nav = [
        {"href": "../index.html#en", "label": "Home", "current": False},
        {"href": "economy.html", "label": "Economy", "current": True},
        {"href": "../zh/economy.html", "label": "中文", "current": False},
    ]
    marked = export.language_switch(nav, "en")
    assert [item.get("hreflang") for item in marked] == [None, None, "zh"]
    assert nav[2].get("hreflang") is None  # the caller's list is left as it was


class Shown:
    """What a Report displays, collected instead of shown (display, with its metadata)."""

    def __init__(self, monkeypatch):
        import IPython.display

        self.outputs: list[tuple[object, dict | None]] = []
        monkeypatch.setattr(IPython.display, "display", self.display)

    def display(self, obj, metadata=None, raw=False):
        self.outputs.append((obj, metadata))

    def texts(self) -> list[str]:
        return [getattr(obj, "data", "") for obj, _ in self.outputs if isinstance(getattr(obj, "data", None), str)]


@pytest.fixture
def shown(monkeypatch):
    return Shown(monkeypatch)


def section_with(lang: str, n_tables: int, n_charts: int, paragraphs: list[str]) -> report.Section:
    from szreport.charts import draw as charts

    s = report.Section(fmt.t(lang, "h_gdp"), paragraphs=[fmt.Md(p) for p in paragraphs])
    s.tables = [(fmt.t(lang, "caption_article_figures"), pd.DataFrame({"a": [1]})) for _ in range(n_tables)]
    for i in range(n_charts):
        chart = charts.bar_chart(f"c{i}", ["a"], [1.0], ["1"], f"title {i}", "source")
        s.charts.append(chart)
    return s


def test_report_numbers_charts_and_tables_and_refers_to_them(shown):
    r = report.Report("economy", lang="en", data_dir=DATA)
    r.show(section_with("en", 1, 2, ["GDP rose.", "Second."]))
    r.show(section_with("en", 1, 0, []))
    texts = "\n".join(shown.texts())
    assert re.findall(r"id='((?:fig|table)-\d+)'", texts) == ["table-1", "fig-1", "fig-2", "table-2"]
    assert "GDP rose (see" in texts and 'href="#fig-2">Figure\xa02</a>).' in texts
    assert 'See <a class="sz-ref" href="#table-2">Table\xa02</a>.' in texts
    assert "Second." in texts and "Second. (" not in texts
    anchors = [
        meta[navigation.ANCHOR_METADATA]["id"]
        for _, meta in shown.outputs
        if navigation.ANCHOR_METADATA in (meta or {})
    ]
    assert anchors == ["gdp", "gdp-2"]
    assert "<span class='sz-caption'>title 1</span>" in texts  # a chart's caption is its title


def test_export_gives_headings_their_anchor_and_lists_them(shown):
    r = report.Report("economy", lang="zh", data_dir=DATA)
    r.title()
    r.show(section_with("zh", 0, 0, ["增长。"]))
    r.show(report.Section(fmt.t("zh", "h_window", period="2020—2025年"), paragraphs=[fmt.Md("x")], level=3))
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    for obj, meta in shown.outputs:
        mime = "text/markdown" if type(obj).__name__ == "Markdown" else "text/html"
        cell.outputs.append(nbformat.v4.new_output("display_data", data={mime: obj.data}, metadata=meta or {}))
    nb.cells.append(cell)
    nav = [{"href": "../en/economy.html", "label": "English", "current": False}]
    page = BeautifulSoup(export.to_html(nb, "t", "zh", nav=nav), "html.parser")
    headings = [(h.name, h["id"]) for h in page.select("main h1, main h2, main h3")]
    assert headings == [("h1", "title"), ("h2", "gdp"), ("h3", "window")]
    toc = page.select_one("nav.sz-toc")
    assert toc["aria-label"] == "目录"
    assert [(li["class"], li.a["href"], li.a.get_text()) for li in toc.select("li")] == [
        (["sz-toc-h2"], "#gdp", "地区生产总值"),
        (["sz-toc-h3"], "#window", "2020—2025年年均增长（补充资料）"),
    ]
    assert page.select_one(".sz-nav a")["hreflang"] == "en"
    assert page.select_one("script")["data-sz-own"] == "nav"
