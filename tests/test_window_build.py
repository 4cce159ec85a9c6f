"""The window parameters in a real build: `szreport build --only opening_up --only economy -p start_year=2021
-p end_year=2024` states the average growth over those years, worked out here from series.csv; the article's
own figures are the same as in the default build (conftest.built); the real price basis draws GDP at the first
year's prices; and the peers parameter picks the regions set beside Shenzhen."""

from __future__ import annotations

import csv

import pytest

from .conftest import run_cli
from .helpers import LANGS, SUFFIX, report_results, rows

pytestmark = pytest.mark.notebook

START, END = 2021, 2024  # the window asked for (parameters, not data)


@pytest.fixture(scope="module")
def windowed(tmp_path_factory):
    out = tmp_path_factory.mktemp("windowed")
    result = run_cli(
        "build",
        "--only",
        "opening_up",
        "--only",
        "economy",
        "--format",
        "html",
        "--out",
        out,
        "-p",
        f"start_year={START}",
        "-p",
        f"end_year={END}",
        "-p",
        "peers=[china]",
        "-p",
        "price_basis=real",
    )
    assert result.returncode == 0, result.stderr
    return out


def yi(indicator: str, year: int, region: str = "shenzhen") -> float:
    """A level of series.csv in 亿元, read straight from the file."""
    hits = [r for r in rows("series.csv") if (r["region"], r["indicator"], int(r["year"])) == (region, indicator, year)]
    assert len(hits) == 1
    return float(hits[0]["value"]) * {"亿元": 1, "万亿元": 1e4}[hits[0]["unit"]]


@pytest.mark.parametrize("lang", LANGS)
def test_trade_growth_over_the_window(windowed, lang):
    r = report_results(windowed, lang, "opening_up")
    point = ((yi("trade", END) / yi("trade", START)) ** (1 / (END - START)) - 1) * 100
    key = f"trade_cagr_{START}_{END}_pct"
    assert r[f"{key}_low"] <= point <= r[f"{key}_high"]
    china = ((yi("trade", END, "china") / yi("trade", START, "china")) ** (1 / (END - START)) - 1) * 100
    assert r[f"china_trade_cagr_{START}_{END}_pct_low"] <= china <= r[f"china_trade_cagr_{START}_{END}_pct_high"]
    assert not [k for k in r if k.startswith(("beijing_", "shanghai_", "guangzhou_"))]  # peers=[china]
    page = (windowed / lang / "opening_up.html").read_text(encoding="utf-8")
    assert f"{START}–{END}" in page or f"{START}—{END}" in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_article_figures_do_not_move_with_the_window(built, windowed, lang):
    figures = {f"{f['id']}_{SUFFIX[f['unit']]}" for f in rows("figures.csv")}
    for report in ("economy", "opening_up"):
        default, moved = report_results(built, lang, report), report_results(windowed, lang, report)
        stated = figures & set(default)
        assert stated and {k: moved.get(k) for k in stated} == {k: default[k] for k in stated}
        verdicts = {k: v for k, v in default.items() if k.endswith("_verdict")}
        assert verdicts and {k: moved.get(k) for k in verdicts} == verdicts  # the checks are the article's


def test_real_price_basis_chains_the_published_rates(windowed):
    with (windowed / "data" / "economy" / "gdp_annual.csv").open(encoding="utf-8") as fh:
        chart = list(csv.DictReader(fh))
    assert [int(x["year"]) for x in chart] == list(range(START, END + 1))
    rate = {
        int(x["year"]): float(x["value"])
        for x in rows("series.csv")
        if x["region"] == "shenzhen" and x["indicator"] == "gdp_growth"
    }
    level = yi("gdp", START) / 1e4
    for x in chart:
        year = int(x["year"])
        if year > START:
            level *= 1 + rate[year] / 100
        assert float(x["gdp_real_yuan_trillion"]) == pytest.approx(level, rel=1e-6)
