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
    """Where the subject city stands among the peers on each series' average growth: the regions whose growth interval
    lies wholly below its own and those wholly above (regions whose intervals overlap it are not ordered)."""
    out = []
    for mine in own:
        theirs = [p for p in peers if p.indicator == mine.indicator and p.growth_pct is not None]
        if not theirs:
            continue
        below = [ds.subject.region_name(p.region, lang) for p in theirs if p.growth_pct.hi < mine.growth_pct.lo]
        above = [ds.subject.region_name(p.region, lang) for p in theirs if p.growth_pct.lo > mine.growth_pct.hi]
        case = "both" if below and above else "below" if below else "above" if above else None
        if case is None:
            continue
        label = mid_sentence(ds.meta(mine.indicator)[f"title_{lang}"], lang) if mine.indicator in ds.indicators else ""
        out.append(
            fmt.t(
                lang,
                f"p_window_stands_{case}",
                city=ds.subject.name(lang),
                label=label,
                period=fmt.period(mine.period, lang),
                below=names(below, lang),
                above=names(above, lang),
            )
        )
    return out


def growth_section(ds: Dataset, lang: str, window, growths: list) -> Section:
    """The window's section of a theme report: the average growth of each series over the window's years
    (:func:`szreport.data.window.growth_over`): the subject's series in sentences, the peers' beside them, a table, and
    the values recorded under keys that carry the years. A window crossing the census break states growth from
    the published real rates only, and says so; a missing value is named as the series.csv row to add."""
    from szreport.data.window import REAL_RATES

    stated = [g for g in growths if g.start_year]
    period = fmt.period(stated[0].period, lang) if stated else ""
    section = Section(fmt.t(lang, "h_window", period=period))
    own, peers, rows, missing, crossing = [], [], [], [], []
    for series in growths:
        region = ds.subject.region_name(series.region, lang)
        label = ds.meta(series.indicator)[f"title_{lang}"] if series.indicator in ds.indicators else series.indicator
        prefix = "" if series.region == ds.subject.region else f"{series.region}_"
        if series.growth_pct is None:
            what = {"region": region, "label": mid_sentence(label, lang), "period": fmt.period(series.period, lang)}
            missing.append(needs_rows(lang, "what_window_growth", [str(r) for r in series.missing], ds, **what))
            continue
        parts = []
        ends = {"start": fmt.period(str(series.start_year), lang), "end": fmt.period(str(series.end_year), lang)}
        if series.nominal_pct is not None:
            assert series.start is not None and series.end is not None  # a nominal growth comes from the two levels
            levels = tuple(
                f"series:{series.region}/{series.indicator}/{v.year}@{v.vintage}" for v in (series.start, series.end)
            )
            growth = section.derive(
                f"{prefix}{series.indicator}_cagr_{series.key}_pct",
                series.nominal_pct,
                provenance.Derivation("prov_formula_cagr", levels, {**ends, "years": series.years}),
                fmt.about(series.nominal_pct, "%", lang, 1),
            )
            parts.append(
                fmt.t(
                    lang,
                    "win_nominal",
                    growth=growth,
                    v0=fmt.amount(series.start.value, series.start.unit, lang, series.start.decimals),
                    v1=fmt.amount(series.end.value, series.end.unit, lang, series.end.decimals),
                    **ends,
                )
            )
        if series.real_pct is not None:
            rates = tuple(
                f"series:{series.region}/{REAL_RATES[series.indicator]}/{year}"
                for year in range(series.start_year + 1, series.end_year + 1)
            )
            growth = section.derive(
                f"{prefix}{series.indicator}_real_growth_avg_{series.key}_pct",
                series.real_pct,
                provenance.Derivation("prov_formula_compound", rates, {**ends, "years": series.years}),
                fmt.about(series.real_pct, "%", lang, 1),
            )
            parts.append(fmt.t(lang, "win_real", growth=growth))
        if series.crosses_census_break:
            crossing.append(fmt.t(lang, "win_region_label", region=region, label=label))
        if series.region == ds.subject.region:
            own.append(
                fmt.t(
                    lang,
                    "win_item",
                    label=label,
                    period=fmt.period(series.period, lang),
                    text=fmt.t(lang, "win_sep").join(parts),
                )
            )
        else:
            peers.append(series)
        rows.append(
            {
                fmt.t(lang, "col_region"): region,
                fmt.t(lang, "col_series"): label,
                fmt.t(lang, "col_period"): fmt.period(series.period, lang),
                fmt.t(lang, "col_nominal_growth"): fmt.about(series.nominal_pct, "%", lang, 1)
                if series.nominal_pct is not None
                else "–",
                fmt.t(lang, "col_real_growth"): fmt.about(series.real_pct, "%", lang, 1)
                if series.real_pct is not None
                else "–",
            }
        )
    if own:
        section.paragraphs.append(fmt.t(lang, "p_window", items=fmt.t(lang, "win_list_sep").join(own)))
    section.paragraphs += standing(
        ds, lang, [g for g in growths if g.region == ds.subject.region and g.growth_pct], peers
    )
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
