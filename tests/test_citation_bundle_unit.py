"""The citation (plain text, BibTeX, CSL-JSON) and the data bundle, on the project's data and hostile text."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from io import BytesIO

import pytest

from szreport import fmt
from szreport.build import bundle
from szreport.data.loader import schema
from szreport.present import citation

DAY = dt.date(2026, 3, 4)
HASH = "0123456789abcdef" * 4
HOSTILE = {
    "publisher": "Evil & Co {x} 100% #1 $5 a_b ~ ^",
    "title": "</code></pre><script>alert(1)</script> \\end",
    "date": "2021-01",
    "url": "",
}


def cite(lang="en", article=None, name="economy"):
    return citation.for_report(name, lang, DAY, HASH, "9.9.9", article or HOSTILE, "Shenzhen")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plain_text_names_report_build_day_hash_and_article(lang):
    text = citation.plain_text(cite(lang))
    for part in [
        str(fmt.plain(fmt.t(lang, "title_economy", city="Shenzhen"))),
        "2026-03-04",
        HASH[: citation.SHORT_HASH],
        f"{lang}/economy.html",
    ]:
        assert part in text
    assert "szreport" not in text  # a reader's citation: no build vocabulary (the version is in BibTeX and CSL)
    assert HOSTILE["publisher"] in text and HOSTILE["title"] in text  # literal, unescaped in plain text
    assert HASH[: citation.SHORT_HASH + 1] not in text


def test_bibtex_escapes_data_text_and_links_the_article():
    text = citation.bibtex(cite())
    assert r"Evil \& Co \{x\} 100\% \#1 \$5 a\_b \textasciitilde{} \textasciicircum{}" in text
    assert r"\textbackslash{}end" in text
    assert "@misc{szreport_economy_en," in text and "@article{szreport_article," in text
    assert "related = {szreport_article}" in text and "author = {{szreport}}" in text
    assert "date = {2026-03-04}" in text and "year = {2021}" in text
    assert "url =" not in text  # no address: no empty field
    # every brace is balanced: no data text opened or closed a field
    assert text.count("{") - text.count(r"\{") == text.count("}") - text.count(r"\}")


def test_csl_json_items():
    report, article = json.loads(citation.csl_json(cite("zh")))
    assert report["type"] == "report" and report["language"] == "zh-CN"
    assert report["issued"] == {"date-parts": [[2026, 3, 4]]}
    assert report["version"] == f"9.9.9+{HASH[: citation.SHORT_HASH]}"
    assert article["type"] == "article-newspaper" and article["issued"] == {"date-parts": [[2021, 1]]}
    assert article["title"] == HOSTILE["title"] and "URL" not in article
    with_url = json.loads(citation.csl_json(cite(article={**HOSTILE, "url": "example.org/a"})))[1]
    assert with_url["URL"] == "example.org/a"


def test_section_html_has_no_markup_from_data():
    page = citation.section_html(cite())
    assert "<script" not in page and "&lt;script&gt;" in page
    assert page.count("<pre>") == 2 and page.count("</pre>") == 2


def test_index_citation_and_missing_url_cell():
    c = citation.for_report("index", "en", DAY, HASH, "9.9.9", {**HOSTILE, "url": float("nan")}, "Shenzhen")
    assert c.key == "szreport_en" and c.path == "index.html" and c.article["url"] == ""


@pytest.fixture
def staged(ds, tmp_path):
    staging, out = tmp_path / "staging", tmp_path / "out"
    (staging / "en").mkdir(parents=True)
    (staging / "en" / "results.json").write_text('{"economy": {"x": 1}}')
    (staging / "en" / "build.json").write_text('{"inputs_hash": "new"}')
    (out / "zh").mkdir(parents=True)
    (out / "zh" / "results.json").write_text('{"economy": {"x": 2}}')
    for root, text in [(out, "old"), (staging, "new")]:
        (root / "data" / "economy").mkdir(parents=True)
        (root / "data" / "economy" / "gdp.csv").write_text(text)
    (out / "data" / "economy" / "kept.csv").write_text("published")
    return staging, out


def test_bundle_members_take_staged_files_first_then_published(ds, staged):
    staging, out = staged
    members = bundle.bundle_members(ds, staging, out, ["zh", "en"], ["economy"])
    assert members["en/results.json"] == b'{"economy": {"x": 1}}'
    assert members["zh/results.json"] == b'{"economy": {"x": 2}}'  # not rebuilt: the published one
    assert "zh/build.json" not in members  # in neither folder
    assert members["charts/economy/gdp.csv"] == b"new" and members["charts/economy/kept.csv"] == b"published"
    for name in ["figures.csv", "series.csv", "sources.csv", "indicators.yaml"]:
        assert members[f"data/{name}"] == (ds.folder / name).read_bytes()
    assert {"README.md", "SOURCES.md", "schema.yaml"} <= set(members)


def test_readme_explains_every_column_of_the_schema(ds, staged):
    text = bundle.bundle_members(ds, *staged, ["zh", "en"], ["economy"])["README.md"].decode()
    for name, spec in schema()["files"].items():
        assert f"`data/{name}`" in text
        for column in spec.get("fields", {}):
            assert f"- `{column}`" in text, (name, column)


def test_sources_md_lists_every_source_with_its_address(ds, staged):
    text = bundle.bundle_members(ds, *staged, ["zh", "en"], ["economy"])["SOURCES.md"].decode()
    assert bundle.TERMS.splitlines()[0] in text
    for row in ds.sources.fillna("").to_dict("records"):
        assert f"| {fmt.md(row['id'])} |" in text
        assert f"| {fmt.md(row['url'])} |" in text  # Markdown that shows the address literally


def test_zip_is_reproducible_and_rooted(ds, staged):
    members = bundle.bundle_members(ds, *staged, ["zh", "en"], ["economy"])
    first, second = bundle.zip_bytes(members, DAY), bundle.zip_bytes(members, DAY)
    assert first == second
    with zipfile.ZipFile(BytesIO(first)) as archive:
        names = archive.namelist()
        assert all(n.startswith("szreport-data/") for n in names)
        assert archive.read("szreport-data/en/results.json") == members["en/results.json"]
        assert {i.date_time[:3] for i in archive.infolist()} == {(2026, 3, 4)}


def test_sources_md_cells_show_data_text_literally():
    cell = bundle._md_cell("<script>x</script> | [a](javascript:b)\nnext")
    assert "<" not in cell.replace("\\<", "") and "\\|" in cell and "\n" not in cell


# --- how a page names a source (issue 23 item 6) ---------------------------------------------------------------

ARTICLE = {
    "publisher": "深圳特区报 (Shenzhen Special Zone Daily)",
    "title": "5年5个关键“第一”是怎样拿到的？",
    "title_en": "Five key ‘firsts’ in five years: how were they won?",
    "date": "2026-02-09",
    "url": "",
}


def test_english_pages_give_the_english_title_with_the_original_after_it():
    text = str(fmt.plain(citation.source_reference(ARTICLE, "en")))
    english, original = text.index(f"“{ARTICLE['title_en']}”"), text.index(ARTICLE["title"])
    assert english < original and "original title" in text
    assert text.startswith(ARTICLE["publisher"]) and text.endswith(ARTICLE["date"])
    assert "《" not in text and "（" not in text


def test_chinese_pages_use_full_width_brackets_and_the_original_title():
    text = str(fmt.plain(citation.source_reference(ARTICLE, "zh")))
    assert text == "深圳特区报（Shenzhen Special Zone Daily）《5年5个关键“第一”是怎样拿到的？》（2026-02-09）"
    assert ARTICLE["title_en"] not in text and "(" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_an_english_title_the_original_stands_alone(lang):
    for article in ({k: v for k, v in ARTICLE.items() if k != "title_en"}, {**ARTICLE, "title_en": float("nan")}):
        text = str(fmt.plain(citation.source_reference(article, lang)))
        assert ARTICLE["title"] in text and "original title" not in text and "‘firsts’" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", citation.SECONDARY_KINDS)
def test_a_secondary_source_says_so(lang, kind):
    words = str(fmt.plain(fmt.t(lang, f"cite_secondary_{kind}")))
    assert words in str(fmt.plain(citation.source_reference({**ARTICLE, "secondary": kind}, lang)))
    assert words not in str(fmt.plain(citation.source_reference(ARTICLE, lang)))
    c = cite(lang, article={**ARTICLE, "secondary": kind})
    assert words in citation.plain_text(c)
    assert f"note = {{{words}}}" in citation.bibtex(c)
    assert words in json.loads(citation.csl_json(c))[1]["note"]


def test_every_source_of_the_data_is_named_in_both_languages(ds):
    """Every row of the project's sources: the English title where the data give one, and the secondary ones said
    to be so; the article's own title has its translation."""
    assert str(ds.source("article")["title_en"]).strip()
    for row in ds.sources.to_dict("records"):
        en, zh = (str(fmt.plain(citation.source_reference(row, lang))) for lang in ("en", "zh"))
        assert row["title"] in en and row["title"] in zh
        if row["title_en"]:
            assert row["title_en"] in en and row["title_en"] not in zh
        if row["secondary"]:
            assert str(fmt.plain(fmt.t("en", f"cite_secondary_{row['secondary']}"))) in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_line_under_each_title_names_the_source_as_the_citation_does(ds, lang):
    from szreport.present.report import Report

    shown = []
    report = Report("economy", lang, ds.folder, display=False)
    report.markdown = lambda text, metadata=None: shown.append(str(fmt.plain(text)))  # type: ignore[method-assign]
    report.title()
    reference = str(fmt.plain(citation.source_reference(ds.source("article"), lang)))
    assert reference in shown[-1]


def test_english_citation_carries_the_english_title_in_every_format():
    c = cite("en", article=ARTICLE)
    assert f"“{ARTICLE['title_en']}” (original title: {ARTICLE['title']})" in citation.plain_text(c)
    assert f"titleaddon = {{{ARTICLE['title_en']}}}" in citation.bibtex(c)
    assert f"title = {{{ARTICLE['title']}}}" in citation.bibtex(c)  # the original stays the title
    article = json.loads(citation.csl_json(c))[1]
    assert article["title"] == ARTICLE["title"] and ARTICLE["title_en"] in article["note"]
    zh = cite("zh", article=ARTICLE)
    assert "titleaddon" not in citation.bibtex(zh) and "note" not in json.loads(citation.csl_json(zh))[1]
    assert ARTICLE["title_en"] not in citation.plain_text(zh)


def test_an_english_title_from_the_data_is_text_in_every_format():
    hostile = {**HOSTILE, "title_en": "</p><script>alert(2)</script> {y} 50% $"}
    c = cite("en", article=hostile)
    assert hostile["title_en"] in citation.plain_text(c)
    assert r"\{y\} 50\% \$" in citation.bibtex(c)
    page = citation.section_html(c)
    assert "<script" not in page and "&lt;script&gt;alert(2)" in page
    markdown = citation.source_reference(hostile, "en")
    assert "<" not in str.__str__(markdown).replace("\\<", "")  # Markdown that shows the title literally


def test_schema_takes_the_optional_columns_and_checks_the_secondary_kind(data_copy):
    import csv

    from szreport.data import loader

    path = data_copy / "sources.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = list(reader.fieldnames or []), list(reader)
    rows[0]["secondary"] = "hearsay"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    problems = loader.validate(data_copy)
    assert [(p.file, p.column, p.value) for p in problems] == [("sources.csv", "secondary", "hearsay")], problems
    kept = [f for f in fields if f not in ("title_en", "secondary")]  # a data folder without them stays valid
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=kept, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    assert loader.validate(data_copy) == []
