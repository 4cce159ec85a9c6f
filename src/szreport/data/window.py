"""The window of years and the peer regions of the theme reports' annual-series analysis.

The theme notebooks (economy, innovation, opening_up) take ``start_year``, ``end_year`` and ``peers`` (economy
also ``price_basis``). They move the *supplementary* analysis only: the annual series of ``series.csv``, its
charts, tables and average growth rates. The article's own figures stay as printed whatever the window.

:func:`window` checks the parameters against the data folder (the allowed years and regions are read from
``series.csv``, and the message lists them) and returns a frozen :class:`Window`. :func:`growth_over` gives the
average growth of one series over the window as a frozen :class:`WindowGrowth`, on rounding intervals:

- from the two levels (nominal, at current prices) when both ends are on one statistical basis;
- from the published real growth rates, compounded, when the series has such rates (``gdp`` -> ``gdp_growth``);
  across the census break (a pre-census start, a post-census end) this is the only growth stated, never one
  from levels on two bases.

A value missing from ``series.csv`` is named as the reference to add (``series:<region>/trade/2021``), never
replaced by a neighbouring year.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from szreport import metrics as m
from szreport.data.loader import Dataset
from szreport.metrics import Interval
from szreport.params import ParameterError

# Series of levels whose published real growth rates are a series of their own (series.csv indicators).
REAL_RATES = {"gdp": "gdp_growth"}
PRICE_BASES = ("nominal", "real")
# Vintages that are not observations (stated targets) are outside every window.
NOT_OBSERVED = ("target",)
# When one year has several vintages, the latest revision is the one shown.
VINTAGE_ORDER = ("post_census", "current", "pre_census")


@dataclass(frozen=True)
class Window:
    """Years and peers of the annual-series analysis, checked against a data folder. A year left as None is
    open: each series then runs from its own first (or to its own last) year."""

    start_year: int | None
    end_year: int | None
    peers: tuple[str, ...]
    price_basis: str = "nominal"

    def bounds(self, years) -> tuple[int, int]:
        """The first and last year of the window for a series covering ``years``.

        >>> Window(2021, None, ()).bounds([2019, 2020, 2025])
        (2021, 2025)
        """
        years = [int(y) for y in years]
        return (
            self.start_year if self.start_year is not None else min(years),
            self.end_year if self.end_year is not None else max(years),
        )

    def holds(self, year: int) -> bool:
        """Whether ``year`` lies in the window (an open end holds every year on its side).

        >>> Window(2021, 2024, ()).holds(2020), Window(None, 2024, ()).holds(1990)
        (False, True)
        """
        return (self.start_year is None or int(year) >= self.start_year) and (
            self.end_year is None or int(year) <= self.end_year
        )

    def clip(self, frame: pd.DataFrame, column: str = "year") -> pd.DataFrame:
        """The rows of ``frame`` whose year lies in the window.

        >>> list(Window(2021, 2024, ()).clip(ds.annual("gdp"))["year"])
        [2021, 2022, 2023, 2024]
        """
        return frame[[self.holds(y) for y in frame[column]]].reset_index(drop=True)


def span_key(start_year: int, end_year: int) -> str:
    """Two years in a results key.

    >>> span_key(2021, 2024)
    '2021_2024'
    """
    return f"{start_year}_{end_year}"


def _observed(ds: Dataset) -> pd.DataFrame:
    series = ds.series
    return series[~series["vintage"].isin(NOT_OBSERVED)]


def series_years(ds: Dataset) -> list[int]:
    """Every year the subject's annual series cover in ``series.csv`` (stated targets left out).

    >>> series_years(ds)[0], series_years(ds)[-1]
    (2020, 2025)
    """
    observed = _observed(ds)
    return sorted({int(year) for year in observed.loc[observed["region"] == ds.subject.region, "year"]})


def peer_regions(ds: Dataset) -> list[str]:
    """The regions of ``series.csv`` other than the subject's (every one may be a peer), in the order they first appear.

    >>> peer_regions(ds)
    ['china', 'beijing', 'shanghai', 'guangzhou']
    """
    return list(dict.fromkeys(r for r in _observed(ds)["region"] if r != ds.subject.region))


def window(
    ds: Dataset,
    start_year: int | None = None,
    end_year: int | None = None,
    peers=None,
    price_basis: str = "nominal",
    **_other,
) -> Window:
    """The window the parameters ask for, checked against the data folder. Defaults: each series' own first and
    last years, and every peer region. A :class:`ParameterError` names the parameter and lists what the data
    allow. Parameters of the notebook that are not about the window (``lang``, ``usd_cny``, ...) are ignored.

    >>> window(ds, start_year=2021, end_year=2024, peers=["china"])
    Window(start_year=2021, end_year=2024, peers=('china',), price_basis='nominal')
    >>> window(ds, start_year=1990)
    Traceback (most recent call last):
    szreport.params.ParameterError: parameter 'start_year' must be a year of the annual series in ..., got 1990
    """
    years = series_years(ds)
    if not years:
        raise ParameterError(f"series.csv of {ds.folder} holds no annual values for {ds.subject.region}")
    first, last = years[0], years[-1]
    for name, value in (("start_year", start_year), ("end_year", end_year)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(
                f"parameter {name!r} must be a whole number, a year of the annual series in "
                f"{ds.folder / 'series.csv'}, {first}..{last}, got {value!r}"
            )
        if not first <= value <= last:
            raise ParameterError(
                f"parameter {name!r} must be a year of the annual series in "
                f"{ds.folder / 'series.csv'}, {first}..{last}, got {value}"
            )
    if (start_year if start_year is not None else first) >= (end_year if end_year is not None else last):
        raise ParameterError(
            f"parameter 'start_year' ({start_year if start_year is not None else first}) must "
            f"come before 'end_year' ({end_year if end_year is not None else last})"
        )
    available = peer_regions(ds)
    chosen = tuple(available) if peers is None else tuple(peers)
    unknown = [p for p in chosen if p not in available]
    if unknown:
        raise ParameterError(
            f"parameter 'peers': {', '.join(map(repr, unknown))} not in "
            f"{ds.folder / 'series.csv'}; available: {', '.join(available) or 'none'}"
        )
    if price_basis not in PRICE_BASES:
        raise ParameterError(f"parameter 'price_basis' must be one of {', '.join(PRICE_BASES)}, got {price_basis!r}")
    return Window(start_year, end_year, tuple(dict.fromkeys(chosen)), price_basis)


def as_window(ds: Dataset, given) -> Window:
    """A :class:`Window` from a Window, a mapping of parameters or None (the defaults)."""
    if isinstance(given, Window):
        return given
    return window(ds, **(given or {}))


# --- one series over the window ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """One value of an annual series as published: year, value, its interval, unit and vintage."""

    year: int
    value: float
    interval: Interval
    unit: str
    vintage: str
    source: str
    text: str = ""  # the value as printed in series.csv

    @property
    def decimals(self) -> int:
        return m.decimals_of(self.text) if self.text else 0


@dataclass(frozen=True)
class WindowGrowth:
    """Average growth of one region's series over a window, on rounding intervals.

    ``nominal_pct`` comes from the two levels (None when a level is missing or the ends lie on two sides of the
    census break); ``real_pct`` from the published real growth rates compounded (None when the series has no
    such rates or one is missing). ``missing`` names the ``series.csv`` references to add.
    """

    region: str
    indicator: str
    start_year: int
    end_year: int
    start: Level | None
    end: Level | None
    nominal_pct: Interval | None
    real_pct: Interval | None
    crosses_census_break: bool
    missing: tuple[str, ...]

    @property
    def years(self) -> int:
        return self.end_year - self.start_year

    @property
    def key(self) -> str:
        """The years in a results key: 2021_2024."""
        return span_key(self.start_year, self.end_year)

    @property
    def period(self) -> str:
        """The years as a period: 2021-2024."""
        return f"{self.start_year}-{self.end_year}"

    @property
    def growth_pct(self) -> Interval | None:
        """The growth a reader is told first: nominal from levels on one basis, else the real rates."""
        return self.nominal_pct if self.nominal_pct is not None else self.real_pct


def level(ds: Dataset, indicator: str, year: int, region: str | None = None) -> Level | None:
    """The published value of a series in one year (latest revision first), or None."""
    region = region or ds.subject.region
    rows = [
        row
        for row in ds.series_records(region, indicator)
        if row["vintage"] not in NOT_OBSERVED and int(row["year"]) == int(year)
    ]
    if not rows:
        return None
    order = {v: i for i, v in enumerate(VINTAGE_ORDER)}
    row = min(rows, key=lambda r: order.get(r["vintage"], len(order)))
    text = str(row["value"]).strip()
    return Level(
        int(row["year"]),
        float(text),
        m.value_interval(text, row["unit"], row["qualifier"]),  # 1333家 is exactly 1333 firms
        row["unit"],
        row["vintage"],
        row["source"],
        text,
    )


def ref(region: str, indicator: str, year: int | str) -> str:
    return f"series:{region}/{indicator}/{year}"


def years_of(ds: Dataset, indicator: str, region: str | None = None) -> list[int]:
    """The years a region's series covers (stated targets left out)."""
    region = region or ds.subject.region
    return sorted(
        {int(row["year"]) for row in ds.series_records(region, indicator) if row["vintage"] not in NOT_OBSERVED}
    )


def growth_over(ds: Dataset, indicator: str, window: Window, region: str | None = None) -> WindowGrowth:
    """Average growth of ``region``'s ``indicator`` over the window (see :class:`WindowGrowth`).

    >>> trade = growth_over(ds, "trade", window(ds, start_year=2021, end_year=2024))
    >>> trade.period, trade.nominal_pct, trade.missing  # % a year, on the rounding intervals of the two levels
    ('2021-2024', [8.32934, 8.32936], ())
    """
    region = region or ds.subject.region
    years = years_of(ds, indicator, region) or [y for y in (window.start_year, window.end_year) if y is not None]
    years = years or series_years(ds)  # a series the folder lacks entirely: over the years the others cover
    if not years:  # no value at all and an open window: name the series
        return WindowGrowth(region, indicator, 0, 0, None, None, None, None, False, (ref(region, indicator, "<year>"),))
    first, last = window.bounds(years)
    if last <= first:  # the series ends before the window starts (or starts after it ends)
        if window.start_year is not None and window.end_year is not None:
            first, last = window.start_year, window.end_year
        else:
            last = first + 1
    start, end = level(ds, indicator, first, region), level(ds, indicator, last, region)
    missing = [ref(region, indicator, y) for y, v in ((first, start), (last, end)) if v is None]
    crosses = bool(start and end and start.vintage == "pre_census" and end.vintage == "post_census")
    nominal = None
    if start and end and not crosses:
        nominal = m.cagr_pct(m.convert(start.interval, start.unit, end.unit), end.interval, last - first)
    real = None
    rates_indicator = REAL_RATES.get(indicator)
    if rates_indicator:
        rates = [level(ds, rates_indicator, y, region) for y in range(first + 1, last + 1)]
        missing += [ref(region, rates_indicator, y) for y, r in zip(range(first + 1, last + 1), rates) if r is None]
        intervals = [r.interval for r in rates if r is not None]
        if len(intervals) == len(rates):  # no rate missing
            real = m.compound_rates_pct(intervals)
    elif crosses:  # levels on two bases and no real rates: nothing can be stated
        missing.append(ref(region, indicator, first) + "@post_census")
    return WindowGrowth(region, indicator, first, last, start, end, nominal, real, crosses, tuple(missing))


def real_levels(ds: Dataset, indicator: str, window: Window, region: str | None = None) -> pd.DataFrame:
    """Levels at the window's first-year prices: the first year's published level chained with the published
    real growth rates (``year``, ``value``, ``unit``); years after a missing rate are left out."""
    region = region or ds.subject.region
    rates_indicator = REAL_RATES.get(indicator)
    years = years_of(ds, indicator, region)
    if rates_indicator is None or not years:
        return pd.DataFrame(columns=["year", "value", "unit"])
    first, last = window.bounds(years)
    start = level(ds, indicator, first, region)
    if start is None:
        return pd.DataFrame(columns=["year", "value", "unit"])
    rows, value = [{"year": first, "value": start.value, "unit": start.unit}], start.value
    for year in range(first + 1, last + 1):
        rate = level(ds, rates_indicator, year, region)
        if rate is None:
            break
        value *= 1 + rate.value / 100
        rows.append({"year": year, "value": value, "unit": start.unit})
    return pd.DataFrame(rows)
