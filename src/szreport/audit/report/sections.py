"""The claims audit report's sections, tables and charts, from the verdicts of :mod:`szreport.audit.judge.evaluate`:
the summary, the verdict tables, the interval and rank charts, the explanations and the list of inputs, and
the record of every verdict in results.json (:func:`record`, and :func:`state_checks` for a theme report).

Every sentence comes from ``locale/audit.*.yaml`` through :mod:`szreport.audit.report.text` (the words for values,
gaps, references and the explanation of a verdict, imported back here); nothing here judges a claim.
"""

from __future__ import annotations

import pandas as pd

from szreport import fmt
from szreport.audit.judge.evaluate import VERDICTS, Verdict, counts, verdicts_on
from szreport.audit.judge.relations import IMPLYING
from szreport.audit.judge.values import nearest
from szreport.audit.report.text import (
    _suffix,
    check_paragraph,
    describe_inputs,
    explain,
    in_sentence,
    input_label,
    ref_label,
    region_name,
    show_gap,
    show_interval,
    show_recomputed,
    show_value,
    verdict_label,
)
from szreport.charts import draw as charts
from szreport.charts import intervals as chart_intervals
from szreport.data.loader import Dataset
from szreport.metrics import EXACT_COUNT_UNITS, Interval
from szreport.present.report import Section

# This module's report sections, and the words of szreport.audit.report.text it has always offered.
__all__ = [
    "VERDICT_COLORS",
    "chart_section",
    "check_paragraph",
    "describe_inputs",
    "explain",
    "explanations",
    "in_sentence",
    "input_label",
    "inputs_list",
    "rank_chart",
    "record",
    "record_verdict",
    "ref_label",
    "region_name",
    "show_gap",
    "show_interval",
    "show_value",
    "state_checks",
    "summary",
    "verdict_label",
    "verdict_table",
]

# Colour of each verdict in charts.
VERDICT_COLORS = {
    "consistent": "#1e7d32",
    "consistent_with_basis": "#b85c00",  # charts.PALETTE[2]
    "inconsistent": "#b71c1c",
    "not_checkable": charts.CONTEXT,
}


def record(verdicts: list[Verdict], section: Section) -> None:
    """Record every verdict in results.json: counts, and per claim verdict, reported and recomputed values."""
    n = counts(verdicts)
    section.derive("claims_count", len(verdicts))
    for kind in VERDICTS:
        section.derive(f"verdicts_{kind}_count", n[kind])
    for v in verdicts:
        record_verdict(v, section)


def record_verdict(v: Verdict, section: Section) -> None:
    """Record one verdict under its claim's id: verdict, reported and recomputed values, gap, what is missing."""
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
        section.derive(
            f"{cid}_implied_previous_{_suffix(v.details['implied_previous_unit'])}", v.details["implied_previous"]
        )
    if "net_change" in v.details:
        section.derive(f"{cid}_net_change_{_suffix(v.unit)}", v.details["net_change"])
        section.derive(f"{cid}_exits_min_{_suffix(v.unit)}", v.details["exits"].lo)
    if "start" in v.details:
        section.derive(f"{cid}_implied_start_{_suffix(v.details['unit'])}", v.details["start"])
    for region, interval in v.details.get("regions", {}).items():
        section.derive(f"{cid}_{region}_{_suffix(v.details['unit'])}", interval)


def state_checks(section: Section, ds: Dataset, figures, lang: str) -> list[Verdict]:
    """Record in a theme report's section the verdict of every claim of claims.csv on these article figures
    (under the claim's keys, as in the audit) and return the verdicts. The page shows each as a badge beside its
    figure (:mod:`szreport.present.badges`), its reasoning one click away: never as a paragraph of the text."""
    verdicts = verdicts_on(ds, figures)
    for v in verdicts:
        record_verdict(v, section)
    return verdicts


def summary(ds: Dataset, verdicts: list[Verdict], lang: str) -> Section:
    """Verdict counts in a generated sentence, the method, and the record of every verdict."""
    arithmetic = [v for v in verdicts if not v.claim.is_article_claim]
    verdicts = [v for v in verdicts if v.claim.is_article_claim]
    n = counts(verdicts)
    section = Section(fmt.t(lang, "audit_h_summary"))
    section.paragraphs.append(
        fmt.t(
            lang,
            "audit_p_summary",
            total=len(verdicts),
            consistent=n["consistent"],
            basis=n["consistent_with_basis"],
            inconsistent=n["inconsistent"],
            not_checkable=n["not_checkable"],
        )
    )
    failing = [v for v in verdicts if v.kind == "inconsistent"]
    if failing:
        section.paragraphs.append(
            fmt.t(
                lang,
                "audit_p_summary_failing",
                items=fmt.t(lang, "audit_sep").join(
                    fmt.t(lang, "audit_failing_item", label=v.claim.label(lang), gap=show_gap(v, lang)) for v in failing
                ),
            )
        )
    if arithmetic:
        section.paragraphs.append(
            fmt.t(
                lang,
                "audit_p_summary_arithmetic",
                n=len(arithmetic),
                items=fmt.t(lang, "audit_sep").join(
                    fmt.t(lang, "audit_arithmetic_item", label=v.claim.label(lang), verdict=verdict_label(v.kind, lang))
                    for v in arithmetic
                ),
            )
        )
    section.paragraphs.append(fmt.t(lang, "audit_p_method"))
    record(verdicts, section)
    section.derive("source_arithmetic_checks_count", len(arithmetic))
    for v in arithmetic:
        record_verdict(v, section)
    return section


def _themes(verdicts: list[Verdict]) -> list[str]:
    """The claims' themes in the order they first appear."""
    out: list[str] = []
    for v in verdicts:
        if v.claim.theme not in out:
            out.append(v.claim.theme)
    return out


def verdict_table(ds: Dataset, verdicts: list[Verdict], lang: str, show_consistent: bool = True) -> Section:
    """The verdict tables, one per theme: claim, reported, recomputed, verdict (with the gap when inconsistent)."""
    section = Section(fmt.t(lang, "audit_h_table"))
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
    for v in verdicts:
        if v.recomputed is not None:
            recomputed = show_recomputed(v, lang)
        else:
            recomputed = fmt.t(lang, "audit_none")
        verdict = verdict_label(v.kind, lang)
        if v.kind == "inconsistent":
            verdict = fmt.t(lang, "audit_verdict_with_gap", verdict=verdict, gap=show_gap(v, lang, short=True))
        label = v.claim.label(lang)
        rows.append(
            {
                fmt.t(lang, "audit_col_claim"): label
                if v.claim.is_article_claim
                else fmt.t(lang, "audit_label_arithmetic", label=label),
                fmt.t(lang, "audit_col_reported"): show_value(v.claimed, lang)
                if v.claimed
                else fmt.t(lang, "audit_none"),
                fmt.t(lang, "audit_col_recomputed"): recomputed,
                fmt.t(lang, "audit_col_verdict"): verdict,
            }
        )
    return pd.DataFrame(rows)


def _chart_sources(ds: Dataset, verdicts: list[Verdict], lang: str) -> str:
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


def chart_section(ds: Dataset, verdicts: list[Verdict], lang: str) -> Section:
    """Reported against recomputed, one chart per theme with one row per claim on its own scale; then the
    peers of each rank claim. Thresholds and ranks (small whole numbers) are left to the table."""
    section = Section(fmt.t(lang, "audit_h_chart"))
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
    for v in verdicts:
        if v.claim.is_rank and v.details.get("regions"):
            section.charts.append(rank_chart(ds, v, lang))
    return section


def _interval_chart(ds: Dataset, plotted: list[Verdict], theme: str, lang: str) -> charts.Chart:
    rows, records = [], []
    for v in plotted:
        assert v.claimed is not None and v.recomputed is not None  # plotted: recomputed from a claimed value
        rep = v.claimed.interval
        unit_text = fmt.t(lang, f"audit_unit_{_suffix(v.unit)}")
        rows.append(
            {
                "label": fmt.t(lang, "audit_chart_row", label=v.claim.label(lang), unit=unit_text),
                "reported": v.claimed.value,
                "reported_low": rep.lo,
                "reported_high": rep.hi,
                "recomputed_low": v.recomputed.lo,
                "recomputed_high": v.recomputed.hi,
                "color": VERDICT_COLORS[v.kind],
                "tag": verdict_label(v.kind, lang) if v.kind != "consistent" else "",
            }
        )
        records.append(
            {
                "claim_id": v.claim.id,
                "relation": v.claim.relation,
                "unit": v.unit,
                "reported": v.claimed.value,
                "reported_low": rep.lo,
                "reported_high": rep.hi,
                "recomputed_low": v.recomputed.lo,
                "recomputed_high": v.recomputed.hi,
                "verdict": v.kind,
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


def rank_chart(ds: Dataset, v: Verdict, lang: str) -> charts.Chart:
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
        rows.append(
            {
                "claim_id": v.claim.id,
                "region": region,
                "period": period,
                "value_low": interval.lo,
                "value_high": interval.hi,
                "value": interval.mid,
                "substituted": substituted,
            }
        )
    frame = pd.DataFrame(rows)
    labels = [
        fmt.t(lang, "audit_rank_bar", region=region_name(r["region"], lang), period=fmt.period(r["period"], lang))
        for r in rows
    ]
    colors = [
        charts.ACCENT if r["region"] == v.details["subject"] else (charts.CONTEXT if r["substituted"] else "#2c3e50")
        for r in rows
    ]
    value_labels = []
    for r in rows:
        printed = v.details.get("region_values", {}).get(r["region"], [])
        if r["substituted"]:
            printed = [nearest(v.claim.region_refs()[r["region"]][0], ds)]
        value_labels.append(
            show_value(printed[0], lang)
            if len(printed) == 1
            else fmt.amount_range(Interval(r["value_low"], r["value_high"]), unit, lang, 2)
        )
    # The claim is the article's; the values compared are supplementary, each with its own source.
    claimed_ref = v.claim.claimed_ref()
    indicator = (
        ds.fig(claimed_ref.figure_id).indicator
        if claimed_ref.kind == "fig"
        else v.claim.region_refs()[v.details["subject"]][0].indicator
    )
    sources = sorted({x.source for x in v.inputs} | {n.source for n in v.details.get("nearest", {}).values()})
    title = fmt.t(lang, "audit_rank_chart_title", label=v.claim.label(lang), verdict=verdict_label(v.kind, lang))
    note = fmt.t(lang, "audit_note_nearest_grey") if any(r["substituted"] for r in rows) else ""
    return charts.bar_chart(
        f"rank_{v.claim.id}",
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


def explanations(ds: Dataset, verdicts: list[Verdict], lang: str) -> Section:
    """A generated explanation of every verdict that is not plainly consistent, and of a consistent one whose
    relation implies more than agreement (gross additions against a net change imply firms that left)."""
    section = Section(fmt.t(lang, "audit_h_explanations"))
    for kind in VERDICTS:
        chosen = [v for v in verdicts if v.kind == kind and (kind != "consistent" or v.claim.relation in IMPLYING)]
        if not chosen:
            continue
        section.paragraphs.append(fmt.Md("### ") + verdict_label(kind, lang))
        for v in chosen:
            section.paragraphs.append(
                fmt.t(lang, "audit_explanation", label=v.claim.label(lang), text=explain(v, ds, lang))
            )
    if len(section.paragraphs) == 0:
        section.paragraphs.append(fmt.t(lang, "audit_p_all_consistent"))
    return section


def inputs_list(ds: Dataset, verdicts: list[Verdict], lang: str) -> Section:
    """Every claim with its check, the values it was checked against (as printed) and their sources."""
    section = Section(fmt.t(lang, "audit_h_inputs"))
    sep = fmt.t(lang, "audit_sep")
    items: dict[str, list[str]] = {theme: [] for theme in _themes(verdicts)}
    for v in verdicts:
        if v.claim.is_rank:
            refs = v.claim.region_refs()[v.claim.regions[0]]
            years = sorted({r.year for r in refs})
            period = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
            used: str = fmt.t(
                lang,
                "audit_rank_inputs",
                title=ds.meta(refs[0].indicator)[f"title_{lang}"],
                regions=sep.join(region_name(r, lang) for r in v.claim.regions),
                period=fmt.period(period, lang),
            )
        else:
            used = describe_inputs(v.inputs, ds, lang)
        if v.missing:
            missing = sep.join(in_sentence(ref_label(r, ds, lang), lang) for r in v.missing)
            used = (
                fmt.t(lang, "audit_inputs_with_missing", inputs=used, missing=missing)
                if used
                else fmt.t(lang, "audit_inputs_only_missing", missing=missing)
            )
        source_ids: list[str] = []
        for value in ([v.claimed] if v.claimed else []) + v.inputs:
            if value.source not in source_ids:
                source_ids.append(value.source)
        items[v.claim.theme].append(
            fmt.t(
                lang,
                "audit_inputs_item",
                label=v.claim.label(lang),
                relation=fmt.t(lang, f"audit_relation_{v.claim.relation}"),
                inputs=used,
                sources=sep.join(ds.source_short(i) for i in source_ids),
            )
        )
    section.paragraphs.append(fmt.t(lang, "audit_p_inputs"))
    for theme, lines in items.items():  # one output per item, so a page break can fall between any two
        section.paragraphs.append(fmt.Md("### ") + fmt.t(lang, f"audit_theme_{theme}"))
        section.paragraphs.extend(fmt.Md("- ") + line for line in lines)
    return section
