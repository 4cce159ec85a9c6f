"""The opening-up report's foreign-trade section: the level in the article's year against the published previous
year, the five-year increment and its share of China's increment, and the annual chart of trade, exports and
imports over the window (supplementary figures of ``series.csv``).
"""

from __future__ import annotations

import math
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
from szreport.present.words import needs_rows
from szreport.themes.opening_up.common import FIGURES, _fig, _signed_pct


@dataclass(frozen=True)
class TradeContext:
    """Trade in the article's year against the published previous year, and the plan's increment against
    China's. The increment fields are None when ``increment_missing`` names series.csv rows they need."""

    year: int
    start: int  # first year of the plan's increment
    end: int  # last year of the plan's increment
    increment_missing: tuple[str, ...]  # series.csv rows the increment's check needs and lacks
    implied_prev: Interval  # 万亿元, the previous year implied by the article's growth
    published_prev: Interval  # 万亿元
    published_prev_value: float  # 亿元
    growth_on_published_prev: Interval  # %
    sz_start: Interval | None = None  # 万亿元
    sz_start_value: float | None = None  # 万亿元
    cn_start_value: float | None = None  # 万亿元
    cn_end_value: float | None = None  # 万亿元
    sz_increment: Interval | None = None  # 万亿元
    cn_increment: Interval | None = None  # 万亿元
    share_national_increment: Interval | None = None  # %
    share_national_start: Interval | None = None  # %
    share_national_end: Interval | None = None  # %


def trade_context(ds: Dataset) -> TradeContext:
    """Trade in the article's year: the previous year's level implied by the growth rate beside the published
    level; the plan's increment and its share of China's increment recomputed from series.csv; the city's share
    of national trade at both ends. (The checks of the article's growth, increment and share are claims in
    claims.csv.)"""
    t1, g1 = _fig(ds, "trade"), _fig(ds, "trade_growth")
    inc = _fig(ds, "trade_increment")
    year = int(t1.period)
    start, end = (int(y) for y in inc.period.split("-"))
    implied_prev = m.implied_previous(t1.interval, g1.interval)
    published_prev = ds.annual_interval("trade", year - 1, unit="万亿元")
    increment_missing = []
    needed = [(ds.subject.region, start), ("china", start), ("china", end)] + (
        [] if end == year else [(ds.subject.region, end)]
    )
    for region, needed_year in needed:  # the increment's check needs both ends for the city and China
        try:
            ds.annual_interval("trade", needed_year, region=region)
        except KeyError:
            increment_missing.append(f"series:{region}/trade/{needed_year}")
    known = dict(
        year=year,
        start=start,
        end=end,
        increment_missing=tuple(increment_missing),
        implied_prev=implied_prev,
        published_prev=published_prev,
        published_prev_value=ds.annual_value("trade", year - 1, unit="亿元"),
        growth_on_published_prev=m.growth_pct(published_prev, t1.interval),
    )
    if increment_missing:
        return TradeContext(**known)
    sz0 = ds.annual_interval("trade", start, unit="万亿元")
    sz1 = t1.interval if end == year else ds.annual_interval("trade", end, unit="万亿元")
    cn0 = ds.annual_interval("trade", start, region="china", unit="万亿元")
    cn1 = ds.annual_interval("trade", end, region="china", unit="万亿元")
    sz_inc, cn_inc = m.increment(sz0, sz1), m.increment(cn0, cn1)
    share = m.share_pct(sz_inc, cn_inc)
    return TradeContext(
        **known,
        sz_start=sz0,
        sz_start_value=ds.annual_value("trade", start, unit="万亿元"),
        cn_start_value=ds.annual_value("trade", start, region="china", unit="万亿元"),
        cn_end_value=ds.annual_value("trade", end, region="china", unit="万亿元"),
        sz_increment=sz_inc,
        cn_increment=cn_inc,
        share_national_increment=share,
        share_national_start=m.share_pct(sz0, cn0),
        share_national_end=m.share_pct(sz1, cn1),
    )


@tolerant("open_h_trade", FIGURES, "trade", "exports")
def trade(ds: Dataset, lang: str, window=None) -> Section:
    """Foreign trade: the level in the article's year, its growth against the published previous year, the rank
    claims, the five-year increment and its share of China's increment; annual chart over the window ``window``
    (supplementary)."""
    window = wnd.as_window(ds, window)
    t1, g1 = _fig(ds, "trade"), _fig(ds, "trade_growth")
    rank, streak, exports_streak = _fig(ds, "trade_rank"), _fig(ds, "trade_streak"), _fig(ds, "exports_streak")
    inc, inc_share = _fig(ds, "trade_increment"), _fig(ds, "trade_increment_share")
    context = trade_context(ds)
    section = Section(fmt.t(lang, "open_h_trade"))
    for figure in (t1, g1, rank, streak, exports_streak, inc, inc_share):
        section.state(figure)
    trade_year, py, plan = context.year, context.year - 1, f"{context.start}_{context.end}"
    section.derive(f"trade_{py}_implied_yuan_trillion", context.implied_prev)
    section.derive(f"trade_{py}_published_yuan_100m", context.published_prev_value)
    section.derive(f"trade_growth_{trade_year}_on_published_{py}_pct", context.growth_on_published_prev)
    shares = {}
    if not context.increment_missing:
        section.derive(f"trade_{context.start}_published_yuan_trillion", context.sz_start_value)
        section.derive(f"china_trade_increment_{plan}_yuan_trillion", context.cn_increment)
        section.derive(f"trade_increment_share_national_{plan}_recomputed_pct", context.share_national_increment)
        for share_year, share, part in (
            (context.start, context.share_national_start, f"series:{ds.subject.region}/trade/{context.start}"),
            (context.end, context.share_national_end, f"fig:{t1.id}"),
        ):
            assert share is not None  # no row missing: trade_context worked out every share
            shares[share_year] = section.derive(
                f"trade_share_national_{share_year}_pct",
                share,
                provenance.Derivation(
                    "prov_formula_share",
                    (part, f"series:china/trade/{share_year}"),
                    {"year": fmt.period(str(share_year), lang)},
                ),
                fmt.about(share, "%", lang, 1),
            )
    exports_first = int(exports_streak.period.split("-")[0])
    section.derive("exports_rank_streak_first_year", exports_first)
    year = fmt.period(t1.period, lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_trade",
            city=ds.subject.name(lang),
            year=year,
            v=fmt.stated(t1, lang),
            g=fmt.stated(g1, lang),
            streak=fmt.stated(streak, lang, fmt.number(streak.value, 0, lang)),
            rank=fmt.stated(rank, lang),
            exports_streak=fmt.stated(exports_streak, lang, fmt.number(exports_streak.value, 0, lang)),
            exports_first=fmt.period(str(exports_first), lang),
        )
    )
    period = fmt.period(inc.period, lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_trade_increment",
            city=ds.subject.name(lang),
            period=period,
            inc=fmt.stated(inc, lang),
            share=fmt.stated(inc_share, lang),
        )
    )
    if context.increment_missing:
        section.paragraphs.append(
            needs_rows(lang, "open_what_trade_increment", context.increment_missing, ds, city=ds.subject.name(lang))
        )
    else:  # no row missing: trade_context worked out every increment field
        assert (
            context.sz_start_value is not None
            and context.cn_start_value is not None
            and context.cn_end_value is not None
        )
        assert context.share_national_start is not None and context.share_national_end is not None
        section.paragraphs.append(
            fmt.t(
                lang,
                "open_p_trade_national",
                city=ds.subject.name(lang),
                start=fmt.period(str(context.start), lang),
                end=fmt.period(str(context.end), lang),
                sz0=fmt.amount(context.sz_start_value, "万亿元", lang, 2),
                sz1=fmt.stated(t1, lang),
                cn0=fmt.amount(context.cn_start_value, "万亿元", lang, 2),
                cn1=fmt.amount(context.cn_end_value, "万亿元", lang, 2),
                s0=shares[context.start],
                s1=shares[context.end],
            )
        )
    state_checks(section, ds, (t1, g1, rank, streak, exports_streak, inc, inc_share), lang)
    section.charts += [c for c in [trade_annual_chart(ds, lang, window)] if c is not None]
    return section


def trade_annual_frame(ds: Dataset) -> pd.DataFrame:
    """the city's annual trade, exports and imports (万亿元) and trade growth (%) from series.csv; the article's
    growth for its own year where the series has none."""
    frame = None
    for indicator in ("trade", "exports", "imports"):
        table = ds.annual(indicator, unit="万亿元")[["year", "value"]].rename(
            columns={"value": f"{indicator}_yuan_trillion"}
        )
        frame = table if frame is None else frame.merge(table, on="year", how="outer")
    assert frame is not None  # the loop ran
    growth = ds.annual("trade_growth")[["year", "value"]].rename(columns={"value": "trade_growth_pct"})
    frame = frame.merge(growth, on="year", how="left")
    g1 = _fig(ds, "trade_growth")
    frame.loc[(frame["year"] == int(g1.period)) & frame["trade_growth_pct"].isna(), "trade_growth_pct"] = g1.value
    return frame.sort_values("year").reset_index(drop=True)


def trade_annual_chart(ds: Dataset, lang: str, window=None) -> charts.Chart | None:
    """the city's trade, exports and imports by year of the window ``window``, labelled with trade growth."""
    frame = wnd.as_window(ds, window).clip(trade_annual_frame(ds))
    if frame.empty:  # none of the window's years
        return None
    sources = set()
    for indicator in ("trade", "exports", "imports", "trade_growth"):
        sources |= set(ds.annual(indicator)["source"])
    source = charts.source_line(ds, ["trade", "trade_growth"], lang, sorted(sources))
    lines = {
        "trade_yuan_trillion": fmt.t(lang, "open_lbl_trade"),
        "exports_yuan_trillion": fmt.t(lang, "open_lbl_exports"),
        "imports_yuan_trillion": fmt.t(lang, "open_lbl_imports"),
    }
    chart = charts.line_chart(
        "trade_annual",
        frame,
        "year",
        lines,
        fmt.t(lang, "open_chart_trade_annual", city=ds.subject.name(lang)),
        source,
        ylabel=fmt.t(lang, "unit_yuan_trillion"),
        styles={"exports_yuan_trillion": {"color": "#2c3e50"}, "imports_yuan_trillion": {"color": "#b85c00"}},
        annotations=[
            (int(year), level, _signed_pct(growth, lang))
            for year, level, growth in zip(frame["year"], frame["trade_yuan_trillion"], frame["trade_growth_pct"])
            if not math.isnan(growth)
        ],
    )
    ax = chart.figure.axes[0]
    ax.set_ylim(0, float(frame["trade_yuan_trillion"].max()) * 1.2)
    ax.legend(loc="lower right", ncol=3)
    return chart
