"""Unit tests of the economy module's computing functions: typed, frozen results worked out from the article's
figures (read here from figures.csv with the csv module), and the annual frames the charts draw, over a window."""

from __future__ import annotations

import dataclasses

import pytest

from szreport.data import window
from szreport.themes import economy

from .helpers import rows


def printed(indicator: str, measure: str) -> tuple[float, float, str]:
    """The rounding interval of the article's figure of this indicator and measure (the one with the latest
    period), and its period, from figures.csv."""
    hits = [f for f in rows("figures.csv") if (f["indicator"], f["measure"]) == (indicator, measure)]
    f = max(hits, key=lambda f: f["period"])
    half = 0.5 * 10 ** -(len(f["value"].split(".")[1]) if "." in f["value"] else 0)
    return float(f["value"]) - half, float(f["value"]) + half, f["period"]


def levels(indicator: str) -> dict[str, tuple[float, float]]:
    out = {}
    for f in rows("figures.csv"):
        if (f["indicator"], f["measure"]) == (indicator, "level"):
            half = 0.5 * 10 ** -(len(f["value"].split(".")[1]) if "." in f["value"] else 0)
            out[f["period"]] = (float(f["value"]) - half, float(f["value"]) + half)
    return out


def test_gdp_change_on_rounding_intervals(ds):
    c = economy.gdp_change(ds)
    (lo0, hi0), (lo1, hi1) = levels("gdp")[c.start.period], levels("gdp")[c.end.period]
    assert c.years == int(c.end.period) - int(c.start.period)
    assert c.increment.lo == pytest.approx(lo1 - hi0) and c.increment.hi == pytest.approx(hi1 - lo0)
    assert c.nominal_cagr_pct.lo == pytest.approx(((lo1 / hi0) ** (1 / c.years) - 1) * 100)
    assert c.nominal_cagr_pct.hi == pytest.approx(((hi1 / lo0) ** (1 / c.years) - 1) * 100)
    real_lo, real_hi, _ = printed("gdp", "cagr")
    assert c.implied_deflator_pct.lo == pytest.approx(
        ((1 + c.nominal_cagr_pct.lo / 100) / (1 + real_hi / 100) - 1) * 100
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.years = 1


def test_industry_start_and_frame_follow_the_window(ds):
    c = economy.industry_start(ds)
    end_lo, end_hi, _ = printed("industrial_output", "level")
    avg_lo, avg_hi, period = printed("industrial_output", "cagr")
    years = int(period.split("-")[1]) - int(period.split("-")[0])
    assert (c.start_year, c.end_year) == (int(period.split("-")[0]), int(period.split("-")[1]))
    assert c.implied_start.lo == pytest.approx(end_lo / (1 + avg_hi / 100) ** years)
    full = economy.industry_frame(ds)
    assert list(full["kind"])[0] == "implied" and list(full["kind"])[-1] == "article"
    w = window.window(ds, start_year=c.start_year + 1, end_year=c.end_year - 1)
    inner = economy.industry_frame(ds, w)
    assert set(inner["kind"]) == {"published"} and inner["year"].between(c.start_year + 1, c.end_year - 1).all()


def test_sei_change_share_at_the_start(ds):
    """The start's value is on the pre-census basis (its series.csv row says so), so its share is worked out
    against GDP first published for that year, not the article's restated GDP; the period crosses the census."""
    c = economy.sei_change(ds)
    s_lo, s_hi = levels("sei_va")[c.start.period]
    original = next(
        r["value"]
        for r in rows("series.csv")
        if (r["region"], r["indicator"], r["year"], r["vintage"]) == ("shenzhen", "gdp", c.start.period, "pre_census")
    )
    half = 0.5 * 10 ** -len(original.split(".")[1])
    g_lo, g_hi = (float(original) - half) / 1e4, (float(original) + half) / 1e4
    assert c.start_vintage == "pre_census" and c.end_vintage == "post_census" and c.crosses_census
    assert c.share_start_pct.lo == pytest.approx(s_lo / g_hi * 100)
    assert c.share_start_pct.hi == pytest.approx(s_hi / g_lo * 100)
    restated_lo, _ = levels("gdp")[c.start.period]
    assert c.share_start_pct.lo > s_hi / restated_lo * 100  # against the restated GDP it would be at most 36.6%


def test_gdp_annual_frame_marks_the_census_break_within_the_window(ds):
    frame = economy.gdp_annual_frame(ds, window.window(ds, start_year=2022, end_year=2024))
    assert list(frame["year"]) == [2022, 2023, 2024]
    series = {
        (int(r["year"]), r["vintage"])
        for r in rows("series.csv")
        if r["region"] == "shenzhen" and r["indicator"] == "gdp"
    }
    for r in frame.itertuples():
        pre = (r.year, "pre_census") in series
        assert (r.gdp_pre_census == r.gdp_pre_census) is pre  # NaN where the year is post-census
