"""The opening-up report's sections: foreign trade, trade in services, new products and green exports, markets
and trading partners, foreign direct investment and new foreign-invested firms.

Numbers come from the article's figures (``figures.csv``, theme ``opening_up``). Checks and charts also use
supplementary figures of ``series.csv``, labelled as such: Shenzhen's annual trade, exports and imports, China's
trade (for the share of the national five-year increase), Shenzhen's 2025 trade in US dollars (for the exchange
rate, see :func:`implied_usd_cny`) and earlier foreign investment. Derived figures are computed on the rounding
intervals of the printed figures (:mod:`szreport.metrics`).

The only assumption is the exchange rate that turns the services-trade figure (printed in dollars) into yuan:
the notebook parameter ``usd_cny``, whose default is derived from published data by :func:`implied_usd_cny`.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import charts, fmt
from . import metrics as m
from . import window as wnd
from .audit.sections import state_checks
from .data import Figure
from .metrics import Interval
from .report import Section, growth_section, needs_rows, theme_table

THEME = "opening_up"
# The article figures this report states, by what they are (indicator, measure, which: see Dataset.find_all);
# ids are free labels, so a data folder for a later year needs no change here.
FIGURES = {
    "trade": ("trade", "level", "latest"),
    "trade_growth": ("trade", "growth", "latest"),
    "trade_rank": ("trade", "rank", "latest"),
    "trade_streak": ("trade", "streak", "latest"),
    "exports_streak": ("exports", "streak", "latest"),
    "trade_increment": ("trade", "increment", "latest"),
    "trade_increment_share": ("trade", "share", "latest"),
    "services": ("services_trade", "level", "latest"),
    "services_growth": ("services_trade", "growth", "latest"),
    "services_rank": ("services_trade", "rank", "latest"),
    "newtech": ("newtech_exports", "level", "latest"),
    "newtech_growth": ("newtech_exports", "growth", "latest"),
    "newtech_share": ("newtech_exports", "share", "latest"),
    "newtech_rank": ("newtech_exports", "rank", "latest"),
    "new_three": ("new_three_exports", "level", "latest"),
    "bri": ("bri_trade", "level", "latest"),
    "bri_share": ("bri_trade", "share", "latest"),
    "fdi": ("fdi", "level", "latest"),
    "fdi_growth": ("fdi", "growth", "year"),
    "fdi_rank": ("fdi", "rank", "latest"),
    "fdi_total": ("fdi", "total", "latest"),
    "fdi_total_growth": ("fdi", "growth", "span"),
    "fie_plan": ("fie_new", "count", "span"),
    "fie_plan_share": ("fie_new", "share", "latest"),
    "fie_year": ("fie_new", "count", "year"),
    "fie_growth": ("fie_new", "growth", "latest"),
    "fie_rank": ("fie_new", "rank", "latest"),
}


# Annual series whose average growth over the window the report states, Shenzhen's and the peers' alike.
WINDOW_SERIES = ("trade", "exports", "imports")


def _fig(ds, name: str):
    """One of :data:`FIGURES` in this data folder."""
    return ds.find_all({name: FIGURES[name]})[name]


# Light tone for published years drawn beside the article's own figure (accent) and implied values (grey).
PUBLISHED = "#e6a09a"


def overview_table(ds, lang: str) -> Section:
    """Every opening-up figure of the article as printed."""
    return theme_table(ds, THEME, "open_h_figures", lang)


def _yuan_100m_factor(lang: str) -> float:
    """Multiplier from 亿元 to the unit charts use: 亿元 in Chinese, billions in English."""
    return fmt.EN_UNITS["亿元"][0] if lang == "en" else 1.0


def _firms_range(interval_10k: Interval, lang: str, decimals: int = 1) -> str:
    """A count of firms given in 万家: 26.8–27.6万家 in Chinese, 267,700–275,500 in English (to the hundred)."""
    if lang == "zh":
        return fmt.amount_range(interval_10k, "万家", lang, decimals)
    firms = Interval(round(interval_10k.lo * 1e4, -2), round(interval_10k.hi * 1e4, -2))
    return fmt.amount_range(firms, "家", lang, 0)


def _signed_pct(value: float, lang: str, decimals: int = 1) -> str:
    return ("+" if value >= 0 else "−") + fmt.amount(abs(value), "%", lang, decimals)


# --- exchange rate ------------------------------------------------------------------------------------------


def implied_usd_cny(ds) -> Interval:
    """Yuan per US dollar implied by one year's foreign trade published in both currencies.

    The article's 2025 trade, 4.55万亿元 (``trade_2025``), over the same trade in dollars from series.csv,
    US$6498亿 (``trade_usd``, Xinhua): 45500 / 6498 = 7.00, or [6.994, 7.010] allowing for the rounding of both.
    This is where the opening_up notebook's default ``usd_cny = 7.0`` comes from.
    """
    trade = _fig(ds, "trade")
    usd = ds.annual_interval("trade_usd", int(trade.period), unit="亿美元")
    return trade.interval_in("亿元") / usd  # 亿元 per 亿美元 = yuan per dollar


# --- foreign trade ------------------------------------------------------------------------------------------


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


def trade_context(ds) -> TradeContext:
    """Trade in the article's year: the previous year's level implied by the growth rate beside the published
    level; the plan's increment and its share of China's increment recomputed from series.csv; Shenzhen's share
    of national trade at both ends. (The checks of the article's growth, increment and share are claims in
    claims.csv.)"""
    t1, g1 = _fig(ds, "trade"), _fig(ds, "trade_growth")
    inc = _fig(ds, "trade_increment")
    year = int(t1.period)
    start, end = (int(y) for y in inc.period.split("-"))
    implied_prev = m.implied_previous(t1.interval, g1.interval)
    published_prev = ds.annual_interval("trade", year - 1, unit="万亿元")
    increment_missing = []
    needed = [("shenzhen", start), ("china", start), ("china", end)] + ([] if end == year else [("shenzhen", end)])
    for region, y in needed:  # the increment's check needs both ends for Shenzhen and China
        try:
            ds.annual_interval("trade", y, region=region)
        except KeyError:
            increment_missing.append(f"series:{region}/trade/{y}")
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


def trade(ds, lang: str, w=None) -> Section:
    """Foreign trade: the level in the article's year, its growth against the published previous year, the rank
    claims, the five-year increment and its share of China's increment; annual chart over the window ``w``
    (supplementary)."""
    w = wnd.as_window(ds, w)
    t1, g1 = _fig(ds, "trade"), _fig(ds, "trade_growth")
    rank, streak, exports_streak = _fig(ds, "trade_rank"), _fig(ds, "trade_streak"), _fig(ds, "exports_streak")
    inc, inc_share = _fig(ds, "trade_increment"), _fig(ds, "trade_increment_share")
    c = trade_context(ds)
    s = Section(fmt.t(lang, "open_h_trade"))
    for f in (t1, g1, rank, streak, exports_streak, inc, inc_share):
        s.state(f)
    y, py, plan = c.year, c.year - 1, f"{c.start}_{c.end}"
    s.derive(f"trade_{py}_implied_yuan_trillion", c.implied_prev)
    s.derive(f"trade_{py}_published_yuan_100m", c.published_prev_value)
    s.derive(f"trade_growth_{y}_on_published_{py}_pct", c.growth_on_published_prev)
    if not c.increment_missing:
        s.derive(f"trade_{c.start}_published_yuan_trillion", c.sz_start_value)
        s.derive(f"china_trade_increment_{plan}_yuan_trillion", c.cn_increment)
        s.derive(f"trade_increment_share_national_{plan}_recomputed_pct", c.share_national_increment)
        s.derive(f"trade_share_national_{c.start}_pct", c.share_national_start)
        s.derive(f"trade_share_national_{c.end}_pct", c.share_national_end)
    exports_first = int(exports_streak.period.split("-")[0])
    s.derive("exports_rank_streak_first_year", exports_first)
    year = fmt.period(t1.period, lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_trade",
            year=year,
            v=fmt.printed(t1, lang),
            g=fmt.printed(g1, lang),
            streak=fmt.number(streak.value, 0, lang),
            rank=fmt.rank(rank.value, lang),
            exports_streak=fmt.number(exports_streak.value, 0, lang),
            exports_first=fmt.period(str(exports_first), lang),
        )
    )
    period = fmt.period(inc.period, lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_trade_increment",
            period=period,
            inc=fmt.printed(inc, lang),
            share=fmt.printed(inc_share, lang),
        )
    )
    if c.increment_missing:
        s.paragraphs.append(needs_rows(lang, "open_what_trade_increment", c.increment_missing))
    else:  # no row missing: trade_context worked out every increment field
        assert c.sz_start_value is not None and c.cn_start_value is not None and c.cn_end_value is not None
        assert c.share_national_start is not None and c.share_national_end is not None
        s.paragraphs.append(
            fmt.t(
                lang,
                "open_p_trade_national",
                start=fmt.period(str(c.start), lang),
                end=fmt.period(str(c.end), lang),
                sz0=fmt.amount(c.sz_start_value, "万亿元", lang, 2),
                sz1=fmt.printed(t1, lang),
                cn0=fmt.amount(c.cn_start_value, "万亿元", lang, 2),
                cn1=fmt.amount(c.cn_end_value, "万亿元", lang, 2),
                s0=fmt.amount_range(c.share_national_start, "%", lang, 1),
                s1=fmt.amount_range(c.share_national_end, "%", lang, 1),
            )
        )
    state_checks(s, ds, (t1, g1, rank, streak, exports_streak, inc, inc_share), lang)
    s.charts += [c for c in [trade_annual_chart(ds, lang, w)] if c is not None]
    return s


def trade_annual_frame(ds) -> pd.DataFrame:
    """Shenzhen's annual trade, exports and imports (万亿元) and trade growth (%) from series.csv; the article's
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


def trade_annual_chart(ds, lang: str, w=None) -> charts.Chart | None:
    """Shenzhen's trade, exports and imports by year of the window ``w``, labelled with trade growth."""
    frame = wnd.as_window(ds, w).clip(trade_annual_frame(ds))
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
        fmt.t(lang, "open_chart_trade_annual"),
        source,
        ylabel=fmt.t(lang, "unit_yuan_trillion"),
        styles={"exports_yuan_trillion": {"color": "#2c3e50"}, "imports_yuan_trillion": {"color": "#e67e22"}},
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


# --- trade in services --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServicesTrade:
    """Trade in services: the previous year implied by growth, its size against goods trade in dollars, its yuan
    equivalent at the exchange rate used, and the rate implied by published data."""

    year: int
    implied_prev: Interval  # 亿美元
    goods_usd: Interval  # 亿美元
    goods_usd_value: float  # 亿美元
    ratio_to_goods: Interval  # %
    yuan: Interval  # 万亿元, at the rate used
    implied_rate: Interval  # yuan per dollar
    rate_agrees: bool  # the rate used lies within implied_rate


def services_check(ds, usd_cny: float) -> ServicesTrade:
    """Trade in services: the previous year implied by growth, its size against goods trade in dollars (no
    exchange rate needed), its yuan equivalent at ``usd_cny``, and the rate implied by published data."""
    sv, g = _fig(ds, "services"), _fig(ds, "services_growth")
    year = int(sv.period)
    goods_usd = ds.annual_interval("trade_usd", year, unit="亿美元")
    implied_rate = implied_usd_cny(ds)
    return ServicesTrade(
        year=year,
        implied_prev=m.implied_previous(sv.interval, g.interval),
        goods_usd=goods_usd,
        goods_usd_value=ds.annual_value("trade_usd", year, unit="亿美元"),
        ratio_to_goods=m.share_pct(sv.interval, goods_usd),
        yuan=m.convert(sv.interval, sv.unit, "万亿元", usd_cny),
        implied_rate=implied_rate,
        rate_agrees=implied_rate.lo <= usd_cny <= implied_rate.hi,
    )


def services_trade(ds, lang: str, usd_cny: float) -> Section:
    """Trade in services (printed in US dollars): growth, rank, size against goods trade, and its yuan equivalent
    at the exchange-rate parameter ``usd_cny``, whose default is shown to agree with :func:`implied_usd_cny`."""
    sv, g, rank = _fig(ds, "services"), _fig(ds, "services_growth"), _fig(ds, "services_rank")
    t1 = _fig(ds, "trade")
    c = services_check(ds, usd_cny)
    s = Section(fmt.t(lang, "open_h_services"))
    for f in (sv, g, rank):
        s.state(f)
    s.derive("usd_cny_used", usd_cny)
    y = c.year
    s.derive(f"usd_cny_implied_{y}", c.implied_rate)
    s.derive(f"services_trade_{y}_at_usd_cny_yuan_trillion", c.yuan)
    s.derive(f"services_trade_{y - 1}_implied_usd_100m", c.implied_prev)
    s.derive(f"trade_usd_{y}_published_usd_100m", c.goods_usd_value)
    s.derive(f"services_to_goods_trade_{y}_pct", c.ratio_to_goods)
    year = fmt.period(sv.period, lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_services",
            year=year,
            v=fmt.printed(sv, lang),
            g=fmt.printed(g, lang),
            rank=fmt.rank(rank.value, lang),
            prev=fmt.period(str(c.year - 1), lang),
            implied=fmt.amount_range(c.implied_prev, sv.unit, lang, 0),
            goods_usd=fmt.amount(c.goods_usd_value, "亿美元", lang, 0),
            ratio=fmt.amount_range(c.ratio_to_goods, "%", lang, 1),
            rate=fmt.number(usd_cny, 2, lang),
            yuan=fmt.amount_range(c.yuan, "万亿元", lang, 2),
        )
    )
    rate = c.implied_rate
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_rate_agrees" if c.rate_agrees else "open_p_rate_differs",
            year=year,
            rate=fmt.number(usd_cny, 2, lang),
            trade_cny=fmt.amount(t1.in_unit("亿元"), "亿元", lang, 0),
            trade_usd=fmt.amount(c.goods_usd_value, "亿美元", lang, 0),
            implied=fmt.number(rate.mid, 2, lang),
            lo=fmt.number(rate.lo, 3, lang),
            hi=fmt.number(rate.hi, 3, lang),
        )
    )
    state_checks(s, ds, (sv, g, rank), lang)
    return s


# --- new products and green exports -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportStructure:
    """New-technology exports: the previous year implied by growth, the national total implied by their share,
    and both product groups' shares of Shenzhen's exports."""

    year: int
    implied_prev: Interval  # 亿元
    national: Interval  # 亿元
    exports: Interval  # 亿元, Shenzhen's exports (series.csv)
    exports_value: float  # 亿元
    newtech_share_exports: Interval  # %
    new_three_share_exports: Interval  # %


def structure_check(ds) -> ExportStructure:
    """Exports led by new products: previous year implied by growth, the national total implied by the "about a
    quarter" share, and both groups' shares of Shenzhen's exports (series.csv)."""
    nt, g, share = _fig(ds, "newtech"), _fig(ds, "newtech_growth"), _fig(ds, "newtech_share")
    n3 = _fig(ds, "new_three")
    year = int(nt.period)
    exports = ds.annual_interval("exports", year, unit="亿元")
    return ExportStructure(
        year=year,
        implied_prev=m.implied_previous(nt.interval, g.interval),
        national=nt.interval / (share.interval / 100),
        exports=exports,
        exports_value=ds.annual_value("exports", year, unit="亿元"),
        newtech_share_exports=m.share_pct(nt.interval, exports),
        new_three_share_exports=m.share_pct(n3.interval, exports),
    )


def _description(ds, indicator: str, lang: str) -> str:
    """An indicator's description from indicators.yaml, to stand inside a sentence."""
    text = str(ds.meta(indicator)[f"description_{lang}"])
    return text[0].lower() + text[1:] if lang == "en" else text


def trade_structure(ds, lang: str) -> Section:
    """Exports ranked first nationally (new-technology products) and the "new three" green products."""
    nt, g = _fig(ds, "newtech"), _fig(ds, "newtech_growth")
    share, rank = _fig(ds, "newtech_share"), _fig(ds, "newtech_rank")
    n3 = _fig(ds, "new_three")
    c = structure_check(ds)
    s = Section(fmt.t(lang, "open_h_structure"))
    for f in (nt, g, share, rank, n3):
        s.state(f)
    y = c.year
    s.derive(f"newtech_exports_{y - 1}_implied_yuan_100m", c.implied_prev)
    s.derive("newtech_exports_national_implied_yuan_100m", c.national)
    s.derive(f"exports_{y}_published_yuan_100m", c.exports_value)
    s.derive(f"newtech_exports_share_exports_{y}_pct", c.newtech_share_exports)
    s.derive(f"new_three_exports_share_exports_{y}_pct", c.new_three_share_exports)
    year = fmt.period(nt.period, lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_newtech",
            year=year,
            products=_description(ds, "newtech_exports", lang),
            rank=fmt.rank(rank.value, lang),
            v=fmt.printed(nt, lang),
            g=fmt.printed(g, lang),
            prev=fmt.period(str(c.year - 1), lang),
            implied=fmt.amount_range(c.implied_prev, nt.unit, lang, 0),
            share=fmt.printed(share, lang),
            national=fmt.amount_range(c.national, nt.unit, lang, 0),
        )
    )
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_new_three",
            year=year,
            products=_description(ds, "new_three_exports", lang),
            v=fmt.printed(n3, lang),
            exports=fmt.amount(c.exports_value / 1e4, "万亿元", lang, 2),
            s_newtech=fmt.amount_range(c.newtech_share_exports, "%", lang, 1),
            s_new_three=fmt.amount_range(c.new_three_share_exports, "%", lang, 1),
        )
    )
    return s


# --- markets and partners -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Partner:
    """A trading partner the article names: its trade and growth as printed, the previous year implied by the
    growth and its share of Shenzhen's total trade."""

    key: str  # as in the figure ids, e.g. hong_kong
    level: Figure
    growth: Figure
    implied_prev: Interval  # in the level's unit
    share: Interval  # % of total trade


def partners(ds) -> tuple[Partner, ...]:
    """The trading partners the article names (indicator ``trade_partner``), in its order: the level, its growth
    (the figure ``trade_<partner>_growth_<year>``), the previous year implied and the share of total trade."""
    total = _fig(ds, "trade")
    rows = ds.figures[(ds.figures["indicator"] == "trade_partner") & (ds.figures["measure"] == "level")]
    out = []
    for figure_id, period in zip(rows["id"], rows["period"]):
        level = ds.fig(figure_id)
        key = figure_id.removeprefix("trade_").removesuffix(f"_{period}")
        growth = ds.fig(f"trade_{key}_growth_{period}")
        out.append(
            Partner(
                key=key,
                level=level,
                growth=growth,
                implied_prev=m.implied_previous(level.interval, growth.interval),
                share=m.share_pct(level.interval, total.interval_in(level.unit)),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Markets:
    """The named partners together against total trade, and what their growth implies for trade with everyone
    else."""

    partners: tuple[Partner, ...]
    named: Interval  # 亿元
    named_prev: Interval  # 亿元
    named_share: Interval  # %
    named_growth: Interval  # %
    rest: Interval  # 亿元
    rest_prev: Interval  # 亿元
    rest_growth: Interval  # %


def markets_check(ds) -> Markets:
    """The named partners together against total trade, and what their growth implies for trade with everyone
    else. (The Belt and Road share is checked by its claim in claims.csv.)"""
    total, g = _fig(ds, "trade"), _fig(ds, "trade_growth")
    total_100m = total.interval_in("亿元")
    rows = partners(ds)
    named = sum((r.level.interval for r in rows), Interval(0, 0))
    named_prev = sum((r.implied_prev for r in rows), Interval(0, 0))
    total_prev = m.implied_previous(total_100m, g.interval)
    rest, rest_prev = total_100m - named, total_prev - named_prev
    return Markets(
        partners=rows,
        named=named,
        named_prev=named_prev,
        named_share=m.share_pct(named, total_100m),
        named_growth=m.growth_pct(named_prev, named),
        rest=rest,
        rest_prev=rest_prev,
        rest_growth=m.growth_pct(rest_prev, rest),
    )


def markets(ds, lang: str) -> Section:
    """Belt and Road trade and the five partners the article names: levels, growth, implied previous year,
    shares of total trade, and the implied change in trade with everyone else; one chart of the partners."""
    bri, bri_share = _fig(ds, "bri"), _fig(ds, "bri_share")
    g = _fig(ds, "trade_growth")
    c = markets_check(ds)
    s = Section(fmt.t(lang, "open_h_markets"))
    for f in (bri, bri_share):
        s.state(f)
    y = int(bri.period)
    year = fmt.period(bri.period, lang)
    s.paragraphs.append(
        fmt.t(lang, "open_p_bri", year=year, v=fmt.printed(bri, lang), share=fmt.printed(bri_share, lang))
    )
    state_checks(s, ds, (bri, bri_share), lang)
    items = []
    for r in c.partners:
        s.state(r.level)
        s.state(r.growth)
        s.derive(f"trade_{r.key}_{int(r.level.period) - 1}_implied_yuan_100m", r.implied_prev)
        s.derive(f"trade_{r.key}_share_{r.level.period}_pct", r.share)
        items.append(
            fmt.t(
                lang,
                "open_partner_item",
                name=fmt.t(lang, f"open_partner_{r.key}"),
                v=fmt.printed(r.level, lang),
                g=fmt.printed(r.growth, lang),
                share=fmt.amount(r.share.mid, "%", lang, 1),
            )
        )
    s.derive(f"trade_named_partners_{y}_yuan_100m", c.named)
    s.derive(f"trade_named_partners_share_{y}_pct", c.named_share)
    s.derive(f"trade_named_partners_growth_{y}_pct", c.named_growth)
    s.derive(f"trade_other_partners_{y}_yuan_100m", c.rest)
    s.derive(f"trade_other_partners_growth_{y}_pct", c.rest_growth)
    prev = fmt.period(str(int(bri.period) - 1), lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_partners",
            year=year,
            n=fmt.number(len(items), 0, lang),
            items=fmt.t(lang, "open_list_sep").join(items),
            named=fmt.amount(c.named.mid, "亿元", lang, 0),
            named_share=fmt.amount_range(c.named_share, "%", lang, 1),
            named_prev=fmt.amount(c.named_prev.mid, "亿元", lang, 0),
            prev=prev,
            named_growth=fmt.amount_range(c.named_growth, "%", lang, 1),
            g=fmt.printed(g, lang),
        )
    )
    rest_g = c.rest_growth
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_rest_decline" if rest_g.hi < 0 else "open_p_rest_change",
            year=year,
            rest=fmt.amount(c.rest.mid, "亿元", lang, 0),
            decline=fmt.amount_range(-rest_g, "%", lang, 1),
            change=fmt.amount_range(rest_g, "%", lang, 1),
        )
    )
    s.charts.append(partners_chart(ds, lang, c))
    return s


def partners_chart(ds, lang: str, c: Markets) -> charts.Chart:
    """The named partners: trade in the article's year against the previous year implied by its growth."""
    rows = c.partners
    factor = _yuan_100m_factor(lang)
    year = int(rows[0].level.period)
    data = pd.DataFrame(
        {
            "partner": [r.key for r in rows],
            "trade_2025_yuan_100m": [r.level.value for r in rows],
            "growth_2025_pct": [r.growth.value for r in rows],
            "trade_2024_implied_yuan_100m": [round(r.implied_prev.mid, 2) for r in rows],
            "share_of_trade_2025_pct": [round(r.share.mid, 2) for r in rows],
        }
    )
    labels = [
        fmt.t(
            lang,
            "open_partner_row",
            name=fmt.t(lang, f"open_partner_{r.key}"),
            share=fmt.amount(r.share.mid, "%", lang, 1),
        )
        for r in rows
    ]
    now_label = fmt.period(str(year), lang)
    prev_label = fmt.t(lang, "open_lbl_implied_prev", year=fmt.period(str(year - 1), lang))
    decimals = 1 if lang == "en" else 0  # implied values: 亿元 in whole numbers, billions to one decimal
    groups = {
        now_label: [r.level.value * factor for r in rows],
        prev_label: [r.implied_prev.mid * factor for r in rows],
    }
    value_labels = {
        now_label: [
            f"{fmt.number(r.level.value * factor, r.level.decimals + (1 if lang == 'en' else 0), lang)}"
            f"  ({_signed_pct(r.growth.value, lang, r.growth.decimals)})"
            for r in rows
        ],
        prev_label: [fmt.number(r.implied_prev.mid * factor, decimals, lang) for r in rows],
    }
    source = charts.source_line(ds, ["trade_partner"], lang)
    return charts.grouped_bar_chart(
        "trade_partners",
        labels,
        groups,
        value_labels,
        fmt.t(lang, "open_chart_partners"),
        source,
        xlabel=fmt.t(lang, "open_axis_yuan_100m"),
        colors=[charts.ACCENT, charts.CONTEXT],
        data=data,
    )


# --- foreign investment -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FdiYears:
    """Foreign direct investment over the plan: the previous year implied by growth, the previous plan's total
    implied by this one's, the years known in yuan and, when series.csv has the dollar figures, what the total
    requires of the years only published in dollars."""

    year: int  # the article's year
    start: int  # first year of the plan
    end: int  # last year of the plan
    years: int  # years of the plan
    implied_prev: Interval  # 亿元
    previous_plan: Interval  # 亿元
    previous_plan_period: str  # e.g. 2016-2020
    avg: Interval  # 亿元 a year
    previous_avg: Interval  # 亿元 a year
    known: tuple[tuple[int, Interval, str], ...]  # (year, 亿元, kind: published, implied or article) by year
    missing: tuple[int, ...]  # the plan's years known in yuan neither from the article nor from series.csv
    earlier_year: int | None = None  # the latest published year before the previous one, if any
    earlier: Interval | None = None  # 亿元, that year's FDI
    change_to_prev: Interval | None = None  # %, from earlier_year to the implied previous year
    missing_need: float | None = None  # 亿元 the missing years must sum to at least
    missing_usd: Interval | None = None  # 亿美元 published for the missing years
    missing_min_rate: float | None = None  # yuan per dollar the total requires at least


def fdi_years(ds) -> FdiYears:
    """Foreign direct investment: previous year implied by growth; the 13th plan's total implied by the 14th's
    (over 3000亿元, +18.9%); and what the five-year total requires of the years only published in dollars."""
    f1, g = _fig(ds, "fdi"), _fig(ds, "fdi_growth")
    total, vs13 = _fig(ds, "fdi_total"), _fig(ds, "fdi_total_growth")
    year = int(f1.period)
    start, end = (int(y) for y in total.period.split("-"))
    years = end - start + 1
    implied_prev = m.implied_previous(f1.interval, g.interval)
    previous_plan = total.interval / (1 + vs13.interval / 100)
    known: dict[int, tuple[Interval, str]] = {year: (f1.interval, "article"), year - 1: (implied_prev, "implied")}
    for y in range(start, end + 1):
        if y not in known:
            with contextlib.suppress(KeyError):  # a year the yuan series lacks stays missing
                known[y] = (ds.annual_interval("fdi", y, unit="亿元"), "published")
    missing = [y for y in range(start, end + 1) if y not in known]
    optional: dict[str, Any] = {}
    published_before = [y for y, (_, kind) in known.items() if kind == "published" and y < year - 1]
    if published_before:
        y0 = max(published_before)
        optional |= dict(earlier_year=y0, earlier=known[y0][0], change_to_prev=m.growth_pct(known[y0][0], implied_prev))
    try:
        usd = sum((ds.annual_interval("fdi_usd", y, unit="亿美元") for y in missing), Interval(0, 0))
    except KeyError:
        usd = None
    if missing and usd is not None:
        known_hi = sum(v.hi for v, _ in known.values())
        need = total.interval.lo - known_hi
        optional |= dict(missing_need=need, missing_usd=usd, missing_min_rate=need / usd.hi)
    return FdiYears(
        year=year,
        start=start,
        end=end,
        years=years,
        implied_prev=implied_prev,
        previous_plan=previous_plan,
        previous_plan_period=f"{start - years}-{start - 1}",
        avg=total.interval / years,
        previous_avg=previous_plan / years,
        known=tuple((y, *known[y]) for y in sorted(known)),
        missing=tuple(missing),
        **optional,
    )


def foreign_investment(ds, lang: str, w=None) -> Section:
    """Foreign direct investment: level, growth, rank, the five-year total against the previous plan, what that
    total requires of the years published only in dollars; one chart of the years known in yuan."""
    f1, g, rank = _fig(ds, "fdi"), _fig(ds, "fdi_growth"), _fig(ds, "fdi_rank")
    total, vs13 = _fig(ds, "fdi_total"), _fig(ds, "fdi_total_growth")
    w = wnd.as_window(ds, w)
    c = fdi_years(ds)
    s = Section(fmt.t(lang, "open_h_fdi"))
    for f in (f1, g, rank, total, vs13):
        s.state(f)
    plan, previous_plan = f"{c.start}_{c.end}", c.previous_plan_period.replace("-", "_")
    s.derive(f"fdi_{c.year - 1}_implied_yuan_100m", c.implied_prev)
    s.derive(f"fdi_{previous_plan}_implied_min_yuan_100m", c.previous_plan.lo)
    s.derive(f"fdi_{plan}_avg_min_yuan_100m", c.avg.lo)
    s.derive(f"fdi_{previous_plan}_avg_min_yuan_100m", c.previous_avg.lo)
    year, prev = fmt.period(f1.period, lang), fmt.period(str(c.year - 1), lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_fdi",
            year=year,
            v=fmt.printed(f1, lang),
            g=fmt.printed(g, lang),
            rank=fmt.rank(rank.value, lang),
            prev=prev,
            implied=fmt.amount_range(c.implied_prev, f1.unit, lang, 1),
        )
    )
    if c.change_to_prev is not None:
        assert c.earlier is not None  # set with change_to_prev
        s.derive(f"fdi_{c.earlier_year}_published_yuan_100m", c.earlier.mid)
        s.derive(f"fdi_change_{c.earlier_year}_{c.year - 1}_pct", c.change_to_prev)
        falling = c.change_to_prev.mid < 0
        s.paragraphs[-1] += fmt.t(
            lang,
            "open_p_fdi_earlier",
            earlier_year=fmt.period(str(c.earlier_year), lang),
            prev=prev,
            earlier=fmt.amount(c.earlier.mid, f1.unit, lang, 1),
            change=fmt.amount(abs(c.change_to_prev.mid), "%", lang, 0),
            direction=fmt.t(lang, "open_fell" if falling else "open_rose"),
        )
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_fdi_plans",
            period=fmt.period(total.period, lang),
            total=fmt.printed(total, lang),
            vs=fmt.printed(vs13, lang),
            previous_period=fmt.period(c.previous_plan_period, lang),
            previous=fmt.amount(c.previous_plan.lo, total.unit, lang, 0, "over"),
            avg=fmt.amount(c.avg.lo, total.unit, lang, 0, "over"),
            previous_avg=fmt.amount(c.previous_avg.lo, total.unit, lang, 0, "over"),
        )
    )
    if c.missing_min_rate is not None:
        assert c.missing_need is not None and c.missing_usd is not None  # set with missing_min_rate
        missing = "_".join(str(y) for y in c.missing)  # the years the yuan series lacks, as they are
        s.derive(f"fdi_{missing}_required_min_yuan_100m", c.missing_need)
        s.derive(f"fdi_{missing}_published_usd_100m", c.missing_usd.mid)
        s.derive(f"fdi_{missing}_required_min_usd_cny", c.missing_min_rate)
        known_years = fmt.t(lang, "open_list_sep").join(
            fmt.t(lang, f"open_kind_{kind}", year=fmt.period(str(y), lang), v=fmt.amount(v.mid, "亿元", lang, 1))
            for y, v, kind in c.known
        )
        s.paragraphs.append(
            fmt.t(
                lang,
                "open_p_fdi_missing",
                period=fmt.period(total.period, lang),
                total=fmt.printed(total, lang),
                known=known_years,
                missing=fmt.period(f"{c.missing[0]}-{c.missing[-1]}", lang)
                if len(c.missing) > 1
                else fmt.period(str(c.missing[0]), lang),
                need=fmt.amount(c.missing_need, "亿元", lang, 0),
                usd=fmt.amount(c.missing_usd.mid, "亿美元", lang, 1),
                rate=fmt.number(c.missing_min_rate, 2, lang),
            )
        )
    state_checks(s, ds, (f1, g, rank, total, vs13), lang)
    s.charts += [c for c in [fdi_chart(ds, lang, c, w)] if c is not None]
    return s


@dataclass(frozen=True)
class ForeignFirms:
    """New foreign-invested firms: the national total implied by the plan's count and its share, the previous
    year implied by growth, and the article's year as a share of the plan's count."""

    national: Interval  # 万家
    implied_prev: Interval  # 万家
    share_of_period: Interval  # %


def foreign_firms_check(ds) -> ForeignFirms:
    """New foreign-invested firms: the national total implied by the five-year count and its share, the previous
    year implied by growth, and the article's year as a share of the five-year count."""
    n5, n5_share = _fig(ds, "fie_plan"), _fig(ds, "fie_plan_share")
    n1, n1_g = _fig(ds, "fie_year"), _fig(ds, "fie_growth")
    return ForeignFirms(
        national=n5.interval / (n5_share.interval / 100),
        implied_prev=m.implied_previous(n1.interval, n1_g.interval),
        share_of_period=m.share_pct(n1.interval, n5.interval),
    )


def foreign_firms(ds, lang: str) -> Section:
    """New foreign-invested firms: five-year count and national share, the year's count, growth and rank."""
    n5, n5_share = _fig(ds, "fie_plan"), _fig(ds, "fie_plan_share")
    n1, n1_g, n1_rank = _fig(ds, "fie_year"), _fig(ds, "fie_growth"), _fig(ds, "fie_rank")
    c = foreign_firms_check(ds)
    s = Section(fmt.t(lang, "open_h_fie"))
    for f in (n5, n5_share, n1, n1_g, n1_rank):
        s.state(f)
    plan = n5.period.replace("-", "_")
    s.derive(f"fie_new_national_{plan}_implied_firms_10k", c.national)
    s.derive(f"fie_new_{int(n1.period) - 1}_implied_firms_10k", c.implied_prev)
    s.derive(f"fie_new_{n1.period}_share_of_{plan}_pct", c.share_of_period)
    year, prev = fmt.period(n1.period, lang), fmt.period(str(int(n1.period) - 1), lang)
    s.paragraphs.append(
        fmt.t(
            lang,
            "open_p_fie",
            period=fmt.period(n5.period, lang),
            n5=fmt.printed(n5, lang),
            share=fmt.printed(n5_share, lang),
            national=_firms_range(c.national, lang),
            year=year,
            n1=fmt.printed(n1, lang),
            g=fmt.printed(n1_g, lang),
            rank=fmt.rank(n1_rank.value, lang),
            prev=prev,
            n_prev=_firms_range(c.implied_prev, lang, 2),
            share_of_five=fmt.amount_range(c.share_of_period, "%", lang, 0),
        )
    )
    return s


def fdi_chart(ds, lang: str, c: FdiYears, w=None) -> charts.Chart | None:
    """FDI in yuan by year of the window ``w``: published years, the previous year implied by growth, the
    article's year."""
    w = wnd.as_window(ds, w)
    frame = pd.DataFrame(
        [{"year": y, "fdi_yuan_100m": round(v.mid, 2), "kind": kind} for y, v, kind in c.known if w.holds(y)],
        columns=["year", "fdi_yuan_100m", "kind"],
    )
    if frame.empty:  # none of the window's years
        return None
    factor = _yuan_100m_factor(lang)
    colors = [{"implied": charts.CONTEXT, "published": PUBLISHED, "article": charts.ACCENT}[k] for k in frame["kind"]]
    labels = [str(y) + ("*" if k == "implied" else "") for y, k in zip(frame["year"], frame["kind"])]
    values = [v * factor for v in frame["fdi_yuan_100m"]]
    sources = sorted(set(ds.annual("fdi")["source"]))
    source = charts.source_line(ds, ["fdi"], lang, sources)
    return charts.bar_chart(
        "fdi",
        labels,
        values,
        [fmt.number(v, 1, lang) for v in values],
        fmt.t(lang, "open_chart_fdi"),
        source + fmt.t(lang, "open_note_implied_star"),
        ylabel=fmt.t(lang, "open_axis_yuan_100m"),
        colors=colors,
        data=frame,
    )


def window_growth(ds, lang: str, w=None) -> Section:
    """Average growth over the window of Shenzhen's trade, exports and imports, and of each peer's where
    series.csv has them (China's, by default)."""
    w = wnd.as_window(ds, w)
    growths = [wnd.growth_over(ds, indicator, w) for indicator in WINDOW_SERIES]
    growths += [
        wnd.growth_over(ds, indicator, w, region)
        for region in w.peers
        for indicator in WINDOW_SERIES
        if wnd.years_of(ds, indicator, region)
    ]
    return growth_section(ds, lang, w, growths)
