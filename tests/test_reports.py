"""Built reports (one full build, see conftest.built): recorded figures against the article's figures and
against values worked out here independently, then the HTML in a real browser and the PDF on disk."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import DATA, ROOT
from .helpers import LANGS, SUFFIX, pdf_text
from .pages import chromium, open_offline

pytestmark = pytest.mark.notebook


def article_figures() -> dict[str, dict]:
    with (DATA / "figures.csv").open(encoding="utf-8") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def results(built: Path, lang: str) -> dict:
    """Every report's recorded figures."""
    return json.loads((built / lang / "results.json").read_text(encoding="utf-8"))


def lo_hi(value: str, qualifier: str = "exact") -> tuple[float, float]:
    """Rounding interval of a printed number, worked out here from its digits."""
    decimals = len(value.split(".")[1]) if "." in value else 0
    half = 0.5 * 10**-decimals
    return float(value) - half, float(value) + half


@pytest.mark.parametrize("lang", LANGS)
def test_recorded_article_figures_equal_the_article(built, lang):
    figures = article_figures()
    by_key = {f"{fid}_{SUFFIX[row['unit']]}": row for fid, row in figures.items()}
    checked = 0
    for report, values in results(built, lang).items():
        for key, value in values.items():
            if key in by_key:
                assert value == pytest.approx(float(by_key[key]["value"])), f"{report}.{key}"
                checked += 1
    assert checked >= 20


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("theme", ["overview", "economy", "innovation", "opening_up"])
def test_every_figure_of_a_theme_is_recorded_by_its_report(built, lang, theme):
    recorded = results(built, lang)[theme]
    figures = [row for row in article_figures().values() if row["theme"] == theme]
    assert figures
    for row in figures:
        key = f"{row['id']}_{SUFFIX[row['unit']]}"
        assert key in recorded, key
        assert recorded[key] == pytest.approx(float(row["value"])), key


@pytest.mark.parametrize("lang", LANGS)
def test_economy_derived_figures(built, lang):
    r = results(built, lang)["economy"]
    g0, g1 = lo_hi("2.83"), lo_hi("3.87")
    assert r["gdp_nominal_cagr_2020_2025_pct_low"] == pytest.approx(((g1[0] / g0[1]) ** (1 / 5) - 1) * 100, abs=1e-5)
    assert r["gdp_nominal_cagr_2020_2025_pct_high"] == pytest.approx(((g1[1] / g0[0]) ** (1 / 5) - 1) * 100, abs=1e-5)
    assert 6.39 < r["gdp_nominal_cagr_2020_2025_pct_low"] < r["gdp_nominal_cagr_2020_2025_pct_high"] < 6.53
    assert r["gdp_increment_2020_2025_yuan_trillion"] == pytest.approx(3.87 - 2.83, abs=1e-9)
    s1 = lo_hi("1.67")
    assert r["sei_share_gdp_2025_recomputed_pct_low"] == pytest.approx(s1[0] / g1[1] * 100, abs=1e-5)
    assert r["sei_share_gdp_2025_recomputed_pct_high"] == pytest.approx(s1[1] / g1[0] * 100, abs=1e-5)
    assert r["sei_share_gdp_2025_recomputed_pct_low"] <= 43.05 and r["sei_share_gdp_2025_recomputed_pct_high"] >= 42.95
    assert r["industrial_output_2020_implied_yuan_trillion"] == pytest.approx(5.44 / 1.066**5, abs=0.01)
    assert r["industrial_output_thresholds_recomputed_count"] == 2
    deflator_mid = ((1 + r["gdp_nominal_cagr_2020_2025_pct"] / 100) / 1.055 - 1) * 100
    assert r["gdp_implied_deflator_2020_2025_pct"] == pytest.approx(deflator_mid, abs=0.05)


def test_languages_record_the_same_figures(built):
    zh, en = results(built, "zh"), results(built, "en")
    assert zh == en


def test_layout_and_chart_data(built):
    assert (built / "index.html").exists()
    for lang in LANGS:
        for ext in ("html", "pdf", "ipynb"):
            assert (built / lang / f"economy.{ext}").stat().st_size > 1000
        record = json.loads((built / lang / "build.json").read_text())
        assert record["language"] == lang and record["inputs"]["data"] and record["versions"]["papermill"]
        lock = hashlib.sha256((ROOT / "requirements.lock").read_bytes()).hexdigest()
        assert record["inputs"]["lock"] == lock  # the exact packages the reports were built with
        pages = sorted(path.name for path in (built / lang).iterdir() if path.suffix in (".html", ".pdf"))
        assert sorted(record["pages"]) == pages  # every page, by the digest of its bytes
        for name, digest in record["pages"].items():
            assert hashlib.sha256((built / lang / name).read_bytes()).hexdigest() == digest, name
        page = (built / lang / "economy.html").read_text(encoding="utf-8")
        links = re.findall(r"href=['\"](\.\./data/[^'\"]+\.csv)['\"]", page)
        assert len(links) >= 4
        for link in links:
            assert (built / lang / link).resolve().exists(), link


def test_html_has_no_code_and_no_external_reference(built):
    for page in built.glob("*/*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["'](https?:)?//""", text), page
        assert "from szreport" not in text, f"code shown in {page}"
        assert 'class="jp-InputArea jp-Cell-inputArea"' not in text, f"input cells in {page}"


def test_html_language_and_generated_text(built):
    zh = (built / "zh" / "economy.html").read_text(encoding="utf-8")
    en = (built / "en" / "economy.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in zh and '<html lang="en">' in en
    assert "地区生产总值" in zh and "3.87万亿元" in zh
    assert "Gross domestic product" in en and "CNY 3.87 trillion" in en


# --- rendering: a real browser and the real PDF -----------------------------------------------------


@pytest.mark.render
def test_pages_load_offline_in_chromium(built):
    pages = sorted(built.glob("*/*.html")) + [built / "index.html"]
    with chromium() as browser:
        for path in pages:
            opened = open_offline(browser, path)
            page = opened.page
            broken = page.evaluate(
                "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length"
            )
            images = page.evaluate("document.images.length")
            assert opened.external == [] and opened.failed == [] and opened.errors == [], (
                path,
                opened.external,
                opened.failed,
                opened.errors,
            )
            assert broken == 0, path
            if path.name != "index.html":
                assert images >= 1, path
            if path.name == "index.html":
                hrefs = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
                for href in hrefs:  # a link within the page (#en) or to a section of a report
                    target = href.partition("#")[0]
                    assert not target or (built / target).exists(), href
            page.close()


@pytest.mark.render
def test_no_markdown_left_unrendered(built):
    """Emphasis next to Chinese punctuation is a CommonMark trap (``**核查：一致。**全…`` stays literal): no page
    may show a stray ``**``."""
    import html

    for page in sorted(built.glob("*/*.html")):
        body = re.sub(r"<(style|script)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", body))
        assert "**" not in text, (page.name, text[max(0, text.find("**") - 60) : text.find("**") + 60])


def test_pdf_links_lead_to_the_published_files(built):
    """A PDF keeps absolute links only: they must lead to the published chart data, not the staging folder."""
    from urllib.parse import unquote, urlsplit

    for pdf in sorted(built.glob("*/*.pdf")):
        content = pdf.read_bytes()
        assert b".staging-" not in content, pdf
        uris = [u.decode() for u in re.findall(rb"/URI \((file:[^)]*)\)", content)]
        for uri in uris:
            assert Path(unquote(urlsplit(uri).path)).exists(), (pdf.name, uri)
        if pdf.stem == "economy":
            assert uris, "the economy PDF links its chart data"


def test_pdfs_are_a4_embed_fonts_and_hold_chinese(built):
    for pdf in sorted(built.glob("*/*.pdf")):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        assert abs(float(size[1]) - 595.3) < 2 and abs(float(size[2]) - 841.9) < 2, (pdf, size[0])
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(r.split()[-5] == "yes" for r in rows), fonts  # the "emb" column
    zh = pdf_text(built / "zh" / "economy.pdf")
    for words in ("地区生产总值", "战略性新兴产业", "3.87万亿元", "43.0%"):
        assert words in zh, words
    en = pdf_text(built / "en" / "economy.pdf")
    for words in ("Gross domestic product", "CNY 3.87 trillion"):
        assert words in en, words


def test_show_code_keeps_the_code(tmp_path):
    from .conftest import run_cli

    result = run_cli("build", "--only", "economy", "--lang", "en", "--format", "html", "--show-code", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    import html

    page = (tmp_path / "en" / "economy.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))  # code is syntax-highlighted into spans
    assert "report.show(economy.gdp(ds, lang, window))" in text


def test_another_data_folder_gives_reports_that_follow_it(data_copy, tmp_path):
    """An analyst's data folder of the same shape: the reports state its figures, not the shipped ones."""
    from .conftest import run_cli

    path = data_copy / "figures.csv"
    with path.open(encoding="utf-8") as fh:
        figures = list(csv.DictReader(fh))
    for row in figures:
        if row["id"] == "gdp_2025":
            row["value"], row["printed"] = "3.95", "3.87万亿元"  # printed words stay those of the article text
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(figures[0]))
        writer.writeheader()
        writer.writerows(figures)
    out = tmp_path / "out"
    result = run_cli(
        "build", "--only", "economy", "--lang", "en", "--format", "html", "--data", data_copy, "--out", out
    )
    assert result.returncode == 0, result.stderr
    r = json.loads((out / "en" / "results.json").read_text(encoding="utf-8"))["economy"]
    assert r["gdp_2025_yuan_trillion"] == 3.95
    assert r["gdp_nominal_cagr_2020_2025_pct_low"] == pytest.approx(((3.945 / 2.835) ** 0.2 - 1) * 100, abs=1e-5)
    assert "CNY 3.95 trillion" in (out / "en" / "economy.html").read_text(encoding="utf-8")


def test_landing_page_offers_the_bundle_and_every_page_cites_its_build(built):
    """The bundle linked from the landing page holds the data folder, both languages' results and build records,
    the README and the sources; each report and the landing page cite the build's inputs hash (HTML and PDF)."""
    import zipfile

    from bs4 import BeautifulSoup

    from szreport.build.bundle import BUNDLE_NAME

    index = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in index.select("a[download]")] == [BUNDLE_NAME] * len(LANGS)  # one per column
    assert len(index.select("table.sz-table thead th[scope=col]")) == 3 * len(LANGS)  # the headline tables' columns
    with zipfile.ZipFile(built / BUNDLE_NAME) as archive:
        names = set(archive.namelist())
        for lang in LANGS:
            for name in ("results.json", "build.json"):
                member = f"szreport-data/{lang}/{name}"
                assert archive.read(member) == (built / lang / name).read_bytes(), member
        for path in DATA.iterdir():
            assert f"szreport-data/data/{path.name}" in names
        assert {"szreport-data/README.md", "szreport-data/SOURCES.md"} <= names
        assert {f"szreport-data/charts/{p.parent.name}/{p.name}" for p in (built / "data").glob("*/*.csv")} <= names
    for lang in LANGS:
        short = json.loads((built / lang / "build.json").read_text(encoding="utf-8"))["inputs_hash"][:12]
        cite = index.select_one(f"section.sz-cite[lang={lang}]")
        assert cite is not None and short in cite.get_text() and len(cite.select("pre")) == 2
        for html_path in sorted((built / lang).glob("*.html")):
            page = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
            text = page.select_one("footer section.sz-cite .sz-cite-text").get_text()
            assert short in text and f"{lang}/{html_path.name}" in text, html_path
            assert short in pdf_text(html_path.with_suffix(".pdf")).replace("\n", " "), html_path
