"""The opening-up report's foreign-investment sections: foreign direct investment (level, growth, the five-year
total against the previous plan's, what that total requires of the years published only in dollars, the chart
of the years known in yuan) and new foreign-invested firms.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

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
from szreport.themes.opening_up.common import FIGURES, PUBLISHED, _fig, _firms_range, _yuan_100m_factor


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


def fdi_years(ds: Dataset) -> FdiYears:
    """Foreign direct investment: previous year implied by growth; the 13th plan's total implied by the 14th's
    (over 3000亿元, +18.9%); and what the five-year total requires of the years only published in dollars."""
    f1, growth = _fig(ds, "fdi"), _fig(ds, "fdi_growth")
    total, vs13 = _fig(ds, "fdi_total"), _fig(ds, "fdi_total_growth")
    year = int(f1.period)
    start, end = (int(y) for y in total.period.split("-"))
    years = end - start + 1
    implied_prev = m.implied_previous(f1.interval, growth.interval)
    previous_plan = total.interval / (1 + vs13.interval / 100)
    known: dict[int, tuple[Interval, str]] = {year: (f1.interval, "article"), year - 1: (implied_prev, "implied")}
    for plan_year in range(start, end + 1):
        if plan_year not in known:
            with contextlib.suppress(KeyError):  # a year the yuan series lacks stays missing
                known[plan_year] = (ds.annual_interval("fdi", plan_year, unit="亿元"), "published")
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


@tolerant("open_h_fdi", FIGURES, "fdi")
def foreign_investment(ds: Dataset, lang: str, window=None) -> Section:
    """Foreign direct investment: level, growth, rank, the five-year total against the previous plan, what that
    total requires of the years published only in dollars; one chart of the years known in yuan."""
    f1, growth, rank = _fig(ds, "fdi"), _fig(ds, "fdi_growth"), _fig(ds, "fdi_rank")
    total, vs13 = _fig(ds, "fdi_total"), _fig(ds, "fdi_total_growth")
    window = wnd.as_window(ds, window)
    fdi = fdi_years(ds)
    section = Section(fmt.t(lang, "open_h_fdi"))
    for figure in (f1, growth, rank, total, vs13):
        section.state(figure)
    plan, previous_plan = f"{fdi.start}_{fdi.end}", fdi.previous_plan_period.replace("-", "_")
    implied = section.derive(
        f"fdi_{fdi.year - 1}_implied_yuan_100m",
        fdi.implied_prev,
        provenance.implied_previous(f1, growth, lang),
        fmt.about(fdi.implied_prev, f1.unit, lang, 1),
    )
    section.derive(f"fdi_{previous_plan}_implied_min_yuan_100m", fdi.previous_plan.lo)
    section.derive(f"fdi_{plan}_avg_min_yuan_100m", fdi.avg.lo)
    section.derive(f"fdi_{previous_plan}_avg_min_yuan_100m", fdi.previous_avg.lo)
    year, prev = fmt.period(f1.period, lang), fmt.period(str(fdi.year - 1), lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_fdi",
            city=ds.subject.name(lang),
            year=year,
            v=fmt.stated(f1, lang),
            g=fmt.stated(growth, lang),
            rank=fmt.stated(rank, lang),
            prev=prev,
            implied=implied,
        )
    )
    if fdi.change_to_prev is not None:
        assert fdi.earlier is not None  # set with change_to_prev
        section.derive(f"fdi_{fdi.earlier_year}_published_yuan_100m", fdi.earlier.mid)
        section.derive(f"fdi_change_{fdi.earlier_year}_{fdi.year - 1}_pct", fdi.change_to_prev)
        falling = fdi.change_to_prev.mid < 0
        section.paragraphs[-1] += fmt.t(
            lang,
            "open_p_fdi_earlier",
            earlier_year=fmt.period(str(fdi.earlier_year), lang),
            prev=prev,
            earlier=fmt.amount(fdi.earlier.mid, f1.unit, lang, 1),
            change=fmt.amount(abs(fdi.change_to_prev.mid), "%", lang, 0),
            direction=fmt.t(lang, "open_fell" if falling else "open_rose"),
        )
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_fdi_plans",
            period=fmt.period(total.period, lang),
            total=fmt.stated(total, lang),
            vs=fmt.stated(vs13, lang),
            previous_period=fmt.period(fdi.previous_plan_period, lang),
            previous=fmt.amount(fdi.previous_plan.lo, total.unit, lang, 0, "over"),
            avg=fmt.amount(fdi.avg.lo, total.unit, lang, 0, "over"),
            previous_avg=fmt.amount(fdi.previous_avg.lo, total.unit, lang, 0, "over"),
        )
    )
    if fdi.missing_min_rate is not None:
        assert fdi.missing_need is not None and fdi.missing_usd is not None  # set with missing_min_rate
        missing = "_".join(str(y) for y in fdi.missing)  # the years the yuan series lacks, as they are
        section.derive(f"fdi_{missing}_required_min_yuan_100m", fdi.missing_need)
        section.derive(f"fdi_{missing}_published_usd_100m", fdi.missing_usd.mid)
        section.derive(f"fdi_{missing}_required_min_usd_cny", fdi.missing_min_rate)
        known_years = fmt.t(lang, "open_list_sep").join(
            fmt.t(lang, f"open_kind_{kind}", year=fmt.period(str(y), lang), v=fmt.amount(v.mid, "亿元", lang, 1))
            for y, v, kind in fdi.known
        )
        section.paragraphs.append(
            fmt.t(
                lang,
                "open_p_fdi_missing",
                period=fmt.period(total.period, lang),
                total=fmt.stated(total, lang),
                known=known_years,
                missing=fmt.period(f"{fdi.missing[0]}-{fdi.missing[-1]}", lang)
                if len(fdi.missing) > 1
                else fmt.period(str(fdi.missing[0]), lang),
                need=fmt.amount(fdi.missing_need, "亿元", lang, 0),
                usd=fmt.amount(fdi.missing_usd.mid, "亿美元", lang, 1),
                rate=fmt.number(fdi.missing_min_rate, 2, lang),
            )
        )
    state_checks(section, ds, (f1, growth, rank, total, vs13), lang)
    section.charts += [c for c in [fdi_chart(ds, lang, fdi, window)] if c is not None]
    return section


@dataclass(frozen=True)
class ForeignFirms:
    """New foreign-invested firms: the national total implied by the plan's count and its share, the previous
    year implied by growth, and the article's year as a share of the plan's count."""

    national: Interval  # 万家
    implied_prev: Interval  # 万家
    share_of_period: Interval  # %


def foreign_firms_check(ds: Dataset) -> ForeignFirms:
    """New foreign-invested firms: the national total implied by the five-year count and its share, the previous
    year implied by growth, and the article's year as a share of the five-year count."""
    n5, n5_share = _fig(ds, "fie_plan"), _fig(ds, "fie_plan_share")
    n1, n1_g = _fig(ds, "fie_year"), _fig(ds, "fie_growth")
    return ForeignFirms(
        national=n5.interval / (n5_share.interval / 100),
        implied_prev=m.implied_previous(n1.interval, n1_g.interval),
        share_of_period=m.share_pct(n1.interval, n5.interval),
    )


@tolerant("open_h_fie", FIGURES, "fie_new")
def foreign_firms(ds: Dataset, lang: str) -> Section:
    """New foreign-invested firms: five-year count and national share, the year's count, growth and rank."""
    n5, n5_share = _fig(ds, "fie_plan"), _fig(ds, "fie_plan_share")
    n1, n1_g, n1_rank = _fig(ds, "fie_year"), _fig(ds, "fie_growth"), _fig(ds, "fie_rank")
    check = foreign_firms_check(ds)
    section = Section(fmt.t(lang, "open_h_fie"))
    for figure in (n5, n5_share, n1, n1_g, n1_rank):
        section.state(figure)
    plan = n5.period.replace("-", "_")
    section.derive(f"fie_new_national_{plan}_implied_firms_10k", check.national)
    section.derive(f"fie_new_{int(n1.period) - 1}_implied_firms_10k", check.implied_prev)
    section.derive(f"fie_new_{n1.period}_share_of_{plan}_pct", check.share_of_period)
    year, prev = fmt.period(n1.period, lang), fmt.period(str(int(n1.period) - 1), lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_fie",
            city=ds.subject.name(lang),
            period=fmt.period(n5.period, lang),
            n5=fmt.stated(n5, lang),
            share=fmt.stated(n5_share, lang),
            national=_firms_range(check.national, lang),
            year=year,
            n1=fmt.stated(n1, lang),
            g=fmt.stated(n1_g, lang),
            rank=fmt.rank(n1_rank.value, lang),
            prev=prev,
            n_prev=_firms_range(check.implied_prev, lang, 2),
            share_of_five=fmt.about(check.share_of_period, "%", lang, 0),
        )
    )
    state_checks(section, ds, (n5, n5_share, n1, n1_g, n1_rank), lang)
    return section


def fdi_chart(ds: Dataset, lang: str, fdi: FdiYears, window=None) -> charts.Chart | None:
    """FDI in yuan by year of the window ``window``: published years, the previous year implied by growth, the
    article's year."""
    window = wnd.as_window(ds, window)
    frame = pd.DataFrame(
        [{"year": y, "fdi_yuan_100m": round(v.mid, 2), "kind": kind} for y, v, kind in fdi.known if window.holds(y)],
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
        fmt.t(lang, "open_chart_fdi", city=ds.subject.name(lang)),
        source + fmt.t(lang, "open_note_implied_star"),
        ylabel=fmt.t(lang, "open_axis_yuan_100m"),
        colors=colors,
        data=frame,
    )
