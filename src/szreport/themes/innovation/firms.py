"""The innovation report's section on innovative firms: national high-tech enterprises and "little giant" firms,
with their annual series over the window (supplementary series of ``series.csv``).
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
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.innovation.common import FIGURES, PUBLISHED
from szreport.themes.lookup import FiguresOf


@dataclass(frozen=True)
class EnterpriseCounts:
    """High-tech enterprises and "little giants". The article's new ones are gross additions (新增: newly
    certified or designated), not the change of the total: firms also leave (a certification lapses after three
    years unless renewed; a designation fails its review). The additions bound the change from below, so the
    stock at the start was at least the stock at the end less the additions. (The claim that the additions are
    no fewer than the net change of the total is judged by the audit, in claims.csv.)"""

    ht_years: int  # years of certifications the article's count covers
    ht_new_per_year: Interval  # firms certified a year, on average (gross)
    ht_start_year: int  # the year end before the first year of certifications
    ht_start_at_least: Interval  # firms at ht_start_year's end: at least the end's stock less the additions
    lg_prev_year: int
    lg_prev_published: float | None = None  # firms, when series.csv has the previous year


def enterprise_counts(ds: Dataset) -> EnterpriseCounts:
    """High-tech enterprises and "little giants": yearly average of new certifications, the least stock at the
    start the additions allow, and the little giants' previous total as published (series.csv)."""
    figures = FiguresOf(ds, FIGURES)
    ht_new, ht_total, lg_total = figures["hightech_new"], figures["hightech_total"], figures["giants_total"]
    years = m.period_years(ht_new.period) + 1  # 2021-2025 counts five years of certifications
    prev_year = int(lg_total.period) - 1
    try:
        published_prev = ds.annual_value("little_giants", prev_year)
    except KeyError:  # the claim's verdict names the row to add
        published_prev = None
    end = ht_total.interval_in("家")
    return EnterpriseCounts(
        ht_years=years,
        ht_new_per_year=ht_new.interval / years,
        ht_start_year=int(ht_new.period.split("-")[0]) - 1,
        ht_start_at_least=Interval(max(end.lo - ht_new.interval.hi, 0.0), math.inf),
        lg_prev_year=prev_year,
        lg_prev_published=published_prev,
    )


@tolerant("inn_h_enterprises", FIGURES, "hightech_enterprises", "little_giants")
def enterprises(ds: Dataset, lang: str, window=None) -> Section:
    """National high-tech enterprises and "little giant" firms, with their annual series over the window ``window``
    (supplementary)."""
    window = wnd.as_window(ds, window)
    figures = FiguresOf(ds, FIGURES)
    ht_new, ht_total = figures["hightech_new"], figures["hightech_total"]
    lg_new, lg_total, lg_rank = figures["giants_new"], figures["giants_total"], figures["giants_rank"]
    check = enterprise_counts(ds)
    section = Section(fmt.t(lang, "inn_h_enterprises"))
    for figure in (ht_new, ht_total, lg_new, lg_total, lg_rank):
        section.state(figure)
    section.derive(f"hightech_enterprises_new_per_year_{ht_new.period.replace('-', '_')}_firms", check.ht_new_per_year)
    section.derive(f"hightech_enterprises_{check.ht_start_year}_at_least_firms", check.ht_start_at_least.lo)
    if check.lg_prev_published is not None:
        section.derive(f"little_giants_{check.lg_prev_year}_published_firms", check.lg_prev_published)
    section.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_hightech",
            city=ds.subject.name(lang),
            period=fmt.period(ht_new.period, lang),
            new=fmt.amount(ht_new.value, "家", lang, 0),
            total=fmt.stated(ht_total, lang),
            per_year=fmt.amount(check.ht_new_per_year.mid, "家", lang, 0),
            start=fmt.period(str(check.ht_start_year), lang),
            start_stock=fmt.amount(check.ht_start_at_least.lo / 1e4, "万家", lang, 2, "at_least"),
        )
    )
    section.charts += [c for c in [hightech_chart(ds, lang, window)] if c is not None]
    section.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_little_giants",
            city=ds.subject.name(lang),
            year=fmt.period(lg_total.period, lang),
            new=fmt.amount(lg_new.value, "家", lang, 0),
            total=fmt.amount(lg_total.value, "家", lang, 0),
            rank=fmt.rank(lg_rank.value, lang),
        )
    )
    state_checks(section, ds, (ht_new, ht_total, lg_new, lg_total, lg_rank), lang)
    section.charts += [c for c in [little_giants_chart(ds, lang, window)] if c is not None]
    return section


def hightech_chart(ds: Dataset, lang: str, window=None) -> charts.Chart | None:
    """National high-tech enterprises at each year end of the window ``window`` (supplementary series; the last year
    is the article's)."""
    ht_total = ds.find(*FIGURES["hightech_total"][:2])
    table = wnd.as_window(ds, window).clip(ds.annual("hightech_enterprises", unit="家"))
    if table.empty:  # none of the window's years
        return None
    frame = pd.DataFrame(
        {"year": table["year"], "firms": table["value"], "qualifier": table["qualifier"], "source": table["source"]}
    )
    article_year = int(ht_total.period)
    colors = [charts.ACCENT if y == article_year else PUBLISHED for y in frame["year"]]
    printed = wnd.as_window(ds, window).clip(ds.annual("hightech_enterprises"))  # as published: 2.47万家, 超2.5万家
    labels = [
        fmt.amount(float(text), unit, lang, m.decimals_of(text), q)
        for text, unit, q in zip(printed["value_text"], printed["unit"], printed["qualifier"])
    ]
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


def little_giants_chart(ds: Dataset, lang: str, window=None) -> charts.Chart | None:
    """Published totals of "little giants" by year of the window ``window`` (the last one the article's). No year is
    worked back from the year's new firms: they are gross additions, not the change of the total."""
    table = wnd.as_window(ds, window).clip(ds.annual("little_giants", unit="家"))
    if table.empty:  # none of the window's years
        return None
    lg_total = ds.find(*FIGURES["giants_total"][:2])
    frame = pd.DataFrame(
        {
            "year": table["year"].astype(int),
            "firms": table["value"],
            "kind": ["article" if int(y) == int(lg_total.period) else "published" for y in table["year"]],
        }
    ).reset_index(drop=True)
    colors = [{"published": PUBLISHED, "article": charts.ACCENT}[k] for k in frame["kind"]]
    source = charts.source_line(ds, ["little_giants"], lang, sorted(set(table["source"])))
    return charts.bar_chart(
        "little_giants",
        [str(y) for y in frame["year"]],
        list(frame["firms"]),
        [fmt.number(v, 0, lang) for v in frame["firms"]],
        fmt.t(lang, "inn_chart_little_giants"),
        source + fmt.t(lang, "inn_note_article_bars"),
        ylabel=fmt.t(lang, "inn_axis_firms"),
        colors=colors,
        data=frame,
    )
