"""Another city's record from its own data folder (issue 29): a synthetic city, made from data/ by
tests/other_city.py (the subject renamed, a third of the figures removed at random with a fixed seed, some series
cut), builds every report in both languages, HTML and PDF, with exit 0 and no traceback; its pages, PDFs, results
and chart data name the declared city and never the default data's."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import pytest

from szreport.data import load

from .conftest import DATA, run_cli
from .other_city import NEW_EN, NEW_ZH, other_city

pytestmark = pytest.mark.render

REPORTS = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]
# The default data's city, however a page or a PDF may spell it.
OLD_CITY = re.compile(r"shenzhen|深圳", re.IGNORECASE)


@pytest.fixture(scope="module")
def linjiang(tmp_path_factory):
    base = tmp_path_factory.mktemp("other_city")
    data = other_city(DATA, base / "data")
    checked = run_cli("check-data", data)
    assert checked.returncode == 0, checked.stderr
    out = base / "reports"
    result = run_cli("build", "--data", data, "--out", out, "--force")
    return data, out, result


def test_every_report_builds_with_no_traceback(linjiang):
    _, out, result = linjiang
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for lang in ("zh", "en"):
        for name in REPORTS:
            for ext in ("html", "pdf"):
                assert (out / lang / f"{name}.{ext}").is_file(), (lang, name, ext)
    assert (out / "index.html").is_file()


def test_the_build_names_what_the_data_lack(linjiang):
    _, _, result = linjiang
    said = [line for line in (result.stdout + result.stderr).splitlines() if "not in the data, left out:" in line]
    assert said and any("figure " in line for line in said), result.stdout


def test_pages_pdfs_and_results_name_the_declared_city_only(linjiang):
    _, out, _ = linjiang
    for lang, city in (("zh", NEW_ZH), ("en", NEW_EN)):
        for name in REPORTS:
            page = (out / lang / f"{name}.html").read_text(encoding="utf-8")
            pdf = subprocess.run(
                ["pdftotext", "-q", str(out / lang / f"{name}.pdf"), "-"], capture_output=True, text=True, check=True
            ).stdout
            for text, what in ((page, "page"), (pdf, "PDF")):
                assert not OLD_CITY.search(text), (lang, name, what, OLD_CITY.search(text))
            title = re.search(r"<title>(.*?)</title>", page, re.S)
            if name in ("overview", "economy", "innovation", "opening_up"):
                assert title and city in title.group(1), (lang, name, title)
        results = (out / lang / "results.json").read_text(encoding="utf-8")
        assert not OLD_CITY.search(results)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert NEW_ZH in index and NEW_EN in index and not OLD_CITY.search(index)
    for chart in (out / "data").rglob("*.csv"):
        assert not OLD_CITY.search(chart.read_text(encoding="utf-8")), chart
    with zipfile.ZipFile(out / "szreport-data.zip") as bundle:
        for member in bundle.namelist():
            assert not OLD_CITY.search(bundle.read(member).decode("utf-8")), member
        assert NEW_EN in bundle.read("szreport-data/README.md").decode("utf-8")


def test_absent_figures_are_not_stated(ds, linjiang):
    data, out, _ = linjiang
    kept = set(load(data).figures["id"])
    removed = {ds.fig(figure_id).key for figure_id in set(ds.figures["id"]) - kept}
    assert removed
    for lang in ("zh", "en"):
        recorded = json.loads((out / lang / "results.json").read_text(encoding="utf-8"))
        stated = {key for report in recorded.values() for key in report}
        assert not stated & removed, (lang, stated & removed)
