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
    return citation.for_report(name, lang, DAY, HASH, "9.9.9", article or HOSTILE)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plain_text_names_report_build_day_hash_and_article(lang):
    text = citation.plain_text(cite(lang))
    for part in [
        str(fmt.plain(fmt.t(lang, "title_economy"))),
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
    c = citation.for_report("index", "en", DAY, HASH, "9.9.9", {**HOSTILE, "url": float("nan")})
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
