"""Scenario arithmetic of the outlook report, on plain numbers (unit-tested): nominal growth from real growth and
a deflator, paths growing at a rate, the year a path reaches a target, the growth a target needs, straight lines.
"""

from __future__ import annotations

from szreport import metrics as m

# The year a scenario reaches the GDP target is searched this many years past the base year at most.
MAX_YEARS_TO_TARGET = 50


def nominal_growth_pct(real_pct: float, deflator_pct: float) -> float:
    """Nominal growth in percent from real growth and the deflator's change: (1 + r)(1 + d) - 1."""
    return ((1 + real_pct / 100) * (1 + deflator_pct / 100) - 1) * 100


def scenario_path(level: float, base_year: int, horizon_year: int, rate_pct: float) -> list[tuple[int, float]]:
    """(year, level) from the base year to the horizon, the level growing at ``rate_pct`` a year."""
    return [(year, m.project(level, rate_pct, year - base_year)) for year in range(base_year, horizon_year + 1)]


def year_reaching(
    level: float, target: float, base_year: int, rate_pct: float, max_years: int = MAX_YEARS_TO_TARGET
) -> int | None:
    """First year in which ``level`` growing at ``rate_pct`` reaches ``target``; None if not within max_years."""
    for years in range(0, max_years + 1):
        if m.project(level, rate_pct, years) >= target * (1 - 1e-12):
            return base_year + years
    return None


def required_growth_pct(start: float, target: float, years: int, deflator_pct: float) -> tuple[float, float]:
    """(nominal, real) average growth in percent a year that takes ``start`` to ``target`` in ``years`` years.

    The real rate is the nominal one with the deflator's change taken out: (1 + n) / (1 + d) - 1, which is
    :func:`szreport.metrics.implied_deflator_pct` with the roles of the two rates swapped.
    """
    nominal = m.required_cagr_pct(start, target, years)
    return nominal, m.implied_deflator_pct(nominal, deflator_pct)


def linear_path(start_year: int, start_value: float, end_year: int, end_value: float) -> list[tuple[int, float]]:
    """(year, value) on the straight line from (start_year, start_value) to (end_year, end_value)."""
    if end_year <= start_year:
        raise ValueError(f"the path must end after it starts: {start_year} -> {end_year}")
    step = (end_value - start_value) / (end_year - start_year)
    return [(year, start_value + step * (year - start_year)) for year in range(start_year, end_year + 1)]
