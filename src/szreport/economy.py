"""The economy report's sections: GDP, industry, strategic emerging industries, manufacturing structure.

Numbers come from the article's figures (``figures.csv``) and, for the annual charts, from the supplementary
series (``series.csv``), labelled as such. Derived figures are computed on rounding intervals
(:mod:`szreport.metrics`), so a nominal CAGR from 2.83 and 3.87万亿元 is reported as the range the printed
figures allow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from . import charts, fmt, provenance
from . import metrics as m
from . import window as wnd
from .audit.sections import state_checks
from .data import Dataset, Figure
from .data import span_key as span
from .metrics import Interval
from .report import Section, growth_section, theme_table

THEME = "economy"
# The article figures this report states, by what they are (indicator, measure, which: see Dataset.find_all);
# ids are free labels, so a data folder for a later year needs no change here.
FIGURES = {
    "gdp_start": ("gdp", "level", "earliest"),
    "gdp_end": ("gdp", "level", "plan_end"),
    "gdp_real_growth": ("gdp", "cagr", "latest"),
    "gdp_growth_rank": ("gdp", "rank", "latest"),
    "output": ("industrial_output", "level", "latest"),
    "output_growth": ("industrial_output", "growth", "latest"),
    "output_growth_avg": ("industrial_output", "cagr", "latest"),
    "output_thresholds": ("industrial_output", "threshold", "latest"),
    "va": ("industrial_va", "level", "latest"),
    "va_growth": ("industrial_va", "growth", "latest"),
    "va_total_growth_avg": ("industrial_va_total", "cagr", "latest"),
    "double_first_streak": ("industry_double_first", "streak", "latest"),
    "sei_start": ("sei_va", "level", "earliest"),
    "sei_end": ("sei_va", "level", "plan_end"),
    "sei_share": ("sei_va", "share", "latest"),
    "advanced_mfg_share": ("advanced_mfg_share", "share", "latest"),
    "hightech_mfg_share": ("hightech_mfg_share", "share", "latest"),
    "large_projects": ("large_industrial_projects", "count", "latest"),
    "products_over_threshold": ("products_national_output_share", "count", "latest"),
    "products_threshold": ("products_national_output_share", "threshold", "latest"),
}


def overview_table(ds: Dataset, lang: str) -> Section:
    """Every economy figure of the article as printed."""
    return theme_table(ds, THEME, "h_economy_figures", lang)


# Annual series whose average growth over the window the report states (Shenzhen's, and the peers' where the data
# have them).
WINDOW_SERIES = ("gdp", "industrial_output", "sei_va")
PEER_SERIES = ("gdp",)


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
    f = ds.find_all(FIGURES)
    g0, g1, real = f["gdp_start"], f["gdp_end"], f["gdp_real_growth"]
    years = m.period_years(real.period)
    nominal = m.cagr_pct(g0.interval, g1.interval, years)
    return GdpChange(
        g0,
        g1,
        real,
        f["gdp_growth_rank"],
        years,
        m.increment(g0.interval, g1.interval),
        nominal,
        m.implied_deflator_pct(nominal, real.interval),
    )


def gdp_annual_frame(ds: Dataset, w=None) -> pd.DataFrame:
    """Shenzhen's annual GDP (万亿元) over the window, split by census basis, with real growth (%) and the
    article's two levels (revised basis) in the years they fall in."""
    w = wnd.as_window(ds, w)
    c = gdp_change(ds)
    frame = w.clip(ds.annual("gdp", unit="万亿元"))[["year", "value", "vintage"]].rename(
        columns={"value": "gdp_yuan_trillion"}
    )
    growth = w.clip(ds.annual("gdp_growth"))[["year", "value"]].rename(columns={"value": "real_growth_pct"})
    frame = frame.merge(growth, on="year", how="left")
    pre = frame["vintage"] == "pre_census"
    frame["gdp_pre_census"] = frame["gdp_yuan_trillion"].where(pre)
    frame["gdp_post_census"] = frame["gdp_yuan_trillion"].where(~pre)
    article = {int(f.period): f.in_unit("万亿元") for f in (c.start, c.end) if w.holds(int(f.period))}
    frame["gdp_article"] = frame["year"].map(article)
    return frame


def gdp(ds: Dataset, lang: str, w=None) -> Section:
    """GDP over the plan (:func:`gdp_change`): levels, increment, nominal CAGR against the reported real growth;
    the annual chart over the window (``w``: a :class:`szreport.window.Window`), at current prices
    (:func:`gdp_annual_frame`) or, with ``price_basis`` real, at the window's first-year prices."""
    w = wnd.as_window(ds, w)
    c = gdp_change(ds)
    g0, g1, real, rank, years = c.start, c.end, c.real_growth, c.rank, c.years
    inc, nominal, deflator = c.increment, c.nominal_cagr_pct, c.implied_deflator_pct
    unit = g1.unit
    s = Section(fmt.t(lang, "h_gdp"))
    for f in (g0, g1, real, rank):
        s.state(f)
    inc_text = s.derive(
        f"gdp_increment_{span(g0, g1)}_yuan_trillion",
        inc,
        provenance.between("prov_formula_increment", g0, g1, lang),
        fmt.amount_range(inc, unit, lang, 2),
    )
    s.derive(
        f"gdp_nominal_cagr_{span(g0, g1)}_pct",
        nominal,
        provenance.between("prov_formula_cagr", g0, g1, lang, years=years),
    )
    deflator_how = provenance.between("prov_formula_deflator", g0, g1, lang)
    s.derive(
        f"gdp_implied_deflator_{span(g0, g1)}_pct",
        deflator,
        replace(deflator_how, inputs=(*deflator_how.inputs, f"fig:{real.id}")),
    )
    s.paragraphs.append(
        fmt.t(
            lang,
            "p_gdp_levels",
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
    state_checks(s, ds, (g0, g1, real, rank), lang)
    if w.price_basis == "real":
        s.charts.append(gdp_real_chart(ds, lang, w))
        return s
    # Annual series (supplementary), with the census break marked.
    frame = gdp_annual_frame(ds, w)
    pre = frame["vintage"] == "pre_census"
    break_year = int(frame.loc[~pre, "year"].min()) if (~pre).any() else None
    sources = set(w.clip(ds.annual("gdp"))["source"]) | set(w.clip(ds.annual("gdp_growth"))["source"])
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
        fmt.t(lang, "chart_gdp_annual"),
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
    s.charts.append(chart)
    if pre.any() and break_year is not None:  # the series holds both sides of the census break
        s.paragraphs.append(
            fmt.t(
                lang,
                "p_gdp_annual_note",
                last_pre=fmt.period(str(int(frame.loc[pre, "year"].max())), lang),
                first_post=fmt.period(str(break_year), lang),
            )
        )
    return s


def gdp_real_chart(ds: Dataset, lang: str, w) -> charts.Chart:
    """GDP at the window's first-year prices: the first year's published level chained with the published real
    growth rates (szreport.window.real_levels), so the line shows volume, free of price changes and of the
    census break."""
    frame = wnd.real_levels(ds, "gdp", w)
    first = int(frame["year"].iloc[0]) if not frame.empty else w.start_year
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
        fmt.t(lang, "chart_gdp_real", year=str(first)),
        source + fmt.t(lang, "note_gdp_real"),
        ylabel=fmt.t(lang, "unit_yuan_trillion"),
    )


def window_growth(ds: Dataset, lang: str, w=None) -> Section:
    """Average growth over the window of Shenzhen's GDP, industrial output and emerging industries, and of each
    peer's GDP: from levels on one basis, from the published real rates across the census break."""
    w = wnd.as_window(ds, w)
    growths = [wnd.growth_over(ds, indicator, w) for indicator in WINDOW_SERIES]
    growths += [
        wnd.growth_over(ds, indicator, w, region)
        for indicator in PEER_SERIES
        for region in w.peers
        if wnd.years_of(ds, indicator, region)
    ]
    return growth_section(ds, lang, w, growths)


@dataclass(frozen=True)
class IndustryStart:
    """Industrial output at the start of the article's period, worked back from the end level and the average
    growth rate (the article gives no start level)."""

    start_year: int
    end_year: int
    implied_start: Interval


def industry_start(ds: Dataset) -> IndustryStart:
    f = ds.find_all({k: FIGURES[k] for k in ("output", "output_growth_avg")})
    end, avg = f["output"], f["output_growth_avg"]
    years = m.period_years(avg.period)
    return IndustryStart(
        int(end.period) - years,
        int(end.period),
        m.implied_previous(end.interval, m.cagr_to_factor_pct(avg.interval, years)),
    )


def industry_frame(ds: Dataset, w=None) -> pd.DataFrame:
    """Industrial output (万亿元) by year of the window: the implied start level, the published years between,
    the article's end level; ``kind`` says which."""
    c, end = industry_start(ds), ds.find(*FIGURES["output"][:2])
    annual = ds.annual("industrial_output", unit="万亿元")
    rows = [{"year": c.start_year, "value_yuan_trillion": c.implied_start.mid, "kind": "implied"}]
    rows += [
        {"year": int(year), "value_yuan_trillion": value, "kind": "published"}
        for year, value in zip(annual["year"], annual["value"])
        if c.start_year < year < c.end_year
    ]
    rows.append({"year": c.end_year, "value_yuan_trillion": end.value, "kind": "article"})
    return wnd.as_window(ds, w).clip(pd.DataFrame(rows))


def industry(ds: Dataset, lang: str, w=None) -> Section:
    """Industrial output and value added: levels, growth, the trillion thresholds and the 'double first'; the
    chart (:func:`industry_frame`) shows the years of the window ``w``."""
    f = ds.find_all(FIGURES)
    out25, out_g, out_avg, thresholds = f["output"], f["output_growth"], f["output_growth_avg"], f["output_thresholds"]
    va25, va_g, va_total_avg, streak = f["va"], f["va_growth"], f["va_total_growth_avg"], f["double_first_streak"]
    c = industry_start(ds)
    s = Section(fmt.t(lang, "h_industry"))
    for figure in (out25, out_g, out_avg, thresholds, va25, va_g, va_total_avg, streak):
        s.state(figure)
    s.derive(
        f"industrial_output_{c.start_year}_implied_yuan_trillion",
        c.implied_start,
        provenance.Derivation(
            "prov_formula_implied_start",
            (f"fig:{out25.id}", f"fig:{out_avg.id}"),
            {
                "start": fmt.period(str(c.start_year), lang),
                "end": fmt.period(out25.period, lang),
                "years": c.end_year - c.start_year,
            },
        ),
    )
    s.paragraphs.append(
        fmt.t(
            lang,
            "p_industry",
            year=fmt.period(out25.period, lang),
            out=fmt.stated(out25, lang),
            out_g=fmt.stated(out_g, lang),
            va=fmt.stated(va25, lang),
            va_g=fmt.stated(va_g, lang),
            out_avg=fmt.stated(out_avg, lang),
            va_total_avg=fmt.stated(va_total_avg, lang),
            streak=fmt.stated(streak, lang, fmt.number(streak.value, 0, lang)),
        )
    )
    state_checks(s, ds, (out25, out_g, out_avg, thresholds, va25, va_g, streak), lang)
    frame = industry_frame(ds, w)
    annual = ds.annual("industrial_output")
    colors = [{"implied": charts.CONTEXT, "published": "#d4766c", "article": charts.ACCENT}[k] for k in frame["kind"]]
    labels = [str(y) + ("*" if k == "implied" else "") for y, k in zip(frame["year"], frame["kind"])]
    source = charts.source_line(ds, ["industrial_output"], lang, sorted(set(annual["source"])))
    if frame.empty:  # the window holds none of these years
        return s
    s.charts.append(
        charts.bar_chart(
            "industrial_output",
            labels,
            list(frame["value_yuan_trillion"]),
            [fmt.number(v, 2, lang) for v in frame["value_yuan_trillion"]],
            fmt.t(lang, "chart_industrial_output"),
            source + fmt.t(lang, "note_implied_star"),
            ylabel=fmt.t(lang, "unit_yuan_trillion"),
            colors=colors,
            data=frame,
        )
    )
    return s


@dataclass(frozen=True)
class SeiChange:
    """Strategic emerging industries over the article's period, on rounding intervals: increment, nominal average
    growth, and the share of GDP at the start recomputed against the GDP of the same vintage. The start's vintage
    is that of the same value in series.csv (the article's 1.03万亿元 for 2020 is the figure published before the
    fifth economic census; the article restates GDP 2020 but not this one), so the start's share is worked out
    against GDP first published for that year, and a period crossing the census revision is flagged: its growth
    includes the revision."""

    start: Figure
    end: Figure
    share: Figure
    years: int
    increment: Interval
    nominal_cagr_pct: Interval
    share_start_pct: Interval
    start_vintage: str  # pre_census, post_census or current
    end_vintage: str
    gdp_start: Interval  # 亿元, GDP of the start year on the start's vintage
    gdp_start_source: str  # "article" or the series.csv source of that GDP
    gdp_start_ref: str = ""  # that GDP as a reference (fig:<id>, or series:shenzhen/gdp/<year>@pre_census)

    @property
    def crosses_census(self) -> bool:
        return {self.start_vintage, self.end_vintage} == {"pre_census", "post_census"}


def sei_change(ds: Dataset) -> SeiChange:
    f = ds.find_all({k: FIGURES[k] for k in ("sei_start", "sei_end", "sei_share")})
    s0, s1 = f["sei_start"], f["sei_end"]
    years = int(s1.period) - int(s0.period)
    start_vintage, end_vintage = ds.vintage_of(s0), ds.vintage_of(s1)
    gdp_figure = ds.find("gdp", "level", s0.period)
    if start_vintage == "pre_census":  # the article's GDP for that year is restated: take the one first published
        gdp = ds.annual("gdp", vintages=("pre_census",))
        row = gdp[gdp["year"] == int(s0.period)]
        gdp_start = m.value_interval(row["value_text"].iloc[0], row["unit"].iloc[0], row["qualifier"].iloc[0])
        gdp_start, gdp_source = m.convert(gdp_start, row["unit"].iloc[0], "亿元"), str(row["source"].iloc[0])
        gdp_ref = f"series:shenzhen/gdp/{s0.period}@pre_census"
    else:
        gdp_start, gdp_source, gdp_ref = gdp_figure.interval_in("亿元"), "article", f"fig:{gdp_figure.id}"
    return SeiChange(
        s0,
        s1,
        f["sei_share"],
        years,
        m.increment(s0.interval, s1.interval),
        m.cagr_pct(s0.interval, s1.interval, years),
        m.share_pct(s0.interval_in("亿元"), gdp_start),
        start_vintage,
        end_vintage,
        gdp_start,
        gdp_source,
        gdp_ref,
    )


def emerging_industries(ds: Dataset, lang: str, w=None) -> Section:
    """Strategic emerging industries (:func:`sei_change`): levels, growth and share of GDP, recomputed within
    rounding; the chart shows the years of the window ``w``."""
    w = wnd.as_window(ds, w)
    c = sei_change(ds)
    s0, s1, share = c.start, c.end, c.share
    inc, cagr, share20 = c.increment, c.nominal_cagr_pct, c.share_start_pct
    s = Section(fmt.t(lang, "h_sei"))
    for f in (s0, s1, share):
        s.state(f)
    inc_text = s.derive(
        f"sei_increment_{span(s0, s1)}_yuan_trillion",
        inc,
        provenance.between("prov_formula_increment", s0, s1, lang),
        fmt.amount_range(inc, s1.unit, lang, 2),
    )
    cagr_text = s.derive(
        f"sei_nominal_cagr_{span(s0, s1)}_pct",
        cagr,
        provenance.between("prov_formula_cagr", s0, s1, lang, years=c.years),
        fmt.amount_range(cagr, "%", lang, 1),
    )
    share20_text = s.derive(
        f"sei_share_gdp_{s0.period}_recomputed_pct",
        share20,
        provenance.Derivation(
            "prov_formula_share", (f"fig:{s0.id}", c.gdp_start_ref), {"year": fmt.period(s0.period, lang)}
        ),
        fmt.amount_range(share20, "%", lang, 1),
    )
    s.derive(f"sei_va_{s0.period}_vintage", c.start_vintage)
    s.paragraphs.append(
        fmt.t(
            lang,
            "p_sei",
            start=fmt.period(s0.period, lang),
            v0=fmt.stated(s0, lang),
            v1=fmt.stated(s1, lang),
            inc=inc_text,
            cagr=cagr_text,
            share=fmt.stated(share, lang),
            share20=share20_text,
        )
    )
    if c.crosses_census:
        s.paragraphs.append(
            fmt.t(
                lang,
                "p_sei_census",
                start=fmt.period(s0.period, lang),
                end=fmt.period(s1.period, lang),
                gdp=fmt.amount(c.gdp_start.mid, "亿元", lang, 2),
            )
        )
    state_checks(s, ds, (s0, s1, share), lang)
    annual = ds.annual("sei_share_gdp")
    frame = pd.DataFrame(
        [{"year": int(s0.period), "share_pct": share20.mid, "kind": "recomputed"}]
        + [
            {"year": int(year), "share_pct": value, "kind": "published"}
            for year, value in zip(annual["year"], annual["value"])
        ]
    )
    frame = w.clip(frame.drop_duplicates("year", keep="last").sort_values("year"))
    colors = [charts.CONTEXT if k == "recomputed" else charts.ACCENT for k in frame["kind"]]
    labels = [str(y) + ("*" if k == "recomputed" else "") for y, k in zip(frame["year"], frame["kind"])]
    source = charts.source_line(ds, ["sei_va", "sei_share_gdp"], lang, sorted(set(annual["source"])))
    if frame.empty:
        return s
    s.charts.append(
        charts.bar_chart(
            "sei_share_gdp",
            labels,
            list(frame["share_pct"]),
            [fmt.number(v, 1, lang) + "%" for v in frame["share_pct"]],
            fmt.t(lang, "chart_sei_share"),
            source + fmt.t(lang, "note_recomputed_star"),
            ylabel="%",
            colors=colors,
            data=frame,
        )
    )
    return s


def manufacturing(ds: Dataset, lang: str) -> Section:
    """Manufacturing structure: advanced and high-tech shares, large projects, products' national shares."""
    f = ds.find_all(FIGURES)
    adv, hi, projects = f["advanced_mfg_share"], f["hightech_mfg_share"], f["large_projects"]
    products, threshold = f["products_over_threshold"], f["products_threshold"]
    s = Section(fmt.t(lang, "h_manufacturing"))
    for figure in (adv, hi, projects, products, threshold):
        s.state(figure)
    s.paragraphs.append(
        fmt.t(
            lang,
            "p_manufacturing",
            adv=fmt.amount(adv.value, "%", lang, adv.decimals),
            hi=fmt.amount(hi.value, "%", lang, hi.decimals),
            projects=fmt.number(projects.value, 0, lang),
            products=fmt.number(products.value, 0, lang),
            threshold=fmt.amount(threshold.value, "%", lang, threshold.decimals, threshold.qualifier),
        )
    )
    labels = [adv.label(lang), hi.label(lang)]
    frame = pd.DataFrame({"figure": [adv.id, hi.id], "share_pct": [adv.value, hi.value]})
    s.charts.append(
        charts.bar_chart(
            "manufacturing_shares",
            labels,
            [adv.value, hi.value],
            [fmt.amount(v, "%", lang, 1) for v in (adv.value, hi.value)],
            fmt.t(lang, "chart_manufacturing"),
            charts.source_line(ds, ["advanced_mfg_share", "hightech_mfg_share"], lang),
            ylabel="%",
            data=frame,
            horizontal=True,
        )
    )
    return s
