"""Next year's data without code changes, rehearsed: data/ with every year moved on by one builds every report
in both languages and the landing page, and their results, text and chart data speak of the new years only,
with the same values (the outlook's horizon moved on too, so its arithmetic is the same)."""

from __future__ import annotations

import csv
import json
import re

import pytest

from .conftest import DATA, run_cli
from .pages import chromium, open_offline
from .shift_data import shift_folder, shift_years

pytestmark = pytest.mark.notebook

REPORTS = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]
# The outlook's horizon, moved on with the data so that its scenarios run over the same number of years.
HORIZON = 2030


@pytest.fixture(scope="module")
def next_year(tmp_path_factory):
    base = tmp_path_factory.mktemp("next_year")
    data = shift_folder(DATA, base / "data", 1)
    checked = run_cli("check-data", data)
    assert checked.returncode == 0, checked.stderr
    out = base / "reports"
    result = run_cli(
        "build", "--data", data, "--out", out, "--force", "--format", "html", "-p", f"horizon_year={HORIZON + 1}"
    )
    assert result.returncode == 0, result.stderr
    return out


def shifted(value):
    """What a recorded value of this year's build is in next year's: years in text moved on by one."""
    return shift_years(value, 1) if isinstance(value, str) else value


def test_results_take_their_years_from_the_data(built, next_year):
    for lang in ("zh", "en"):
        now = json.loads((built / lang / "results.json").read_text(encoding="utf-8"))
        later = json.loads((next_year / lang / "results.json").read_text(encoding="utf-8"))
        for name in REPORTS:
            expected = {shift_years(k, 1): shifted(v) for k, v in now[name].items()}
            assert set(later[name]) == set(expected), (lang, name, set(later[name]) ^ set(expected))
            for key, value in later[name].items():
                if key.endswith("_year") and isinstance(value, int):  # a year recorded as a number
                    assert value == expected[key] + 1, (lang, name, key)
                else:
                    assert value == expected[key], (lang, name, key, value, expected[key])


def test_text_speaks_of_the_new_years_only(next_year):
    # The first year this year's data speak of: of series.csv, or earlier where a claim needs a year it lacks (the
    # previous plan's years, 2016-2020): moved on by one, next year's text names it nowhere.
    years = [int(r["year"]) for r in csv.DictReader((DATA / "series.csv").open(encoding="utf-8"))]
    claims = (DATA / "claims.csv").read_text(encoding="utf-8")
    years += [int(year) for year in re.findall(r"series:[a-z_{}]+/[a-z0-9_]+/(\d{4})", claims)]
    first_year = min(years)
    gone = re.compile(rf"(?<!\d){first_year}(?!\d)")  # the first year of this year's data is not in next year's
    with chromium() as browser:
        for path in [
            *(next_year / lang / f"{name}.html" for lang in ("zh", "en") for name in REPORTS),
            next_year / "index.html",
        ]:
            opened = open_offline(browser, path)
            text = opened.page.evaluate("document.body.innerText")
            assert not gone.search(text), (path.name, text[max(0, gone.search(text).start() - 80) :][:160])
            opened.page.close()


def test_chart_data_move_on_by_a_year(built, next_year):
    for name in REPORTS:
        files = sorted(p.name for p in (built / "data" / name).glob("*.csv"))
        assert files == sorted(p.name for p in (next_year / "data" / name).glob("*.csv")), name
        for lang in ("zh", "en"):  # the chart images are named as their data, with no year in the name
            images = sorted(p.name for p in (built / lang / "charts" / name).glob("*.*"))
            assert images == sorted(p.name for p in (next_year / lang / "charts" / name).glob("*.*")), (lang, name)
            assert sorted({p.rsplit(".", 1)[0] + ".csv" for p in images}) == files, (lang, name)
        for file in files:
            now = list(csv.DictReader((built / "data" / name / file).open(encoding="utf-8")))
            later = list(csv.DictReader((next_year / "data" / name / file).open(encoding="utf-8")))
            assert len(now) == len(later), file
            for a, b in zip(now, later):
                for column in ("year", "start_year", "end_year"):
                    if column in a and a[column]:
                        assert int(b[column]) == int(a[column]) + 1, (file, column)
