"""The window section of a theme report: the average growth of each annual series over the window's years, the
subject city's in sentences, where it stands among its peers, and a table of all."""

from __future__ import annotations

import pandas as pd

from szreport import fmt
from szreport.data.dataset import Dataset
from szreport.present import provenance
from szreport.present.report import Section
from szreport.present.words import mid_sentence, names, needs_rows


def standing(ds: Dataset, lang: str, own: list, peers: list) -> list[fmt.Md]:
    """Where Shenzhen stands among the peers on each series' average growth: the regions whose growth interval
    lies wholly below its own and those wholly above (regions whose intervals overlap it are not ordered)."""
    out = []
    for mine in own:
        theirs = [p for p in peers if p.indicator == mine.indicator and p.growth_pct is not None]
        if not theirs:
            continue
        below = [fmt.t(lang, f"audit_region_{p.region}") for p in theirs if p.growth_pct.hi < mine.growth_pct.lo]
        above = [fmt.t(lang, f"audit_region_{p.region}") for p in theirs if p.growth_pct.lo > mine.growth_pct.hi]
        case = "both" if below and above else "below" if below else "above" if above else None
        if case is None:
            continue
        label = mid_sentence(ds.meta(mine.indicator)[f"title_{lang}"], lang) if mine.indicator in ds.indicators else ""
        out.append(
            fmt.t(
                lang,
                f"p_window_stands_{case}",
                label=label,
                period=fmt.period(mine.period, lang),
                below=names(below, lang),
                above=names(above, lang),
            )
        )
    return out


def growth_section(ds: Dataset, lang: str, window, growths: list) -> Section:
    """The window's section of a theme report: the average growth of each series over the window's years
    (:func:`szreport.data.window.growth_over`): Shenzhen's series in sentences, the peers' beside them, a table, and
    the values recorded under keys that carry the years. A window crossing the census break states growth from
    the published real rates only, and says so; a missing value is named as the series.csv row to add."""
    from szreport.data.window import REAL_RATES, SUBJECT

    stated = [g for g in growths if g.start_year]
    period = fmt.period(stated[0].period, lang) if stated else ""
    section = Section(fmt.t(lang, "h_window", period=period))
    own, peers, rows, missing, crossing = [], [], [], [], []
    for g in growths:
        region = fmt.t(lang, f"audit_region_{g.region}")
        label = ds.meta(g.indicator)[f"title_{lang}"] if g.indicator in ds.indicators else g.indicator
        prefix = "" if g.region == SUBJECT else f"{g.region}_"
        if g.growth_pct is None:
            what = {"region": region, "label": mid_sentence(label, lang), "period": fmt.period(g.period, lang)}
            missing.append(needs_rows(lang, "what_window_growth", [str(r) for r in g.missing], ds, **what))
            continue
        parts = []
        ends = {"start": fmt.period(str(g.start_year), lang), "end": fmt.period(str(g.end_year), lang)}
        if g.nominal_pct is not None:
            assert g.start is not None and g.end is not None  # a nominal growth comes from the two levels
            levels = tuple(f"series:{g.region}/{g.indicator}/{v.year}@{v.vintage}" for v in (g.start, g.end))
            growth = section.derive(
                f"{prefix}{g.indicator}_cagr_{g.key}_pct",
                g.nominal_pct,
                provenance.Derivation("prov_formula_cagr", levels, {**ends, "years": g.years}),
                fmt.about(g.nominal_pct, "%", lang, 1),
            )
            parts.append(
                fmt.t(
                    lang,
                    "win_nominal",
                    growth=growth,
                    v0=fmt.amount(g.start.value, g.start.unit, lang, g.start.decimals),
                    v1=fmt.amount(g.end.value, g.end.unit, lang, g.end.decimals),
                    **ends,
                )
            )
        if g.real_pct is not None:
            rates = tuple(
                f"series:{g.region}/{REAL_RATES[g.indicator]}/{year}"
                for year in range(g.start_year + 1, g.end_year + 1)
            )
            growth = section.derive(
                f"{prefix}{g.indicator}_real_growth_avg_{g.key}_pct",
                g.real_pct,
                provenance.Derivation("prov_formula_compound", rates, {**ends, "years": g.years}),
                fmt.about(g.real_pct, "%", lang, 1),
            )
            parts.append(fmt.t(lang, "win_real", growth=growth))
        if g.crosses_census_break:
            crossing.append(fmt.t(lang, "win_region_label", region=region, label=label))
        if g.region == SUBJECT:
            own.append(
                fmt.t(
                    lang,
                    "win_item",
                    label=label,
                    period=fmt.period(g.period, lang),
                    text=fmt.t(lang, "win_sep").join(parts),
                )
            )
        else:
            peers.append(g)
        rows.append(
            {
                fmt.t(lang, "col_region"): region,
                fmt.t(lang, "col_series"): label,
                fmt.t(lang, "col_period"): fmt.period(g.period, lang),
                fmt.t(lang, "col_nominal_growth"): fmt.about(g.nominal_pct, "%", lang, 1)
                if g.nominal_pct is not None
                else "–",
                fmt.t(lang, "col_real_growth"): fmt.about(g.real_pct, "%", lang, 1) if g.real_pct is not None else "–",
            }
        )
    if own:
        section.paragraphs.append(fmt.t(lang, "p_window", items=fmt.t(lang, "win_list_sep").join(own)))
    section.paragraphs += standing(ds, lang, [g for g in growths if g.region == SUBJECT and g.growth_pct], peers)
    if crossing:
        section.paragraphs.append(
            fmt.t(lang, "p_window_census_break", series=fmt.t(lang, "win_list_sep").join(crossing))
        )
    section.paragraphs += missing
    if rows:
        table = pd.DataFrame(rows)
        table = table.loc[:, (table != "–").any()]  # a growth column no series has (e.g. real, for trade)
        section.tables.append((fmt.t(lang, "caption_window", period=period), table))
    return section
