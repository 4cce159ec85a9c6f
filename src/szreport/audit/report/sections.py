"""The claims audit report's sections, tables and charts, from the verdicts of :mod:`szreport.audit.judge.evaluate`:
the summary, the verdict tables, the interval and rank charts, the explanation of every claim (with the anchor
``claim-<id>`` the badges of every report link to), the inputs, the figures that would make more claims checkable,
and the record of every verdict in results.json (:func:`record`, and :func:`state_checks` for a theme report).

Every sentence comes from ``locale/audit.*.yaml`` through :mod:`szreport.audit.report.text` (the words for values,
gaps, references and the explanation of a verdict, imported back here); nothing here judges a claim.
"""

from __future__ import annotations

import re

import pandas as pd

from szreport import fmt
from szreport.audit.judge.evaluate import VERDICTS, Verdict, counts, verdicts_on
from szreport.audit.judge.evidence import CENSUS_VINTAGES
from szreport.audit.judge.values import nearest
from szreport.audit.report.reasons import explain
from szreport.audit.report.text import (
    _lower,
    _suffix,
    counted,
    deflator_name,
    describe_inputs,
    in_sentence,
    indicator_title,
    input_label,
    join_list,
    publishers,
    ref_label,
    show_gap,
    show_interval,
    show_recomputed,
    show_value,
    source_name,
    verdict_label,
)
from szreport.charts import draw as charts
from szreport.charts import intervals as chart_intervals
from szreport.data.claims import Ref
from szreport.data.loader import Dataset
from szreport.metrics import EXACT_COUNT_UNITS, Interval
from szreport.present.badges import anchor
from szreport.present.report import Section

# This module's report sections, and the words of szreport.audit.report.text it has always offered.
__all__ = [
    "VERDICT_COLORS",
    "chart_section",
    "claim_anchor",
    "describe_inputs",
    "explain",
    "explanation",
    "explanations",
    "in_sentence",
    "input_label",
    "inputs_list",
    "missing_figures",
    "rank_chart",
    "record",
    "record_verdict",
    "ref_label",
    "show_gap",
    "show_interval",
    "show_value",
    "state_checks",
    "summary",
    "verdict_label",
    "verdict_table",
]

# The order the explanations take: the verdicts that need most explaining first.
EXPLAINED_ORDER = ("inconsistent", "consistent_with_basis", "not_checkable", "consistent")
# A claim's anchor clears the bar that stays in view at the top, as report.css does for the headings' ids.
ANCHOR_STYLE = "scroll-margin-top: 64px"
_CLAIM_ID = re.compile(r"[a-z][a-z0-9_]*")  # claims.csv ids (schema.yaml), safe in an id attribute as they are

# Colour of each verdict in charts.
VERDICT_COLORS = {
    "consistent": "#1e7d32",
    "consistent_with_basis": "#b85c00",  # charts.PALETTE[2]
    "inconsistent": "#b71c1c",
    "not_checkable": charts.CONTEXT,
}


def record(verdicts: list[Verdict], section: Section) -> None:
    """Record every verdict in results.json: counts, and per claim verdict, reported and recomputed values."""
    tally = counts(verdicts)
    section.derive("claims_count", len(verdicts))
    for kind in VERDICTS:
        section.derive(f"verdicts_{kind}_count", tally[kind])
    for verdict in verdicts:
        record_verdict(verdict, section)


# Details recorded under the claim's id as they are: the implied deflator, the census revision, the earlier share.
RECORDED_DETAILS = {"deflator_pct": "implied_deflator_pct", "revision_pct": "revision_pct", "earlier": "earlier_pct"}


def record_verdict(verdict: Verdict, section: Section) -> None:
    """Record one verdict under its claim's id: verdict, reported and recomputed values, gap, what is missing."""
    cid, details, claimed = verdict.claim.id, verdict.details, verdict.claimed
    section.derive(f"{cid}_verdict", verdict.kind)
    if claimed is not None:
        suffix = _suffix(claimed.unit)
        section.derive(f"{cid}_reported_{suffix}", int(claimed.value) if claimed.decimals == 0 else claimed.value)
    if verdict.recomputed is not None:
        section.derive(f"{cid}_recomputed_{_suffix(verdict.unit)}", verdict.recomputed)
    elif "unjudged" in details:  # what the inputs give when the evidence to judge it is missing
        section.derive(f"{cid}_recomputed_{_suffix(details['unjudged_unit'])}", details["unjudged"])
    if verdict.gap is not None:
        section.derive(f"{cid}_gap_{'pp' if verdict.unit == '%' else _suffix(verdict.unit)}", verdict.gap)
    if verdict.missing:
        section.derive(f"{cid}_missing", "; ".join(str(r) for r in verdict.missing))
    for detail, key in RECORDED_DETAILS.items():
        if detail in details:
            section.derive(f"{cid}_{key}", details[detail])
    if "growth_gap_pct" in details:  # published growth less growth from levels, and the window of other years
        section.derive(f"{cid}_growth_gap_pp", details["growth_gap_pct"])
        section.derive(f"{cid}_growth_gap_window_pp", details["growth_gap_evidence"].window)
    if "implied_previous" in details and verdict.kind != "consistent":  # a level the published one differs from
        section.derive(
            f"{cid}_implied_previous_{_suffix(details['implied_previous_unit'])}", details["implied_previous"]
        )
    if "inferred" in details:  # the year worked back from the last level and its growth
        section.derive(f"{cid}_inferred_{details['inferred_year']}_{_suffix(details['unit'])}", details["inferred"])
    if "net_change" in details:
        section.derive(f"{cid}_net_change_{_suffix(verdict.unit)}", details["net_change"])
        section.derive(f"{cid}_exits_min_{_suffix(verdict.unit)}", details["exits"].lo)
    if "start" in details:
        section.derive(f"{cid}_implied_start_{_suffix(details['unit'])}", details["start"])
    for region, interval in details.get("regions", {}).items():
        section.derive(f"{cid}_{region}_{_suffix(details['unit'])}", interval)


def state_checks(section: Section, ds: Dataset, figures, lang: str) -> list[Verdict]:
    """Record in a theme report's section the verdict of every claim of claims.csv on these article figures
    (under the claim's keys, as in the audit) and return the verdicts. The page shows each as a badge beside its
    figure (:mod:`szreport.present.badges`), its reasoning one click away: never as a paragraph of the text."""
    verdicts = verdicts_on(ds, figures)
    for verdict in verdicts:
        record_verdict(verdict, section)
    return verdicts


def summary(ds: Dataset, verdicts: list[Verdict], lang: str) -> Section:
    """Verdict counts in a sentence, the claims that do not add up, the method, and the record of every verdict."""
    arithmetic = [v for v in verdicts if not v.claim.is_article_claim]
    verdicts = [v for v in verdicts if v.claim.is_article_claim]
    tally, label = counts(verdicts), lambda v: in_sentence(v.claim.label(lang), lang)
    section = Section(fmt.t(lang, "audit_h_summary"))
    if not verdicts:  # a data folder without claims (claims.csv is optional): said once, nothing else shown
        section.paragraphs.append(fmt.t(lang, "audit_p_no_claims"))
        return section
    words: dict = dict(consistent=tally["consistent"], basis=tally["consistent_with_basis"])
    words |= dict(inconsistent=tally["inconsistent"], not_checkable=tally["not_checkable"])
    words |= dict(claims=counted(lang, "audit_n_claims", len(verdicts)))
    section.paragraphs.append(fmt.t(lang, "audit_p_summary", total=len(verdicts), **words))
    failing = [
        fmt.t(lang, "audit_failing_item", label=label(v), gap=show_gap(v, lang))
        for v in verdicts
        if v.kind == "inconsistent"
    ]
    if failing:
        section.paragraphs.append(fmt.t(lang, "audit_p_summary_failing", items=join_list(failing, lang)))
    if arithmetic:
        verdict = lambda v: _lower(verdict_label(v.kind, lang), lang)
        items = join_list(
            (fmt.t(lang, "audit_arithmetic_item", label=label(v), verdict=verdict(v)) for v in arithmetic), lang
        )
        section.paragraphs.append(counted(lang, "audit_p_summary_arithmetic", len(arithmetic), items=items))
    section.paragraphs.append(fmt.t(lang, "audit_p_method"))
    record(verdicts, section)
    section.derive("source_arithmetic_checks_count", len(arithmetic))
    for check in arithmetic:
        record_verdict(check, section)
    return section


def _themes(verdicts: list[Verdict]) -> list[str]:
    """The claims' themes in the order they first appear."""
    out: list[str] = []
    for verdict in verdicts:
        if verdict.claim.theme not in out:
            out.append(verdict.claim.theme)
    return out


def verdict_table(ds: Dataset, verdicts: list[Verdict], lang: str, show_consistent: bool = True) -> Section:
    """The verdict tables, one per theme: claim, reported, recomputed, verdict (with the gap when inconsistent)."""
    section = Section(fmt.t(lang, "audit_h_table"), omitted=not verdicts)  # no claims: nothing to show
    section.paragraphs.append(fmt.t(lang, "audit_p_table"))
    caption = "audit_caption_table" if show_consistent else "audit_caption_table_failing"
    for theme in _themes(verdicts):
        chosen = [v for v in verdicts if v.claim.theme == theme and (show_consistent or v.kind != "consistent")]
        if chosen:
            section.tables.append(
                (fmt.t(lang, caption, theme=fmt.t(lang, f"audit_theme_{theme}")), _verdict_frame(chosen, lang))
            )
    return section


def _verdict_frame(verdicts: list[Verdict], lang: str) -> pd.DataFrame:
    rows = []
    for verdict in verdicts:
        if verdict.recomputed is not None:
            recomputed = show_recomputed(verdict, lang)
        else:
            recomputed = fmt.t(lang, "audit_none")
        cell = verdict_label(verdict.kind, lang)
        if verdict.kind == "inconsistent":
            cell = fmt.t(lang, "audit_verdict_with_gap", verdict=cell, gap=show_gap(verdict, lang, short=True))
        label = verdict.claim.label(lang)
        rows.append(
            {
                fmt.t(lang, "audit_col_claim"): label
                if verdict.claim.is_article_claim
                else fmt.t(lang, "audit_label_arithmetic", label=label),
                fmt.t(lang, "audit_col_reported"): show_value(verdict.claimed, lang)
                if verdict.claimed
                else fmt.t(lang, "audit_none"),
                fmt.t(lang, "audit_col_recomputed"): recomputed,
                fmt.t(lang, "audit_col_verdict"): cell,
            }
        )
    return pd.DataFrame(rows)


def _chart_sources(ds: Dataset, verdicts: list[Verdict], lang: str) -> str:
    indicators, supplementary = [], []
    for verdict in verdicts:
        for value in ([verdict.claimed] if verdict.claimed else []) + verdict.inputs:
            if value.ref.kind == "fig":
                indicator = ds.fig(value.ref.figure_id).indicator
                if indicator not in indicators:
                    indicators.append(indicator)
            elif value.source not in supplementary:
                supplementary.append(value.source)
    return charts.source_line(ds, indicators, lang, supplementary)


def chart_section(ds: Dataset, verdicts: list[Verdict], lang: str) -> Section:
    """Reported against recomputed, one chart per theme with one row per claim on its own scale; then the
    peers of each rank claim. Thresholds and ranks (small whole numbers) are left to the table."""
    section = Section(fmt.t(lang, "audit_h_chart"), omitted=not verdicts)
    section.paragraphs.append(fmt.t(lang, "audit_p_chart"))
    for theme in _themes(verdicts):
        plotted = [
            v
            for v in verdicts
            if v.claim.theme == theme
            and v.recomputed is not None
            and not v.claim.is_rank
            and v.unit not in EXACT_COUNT_UNITS - {"家"}
        ]
        if plotted:
            section.charts.append(_interval_chart(ds, plotted, theme, lang))
    for verdict in verdicts:
        if verdict.claim.is_rank and verdict.details.get("regions"):
            section.charts.append(rank_chart(ds, verdict, lang))
    return section


def _interval_chart(ds: Dataset, plotted: list[Verdict], theme: str, lang: str) -> charts.Chart:
    rows, records = [], []
    for verdict in plotted:
        assert verdict.claimed is not None and verdict.recomputed is not None  # plotted: recomputed from a claim
        rep = verdict.claimed.interval
        unit_text = fmt.t(lang, f"audit_unit_{_suffix(verdict.unit)}")
        rows.append(
            {
                "label": fmt.t(lang, "audit_chart_row", label=verdict.claim.label(lang), unit=unit_text),
                "reported": verdict.claimed.value,
                "reported_low": rep.lo,
                "reported_high": rep.hi,
                "recomputed_low": verdict.recomputed.lo,
                "recomputed_high": verdict.recomputed.hi,
                "color": VERDICT_COLORS[verdict.kind],
                "tag": verdict_label(verdict.kind, lang) if verdict.kind != "consistent" else "",
            }
        )
        records.append(
            {
                "claim_id": verdict.claim.id,
                "relation": verdict.claim.relation,
                "unit": verdict.unit,
                "reported": verdict.claimed.value,
                "reported_low": rep.lo,
                "reported_high": rep.hi,
                "recomputed_low": verdict.recomputed.lo,
                "recomputed_high": verdict.recomputed.hi,
                "verdict": verdict.kind,
            }
        )
    legend = {
        "reported": fmt.t(lang, "audit_legend_reported"),
        **{kind: verdict_label(kind, lang) for kind in VERDICTS[:3]},
    }
    colors = {kind: VERDICT_COLORS[kind] for kind in VERDICTS[:3]}
    return chart_intervals.interval_rows_chart(
        f"claims_intervals_{theme}",
        rows,
        fmt.t(lang, "audit_chart_title", theme=fmt.t(lang, f"audit_theme_{theme}")),
        _chart_sources(ds, plotted, lang),
        legend,
        colors,
        data=pd.DataFrame(records),
    )


def rank_chart(ds: Dataset, verdict: Verdict, lang: str) -> charts.Chart:
    """The values a rank claim compares, a bar per region with its interval; a missing one at its nearest year, grey."""
    claim, details = verdict.claim, verdict.details
    unit = details["unit"]
    rows = []
    for region in claim.regions:
        interval = details["regions"].get(region)
        refs = claim.region_refs()[region]
        years = sorted({r.year for r in refs})
        period = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        substituted = ""
        shown = details.get("region_values", {}).get(region, [])
        if interval is None:
            near = [nearest(r, ds) for r in refs]
            if len(refs) != 1 or near[0] is None:
                continue
            interval, period, substituted, shown = near[0].interval, near[0].period, "nearest_year", near
        vintages = {x.vintage for x in shown if x is not None} & CENSUS_VINTAGES
        rows.append(
            {
                "claim_id": claim.id,
                "region": region,
                "period": period,
                "value_low": interval.lo,
                "value_high": interval.hi,
                "value": interval.mid,
                "substituted": substituted,
                "vintage": vintages.pop() if len(vintages) == 1 else "",
            }
        )
    frame = pd.DataFrame(rows)
    # Values on either side of the census (one city's 2023 intensity beside another's 2024): each bar says its basis
    mixed = len({r["vintage"] for r in rows} - {""}) > 1
    bar = lambda r, basis: fmt.t(
        lang, "audit_rank_bar_vintage" if basis else "audit_rank_bar", region=ds.subject.region_name(r["region"], lang),
        period=fmt.period(r["period"], lang), basis=fmt.t(lang, f"audit_bar_{basis}") if basis else "",
    )  # fmt: skip
    labels = [bar(r, r["vintage"] if mixed else "") for r in rows]
    colors = [
        charts.ACCENT if r["region"] == details["subject"] else (charts.CONTEXT if r["substituted"] else "#2c3e50")
        for r in rows
    ]
    value_labels = []
    for row in rows:
        printed = details.get("region_values", {}).get(row["region"], [])
        if row["substituted"]:
            printed = [nearest(claim.region_refs()[row["region"]][0], ds)]
        value_labels.append(
            show_value(printed[0], lang)
            if len(printed) == 1
            else fmt.amount_range(Interval(row["value_low"], row["value_high"]), unit, lang, 2)
        )
    # The claim is the article's; the values compared are supplementary, each with its own source.
    claimed_ref = claim.claimed_ref()
    indicator = (
        ds.fig(claimed_ref.figure_id).indicator
        if claimed_ref.kind == "fig"
        else claim.region_refs()[details["subject"]][0].indicator
    )
    sources = sorted({x.source for x in verdict.inputs} | {n.source for n in details.get("nearest", {}).values()})
    title = fmt.t(lang, "audit_rank_chart_title", label=claim.label(lang), verdict=verdict_label(verdict.kind, lang))
    note = fmt.t(lang, "audit_note_nearest_grey") if any(r["substituted"] for r in rows) else ""
    return charts.bar_chart(
        f"rank_{claim.id}",
        labels,
        list(frame["value"]),
        value_labels,
        title,
        charts.source_line(ds, [indicator], lang, sources) + note,
        ylabel=fmt.t(lang, f"audit_unit_{_suffix(unit)}"),
        colors=colors,
        data=frame,
        horizontal=True,
    )


def claim_anchor(claim_id: str) -> fmt.Md:
    """The id of a claim's explanation (``claim-<id>``), the target of its verdict badge in every report."""
    if not _CLAIM_ID.fullmatch(claim_id):
        raise ValueError(f"claim id {claim_id!r} cannot be an anchor: letters, digits and underscores only")
    return fmt.Md(anchor(claim_id))


def explanation(verdict: Verdict, ds: Dataset, lang: str) -> fmt.Md:
    """One claim's explanation as the audit shows it: its label, carrying the claim's anchor, then why."""
    words = dict(anchor=claim_anchor(verdict.claim.id), style=fmt.Md(ANCHOR_STYLE), label=verdict.claim.label(lang))
    return fmt.t(lang, "audit_explanation", text=explain(verdict, ds, lang), **words)


def explanations(ds: Dataset, verdicts: list[Verdict], lang: str) -> list[Section]:
    """Every claim's verdict explained in words, one subsection per verdict (those that need most explaining
    first), each claim's paragraph carrying the anchor its badges link to (``claim-<id>``). The verdicts given the
    basis are followed by the published window each was judged against, year by year."""
    head = Section(fmt.t(lang, "audit_h_explanations"), omitted=not verdicts)
    head.paragraphs.append(fmt.t(lang, "audit_p_explanations" if verdicts else "audit_p_nothing_to_explain"))
    sections = [head]
    for kind in EXPLAINED_ORDER:
        chosen = [v for v in verdicts if v.kind == kind]
        if not chosen:
            continue
        section = Section(fmt.t(lang, f"audit_h_{kind}"), level=3)
        section.paragraphs.append(fmt.t(lang, f"audit_p_{kind}"))
        section.paragraphs.extend(explanation(v, ds, lang) for v in chosen)
        if kind == "consistent_with_basis":
            section.tables.extend(_deflator_tables(ds, chosen, lang))
        sections.append(section)
    return sections


def _deflator_tables(ds: Dataset, verdicts: list[Verdict], lang: str) -> list[tuple[str, pd.DataFrame]]:
    """Each real-against-nominal window, once: the nation's deflator and average, the city's own, their difference."""
    judged = [v.details["deflator_evidence"] for v in verdicts if v.reason == "real_vs_nominal"]
    windows = {(w.region, w.city, tuple(sorted(w.annual_pct))): w for w in judged}  # once per window
    shown = lambda interval, unit: fmt.amount_range(interval, unit, lang, 1) if interval is not None else "–"
    tables: list[tuple[str, pd.DataFrame]] = []
    for (region, city, years), window in windows.items():
        columns = [fmt.t(lang, "audit_col_year"), deflator_name(ds, region, lang), deflator_name(ds, city, lang)]
        columns += [fmt.t(lang, "audit_col_deflator_gap"), fmt.t(lang, "audit_col_levels_basis")]
        cells = ((window.annual_pct, "%"), (window.city_pct, "%"), (window.gaps, "pp"))  # none: a dash
        basis = {y: fmt.t(lang, f"audit_levels_{vintage}") for y, vintage in window.vintages.items()}
        rows = [[fmt.period(str(y), lang), *(shown(d.get(y), u) for d, u in cells), basis[y]] for y in years]
        period = fmt.period(f"{years[0]}-{years[-1]}", lang)
        average = fmt.t(lang, "audit_deflator_average_row", period=period)
        rows.append([average, shown(window.average_pct, "%"), "", "", ""])
        caption = fmt.t(lang, "audit_caption_deflator", deflator=deflator_name(ds, region, lang), period=period)
        tables.append((caption, pd.DataFrame(rows, columns=columns)))
    return tables


def inputs_list(ds: Dataset, verdicts: list[Verdict], lang: str) -> Section:
    """Every claim with its check, the values it was checked against (as printed) and their sources."""
    section = Section(fmt.t(lang, "audit_h_inputs"), omitted=not verdicts)
    sep = fmt.t(lang, "audit_sep")
    items: dict[str, list[str]] = {theme: [] for theme in _themes(verdicts)}
    for verdict in verdicts:
        claim = verdict.claim
        if claim.is_rank:
            refs = claim.region_refs()[claim.regions[0]]
            years = sorted({r.year for r in refs})
            period = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
            regions = join_list((ds.subject.region_name(r, lang) for r in claim.regions), lang)
            title = indicator_title(ds, refs[0].indicator, refs[0].region, lang)
            used: str = fmt.t(lang, "audit_rank_inputs", title=title, regions=regions, period=fmt.period(period, lang))
        else:
            used = describe_inputs(verdict.inputs, ds, lang)
        if verdict.missing:
            missing = join_list((ref_label(r, ds, lang) for r in verdict.missing), lang)
            used = (
                fmt.t(lang, "audit_inputs_with_missing", inputs=used, missing=missing)
                if used
                else fmt.t(lang, "audit_inputs_only_missing", missing=missing)
            )
        claimed = [verdict.claimed] if verdict.claimed else []
        source_ids = dict.fromkeys(value.source for value in claimed + verdict.inputs)
        words = dict(label=claim.label(lang), relation=fmt.t(lang, f"audit_relation_{claim.relation}"), inputs=used)
        sources = sep.join(source_name(ds, i, lang) for i in source_ids)
        items[claim.theme].append(fmt.t(lang, "audit_inputs_item", sources=sources, **words))
    section.paragraphs.append(fmt.t(lang, "audit_p_inputs"))
    for theme, lines in items.items():  # one output per item, so a page break can fall between any two
        section.paragraphs.append(fmt.Md("### ") + fmt.t(lang, f"audit_theme_{theme}"))
        section.paragraphs.extend(fmt.Md("- ") + line for line in lines)
    return section


def missing_figures(ds: Dataset, verdicts: list[Verdict], lang: str) -> Section:
    """What would make more claims checkable, for a reader: each figure the verdicts still need, in words; who
    publishes it (the publishers of the same figure for other years in the data's annual series, or none found);
    and the claims it would decide. Generated from the verdicts' missing references, nothing typed per claim."""
    section = Section(fmt.t(lang, "audit_h_missing"), omitted=not verdicts)
    needed: dict[Ref, list[Verdict]] = {}
    for verdict in verdicts:
        for ref in verdict.missing:
            claims = needed.setdefault(ref, [])
            if not any(c is verdict for c in claims):
                claims.append(verdict)
    if not needed:
        section.paragraphs.append(fmt.t(lang, "audit_p_missing_none"))
        return section
    section.paragraphs.append(fmt.t(lang, "audit_p_missing"))
    columns = [fmt.t(lang, f"audit_col_{c}") for c in ("needed", "publisher", "decides")]
    decides = lambda claims: fmt.t(lang, "audit_sep").join(v.claim.label(lang) for v in claims)
    rows = [
        [ref_label(ref, ds, lang, needed=True), publishers(ref, ds, lang), decides(claims)]
        for ref, claims in needed.items()
    ]
    section.tables.append((fmt.t(lang, "audit_caption_missing"), pd.DataFrame(rows, columns=columns)))
    return section
