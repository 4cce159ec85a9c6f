"""GDP: the change over the plan on rounding intervals, its annual series (nominal or real), the real growth."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from szreport import fmt
from szreport import metrics as m
from szreport.audit.report.sections import state_checks
from szreport.charts import draw as charts
from szreport.data import window as wnd
from szreport.data.loader import Dataset, Figure
from szreport.data.loader import span_key as span
from szreport.metrics import Interval
from szreport.present import provenance
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.economy.common import FIGURES
from szreport.themes.lookup import FiguresOf


@dataclass(frozen=True)
class GdpChange:
    """GDP over the article's period: its figures, and on rounding intervals the increment, the nominal average
    growth from the two levels and the GDP deflator that growth implies beside the reported real growth."""

    start: Figure
    end: Figure
    real_growth: Figure
    rank: Figure
    years: int
    increment: Interval
    nominal_cagr_pct: Interval
    implied_deflator_pct: Interval


def gdp_change(ds: Dataset) -> GdpChange:
    figures = FiguresOf(ds, FIGURES)
    g0, g1, real = figures["gdp_start"], figures["gdp_end"], figures["gdp_real_growth"]
    years = m.period_years(real.period)
    nominal = m.cagr_pct(g0.interval, g1.interval, years)
    return GdpChange(
        g0,
        g1,
        real,
        figures["gdp_growth_rank"],
        years,
        m.increment(g0.interval, g1.interval),
        nominal,
        m.implied_deflator_pct(nominal, real.interval),
    )


def gdp_annual_frame(ds: Dataset, window=None) -> pd.DataFrame:
    """the city's annual GDP (万亿元) over the window, split by census basis, with real growth (%) and the
    article's two levels (revised basis) in the years they fall in."""
    window = wnd.as_window(ds, window)
    change = gdp_change(ds)
    frame = window.clip(ds.annual("gdp", unit="万亿元"))[["year", "value", "vintage"]].rename(
        columns={"value": "gdp_yuan_trillion"}
    )
    growth = window.clip(ds.annual("gdp_growth"))[["year", "value"]].rename(columns={"value": "real_growth_pct"})
    frame = frame.merge(growth, on="year", how="left")
    pre = frame["vintage"] == "pre_census"
    frame["gdp_pre_census"] = frame["gdp_yuan_trillion"].where(pre)
    frame["gdp_post_census"] = frame["gdp_yuan_trillion"].where(~pre)
    article = {
        int(figure.period): figure.in_unit("万亿元")
        for figure in (change.start, change.end)
        if window.holds(int(figure.period))
    }
    frame["gdp_article"] = frame["year"].map(article)
    return frame


@tolerant("h_gdp", FIGURES, "gdp")
def gdp(ds: Dataset, lang: str, window=None) -> Section:
    """GDP over the plan (:func:`gdp_change`): levels, increment, nominal CAGR against the reported real growth;
    the annual chart over the window (``window``: a :class:`szreport.data.window.Window`), at current prices
    (:func:`gdp_annual_frame`) or, with ``price_basis`` real, at the window's first-year prices."""
    window = wnd.as_window(ds, window)
    change = gdp_change(ds)
    g0, g1, real, rank, years = change.start, change.end, change.real_growth, change.rank, change.years
    inc, nominal, deflator = change.increment, change.nominal_cagr_pct, change.implied_deflator_pct
    unit = g1.unit
    section = Section(fmt.t(lang, "h_gdp"))
    for figure in (g0, g1, real, rank):
        section.state(figure)
    inc_text = section.derive(
        f"gdp_increment_{span(g0, g1)}_yuan_trillion",
        inc,
        provenance.between("prov_formula_increment", g0, g1, lang),
        fmt.about(inc, unit, lang, 2),
    )
    section.derive(
        f"gdp_nominal_cagr_{span(g0, g1)}_pct",
        nominal,
        provenance.between("prov_formula_cagr", g0, g1, lang, years=years),
    )
    deflator_how = provenance.between("prov_formula_deflator", g0, g1, lang)
    section.derive(
        f"gdp_implied_deflator_{span(g0, g1)}_pct",
        deflator,
        replace(deflator_how, inputs=(*deflator_how.inputs, f"fig:{real.id}")),
    )
    section.paragraphs.append(
        fmt.t(
            lang,
            "p_gdp_levels",
            city=ds.subject.name(lang),
            start=fmt.period(g0.period, lang),
            end=fmt.period(g1.period, lang),
            v0=fmt.stated(g0, lang),
            v1=fmt.stated(g1, lang),
            inc=inc_text,
            real=fmt.stated(real, lang),
            rank=fmt.stated(rank, lang),
            years=fmt.number(years, 0, lang),
        )
    )
    # The checks of these figures (average growth from levels and from annual rates, the rank, the restated
    # start) are claims of claims.csv, judged by the audit's evaluator.
    state_checks(section, ds, (g0, g1, real, rank), lang)
    if window.price_basis == "real":
        section.charts.append(gdp_real_chart(ds, lang, window))
        return section
    # Annual series (supplementary), with the census break marked.
    frame = gdp_annual_frame(ds, window)
    pre = frame["vintage"] == "pre_census"
    break_year = int(frame.loc[~pre, "year"].min()) if (~pre).any() else None
    sources = set(window.clip(ds.annual("gdp"))["source"]) | set(window.clip(ds.annual("gdp_growth"))["source"])
    source = charts.source_line(ds, ["gdp"], lang, sorted(sources))
    chart = charts.line_chart(
        "gdp_annual",
        frame,
        "year",
        {
            "gdp_pre_census": fmt.t(lang, "lbl_pre_census"),
            "gdp_post_census": fmt.t(lang, "lbl_post_census"),
            "gdp_article": fmt.t(lang, "lbl_article_figures"),
        },
        fmt.t(lang, "chart_gdp_annual", city=ds.subject.name(lang)),
        source,
        ylabel=fmt.t(lang, "unit_yuan_trillion"),
        styles={
            "gdp_pre_census": {"color": charts.CONTEXT, "linestyle": "--"},
            "gdp_article": {
                "color": charts.ACCENT,
                "linestyle": "none",
                "marker": "D",
                "markersize": 6,
                "fillstyle": "none",
                "markeredgewidth": 1.5,
            },
        },
        vlines=[(break_year - 0.5, fmt.t(lang, "lbl_census_break"))] if break_year else None,
        annotations=[
            (int(year), level, f"+{fmt.number(growth, 1, lang)}%")
            for year, level, growth in zip(frame["year"], frame["gdp_yuan_trillion"], frame["real_growth_pct"])
            if not math.isnan(growth)
        ],
        annotation_offset=(0, -15),
    )
    section.charts.append(chart)
    if pre.any() and break_year is not None:  # the series holds both sides of the census break
        section.paragraphs.append(
            fmt.t(
                lang,
                "p_gdp_annual_note",
                last_pre=fmt.period(str(int(frame.loc[pre, "year"].max())), lang),
                first_post=fmt.period(str(break_year), lang),
            )
        )
    return section


def gdp_real_chart(ds: Dataset, lang: str, window) -> charts.Chart:
    """GDP at the window's first-year prices: the first year's published level chained with the published real
    growth rates (szreport.data.window.real_levels), so the line shows volume, free of price changes and of the
    census break."""
    frame = wnd.real_levels(ds, "gdp", window)
    first = int(frame["year"].iloc[0]) if not frame.empty else window.start_year
    frame = frame.assign(
        gdp_real_yuan_trillion=[m.convert(v, u, "万亿元") for v, u in zip(frame["value"], frame["unit"])]
    )
    frame = frame[["year", "gdp_real_yuan_trillion"]]
    growth = ds.annual("gdp_growth")
    source = charts.source_line(ds, ["gdp", "gdp_growth"], lang, sorted(set(growth["source"])))
    return charts.line_chart(
        "gdp_annual",
        frame,
        "year",
        {"gdp_real_yuan_trillion": fmt.t(lang, "lbl_gdp_real", year=str(first))},
        fmt.t(lang, "chart_gdp_real", city=ds.subject.name(lang), year=str(first)),
        source + fmt.t(lang, "note_gdp_real"),
        ylabel=fmt.t(lang, "unit_yuan_trillion"),
    )
