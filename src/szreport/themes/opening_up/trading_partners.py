"""The opening-up report's markets section: Belt and Road trade and the trading partners the article names, their
shares of total trade, what their growth implies for trade with everyone else, and the chart of the partners.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from szreport import fmt
from szreport import metrics as m
from szreport.audit.report.sections import state_checks
from szreport.charts import draw as charts
from szreport.data.loader import Dataset, Figure
from szreport.metrics import Interval
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.opening_up.common import FIGURES, _fig, _signed_pct, _yuan_100m_factor


@dataclass(frozen=True)
class Partner:
    """A trading partner the article names: its trade and growth as printed, the previous year implied by the
    growth and its share of the city's total trade."""

    key: str  # as in the figure ids, e.g. hong_kong
    level: Figure
    growth: Figure
    implied_prev: Interval  # in the level's unit
    share: Interval  # % of total trade


def partners(ds: Dataset) -> tuple[Partner, ...]:
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


def markets_check(ds: Dataset) -> Markets:
    """The named partners together against total trade, and what their growth implies for trade with everyone
    else. (The Belt and Road share is checked by its claim in claims.csv.)"""
    total, trade_growth = _fig(ds, "trade"), _fig(ds, "trade_growth")
    total_100m = total.interval_in("亿元")
    rows = partners(ds)
    named = sum((r.level.interval for r in rows), Interval(0, 0))
    named_prev = sum((r.implied_prev for r in rows), Interval(0, 0))
    total_prev = m.implied_previous(total_100m, trade_growth.interval)
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


@tolerant("open_h_markets", FIGURES, "bri_trade")
def markets(ds: Dataset, lang: str) -> Section:
    """Belt and Road trade and the five partners the article names: levels, growth, implied previous year,
    shares of total trade, and the implied change in trade with everyone else; one chart of the partners."""
    bri, bri_share = _fig(ds, "bri"), _fig(ds, "bri_share")
    trade_growth = _fig(ds, "trade_growth")
    checked_markets = markets_check(ds)
    section = Section(fmt.t(lang, "open_h_markets"))
    for figure in (bri, bri_share):
        section.state(figure)
    bri_year = int(bri.period)
    year = fmt.period(bri.period, lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_bri",
            city=ds.subject.name(lang),
            year=year,
            v=fmt.stated(bri, lang),
            share=fmt.stated(bri_share, lang),
        )
    )
    state_checks(section, ds, (bri, bri_share), lang)
    items = []
    for partner in checked_markets.partners:
        section.state(partner.level)
        section.state(partner.growth)
        section.derive(f"trade_{partner.key}_{int(partner.level.period) - 1}_implied_yuan_100m", partner.implied_prev)
        section.derive(f"trade_{partner.key}_share_{partner.level.period}_pct", partner.share)
        items.append(
            fmt.t(
                lang,
                "open_partner_item",
                name=fmt.t(lang, f"open_partner_{partner.key}"),
                v=fmt.stated(partner.level, lang),
                g=fmt.stated(partner.growth, lang),
                share=fmt.amount(partner.share.mid, "%", lang, 1),
            )
        )
    section.derive(f"trade_named_partners_{bri_year}_yuan_100m", checked_markets.named)
    section.derive(f"trade_named_partners_share_{bri_year}_pct", checked_markets.named_share)
    section.derive(f"trade_named_partners_growth_{bri_year}_pct", checked_markets.named_growth)
    section.derive(f"trade_other_partners_{bri_year}_yuan_100m", checked_markets.rest)
    section.derive(f"trade_other_partners_growth_{bri_year}_pct", checked_markets.rest_growth)
    prev = fmt.period(str(int(bri.period) - 1), lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_partners",
            city=ds.subject.name(lang),
            year=year,
            n=fmt.number(len(items), 0, lang),
            items=fmt.t(lang, "open_list_sep").join(items),
            named=fmt.amount(checked_markets.named.mid, "亿元", lang, 0),
            named_share=fmt.about(checked_markets.named_share, "%", lang, 1),
            named_prev=fmt.amount(checked_markets.named_prev.mid, "亿元", lang, 0),
            prev=prev,
            named_growth=fmt.about(checked_markets.named_growth, "%", lang, 1),
            g=fmt.stated(trade_growth, lang),
        )
    )
    rest_g = checked_markets.rest_growth
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_rest_decline" if rest_g.hi < 0 else "open_p_rest_change",
            city=ds.subject.name(lang),
            year=year,
            rest=fmt.amount(checked_markets.rest.mid, "亿元", lang, 0),
            decline=fmt.about(-rest_g, "%", lang, 1),
            change=fmt.about(rest_g, "%", lang, 1),
        )
    )
    section.charts.append(partners_chart(ds, lang, checked_markets))
    return section


def partners_chart(ds: Dataset, lang: str, checked_markets: Markets) -> charts.Chart:
    """The named partners: trade in the article's year against the previous year implied by its growth."""
    rows = checked_markets.partners
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
        fmt.t(lang, "open_chart_partners", city=ds.subject.name(lang)),
        source,
        xlabel=fmt.t(lang, "open_axis_yuan_100m"),
        colors=[charts.ACCENT, charts.CONTEXT],
        data=data,
    )
