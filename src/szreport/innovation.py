"""The innovation report's sections: R&D spending and intensity, high-tech firms and "little giants",
innovation platforms and landmark results.

Numbers come from the article's figures (``figures.csv``, theme ``innovation``). The annual charts draw the
supplementary series of ``series.csv`` (R&D spending and intensity 2020-2024, national high-tech enterprises
2021-2025, "little giants" 2023-2025), each labelled as such in its source line. Derived figures are computed on
the rounding intervals of the printed figures (:mod:`szreport.metrics`), so a growth rate worked out from
1510.8 and 2453.1亿元 is the range those printed numbers allow, and checks against published figures compare
intervals rather than using a tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import charts, fmt
from . import metrics as m
from . import window as wnd
from .audit.sections import state_checks
from .data import Figure
from .data import span_key as span
from .metrics import Interval
from .report import Section, growth_section, needs_rows, theme_table

THEME = "innovation"
# The article figures this report states, by what they are (indicator, measure, which: see Dataset.find_all);
# ids are free labels, so a data folder for a later year needs no change here.
FIGURES = {
    "rd_start": ("rd_expenditure", "level", "earliest"),
    "rd_end": ("rd_expenditure", "level", "latest"),
    "rd_cagr": ("rd_expenditure", "cagr", "latest"),
    "rd_total_rank": ("rd_expenditure", "rank", "latest"),
    "intensity": ("rd_intensity", "share", "latest"),
    "intensity_rank": ("rd_intensity", "rank", "latest"),
    "enterprise_share": ("enterprise_rd", "share", "latest"),
    "enterprise_rank": ("enterprise_rd", "rank", "latest"),
    "hightech_new": ("hightech_enterprises", "increment", "latest"),
    "hightech_total": ("hightech_enterprises", "level", "latest"),
    "giants_new": ("little_giants", "increment", "latest"),
    "giants_total": ("little_giants", "level", "latest"),
    "giants_rank": ("little_giants", "rank", "latest"),
    "facilities": ("major_science_facilities", "count", "latest"),
    "centres_landed": ("national_innovation_centres", "count", "year"),
    "centres_built": ("national_innovation_centres", "count", "span"),
    "clusters": ("advanced_mfg_clusters", "count", "latest"),
    "carriers": ("innovation_carriers", "count", "latest"),
    "products_global_first": ("products_global_share_first", "count", "latest"),
    "products_national_first": ("products_national_share_first", "count", "latest"),
    "oscilloscope": ("oscilloscope_bandwidth", "level", "latest"),
    "gii_rank": ("gii_cluster", "rank", "latest"),
}

# Annual series whose average growth over the window the report states.
WINDOW_SERIES = ("rd_expenditure", "hightech_enterprises", "little_giants")
# Light tone for published years drawn beside the article's own figure (accent) and implied values (grey).
PUBLISHED = "#e6a09a"


def overview_table(ds, lang: str) -> Section:
    """Every innovation figure of the article as printed."""
    return theme_table(ds, THEME, "inn_h_figures", lang)


@dataclass(frozen=True)
class RdChange:
    """R&D spending from the start to the end of the article's period, on the rounding intervals of the printed
    levels."""

    years: int  # years the article's average rate spans
    increment: Interval  # 亿元
    cumulative_growth: Interval  # %


def rd_change(ds) -> RdChange:
    """R&D spending from the start to the end of the article's period: years, increment and cumulative growth on
    rounding intervals. (The check of the article's average rate is the claim in claims.csv.)"""
    f = ds.find_all(FIGURES)
    r0, r1, cagr = f["rd_start"], f["rd_end"], f["rd_cagr"]
    return RdChange(
        years=m.period_years(cagr.period),
        increment=m.increment(r0.interval, r1.interval),
        cumulative_growth=m.growth_pct(r0.interval, r1.interval),
    )


def rd(ds, lang: str) -> Section:
    """R&D spending 2020 -> 2024: levels, increment, average growth recomputed against the reported rate."""
    f = ds.find_all(FIGURES)
    r0, r1, cagr, rank_total = f["rd_start"], f["rd_end"], f["rd_cagr"], f["rd_total_rank"]
    check = rd_change(ds)
    s = Section(fmt.t(lang, "inn_h_rd"))
    for f in (r0, r1, cagr, rank_total):
        s.state(f)
    s.derive(f"rd_increment_{span(r0, r1)}_yuan_100m", check.increment)
    s.derive(f"rd_growth_cumulative_{span(r0, r1)}_pct", check.cumulative_growth)
    s.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_rd_levels",
            start=fmt.period(r0.period, lang),
            end=fmt.period(r1.period, lang),
            v0=fmt.printed(r0, lang),
            v1=fmt.printed(r1, lang),
            years=fmt.number(check.years, 0, lang),
            inc=fmt.amount_range(check.increment, r1.unit, lang, 1),
            cum=fmt.amount_range(check.cumulative_growth, "%", lang, 1),
            cagr=fmt.printed(cagr, lang),
            rank=fmt.rank(rank_total.value, lang),
        )
    )
    state_checks(s, ds, (r0, r1, cagr, rank_total), lang)
    return s


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


def intensity_basis(ds) -> IntensityBasis:
    """The GDP implied by R&D spending and R&D intensity (spending / intensity) beside the published GDP of the
    same year (series.csv); and the start year's intensity on the restated and the original GDP. (The check of
    the article's intensity is the claim in claims.csv.)"""
    f = ds.find_all(FIGURES)
    r0, r1, intensity = f["rd_start"], f["rd_end"], f["intensity"]
    g0 = ds.find("gdp", "level", r0.period)  # GDP of R&D's first year, as the article restates it
    year, start = int(intensity.period), int(r0.period)
    implied_gdp = r1.interval / (intensity.interval / 100)
    published_gdp = ds.annual_interval("gdp", year, unit="亿元")
    # The start year's intensity as published, and the GDP before the census revision it was computed on.
    start_refs = {
        "start_intensity_published": f"series:shenzhen/rd_intensity/{start}",
        "original_gdp": f"series:shenzhen/gdp/{start}@pre_census",
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
    """One peer's R&D intensity in the latest year of the window series.csv has it for, beside Shenzhen's."""

    region: str
    year: int
    value: float  # %
    value_text: str  # the value as published
    qualifier: str
    vintage: str
    shenzhen: float | None = None  # Shenzhen's intensity (%) in the same year, when series.csv has it


def peer_intensity(ds, w=None) -> tuple[PeerIntensity, ...]:
    """R&D intensity of the peers of the window ``w`` that series.csv has it for, the latest year of the window
    each, beside Shenzhen's in the same year."""
    w = wnd.as_window(ds, w)
    shenzhen = ds.annual("rd_intensity")
    out = []
    for region in w.peers:
        try:
            table = w.clip(ds.annual("rd_intensity", region=region))
        except KeyError:
            continue
        if table.empty:
            continue
        last = table.iloc[-1]
        same = shenzhen[shenzhen["year"] == last["year"]]
        out.append(
            PeerIntensity(
                region=region,
                year=int(last["year"]),
                value=float(last["value"]),
                value_text=last["value_text"],
                qualifier=last["qualifier"],
                vintage=last["vintage"],
                shenzhen=float(same["value"].iloc[0]) if not same.empty else None,
            )
        )
    return tuple(out)


def rd_intensity(ds, lang: str, w=None) -> Section:
    """R&D intensity: the GDP it implies against the published GDP, the census break, rank among cities,
    business R&D; the peers' intensity and the annual chart of spending and intensity over the window ``w``
    (supplementary series)."""
    w = wnd.as_window(ds, w)
    f = ds.find_all(FIGURES)
    r0, r1, intensity, rank = f["rd_start"], f["rd_end"], f["intensity"], f["intensity_rank"]
    ent, ent_rank = f["enterprise_share"], f["enterprise_rank"]
    check = intensity_basis(ds)
    business_min = r1.interval * ent.interval / 100
    s = Section(fmt.t(lang, "inn_h_intensity"))
    for f in (intensity, rank, ent, ent_rank):
        s.state(f)
    end, start = check.year, check.start
    s.derive(f"gdp_{end}_implied_by_rd_intensity_yuan_100m", check.implied_gdp)
    s.derive(f"gdp_{end}_published_yuan_100m", check.published_gdp_value)
    s.derive(f"rd_intensity_{end}_on_published_gdp_pct", check.intensity_on_published_gdp)
    s.derive(f"rd_intensity_{start}_on_restated_gdp_pct", check.start_intensity_on_restated_gdp)
    s.derive(f"enterprise_rd_{ent.period}_implied_min_yuan_100m", business_min.lo)
    year = fmt.period(intensity.period, lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_intensity",
            year=year,
            intensity=fmt.printed(intensity, lang),
            rank=fmt.rank(rank.value, lang),
            published=fmt.amount(check.published_gdp_value, "亿元", lang, 2),
            on_published=fmt.amount_range(check.intensity_on_published_gdp, "%", lang, 2),
        )
    )
    state_checks(s, ds, (intensity, rank), lang)
    rise = m.increment(check.start_intensity_on_restated_gdp, intensity.interval)
    s.derive(f"rd_intensity_rise_{start}_{end}_same_basis_pp", rise)
    if check.start_missing:
        s.paragraphs.append(needs_rows(lang, "inn_what_start_intensity", check.start_missing))
    else:
        s.derive(f"rd_intensity_{start}_published_pct", check.start_intensity_published)
        s.derive(f"rd_intensity_{start}_on_original_gdp_pct", check.start_intensity_on_original_gdp)
        s.paragraphs.append(_start_intensity(check, rise, r0, intensity, year, lang))
        s.derive(
            f"rd_intensity_rise_{start}_{end}_published_series_pp",
            m.increment(check.start_intensity_published, intensity.interval),
        )
    peers = peer_intensity(ds, w)
    if peers:
        items = []
        for p in peers:
            value = fmt.amount(p.value, "%", lang, m.decimals_of(p.value_text), p.qualifier)
            key = "inn_peer_item" if p.shenzhen is not None else "inn_peer_item_alone"
            items.append(
                fmt.t(
                    lang,
                    key,
                    city=fmt.t(lang, f"inn_region_{p.region}"),
                    year=fmt.period(str(p.year), lang),
                    value=value,
                    shenzhen=fmt.amount(p.shenzhen or 0, "%", lang, 2),
                )
            )
        s.paragraphs.append(fmt.t(lang, "inn_p_intensity_peers", peers=fmt.t(lang, "inn_list_sep").join(items)))
    s.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_enterprise",
            share=fmt.printed(ent, lang),
            rank=fmt.rank(ent_rank.value, lang),
            business=fmt.amount(business_min.lo, "亿元", lang, 0, "at_least"),
        )
    )
    s.charts += [c for c in [rd_annual_chart(ds, lang, w)] if c is not None]
    last_pre = w.clip(rd_intensity_frame(ds))
    pre = last_pre[last_pre["intensity_vintage"] == "pre_census"]
    post = last_pre[last_pre["intensity_vintage"] == "post_census"]
    if not pre.empty and not post.empty:
        s.paragraphs.append(
            fmt.t(
                lang,
                "inn_p_rd_annual_note",
                last_pre=fmt.period(str(int(pre["year"].max())), lang),
                first_post=fmt.period(str(int(post["year"].min())), lang),
            )
        )
    return s


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
        rd0=fmt.printed(r0, lang),
        published=fmt.amount(check.start_intensity_published, "%", lang, 2),
        original=fmt.amount_range(check.start_intensity_on_original_gdp, "%", lang, 2),
        restated_gdp=fmt.printed(check.start_gdp_restated, lang),
        restated=fmt.amount_range(check.start_intensity_on_restated_gdp, "%", lang, 2),
        rise=fmt.amount_range(rise, "pp", lang, 2),
        rise_published=fmt.amount_range(rise_published, "pp", lang, 2),
    )


def rd_intensity_frame(ds) -> pd.DataFrame:
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


def rd_annual_chart(ds, lang: str, w=None) -> charts.Chart | None:
    """Bars of annual R&D spending, lines of R&D intensity on the pre- and post-census GDP bases, over the
    window ``w``."""
    frame = wnd.as_window(ds, w).clip(rd_intensity_frame(ds).dropna(subset=["rd_yuan_100m"]))
    if frame.empty:  # none of the window's years
        return None
    f = ds.find_all({k: FIGURES[k] for k in ("rd_start", "rd_end")})
    article_years = {int(x.period) for x in f.values()}  # bars the article itself states
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
        fmt.t(lang, "inn_chart_rd_annual"),
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


@dataclass(frozen=True)
class EnterpriseCounts:
    """High-tech enterprises and "little giants": the yearly average of new certifications, the stock at the
    start if they were a net increase, and the little giants' previous total, implied and published."""

    ht_years: int  # years of certifications the article's count covers
    ht_new_per_year: Interval  # firms
    ht_start_if_net: Interval  # firms at the start, if the new ones were a net increase
    lg_prev_year: int
    lg_prev_implied: Interval  # firms
    lg_prev_published: float | None = None  # firms, when series.csv has the previous year
    lg_net_increase: Interval | None = None  # firms, when series.csv has the previous year


def enterprise_counts(ds) -> EnterpriseCounts:
    """High-tech enterprises and "little giants": yearly average of new certifications, the stock at the start
    implied if the new ones were a net increase, the little giants' previous total implied by the year's new
    ones, the published one (series.csv) and the net increase. (The check of the year's new little giants
    against the totals is the claim in claims.csv.)"""
    f = ds.find_all(FIGURES)
    ht_new, ht_total, lg_new, lg_total = f["hightech_new"], f["hightech_total"], f["giants_new"], f["giants_total"]
    years = m.period_years(ht_new.period) + 1  # 2021-2025 counts five years of certifications
    prev_year = int(lg_total.period) - 1
    implied_prev = m.increment(lg_new.interval, lg_total.interval)
    try:
        published_prev = ds.annual_value("little_giants", prev_year)
    except KeyError:  # the claim's verdict names the row to add
        published_prev = None
    return EnterpriseCounts(
        ht_years=years,
        ht_new_per_year=ht_new.interval / years,
        ht_start_if_net=m.increment(ht_new.interval, ht_total.interval_in("家")),
        lg_prev_year=prev_year,
        lg_prev_implied=implied_prev,
        lg_prev_published=published_prev,
        lg_net_increase=None if published_prev is None else m.increment(published_prev, lg_total.interval),
    )


def enterprises(ds, lang: str, w=None) -> Section:
    """National high-tech enterprises and "little giant" firms, with their annual series over the window ``w``
    (supplementary)."""
    w = wnd.as_window(ds, w)
    f = ds.find_all(FIGURES)
    ht_new, ht_total = f["hightech_new"], f["hightech_total"]
    lg_new, lg_total, lg_rank = f["giants_new"], f["giants_total"], f["giants_rank"]
    check = enterprise_counts(ds)
    s = Section(fmt.t(lang, "inn_h_enterprises"))
    for f in (ht_new, ht_total, lg_new, lg_total, lg_rank):
        s.state(f)
    first_new = int(ht_new.period.split("-")[0])
    prev = check.lg_prev_year
    s.derive(f"hightech_enterprises_new_per_year_{ht_new.period.replace('-', '_')}_firms", check.ht_new_per_year)
    s.derive(f"hightech_enterprises_{first_new - 1}_implied_if_net_firms", check.ht_start_if_net.lo)
    s.derive(f"little_giants_{prev}_implied_firms", check.lg_prev_implied)
    if check.lg_prev_published is not None:
        s.derive(f"little_giants_{prev}_published_firms", check.lg_prev_published)
        s.derive(f"little_giants_net_increase_{lg_total.period}_firms", check.lg_net_increase)
    start_year = fmt.period(str(int(ht_new.period.split("-")[0]) - 1), lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_hightech",
            period=fmt.period(ht_new.period, lang),
            new=fmt.amount(ht_new.value, "家", lang, 0),
            total=fmt.printed(ht_total, lang),
            per_year=fmt.amount(check.ht_new_per_year.mid, "家", lang, 0),
            start=start_year,
            start_stock=fmt.amount(check.ht_start_if_net.lo / 1e4, "万家", lang, 2, "over"),
        )
    )
    s.charts += [c for c in [hightech_chart(ds, lang, w)] if c is not None]
    year = fmt.period(lg_total.period, lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_little_giants",
            year=year,
            new=fmt.amount(lg_new.value, "家", lang, 0),
            total=fmt.amount(lg_total.value, "家", lang, 0),
            rank=fmt.rank(lg_rank.value, lang),
        )
    )
    state_checks(s, ds, (ht_new, ht_total, lg_new, lg_total, lg_rank), lang)
    s.charts += [c for c in [little_giants_chart(ds, lang, check, w)] if c is not None]
    return s


def hightech_chart(ds, lang: str, w=None) -> charts.Chart | None:
    """National high-tech enterprises at each year end of the window ``w`` (supplementary series; the last year
    is the article's)."""
    ht_total = ds.find(*FIGURES["hightech_total"][:2])
    table = wnd.as_window(ds, w).clip(ds.annual("hightech_enterprises", unit="家"))
    if table.empty:  # none of the window's years
        return None
    frame = pd.DataFrame(
        {"year": table["year"], "firms": table["value"], "qualifier": table["qualifier"], "source": table["source"]}
    )
    article_year = int(ht_total.period)
    colors = [charts.ACCENT if y == article_year else PUBLISHED for y in frame["year"]]
    labels = [fmt.amount(v / 1e4, "万家", lang, 1, q) for v, q in zip(frame["firms"], frame["qualifier"])]
    source = charts.source_line(ds, ["hightech_enterprises"], lang, sorted(set(table["source"])))
    return charts.bar_chart(
        "hightech_enterprises",
        [str(y) for y in frame["year"]],
        list(frame["firms"]),
        labels,
        fmt.t(lang, "inn_chart_hightech"),
        source + fmt.t(lang, "inn_note_article_bars"),
        ylabel=fmt.t(lang, "inn_axis_firms"),
        colors=colors,
        data=frame[["year", "firms", "qualifier"]],
    )


def little_giants_chart(ds, lang: str, check: EnterpriseCounts, w=None) -> charts.Chart | None:
    """Published totals of "little giants" by year of the window ``w``, with the previous year's total implied
    by the article."""
    w = wnd.as_window(ds, w)
    table = w.clip(ds.annual("little_giants", unit="家"))
    lg_total = ds.find(*FIGURES["giants_total"][:2])
    rows = [
        {
            "year": int(r.year),
            "firms": r.value,
            "kind": "article" if int(r.year) == int(lg_total.period) else "published",
        }
        for r in table.itertuples()
    ]
    if w.holds(check.lg_prev_year):
        rows.append({"year": check.lg_prev_year, "firms": check.lg_prev_implied.mid, "kind": "implied"})
    if not rows:  # none of the window's years
        return None
    frame = pd.DataFrame(rows).sort_values(["year", "kind"], ascending=[True, False]).reset_index(drop=True)
    colors = [{"implied": charts.CONTEXT, "published": PUBLISHED, "article": charts.ACCENT}[k] for k in frame["kind"]]
    labels = [str(y) + ("*" if k == "implied" else "") for y, k in zip(frame["year"], frame["kind"])]
    source = charts.source_line(ds, ["little_giants"], lang, sorted(set(table["source"])))
    return charts.bar_chart(
        "little_giants",
        labels,
        list(frame["firms"]),
        [fmt.number(v, 0, lang) for v in frame["firms"]],
        fmt.t(lang, "inn_chart_little_giants"),
        source + fmt.t(lang, "inn_note_article_bars") + fmt.t(lang, "inn_note_little_giants_star"),
        ylabel=fmt.t(lang, "inn_axis_firms"),
        colors=colors,
        data=frame,
    )


def platforms(ds, lang: str) -> Section:
    """Innovation platforms (science facilities, national innovation centres, clusters, carriers) and landmark
    results (products first in market share, the 90 GHz oscilloscope, the Global Innovation Index cluster)."""
    f = ds.find_all(FIGURES)
    facilities, landed, built = f["facilities"], f["centres_landed"], f["centres_built"]
    clusters, carriers = f["clusters"], f["carriers"]
    global_first, national_first = f["products_global_first"], f["products_national_first"]
    scope, gii = f["oscilloscope"], f["gii_rank"]
    s = Section(fmt.t(lang, "inn_h_platforms"))
    for f in (facilities, landed, built, clusters, carriers, global_first, national_first, scope, gii):
        s.state(f)
    s.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_platforms",
            facilities=fmt.number(facilities.value, 0, lang),
            landed=fmt.number(landed.value, 0, lang),
            built=fmt.number(built.value, 0, lang),
            period=fmt.period(built.period, lang),
            clusters=fmt.number(clusters.value, 0, lang),
            carriers=fmt.printed(carriers, lang),
        )
    )
    if landed.value == built.value:  # the article names six centres twice; they may well be the same six
        s.paragraphs[-1] += fmt.t(lang, "inn_p_centres_same", count=fmt.number(built.value, 0, lang))
    s.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_results",
            global_first=fmt.number(global_first.value, 0, lang),
            national_first=fmt.number(national_first.value, 0, lang),
            ghz=fmt.printed(scope, lang),
            year=fmt.period(gii.period, lang),
            rank=fmt.rank(gii.value, lang),
        )
    )
    return s


def window_growth(ds, lang: str, w=None) -> Section:
    """Average growth over the window of Shenzhen's R&D spending, high-tech enterprises and "little giants"."""
    w = wnd.as_window(ds, w)
    return growth_section(ds, lang, w, [wnd.growth_over(ds, indicator, w) for indicator in WINDOW_SERIES])
