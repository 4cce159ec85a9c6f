"""The audit's words: values, intervals, gaps and references as printed, verdict labels, and the generated
explanation of each verdict (:func:`explain`, :func:`check_paragraph`), from the verdicts of
:mod:`szreport.audit.judge.evaluate`.

Every sentence comes from ``locale/audit.*.yaml``; nothing here judges a claim. The report's sections, tables
and charts that use these words are in :mod:`szreport.audit.report.sections`.
"""

from __future__ import annotations

import math

from szreport import fmt
from szreport import metrics as m
from szreport.audit.judge.evaluate import Alternative, Verdict
from szreport.audit.judge.values import Value
from szreport.data.claims import Ref
from szreport.data.loader import Dataset
from szreport.metrics import EXACT_COUNT_UNITS, Interval
from szreport.present.report import UNIT_SUFFIX


def _suffix(unit: str) -> str:
    """A unit's name in results.json keys and locale keys (``pct``, ``yuan_100m``, ...; ``value`` if none)."""
    return UNIT_SUFFIX.get(unit, "value")


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
        return (
            fmt.rank(lo, lang)
            if lo == hi
            else fmt.t(lang, "audit_rank_range", best=fmt.rank(lo, lang), worst=fmt.rank(hi, lang))
        )
    return fmt.amount_range(interval, unit, lang, decimals)


def show_recomputed(v: Verdict, lang: str) -> str:
    """The recomputed range of a judged verdict as the tables and sentences show it. A bound from one side only
    (the least number of gross additions a net change requires) reads "at least", as it includes its end; a growth
    whose earlier level is known only from below reads "at most"."""
    assert v.recomputed is not None
    if math.isinf(v.recomputed.hi) and v.unit != "位":
        return fmt.amount(v.recomputed.lo, v.unit, lang, _decimals(v.claimed, v.unit), "at_least")
    if v.unit == "%" and v.recomputed.lo <= -100:  # growth from a level known only from below ("突破5万亿")
        return fmt.t(lang, "audit_at_most", value=fmt.amount(v.recomputed.hi, "%", lang, _decimals(v.claimed, "%")))
    return show_interval(v.recomputed, v.unit, lang, _decimals(v.claimed, v.unit))


def show_gap(verdict: Verdict, lang: str, short: bool = False) -> str:
    """The gap in the claim's unit: percentage points for a percentage, firms for firms."""
    decimals = _decimals(verdict.claimed, verdict.unit)
    gap = verdict.gap
    assert gap is not None, "only an inconsistent verdict has a gap"
    if verdict.unit == "%":
        if short:
            return fmt.t(lang, "audit_gap_pp_short", n=fmt.number(gap, decimals, lang))
        return fmt.amount(gap, "pp", lang, decimals)
    if verdict.unit in EXACT_COUNT_UNITS:
        return fmt.t(
            lang,
            "audit_gap_count",
            n=fmt.number(gap, 0, lang),
            unit=fmt.t(lang, f"audit_unit_{_suffix(verdict.unit)}"),
        )
    return fmt.amount(gap, verdict.unit, lang, decimals)


def region_name(region: str, lang: str) -> str:
    return fmt.t(lang, f"audit_region_{region}")


def input_label(value: Value, ds: Dataset, lang: str) -> str:
    """What an input is: the figure's label, or region, indicator and year of a series value."""
    if value.ref.kind == "fig":
        return value.label_zh if lang == "zh" else value.label_en
    return ref_label(value.ref, ds, lang)


def ref_label(ref: Ref, ds: Dataset, lang: str) -> str:
    if ref.kind == "fig":
        return ds.fig(ref.figure_id).label(lang) if ds.has(ref.figure_id) else str(ref)
    title = ds.meta(ref.indicator)[f"title_{lang}"] if ref.indicator in ds.indicators else ref.indicator
    return fmt.t(
        lang,
        "audit_series_label",
        region=region_name(ref.region, lang),
        title=title,
        year=fmt.period(str(ref.year), lang),
    )


def in_sentence(label: str, lang: str) -> str:
    """A title used inside an English sentence: 'Gross domestic product' -> 'gross domestic product' (GDP stays)."""
    if lang == "en" and len(label) > 1 and label[0].isupper() and label[1].islower():
        lowered = label[0].lower() + label[1:]
        return fmt.Md(lowered) if isinstance(label, fmt.Md) else lowered  # a letter's case makes no markup
    return label


def describe_inputs(values: list[Value], ds: Dataset, lang: str) -> str:
    """The inputs as printed; a dollar value converted for a yuan claim names the year's rate it is taken at."""
    return fmt.t(lang, "audit_sep").join(
        fmt.t(lang, "audit_input", label=in_sentence(input_label(v, ds, lang), lang), value=show_value(v, lang))
        if v.rate is None
        else fmt.t(
            lang,
            "audit_input_converted",
            label=in_sentence(input_label(v, ds, lang), lang),
            value=show_value(v, lang),
            rate=show_value(v.rate, lang),
        )
        for v in values
    )


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
    published = (
        show_value(previous, lang)
        if previous.unit == current.unit
        else fmt.amount(previous.interval_in(current.unit).mid, current.unit, lang, decimals)
    )
    return fmt.t(
        lang,
        "audit_explain_implied_previous",
        year=fmt.period(previous.period, lang),
        implied=fmt.amount_range(v.details["implied_previous"], current.unit, lang, decimals),
        published=published,
        difference=fmt.amount_range(difference, "%", lang, 1),
        direction=fmt.t(lang, f"audit_direction_{direction}"),
    )


def explain(verdict: Verdict, ds: Dataset, lang: str) -> str:
    """One generated paragraph on why a claim is not simply consistent (the claim's basis note appended)."""
    v, c = verdict, verdict.claim
    t = lambda key, **kw: fmt.t(lang, key, **kw)
    reported = show_value(v.claimed, lang) if v.claimed else ""
    parts: list[str] = []
    if v.kind == "consistent_with_basis" and v.reason == "real_vs_nominal":
        assert v.recomputed is not None  # every judged (not not_checkable) verdict has its recomputed interval
        evidence = v.details["deflator_evidence"]
        years = sorted(evidence.annual_pct)
        parts.append(
            t(
                "audit_explain_real_vs_nominal",
                inputs=describe_inputs(v.inputs, ds, lang),
                recomputed=show_interval(v.recomputed, v.unit, lang, _decimals(v.claimed, v.unit)),
                reported=reported,
                deflator=fmt.amount_range(v.details["deflator_pct"], "%", lang, 1),
                window=fmt.amount_range(evidence.window, "%", lang, 1),
                region=region_name(evidence.region, lang),
                period=fmt.period(f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0]), lang),
                years=t("audit_sep").join(
                    t("audit_region_value", region=fmt.period(str(y), lang), value=fmt.amount_range(d, "%", lang, 1))
                    for y, d in sorted(evidence.annual_pct.items())
                ),
            )
        )
    elif v.kind == "consistent_with_basis" and v.reason == "vintage":
        evidence = v.details["revision_evidence"]
        parts.append(
            t(
                "audit_explain_vintage",
                inputs=describe_inputs(v.inputs, ds, lang),
                reported=reported,
                claimed_vintage=t(f"audit_vintage_{v.details['claimed_vintage']}"),
                input_vintage=t(f"audit_vintage_{v.details['input_vintages'][0]}")
                if v.details["input_vintages"]
                else "",
                revision=fmt.amount_range(v.details["revision_pct"], "%", lang, 1),
                window=fmt.amount_range(evidence.window, "%", lang, 1),
                published=t("audit_sep").join(
                    t(
                        "audit_revision_item",
                        region=region_name(region, lang),
                        year=fmt.period(str(year), lang),
                        pre=fmt.amount(float(pre), pre_unit, lang, m.decimals_of(pre)),
                        post=fmt.amount(float(post), post_unit, lang, m.decimals_of(post)),
                        revision=fmt.amount_range(evidence.revisions[(region, year)], "%", lang, 1),
                    )
                    for (region, year), (pre, pre_unit, post, post_unit) in sorted(evidence.levels.items())
                ),
            )
        )
    elif c.relation == "additions_bound" and v.kind in ("consistent", "inconsistent"):
        start, end = v.details["ends"]
        decimals = _decimals(v.claimed, v.unit)
        exits = v.details["exits"]
        parts.append(
            t(
                f"audit_explain_additions_{v.kind}",
                start=t(
                    "audit_input", label=in_sentence(input_label(start, ds, lang), lang), value=show_value(start, lang)
                ),
                end=t("audit_input", label=in_sentence(input_label(end, ds, lang), lang), value=show_value(end, lang)),
                net=fmt.amount_range(v.details["net_change"], v.unit, lang, decimals),
                reported=reported,
                exits=fmt.amount_range(exits, v.unit, lang, decimals),
                gap=show_gap(v, lang) if v.gap is not None else "",
                unit=t(f"audit_unit_{_suffix(v.unit)}") if lang == "en" else "",
            )
        )
    elif c.relation == "streak_chain" and v.kind in ("consistent", "inconsistent"):
        assert v.recomputed is not None
        parts.append(
            t(
                f"audit_explain_streak_{v.kind}",
                chain=t("audit_sep").join(
                    t("audit_region_value", region=fmt.period(str(x.period), lang), value=show_value(x, lang))
                    for x in v.inputs
                ),
                end=fmt.period(str(v.details["end_year"]), lang),
                implied=show_recomputed(v, lang),
                reported=reported,
            )
        )
    elif v.kind == "inconsistent" and v.reason == "rank_gap":
        assert v.recomputed is not None
        subject = v.details["subject"]
        leaders = v.details.get("leaders", [])
        parts.append(
            t(
                "audit_explain_rank_gap",
                subject=region_name(subject, lang),
                value=fmt.amount_range(v.details["regions"][subject], v.details["unit"], lang, 2),
                leaders=t("audit_sep").join(
                    t(
                        "audit_region_value",
                        region=region_name(r, lang),
                        value=fmt.amount_range(v.details["regions"][r], v.details["unit"], lang, 2),
                    )
                    for r in leaders
                ),
                rank=show_interval(v.recomputed, "位", lang, 0),
                reported=reported,
            )
        )
    elif v.kind == "inconsistent":
        assert v.recomputed is not None
        parts.append(
            t(
                "audit_explain_gap",
                inputs=describe_inputs(v.inputs, ds, lang),
                recomputed=show_recomputed(v, lang),
                reported=reported,
                gap=show_gap(v, lang),
                direction=t(f"audit_direction_{v.details['direction']}"),
            )
        )
        if "implied_previous" in v.details:
            parts.append(_explain_implied_previous(v, lang))
    elif v.kind == "consistent" and c.is_rank:
        subject = v.details["subject"]
        parts.append(
            t(
                "audit_explain_rank_consistent",
                subject=region_name(subject, lang),
                value=fmt.amount_range(v.details["regions"][subject], v.details["unit"], lang, 2),
                regions=t("audit_sep").join(region_name(r, lang) for r in c.regions[1:]),
                reported=reported,
            )
        )
    elif v.kind == "consistent":
        assert v.recomputed is not None
        parts.append(
            t(
                "audit_explain_consistent",
                inputs=describe_inputs(v.inputs, ds, lang),
                recomputed=show_interval(v.recomputed, v.unit, lang, _decimals(v.claimed, v.unit)),
                reported=reported,
            )
        )
    elif v.kind == "not_checkable":
        parts.append(
            t(
                "audit_explain_missing",
                missing=t("audit_sep").join(
                    t("audit_missing_item", label=ref_label(ref, ds, lang), ref=fmt.code(ref)) for ref in v.missing
                ),
            )
        )
        near = v.details.get("nearest", {})
        if near:
            parts.append(
                t(
                    "audit_explain_nearest",
                    items=t("audit_sep").join(
                        t("audit_input", label=ref_label(n.ref, ds, lang), value=show_value(n, lang))
                        for n in near.values()
                    ),
                )
            )
        if v.reason == "rank_missing":
            subject, unit = v.details["subject"], v.details["unit"]
            bound = v.details["bound"]
            regions = v.details["missing_regions"]
            parts.append(
                t(
                    "audit_explain_rank_condition",
                    subject=region_name(subject, lang),
                    value=fmt.amount_range(v.details["regions"][subject], unit, lang, 2),
                    regions=t("audit_sep").join(region_name(r, lang) for r in regions),
                    bound=fmt.amount(bound, unit, lang, 3),
                )
            )
            above = [n for n in near.values() if n.interval.lo > bound]
            if above:
                parts.append(
                    t(
                        "audit_explain_rank_other_year",
                        items=t("audit_sep").join(
                            t("audit_input", label=ref_label(n.ref, ds, lang), value=show_value(n, lang)) for n in above
                        ),
                    )
                )
    parts += [_explain_alternative(a, ds, lang) for a in v.details.get("alternatives", [])]
    note = c.basis_note(lang)
    if note:
        parts.append(note)
    return t("audit_space").join(p for p in parts if p)


def _explain_alternative(a: Alternative, ds: Dataset, lang: str) -> str:
    """An input another release prints differently: both values, which the verdict used, and what the other
    would give."""
    return fmt.t(
        lang,
        "audit_explain_alternative",
        label=in_sentence(input_label(a.used, ds, lang), lang),
        used=show_value(a.used, lang),
        used_source=ds.source_short(a.used.source),
        other=show_value(a.other, lang),
        other_source=ds.source_short(a.other.source),
        verdict=str(fmt.plain(verdict_label(a.verdict.kind, lang))).lower(),
        recomputed=show_recomputed(a.verdict, lang) if a.verdict.recomputed is not None else "",
    )


def check_paragraph(v: Verdict, ds: Dataset, lang: str) -> str:
    """A claim's verdict as a theme report states it: the verdict, the claim and why (the audit's own words)."""
    return fmt.t(
        lang, "audit_check", verdict=verdict_label(v.kind, lang), label=v.claim.label(lang), text=explain(v, ds, lang)
    )
