"""Unit tests of szreport.data.window: the window of years and peers checked against the data folder, and the growth
of one series over a window (levels on one basis, published real rates across the census break)."""

from __future__ import annotations

import pandas as pd
import pytest

from szreport.data import loader as data
from szreport.data import window as wnd
from szreport.params import ParameterError

from .helpers import rows


def value(indicator: str, year: int, region: str = "shenzhen", vintage: str | None = None) -> tuple[float, str]:
    """One value of series.csv read straight from the file, with its unit."""
    hits = [
        r
        for r in rows("series.csv")
        if r["indicator"] == indicator
        and r["region"] == region
        and int(r["year"]) == year
        and (vintage is None or r["vintage"] == vintage)
    ]
    assert len(hits) == 1, (indicator, year, region, hits)
    return float(hits[0]["value"]), hits[0]["unit"]


def yi(indicator: str, year: int, region: str = "shenzhen") -> float:
    number, unit = value(indicator, year, region)
    return number * {"亿元": 1, "万亿元": 1e4}[unit]


def test_defaults_follow_the_data(ds):
    w = wnd.window(ds)
    years = sorted(
        {int(r["year"]) for r in rows("series.csv") if r["region"] == "shenzhen" and r["vintage"] != "target"}
    )
    assert (w.start_year, w.end_year) == (None, None)
    assert w.bounds([2021, 2022, 2023]) == (2021, 2023)
    assert wnd.series_years(ds) == years
    regions = list(dict.fromkeys(r["region"] for r in rows("series.csv") if r["region"] != "shenzhen"))
    assert w.peers == tuple(regions) and "shenzhen" not in w.peers


@pytest.mark.parametrize(
    "params, culprit",
    [
        ({"start_year": 1990}, "start_year"),
        ({"end_year": 2099}, "end_year"),
        ({"start_year": 2024, "end_year": 2022}, "start_year"),
        ({"start_year": "2021"}, "start_year"),
        ({"peers": ["atlantis"]}, "atlantis"),
        ({"price_basis": "ppp"}, "price_basis"),
    ],
)
def test_bad_parameters_are_named_with_what_the_data_allow(ds, params, culprit):
    with pytest.raises(ParameterError) as err:
        wnd.window(ds, **params)
    message = str(err.value)
    assert culprit in message
    if "peers" in params:
        assert all(region in message for region in wnd.peer_regions(ds))
    elif "price_basis" not in params:
        years = wnd.series_years(ds)
        assert f"{years[0]}..{years[-1]}" in message or "before" in message


def test_growth_from_levels_on_one_basis(ds):
    w = wnd.window(ds, start_year=2021, end_year=2024)
    g = wnd.growth_over(ds, "trade", w)
    point = ((yi("trade", 2024) / yi("trade", 2021)) ** (1 / 3) - 1) * 100
    assert (g.start_year, g.end_year, g.key, g.period) == (2021, 2024, "2021_2024", "2021-2024")
    assert g.nominal_pct.lo <= point <= g.nominal_pct.hi and g.nominal_pct.hi - g.nominal_pct.lo < 0.01
    assert g.growth_pct == g.nominal_pct and g.real_pct is None and not g.crosses_census_break and not g.missing


def test_across_the_census_break_only_the_real_rates_speak(ds):
    g = wnd.growth_over(ds, "gdp", wnd.window(ds))
    assert g.crosses_census_break and g.nominal_pct is None
    rates = [value("gdp_growth", y)[0] for y in range(g.start_year + 1, g.end_year + 1)]
    product = 1.0
    for r in rates:
        product *= 1 + r / 100
    point = (product ** (1 / len(rates)) - 1) * 100
    assert g.real_pct.lo <= point <= g.real_pct.hi
    assert g.growth_pct == g.real_pct


def test_window_within_one_basis_has_both_growths(ds):
    g = wnd.growth_over(ds, "gdp", wnd.window(ds, start_year=2020, end_year=2023))
    assert not g.crosses_census_break
    point = ((yi("gdp", 2023) / yi("gdp", 2020)) ** (1 / 3) - 1) * 100
    assert g.nominal_pct.lo <= point <= g.nominal_pct.hi and g.real_pct is not None


def test_a_missing_level_is_named_not_replaced(data_copy):
    series = pd.read_csv(data_copy / "series.csv", dtype=str, keep_default_na=False)
    drop = (series["region"] == "shenzhen") & (series["indicator"] == "trade") & (series["year"] == "2021")
    series[~drop].to_csv(data_copy / "series.csv", index=False)
    ds = data.load(data_copy)
    g = wnd.growth_over(ds, "trade", wnd.window(ds, start_year=2021, end_year=2024))
    assert g.growth_pct is None and g.missing == ("series:shenzhen/trade/2021",)


def test_clip_and_real_levels(ds):
    w = wnd.window(ds, start_year=2021, end_year=2023, price_basis="real")
    frame = pd.DataFrame({"year": range(2019, 2026)})
    assert list(w.clip(frame)["year"]) == [2021, 2022, 2023]
    real = wnd.real_levels(ds, "gdp", w)
    assert list(real["year"]) == [2021, 2022, 2023]
    assert real["value"].iloc[0] == pytest.approx(value("gdp", 2021)[0])
    assert real["value"].iloc[2] == pytest.approx(
        value("gdp", 2021)[0] * (1 + value("gdp_growth", 2022)[0] / 100) * (1 + value("gdp_growth", 2023)[0] / 100)
    )


def test_peer_growth(ds):
    w = wnd.window(ds, peers=["china"])
    assert w.peers == ("china",)
    g = wnd.growth_over(ds, "gdp", w, "china")
    assert g.region == "china" and (g.growth_pct is not None or g.missing)


def test_exact_counts_are_exact_over_a_window(ds):
    """742 and 1333 little giants are exact counts, not ±0.5 (issue 25 item 6): the growth is one number."""
    w = wnd.window(ds, start_year=2023, end_year=2025)
    g = wnd.growth_over(ds, "little_giants", w)
    exact = ((1333 / 742) ** 0.5 - 1) * 100
    assert g.nominal_pct.lo == pytest.approx(exact) and g.nominal_pct.hi == pytest.approx(exact)
