"""The built innovation report (one full build, see conftest.built): every innovation figure of the article
recorded in both languages, derived figures against values worked out here from literals and data/*.csv,
the chart data, and key phrases in the HTML and the PDF text."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from .helpers import LANGS, figure_text, pdf_text, printed_interval, report_results, rows, series_text, within_recorded

pytestmark = pytest.mark.notebook


# Factor to the unit the charts use for a count stored as printed in 万家 (2.47万家 -> 24700 firms).
TO_FIRMS = {"家": 1, "万家": 10_000}


def series(indicator: str, region: str = "shenzhen") -> dict[int, float]:
    return {
        int(r["year"]): round(float(r["value"]) * TO_FIRMS.get(r["unit"], 1), 6)
        for r in rows("series.csv")
        if r["indicator"] == indicator and r["region"] == region
    }


def recorded(built: Path, lang: str) -> dict:
    return report_results(built, lang, "innovation")


@pytest.mark.parametrize("lang", LANGS)
def test_rd_spending_growth_recomputed_on_rounding_intervals(built, lang):
    r = recorded(built, lang)
    assert within_recorded(r["rd_increment_2020_2024_yuan_100m_low"], 2453.05 - 1510.85)
    assert within_recorded(r["rd_increment_2020_2024_yuan_100m_high"], 2453.15 - 1510.75)
    low = ((2453.05 / 1510.85) ** (1 / 4) - 1) * 100
    high = ((2453.15 / 1510.75) ** (1 / 4) - 1) * 100
    assert within_recorded(r["rd_cagr_2020_2024_recomputed_pct_low"], low)
    assert within_recorded(r["rd_cagr_2020_2024_recomputed_pct_high"], high)
    # The recorded interval lies within the rounding of the article's 12.9%, and the recorded verdict says so.
    printed = figure_text("rd_cagr_2020_2024")
    printed_low, printed_high = printed_interval(printed)
    assert r["rd_cagr_2020_2024_reported_pct"] == float(printed)
    assert (
        printed_low
        <= r["rd_cagr_2020_2024_recomputed_pct_low"]
        <= r["rd_cagr_2020_2024_recomputed_pct_high"]
        <= printed_high
    )
    assert r["rd_cagr_2020_2024_verdict"] == "consistent"
    assert within_recorded(r["rd_growth_cumulative_2020_2024_pct_low"], (2453.05 / 1510.85 - 1) * 100)
    assert within_recorded(r["rd_growth_cumulative_2020_2024_pct_high"], (2453.15 / 1510.75 - 1) * 100)


@pytest.mark.parametrize("lang", LANGS)
def test_rd_intensity_implies_the_published_gdp(built, lang):
    r = recorded(built, lang)
    published = series("gdp")[2024]
    low, high = 2453.05 / 6.675 * 100, 2453.15 / 6.665 * 100
    assert within_recorded(r["gdp_2024_implied_by_rd_intensity_yuan_100m_low"], low)
    assert within_recorded(r["gdp_2024_implied_by_rd_intensity_yuan_100m_high"], high)
    assert r["gdp_2024_published_yuan_100m"] == published
    # The GDP the article's 6.67% implies holds the published GDP, as recorded, and the recorded verdict agrees.
    assert (
        r["gdp_2024_implied_by_rd_intensity_yuan_100m_low"]
        <= r["gdp_2024_published_yuan_100m"]
        <= r["gdp_2024_implied_by_rd_intensity_yuan_100m_high"]
    )
    assert r["rd_intensity_2024_verdict"] == "consistent"
    gdp_low, gdp_high = printed_interval(series_text("gdp", 2024))
    assert within_recorded(r["rd_intensity_2024_on_published_gdp_pct_low"], 2453.05 / gdp_high * 100)
    assert within_recorded(r["rd_intensity_2024_on_published_gdp_pct_high"], 2453.15 / gdp_low * 100)
    # The 2020 intensity of 5.46% is on the original GDP; on the article's restated 2.83万亿元 it is lower.
    original_low, original_high = printed_interval(series_text("gdp", 2020))
    assert within_recorded(r["rd_intensity_2020_on_original_gdp_pct_low"], 1510.75 / original_high * 100)
    assert within_recorded(r["rd_intensity_2020_on_original_gdp_pct_high"], 1510.85 / original_low * 100)
    assert within_recorded(r["rd_intensity_2020_on_restated_gdp_pct_low"], 1510.75 / 28350 * 100)
    assert within_recorded(r["rd_intensity_2020_on_restated_gdp_pct_high"], 1510.85 / 28250 * 100)
    assert r["rd_intensity_2020_on_restated_gdp_pct_high"] < r["rd_intensity_2020_on_original_gdp_pct_low"]
    assert r["rd_intensity_rise_2020_2024_published_series_pp"] == pytest.approx(6.67 - series("rd_intensity")[2020])
    assert within_recorded(r["enterprise_rd_2024_implied_min_yuan_100m"], 2453.05 * 0.93)


@pytest.mark.parametrize("lang", LANGS)
def test_firm_counts_read_additions_as_gross_flows(built, lang):
    r = recorded(built, lang)
    assert r["hightech_enterprises_new_per_year_2021_2025_firms"] == 7300 / 5  # a count: exact
    assert r["hightech_enterprises_2020_at_least_firms"] == 26000 - 7300  # "over 2.6万" less the additions
    published = series("little_giants")[2024]
    assert r["little_giants_2024_published_firms"] == published == 1025
    assert not any("implied" in key for key in r if key.startswith("little_giants"))
    # the audit's verdict, stated here: 347 additions, 308 net, so at least 39 firms left the list
    assert r["little_giants_new_2025_verdict"] == "consistent"
    assert r["little_giants_new_2025_net_change_firms"] == 1333 - published
    assert r["little_giants_new_2025_exits_min_firms"] == 347 - (1333 - published)


def test_chart_data_come_from_the_series(built):
    folder = built / "data" / "innovation"
    assert sorted(p.name for p in folder.glob("*.csv")) == [
        "hightech_enterprises.csv",
        "little_giants.csv",
        "rd_annual.csv",
    ]
    with (folder / "rd_annual.csv").open(encoding="utf-8") as fh:
        rd = list(csv.DictReader(fh))
    spending, intensity = series("rd_expenditure"), series("rd_intensity")
    assert [int(x["year"]) for x in rd] == sorted(spending)
    for x in rd:
        assert float(x["rd_yuan_100m"]) == spending[int(x["year"])]
        assert float(x["rd_intensity_pct"]) == intensity[int(x["year"])]
    assert {x["intensity_vintage"] for x in rd} == {"pre_census", "post_census"}
    with (folder / "hightech_enterprises.csv").open(encoding="utf-8") as fh:
        ht = {int(x["year"]): float(x["firms"]) for x in csv.DictReader(fh)}
    assert ht == series("hightech_enterprises") and min(ht) == 2021 and max(ht) == 2025
    with (folder / "little_giants.csv").open(encoding="utf-8") as fh:
        lg = list(csv.DictReader(fh))
    assert {(int(x["year"]), x["kind"]) for x in lg} == {
        (2023, "published"),
        (2024, "published"),
        (2025, "article"),
    }
    for x in lg:  # no translated text in the chart data: both languages write the same file
        assert not re.search(r"[\u4e00-\u9fff]", ",".join(x.values()))


def test_html_states_the_key_figures_in_both_languages(built):
    zh = (built / "zh" / "innovation.html").read_text(encoding="utf-8")
    en = (built / "en" / "innovation.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in zh and '<html lang="en">' in en
    for words in (
        "全社会研发投入",
        "1510.8亿元",
        "2453.1亿元",
        "12.9%",
        "6.67%",
        "36801.87亿元",
        "超2.6万家",
        "1333家",
        "1025家",
        "至少有39家退出名单",
        "“小巨人”",
        "90GHz",
        "《全球创新指数》",
        "补充资料",
    ):
        assert words in zh, words
    for words in (
        "R&amp;D spending",
        "CNY 151.08 billion",
        "CNY 245.31 billion",
        "12.9%",
        "6.67%",
        "over 26,000",
        "1,333",
        "1,025",
        "at least 39 firms left the list",
        "little giants",
        "90 GHz",
        "Global Innovation Index",
        "supplementary",
    ):
        assert words in en, words


@pytest.mark.render
def test_pdf_text_in_both_languages(built):
    zh = re.sub(r"\s+", "", pdf_text(built / "zh" / "innovation.pdf"))
    for words in (
        "深圳“十四五”科技创新",
        "研发投入强度",
        "2453.1亿元",
        "12.9%",
        "6.67%",
        "1333家",
        "国家高新技术企业",
        "数据（CSV）",
        "原文中的科技创新数据",
    ):
        assert words in zh, words
    en = re.sub(r"\s+", " ", pdf_text(built / "en" / "innovation.pdf"))
    for words in (
        "Innovation in Shenzhen",
        "R&D intensity",
        "CNY 245.31 billion",
        "12.9%",
        "little giant",
        "Data (CSV)",
        "The article's innovation figures",
    ):
        assert words in en, words
