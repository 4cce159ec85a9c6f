"""The relations a claim can state between its claimed figure and its inputs (an increment, a growth, a CAGR, a
share, a threshold count, a streak chain, a rank), each recomputing the claimed quantity on the inputs' rounding
intervals with :mod:`szreport.metrics`. Part of the judge (:mod:`szreport.audit.judge`): :func:`evaluate
<szreport.audit.judge.evaluate.evaluate>` looks a claim's relation up in :data:`RELATIONS` or
:data:`RANK_RELATIONS`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from szreport import metrics as m
from szreport.audit.judge.values import Value
from szreport.data.periods import period_end, period_start
from szreport.metrics import Interval

# --- relations ---------------------------------------------------------------------------------


@dataclass
class Computed:
    """What a relation recomputes from its inputs: an interval in ``unit``, and details for the text."""

    value: Interval
    unit: str
    details: dict = field(default_factory=dict)


def _equals(claim, claimed, inputs) -> Computed:
    return Computed(inputs[0].interval_in(claimed.unit), claimed.unit)


def _sum(claim, claimed, inputs) -> Computed:
    total = Interval(0.0, 0.0)
    for value in inputs:
        total = total + value.interval_in(claimed.unit)
    return Computed(total, claimed.unit)


def _sum_with_implied_previous(claim, claimed, inputs) -> Computed:
    """A total over years of which one, the year before the last, is not published: it is worked back from the
    last year's level and growth rate (the last two inputs), level / (1 + growth), and added to the others. The
    details say which year is inferred, and from what."""
    *levels, last, growth = inputs
    previous = m.implied_previous(last.interval_in(claimed.unit), growth.interval)
    total = Interval(0.0, 0.0, 0.0)
    for level in levels:
        total = total + level.interval_in(claimed.unit)
    year = int(str(last.period).split("-")[-1]) - 1
    details = {"inferred": previous, "inferred_year": year, "inferred_from": (last, growth), "unit": claimed.unit}
    return Computed(total + previous + last.interval_in(claimed.unit), claimed.unit, details)


def _years_total(values: list[Value], unit: str) -> tuple[Interval, dict]:
    """The total of annual values in ``unit``; a growth rate right after a level stands for the year before that
    level, worked back from the two, level / (1 + growth), as in :func:`_sum_with_implied_previous` (the details
    say which year is inferred, and from what)."""
    total, details = Interval(0.0, 0.0, 0.0), {}
    for value, following in zip(values, [*values[1:], None]):
        if value.unit == "%":
            continue
        level = value.interval_in(unit)
        total = total + level
        if following is not None and following.unit == "%":
            previous = m.implied_previous(level, following.interval)
            total = total + previous
            year = period_end(value.period) - 1
            details = {"inferred": previous, "inferred_year": year, "inferred_from": (value, following), "unit": unit}
    return total, details


def _growth_of_totals(claim, claimed, inputs) -> Computed:
    """Growth of one period's total against the total of the period before (实际使用外资较“十三五”期间增长18.9%):
    the inputs are annual values of both, split by year: those within the claimed figure's period make its
    total, the earlier ones the previous period's. A dollar value is in yuan at its own year's rate when any input
    is in yuan (:mod:`szreport.audit.judge.evaluate`). The details give both totals, their years and unit."""
    first = period_start(claimed.period)
    current = [v for v in inputs if period_end(v.period) >= first]
    previous = [v for v in inputs if period_end(v.period) < first]
    levels = [v for v in inputs if v.unit != "%"]
    if not current or not previous or not levels:
        raise ValueError(
            f"claim {claim.id!r}: growth_of_totals needs annual levels of its period and of the one before"
        )
    unit = next((v.unit for v in levels if v.unit in m.YUAN_UNITS), levels[0].unit)  # dollars carry their rate
    previous_total, earlier = _years_total(previous, unit)
    current_total, inferred = _years_total(current, unit)

    def years(values: list[Value], inferred: dict) -> tuple[int, int]:
        ends = [period_end(v.period) for v in values] + ([inferred["inferred_year"]] if inferred else [])
        return min(ends), max(ends)

    details = {**earlier, **inferred}  # the year said inferred in the text: the current period's, if both have one
    details |= {"current_total": current_total, "previous_total": previous_total, "unit": unit}
    details |= {"current_years": years(current, inferred), "previous_years": years(previous, earlier)}
    return Computed(m.growth_pct(previous_total, current_total), "%", details)


def _increment(claim, claimed, inputs) -> Computed:
    start, end = inputs
    return Computed(m.increment(start.interval_in(claimed.unit), end.interval_in(claimed.unit)), claimed.unit)


def _additions_bound(claim, claimed, inputs) -> Computed:
    """A gross flow (firms newly designated or certified over the period: 新增) against the change of the stock
    between the period's ends. Firms also leave the list (a designation lapses, fails its review, or the firm moves
    away), so the additions need not equal the net change, but they cannot be fewer: the relation recomputes
    the least number of additions the net change requires, [max(net change, 0), inf), and the difference is the
    least number of firms that left."""
    start, end = inputs
    net = m.increment(start.interval_in(claimed.unit), end.interval_in(claimed.unit))
    exits = Interval(max(claimed.interval.lo - net.hi, 0.0), max(claimed.interval.hi - net.lo, 0.0))
    return Computed(
        Interval(max(net.lo, 0.0), math.inf), claimed.unit, {"net_change": net, "exits": exits, "ends": (start, end)}
    )


def _implied_previous(claim, claimed, inputs) -> Computed:
    current, growth = inputs
    return Computed(m.implied_previous(current.interval_in(claimed.unit), growth.interval), claimed.unit)


def _growth(claim, claimed, inputs) -> Computed:
    previous, current = inputs
    growth = m.growth_pct(previous.interval_in(current.unit), current.interval)
    # The earlier level the claimed growth implies (in the later level's unit), against the one in the data.
    implied = m.implied_previous(current.interval, claimed.interval)
    published = previous.interval_in(current.unit)
    return Computed(
        growth,
        "%",
        {
            "implied_previous": implied,
            "implied_previous_unit": current.unit,
            "implied_previous_vs_published_pct": m.growth_pct(published, implied),
            "previous": previous,
            "current": current,
        },
    )


def _cagr(claim, claimed, inputs) -> Computed:
    start, end = inputs
    return Computed(m.cagr_pct(start.interval_in(end.unit), end.interval, claim.years), "%")


def _compound_real(claim, claimed, inputs) -> Computed:
    return Computed(m.compound_rates_pct([v.interval for v in inputs]), "%")


def _share(claim, claimed, inputs) -> Computed:
    part, whole = inputs
    return Computed(m.share_pct(part.interval_in(whole.unit), whole.interval), "%")


def _rose_from_share(claim, claimed, inputs) -> Computed:
    """A share said to have risen to the claimed level (提高至): the earlier share, recomputed from its part and
    whole (the inputs), must be below it. The relation recomputes the later shares that would be a rise, from the
    earlier share's lower end up, so the claim is consistent when the claimed share can exceed the earlier one and
    inconsistent when the earlier share was already at least the claimed one."""
    part, whole = inputs
    earlier = m.share_pct(part.interval_in(whole.unit), whole.interval)
    details = {"earlier": earlier, "earlier_period": whole.period, "part": part, "whole": whole}
    return Computed(Interval(earlier.lo, math.inf), "%", details)


def _increment_share(claim, claimed, inputs) -> Computed:
    part_start, part_end, whole_start, whole_end = inputs
    unit = part_end.unit
    part = m.increment(part_start.interval_in(unit), part_end.interval)
    whole = m.increment(whole_start.interval_in(unit), whole_end.interval_in(unit))
    return Computed(m.share_pct(part, whole), "%", {"part_increment": part, "whole_increment": whole, "unit": unit})


def _threshold_count(claim, claimed, inputs) -> Computed:
    start, end = inputs
    crossed = m.thresholds_crossed(start.interval_in(end.unit), end.interval, claim.step)
    return Computed(Interval.of(crossed), claimed.unit, {"start": start.interval_in(end.unit), "unit": end.unit})


def _threshold_count_cagr(claim, claimed, inputs) -> Computed:
    end, cagr = inputs
    start = m.implied_previous(end.interval, m.cagr_to_factor_pct(cagr.interval, claim.years))
    crossed = m.thresholds_crossed(start, end.interval, claim.step)
    return Computed(Interval.of(crossed), claimed.unit, {"start": start, "unit": end.unit})


def _streak_chain(claim, claimed, inputs) -> Computed:
    """A streak (出口“33连冠”: first for 33 years running, up to the claim's last year) against the streaks that
    earlier releases printed year by year: a streak of s printed for year y implies s + (end - y) at the end year
    if the run went on. Every release must imply the claimed count (the relation is in CONTAINED): the relation
    recomputes the range of what they imply, a single count when the chain is unbroken."""
    end = period_end(claimed.period)
    implied = {v.period: v.interval + (end - period_end(v.period)) for v in inputs}
    hull = Interval(min(i.lo for i in implied.values()), max(i.hi for i in implied.values()))
    return Computed(hull, claimed.unit, {"implied": implied, "end_year": end})


def rank_interval(subject: Interval, others: list[Interval]) -> Interval:
    """Possible ranks of ``subject`` (1 = highest) among ``others``: [1 + certainly ahead, 1 + possibly ahead]."""
    best = 1 + sum(o.lo > subject.hi for o in others)
    worst = 1 + sum(o.hi > subject.lo for o in others)
    return Interval(best, worst)


def _region_level(values: list[Value]) -> Interval:
    return values[0].interval


def _region_growth(values: list[Value]) -> Interval:
    return m.compound_rates_pct([v.interval for v in values])


# relation -> the function recomputing the claimed quantity (shapes in szreport.data.claims.RELATION_SHAPES)
RELATIONS = {
    "equals": _equals,
    "sum": _sum,
    "sum_with_implied_previous": _sum_with_implied_previous,
    "growth_of_totals": _growth_of_totals,
    "increment": _increment,
    "additions_bound": _additions_bound,
    "implied_previous": _implied_previous,
    "growth": _growth,
    "cagr": _cagr,
    "compound_real": _compound_real,
    "share": _share,
    "rose_from_share": _rose_from_share,
    "increment_share": _increment_share,
    "threshold_count": _threshold_count,
    "threshold_count_cagr": _threshold_count_cagr,
    "streak_chain": _streak_chain,
}
# Relations that add annual values of several years up: a dollar input is converted at its own year's rate when
# the claim is in yuan or, for a growth of totals, when any input is in yuan.
TOTAL_RELATIONS = {"growth_of_totals"}
# Relations whose recomputed range must lie within the claimed interval, not merely meet it: each input implies
# the claimed value on its own, so one that implies another value refutes the claim.
CONTAINED = {"streak_chain"}
# Rank relations saying the subject rose to the claimed rank (跃居): its inputs are of the year before, when it must
# have ranked below it; the others say it holds the rank in the inputs' year.
RISING_RANKS = {"rank_rose_max_level"}
# Rank relations: how one region's inputs become the value compared (shapes in szreport.data.claims.RANK_SHAPES).
RANK_RELATIONS = {
    "rank_max_level": _region_level,
    "rank_rose_max_level": _region_level,
    "rank_max_growth": _region_growth,
}
# Relations whose consistent verdict still tells the reader something (explained in the audit like the others):
# gross additions no fewer than the net change imply how many left.
IMPLYING = {"additions_bound"}
