"""The published evidence behind a verdict "consistent once the basis is taken into account", worked out from the
data folder (never typed), so that such a verdict can fail and shows the window it was judged against.

Two differences of basis reconcile a claim with its inputs:

- **real against nominal.** A real growth rate (at comparable prices) set against growth from levels at current
  prices differs by the change of prices, the GDP deflator. The window of plausible deflators is the range of
  the national GDP deflator over the claim's own years: for each year, nominal growth from two national levels
  of the same vintage (both before or both after the census revision) against the published real growth rate
  (:data:`DEFLATOR_REGION`, ``series.csv`` rows ``gdp`` and ``gdp_growth``). A city's average price change is
  taken as plausible when it lies within what the nation's prices did year by year over those years.
- **census vintage.** A level on the basis revised after the fifth economic census set against the same level
  first published differs by the revision. The window is [min(0, smallest), largest] of the census revisions
  the data publish: every year for which ``series.csv`` holds one GDP level of the claim's region on both bases
  (``pre_census`` and ``post_census``); another economy's revision says nothing of this region's, so without
  one of its own the claim is not checkable, naming the revised level of the claim's year.

- **published growth against two levels first published.** A year's published growth rate is computed on the
  previous year's *revised* level (customs and statistics bureaus revise a year's figure when the next is
  published), and growth of industry above designated size on the *same set of firms* in both years (同口径),
  while the list of firms changes every year. So a published growth rate need not match two first-published
  levels. The window is the gap, in percentage points, between the published growth rate and the growth of the
  levels first published, in every other year for which the data hold both (``series.csv`` rows
  ``<indicator>_growth`` beside two levels ``<indicator>``), from no gap to the largest either way. Without
  such a year the claim is not checkable: two first-published levels alone never make it inconsistent.

Missing evidence is named like a missing input: the verdict is then "not checkable", never a free pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from szreport import metrics as m
from szreport.data.claims import Claim, Ref
from szreport.data.dataset import Dataset
from szreport.metrics import Interval

# Whose GDP deflator bounds the price change a city's real and nominal growth may differ by: the nation's.
DEFLATOR_REGION = "china"
# Relations whose result is a growth rate, where real against nominal is a question of basis.
GROWTH_RELATIONS = {"growth", "cagr"}
# The two sides of the fifth economic census's revision.
CENSUS_VINTAGES = {"pre_census", "post_census"}
# Vintages two levels may share to give a year's nominal growth, the revised basis first.
SAME_BASIS = ("post_census", "current", "pre_census")
# Relations that set a published growth rate against two levels first published.
LEVEL_GROWTH_RELATIONS = {"growth"}
# Indicators whose published growth is on the same set of firms in both years (同口径: industry above designated
# size); the growth of any other indicator is on the previous year's revised level.
SAME_FIRMS_INDICATORS = {"industrial_output", "industrial_va"}
# The series of an indicator's published growth rates: <indicator><GROWTH_SUFFIX> (trade -> trade_growth).
GROWTH_SUFFIX = "_growth"


@dataclass(frozen=True)
class DeflatorWindow:
    """The national GDP deflator year by year over a claim's years, and the window they span (percent a year)."""

    region: str
    annual_pct: dict[int, Interval]  # year -> deflator, % (nominal growth within one vintage against real growth)
    vintages: dict[int, str]  # year -> the vintage the two levels of that year's nominal growth share
    missing: tuple[Ref, ...] = ()

    @property
    def window(self) -> Interval:
        return Interval(min(v.lo for v in self.annual_pct.values()), max(v.hi for v in self.annual_pct.values()))


@dataclass(frozen=True)
class RevisionWindow:
    """The census revisions of GDP published in the data (percent, revised level against the one first
    published) and the window they span, from no revision to the largest."""

    revisions: dict[tuple[str, int], Interval] = field(default_factory=dict)  # (region, year) -> revision, %
    # (region, year) -> (level first published, its unit, revised level, its unit), digits as published
    levels: dict[tuple[str, int], tuple[str, str, str, str]] = field(default_factory=dict)

    @property
    def window(self) -> Interval:
        return Interval(min(0.0, *(v.lo for v in self.revisions.values())), max(v.hi for v in self.revisions.values()))


@dataclass(frozen=True)
class GrowthGapWindow:
    """Published growth against growth of the levels first published, in the years the data hold both: the gap
    year by year (percentage points, published minus from levels) and the window from no gap to the largest.
    ``why`` is ``revised_prior`` (growth on the previous year's revised level) or ``same_firms`` (同口径)."""

    region: str
    indicator: str
    why: str
    gaps: dict[int, Interval] = field(default_factory=dict)  # year -> published growth − growth from levels, pp
    published: dict[int, Interval] = field(default_factory=dict)  # year -> published growth, %
    printed: dict[int, str] = field(default_factory=dict)  # year -> published growth, digits as published
    from_levels: dict[int, Interval] = field(default_factory=dict)  # year -> growth of first-published levels, %
    missing: tuple[Ref, ...] = ()

    @property
    def window(self) -> Interval:
        gaps = list(self.gaps.values())  # none: only no gap is known to happen
        return Interval(min([0.0, *(g.lo for g in gaps)]), max([0.0, *(g.hi for g in gaps)]))


def _level(ds: Dataset, region: str, indicator: str, year: int, vintage: str):
    """(interval, unit, text) of one series value of a vintage, or None."""
    rows = [
        row for row in ds.series_records(region, indicator) if int(row["year"]) == year and row["vintage"] == vintage
    ]
    if not rows:
        return None
    row = rows[0]
    text = str(row["value"]).strip()
    return m.value_interval(text, row["unit"], row["qualifier"]), row["unit"], text


def deflator_window(ds: Dataset, first_year: int, last_year: int, region: str = DEFLATOR_REGION) -> DeflatorWindow:
    """The national deflator for each year from ``first_year`` to ``last_year``: nominal growth from the
    previous year's level, both of one vintage, against that year's real growth rate."""
    annual: dict[int, Interval] = {}
    vintages: dict[int, str] = {}
    missing: list[Ref] = []
    for year in range(first_year, last_year + 1):
        pair = None
        for vintage in SAME_BASIS:
            before, after = _level(ds, region, "gdp", year - 1, vintage), _level(ds, region, "gdp", year, vintage)
            if before and after:
                pair = vintage, m.convert(before[0], before[1], after[1]), after[0]
                break
        real = _level(ds, region, "gdp_growth", year, "current")
        if pair is None:
            missing += [Ref("series", region=region, indicator="gdp", year=y) for y in (year - 1, year)]
        if real is None:
            missing.append(Ref("series", region=region, indicator="gdp_growth", year=year))
        if pair is None or real is None:
            continue
        vintage, previous, current = pair
        annual[year] = m.implied_deflator_pct(m.growth_pct(previous, current), real[0])
        vintages[year] = vintage
    unique = tuple(dict.fromkeys(missing))
    return DeflatorWindow(region, annual, vintages, unique)


def revision_window(ds: Dataset, indicator: str = "gdp", region: str | None = None) -> RevisionWindow:
    """Every census revision of ``indicator`` the data publish: a region and year with a level on both bases;
    with ``region``, that region's own revisions only."""
    rows = ds.series[ds.series["indicator"] == indicator]
    if region is not None:
        rows = rows[rows["region"] == region]
    revisions: dict[tuple[str, int], Interval] = {}
    levels: dict[tuple[str, int], tuple[str, str, str, str]] = {}
    pairs = sorted({(str(r), int(y)) for r, y in zip(rows["region"], rows["year"])})
    for region, year in pairs:
        pre = _level(ds, str(region), indicator, int(year), "pre_census")
        post = _level(ds, str(region), indicator, int(year), "post_census")
        if pre and post:
            key = (str(region), int(year))
            revisions[key] = m.growth_pct(m.convert(pre[0], pre[1], post[1]), post[0])
            levels[key] = (pre[2], pre[1], post[2], post[1])
    return RevisionWindow(revisions, levels)


def _pair(ds: Dataset, region: str, indicator: str, year: int):
    """The levels of ``year - 1`` and ``year`` of one vintage (the revised basis first), the first in the second's
    unit: (previous, current) intervals, or None."""
    for vintage in SAME_BASIS:
        before, after = _level(ds, region, indicator, year - 1, vintage), _level(ds, region, indicator, year, vintage)
        if before and after:
            return m.convert(before[0], before[1], after[1]), after[0]
    return None


def growth_gap_window(ds: Dataset, region: str, indicator: str, claim_year: int) -> GrowthGapWindow:
    """The gap between ``indicator``'s published growth and the growth of its first-published levels, every year
    but ``claim_year`` that has both; the growth rates still needed (``missing``) when no year has."""
    why = "same_firms" if indicator in SAME_FIRMS_INDICATORS else "revised_prior"
    growth, gaps, published, printed, from_levels = indicator + GROWTH_SUFFIX, {}, {}, {}, {}
    rows = [row for row in ds.series_records(region, indicator) if row["vintage"] not in ("target", "alternative")]
    years = sorted({int(row["year"]) for row in rows} - {claim_year})
    for year in years:
        rate, pair = _level(ds, region, growth, year, "current"), _pair(ds, region, indicator, year)
        if rate is None or pair is None:
            continue
        published[year], printed[year], from_levels[year] = rate[0], rate[2], m.growth_pct(*pair)
        gaps[year] = published[year] - from_levels[year]
    missing: tuple[Ref, ...] = ()
    if not gaps:  # the published growth of the latest year whose two levels the data hold, else the year before
        wanted = ([y for y in years if _pair(ds, region, indicator, y)] or [claim_year - 1])[-1]
        missing = (Ref("series", region=region, indicator=growth, year=wanted),)
    return GrowthGapWindow(region, indicator, why, gaps, published, printed, from_levels, missing)


def _growth_gap(claim: Claim, claimed, computed: Interval, inputs: list, ds: Dataset):
    """A published growth rate against the growth of two levels first published, judged against the gap
    between the two in the other years the data hold (:func:`growth_gap_window`)."""
    level = next((v for v in inputs if v.ref.kind == "series"), None)
    if level is None or "-" in str(claimed.period):
        return None
    evidence = growth_gap_window(ds, level.ref.region, level.ref.indicator, int(claimed.period))
    if evidence.missing:
        return "missing_evidence", {"missing": list(evidence.missing), "growth_gap_evidence": evidence}
    gap = claimed.interval - computed
    if gap in evidence.window:
        return evidence.why, {"growth_gap_pct": gap, "growth_gap_evidence": evidence}
    return None


def _claim_years(claimed) -> tuple[int, int]:
    """The years a claimed growth rate covers: 2020-2025 is the growth of 2021 to 2025; 2025 is 2025's."""
    parts = [int(p) for p in str(claimed.period).split("-")]
    return (parts[0] + 1, parts[1]) if len(parts) == 2 else (parts[0], parts[0])


def basis_reconciliation(claim: Claim, claimed, computed: Interval, inputs: list, ds: Dataset):
    """(reason, details) when the claim's basis explains the difference between the claimed figure and the
    ``computed`` interval beyond rounding, judged against the published evidence above; ("missing_evidence",
    refs) when that evidence is not in the data; None when the basis explains nothing. ``claimed`` and
    ``inputs`` are resolved values (:class:`szreport.audit.judge.evaluate.Value`)."""
    if (
        claim.relation in GROWTH_RELATIONS
        and claimed.basis == "real"
        and inputs
        and all(v.basis == "nominal" for v in inputs)
    ):
        evidence = deflator_window(ds, *_claim_years(claimed))
        if evidence.missing:
            return "missing_evidence", {"missing": list(evidence.missing)}
        deflator = m.implied_deflator_pct(computed, claimed.interval)
        if deflator in evidence.window:
            return "real_vs_nominal", {"deflator_pct": deflator, "deflator_evidence": evidence}
        return None
    if claim.relation in LEVEL_GROWTH_RELATIONS and claimed.basis != "real" and claimed.period != "latest":
        return _growth_gap(claim, claimed, computed, inputs, ds)
    vintages = {v.vintage for v in (claimed, *inputs)} & CENSUS_VINTAGES
    if len(vintages) == 2 and computed.lo > 0:
        ref = next((v.ref for v in inputs if v.ref.kind == "series"), None)
        region, indicator = (ref.region, ref.indicator) if ref else (ds.subject.region, "gdp")
        # the region's own revisions: another economy's (China's +2.7% in 2023) says nothing of how far this
        # region revised its figures, and a window that starts at no revision would pass any restatement
        revisions = revision_window(ds, indicator, region)
        if not revisions.revisions:
            year = int(str(claimed.period).split("-")[-1])
            other = ({"pre_census", "post_census"} - {v.vintage for v in inputs}).pop()
            return "missing_evidence", {
                "missing": [Ref("series", region=region, indicator=indicator, year=year, vintage=other)]
            }
        revision = m.growth_pct(computed, claimed.interval)
        if revision in revisions.window:
            return "vintage", {
                "revision_pct": revision,
                "revision_evidence": revisions,
                "claimed_vintage": claimed.vintage,
                "input_vintages": sorted({v.vintage for v in inputs} & CENSUS_VINTAGES),
            }
    return None
