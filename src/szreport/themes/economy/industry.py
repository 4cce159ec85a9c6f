"""Industry: output and value added, the industrial "double first", manufacturing structure."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from szreport import fmt
from szreport import metrics as m
from szreport.audit.report.sections import state_checks
from szreport.charts import draw as charts
from szreport.data import window as wnd
from szreport.data.loader import Dataset
from szreport.metrics import Interval
from szreport.present import provenance
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.economy.common import FIGURES
from szreport.themes.lookup import FiguresOf


@dataclass(frozen=True)
class IndustryStart:
    """Industrial output at the start of the article's period, worked back from the end level and the average
    growth rate (the article gives no start level)."""

    start_year: int
    end_year: int
    implied_start: Interval


def industry_start(ds: Dataset) -> IndustryStart:
    figures = ds.find_all({k: FIGURES[k] for k in ("output", "output_growth_avg")})
    end, avg = figures["output"], figures["output_growth_avg"]
    years = m.period_years(avg.period)
    return IndustryStart(
        int(end.period) - years,
        int(end.period),
        m.implied_previous(end.interval, m.cagr_to_factor_pct(avg.interval, years)),
    )


def industry_frame(ds: Dataset, window=None) -> pd.DataFrame:
    """Industrial output (万亿元) by year of the window: the implied start level, the published years between,
    the article's end level; ``kind`` says which."""
    start, end = industry_start(ds), ds.find(*FIGURES["output"][:2])
    annual = ds.annual("industrial_output", unit="万亿元")
    rows = [{"year": start.start_year, "value_yuan_trillion": start.implied_start.mid, "kind": "implied"}]
    rows += [
        {"year": int(year), "value_yuan_trillion": value, "kind": "published"}
        for year, value in zip(annual["year"], annual["value"])
        if start.start_year < year < start.end_year
    ]
    rows.append({"year": start.end_year, "value_yuan_trillion": end.value, "kind": "article"})
    return wnd.as_window(ds, window).clip(pd.DataFrame(rows))


@tolerant("h_industry", FIGURES, "industrial_output", "industrial_va", "industrial_va_total", "industry_double_first")
def industry(ds: Dataset, lang: str, window=None) -> Section:
    """Industrial output and value added: levels, growth, the trillion thresholds and the 'double first'; the
    chart (:func:`industry_frame`) shows the years of the window ``window``."""
    figures = FiguresOf(ds, FIGURES)
    out25, out_g, out_avg, thresholds = (
        figures["output"],
        figures["output_growth"],
        figures["output_growth_avg"],
        figures["output_thresholds"],
    )
    va25, va_g, va_total_avg, streak = (
        figures["va"],
        figures["va_growth"],
        figures["va_total_growth_avg"],
        figures["double_first_streak"],
    )
    start = industry_start(ds)
    section = Section(fmt.t(lang, "h_industry"))
    for figure in (out25, out_g, out_avg, thresholds, va25, va_g, va_total_avg, streak):
        section.state(figure)
    section.derive(
        f"industrial_output_{start.start_year}_implied_yuan_trillion",
        start.implied_start,
        provenance.Derivation(
            "prov_formula_implied_start",
            (f"fig:{out25.id}", f"fig:{out_avg.id}"),
            {
                "start": fmt.period(str(start.start_year), lang),
                "end": fmt.period(out25.period, lang),
                "years": start.end_year - start.start_year,
            },
        ),
    )
    section.paragraphs.append(
        fmt.t(
            lang,
            "p_industry",
            city=ds.subject.name(lang),
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
    state_checks(section, ds, (out25, out_g, out_avg, thresholds, va25, va_g, streak), lang)
    frame = industry_frame(ds, window)
    annual = ds.annual("industrial_output")
    colors = [{"implied": charts.CONTEXT, "published": "#d4766c", "article": charts.ACCENT}[k] for k in frame["kind"]]
    labels = [str(y) + ("*" if k == "implied" else "") for y, k in zip(frame["year"], frame["kind"])]
    source = charts.source_line(ds, ["industrial_output"], lang, sorted(set(annual["source"])))
    if frame.empty:  # the window holds none of these years
        return section
    section.charts.append(
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
    return section


@tolerant(
    "h_manufacturing",
    FIGURES,
    "advanced_mfg_share",
    "hightech_mfg_share",
    "large_industrial_projects",
    "products_national_output_share",
)
def manufacturing(ds: Dataset, lang: str) -> Section:
    """Manufacturing structure: advanced and high-tech shares, large projects, products' national shares."""
    figures = FiguresOf(ds, FIGURES)
    adv, hi, projects = figures["advanced_mfg_share"], figures["hightech_mfg_share"], figures["large_projects"]
    products, threshold = figures["products_over_threshold"], figures["products_threshold"]
    section = Section(fmt.t(lang, "h_manufacturing"))
    for figure in (adv, hi, projects, products, threshold):
        section.state(figure)
    section.paragraphs.append(
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
    section.charts.append(
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
    return section
