"""The published evidence behind a verdict "consistent once the basis is taken into account", worked out from the
data folder (never typed), so that such a verdict can fail and shows the window it was judged against.

Two differences of basis reconcile a claim with its inputs:

- **real against nominal.** A real growth rate (at comparable prices) set against growth from levels at current
  prices differs by the change of prices, the GDP deflator. The window starts from the national GDP deflator's
  average a year over the claim's own years (:data:`DEFLATOR_REGION`, ``series.csv`` rows ``gdp`` and
  ``gdp_growth``), chained from single years: each year's nominal growth from two levels of one vintage (both
  before or both after the census revision, never a level across it) against its published real growth. A
  city's prices need not move as the nation's, so the window is widened by how far the city's own deflator
  departed from the nation's in the years its levels allow (the same single years, of the city's rows), from no
  departure to the largest either way: if each year's departure lies within those, so does their average. With
  no such year a price change outside the nation's average is not checkable, never inconsistent.
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
    """The national GDP deflator year by year over a claim's years and its average a year, the city's own deflator
    in the years its levels allow, and the window a city's average price change is judged against (percent a
    year): the nation's average, widened by the city's departures from it (:attr:`gaps`)."""

    region: str
    annual_pct: dict[int, Interval]  # year -> deflator, % (nominal growth within one vintage against real growth)
    vintages: dict[int, str]  # year -> the vintage the two levels of that year's nominal growth share
    missing: tuple[Ref, ...] = ()
    average_pct: Interval | None = None  # a year over all the years, chained (None when a year is missing)
    city: str = ""
    city_pct: dict[int, Interval] = field(default_factory=dict)  # year -> the city's own deflator, %
    city_missing: tuple[Ref, ...] = ()  # the city's rows a first year of its own deflator needs

    @property
    def gaps(self) -> dict[int, Interval]:
        """Year -> the city's deflator less the nation's, percentage points."""
        return {year: city - self.annual_pct[year] for year, city in self.city_pct.items() if year in self.annual_pct}

    @property
    def window(self) -> Interval:
        assert self.average_pct is not None, "no window without every year of the nation's deflator"
        gaps = list(self.gaps.values())  # none: only no departure is known to happen
        return self.average_pct + Interval(min([0.0, *(g.lo for g in gaps)]), max([0.0, *(g.hi for g in gaps)]))


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


def _annual_deflators(ds: Dataset, region: str, first_year: int, last_year: int):
    """A region's deflator for each year from ``first_year`` to ``last_year`` that the data allow: nominal growth
    from the previous year's level, both of one vintage, against that year's real growth rate. Returns the
    deflators, the vintages, the levels of each year's pair (previous, current, in one unit) and the rows missing."""
    annual: dict[int, Interval] = {}
    vintages: dict[int, str] = {}
    levels: dict[int, tuple[Interval, Interval]] = {}
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
            missing += _missing_levels(ds, region, year)
        if real is None:
            missing.append(Ref("series", region=region, indicator="gdp_growth", year=year))
        if pair is None or real is None:
            continue
        vintage, previous, current = pair
        annual[year] = m.implied_deflator_pct(m.growth_pct(previous, current), real[0])
        vintages[year], levels[year] = vintage, (previous, current)
    return annual, vintages, levels, tuple(dict.fromkeys(missing))


def _missing_levels(ds: Dataset, region: str, year: int) -> list[Ref]:
    """The GDP levels a year's nominal growth of one vintage needs: a year with none, else (the two years on
    different sides of the census) the year before on the later year's basis."""
    held = {y: [v for v in SAME_BASIS if _level(ds, region, "gdp", y, v)] for y in (year - 1, year)}
    absent = [Ref("series", region=region, indicator="gdp", year=y) for y, vintages in held.items() if not vintages]
    return absent or [Ref("series", region=region, indicator="gdp", year=year - 1, vintage=held[year][0])]


def _chained_average(ds: Dataset, region: str, years: range, vintages: dict, levels: dict) -> Interval:
    """The deflator's average a year over ``years``, chained from the single years: nominal growth is the ratio of
    the last to the first level of each run of years on one vintage (the levels between cancel, so their rounding
    is counted once), real growth the product of the published rates."""
    nominal, real, start = Interval(1.0, 1.0, 1.0), Interval(1.0, 1.0, 1.0), years[0]
    for year in years:
        if year == years[-1] or vintages[year + 1] != vintages[year]:  # the run of one vintage ends here
            nominal = nominal * (levels[year][1] / levels[start][0])
            start = year + 1
        rate = _level(ds, region, "gdp_growth", year, "current")
        assert rate is not None  # a year with a deflator has its real growth
        real = real * (1 + rate[0] / 100)
    return ((nominal / real) ** (1 / len(years)) - 1) * 100


def deflator_window(
    ds: Dataset, first_year: int, last_year: int, region: str = DEFLATOR_REGION, city: str = ""
) -> DeflatorWindow:
    """The national deflator for each year from ``first_year`` to ``last_year`` and its average a year, and, for
    ``city``, the city's own deflator in the years its levels allow (those it does not are no evidence either
    way); ``city_missing`` names the rows of the first year when it has none."""
    years = range(first_year, last_year + 1)
    annual, vintages, levels, missing = _annual_deflators(ds, region, first_year, last_year)
    average = None if missing else _chained_average(ds, region, years, vintages, levels)
    city_pct, city_missing = {}, ()
    if city and city != region:
        city_pct, _, _, wanted = _annual_deflators(ds, city, first_year, last_year)
        first = tuple(r for r in wanted if r.year in (first_year - 1, first_year) and r.indicator == "gdp")
        city_missing = () if city_pct else (first or wanted)
    return DeflatorWindow(region, annual, vintages, missing, average, city, city_pct, city_missing)


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


def _city(inputs: list, ds: Dataset) -> str:
    """The region a claim is about: its first series input's, else the data's subject (a figure names none)."""
    ref = next((v.ref for v in inputs if v.ref.kind == "series"), None)
    return ref.region if ref else ds.subject.region


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
        evidence = deflator_window(ds, *_claim_years(claimed), city=_city(inputs, ds))
        if evidence.missing:
            return "missing_evidence", {"missing": list(evidence.missing)}
        deflator = m.implied_deflator_pct(computed, claimed.interval)
        if deflator in evidence.window:
            return "real_vs_nominal", {"deflator_pct": deflator, "deflator_evidence": evidence}
        if evidence.city_missing:  # only the nation's average is known, and a city's prices need not move as it
            evidence_words = {"deflator_pct": deflator, "deflator_evidence": evidence}
            return "missing_evidence", {"missing": list(evidence.city_missing), **evidence_words}
        return None
    if claim.relation in LEVEL_GROWTH_RELATIONS and claimed.basis != "real" and claimed.period != "latest":
        return _growth_gap(claim, claimed, computed, inputs, ds)
    vintages = {v.vintage for v in (claimed, *inputs)} & CENSUS_VINTAGES
    if len(vintages) == 2 and computed.lo > 0:
        ref = next((v.ref for v in inputs if v.ref.kind == "series"), None)
        region, indicator = (ref.region, ref.indicator) if ref else (_city(inputs, ds), "gdp")
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
