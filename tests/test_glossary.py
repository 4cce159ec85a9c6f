"""The glossary (szreport.present.glossary, glossary.js): the terms in both languages, the first use of each on a
page marked in running text only, never inside a tag, a link, a heading, a figure or a badge; data text stays text;
the page's model and script. Unit tier on small inline text, with nbconvert's own Markdown renderer; one render
test builds the economy report and opens it in Chromium."""

from __future__ import annotations

import html
import json
import re

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from szreport import fmt
from szreport.present import glossary

from .conftest import DATA
from .helpers import LANGS

REQUIRED = {
    "above_designated_size",
    "comparable_prices",
    "economic_census",
    "little_giants",
    "strategic_emerging_industries",
    "new_three",
    "rd_intensity",
}
DFN = re.compile(r'<dfn class="sz-term" data-term="([a-z_]+)">(.*?)</dfn>', re.S)
BUILD_WORDS = re.compile(r"szreport|\.csv|\.yaml|\.ipynb|series:|fig:|data folder|数据文件夹|parameter|参数", re.I)


def marked(lang: str, *texts) -> tuple[list[str], list[str]]:
    """Each text through one page's Uses, and the terms it used."""
    uses = glossary.Uses(lang)
    return [str.__str__(uses.mark(text)) for text in texts], uses.used


def visible(markdown: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markdown2html_mistune(markdown))).strip()


# --- the terms -------------------------------------------------------------------------------------------------


def test_both_languages_define_the_same_terms_with_reader_sentences():
    zh, en = glossary.terms("zh"), glossary.terms("en")
    assert list(zh) == list(en) and set(en) >= REQUIRED
    for lang, terms in (("zh", zh), ("en", en)):
        for key, term in terms.items():
            assert term.term and term.forms and term.definition.endswith("." if lang == "en" else "。"), key
            assert not BUILD_WORDS.search(term.definition + term.term), (lang, key)
            assert "{" not in term.definition and "  " not in term.definition, (lang, key)
            digits = re.findall(r"\d+", term.definition)
            assert digits == ([] if key != "above_designated_size" else ["2000" if lang == "zh" else "20"]), key
    assert "CNY 20 million" in en["above_designated_size"].definition
    assert "2000万元" in zh["above_designated_size"].definition
    assert "电动汽车" in zh["new_three"].definition and "solar cells" in en["new_three"].definition


def test_the_forms_name_the_terms_a_reader_meets():
    forms = {lang: {key: set(t.forms) for key, t in glossary.terms(lang).items()} for lang in LANGS}
    assert {"规模以上", "规上"} <= forms["zh"]["above_designated_size"]
    assert "above designated size" in forms["en"]["above_designated_size"]
    assert "小巨人" in forms["zh"]["little_giants"] and "little giants" in forms["en"]["little_giants"]
    assert "第五次全国经济普查" in forms["zh"]["economic_census"]
    assert "R&D intensity" in forms["en"]["rd_intensity"] and "研发投入强度" in forms["zh"]["rd_intensity"]


# --- marking the first use -------------------------------------------------------------------------------------


def test_only_the_first_use_on_a_page_is_marked_in_order_of_use():
    (first, second), used = marked(
        "en",
        fmt.Md("Firms above designated size; R&D intensity rose."),
        fmt.Md("Again above designated size, and the strategic emerging industries."),
    )
    assert DFN.findall(first) == [("above_designated_size", "above designated size"), ("rd_intensity", "R&D intensity")]
    assert DFN.findall(second) == [("strategic_emerging_industries", "strategic emerging industries")]
    assert used == ["above_designated_size", "rd_intensity", "strategic_emerging_industries"]
    (again,), used = marked("en", fmt.Md("above designated size"))  # a new page starts again
    assert DFN.findall(again) and used == ["above_designated_size"]


def test_english_matches_whole_words_whatever_their_case_chinese_the_longest_form():
    (text,), _ = marked("en", fmt.Md("Above Designated Size. A renew threefold; the “new three” and little giants."))
    assert DFN.findall(text) == [
        ("above_designated_size", "Above Designated Size"),
        ("new_three", "new three"),
        ("little_giants", "little giants"),
    ]
    (zh,), used = marked("zh", fmt.Md("国家级专精特新“小巨人”企业达，规上工业；规模以上工业"))
    assert DFN.findall(zh) == [("little_giants", "专精特新“小巨人”企业"), ("above_designated_size", "规上")]
    assert used == ["little_giants", "above_designated_size"]


@pytest.mark.parametrize(
    "text",
    [
        '<span data-key="industrial_output_2025_yuan_trillion">above designated size</span>',
        '<a class="sz-badge" data-claim="x" href="audit.html#claim-x"><span>above designated size</span></a>',
        '<span title="above designated size">x</span>',
        "## Industry above designated size",
        "[above designated size](audit.html#industry)",
        "`above designated size`",
        '<span data-sz-text="outlook_p_gdp">above designated size</span>',
        '<span data-key="k"><span>nested</span> above designated size</span>',
        "<!-- above designated size -->",
        "<https://example.org/above-designated-size>",
        "<code>above designated size</code>",
    ],
)
def test_never_inside_a_tag_link_heading_code_figure_or_badge(text):
    (out,), used = marked("en", fmt.Md(text))
    assert out == text and used == []


def test_running_text_around_protected_parts_is_still_marked():
    text = fmt.Md(
        '## Above designated size\n\n<span data-key="k">CNY 5.44 trillion</span> <a class="sz-badge" href="#x">'
        "above designated size</a> of firms above designated size, `x` R&D intensity."
    )
    (out,), used = marked("en", text)
    assert out.startswith("## Above designated size\n\n") and '<span data-key="k">CNY 5.44 trillion</span>' in out
    assert DFN.findall(out) == [("above_designated_size", "above designated size"), ("rd_intensity", "R&D intensity")]
    assert out.index("<dfn") > out.index("</a>") and used == ["above_designated_size", "rd_intensity"]


def test_a_form_matches_data_text_across_its_escapes_and_keeps_them():
    (out,), used = marked("en", fmt.md("Gross industrial output (above designated size), R&D intensity, pre-census"))
    assert DFN.findall(out) == [
        ("above_designated_size", "above designated size"),
        ("rd_intensity", "R\\&D intensity"),
        ("economic_census", "pre\\-census"),
    ]
    assert visible(out) == visible(
        str.__str__(fmt.md("Gross industrial output (above designated size), R&D intensity, pre-census"))
    )


HOSTILE = [
    "<script>window.__pwned = 1</script> above designated size",
    '<img src="x" onerror="window.__pwned = 2"> little giants',
    "[new three](javascript:window.__pwned=3)",
    "`R&D intensity` *comparable prices* __strategic emerging industries__",
    "# fifth economic census\n- item",
    "back\\slash \\<dfn\\> above designated size \\\\",
    '<span data-key="x">above designated size</span>',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_data_text_stays_text_and_shows_the_same_words(hostile):
    """Data text is escaped Markdown: marking adds a dfn around some of its words and nothing else; rendered by
    the export's renderer, the words a reader sees are the same, and no other element appears."""
    source = fmt.Md("Firms: ") + hostile
    (out,), _ = marked("en", source)
    page = markdown2html_mistune(out)
    assert visible(out) == visible(str.__str__(source))
    tags = set(re.findall(r"<([a-z]+)", page)) - {"p", "dfn", "em", "strong"}
    assert not tags, tags
    assert DFN.sub(r"\2", out) == str.__str__(source)


def test_marking_keeps_md_as_md_and_plain_text_as_it_is():
    uses = glossary.Uses("en")
    assert isinstance(uses.mark(fmt.Md("above designated size")), fmt.Md)
    assert type(uses.mark("comparable prices")) is str
    assert uses.mark(fmt.Md("nothing to explain")) == "nothing to explain"


# --- the page's model and script -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_panel_holds_the_terms_used_once_as_json_that_cannot_close_its_element(lang):
    uses = glossary.Uses(lang)
    assert uses.html() == ""  # no term used: no glossary in the page
    uses.mark(fmt.Md("研发投入强度" if lang == "zh" else "R&D intensity"))
    panel = uses.html()
    assert panel and uses.html() == ""  # once
    body = panel.split('data-sz-own="glossary-model">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and "&" not in body  # R&D as \u0026
    model = json.loads(body)
    assert [t["key"] for t in model["terms"]] == ["rd_intensity"] and model["lang"] == lang
    assert model["terms"][0]["definition"] == glossary.terms(lang)["rd_intensity"].definition
    assert set(model["words"]) == {"heading", "close"}
    assert panel.count("<script") == 2 and 'data-sz-own="glossary-script"' in panel


def test_the_script_sets_text_only_and_asks_for_nothing():
    script = glossary.SCRIPT_PATH.read_text(encoding="utf-8")
    assert "</" not in script
    for live in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "fetch(",
        "XMLHttp",
        "http",
    ):
        assert live not in script, live
    assert "textContent" in script


def test_a_report_marks_its_markdown_and_ends_with_the_glossary(monkeypatch):
    """Report.markdown marks first uses page by page; Report.finish emits the used terms once, beside the figures'
    notes; the recorded results are untouched."""
    import IPython.display

    from szreport.present.report import Report

    shown: list = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
    page = Report("economy", "en", DATA, display=True)
    page.markdown(fmt.Md("Firms above designated size, above designated size again."))
    page.heading(fmt.Md("Strategic emerging industries"), 2, "sei")
    page.markdown("data text: strategic emerging industries <b>")
    results = page.finish()
    texts = [obj.data for obj in shown if hasattr(obj, "data") and isinstance(obj.data, str)]
    assert DFN.findall(texts[0]) == [("above_designated_size", "above designated size")]
    assert "<dfn" not in texts[1]  # the heading
    assert DFN.findall(texts[2]) == [("strategic_emerging_industries", "strategic emerging industries")]
    assert "\\<b\\>" in texts[2]
    end = texts[3]
    assert end.index('id="sz-glossary"') < end.index('id="sz-provenance"')
    model = json.loads(end.split('data-sz-own="glossary-model">', 1)[1].split("</script>", 1)[0])
    assert [t["key"] for t in model["terms"]] == ["above_designated_size", "strategic_emerging_industries"]
    assert results == page.results == {}


def test_a_report_that_uses_no_term_has_no_glossary(monkeypatch):
    import IPython.display

    from szreport.present.report import Report

    shown: list = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
    page = Report("economy", "zh", DATA, display=True)
    page.markdown(fmt.Md("没有术语。"))
    page.finish()
    assert not any("sz-glossary" in str(getattr(obj, "data", "")) for obj in shown)
    assert any("sz-provenance" in str(getattr(obj, "data", "")) for obj in shown)


# --- in the browser --------------------------------------------------------------------------------------------

# For every figure of the page's Markdown (its data-key elements), its key, its text and whether a glossary term
# is inside it; and for every marked term, whether it stands inside a figure, a badge, a link or a heading.
PAGE_JS = """() => ({
  figures: Array.from(document.querySelectorAll('[data-mime-type="text/markdown"] [data-key]')).map(e => ({
    key: e.getAttribute('data-key'), text: e.textContent, term: !!e.querySelector('.sz-term')})),
  misplaced: Array.from(document.querySelectorAll('.sz-term')).filter(
    e => e.parentElement.closest('[data-key], [data-claim], a, h1, h2, h3, h4, h5, h6, .sz-term')).length,
  terms: Array.from(document.querySelectorAll('.sz-term')).map(e => e.getAttribute('data-term')),
})"""


def _markdown_figures(notebook: dict) -> list[dict]:
    """The figures of the notebook's Markdown outputs, as written there (their escapes undone)."""
    found = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            source = output.get("data", {}).get("text/markdown")
            if source is None or re.search(r"^ {0,3}#{1,6} ", "".join(source), re.M):  # headings become HTML
                continue
            for key, text in re.findall(r'<span data-key="([a-z0-9_]+)">(.*?)</span>', "".join(source), re.S):
                found.append({"key": key, "text": fmt.plain(fmt.Md(text)), "term": False})
    return found


@pytest.mark.render
def test_focus_opens_the_definition_and_figures_keep_their_text(built):
    """On the session's build (conftest.built), which the test only reads."""
    from .pages import chromium, open_offline
    from .test_accessibility import AXE, RUN_AXE_JS, blocking

    page_path = built / "en" / "economy.html"
    notebook = json.loads((built / "en" / "economy.ipynb").read_text(encoding="utf-8"))
    definition = glossary.terms("en")["above_designated_size"].definition
    with chromium() as browser:
        opened = open_offline(browser, page_path)
        page = opened.page
        found = page.evaluate(PAGE_JS)
        assert found["misplaced"] == 0
        assert found["figures"] == _markdown_figures(notebook)  # the glossary changed no figure's words
        assert "above_designated_size" in found["terms"] and len(found["terms"]) == len(set(found["terms"]))
        note = page.locator("#sz-gloss")
        assert not note.is_visible()
        term = page.locator('.sz-term[data-term="above_designated_size"]').first
        assert term.inner_text().lower() == "above designated size"
        term.focus()
        assert note.is_visible() and definition in note.inner_text()
        assert term.get_attribute("aria-expanded") == "true" and term.get_attribute("role") == "button"
        if AXE.exists():  # the open definition passes the accessibility check too
            page.add_script_tag(path=str(AXE))
            assert not blocking({"economy.html": page.evaluate(RUN_AXE_JS)})
        page.keyboard.press("Escape")
        assert not note.is_visible()
        page.locator(".sz-keyed").first.focus()  # the figures' notes still open, and the glossary's gives way
        assert page.locator("#sz-prov").is_visible() and not note.is_visible()
        term.hover()
        assert note.is_visible()
        page.mouse.click(5, 5)
        assert not note.is_visible()
        term.click()  # a tap reaches the page as a click
        assert note.is_visible()
        listed = page.locator(".sz-glossary-list")
        assert not listed.is_visible()  # print only
        page.emulate_media(media="print")
        assert listed.is_visible() and definition in listed.inner_text()
        assert listed.locator("dt").all_inner_texts() == [glossary.terms("en")[k].term for k in found["terms"]]
        assert opened.external == [] and opened.errors == []
        page.close()
