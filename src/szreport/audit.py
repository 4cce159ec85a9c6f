"""The claims audit: every checkable claim of the article, recomputed on rounding intervals and judged.

The claims are data (``claims.csv``). Each row names the figure it checks (``claimed``), the figures it is
checked against (``inputs``) and the ``relation`` that should hold between them (a CAGR, a share, an
increment, a rank, ...). A reference is either an article figure, ``fig:<figure id>``, or a supplementary
value, ``series:<region>/<indicator>/<year>``; either may end in ``@<vintage>`` (``pre_census``,
``post_census``): on a figure it states the figure's vintage (figures.csv has none), on a series it selects
one. In ``inputs`` a series year may be a range (``2021..2025``) and, for rank relations, the region may be
the placeholder ``{region}``, filled with each of the claim's ``regions`` (the first is the claim's subject).

One generic function, :func:`evaluate`, resolves the references, recomputes the claimed quantity with
:mod:`szreport.metrics` on the rounding intervals of the printed inputs (3.87 stands for [3.865, 3.875]; a
whole count of firms or a rank is exact) and gives a :class:`Verdict`:

``consistent``
    the recomputed interval meets the claimed figure's rounding interval;
``consistent_with_basis``
    they do not meet, but the difference is what the claim's basis implies: real growth against levels at
    current prices with a plausible implied deflator (:data:`DEFLATOR_PLAUSIBLE_PCT`), or a figure on one
    side of the census revision against one on the other side, within a plausible revision
    (:data:`REVISION_PLAUSIBLE_PCT`);
``inconsistent``
    neither; the gap is the distance between the two intervals, in the claim's unit (percentage points
    for a percentage);
``not_checkable``
    an input is not in the data; the verdict names every missing reference, and the nearest value the
    data hold for each. A missing input never passes silently.

Rank claims ("fastest among first-tier cities") compare the subject with each peer on intervals: a peer is
*certainly ahead* when its lower bound exceeds the subject's upper bound, *possibly ahead* when its upper
bound exceeds the subject's lower bound. The recomputed rank is the interval [1 + certainly ahead,
1 + possibly ahead], and "first" is consistent when no peer is certainly ahead, i.e. when the subject's
upper bound is at least every peer's lower bound. When peers are missing and the available ones already
rule the claim out, the verdict is ``inconsistent``; otherwise it is ``not_checkable`` with the condition
the missing peers must meet.

The module also validates ``claims.csv`` (called from :func:`szreport.data.validate`) and builds the audit
report's sections, every sentence from ``locale/audit.*.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from . import charts, fmt
from . import metrics as m
from .metrics import Interval
from .report import UNIT_SUFFIX, Section

# Verdict kinds, in the order the report lists them.
VERDICTS = ("consistent", "consistent_with_basis", "inconsistent", "not_checkable")
# Average yearly change of the GDP deflator taken as plausible when a real growth rate is set against levels
# at current prices: China's national deflator moved between about -1% and +5% a year in 2000-2025.
DEFLATOR_PLAUSIBLE_PCT = Interval(-5.0, 10.0)
# Largest revision of a level between the pre- and post-census series taken as plausible, in percent. The
# fifth economic census raised Shenzhen's 2020 GDP by about 2% and China's 2023 GDP by about 3%.
REVISION_PLAUSIBLE_PCT = 10.0
# Units whose whole numbers are counted, not measured: 1333家 is exactly 1333 firms, a rank exactly a rank.
EXACT_COUNT_UNITS = {"家", "个", "种", "项", "位", "年"}
# The article's figures all come from this entry of sources.csv.
ARTICLE_SOURCE = "article"
# When several vintages of one series value exist and a reference names none, the latest revision is used.
VINTAGE_PREFERENCE = ("post_census", "current", "pre_census", "target")
CENSUS_VINTAGES = {"pre_census", "post_census"}
# Colour of each verdict in charts.
VERDICT_COLORS = {"consistent": "#1e7d32", "consistent_with_basis": "#e67e22", "inconsistent": "#b71c1c",
                  "not_checkable": charts.CONTEXT}

REF_PATTERN = re.compile(r"^(?P<kind>fig|series):(?P<body>[^@\s]+)(?:@(?P<vintage>[a-z_]+))?$")
SERIES_PATTERN = re.compile(r"^(?P<region>\{region\}|[a-z_]+)/(?P<indicator>[a-z0-9_]+)/"
                            r"(?P<start>\d{4})(?:\.\.(?P<end>\d{4}))?$")


class MissingClaims(KeyError):
    """The data folder has no claims.csv."""


# --- references and claims ---------------------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    """One reference to a value: an article figure or one year of a supplementary series."""

    kind: str  # "fig" or "series"
    figure_id: str = ""
    region: str = ""
    indicator: str = ""
    year: int = 0
    vintage: str = ""

    def __str__(self) -> str:
        tail = f"@{self.vintage}" if self.vintage else ""
        if self.kind == "fig":
            return f"fig:{self.figure_id}{tail}"
        return f"series:{self.region}/{self.indicator}/{self.year}{tail}"


def parse_ref(text: str, region: str | None = None) -> list[Ref]:
    """The references one text stands for (a year range gives one per year); ValueError when malformed.

    ``region`` fills the ``{region}`` placeholder; without it the placeholder is an error.
    """
    text = text.strip()
    match = REF_PATTERN.match(text)
    if not match:
        raise ValueError("not a reference: expected fig:<figure id> or series:<region>/<indicator>/<year>, "
                         "optionally followed by @<vintage>")
    vintage = match["vintage"] or ""
    if match["kind"] == "fig":
        if not re.fullmatch(r"[a-z][a-z0-9_]*", match["body"]):
            raise ValueError("a figure id is snake_case")
        return [Ref("fig", figure_id=match["body"], vintage=vintage)]
    series = SERIES_PATTERN.match(match["body"])
    if not series:
        raise ValueError("a series reference is series:<region>/<indicator>/<year> (year may be a range 2021..2025)")
    name = series["region"]
    if name == "{region}":
        if region is None:
            raise ValueError("{region} is only allowed in the inputs of a rank relation with regions")
        name = region
    start = int(series["start"])
    end = int(series["end"] or start)
    if end < start:
        raise ValueError(f"year range {start}..{end} runs backwards")
    return [Ref("series", region=name, indicator=series["indicator"], year=year, vintage=vintage)
            for year in range(start, end + 1)]


def _split(text: str) -> list[str]:
    return [part.strip() for part in str(text or "").split(";") if part.strip()]


@dataclass(frozen=True)
class Claim:
    """One row of claims.csv."""

    id: str
    theme: str
    relation: str
    claimed: str
    inputs: tuple[str, ...]
    label_zh: str
    label_en: str
    years: int | None = None
    step: float | None = None
    regions: tuple[str, ...] = ()
    basis_note_zh: str = ""
    basis_note_en: str = ""

    @classmethod
    def from_row(cls, row) -> "Claim":
        get = (lambda k: str(row.get(k, "") or "").strip())
        return cls(id=get("id"), theme=get("theme"), relation=get("relation"), claimed=get("claimed"),
                   inputs=tuple(_split(get("inputs"))), label_zh=get("label_zh"), label_en=get("label_en"),
                   years=int(get("years")) if get("years") else None,
                   step=float(get("step")) if get("step") else None,
                   regions=tuple(_split(get("regions"))),
                   basis_note_zh=get("basis_note_zh"), basis_note_en=get("basis_note_en"))

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def basis_note(self, lang: str) -> str:
        return self.basis_note_zh if lang == "zh" else self.basis_note_en

    @property
    def is_rank(self) -> bool:
        return self.relation in RANK_RELATIONS

    def claimed_ref(self) -> Ref:
        return parse_ref(self.claimed)[0]

    def input_refs(self) -> list[Ref]:
        """Inputs of a non-rank relation, ranges expanded, in order."""
        return [ref for text in self.inputs for ref in parse_ref(text)]

    def region_refs(self) -> dict[str, list[Ref]]:
        """Inputs of a rank relation, per region (the subject first)."""
        return {region: [ref for text in self.inputs for ref in parse_ref(text, region)] for region in self.regions}


def claims(ds) -> list[Claim]:
    """Every claim of the data folder, in file order."""
    if ds.claims is None:
        raise MissingClaims(f"no claims.csv in {ds.folder}: the audit needs the list of claims to check")
    return [Claim.from_row(row) for row in ds.claims.to_dict("records")]


# --- resolving references ----------------------------------------------------------------------

@dataclass(frozen=True)
class Value:
    """A resolved reference: the number as printed, its interval, unit, basis, vintage and source."""

    ref: Ref
    value: float
    text: str
    unit: str
    basis: str
    vintage: str
    qualifier: str
    source: str
    period: str
    label_zh: str = ""
    label_en: str = ""

    @property
    def decimals(self) -> int:
        return m.decimals_of(self.text)

    @property
    def interval(self) -> Interval:
        if self.unit in EXACT_COUNT_UNITS and self.decimals == 0 and self.qualifier == "exact":
            return Interval(self.value, self.value)
        return m.printed_interval(self.text, self.qualifier)

    def interval_in(self, unit: str) -> Interval:
        return m.convert(self.interval, self.unit, unit)


def _series_rows(ds, ref: Ref) -> pd.DataFrame:
    s = ds.series
    rows = s[(s["region"] == ref.region) & (s["indicator"] == ref.indicator)]
    if ref.vintage:
        rows = rows[rows["vintage"] == ref.vintage]
    return rows


def _series_value(ref: Ref, row) -> Value:
    return Value(ref=Ref("series", region=ref.region, indicator=ref.indicator, year=int(row["year"]),
                         vintage=ref.vintage),
                 value=float(row["value"]), text=str(row["value"]).strip(), unit=row["unit"], basis=row["basis"],
                 vintage=row["vintage"], qualifier=row["qualifier"], source=row["source"], period=str(row["year"]))


def resolve(ref: Ref, ds) -> Value | None:
    """The value a reference stands for, or None when the data do not hold it."""
    if ref.kind == "fig":
        if not ds.has(ref.figure_id):
            return None
        f = ds.fig(ref.figure_id)
        return Value(ref=ref, value=f.value, text=f.value_text, unit=f.unit, basis=f.basis,
                     vintage=ref.vintage or "current", qualifier=f.qualifier, source=ARTICLE_SOURCE,
                     period=f.period, label_zh=f.label_zh, label_en=f.label_en)
    rows = _series_rows(ds, ref)
    rows = rows[rows["year"].astype(int) == ref.year]
    if rows.empty:
        return None
    order = {v: i for i, v in enumerate(VINTAGE_PREFERENCE)}
    row = min(rows.to_dict("records"), key=lambda r: order.get(r["vintage"], len(order)))
    return _series_value(ref, row)


def nearest(ref: Ref, ds) -> Value | None:
    """For a missing series value, the value of the same region and indicator in the nearest year (the
    earlier one on a tie); None for a figure or when the series holds nothing."""
    if ref.kind != "series":
        return None
    rows = _series_rows(ds, ref)
    rows = rows[rows["vintage"] != "target"]
    if rows.empty:
        return None
    row = min(rows.to_dict("records"), key=lambda r: (abs(int(r["year"]) - ref.year), int(r["year"])))
    return _series_value(ref, row)


# --- relations ---------------------------------------------------------------------------------

@dataclass
class Computed:
    """What a relation recomputes from its inputs: an interval in ``unit``, and details for the text."""

    value: Interval
    unit: str
    details: dict = field(default_factory=dict)


def _equals(claim, claimed, x) -> Computed:
    return Computed(x[0].interval_in(claimed.unit), claimed.unit)


def _sum(claim, claimed, x) -> Computed:
    total = Interval(0.0, 0.0)
    for v in x:
        total = total + v.interval_in(claimed.unit)
    return Computed(total, claimed.unit)


def _increment(claim, claimed, x) -> Computed:
    start, end = x
    return Computed(m.increment(start.interval_in(claimed.unit), end.interval_in(claimed.unit)), claimed.unit)


def _implied_previous(claim, claimed, x) -> Computed:
    current, growth = x
    return Computed(m.implied_previous(current.interval_in(claimed.unit), growth.interval), claimed.unit)


def _growth(claim, claimed, x) -> Computed:
    previous, current = x
    growth = m.growth_pct(previous.interval_in(current.unit), current.interval)
    # The earlier level the claimed growth implies (in the later level's unit), against the one in the data.
    implied = m.implied_previous(current.interval, claimed.interval)
    published = previous.interval_in(current.unit)
    return Computed(growth, "%", {"implied_previous": implied, "implied_previous_unit": current.unit,
                                  "implied_previous_vs_published_pct": m.growth_pct(published, implied),
                                  "previous": previous, "current": current})


def _cagr(claim, claimed, x) -> Computed:
    start, end = x
    return Computed(m.cagr_pct(start.interval_in(end.unit), end.interval, claim.years), "%")


def _compound_real(claim, claimed, x) -> Computed:
    return Computed(m.compound_rates_pct([v.interval for v in x]), "%")


def _share(claim, claimed, x) -> Computed:
    part, whole = x
    return Computed(m.share_pct(part.interval_in(whole.unit), whole.interval), "%")


def _increment_share(claim, claimed, x) -> Computed:
    part_start, part_end, whole_start, whole_end = x
    unit = part_end.unit
    part = m.increment(part_start.interval_in(unit), part_end.interval)
    whole = m.increment(whole_start.interval_in(unit), whole_end.interval_in(unit))
    return Computed(m.share_pct(part, whole), "%", {"part_increment": part, "whole_increment": whole, "unit": unit})


def _threshold_count(claim, claimed, x) -> Computed:
    start, end = x
    crossed = m.thresholds_crossed(start.interval_in(end.unit), end.interval, claim.step)
    return Computed(Interval.of(crossed), claimed.unit, {"start": start.interval_in(end.unit), "unit": end.unit})


def _threshold_count_cagr(claim, claimed, x) -> Computed:
    end, cagr = x
    start = m.implied_previous(end.interval, m.cagr_to_factor_pct(cagr.interval, claim.years))
    crossed = m.thresholds_crossed(start, end.interval, claim.step)
    return Computed(Interval.of(crossed), claimed.unit, {"start": start, "unit": end.unit})


def rank_interval(subject: Interval, others: list[Interval]) -> Interval:
    """Possible ranks of ``subject`` (1 = highest) among ``others``: [1 + certainly ahead, 1 + possibly ahead]."""
    best = 1 + sum(o.lo > subject.hi for o in others)
    worst = 1 + sum(o.hi > subject.lo for o in others)
    return Interval(best, worst)


def _region_level(values: list[Value]) -> Interval:
    return values[0].interval


def _region_growth(values: list[Value]) -> Interval:
    return m.compound_rates_pct([v.interval for v in values])


# relation -> (function, number of inputs (None: one or more), required extra columns)
RELATIONS = {
    "equals": (_equals, 1, ()),
    "sum": (_sum, None, ()),
    "increment": (_increment, 2, ()),
    "implied_previous": (_implied_previous, 2, ()),
    "growth": (_growth, 2, ()),
    "cagr": (_cagr, 2, ("years",)),
    "compound_real": (_compound_real, None, ()),
    "share": (_share, 2, ()),
    "increment_share": (_increment_share, 4, ()),
    "threshold_count": (_threshold_count, 2, ("step",)),
    "threshold_count_cagr": (_threshold_count_cagr, 2, ("years", "step")),
}
# Rank relations: how one region's inputs become the value compared, and how many inputs a region takes.
RANK_RELATIONS = {
    "rank_max_level": (_region_level, 1),
    "rank_max_growth": (_region_growth, None),
}
# Relations whose result is a growth rate, where real against nominal is a question of basis.
GROWTH_RELATIONS = {"growth", "cagr"}


# --- verdicts ----------------------------------------------------------------------------------

@dataclass
class Verdict:
    """The judgement of one claim, with everything its explanation needs."""

    claim: Claim
    kind: str
    claimed: Value | None
    recomputed: Interval | None = None
    unit: str = ""
    gap: float | None = None
    reason: str = ""  # rounding, real_vs_nominal, vintage, gap, missing, rank_missing, rank_gap
    inputs: list[Value] = field(default_factory=list)
    missing: list[Ref] = field(default_factory=list)
    details: dict = field(default_factory=dict)

    @property
    def reported(self) -> Interval | None:
        return self.claimed.interval if self.claimed else None


def _basis_reconciliation(claim: Claim, claimed: Value, computed: Computed, inputs: list[Value]):
    """(reason, details) when the claim's basis explains a difference beyond rounding, else None."""
    if (claim.relation in GROWTH_RELATIONS and claimed.basis == "real"
            and inputs and all(v.basis == "nominal" for v in inputs)):
        deflator = m.implied_deflator_pct(computed.value, claimed.interval)
        if deflator in DEFLATOR_PLAUSIBLE_PCT:
            return "real_vs_nominal", {"deflator_pct": deflator}
    vintages = {v.vintage for v in (claimed, *inputs)} & CENSUS_VINTAGES
    if len(vintages) == 2 and computed.value.lo > 0:
        revision = m.growth_pct(computed.value, claimed.interval)
        if revision in Interval(-REVISION_PLAUSIBLE_PCT, REVISION_PLAUSIBLE_PCT):
            return "vintage", {"revision_pct": revision, "claimed_vintage": claimed.vintage,
                               "input_vintages": sorted({v.vintage for v in inputs} & CENSUS_VINTAGES)}
    return None


def _judge(claim: Claim, claimed: Value, computed: Computed, inputs: list[Value]) -> Verdict:
    verdict = Verdict(claim, "consistent", claimed, computed.value, computed.unit, inputs=inputs,
                      details=dict(computed.details), reason="rounding")
    if claimed.interval.overlaps(computed.value):
        return verdict
    reconciled = _basis_reconciliation(claim, claimed, computed, inputs)
    if reconciled:
        verdict.kind, verdict.reason = "consistent_with_basis", reconciled[0]
        verdict.details.update(reconciled[1])
        return verdict
    verdict.kind, verdict.reason = "inconsistent", "gap"
    verdict.gap = claimed.interval.gap(computed.value)
    verdict.details["direction"] = "below" if computed.value.hi < claimed.interval.lo else "above"
    return verdict


def _not_checkable(claim: Claim, claimed: Value | None, missing: list[Ref], inputs: list[Value], ds,
                   reason: str = "missing", details: dict | None = None) -> Verdict:
    found: dict[str, Value] = {}
    for ref in missing:  # the nearest value for each missing one, each value listed once
        near = nearest(ref, ds)
        if near is not None and str(near.ref) not in found:
            found[str(near.ref)] = near
    return Verdict(claim, "not_checkable", claimed, None, "", reason=reason, inputs=inputs, missing=missing,
                   details={"nearest": found, **(details or {})})


def _evaluate_rank(claim: Claim, claimed: Value | None, ds) -> Verdict:
    combine, _ = RANK_RELATIONS[claim.relation]
    groups = {region: [(ref, resolve(ref, ds)) for ref in refs] for region, refs in claim.region_refs().items()}
    missing = [ref for pairs in groups.values() for ref, v in pairs if v is None]
    if claimed is None:
        missing.insert(0, claim.claimed_ref())
    values = {region: combine([v for _, v in pairs]) for region, pairs in groups.items()
              if all(v is not None for _, v in pairs)}
    inputs = [v for pairs in groups.values() for _, v in pairs if v is not None]
    subject = claim.regions[0]
    details = {"regions": values, "subject": subject, "unit": next((v.unit for v in inputs), "%"),
               "region_values": {region: [v for _, v in pairs] for region, pairs in groups.items()
                                 if all(v is not None for _, v in pairs)}}
    if subject not in values or claimed is None:
        return _not_checkable(claim, claimed, missing, inputs, ds, details=details)
    others = [values[r] for r in claim.regions[1:] if r in values]
    ranks = rank_interval(values[subject], others)
    details["leaders"] = [r for r in claim.regions[1:] if r in values and values[r].lo > values[subject].hi]
    if missing:
        if ranks.lo > claimed.interval.hi:  # the available peers already rule the claim out
            verdict = Verdict(claim, "inconsistent", claimed, ranks, claimed.unit, gap=ranks.lo - claimed.interval.hi,
                              reason="rank_gap", inputs=inputs, details=details)
            verdict.details["missing_regions"] = sorted({r.region for r in missing})
            return verdict
        # Possibly first so far: it stays so only if no missing peer exceeds the subject's upper bound.
        details["bound"] = values[subject].hi
        details["missing_regions"] = [r for r in claim.regions if r not in values]
        return _not_checkable(claim, claimed, missing, inputs, ds, reason="rank_missing", details=details)
    verdict = _judge(claim, claimed, Computed(ranks, claimed.unit, details), inputs)
    if verdict.kind == "inconsistent":
        verdict.reason = "rank_gap"
    return verdict


def evaluate(claim: Claim, ds) -> Verdict:
    """The verdict on one claim: resolve its references, recompute, compare on intervals."""
    claimed = resolve(claim.claimed_ref(), ds)
    if claim.is_rank:
        return _evaluate_rank(claim, claimed, ds)
    if claim.relation not in RELATIONS:
        raise ValueError(f"claim {claim.id!r}: unknown relation {claim.relation!r}")
    function, _, _ = RELATIONS[claim.relation]
    pairs = [(ref, resolve(ref, ds)) for ref in claim.input_refs()]
    missing = [ref for ref, v in pairs if v is None]
    inputs = [v for _, v in pairs if v is not None]
    if claimed is None:
        missing.insert(0, claim.claimed_ref())
    if missing:
        return _not_checkable(claim, claimed, missing, inputs, ds)
    return _judge(claim, claimed, function(claim, claimed, inputs), inputs)


def evaluate_all(ds) -> list[Verdict]:
    """Verdicts on every claim of the data folder, in file order."""
    return [evaluate(claim, ds) for claim in claims(ds)]


def counts(verdicts: list[Verdict]) -> dict[str, int]:
    return {kind: sum(v.kind == kind for v in verdicts) for kind in VERDICTS}


# --- validation of claims.csv (called from szreport.data.validate) -----------------------------

def validate_claims(rows: list[dict], figure_ids: set[str], indicators: set[str], spec: dict) -> list:
    """Problems of claims.csv beyond its schema: references that do not parse or point nowhere, inputs that
    do not fit the relation, missing years/step/regions. Each names the file, row and column.

    A series reference must name a region of the schema and an indicator of indicators.yaml; a year the
    series does not (yet) hold is allowed: the audit reports it as not checkable, naming it.
    """
    from .data import Problem

    name = "claims.csv"
    series_fields = spec["files"]["series.csv"]["fields"]
    known_regions = {str(r) for r in series_fields["region"].get("enum", [])}
    known_vintages = {str(v) for v in series_fields["vintage"].get("enum", [])}
    problems: list[Problem] = []

    def check(ref: Ref, line: int, column: str, text: str) -> None:
        if ref.vintage and ref.vintage not in known_vintages:
            problems.append(Problem(name, line, column, text, f"unknown vintage {ref.vintage!r}: expected one of "
                                                              f"{', '.join(sorted(known_vintages))}"))
        if ref.kind == "fig":
            if figure_ids and ref.figure_id not in figure_ids:
                problems.append(Problem(name, line, column, text, f"figure {ref.figure_id!r} not found in figures.csv"))
            return
        if known_regions and ref.region not in known_regions:
            problems.append(Problem(name, line, column, text, f"unknown region {ref.region!r}: expected one of "
                                                              f"{', '.join(sorted(known_regions))}"))
        if indicators and ref.indicator not in indicators:
            problems.append(Problem(name, line, column, text, f"indicator {ref.indicator!r} not found in indicators.yaml"))

    for index, row in enumerate(rows):
        line = index + 2
        relation = (row.get("relation") or "").strip()
        claimed = (row.get("claimed") or "").strip()
        if claimed:
            try:
                refs = parse_ref(claimed)
                if len(refs) != 1:
                    raise ValueError("the claimed value is one reference, not a range")
                check(refs[0], line, "claimed", claimed)
            except ValueError as exc:
                problems.append(Problem(name, line, "claimed", claimed, str(exc)))
        inputs = _split(row.get("inputs"))
        regions = _split(row.get("regions"))
        is_rank = relation in RANK_RELATIONS
        if regions and not is_rank:
            problems.append(Problem(name, line, "regions", row.get("regions"), f"regions are only used by rank "
                                    f"relations ({', '.join(RANK_RELATIONS)}), not by {relation!r}"))
        if is_rank:
            if len(regions) < 2:
                problems.append(Problem(name, line, "regions", row.get("regions") or "",
                                        "a rank relation needs the subject and at least one peer (a;b;...)"))
            for region in regions:
                if known_regions and region not in known_regions:
                    problems.append(Problem(name, line, "regions", region, "unknown region"))
            if inputs and not all("{region}" in text for text in inputs):
                problems.append(Problem(name, line, "inputs", row.get("inputs"),
                                        "every input of a rank relation uses the {region} placeholder"))
        count = 0
        for text in inputs:
            try:
                refs = parse_ref(text, regions[0] if (is_rank and regions) else None)
            except ValueError as exc:
                problems.append(Problem(name, line, "inputs", text, str(exc)))
                continue
            count += len(refs)
            for ref in refs:
                check(ref, line, "inputs", text)
        if relation in RELATIONS:
            _, arity, required = RELATIONS[relation]
            if arity is not None and count != arity:
                problems.append(Problem(name, line, "inputs", row.get("inputs"),
                                        f"relation {relation} takes {arity} input(s), got {count}"))
            if arity is None and count < 1:
                problems.append(Problem(name, line, "inputs", row.get("inputs"), f"relation {relation} needs inputs"))
            for column in required:
                if not (row.get(column) or "").strip():
                    problems.append(Problem(name, line, column, "", f"relation {relation} needs {column}"))
        elif is_rank:
            _, arity = RANK_RELATIONS[relation]
            if arity is not None and count != arity:
                problems.append(Problem(name, line, "inputs", row.get("inputs"),
                                        f"relation {relation} takes {arity} input per region, got {count}"))
    return problems


# --- text -------------------------------------------------------------------------------------

def _decimals(value: Value | None, unit: str) -> int:
    """Decimals to show a recomputed value with: one more than the claimed figure was printed with."""
    if unit in EXACT_COUNT_UNITS:
        return 0
    return (value.decimals if value else 1) + 1


def show_value(value: Value, lang: str) -> str:
    """A reported or input value as printed, in the report's language."""
    if value.unit == "位":
        return fmt.rank(value.value, lang)
    return fmt.amount(value.value, value.unit, lang, value.decimals, value.qualifier)


def show_interval(interval: Interval, unit: str, lang: str, decimals: int) -> str:
    if unit == "位":
        lo, hi = int(interval.lo), int(interval.hi)
        return fmt.rank(lo, lang) if lo == hi else fmt.t(lang, "audit_rank_range", best=fmt.rank(lo, lang),
                                                        worst=fmt.rank(hi, lang))
    return fmt.amount_range(interval, unit, lang, decimals)


def show_gap(verdict: Verdict, lang: str, short: bool = False) -> str:
    """The gap in the claim's unit: percentage points for a percentage, firms for firms."""
    decimals = _decimals(verdict.claimed, verdict.unit)
    if verdict.unit == "%":
        if short:
            return fmt.t(lang, "audit_gap_pp_short", n=fmt.number(verdict.gap, decimals, lang))
        return fmt.amount(verdict.gap, "pp", lang, decimals)
    if verdict.unit in EXACT_COUNT_UNITS:
        return fmt.t(lang, "audit_gap_count", n=fmt.number(verdict.gap, 0, lang),
                     unit=fmt.t(lang, f"audit_unit_{_suffix(verdict.unit)}"))
    return fmt.amount(verdict.gap, verdict.unit, lang, decimals)


def region_name(region: str, lang: str) -> str:
    return fmt.t(lang, f"audit_region_{region}")


def input_label(value: Value, ds, lang: str) -> str:
    """What an input is: the figure's label, or region, indicator and year of a series value."""
    if value.ref.kind == "fig":
        return value.label_zh if lang == "zh" else value.label_en
    return ref_label(value.ref, ds, lang)


def ref_label(ref: Ref, ds, lang: str) -> str:
    if ref.kind == "fig":
        return ds.fig(ref.figure_id).label(lang) if ds.has(ref.figure_id) else str(ref)
    title = ds.meta(ref.indicator)[f"title_{lang}"] if ref.indicator in ds.indicators else ref.indicator
    return fmt.t(lang, "audit_series_label", region=region_name(ref.region, lang), title=title,
                 year=fmt.period(str(ref.year), lang))


def in_sentence(label: str, lang: str) -> str:
    """A title used inside an English sentence: 'Gross domestic product' -> 'gross domestic product' (GDP stays)."""
    if lang == "en" and len(label) > 1 and label[0].isupper() and label[1].islower():
        lowered = label[0].lower() + label[1:]
        return fmt.Md(lowered) if isinstance(label, fmt.Md) else lowered  # a letter's case makes no markup
    return label


def describe_inputs(values: list[Value], ds, lang: str) -> str:
    return fmt.t(lang, "audit_sep").join(
        fmt.t(lang, "audit_input", label=in_sentence(input_label(v, ds, lang), lang), value=show_value(v, lang))
        for v in values)


def source_name(ds, source_id: str) -> str:
    row = ds.source(source_id)
    return f"{str(row['publisher']).split(' (')[0]} {row['date']}"


def verdict_label(kind: str, lang: str) -> str:
    return fmt.t(lang, f"audit_verdict_{kind}")


def _explain_implied_previous(v: Verdict, lang: str) -> str:
    """The earlier level a growth rate implies, against the published one, both in the later level's unit."""
    previous, current = v.details["previous"], v.details["current"]
    difference = v.details["implied_previous_vs_published_pct"]
    if difference.hi < 0:
        difference, direction = Interval(-difference.hi, -difference.lo), "below"
    elif difference.lo > 0:
        direction = "above"
    else:
        return ""
    decimals = current.decimals + 1
    published = (show_value(previous, lang) if previous.unit == current.unit
                 else fmt.amount(previous.interval_in(current.unit).mid, current.unit, lang, decimals))
    return fmt.t(lang, "audit_explain_implied_previous", year=fmt.period(previous.period, lang),
                 implied=fmt.amount_range(v.details["implied_previous"], current.unit, lang, decimals),
                 published=published, difference=fmt.amount_range(difference, "%", lang, 1),
                 direction=fmt.t(lang, f"audit_direction_{direction}"))


def explain(verdict: Verdict, ds, lang: str) -> str:
    """One generated paragraph on why a claim is not simply consistent (the claim's basis note appended)."""
    v, c = verdict, verdict.claim
    t = lambda key, **kw: fmt.t(lang, key, **kw)  # noqa: E731
    reported = show_value(v.claimed, lang) if v.claimed else ""
    parts: list[str] = []
    if v.kind == "consistent_with_basis" and v.reason == "real_vs_nominal":
        parts.append(t("audit_explain_real_vs_nominal", inputs=describe_inputs(v.inputs, ds, lang),
                       recomputed=show_interval(v.recomputed, v.unit, lang, _decimals(v.claimed, v.unit)),
                       reported=reported,
                       deflator=fmt.amount_range(v.details["deflator_pct"], "%", lang, 1),
                       lo=fmt.amount(DEFLATOR_PLAUSIBLE_PCT.lo, "%", lang, 0),
                       hi=fmt.amount(DEFLATOR_PLAUSIBLE_PCT.hi, "%", lang, 0)))
    elif v.kind == "consistent_with_basis" and v.reason == "vintage":
        parts.append(t("audit_explain_vintage", inputs=describe_inputs(v.inputs, ds, lang), reported=reported,
                       claimed_vintage=t(f"audit_vintage_{v.details['claimed_vintage']}"),
                       input_vintage=t(f"audit_vintage_{v.details['input_vintages'][0]}")
                       if v.details["input_vintages"] else "",
                       revision=fmt.amount_range(v.details["revision_pct"], "%", lang, 1),
                       limit=fmt.amount(REVISION_PLAUSIBLE_PCT, "%", lang, 0)))
    elif v.kind == "inconsistent" and v.reason == "rank_gap":
        subject = v.details["subject"]
        leaders = v.details.get("leaders", [])
        parts.append(t("audit_explain_rank_gap", subject=region_name(subject, lang),
                       value=fmt.amount_range(v.details["regions"][subject], v.details["unit"], lang, 2),
                       leaders=t("audit_sep").join(
                           t("audit_region_value", region=region_name(r, lang),
                             value=fmt.amount_range(v.details["regions"][r], v.details["unit"], lang, 2))
                           for r in leaders),
                       rank=show_interval(v.recomputed, "位", lang, 0), reported=reported))
    elif v.kind == "inconsistent":
        parts.append(t("audit_explain_gap", inputs=describe_inputs(v.inputs, ds, lang),
                       recomputed=show_interval(v.recomputed, v.unit, lang, _decimals(v.claimed, v.unit)),
                       reported=reported, gap=show_gap(v, lang),
                       direction=t(f"audit_direction_{v.details['direction']}")))
        if "implied_previous" in v.details:
            parts.append(_explain_implied_previous(v, lang))
    elif v.kind == "not_checkable":
        parts.append(t("audit_explain_missing", missing=t("audit_sep").join(
            t("audit_missing_item", label=ref_label(ref, ds, lang), ref=fmt.code(ref)) for ref in v.missing)))
        near = v.details.get("nearest", {})
        if near:
            parts.append(t("audit_explain_nearest", items=t("audit_sep").join(
                t("audit_input", label=ref_label(n.ref, ds, lang), value=show_value(n, lang)) for n in near.values())))
        if v.reason == "rank_missing":
            subject, unit = v.details["subject"], v.details["unit"]
            bound = v.details["bound"]
            regions = v.details["missing_regions"]
            parts.append(t("audit_explain_rank_condition", subject=region_name(subject, lang),
                           value=fmt.amount_range(v.details["regions"][subject], unit, lang, 2),
                           regions=t("audit_sep").join(region_name(r, lang) for r in regions),
                           bound=fmt.amount(bound, unit, lang, 3)))
            above = [n for n in near.values() if n.interval.lo > bound]
            if above:
                parts.append(t("audit_explain_rank_other_year", items=t("audit_sep").join(
                    t("audit_input", label=ref_label(n.ref, ds, lang), value=show_value(n, lang)) for n in above)))
    note = c.basis_note(lang)
    if note:
        parts.append(note)
    return t("audit_space").join(p for p in parts if p)


# --- sections ---------------------------------------------------------------------------------

def _suffix(unit: str) -> str:
    return UNIT_SUFFIX.get(unit, "value")


def record(verdicts: list[Verdict], section: Section) -> None:
    """Record every verdict in results.json: counts, and per claim verdict, reported and recomputed values."""
    n = counts(verdicts)
    section.derive("claims_count", len(verdicts))
    for kind in VERDICTS:
        section.derive(f"verdicts_{kind}_count", n[kind])
    for v in verdicts:
        cid = v.claim.id
        section.derive(f"{cid}_verdict", v.kind)
        if v.claimed is not None:
            suffix = _suffix(v.claimed.unit)
            section.derive(f"{cid}_reported_{suffix}", int(v.claimed.value) if v.claimed.decimals == 0 else v.claimed.value)
        if v.recomputed is not None:
            section.derive(f"{cid}_recomputed_{_suffix(v.unit)}", v.recomputed)
        if v.gap is not None:
            section.derive(f"{cid}_gap_{'pp' if v.unit == '%' else _suffix(v.unit)}", v.gap)
        if v.missing:
            section.derive(f"{cid}_missing", "; ".join(str(r) for r in v.missing))
        if "deflator_pct" in v.details:
            section.derive(f"{cid}_implied_deflator_pct", v.details["deflator_pct"])
        if "revision_pct" in v.details:
            section.derive(f"{cid}_revision_pct", v.details["revision_pct"])
        if "implied_previous" in v.details and v.kind == "inconsistent":
            section.derive(f"{cid}_implied_previous_{_suffix(v.details['implied_previous_unit'])}",
                           v.details["implied_previous"])
        if "start" in v.details:
            section.derive(f"{cid}_implied_start_{_suffix(v.details['unit'])}", v.details["start"])
        for region, interval in v.details.get("regions", {}).items():
            section.derive(f"{cid}_{region}_{_suffix(v.details['unit'])}", interval)


def summary(ds, verdicts: list[Verdict], lang: str) -> Section:
    """Verdict counts in a generated sentence, the method, and the record of every verdict."""
    n = counts(verdicts)
    s = Section(fmt.t(lang, "audit_h_summary"))
    s.paragraphs.append(fmt.t(lang, "audit_p_summary", total=len(verdicts), consistent=n["consistent"],
                              basis=n["consistent_with_basis"], inconsistent=n["inconsistent"],
                              not_checkable=n["not_checkable"]))
    failing = [v for v in verdicts if v.kind == "inconsistent"]
    if failing:
        s.paragraphs.append(fmt.t(lang, "audit_p_summary_failing", items=fmt.t(lang, "audit_sep").join(
            fmt.t(lang, "audit_failing_item", label=v.claim.label(lang), gap=show_gap(v, lang)) for v in failing)))
    s.paragraphs.append(fmt.t(lang, "audit_p_method",
                              lo=fmt.amount(DEFLATOR_PLAUSIBLE_PCT.lo, "%", lang, 0),
                              hi=fmt.amount(DEFLATOR_PLAUSIBLE_PCT.hi, "%", lang, 0),
                              revision=fmt.amount(REVISION_PLAUSIBLE_PCT, "%", lang, 0)))
    record(verdicts, s)
    return s


def _themes(verdicts: list[Verdict]) -> list[str]:
    """The claims' themes in the order they first appear."""
    out: list[str] = []
    for v in verdicts:
        if v.claim.theme not in out:
            out.append(v.claim.theme)
    return out


def verdict_table(ds, verdicts: list[Verdict], lang: str, show_consistent: bool = True) -> Section:
    """The verdict tables, one per theme: claim, reported, recomputed, verdict (with the gap when inconsistent)."""
    s = Section(fmt.t(lang, "audit_h_table"))
    s.paragraphs.append(fmt.t(lang, "audit_p_table"))
    caption = "audit_caption_table" if show_consistent else "audit_caption_table_failing"
    for theme in _themes(verdicts):
        chosen = [v for v in verdicts if v.claim.theme == theme and (show_consistent or v.kind != "consistent")]
        if chosen:
            s.tables.append((fmt.t(lang, caption, theme=fmt.t(lang, f"audit_theme_{theme}")),
                             _verdict_frame(chosen, lang)))
    return s


def _verdict_frame(verdicts: list[Verdict], lang: str) -> pd.DataFrame:
    rows = []
    for v in verdicts:
        if v.recomputed is not None:
            recomputed = show_interval(v.recomputed, v.unit, lang, _decimals(v.claimed, v.unit))
        else:
            recomputed = fmt.t(lang, "audit_none")
        verdict = verdict_label(v.kind, lang)
        if v.kind == "inconsistent":
            verdict = fmt.t(lang, "audit_verdict_with_gap", verdict=verdict, gap=show_gap(v, lang, short=True))
        rows.append({
            fmt.t(lang, "audit_col_claim"): v.claim.label(lang),
            fmt.t(lang, "audit_col_reported"): show_value(v.claimed, lang) if v.claimed else fmt.t(lang, "audit_none"),
            fmt.t(lang, "audit_col_recomputed"): recomputed,
            fmt.t(lang, "audit_col_verdict"): verdict,
        })
    return pd.DataFrame(rows)


def _chart_sources(ds, verdicts: list[Verdict], lang: str) -> str:
    indicators, supplementary = [], []
    for v in verdicts:
        for value in ([v.claimed] if v.claimed else []) + v.inputs:
            if value.ref.kind == "fig":
                indicator = ds.fig(value.ref.figure_id).indicator
                if indicator not in indicators:
                    indicators.append(indicator)
            elif value.source not in supplementary:
                supplementary.append(value.source)
    return charts.source_line(ds, indicators, lang, supplementary)


def chart_section(ds, verdicts: list[Verdict], lang: str) -> Section:
    """Reported against recomputed, one chart per theme with one row per claim on its own scale; then the
    peers of each rank claim. Thresholds and ranks (small whole numbers) are left to the table."""
    s = Section(fmt.t(lang, "audit_h_chart"))
    s.paragraphs.append(fmt.t(lang, "audit_p_chart"))
    for theme in _themes(verdicts):
        plotted = [v for v in verdicts if v.claim.theme == theme and v.recomputed is not None
                   and not v.claim.is_rank and v.unit not in EXACT_COUNT_UNITS - {"家"}]
        if plotted:
            s.charts.append(_interval_chart(ds, plotted, theme, lang))
    for v in verdicts:
        if v.claim.is_rank and v.details.get("regions"):
            s.charts.append(rank_chart(ds, v, lang))
    return s


def _interval_chart(ds, plotted: list[Verdict], theme: str, lang: str) -> charts.Chart:
    rows, records = [], []
    for v in plotted:
        rep = v.claimed.interval
        unit_text = fmt.t(lang, f"audit_unit_{_suffix(v.unit)}")
        rows.append({"label": fmt.t(lang, "audit_chart_row", label=v.claim.label(lang), unit=unit_text),
                     "reported": v.claimed.value, "reported_low": rep.lo, "reported_high": rep.hi,
                     "recomputed_low": v.recomputed.lo, "recomputed_high": v.recomputed.hi,
                     "color": VERDICT_COLORS[v.kind], "tag": verdict_label(v.kind, lang) if v.kind != "consistent" else ""})
        records.append({"claim_id": v.claim.id, "relation": v.claim.relation, "unit": v.unit,
                        "reported": v.claimed.value, "reported_low": rep.lo, "reported_high": rep.hi,
                        "recomputed_low": v.recomputed.lo, "recomputed_high": v.recomputed.hi, "verdict": v.kind})
    legend = {"reported": fmt.t(lang, "audit_legend_reported"),
              **{kind: verdict_label(kind, lang) for kind in VERDICTS[:3]}}
    colors = {kind: VERDICT_COLORS[kind] for kind in VERDICTS[:3]}
    return charts.interval_rows_chart(
        f"claims_intervals_{theme}", rows,
        fmt.t(lang, "audit_chart_title", theme=fmt.t(lang, f"audit_theme_{theme}")),
        _chart_sources(ds, plotted, lang), legend, colors, data=pd.DataFrame(records))


def rank_chart(ds, v: Verdict, lang: str) -> charts.Chart:
    """The values a rank claim compares, one bar per region with its interval; a missing region shown with
    its nearest year, in grey."""
    unit = v.details["unit"]
    rows = []
    for region in v.claim.regions:
        interval = v.details["regions"].get(region)
        refs = v.claim.region_refs()[region]
        years = sorted({r.year for r in refs})
        period = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        substituted = ""
        if interval is None:
            near = [nearest(r, ds) for r in refs]
            if len(refs) != 1 or near[0] is None:
                continue
            interval, period, substituted = near[0].interval, near[0].period, "nearest_year"
        rows.append({"claim_id": v.claim.id, "region": region, "period": period, "value_low": interval.lo,
                     "value_high": interval.hi, "value": interval.mid, "substituted": substituted})
    frame = pd.DataFrame(rows)
    labels = [fmt.t(lang, "audit_rank_bar", region=region_name(r["region"], lang), period=fmt.period(r["period"], lang))
              for r in rows]
    colors = [charts.ACCENT if r["region"] == v.details["subject"] else
              (charts.CONTEXT if r["substituted"] else "#2c3e50") for r in rows]
    value_labels = []
    for r in rows:
        printed = v.details.get("region_values", {}).get(r["region"], [])
        if r["substituted"]:
            printed = [nearest(v.claim.region_refs()[r["region"]][0], ds)]
        value_labels.append(show_value(printed[0], lang) if len(printed) == 1 else
                            fmt.amount_range(Interval(r["value_low"], r["value_high"]), unit, lang, 2))
    # The claim is the article's; the values compared are supplementary, each with its own source.
    claimed_ref = v.claim.claimed_ref()
    indicator = (ds.fig(claimed_ref.figure_id).indicator if claimed_ref.kind == "fig"
                 else v.claim.region_refs()[v.details["subject"]][0].indicator)
    sources = sorted({x.source for x in v.inputs} | {n.source for n in v.details.get("nearest", {}).values()})
    title = fmt.t(lang, "audit_rank_chart_title", label=v.claim.label(lang),
                  verdict=verdict_label(v.kind, lang))
    note = fmt.t(lang, "audit_note_nearest_grey") if any(r["substituted"] for r in rows) else ""
    return charts.bar_chart(f"rank_{v.claim.id}", labels, list(frame["value"]), value_labels, title,
                            charts.source_line(ds, [indicator], lang, sources) + note,
                            ylabel=fmt.t(lang, f"audit_unit_{_suffix(unit)}"), colors=colors, data=frame,
                            horizontal=True)


def explanations(ds, verdicts: list[Verdict], lang: str) -> Section:
    """A generated explanation of every verdict that is not plainly consistent."""
    s = Section(fmt.t(lang, "audit_h_explanations"))
    for kind in VERDICTS[1:]:
        chosen = [v for v in verdicts if v.kind == kind]
        if not chosen:
            continue
        s.paragraphs.append(fmt.Md("### ") + verdict_label(kind, lang))
        for v in chosen:
            s.paragraphs.append(fmt.t(lang, "audit_explanation", label=v.claim.label(lang),
                                      text=explain(v, ds, lang)))
    if len(s.paragraphs) == 0:
        s.paragraphs.append(fmt.t(lang, "audit_p_all_consistent"))
    return s


def inputs_list(ds, verdicts: list[Verdict], lang: str) -> Section:
    """Every claim with its check, the values it was checked against (as printed) and their sources."""
    s = Section(fmt.t(lang, "audit_h_inputs"))
    sep = fmt.t(lang, "audit_sep")
    items: dict[str, list[str]] = {theme: [] for theme in _themes(verdicts)}
    for v in verdicts:
        if v.claim.is_rank:
            refs = v.claim.region_refs()[v.claim.regions[0]]
            years = sorted({r.year for r in refs})
            period = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
            used = fmt.t(lang, "audit_rank_inputs", title=ds.meta(refs[0].indicator)[f"title_{lang}"],
                         regions=sep.join(region_name(r, lang) for r in v.claim.regions),
                         period=fmt.period(period, lang))
        else:
            used = describe_inputs(v.inputs, ds, lang)
        if v.missing:
            missing = sep.join(in_sentence(ref_label(r, ds, lang), lang) for r in v.missing)
            used = (fmt.t(lang, "audit_inputs_with_missing", inputs=used, missing=missing) if used
                    else fmt.t(lang, "audit_inputs_only_missing", missing=missing))
        source_ids: list[str] = []
        for value in ([v.claimed] if v.claimed else []) + v.inputs:
            if value.source not in source_ids:
                source_ids.append(value.source)
        items[v.claim.theme].append(fmt.t(lang, "audit_inputs_item", label=v.claim.label(lang),
                           relation=fmt.t(lang, f"audit_relation_{v.claim.relation}"), inputs=used,
                           sources=sep.join(source_name(ds, i) for i in source_ids)))
    s.paragraphs.append(fmt.t(lang, "audit_p_inputs"))
    for theme, lines in items.items():  # one output per item, so a page break can fall between any two
        s.paragraphs.append(fmt.Md("### ") + fmt.t(lang, f"audit_theme_{theme}"))
        s.paragraphs.extend(fmt.Md("- ") + line for line in lines)
    return s
