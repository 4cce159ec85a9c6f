"""Derived figures: growth, CAGR, shares, increments, implied values, unit conversion, rounding intervals.

Every function accepts plain floats or :class:`Interval` values, so a figure derived from printed (rounded)
figures carries the interval of everything it could have been. A printed figure such as 3.87万亿元 stands for
[3.865, 3.875); :func:`printed_interval` builds that interval from the text as printed and its qualifier
("超" over, "约" about, "以上" at least). Nothing here knows about the city: the numbers come from ``data/``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import overload

# Multipliers of the yuan units used in the data, in yuan (亿 = 10^8, 万亿 = 10^12).
YUAN_UNITS = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "万亿元": 1e12}
# Multipliers of the US-dollar units, in dollars.
USD_UNITS = {"美元": 1.0, "亿美元": 1e8, "万亿美元": 1e12}
# Multipliers of the count units, in units (万家 = 10,000 firms).
COUNT_UNITS = {"家": 1.0, "万家": 1e4}


@dataclass(frozen=True)
class Interval:
    """A closed interval [lo, hi] of real numbers; arithmetic gives the interval of all possible results.

    ``point`` is the value computed from the figures as printed (3.87 for 3.87万亿元, 2.6 for 超2.6万家), carried
    through the same arithmetic; None when an operand has none. It is no part of the interval's identity.

    >>> gdp_2020, gdp_2025 = Interval(2.825, 2.835), Interval(3.865, 3.875)
    >>> gdp_2025 - gdp_2020  # every increment the printed digits allow
    [1.03, 1.05]
    >>> (gdp_2025 - gdp_2020).overlaps(1.04), 1.06 in gdp_2025 - gdp_2020
    (True, False)
    """

    lo: float
    hi: float
    point: float | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @staticmethod
    def of(number: Interval | float) -> Interval:
        return number if isinstance(number, Interval) else Interval(float(number), float(number), float(number))

    @property
    def mid(self) -> float:
        """The midpoint; of an open interval, the value computed from the printed figures (its finite end when
        there is none)."""
        if math.isinf(self.hi) or math.isinf(self.lo):
            if self.point is not None and not math.isinf(self.point):
                return self.point
            return self.lo if math.isinf(self.hi) else self.hi
        return (self.lo + self.hi) / 2

    def _with(self, lo: float, hi: float, other: Interval | None, op) -> Interval:
        """[lo, hi] with the point of ``op`` applied to the operands' points (None if either has none)."""
        mine, theirs = self.point, (other.point if other is not None else None)
        if mine is None or (other is not None and theirs is None):
            return Interval(lo, hi)
        try:
            point = op(mine, theirs) if other is not None else op(mine)
        except (ZeroDivisionError, ValueError, OverflowError):
            point = None
        if isinstance(point, complex) or point is None:
            return Interval(lo, hi)
        slack = 1e-9 * max(1.0, abs(point))  # floating-point rounding of the same operations
        if not lo - slack <= point <= hi + slack:
            return Interval(lo, hi)
        return Interval(lo, hi, min(max(point, lo), hi))

    def __contains__(self, item) -> bool:
        other = Interval.of(item)
        return self.lo <= other.lo and other.hi <= self.hi

    def overlaps(self, other: Interval | float) -> bool:
        other = Interval.of(other)
        return self.lo <= other.hi and other.lo <= self.hi

    def gap(self, other: Interval | float) -> float:
        """Distance between two intervals, 0 when they overlap."""
        other = Interval.of(other)
        if self.overlaps(other):
            return 0.0
        return other.lo - self.hi if other.lo > self.hi else self.lo - other.hi

    def __add__(self, other):
        other = Interval.of(other)
        return self._with(self.lo + other.lo, self.hi + other.hi, other, lambda a, b: a + b)

    __radd__ = __add__

    def __neg__(self):
        return self._with(-self.hi, -self.lo, None, lambda a: -a)

    def __sub__(self, other):
        return self + (-Interval.of(other))

    def __rsub__(self, other):
        return Interval.of(other) - self

    def __mul__(self, other):
        other = Interval.of(other)
        products = [0.0 if 0 in (a, b) else a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return self._with(min(products), max(products), other, lambda a, b: a * b)

    __rmul__ = __mul__

    def __truediv__(self, other):
        other = Interval.of(other)
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError(f"division by an interval containing zero: {other}")
        return self * Interval(1 / other.hi, 1 / other.lo, 1 / other.point if other.point else None)

    def __rtruediv__(self, other):
        return Interval.of(other) / self

    def __pow__(self, exponent: float):
        if self.lo < 0:
            raise ValueError("power of an interval with negative values")
        return self._with(self.lo**exponent, self.hi**exponent, None, lambda a: a**exponent)

    def __repr__(self) -> str:
        return f"[{self.lo:.6g}, {self.hi:.6g}]"


def decimals_of(text: str) -> int:
    """Digits after the decimal point of a number as printed: '3.87' -> 2, '1333' -> 0, '43.0' -> 1.

    >>> decimals_of("3.87"), decimals_of("1333"), decimals_of("43.0")
    (2, 0, 1)
    """
    exponent = Decimal(str(text).strip()).as_tuple().exponent
    return max(0, -int(exponent))


# Units whose whole numbers are counted, not measured: 1333家 is exactly 1333 firms, a rank exactly a rank.
EXACT_COUNT_UNITS = {"家", "个", "种", "项", "位", "年"}


def value_interval(text: str, unit: str, qualifier: str = "exact") -> Interval:
    """The values a printed figure stands for, in one rule for the audit and every report: a whole count of
    firms, things or ranks printed exactly is exact (1333家 is [1333, 1333]); anything else is
    :func:`printed_interval` of its digits and qualifier (2.6万家 "over" is [2.6, inf) in 万家).

    >>> value_interval("3.87", "万亿元"), value_interval("1333", "家"), value_interval("2.6", "万家", "over")
    ([3.865, 3.875], [1333, 1333], [2.6, inf])
    """
    if unit in EXACT_COUNT_UNITS and decimals_of(text) == 0 and qualifier == "exact":
        value = float(text)
        return Interval(value, value, value)
    return printed_interval(text, qualifier)


def printed_interval(text: str, qualifier: str = "exact", decimals: int | None = None) -> Interval:
    """The values a figure printed as ``text`` may stand for.

    exact: rounded half-up to its printed digits, so '3.87' is [3.865, 3.875] (treated as closed).
    over (超, 突破): more than the printed value: [v, inf).  at_least (以上): the same lower bound.
    about (约): the printed rounding interval widened to one unit of the last printed digit each side.
    about_fraction (约1/4, stored in percent as 25): the values nearer to 1/n than to the neighbouring unit
    fractions 1/(n+1) and 1/(n-1), i.e. from their midpoints: 约1/4 is [22.5, 29.17] percent. A fraction printed
    with 约 says which simple fraction the value is closest to, nothing about a digit it was rounded to.
    """
    value = float(text)
    digits = decimals_of(text) if decimals is None else decimals
    half = 0.5 * 10 ** (-digits)
    if qualifier == "exact":
        return Interval(value - half, value + half, value)
    if qualifier in ("over", "at_least"):
        return Interval(value, math.inf, value)
    if qualifier == "about":
        return Interval(value - 2 * half, value + 2 * half, value)
    if qualifier == "about_fraction":
        denominator = unit_fraction_denominator(value)
        return Interval(
            50 * (1 / denominator + 1 / (denominator + 1)),
            50 * (1 / denominator + 1 / (denominator - 1)) if denominator > 1 else 100.0,
            value,
        )
    raise ValueError(f"unknown qualifier {qualifier!r}: expected exact, over, at_least, about or about_fraction")


def unit_fraction_denominator(percent: float) -> int:
    """n for a value in percent that is the unit fraction 1/n (25 -> 4); ValueError for any other value."""
    denominator = round(100 / percent) if percent > 0 else 0
    if (
        denominator < 1
        or abs(100 / denominator - percent) > 1e-9 * max(1.0, percent)
        and abs(round(100 / denominator, 2) - percent) > 1e-9
    ):
        raise ValueError(f"{percent} percent is not a unit fraction 1/n (25 for 1/4, 33.33 for 1/3)")
    return denominator


def convert(value, from_unit: str, to_unit: str, usd_cny: float | Interval | None = None):
    """Convert between yuan units (元/万元/亿元/万亿元), dollar units, and count units (家/万家).

    Between dollars and yuan a rate (yuan per dollar) must be given explicitly: no default is assumed here.

    >>> convert(3.87, "万亿元", "亿元"), convert(Interval(3.865, 3.875), "万亿元", "亿元")
    (38700.0, [38650, 38750])
    """
    if from_unit == to_unit:
        return value
    for table in (YUAN_UNITS, USD_UNITS, COUNT_UNITS):
        if from_unit in table and to_unit in table:
            return value * (table[from_unit] / table[to_unit])
    if from_unit in USD_UNITS and to_unit in YUAN_UNITS or from_unit in YUAN_UNITS and to_unit in USD_UNITS:
        if usd_cny is None:
            raise ValueError(f"converting {from_unit} to {to_unit} needs an explicit exchange rate (usd_cny)")
        if from_unit in USD_UNITS:
            return value * USD_UNITS[from_unit] * usd_cny / YUAN_UNITS[to_unit]
        return value * YUAN_UNITS[from_unit] / usd_cny / USD_UNITS[to_unit]
    raise ValueError(f"cannot convert {from_unit!r} to {to_unit!r}")


def growth_pct(previous, current):
    """Growth from ``previous`` to ``current`` in percent.

    >>> round(growth_pct(100, 110), 6), growth_pct(Interval(99.5, 100.5), 110)
    (10.0, [9.45274, 10.5528])
    """
    return (current / previous - 1) * 100


def cagr_pct(start, end, years: int):
    """Compound average annual growth in percent over ``years`` years.

    >>> round(cagr_pct(100, 121, 2), 6), cagr_pct(Interval(2.825, 2.835), Interval(3.865, 3.875), 5)
    (10.0, [6.39453, 6.52478])
    """
    if years <= 0:
        raise ValueError(f"years must be positive, got {years}")
    ratio = end / start
    return ((ratio ** (1 / years)) - 1) * 100


def share_pct(part, whole):
    """``part`` as a percentage of ``whole``.

    >>> share_pct(1, 4)
    25.0
    """
    return part / whole * 100


def increment(start, end):
    """Absolute change from ``start`` to ``end``.

    >>> increment(Interval(2.825, 2.835), Interval(3.865, 3.875))
    [1.03, 1.05]
    """
    return end - start


def implied_previous(current, growth: float | Interval):
    """The earlier level implied by a level and its growth rate in percent: current / (1 + g/100).

    >>> round(implied_previous(110, 10), 6)
    100.0
    """
    return current / (1 + growth / 100)


def project(level, rate_pct, years: int):
    """``level`` grown at ``rate_pct`` percent a year for ``years`` years.

    >>> round(project(100, 10, 2), 6)
    121.0
    """
    return level * (1 + rate_pct / 100) ** years


@overload
def compound_rates_pct(rates_pct: Iterable[Interval]) -> Interval: ...
@overload
def compound_rates_pct(rates_pct: Iterable[float]) -> float: ...
@overload
def compound_rates_pct(rates_pct: Iterable[float | Interval]) -> float | Interval: ...
def compound_rates_pct(rates_pct: Iterable[float | Interval]) -> float | Interval:
    """Average annual rate in percent of a sequence of annual rates: the geometric mean of (1 + r).

    >>> round(compound_rates_pct([10, 10]), 6), round(compound_rates_pct([0, 21]), 6)
    (10.0, 10.0)
    """
    rates = list(rates_pct)
    if not rates:
        raise ValueError("no rates to compound")
    factor: float | Interval = 1
    for rate in rates:
        factor = factor * (1 + rate / 100)
    return (factor ** (1 / len(rates)) - 1) * 100


def required_cagr_pct(start, target, years: int):
    """Average annual growth in percent needed to go from ``start`` to ``target`` in ``years`` years.

    >>> round(required_cagr_pct(100, 121, 2), 6)
    10.0
    """
    return cagr_pct(start, target, years)


def implied_deflator_pct(nominal_cagr, real_cagr):
    """Average annual price change implied by nominal and real growth: (1+n)/(1+r) - 1, in percent.

    >>> round(implied_deflator_pct(6.5, 5.5), 4)
    0.9479
    """
    return ((1 + nominal_cagr / 100) / (1 + real_cagr / 100) - 1) * 100


def period_years(period: str) -> int:
    """Number of years between the ends of a period 'YYYY-YYYY' (2020-2025 -> 5).

    >>> period_years("2020-2025")
    5
    """
    start, end = (int(p) for p in period.split("-"))
    return end - start


def cagr_to_factor_pct(rate_pct, years: int):
    """Cumulative growth in percent of ``years`` years at ``rate_pct`` a year: ((1 + r)^years - 1) * 100.

    >>> round(cagr_to_factor_pct(10, 2), 6)
    21.0
    """
    return ((1 + rate_pct / 100) ** years - 1) * 100


def thresholds_crossed(start, end, step: float) -> int | Interval:
    """How many multiples of ``step`` lie in (start, end]: 3.95 -> 5.44 with step 1 crosses 4 and 5, so 2.

    With intervals, an int when every possible start and end give the same count, else the Interval of counts.

    >>> thresholds_crossed(3.95, 5.44, 1), thresholds_crossed(Interval(3.9, 4.1), 5.44, 1)
    (2, [1, 2])
    """
    start_interval, end_interval = Interval.of(start), Interval.of(end)
    counts = {
        math.floor(b / step) - math.floor(a / step)
        for a in (start_interval.lo, start_interval.hi)
        for b in (end_interval.lo, end_interval.hi)
    }
    if len(counts) == 1:
        return counts.pop()
    return Interval(min(counts), max(counts))
