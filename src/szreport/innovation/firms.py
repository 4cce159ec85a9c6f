"""The innovation report's section on innovative firms: national high-tech enterprises and "little giant" firms,
with their annual series over the window (supplementary series of ``series.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import charts, fmt
from .. import metrics as m
from .. import window as wnd
from ..audit.sections import state_checks
from ..data import Dataset
from ..metrics import Interval
from ..report import Section
from .common import FIGURES, PUBLISHED


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


def enterprise_counts(ds: Dataset) -> EnterpriseCounts:
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


def enterprises(ds: Dataset, lang: str, w=None) -> Section:
    """National high-tech enterprises and "little giant" firms, with their annual series over the window ``w``
    (supplementary)."""
    w = wnd.as_window(ds, w)
    f = ds.find_all(FIGURES)
    ht_new, ht_total = f["hightech_new"], f["hightech_total"]
    lg_new, lg_total, lg_rank = f["giants_new"], f["giants_total"], f["giants_rank"]
    check = enterprise_counts(ds)
    s = Section(fmt.t(lang, "inn_h_enterprises"))
    for figure in (ht_new, ht_total, lg_new, lg_total, lg_rank):
        s.state(figure)
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


def hightech_chart(ds: Dataset, lang: str, w=None) -> charts.Chart | None:
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


def little_giants_chart(ds: Dataset, lang: str, check: EnterpriseCounts, w=None) -> charts.Chart | None:
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
