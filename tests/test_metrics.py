"""Metrics on tiny inline data, including the article's traps (real vs nominal growth, rounding intervals)."""

from __future__ import annotations

import math

import pytest

from szreport import metrics as m
from szreport.metrics import Interval


def test_printed_interval_from_digits():
    assert m.printed_interval("3.87") == Interval(3.865, 3.875)
    assert m.printed_interval("1333") == Interval(1332.5, 1333.5)
    assert m.printed_interval("43.0") == Interval(42.95, 43.05)
    assert m.printed_interval("4000", "over") == Interval(4000, math.inf)
    assert m.printed_interval("93", "at_least").lo == 93
    about = m.printed_interval("1.6", "about")
    assert about.lo == pytest.approx(1.5) and about.hi == pytest.approx(1.7)


def test_interval_arithmetic():
    a, b = Interval(1, 2), Interval(3, 4)
    assert a + b == Interval(4, 6)
    assert b - a == Interval(1, 3)
    assert a * b == Interval(3, 8)
    assert b / a == Interval(1.5, 4)
    assert 2.5 in Interval(2, 3) and Interval(2.2, 2.4) in Interval(2, 3)
    assert Interval(1, 2).gap(Interval(2.5, 3)) == pytest.approx(0.5)
    with pytest.raises(ZeroDivisionError):
        a / Interval(-1, 1)


def test_gdp_trap_real_growth_is_not_the_nominal_cagr():
    """2.83 -> 3.87万亿元 over five years is 6.4-6.5% a year nominal; the article's 5.5% is real."""
    start, end = m.printed_interval("2.83"), m.printed_interval("3.87")
    nominal = m.cagr_pct(start, end, 5)
    assert nominal.lo == pytest.approx(((3.865 / 2.835) ** 0.2 - 1) * 100)
    assert nominal.hi == pytest.approx(((3.875 / 2.825) ** 0.2 - 1) * 100)
    assert nominal.lo > 6.39 and nominal.hi < 6.53
    assert not nominal.overlaps(m.printed_interval("5.5"))
    deflator = m.implied_deflator_pct(nominal, m.printed_interval("5.5"))
    assert 0.7 < deflator.lo < deflator.hi < 1.1


def test_share_trap_within_rounding():
    """1.67 / 3.87 = 43.2%, but the interval [42.97%, 43.34%] holds the article's 43.0%."""
    share = m.share_pct(m.printed_interval("1.67"), m.printed_interval("3.87"))
    assert share.lo == pytest.approx(1.665 / 3.875 * 100)
    assert share.hi == pytest.approx(1.675 / 3.865 * 100)
    assert round(share.mid, 1) == 43.2
    assert share.overlaps(m.printed_interval("43.0"))
    assert 1.67 / 3.87 * 100 not in m.printed_interval("43.0")


def test_growth_increment_implied_previous():
    assert m.growth_pct(100, 107) == pytest.approx(7)
    assert m.increment(3.05, 4.55) == pytest.approx(1.5)
    assert m.implied_previous(4.55, 1.4) == pytest.approx(4.55 / 1.014)
    prev = m.implied_previous(m.printed_interval("4.55"), m.printed_interval("1.4"))
    assert prev.lo == pytest.approx(4.545 / 1.0145) and prev.hi == pytest.approx(4.555 / 1.0135)


def test_rd_cagr_matches_article():
    cagr = m.cagr_pct(m.printed_interval("1510.8"), m.printed_interval("2453.1"), 4)
    assert cagr in Interval(12.8, 13.0)
    assert cagr.overlaps(m.printed_interval("12.9"))


def test_compound_rates_and_projection():
    assert m.compound_rates_pct([10, 10]) == pytest.approx(10)
    assert m.compound_rates_pct([6.7, 3.3, 6.0, 5.8, 5.5]) == pytest.approx(
        ((1.067 * 1.033 * 1.06 * 1.058 * 1.055) ** 0.2 - 1) * 100
    )
    assert m.project(100, 5, 2) == pytest.approx(110.25)
    assert m.required_cagr_pct(3.87, 5.0, 5) == pytest.approx(((5 / 3.87) ** 0.2 - 1) * 100)
    with pytest.raises(ValueError):
        m.compound_rates_pct([])


def test_thresholds_crossed():
    assert m.thresholds_crossed(3.95, 5.44, 1.0) == 2
    assert m.thresholds_crossed(Interval(3.94, 3.96), Interval(5.435, 5.445), 1.0) == 2
    assert m.thresholds_crossed(Interval(3.9, 4.1), 5.44, 1.0) == Interval(1, 2)


def test_unit_conversion():
    assert m.convert(3.87, "万亿元", "亿元") == pytest.approx(38700)
    assert m.convert(2453.1, "亿元", "万亿元") == pytest.approx(0.24531)
    assert m.convert(2.6, "万家", "家") == pytest.approx(26000)
    assert m.convert(1501, "亿美元", "亿元", usd_cny=7.0) == pytest.approx(10507)
    with pytest.raises(ValueError, match="exchange rate"):
        m.convert(1501, "亿美元", "亿元")
    with pytest.raises(ValueError):
        m.convert(1, "家", "亿元")


def test_period_years():
    assert m.period_years("2020-2025") == 5
    assert m.decimals_of("43.0") == 1 and m.decimals_of("1333") == 0


def test_a_fraction_printed_with_about_is_the_nearest_unit_fraction():
    """约1/4 (stored as 25 %) stands for the values nearer to 1/4 than to 1/5 or 1/3."""
    quarter = m.printed_interval("25", "about_fraction")
    assert quarter.lo == pytest.approx(50 * (1 / 4 + 1 / 5)) and quarter.hi == pytest.approx(50 * (1 / 4 + 1 / 3))
    assert m.printed_interval("33.33", "about_fraction").lo == pytest.approx(50 * (1 / 3 + 1 / 4))
    with pytest.raises(ValueError, match="not a unit fraction"):
        m.printed_interval("30", "about_fraction")


def test_whole_counts_are_exact_everywhere_and_measured_units_are_not():
    assert m.value_interval("1333", "家") == Interval(1333, 1333)
    rounded = m.value_interval("2.47", "万家")  # 2.47万家 as printed: rounded to its digits
    assert (rounded.lo, rounded.hi) == (pytest.approx(2.465), pytest.approx(2.475))
    assert m.value_interval("4000", "家", "over") == Interval(4000, math.inf)
    assert m.value_interval("1333", "亿元") == Interval(1332.5, 1333.5)


def test_an_open_intervals_value_is_computed_from_the_printed_figures():
    """Issue 25 item 6: 2.1万 (约) in 2021 to 超2.6万 in 2025 is 5.48% a year from the printed figures; the lower
    end (4.26%) is the interval's, not its value. Closed intervals keep their midpoint; the point is no part of an
    interval's identity."""
    growth = m.cagr_pct(m.printed_interval("2.1", "about"), m.printed_interval("2.6", "over"), 4)
    assert growth.lo == pytest.approx(((2.6 / 2.2) ** 0.25 - 1) * 100) and math.isinf(growth.hi)
    assert growth.mid == pytest.approx(((2.6 / 2.1) ** 0.25 - 1) * 100)
    share = m.share_pct(m.printed_interval("1.67"), m.printed_interval("3.87"))
    assert share.mid == pytest.approx((share.lo + share.hi) / 2)
    assert m.printed_interval("3.87") == Interval(3.865, 3.875)


def test_results_hold_null_for_an_open_end_and_exact_counts_stay_exact():
    from szreport.present.report import _plain

    assert _plain(math.inf) is None and _plain(1.23456789) == 1.234568
    assert m.value_interval("1333", "家") == Interval(1333, 1333)
