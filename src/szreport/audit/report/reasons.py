"""The generated explanation of each verdict (:func:`explain`): which words a verdict's reasoning takes, and the
words for a verdict that rests on a claim's basis (:mod:`szreport.audit.judge.evidence`): real growth against
levels at current prices (the national deflator's average, widened by the city's departures from it), a
census-revised figure against the one first published (the published revisions), and a published growth rate
against two levels first published (the gap between the two in the other years the data hold, or, without such a
year, what the check needs); and the words of a growth of totals, and of what a check needs, each series once.

Every sentence comes from ``locale/audit.*.yaml``; the helpers and the other explanations are those of
:mod:`szreport.audit.report.text`.
"""

from __future__ import annotations

import itertools

from szreport import fmt
from szreport import metrics as m
from szreport.audit.judge.evaluate import Alternative, Verdict
from szreport.audit.judge.evidence import GROWTH_SUFFIX
from szreport.audit.judge.relations import RISING_RANKS, TOTAL_RELATIONS
from szreport.audit.report.text import (
    THRESHOLD_RELATIONS,
    _additions,
    _judged,
    _lower,
    _missing,
    _rank,
    _rank_rose,
    _rose,
    _streak,
    _thresholds,
    counted,
    deflator_name,
    describe_inputs,
    indicator_title,
    input_label,
    join_list,
    one_number,
    recomputed_in_text,
    ref_label,
    show_gap,
    show_value,
    source_name,
    span,
    verdict_label,
)
from szreport.data.claims import Ref
from szreport.data.loader import Dataset
from szreport.metrics import Interval


def _price_words(verdict: Verdict, ds: Dataset, lang: str) -> dict:
    """The price change a real rate against nominal growth implies, and the nation's average it is set beside."""
    evidence = verdict.details["deflator_evidence"]
    change = verdict.details["deflator_pct"]  # the price change implied: rising or falling, in one number
    prices = fmt.t(lang, "audit_prices_flat")
    if change.lo > 0 or change.hi < 0:
        size = one_number(change if change.lo > 0 else Interval(-change.hi, -change.lo), "%", lang, 1)
        prices = fmt.t(lang, "audit_prices_rising" if change.lo > 0 else "audit_prices_falling", value=size)
    words: dict = dict(prices=prices, deflator=deflator_name(ds, evidence.region, lang))
    words |= dict(
        average=one_number(evidence.average_pct, "%", lang, 1),
        period=fmt.period(f"{min(evidence.annual_pct)}-{max(evidence.annual_pct)}", lang),
    )
    return words | dict(reported=show_value(verdict.claimed, lang) if verdict.claimed else "")


def _real_vs_nominal(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """Nominal growth from levels against the article's real rate: the price change implied, and the window it is
    judged against: the national deflator's average, widened by the city's own departures from it."""
    evidence = verdict.details["deflator_evidence"]
    words = _price_words(verdict, ds, lang) | dict(recomputed=recomputed_in_text(verdict, lang))
    departures = fmt.t(lang, "audit_deflator_no_departures")
    if evidence.gaps:
        gaps = evidence.gaps.values()
        spread = Interval(min(g.lo for g in gaps), max(g.hi for g in gaps))
        years = join_list((fmt.period(str(y), lang) for y in sorted(evidence.gaps)), lang)
        city = deflator_name(ds, evidence.city, lang)
        departures = fmt.t(
            lang,
            "audit_deflator_departures",
            years=years,
            city_deflator=city,
            range=span(spread, "pp", lang, 1),
            **words,
        )
    words |= dict(departures=departures, window=span(evidence.window, "%", lang, 1))
    return [fmt.t(lang, "audit_explain_real_vs_nominal", inputs=describe_inputs(verdict.inputs, ds, lang), **words)]


def missing_city_deflator(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """A price change outside the nation's average, with no year of the city's own deflator to say how far a
    city's prices depart from the nation's: why the nation's alone cannot settle it, then what the check needs."""
    words = _price_words(verdict, ds, lang) | dict(inputs=describe_inputs(verdict.inputs, ds, lang))
    decimals = (verdict.claimed.decimals if verdict.claimed else 1) + 1
    words |= dict(recomputed=one_number(verdict.details["unjudged"], "%", lang, decimals))
    return [fmt.t(lang, "audit_explain_deflator_missing_city", **words), *_missing_by_series(verdict, ds, lang)]


def _vintage(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """A census-revised figure against the one first published: the difference, and the revisions published."""
    evidence, vintages = verdict.details["revision_evidence"], verdict.details["input_vintages"]
    published = []
    for (region, year), (pre, pre_unit, post, post_unit) in sorted(evidence.levels.items()):
        item = dict(region=ds.subject.region_name(region, lang), title=indicator_title(ds, "gdp", region, lang))
        item |= dict(year=fmt.period(str(year), lang), pre=fmt.amount(float(pre), pre_unit, lang, m.decimals_of(pre)))
        item |= dict(post=fmt.amount(float(post), post_unit, lang, m.decimals_of(post)))
        published.append(
            fmt.t(
                lang,
                "audit_revision_item",
                revision=one_number(evidence.revisions[(region, year)], "%", lang, 1),
                **item,
            )
        )
    words = dict(
        reported=show_value(verdict.claimed, lang) if verdict.claimed else "", published=join_list(published, lang)
    )
    words |= dict(claimed_vintage=fmt.t(lang, f"audit_vintage_{verdict.details['claimed_vintage']}"))
    words |= dict(input_vintage=fmt.t(lang, f"audit_vintage_{vintages[0]}") if vintages else "")
    words |= dict(
        revision=one_number(verdict.details["revision_pct"], "%", lang, 1),
        largest=fmt.amount(evidence.window.hi, "%", lang, 1),
    )
    return [fmt.t(lang, "audit_explain_vintage", inputs=describe_inputs(verdict.inputs, ds, lang), **words)]


def _growth_years(evidence, ds: Dataset, lang: str) -> fmt.Md:
    """Each year of a growth-gap window: the growth published against the growth of the levels first published."""
    item = lambda year: fmt.t(
        lang,
        "audit_growth_gap_item",
        year=fmt.period(str(year), lang),
        published=fmt.amount(float(evidence.printed[year]), "%", lang, m.decimals_of(evidence.printed[year])),
        levels=one_number(evidence.from_levels[year], "%", lang, 1),
    )
    return join_list(map(item, sorted(evidence.gaps)), lang)


def _gap_words(evidence, ds: Dataset, lang: str) -> dict:
    title = indicator_title(ds, evidence.indicator + GROWTH_SUFFIX, evidence.region, lang)
    return dict(
        region=ds.subject.region_name(evidence.region, lang), title=title, why=fmt.t(lang, f"audit_why_{evidence.why}")
    )


def _growth_gap(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """A published growth rate against two levels first published: the gap, and the gaps of the other years."""
    evidence, gap = verdict.details["growth_gap_evidence"], verdict.details["growth_gap_pct"]
    words = _gap_words(evidence, ds, lang) | dict(inputs=describe_inputs(verdict.inputs, ds, lang))
    words |= dict(
        recomputed=recomputed_in_text(verdict, lang),
        reported=show_value(verdict.claimed, lang) if verdict.claimed else "",
    )
    words |= dict(gap=one_number(gap, "pp", lang, 1), window=fmt.amount_range(evidence.window, "pp", lang, 1))
    years = sorted(evidence.gaps)
    words |= dict(period=fmt.period(f"{years[0]}-{years[-1]}", lang), years=_growth_years(evidence, ds, lang))
    return [fmt.t(lang, "audit_explain_growth_gap", **words)]


def missing_growth_evidence(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """A published growth rate against two levels first published, without a year that shows the usual gap:
    why the levels cannot settle it, then what the check needs."""
    words = _gap_words(verdict.details["growth_gap_evidence"], ds, lang)
    return [fmt.t(lang, "audit_explain_growth_gap_missing", **words), *_missing_by_series(verdict, ds, lang)]


def _needed(refs: list[Ref], ds: Dataset, lang: str) -> fmt.Md:
    """The figures a check needs, in words, several years of one series said once ("the city's foreign direct
    investment used for 2016–2019", not four times)."""
    items = []
    same = lambda ref: (ref.region, ref.indicator, ref.vintage) if ref.kind == "series" else (ref.figure_id, id(ref))
    for _, grouped in itertools.groupby(refs, same):
        group = list(grouped)
        if len(group) == 1:
            items.append(ref_label(group[0], ds, lang, needed=True))
            continue
        ref, years = group[0], [r.year for r in group]
        words = dict(
            region=ds.subject.region_name(ref.region, lang), title=indicator_title(ds, ref.indicator, ref.region, lang)
        )
        running = len(years) >= 3 and years == list(range(years[0], years[-1] + 1))
        listed = join_list((fmt.period(str(y), lang) for y in years), lang)
        period = fmt.t(lang, "audit_years_running", period=fmt.period(f"{years[0]}-{years[-1]}", lang))
        items.append(fmt.t(lang, "audit_series_needed", year=period if running else listed, **words))
    return join_list(items, lang)


def _missing_by_series(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """What a check cannot be made without (:func:`~szreport.audit.report.text._missing`), the years of one series
    named once."""
    _, *rest = _missing(verdict, ds, lang)  # its first sentence names each reference on its own
    needed = _needed(verdict.missing, ds, lang)
    return [counted(lang, "audit_explain_missing", len(verdict.missing), missing=needed), *rest]


def _totals(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """One period's total against the period before's: both totals, added up from the years, and their growth."""
    assert verdict.claimed is not None  # a judged verdict has its claimed figure
    details, unit, decimals = verdict.details, verdict.details["unit"], 1
    period = lambda years: fmt.period(f"{years[0]}-{years[1]}", lang)
    words = dict(inputs=describe_inputs(verdict.inputs, ds, lang), recomputed=recomputed_in_text(verdict, lang))
    words |= dict(
        current=one_number(details["current_total"], unit, lang, decimals), period=period(details["current_years"])
    )
    words |= dict(previous=one_number(details["previous_total"], unit, lang, decimals))
    words |= dict(previous_period=period(details["previous_years"]), reported=show_value(verdict.claimed, lang))
    if verdict.kind == "consistent":
        return [fmt.t(lang, "audit_explain_totals_consistent", **words)]
    words |= dict(direction=fmt.t(lang, f"audit_direction_{details['direction']}"), gap=show_gap(verdict, lang))
    return [fmt.t(lang, "audit_explain_totals_gap", **words)]


# reason of a consistent_with_basis verdict -> the function that words it
BASIS_EXPLANATIONS = {
    "real_vs_nominal": _real_vs_nominal,
    "vintage": _vintage,
    "revised_prior": _growth_gap,
    "same_firms": _growth_gap,
}


def _reasoning(verdict: Verdict):
    """The function that words this verdict's reasoning."""
    if verdict.kind == "not_checkable":
        if "deflator_evidence" in verdict.details:
            return missing_city_deflator
        return missing_growth_evidence if "growth_gap_evidence" in verdict.details else _missing_by_series
    if verdict.kind == "consistent_with_basis":
        return BASIS_EXPLANATIONS[verdict.reason]
    relation = verdict.claim.relation
    if relation in TOTAL_RELATIONS:
        return _totals
    if relation == "additions_bound":
        return _additions
    if relation == "streak_chain":
        return _streak
    if relation == "rose_from_share":
        return _rose
    if relation in RISING_RANKS:
        return _rank_rose
    if verdict.claim.is_rank:
        return _rank
    if relation in THRESHOLD_RELATIONS and verdict.kind == "consistent":
        return _thresholds
    return _judged


def explain(verdict: Verdict, ds: Dataset, lang: str) -> str:
    """One generated paragraph on why a claim got its verdict (the claim's basis note appended), in plain words:
    derived figures as one number each, what is missing named for a reader."""
    parts = _reasoning(verdict)(verdict, ds, lang)
    if "inferred" in verdict.details:  # a year worked back from the article's own figures, said as such
        parts.append(_inferred(verdict, lang))
    parts += [_explain_alternative(a, ds, lang) for a in verdict.details.get("alternatives", [])]
    parts.append(verdict.claim.basis_note(lang))
    return fmt.sentences(parts, lang)  # a basis note (data) with or without its stop: one stop each


def _inferred(verdict: Verdict, lang: str) -> str:
    """The year a sum works back from the last year's level and growth: from what, and about how much."""
    level, growth = verdict.details["inferred_from"]
    value = one_number(verdict.details["inferred"], verdict.details["unit"], lang, 1)
    words = dict(level=show_value(level, lang), growth=show_value(growth, lang), value=value)
    return fmt.t(lang, "audit_explain_inferred", year=fmt.period(str(verdict.details["inferred_year"]), lang), **words)


def _explain_alternative(alternative: Alternative, ds: Dataset, lang: str) -> str:
    """An input another release prints differently: both values, which the verdict used, and what the other
    would give."""
    words = dict(
        label=input_label(alternative.used, ds, lang),
        used=show_value(alternative.used, lang),
        other=show_value(alternative.other, lang),
    )
    words |= dict(used_source=source_name(ds, alternative.used.source, lang, in_text=True))
    words |= dict(other_source=source_name(ds, alternative.other.source, lang, in_text=True))
    words |= dict(
        recomputed=recomputed_in_text(alternative.verdict, lang) if alternative.verdict.recomputed is not None else ""
    )
    return fmt.t(
        lang, "audit_explain_alternative", verdict=_lower(verdict_label(alternative.verdict.kind, lang), lang), **words
    )
