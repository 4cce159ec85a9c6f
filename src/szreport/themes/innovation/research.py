"""The innovation report's R&D sections: spending from the start to the end of the article's period, and R&D
intensity (the GDP it implies against the published GDP, the census break in the GDP series, business R&D, the
peers' intensity), with the annual chart of spending and intensity over the window (supplementary series of
``series.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass

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
from szreport.present.words import needs_rows
from szreport.themes.innovation.common import FIGURES, PUBLISHED
from szreport.themes.lookup import FiguresOf


@dataclass(frozen=True)
class RdChange:
    """R&D spending from the start to the end of the article's period, on the rounding intervals of the printed
    levels."""

    years: int  # years the article's average rate spans
    increment: Interval  # 亿元
    cumulative_growth: Interval  # %


def rd_change(ds: Dataset) -> RdChange:
    """R&D spending from the start to the end of the article's period: years, increment and cumulative growth on
    rounding intervals. (The check of the article's average rate is the claim in claims.csv.)"""
    figures = FiguresOf(ds, FIGURES)
    r0, r1, cagr = figures["rd_start"], figures["rd_end"], figures["rd_cagr"]
    return RdChange(
        years=m.period_years(cagr.period),
        increment=m.increment(r0.interval, r1.interval),
        cumulative_growth=m.growth_pct(r0.interval, r1.interval),
    )


@tolerant("inn_h_rd", FIGURES, "rd_expenditure")
def rd(ds: Dataset, lang: str) -> Section:
    """R&D spending 2020 -> 2024: levels, increment, average growth recomputed against the reported rate."""
    figures = FiguresOf(ds, FIGURES)
    r0, r1, cagr, rank_total = figures["rd_start"], figures["rd_end"], figures["rd_cagr"], figures["rd_total_rank"]
    check = rd_change(ds)
    section = Section(fmt.t(lang, "inn_h_rd"))
    for figure in (r0, r1, cagr, rank_total):
        section.state(figure)
    inc = section.derive(
        f"rd_increment_{span(r0, r1)}_yuan_100m",
        check.increment,
        provenance.between("prov_formula_increment", r0, r1, lang),
        fmt.about(check.increment, r1.unit, lang, 1),
    )
    cum = section.derive(
        f"rd_growth_cumulative_{span(r0, r1)}_pct",
        check.cumulative_growth,
        provenance.between("prov_formula_growth", r0, r1, lang),
        fmt.about(check.cumulative_growth, "%", lang, 1),
    )
    section.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_rd_levels",
            city=ds.subject.name(lang),
            start=fmt.period(r0.period, lang),
            end=fmt.period(r1.period, lang),
            v0=fmt.stated(r0, lang),
            v1=fmt.stated(r1, lang),
            years=fmt.number(check.years, 0, lang),
            inc=inc,
            cum=cum,
            cagr=fmt.stated(cagr, lang),
            rank=fmt.stated(rank_total, lang),
        )
    )
    state_checks(section, ds, (r0, r1, cagr, rank_total), lang)
    return section


@dataclass(frozen=True)
class IntensityBasis:
    """R&D intensity against GDP: the GDP the article's spending and intensity imply beside the published GDP of
    the same year, and the start year's intensity on the restated and (when series.csv has them) the original
    GDP and as published."""

    start_missing: tuple[str, ...]  # series.csv rows the start year's comparison needs and lacks
    year: int  # the article's intensity year
    start: int  # the first year of R&D spending
    implied_gdp: Interval  # 亿元
    published_gdp: Interval  # 亿元
    published_gdp_value: float  # 亿元
    intensity_on_published_gdp: Interval  # %
    start_intensity_on_restated_gdp: Interval  # %
    start_gdp_restated: Figure
    start_intensity_published: float | None = None  # %, when start_missing is empty
    start_intensity_on_original_gdp: Interval | None = None  # %, when start_missing is empty


def intensity_basis(ds: Dataset) -> IntensityBasis:
    """The GDP implied by R&D spending and R&D intensity (spending / intensity) beside the published GDP of the
    same year (series.csv); and the start year's intensity on the restated and the original GDP. (The check of
    the article's intensity is the claim in claims.csv.)"""
    figures = FiguresOf(ds, FIGURES)
    r0, r1, intensity = figures["rd_start"], figures["rd_end"], figures["intensity"]
    g0 = ds.find("gdp", "level", r0.period)  # GDP of R&D's first year, as the article restates it
    year, start = int(intensity.period), int(r0.period)
    implied_gdp = r1.interval / (intensity.interval / 100)
    published_gdp = ds.annual_interval("gdp", year, unit="亿元")
    # The start year's intensity as published, and the GDP before the census revision it was computed on.
    start_refs = {
        "start_intensity_published": f"series:{ds.subject.region}/rd_intensity/{start}",
        "original_gdp": f"series:{ds.subject.region}/gdp/{start}@pre_census",
    }
    missing = []
    try:
        start_intensity = ds.annual_value("rd_intensity", start)
    except KeyError:
        start_intensity = None
        missing.append(start_refs["start_intensity_published"])
    try:
        original_gdp = ds.annual_interval("gdp", start, unit="亿元", vintages=("pre_census",))
    except KeyError:
        original_gdp = None
        missing.append(start_refs["original_gdp"])
    return IntensityBasis(
        start_missing=tuple(missing),
        year=year,
        start=start,
        implied_gdp=implied_gdp,
        published_gdp=published_gdp,
        published_gdp_value=ds.annual_value("gdp", year, unit="亿元"),
        intensity_on_published_gdp=m.share_pct(r1.interval, published_gdp),
        start_intensity_published=start_intensity,
        start_intensity_on_original_gdp=m.share_pct(r0.interval, original_gdp) if original_gdp else None,
        start_intensity_on_restated_gdp=m.share_pct(r0.interval, g0.interval_in("亿元")),
        start_gdp_restated=g0,
    )


@dataclass(frozen=True)
class PeerIntensity:
    """One peer's R&D intensity in the latest year of the window series.csv has it for, beside the subject's."""

    region: str
    year: int
    value: float  # %
    value_text: str  # the value as published
    qualifier: str
    vintage: str
    subject_value: float | None = None  # the subject's intensity (%) in the same year, when series.csv has it


def peer_intensity(ds: Dataset, window=None) -> tuple[PeerIntensity, ...]:
    """R&D intensity of the peers of the window ``window`` that series.csv has it for, the latest year of the window
    each, beside the subject's in the same year (when series.csv has it)."""
    window = wnd.as_window(ds, window)
    try:
        own_table = ds.annual("rd_intensity")
        own = {int(year): float(value) for year, value in zip(own_table["year"], own_table["value"])}
    except KeyError:  # series.csv has no intensity of the subject's: the peers' stand alone
        own = {}
    out = []
    for region in window.peers:
        try:
            table = window.clip(ds.annual("rd_intensity", region=region))
        except KeyError:
            continue
        if table.empty:
            continue
        last = table.iloc[-1]
        out.append(
            PeerIntensity(
                region=region,
                year=int(last["year"]),
                value=float(last["value"]),
                value_text=last["value_text"],
                qualifier=last["qualifier"],
                vintage=last["vintage"],
                subject_value=own.get(int(last["year"])),
            )
        )
    return tuple(out)


@tolerant("inn_h_intensity", FIGURES, "rd_intensity", "enterprise_rd")
def rd_intensity(ds: Dataset, lang: str, window=None) -> Section:
    """R&D intensity: the GDP it implies against the published GDP, the census break, rank among cities,
    business R&D; the peers' intensity and the annual chart of spending and intensity over the window ``window``
    (supplementary series)."""
    window = wnd.as_window(ds, window)
    figures = FiguresOf(ds, FIGURES)
    r0, r1, intensity, rank = figures["rd_start"], figures["rd_end"], figures["intensity"], figures["intensity_rank"]
    ent, ent_rank = figures["enterprise_share"], figures["enterprise_rank"]
    check = intensity_basis(ds)
    business_min = r1.interval * ent.interval / 100
    section = Section(fmt.t(lang, "inn_h_intensity"))
    for figure in (intensity, rank, ent, ent_rank):
        section.state(figure)
    end, start = check.year, check.start
    section.derive(f"gdp_{end}_implied_by_rd_intensity_yuan_100m", check.implied_gdp)
    section.derive(f"gdp_{end}_published_yuan_100m", check.published_gdp_value)
    on_published = section.derive(
        f"rd_intensity_{end}_on_published_gdp_pct",
        check.intensity_on_published_gdp,
        provenance.Derivation(
            "prov_formula_share",
            (f"fig:{r1.id}", f"series:{ds.subject.region}/gdp/{end}"),
            {"year": fmt.period(str(end), lang)},
        ),
        fmt.about(check.intensity_on_published_gdp, "%", lang, 2),
    )
    section.derive(f"rd_intensity_{start}_on_restated_gdp_pct", check.start_intensity_on_restated_gdp)
    section.derive(f"enterprise_rd_{r1.period}_implied_min_yuan_100m", business_min.lo)  # the share held over a span
    year = fmt.period(intensity.period, lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_intensity",
            city=ds.subject.name(lang),
            year=year,
            intensity=fmt.stated(intensity, lang),
            rank=fmt.stated(rank, lang),
            published=fmt.amount(check.published_gdp_value, "亿元", lang, 2),
            on_published=on_published,
        )
    )
    state_checks(section, ds, (intensity, rank), lang)
    rise = m.increment(check.start_intensity_on_restated_gdp, intensity.interval)
    section.derive(f"rd_intensity_rise_{start}_{end}_same_basis_pp", rise)
    if check.start_missing:
        section.paragraphs.append(needs_rows(lang, "inn_what_start_intensity", check.start_missing, ds))
    else:
        section.derive(f"rd_intensity_{start}_published_pct", check.start_intensity_published)
        section.derive(f"rd_intensity_{start}_on_original_gdp_pct", check.start_intensity_on_original_gdp)
        section.paragraphs.append(_start_intensity(check, rise, r0, intensity, year, lang))
        section.derive(
            f"rd_intensity_rise_{start}_{end}_published_series_pp",
            m.increment(check.start_intensity_published, intensity.interval),
        )
    peers = peer_intensity(ds, window)
    if peers:
        items = []
        for peer in peers:
            value = fmt.amount(peer.value, "%", lang, m.decimals_of(peer.value_text), peer.qualifier)
            key = "inn_peer_item" if peer.subject_value is not None else "inn_peer_item_alone"
            items.append(
                fmt.t(
                    lang,
                    key,
                    peer=ds.subject.region_name(peer.region, lang),
                    city=ds.subject.name(lang),
                    year=fmt.period(str(peer.year), lang),
                    value=value,
                    subject_value=fmt.amount(peer.subject_value or 0, "%", lang, 2),
                )
            )
        section.paragraphs.append(fmt.t(lang, "inn_p_intensity_peers", peers=fmt.t(lang, "inn_list_sep").join(items)))
    section.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_enterprise",
            share=fmt.stated(ent, lang),
            rank=fmt.rank(ent_rank.value, lang),
            business=fmt.amount(business_min.lo, "亿元", lang, 0, "at_least"),
        )
    )
    state_checks(section, ds, (ent, ent_rank), lang)
    section.charts += [c for c in [rd_annual_chart(ds, lang, window)] if c is not None]
    last_pre = window.clip(rd_intensity_frame(ds))
    pre = last_pre[last_pre["intensity_vintage"] == "pre_census"]
    post = last_pre[last_pre["intensity_vintage"] == "post_census"]
    if not pre.empty and not post.empty:
        section.paragraphs.append(
            fmt.t(
                lang,
                "inn_p_rd_annual_note",
                last_pre=fmt.period(str(int(pre["year"].max())), lang),
                first_post=fmt.period(str(int(post["year"].min())), lang),
            )
        )
    return section


def _start_intensity(check: IntensityBasis, rise, r0, intensity, year: str, lang: str):
    """The start year's intensity as published (pre-census GDP) against the restated GDP, and the rise on one
    basis against the published series' rise."""
    # Called when start_missing is empty, so intensity_basis worked out both start-year fields.
    assert check.start_intensity_published is not None
    assert check.start_intensity_on_original_gdp is not None
    rise_published = m.increment(check.start_intensity_published, intensity.interval)
    return fmt.t(
        lang,
        "inn_p_intensity_start_more" if rise.mid > rise_published.mid else "inn_p_intensity_start_less",
        start=fmt.period(str(check.start), lang),
        end=year,
        rd0=fmt.stated(r0, lang),
        published=fmt.amount(check.start_intensity_published, "%", lang, 2),
        original=fmt.about(check.start_intensity_on_original_gdp, "%", lang, 2),
        restated_gdp=fmt.stated(check.start_gdp_restated, lang),
        restated=fmt.about(check.start_intensity_on_restated_gdp, "%", lang, 2),
        rise=fmt.about(rise, "pp", lang, 2),
        rise_published=fmt.about(rise_published, "pp", lang, 2),
    )


def rd_intensity_frame(ds: Dataset) -> pd.DataFrame:
    """Annual R&D spending (亿元) and intensity (%) from series.csv, the intensity split by GDP basis."""
    spend = ds.annual("rd_expenditure", unit="亿元")
    intensity = ds.annual("rd_intensity")
    frame = (
        spend[["year", "value"]]
        .rename(columns={"value": "rd_yuan_100m"})
        .merge(
            intensity[["year", "value", "vintage"]].rename(
                columns={"value": "rd_intensity_pct", "vintage": "intensity_vintage"}
            ),
            on="year",
            how="outer",
        )
        .sort_values("year")
        .reset_index(drop=True)
    )
    frame["rd_intensity_pre_census_pct"] = frame["rd_intensity_pct"].where(frame["intensity_vintage"] == "pre_census")
    frame["rd_intensity_post_census_pct"] = frame["rd_intensity_pct"].where(frame["intensity_vintage"] == "post_census")
    return frame


def rd_annual_chart(ds: Dataset, lang: str, window=None) -> charts.Chart | None:
    """Bars of annual R&D spending, lines of R&D intensity on the pre- and post-census GDP bases, over the
    window ``window``."""
    frame = wnd.as_window(ds, window).clip(rd_intensity_frame(ds).dropna(subset=["rd_yuan_100m"]))
    if frame.empty:  # none of the window's years
        return None
    figures = FiguresOf(ds, {k: FIGURES[k] for k in ("rd_start", "rd_end")})
    article_years = {int(x.period) for x in figures.values()}  # bars the article itself states
    factor = fmt.EN_UNITS["亿元"][0] if lang == "en" else 1.0
    plotted = frame.assign(rd_shown=frame["rd_yuan_100m"] * factor)
    sources = set(ds.annual("rd_expenditure")["source"]) | set(ds.annual("rd_intensity")["source"])
    source = charts.source_line(ds, ["rd_expenditure", "rd_intensity"], lang, sorted(sources))
    lines = {
        "rd_intensity_pre_census_pct": fmt.t(lang, "inn_lbl_intensity_pre_census"),
        "rd_intensity_post_census_pct": fmt.t(lang, "inn_lbl_intensity_post_census"),
    }
    chart = charts.bar_line_chart(
        "rd_annual",
        plotted,
        "year",
        "rd_shown",
        fmt.t(lang, "inn_lbl_rd_spending"),
        lines,
        fmt.t(lang, "inn_chart_rd_annual", city=ds.subject.name(lang)),
        source + fmt.t(lang, "inn_note_article_bars"),
        ylabel=fmt.t(lang, "inn_axis_yuan_100m"),
        ylabel_right="%",
        bar_value_labels=[fmt.number(v, 1, lang) for v in plotted["rd_shown"]],
        line_value_labels={c: [fmt.number(v, 2, lang) for v in plotted[c].dropna()] for c in lines},
        styles={
            "rd_intensity_pre_census_pct": {"color": charts.CONTEXT, "linestyle": "--"},
            "rd_intensity_post_census_pct": {"color": "#2c3e50", "markersize": 6},
        },
        bar_colors=[charts.ACCENT if y in article_years else PUBLISHED for y in plotted["year"]],
    )
    chart.data = frame[["year", "rd_yuan_100m", "rd_intensity_pct", "intensity_vintage"]].reset_index(drop=True)
    return chart
