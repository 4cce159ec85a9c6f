"""The audit's one judge: every claim recomputed on rounding intervals and given a verdict.

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
    current prices with an implied deflator within the national GDP deflator's average over the claim's years,
    widened by the city's own departures from it in the years its figures allow, or
    a figure on one side of the census revision against one on the other side, within the census revisions the
    data publish (both windows worked out from series.csv by :mod:`szreport.audit.judge.evidence`; when that evidence
    is missing the verdict is ``not_checkable``, naming it);
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
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from szreport import metrics as m
from szreport.audit.judge.evidence import basis_reconciliation
from szreport.audit.judge.relations import (
    CONTAINED,
    RANK_RELATIONS,
    RELATIONS,
    RISING_RANKS,
    TOTAL_RELATIONS,
    Computed,
    rank_interval,
)
from szreport.audit.judge.values import Value, nearest, resolve
from szreport.data.claims import Claim, Ref, claims
from szreport.data.dataset import ALTERNATIVE
from szreport.data.loader import Dataset
from szreport.metrics import Interval

# Verdict kinds, in the order the report lists them.
VERDICTS = ("consistent", "consistent_with_basis", "inconsistent", "not_checkable")
# The yuan-per-dollar rate a dollar input of a yuan claim is converted at: the published annual average of the
# input's own year (series.csv: region, indicator), never one year's rate for another's value.
EXCHANGE_RATE = ("china", "usd_cny")
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


def _judge(claim: Claim, claimed: Value, computed: Computed, inputs: list[Value], ds: Dataset) -> Verdict:
    verdict = Verdict(
        claim,
        "consistent",
        claimed,
        computed.value,
        computed.unit,
        inputs=inputs,
        details=dict(computed.details),
        reason="rounding",
    )
    contained = claim.relation in CONTAINED
    if computed.value in claimed.interval if contained else claimed.interval.overlaps(computed.value):
        return verdict
    reconciled = basis_reconciliation(claim, claimed, computed.value, inputs, ds)
    if reconciled and reconciled[0] == "missing_evidence":
        evidence = {k: x for k, x in reconciled[1].items() if k != "missing"}  # what was sought, for the text
        # what the inputs give, recorded but not judged (the verdict's recomputed value stays None)
        evidence |= {"unjudged": computed.value, "unjudged_unit": computed.unit, **computed.details}
        return _not_checkable(
            claim, claimed, reconciled[1]["missing"], inputs, ds, reason="missing_evidence", details=evidence
        )
    if reconciled:
        verdict.kind, verdict.reason = "consistent_with_basis", reconciled[0]
        verdict.details.update(reconciled[1])
        return verdict
    verdict.kind, verdict.reason = "inconsistent", "gap"
    verdict.gap = claimed.interval.gap(computed.value)
    if contained:  # the farthest input from the claim
        verdict.gap = max(claimed.interval.lo - computed.value.lo, computed.value.hi - claimed.interval.hi)
    verdict.details["direction"] = "below" if computed.value.lo < claimed.interval.lo else "above"
    return verdict


def _not_checkable(
    claim: Claim,
    claimed: Value | None,
    missing: list[Ref],
    inputs: list[Value],
    ds: Dataset,
    reason: str = "missing",
    details: dict | None = None,
) -> Verdict:
    found: dict[str, Value] = {}
    for ref in missing:  # the nearest value for each missing one, each value listed once
        near = nearest(ref, ds)
        if near is not None and str(near.ref) not in found:
            found[str(near.ref)] = near
    return Verdict(
        claim,
        "not_checkable",
        claimed,
        None,
        "",
        reason=reason,
        inputs=inputs,
        missing=missing,
        details={"nearest": found, **(details or {})},
    )


def _evaluate_rank(claim: Claim, claimed: Value | None, ds: Dataset) -> Verdict:
    combine = RANK_RELATIONS[claim.relation]
    groups = {region: [(ref, resolve(ref, ds)) for ref in refs] for region, refs in claim.region_refs().items()}
    missing = [ref for pairs in groups.values() for ref, v in pairs if v is None]
    if claimed is None:
        missing.insert(0, claim.claimed_ref())
    values = {
        region: combine([v for _, v in pairs if v is not None])
        for region, pairs in groups.items()
        if all(v is not None for _, v in pairs)
    }
    inputs = [v for pairs in groups.values() for _, v in pairs if v is not None]
    subject = claim.regions[0]
    details: dict = {
        "regions": values,
        "subject": subject,
        "unit": next((v.unit for v in inputs), "%"),
        "region_values": {
            region: [v for _, v in pairs] for region, pairs in groups.items() if all(v is not None for _, v in pairs)
        },
    }
    if subject not in values or claimed is None:
        return _not_checkable(claim, claimed, missing, inputs, ds, details=details)
    others = [values[r] for r in claim.regions[1:] if r in values]
    ranks = rank_interval(values[subject], others)
    details["leaders"] = [r for r in claim.regions[1:] if r in values and values[r].lo > values[subject].hi]
    if claim.relation in RISING_RANKS:
        return _rose_to_rank(claim, claimed, ranks, inputs, missing, details, ds)
    if missing:
        if ranks.lo > claimed.interval.hi:  # the available peers already rule the claim out
            verdict = Verdict(
                claim,
                "inconsistent",
                claimed,
                ranks,
                claimed.unit,
                gap=ranks.lo - claimed.interval.hi,
                reason="rank_gap",
                inputs=inputs,
                details=details,
            )
            verdict.details["missing_regions"] = sorted({r.region for r in missing})
            return verdict
        # Possibly first so far: it stays so only if no missing peer exceeds the subject's upper bound.
        details["bound"] = values[subject].hi
        details["missing_regions"] = [r for r in claim.regions if r not in values]
        return _not_checkable(claim, claimed, missing, inputs, ds, reason="rank_missing", details=details)
    verdict = _judge(claim, claimed, Computed(ranks, claimed.unit, details), inputs, ds)
    if verdict.kind == "inconsistent":
        verdict.reason = "rank_gap"
    return verdict


def _rose_to_rank(claim, claimed, ranks, inputs, missing, details, ds) -> Verdict:
    """A subject said to have risen to its rank (跃居) against its peers in the year before: consistent when it
    may have ranked below the claimed rank then (certainly so when a peer was certainly ahead, whatever the
    missing peers), inconsistent when it certainly held that rank already, not checkable when only missing peers
    could have been ahead."""
    if ranks.hi > claimed.interval.hi:
        return Verdict(
            claim, "consistent", claimed, ranks, claimed.unit, reason="rank_rose", inputs=inputs, details=details
        )
    if missing:
        details["missing_regions"] = [r for r in claim.regions if r not in details["regions"]]
        return _not_checkable(claim, claimed, missing, inputs, ds, details=details)
    gap = claimed.interval.hi + 1 - ranks.hi
    return Verdict(
        claim, "inconsistent", claimed, ranks, claimed.unit, gap=gap, reason="rank_held", inputs=inputs, details=details
    )


@dataclass(frozen=True)
class _MissingRate:
    """A dollar input whose year's exchange rate is not in the data: ``ref`` is the rate to add."""

    ref: Ref


def _at_yearly_rate(value: Value, ds: Dataset) -> Value | _MissingRate:
    """A dollar value, to be summed or compared in yuan, with its own year's published rate attached."""
    if value.unit not in m.USD_UNITS:
        return value
    region, indicator = EXCHANGE_RATE
    ref = Ref("series", region=region, indicator=indicator, year=int(str(value.period).split("-")[-1]))
    rate = resolve(ref, ds)
    return _MissingRate(ref) if rate is None else replace(value, rate=rate)


def _in_yuan(claim: Claim, claimed: Value | None, inputs: list[Value]) -> bool:
    """Whether the inputs are added up in yuan: a yuan claim, or a growth of totals with an input in yuan."""
    if claimed is None:
        return False
    if claim.relation in TOTAL_RELATIONS:
        return any(v.unit in m.YUAN_UNITS for v in inputs)
    return claimed.unit in m.YUAN_UNITS


def _rates_of_missing(missing: list[Ref], ds: Dataset) -> list[Ref]:
    """The exchange rates a missing dollar input will need once published (its indicator's unit is in dollars),
    those not in the data yet, so that the verdict names everything the check needs at once."""
    region, indicator = EXCHANGE_RATE
    rates: list[Ref] = []
    for ref in missing:
        if ref.kind != "series" or ref.indicator not in ds.indicators:
            continue
        if str(ds.meta(ref.indicator).get("unit", "")) not in m.USD_UNITS:
            continue
        rate = Ref("series", region=region, indicator=indicator, year=ref.year)
        if resolve(rate, ds) is None and rate not in missing and rate not in rates:
            rates.append(rate)
    return rates


@dataclass(frozen=True)
class Alternative:
    """An input that another release prints differently: the value the verdict used, the other release's value
    (vintage ALTERNATIVE), and the verdict the claim would get with it."""

    used: Value
    other: Value
    verdict: Verdict


def evaluate(claim: Claim, ds: Dataset) -> Verdict:
    """The verdict on one claim: resolve its references, recompute, compare on intervals. An input that another
    release prints differently is shown with the verdict it would give (``details["alternatives"]``)."""
    claimed = resolve(claim.claimed_ref(), ds)
    if claim.is_rank:
        return _evaluate_rank(claim, claimed, ds)
    if claim.relation not in RELATIONS:
        raise ValueError(f"claim {claim.id!r}: unknown relation {claim.relation!r}")
    refs = claim.input_refs()
    verdict = _evaluate_inputs(claim, claimed, refs, ds)
    alternatives = []
    for position, ref in enumerate(refs):
        used = next((v for v in verdict.inputs if v.ref == ref), None)
        if ref.kind != "series" or ref.vintage or used is None or used.vintage == ALTERNATIVE:
            continue  # only a value chosen by preference can be set against another release's
        other_ref = replace(ref, vintage=ALTERNATIVE)
        other = resolve(other_ref, ds)
        if other is not None:
            with_other = _evaluate_inputs(claim, claimed, [*refs[:position], other_ref, *refs[position + 1 :]], ds)
            alternatives.append(Alternative(used, other, with_other))
    if alternatives:
        verdict.details["alternatives"] = alternatives
    return verdict


def _evaluate_inputs(claim: Claim, claimed: Value | None, refs: list[Ref], ds: Dataset) -> Verdict:
    function = RELATIONS[claim.relation]
    pairs = [(ref, resolve(ref, ds)) for ref in refs]
    missing = [ref for ref, v in pairs if v is None]
    inputs = [v for _, v in pairs if v is not None]
    if _in_yuan(claim, claimed, inputs):  # dollar inputs at their own year's rate
        converted = [_at_yearly_rate(v, ds) for v in inputs]
        missing += [c.ref for c in converted if isinstance(c, _MissingRate)]
        inputs = [v if isinstance(c, _MissingRate) else c for c, v in zip(converted, inputs)]
        missing += _rates_of_missing(missing, ds)
    if claimed is None:
        missing.insert(0, claim.claimed_ref())
    if missing:
        return _not_checkable(claim, claimed, missing, inputs, ds)
    assert claimed is not None  # a missing claimed value is in ``missing``
    return _judge(claim, claimed, function(claim, claimed, inputs), inputs, ds)


# Where a dataset keeps its verdicts once judged (Dataset.derived): every report and section of one kernel reads
# the same judgement instead of judging every claim again (a dataset's data do not change once loaded).
VERDICTS_KEY = "audit_verdicts"


def evaluate_all(ds: Dataset) -> list[Verdict]:
    """Verdicts on every claim of the data folder, in file order: judged once per loaded dataset, then read."""
    if VERDICTS_KEY not in ds.derived:
        ds.derived[VERDICTS_KEY] = tuple(evaluate(claim, ds) for claim in claims(ds))
    return list(ds.derived[VERDICTS_KEY])


def verdicts_on(ds: Dataset, figures) -> list[Verdict]:
    """Verdicts of the claims that check any of these article figures (the figure in ``claimed``), in the order
    of claims.csv; none when the data folder has no claims.csv. This is how a theme report states a check: the
    claim is data and this evaluator its only judge."""
    ids = {f.id for f in figures}
    if ds.claims is None:
        return []
    return [
        verdict
        for verdict in evaluate_all(ds)
        if verdict.claim.claimed_ref().kind == "fig" and verdict.claim.claimed_ref().figure_id in ids
    ]


def counts(verdicts: list[Verdict]) -> dict[str, int]:
    return {kind: sum(v.kind == kind for v in verdicts) for kind in VERDICTS}
