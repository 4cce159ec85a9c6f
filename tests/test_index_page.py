"""The front page ``index.html`` (issue 23 item 7): the title, one paragraph, the five "firsts" with the audit's
verdict badges, one headline chart, the six reports as cards in the reader's language, a switch to the other
language at the top; offline, no script, every link leading to a file of the build.

The first tests render the page from a staged output folder of empty pages (fast); the others open the page of
a real build in Chromium (``render``): set ``SZREPORT_INDEX_OUT`` to an existing output folder (``szreport build
--out DIR``) to check it instead of building one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from szreport import fmt
from szreport.build import index
from szreport.present import citation

from .pages import LIVE_MARKUP_JS, OWN_MARKUP_JS, chromium, open_offline

LANGS = fmt.LANGS
REPORTS = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]
# What a reader must never see on the page (file names of the data, references, the tool, its commands).
BUILD_WORDS = re.compile(r"\.csv|\.yaml|\.ipynb|series:|fig:|szreport|data folder|数据文件夹|--only|-p NAME", re.I)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'


def staged(tmp_path: Path, reports=REPORTS, langs=LANGS, pdf=True, chart=True) -> tuple[Path, Path]:
    """An output folder and a staging folder holding (empty) pages, PDFs and the headline chart's image."""
    out, staging = tmp_path / "out", tmp_path / "staging"
    report, name = index.HEADLINE_CHART
    for lang in langs:
        (staging / lang / "charts" / report).mkdir(parents=True)
        for n in reports:
            (staging / lang / f"{n}.html").write_text("<html></html>", encoding="utf-8")
            if pdf:
                (staging / lang / f"{n}.pdf").write_bytes(b"%PDF" + b"0" * 2000)
        if chart:
            (staging / lang / "charts" / report / f"{name}.svg").write_text(SVG, encoding="utf-8")
    out.mkdir()
    return out, staging


def render(ds, out: Path, staging: Path, bundle: Path | None = None) -> BeautifulSoup:
    cite = {
        lang: citation.for_report(
            "index", lang, dt.date(2026, 3, 4), "0" * 64, "9.9.9", ds.source("article"), ds.subject.name(lang)
        )
        for lang in LANGS
    }
    return BeautifulSoup(index.render_index(ds, REPORTS, out, staging, bundle, cite), "html.parser")


@pytest.fixture(scope="module")
def page(ds, tmp_path_factory) -> BeautifulSoup:
    out, staging = staged(tmp_path_factory.mktemp("front"))
    return render(ds, out, staging)


def front(page: BeautifulSoup, lang: str):
    article = page.select_one(f"article.sz-front#{lang}")
    assert article is not None and article["lang"] == lang
    return article


def test_one_front_page_per_language_chinese_first(page):
    fronts = page.select("main > article.sz-front")
    assert [a["id"] for a in fronts] == ["zh", "en"]
    assert page.html["lang"] == "zh" and not page.find("script")


@pytest.mark.parametrize("lang", LANGS)
def test_it_opens_with_the_switch_the_title_and_one_paragraph(ds, page, lang):
    article = front(page, lang)
    other = next(code for code in LANGS if code != lang)
    first = article.find(True)
    assert first.name == "nav" and "sz-front-switch" in first["class"]
    links = first.find_all("a")
    assert [(a["href"], a["lang"]) for a in links] == [(f"#{other}", other)]
    assert links[0].get_text() == str(fmt.plain(fmt.t(other, "index_lang_name")))
    head = article.select_one("header.sz-front-head")
    assert head.h1.get_text() == str(fmt.plain(fmt.t(lang, "index_title", city=ds.subject.name(lang))))
    assert len(head.find_all("p")) == 1 and head.p.select("[data-key]")  # a figure, stated from the data


@pytest.mark.parametrize("lang", LANGS)
def test_the_firsts_carry_the_audits_badges_linking_into_the_language_folder(page, ds, lang):
    from szreport.audit.report import checks
    from szreport.themes.overview import FIRSTS

    article = front(page, lang)
    items = article.select(".sz-front-firsts ol > li")
    assert len(items) == len(FIRSTS)
    verdicts = checks(ds, lang)
    expected = {c.claim: c.kind for key in {e["data-key"] for e in article.select(".sz-front-firsts [data-key]")}
                for c in verdicts.get(key, [])}  # fmt: skip
    shown = {b["data-claim"]: b["data-verdict"] for b in article.select(".sz-front-firsts [data-claim]")}
    assert expected and shown == expected
    for badge in article.select("[data-claim]"):
        assert badge["href"] == f"{lang}/audit.html#claim-{badge['data-claim']}"
        assert badge.get_text(strip=True), "a badge says its verdict in words"


@pytest.mark.parametrize("lang", LANGS)
def test_one_headline_chart_inlined_with_its_description(page, ds, lang):
    from szreport.charts import text as chart_text
    from szreport.themes import overview

    images = front(page, lang).select(".sz-front-chart img")
    assert len(images) == 1
    assert images[0]["src"].startswith("data:image/svg+xml;base64,")
    chart = next(c for c in overview.growth_comparison(ds, lang).charts if c.name == index.HEADLINE_CHART[1])
    assert images[0]["alt"] == chart_text.describe(chart, lang)
    assert front(page, lang).select_one(".sz-front-chart figcaption").get_text(strip=True)


@pytest.mark.parametrize("lang", LANGS)
def test_the_six_reports_are_cards_in_the_readers_language(ds, page, lang):
    cards = front(page, lang).select("ul.sz-cards > li.sz-card")
    assert len(cards) == len(REPORTS)
    for card, name in zip(cards, REPORTS, strict=True):
        assert card.h3.a["href"] == f"{lang}/{name}.html"
        assert card.h3.get_text() == str(fmt.plain(fmt.t(lang, f"title_{name}", city=ds.subject.name(lang))))
        assert card.p.get_text() == str(fmt.plain(fmt.t(lang, f"index_card_{name}")))
        pdf = card.select_one(".sz-card-links a")
        assert pdf["href"] == f"{lang}/{name}.pdf" and pdf.get_text() in pdf["aria-label"]


@pytest.mark.parametrize("lang", LANGS)
def test_headline_figures_citation_and_the_sources_note(page, ds, lang):
    article = front(BeautifulSoup(str(page), "html.parser"), lang)
    assert len(article.select("details.sz-front-headlines table.sz-table thead th[scope=col]")) == 3
    assert article.select_one("section.sz-cite") is not None
    reference = str(fmt.plain(citation.source_reference(ds.source("article"), lang)))
    assert reference in article.select_one("footer").get_text()
    for folded in article.select("details.sz-cite-format"):  # BibTeX and CSL-JSON name the tool as the author
        folded.decompose()
    assert not BUILD_WORDS.search(article.get_text(" "))


def test_a_front_page_shows_only_what_was_built(ds, tmp_path):
    out, staging = staged(tmp_path, reports=["economy"], pdf=False, chart=False)
    page = render(ds, out, staging)
    for lang in LANGS:
        article = front(page, lang)
        assert [a["href"] for a in article.select(".sz-card h3 a")] == [f"{lang}/economy.html"]
        assert not article.select(".sz-card-links") and not article.select(".sz-front-chart")
        assert not article.select("[data-claim]")  # no audit page to link to: no badge


def test_published_pages_count_and_data_text_is_escaped(ds, tmp_path):
    out, staging = staged(tmp_path, reports=[], chart=False)
    for lang in LANGS:
        (out / lang).mkdir(parents=True)
        (out / lang / "audit.html").write_text("<html></html>", encoding="utf-8")  # published by an earlier build
    sources = ds.sources.copy()
    sources.loc[sources["id"] == "article", "publisher"] = "<script>alert(1)</script> (Gloss)"
    text = index.render_index(dataclasses.replace(ds, sources=sources, _figure_cache={}), REPORTS, out, staging)
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;（Gloss）" in text
    page = BeautifulSoup(text, "html.parser")
    assert [a["href"] for a in page.select("#en .sz-card h3 a")] == ["en/audit.html"]


# --- the page of a real build, in Chromium ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def out(request) -> Path:
    given = os.environ.get("SZREPORT_INDEX_OUT")
    return Path(given) if given else request.getfixturevalue("built")


def visible(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


@pytest.mark.render
def test_the_switch_shows_one_language_at_a_time(out):
    with chromium() as browser:
        opened = open_offline(browser, out / "index.html")
        page = opened.page
        assert opened.external == [] and opened.failed == [] and opened.errors == []
        assert page.evaluate(LIVE_MARKUP_JS) == [] and page.evaluate(OWN_MARKUP_JS) == []
        assert visible(page, "#zh h1") and not visible(page, "#en h1")
        page.click("#zh .sz-front-switch a")
        assert page.evaluate("location.hash") == "#en"
        assert visible(page, "#en h1") and not visible(page, "#zh h1")
        assert page.evaluate("scrollY") < 50  # the English front page starts at the top of the window
        page.click("#en .sz-front-switch a")
        assert visible(page, "#zh h1") and not visible(page, "#en h1")
        page.close()


@pytest.mark.render
@pytest.mark.parametrize("width", [1400, 390])
def test_the_front_page_reads_on_a_wide_and_a_narrow_screen(out, width):
    """At the top of the window: the switch and the title; no part of the page wider than the window; the chart
    drawn; the first card within the first few screens; no build vocabulary in what the reader sees."""
    with chromium() as browser:
        for lang in LANGS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            page.goto((out / "index.html").resolve().as_uri() + f"#{lang}", wait_until="load")
            switch = page.locator(f"#{lang} .sz-front-switch a").bounding_box()
            title = page.locator(f"#{lang} h1").bounding_box()
            assert switch and title and switch["y"] < title["y"] < 200, (lang, width, switch, title)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (lang, width)
            drawn = page.evaluate(f"Array.from(document.querySelectorAll('#{lang} img')).map(i => i.naturalWidth)")
            assert len(drawn) == 1 and drawn[0] > 0
            card = page.locator(f"#{lang} .sz-card").first.bounding_box()
            assert card and card["y"] < 4 * 900, (lang, width, card)
            text = page.evaluate(f"document.getElementById('{lang}').innerText")
            assert not BUILD_WORDS.search(text), BUILD_WORDS.search(text)
            page.close()


@pytest.mark.render
def test_every_link_leads_to_a_file_of_the_build_and_every_badge_to_its_claim(out):
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    anchors: dict[str, set[str]] = {}
    for link in page.find_all("a", href=True):
        href = link["href"]
        path, _, fragment = href.partition("#")
        if not path:
            assert page.find(id=fragment) is not None, href
            continue
        assert (out / path).is_file(), href
        if fragment:
            if path not in anchors:
                target = BeautifulSoup((out / path).read_text(encoding="utf-8"), "html.parser")
                anchors[path] = {e["id"] for e in target.find_all(id=True)}
            assert fragment in anchors[path], href
    for lang in LANGS:
        verdicts = json.loads((out / lang / "results.json").read_text(encoding="utf-8"))["audit"]
        badges = page.select(f"#{lang} [data-claim]")
        assert badges
        for badge in badges:
            assert badge["data-verdict"] == verdicts[f"{badge['data-claim']}_verdict"]
        cards = page.select(f"#{lang} .sz-card")
        assert len(cards) == len(REPORTS)
        for card, name in zip(cards, REPORTS, strict=True):  # a PDF link exactly where the PDF was built
            assert bool(card.select(".sz-card-links a")) == (out / lang / f"{name}.pdf").is_file(), name
