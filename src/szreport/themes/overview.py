"""The overview: the five headline "firsts", the headline figures of each theme, links to the theme reports.

The same headlines feed the landing page ``reports/index.html`` (see :mod:`szreport.build.index`).
"""

from __future__ import annotations

from szreport import fmt
from szreport.data.loader import Dataset
from szreport.present.partial import tolerant
from szreport.present.report import Section, figures_table
from szreport.present.words import needs_rows
from szreport.themes.findings import Finding, findings

# The five "firsts" of the article's lead, each with the figures its sentence states: (indicator, measure), the
# latest such figure of the data folder (figures are found by what they are, not by ids with years in them).
FIRSTS = {
    "first_industry": [("industry_double_first", "streak")],
    "first_rd": [("rd_intensity", "share"), ("rd_intensity", "rank")],
    "first_gii": [("gii_cluster", "rank")],
    "first_trade": [("trade", "level"), ("trade", "streak"), ("exports", "streak")],
    "first_little_giants": [("little_giants", "level"), ("little_giants", "rank")],
}
# Headline figures of the three themes, shown on the overview and the landing page: (indicator, measure), latest.
HEADLINE_FIGURES = {
    "economy": [("gdp", "level"), ("gdp", "cagr"), ("sei_va", "share"), ("industrial_output", "level")],
    "innovation": [
        ("rd_expenditure", "level"),
        ("rd_intensity", "share"),
        ("hightech_enterprises", "level"),
        ("little_giants", "level"),
    ],
    "opening_up": [("trade", "level"), ("services_trade", "level"), ("bri_trade", "share"), ("fdi", "level")],
}
# The number of "firsts" the article announces.
FIRSTS_COUNT = ("headline_firsts", "count")


def _held(ds: Dataset, wanted) -> list | None:
    """The latest figure of each (indicator, measure) of ``wanted``; None when the data folder lacks one."""
    try:
        return [ds.find(indicator, measure) for indicator, measure in wanted]
    except KeyError:
        return None


def headline_ids(ds: Dataset, theme: str) -> list[str]:
    """Ids of a theme's headline figures that this data folder has."""
    return [figures[0].id for wanted in HEADLINE_FIGURES[theme] if (figures := _held(ds, [wanted]))]


def held_firsts(ds: Dataset) -> dict[str, list]:
    """The "firsts" whose figures this data folder has: template key -> its figures."""
    return {key: figures for key, wanted in FIRSTS.items() if (figures := _held(ds, wanted))}


def first_sentences(ds: Dataset, lang: str) -> list[str]:
    """One generated sentence per "first" the data folder has the figures of, its numbers filled from them."""
    out: list[str] = []
    for key, figures in held_firsts(ds).items():
        values = {f"v{i}": fmt.stated(figure, lang) for i, figure in enumerate(figures)}
        values |= {f"v{i}_title": ds.meta(figure.indicator)[f"title_{lang}"] for i, figure in enumerate(figures)}
        out.append(fmt.t(lang, key, city=ds.subject.name(lang), **values))
    return out


def firsts(ds: Dataset, lang: str) -> Section:
    """The article's "firsts", one sentence each, after the number it announces (each only when the data have it;
    none at all: the section is left out)."""
    section = Section(fmt.t(lang, "h_firsts"))
    held = held_firsts(ds)
    counted = _held(ds, [FIRSTS_COUNT])
    section.omitted = not held
    for figures in held.values():
        for figure in figures:
            section.state(figure)
    if counted:
        section.state(count := counted[0])
        announced = fmt.stated(count, lang, fmt.number(count.value, 0, lang))
        section.paragraphs.append(fmt.t(lang, "p_firsts_intro", city=ds.subject.name(lang), n=announced))
    section.paragraphs.append(
        fmt.Md("\n").join(fmt.Md(f"{i + 1}. ") + text for i, text in enumerate(first_sentences(ds, lang)))
    )
    return section


def headlines(ds: Dataset, lang: str, theme: str) -> Section:
    """Headline figures of one theme, with a link to its report."""
    ids = headline_ids(ds, theme)
    section = Section(fmt.t(lang, f"title_{theme}", city=ds.subject.name(lang)), level=3, omitted=not ids)
    for figure_id in ids:
        section.state(ds.fig(figure_id))
    section.tables.append(("", figures_table(ds, ids, lang)))
    section.paragraphs.append(
        fmt.t(
            lang, "p_read_report", href=f"{theme}.html", title=fmt.t(lang, f"title_{theme}", city=ds.subject.name(lang))
        )
    )
    return section


# Reports the overview links to, in reading order.
LINKED_REPORTS = ["economy", "innovation", "opening_up", "audit", "outlook"]


@tolerant("h_growth_comparison", {})
def growth_comparison(ds: Dataset, lang: str) -> Section:
    """Average nominal growth of the headline levels over the plan, each computed from its two printed ends."""
    from szreport import metrics as m
    from szreport.charts import draw as charts

    trade_start = int(ds.find("trade", "increment", ending=ds.plan_end).period.split("-")[0])

    crossing = []  # indicators whose two ends are on either side of the census revision

    def ends(indicator: str) -> tuple:
        first, last = ds.find(indicator, "level", earliest=True), ds.find(indicator, "level")
        if {ds.vintage_of(first), ds.vintage_of(last)} == {"pre_census", "post_census"}:
            crossing.append(indicator)
        return indicator, first.interval_in("亿元"), int(first.period), last

    pairs = [ends("gdp"), ends("sei_va"), ends("rd_expenditure")]  # (indicator, start, start year, end figure)
    section = Section(fmt.t(lang, "h_growth_comparison"))
    try:  # the article gives no trade level for the start: it comes from the supplementary series
        pairs.append(
            (
                "trade",
                ds.annual_interval("trade", trade_start, unit="亿元"),
                trade_start,
                ds.find("trade", "level", ending=ds.plan_end),
            )
        )
    except KeyError:
        section.paragraphs.append(
            needs_rows(lang, "what_trade_growth_comparison", [f"series:{ds.subject.region}/trade/{trade_start}"], ds)
        )
    rows = []
    for indicator, start, start_year, end in pairs:
        years = int(end.period) - start_year
        if years <= 0:  # the article gives one level only: no growth to compare
            continue
        cagr = m.cagr_pct(start, end.interval_in("亿元"), years)
        section.derive(f"{indicator}_nominal_cagr_{start_year}_{end.period}_pct", cagr)
        rows.append(
            {
                "indicator": indicator,
                "start_year": start_year,
                "end_year": int(end.period),
                "cagr_pct": round(cagr.mid, 3),
                "cagr_low_pct": round(cagr.lo, 3),
                "cagr_high_pct": round(cagr.hi, 3),
            }
        )
    if not rows:  # no headline level with two ends in this data folder
        section.omitted = True
        return section
    import pandas as pd

    frame = pd.DataFrame(rows)
    labels = [
        ds.meta(r["indicator"])["title_" + lang] + "\n" + fmt.period(f"{r['start_year']}-{r['end_year']}", lang)
        for r in rows
    ]
    trade = ds.annual("trade")
    trade_source = trade.loc[trade["year"] == trade_start, "source"].tolist() if len(pairs) == 4 else []
    section.charts.append(
        charts.bar_chart(
            "headline_growth",
            labels,
            list(frame["cagr_pct"]),
            [fmt.amount(v, "%", lang, 1) for v in frame["cagr_pct"]],
            fmt.t(lang, "chart_headline_growth"),
            charts.source_line(ds, [r["indicator"] for r in rows], lang, trade_source),
            ylabel="%",
            data=frame,
            horizontal=True,
        )
    )
    fastest = max(rows, key=lambda r: r["cagr_pct"])
    span_of = {r["indicator"]: fmt.period(f"{r['start_year']}-{r['end_year']}", lang) for r in rows}
    section.paragraphs.append(
        fmt.t(
            lang,
            "p_growth_comparison",
            fastest=ds.meta(fastest["indicator"])["title_" + lang],
            rate=fmt.amount(fastest["cagr_pct"], "%", lang, 1),
            period=span_of[fastest["indicator"]],
            gdp=fmt.amount(rows[0]["cagr_pct"], "%", lang, 1),
            gdp_period=span_of[rows[0]["indicator"]],
        )
    )
    if len(set(span_of.values())) > 1:  # e.g. R&D spending is published to 2024 only: say so, per indicator
        section.paragraphs.append(
            fmt.t(
                lang,
                "p_growth_spans",
                items=fmt.t(lang, "win_list_sep").join(
                    fmt.t(lang, "win_region_label", region=ds.meta(i)["title_" + lang], label=p)
                    for i, p in span_of.items()
                ),
            )
        )
    if crossing:
        section.paragraphs.append(
            fmt.t(
                lang,
                "p_growth_census",
                items=fmt.t(lang, "win_list_sep").join(ds.meta(i)["title_" + lang] for i in crossing),
            )
        )
    return section


def links(ds: Dataset, lang: str) -> Section:
    """Links to the other reports in the same language."""
    section = Section(fmt.t(lang, "h_reports"))
    section.paragraphs.append(
        fmt.Md("\n").join(
            fmt.Md("- [")
            + fmt.t(lang, f"title_{name}", city=ds.subject.name(lang))
            + fmt.Md(f"]({name}.html) — ")
            + fmt.t(lang, f"about_{name}")
            for name in LINKED_REPORTS
        )
    )
    return section


# The overview's key findings (szreport.themes.findings): one per theme, from the headline figures and firsts.
FINDINGS: list[Finding] = [
    ("find_ov_gdp", {"gdp": ("gdp", "level", "latest"), "cagr": ("gdp", "cagr", "latest")}),
    ("find_ov_rd", {"intensity": ("rd_intensity", "share", "latest"), "rank": ("rd_intensity", "rank", "latest")}),
    ("find_ov_trade", {"trade": ("trade", "level", "latest"), "streak": ("exports", "streak", "latest")}),
    ("find_ov_giants", {"giants": ("little_giants", "level", "latest"), "rank": ("little_giants", "rank", "latest")}),
]


def key_findings(ds: Dataset, lang: str) -> Section:
    """Four takeaways of the whole record, each stating its figures with their verdict badges."""
    return findings(ds, lang, FINDINGS)
