"""Navigation in the built reports (one full build, see conftest.built): a table of contents whose links lead to
sections of the page, section ids the same in both languages, charts and tables numbered 1..n and referred to
in the text, the layout on a narrow and a wide screen and the language switch in Chromium (offline), and every
PDF with an outline of the same sections and its language set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import LANGS
from .pages import chromium, open_offline

pytestmark = pytest.mark.render

REPORTS = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]
NUMBER = {"zh": {"fig": "图{}", "table": "表{}"}, "en": {"fig": "Figure\xa0{}", "table": "Table\xa0{}"}}


def page(built: Path, lang: str, name: str) -> BeautifulSoup:
    return BeautifulSoup((built / lang / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def toc(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(level, id) of every entry of the table of contents."""
    return [(li["class"][0][-1], li.a["href"].removeprefix("#")) for li in soup.select("nav.sz-toc li")]


def heading_text(heading) -> str:
    return heading.get_text().removesuffix("¶").strip()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", REPORTS)
def test_table_of_contents_leads_to_the_sections_of_the_page(built, lang, name):
    soup = page(built, lang, name)
    nav = soup.select_one("nav.sz-toc")
    assert nav is not None and nav["aria-label"] == ("目录" if lang == "zh" else "Contents")
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "ids are unique in a page"
    # the key findings box stands before the contents' sections: its heading is not one of them
    outside = ("sz-scenarios-h", "key-findings-h")
    sections = [(h.name[1], h["id"]) for h in soup.select("main h2[id], main h3[id]") if h["id"] not in outside]
    assert toc(soup) == sections and len(sections) >= 3  # every section, in page order, and nothing else
    for li in soup.select("nav.sz-toc li"):
        heading = soup.find(id=li.a["href"][1:])
        assert li.a.get_text() == heading_text(heading)


@pytest.mark.parametrize("name", REPORTS)
def test_sections_have_the_same_ids_in_both_languages(built, name):
    zh, en = (page(built, lang, name) for lang in LANGS)
    assert toc(zh) == toc(en)
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", anchor) for _, anchor in toc(zh))  # no words of either language


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", REPORTS)
def test_charts_and_tables_are_numbered_and_referred_to(built, lang, name):
    soup = page(built, lang, name)
    for kind in ("fig", "table"):
        captions = [p["id"] for p in soup.select("p.sz-caption-line") if p["id"].startswith(kind + "-")]
        assert captions == [f"{kind}-{n}" for n in range(1, len(captions) + 1)], captions  # 1..n, no gap
        for n, anchor in enumerate(captions, 1):
            label = NUMBER[lang][kind].format(n)
            assert soup.find(id=anchor).select_one(".sz-number").get_text().startswith(label)
            refs = soup.select(f'a.sz-ref[href="#{anchor}"]')
            assert refs and all(a.get_text() == label for a in refs), (anchor, refs)
    assert soup.select("p.sz-caption-line")
    assert len(soup.select("main img")) == len(soup.select("p.sz-caption-line[id^=fig-]"))  # every chart numbered


# --- the PDF's outline, read from the file (Chromium writes its objects uncompressed; only streams are) -------


def pdf_object(content: bytes, number: int) -> bytes:
    found = re.search(rb"(?<![0-9])%d 0 obj\s*<<(.*?)>>\s*endobj" % number, content, re.S)
    assert found, number
    return found[1]


def pdf_string(raw: bytes) -> str:
    """A PDF text string: <FEFF...> (UTF-16BE) or (literal) with its escapes."""
    if raw.startswith(b"<"):
        data = bytes.fromhex(raw[1:-1].decode())
        return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")
    text = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m[1], 8)]), raw[1:-1])
    return re.sub(rb"\\(.)", rb"\1", text, flags=re.S).decode("latin-1")


def outline(content: bytes) -> list[tuple[int, str]]:
    """(depth, title) of every outline entry, depth first."""
    root = re.search(rb"/Outlines (\d+) 0 R", content)
    assert root, "no outline"
    entries: list[tuple[int, str]] = []

    def walk(number: int, depth: int) -> None:
        while number:
            obj = pdf_object(content, number)
            title = re.search(rb"/Title (<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))", obj, re.S)
            entries.append((depth, pdf_string(title[1])))
            child = re.search(rb"/First (\d+) 0 R", obj)
            if child:
                walk(int(child[1]), depth + 1)
            after = re.search(rb"/Next (\d+) 0 R", obj)
            number = int(after[1]) if after else 0

    first = re.search(rb"/First (\d+) 0 R", pdf_object(content, int(root[1])))
    walk(int(first[1]), 0)
    return entries


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", REPORTS)
def test_pdf_has_an_outline_of_the_sections_and_its_language(built, lang, name):
    content = (built / lang / f"{name}.pdf").read_bytes()
    soup = page(built, lang, name)
    title = heading_text(soup.select_one("main h1"))
    sections = [(int(level) - 1, heading_text(soup.find(id=anchor))) for level, anchor in toc(soup)]
    findings = heading_text(soup.find(id="key-findings-h"))
    entries = [entry for entry in outline(content) if entry != (1, findings)]  # the box under the title
    assert entries[: 1 + len(sections)] == [(0, title), *sections]  # the title, then every section under it
    assert all(depth >= 1 for depth, _ in entries[1 + len(sections) :])  # and what a script adds for print
    catalog = re.search(rb"/Type /Catalog(.*?)>>\s*endobj", content, re.S)
    assert catalog and f"/Lang ({lang})".encode() in catalog[1]


# --- in Chromium: layout on a narrow and a wide screen, the language switch -----------------------------------


def box(opened, selector: str) -> dict:
    return opened.page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect(); "
        "return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY}; }",
        selector,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_contents_folded_after_the_findings_when_narrow_beside_the_text_when_wide(built, lang):
    with chromium() as browser:
        for name in ("economy", "outlook"):
            opened = open_offline(browser, built / lang / f"{name}.html")
            opened.page.set_viewport_size({"width": 390, "height": 844})
            assert not opened.page.is_visible("nav.sz-toc")  # nothing stands above the title
            fold = opened.page.locator("details.sz-toc-fold")
            assert fold.count() == 1 and fold.get_attribute("open") is None, name  # folded
            first = box(opened, "main h2[id]:not(#key-findings-h):not(#sz-scenarios-h)")
            fold_box, findings = box(opened, "details.sz-toc-fold"), box(opened, "#key-findings")
            assert box(opened, "main h1")["bottom"] <= findings["top"], name
            assert findings["bottom"] <= fold_box["top"] and fold_box["bottom"] <= first["top"], (name, fold_box)
            fold.locator("summary").click()
            links = fold.locator("a")
            assert links.count() == opened.page.locator("nav.sz-toc a").count() and links.first.is_visible()
            assert opened.page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
            opened.page.set_viewport_size({"width": 1400, "height": 900})
            opened.page.evaluate("scrollTo(0, 0)")  # opening the fold scrolled the narrow page
            assert not opened.page.is_visible("details.sz-toc-fold")
            toc_box, text = box(opened, "nav.sz-toc"), box(opened, "main h1")
            assert toc_box["right"] <= text["left"] and toc_box["top"] < text["bottom"], (name, toc_box, text)
            scrolled = opened.page.evaluate("scrollTo(0, document.body.scrollHeight / 2); scrollY")
            assert scrolled > 1000 and box(opened, "nav.sz-toc")["top"] >= scrolled - 1  # sticky: still in view
            assert opened.external == [] and opened.errors == [], (opened.external, opened.errors)
            opened.page.close()


def test_language_switch_lands_on_the_same_section(built):
    with chromium() as browser:
        for lang, other in (("zh", "en"), ("en", "zh")):
            opened = open_offline(browser, built / lang / "economy.html")
            page_ = opened.page
            page_.set_viewport_size({"width": 1400, "height": 900})
            section = toc(page(built, lang, "economy"))[2][1]
            page_.evaluate("id => document.getElementById(id).scrollIntoView()", section)
            with page_.expect_navigation():
                page_.click("nav.sz-nav a[hreflang]")
            assert page_.url.endswith(f"/{other}/economy.html#{section}"), page_.url
            assert page_.evaluate("id => document.getElementById(id).getBoundingClientRect().top", section) < 100
            assert opened.external == [] and opened.errors == [], (opened.external, opened.errors)
            page_.close()
