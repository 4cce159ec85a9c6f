"""Strategic emerging industries: value added, its growth and share of GDP over the plan."""

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
from szreport.themes.economy.common import FIGURES
from szreport.themes.lookup import FiguresOf


@dataclass(frozen=True)
class SeiChange:
    """Strategic emerging industries over the article's period, on rounding intervals: increment, nominal average
    growth, and the share of GDP at the start recomputed against the GDP of the same vintage. The start's vintage
    is that of the same value in series.csv (the article's 1.03万亿元 for 2020 is the figure published before the
    fifth economic census; the article restates GDP 2020 but not this one), so the start's share is worked out
    against GDP first published for that year, and a period crossing the census revision is flagged: its growth
    includes the revision."""

    start: Figure
    end: Figure
    share: Figure
    years: int
    increment: Interval
    nominal_cagr_pct: Interval
    share_start_pct: Interval
    start_vintage: str  # pre_census, post_census or current
    end_vintage: str
    gdp_start: Interval  # 亿元, GDP of the start year on the start's vintage
    gdp_start_source: str  # "article" or the series.csv source of that GDP
    gdp_start_ref: str = ""  # that GDP as a reference (fig:<id>, or series:<subject>/gdp/<year>@pre_census)

    @property
    def crosses_census(self) -> bool:
        return {self.start_vintage, self.end_vintage} == {"pre_census", "post_census"}


def sei_change(ds: Dataset) -> SeiChange:
    figures = FiguresOf(ds, {k: FIGURES[k] for k in ("sei_start", "sei_end", "sei_share")})
    s0, s1 = figures["sei_start"], figures["sei_end"]
    years = int(s1.period) - int(s0.period)
    start_vintage, end_vintage = ds.vintage_of(s0), ds.vintage_of(s1)
    gdp_figure = ds.find("gdp", "level", s0.period)
    if start_vintage == "pre_census":  # the article's GDP for that year is restated: take the one first published
        gdp = ds.annual("gdp", vintages=("pre_census",))
        row = gdp[gdp["year"] == int(s0.period)]
        gdp_start = m.value_interval(row["value_text"].iloc[0], row["unit"].iloc[0], row["qualifier"].iloc[0])
        gdp_start, gdp_source = m.convert(gdp_start, row["unit"].iloc[0], "亿元"), str(row["source"].iloc[0])
        gdp_ref = f"series:{ds.subject.region}/gdp/{s0.period}@pre_census"
    else:
        gdp_start, gdp_source, gdp_ref = gdp_figure.interval_in("亿元"), "article", f"fig:{gdp_figure.id}"
    return SeiChange(
        s0,
        s1,
        figures["sei_share"],
        years,
        m.increment(s0.interval, s1.interval),
        m.cagr_pct(s0.interval, s1.interval, years),
        m.share_pct(s0.interval_in("亿元"), gdp_start),
        start_vintage,
        end_vintage,
        gdp_start,
        gdp_source,
        gdp_ref,
    )


@tolerant("h_sei", FIGURES, "sei_va")
def emerging_industries(ds: Dataset, lang: str, window=None) -> Section:
    """Strategic emerging industries (:func:`sei_change`): levels, growth and share of GDP, recomputed within
    rounding; the chart shows the years of the window ``window``."""
    window = wnd.as_window(ds, window)
    change = sei_change(ds)
    s0, s1, share = change.start, change.end, change.share
    inc, cagr, share20 = change.increment, change.nominal_cagr_pct, change.share_start_pct
    section = Section(fmt.t(lang, "h_sei"))
    for figure in (s0, s1, share):
        section.state(figure)
    inc_text = section.derive(
        f"sei_increment_{span(s0, s1)}_yuan_trillion",
        inc,
        provenance.between("prov_formula_increment", s0, s1, lang),
        fmt.about(inc, s1.unit, lang, 2),
    )
    cagr_text = section.derive(
        f"sei_nominal_cagr_{span(s0, s1)}_pct",
        cagr,
        provenance.between("prov_formula_cagr", s0, s1, lang, years=change.years),
        fmt.about(cagr, "%", lang, 1),
    )
    share20_text = section.derive(
        f"sei_share_gdp_{s0.period}_recomputed_pct",
        share20,
        provenance.Derivation(
            "prov_formula_share", (f"fig:{s0.id}", change.gdp_start_ref), {"year": fmt.period(s0.period, lang)}
        ),
        fmt.about(share20, "%", lang, 1),
    )
    section.derive(f"sei_va_{s0.period}_vintage", change.start_vintage)
    # Across the census the two ends are on different bases: the average growth section says no growth can be
    # worked out from them, so the sentence does not state one (the figure stays recorded, with its provenance).
    section.paragraphs.append(
        fmt.t(
            lang,
            "p_sei_across_census" if change.crosses_census else "p_sei",
            start=fmt.period(s0.period, lang),
            v0=fmt.stated(s0, lang),
            v1=fmt.stated(s1, lang),
            inc=inc_text,
            cagr=cagr_text,
            share=fmt.stated(share, lang),
            share20=share20_text,
        )
    )
    if change.crosses_census:
        section.paragraphs.append(
            fmt.t(
                lang,
                "p_sei_census",
                start=fmt.period(s0.period, lang),
                end=fmt.period(s1.period, lang),
                gdp=fmt.amount(change.gdp_start.mid, "亿元", lang, 2),
            )
        )
    state_checks(section, ds, (s0, s1, share), lang)
    annual = ds.annual("sei_share_gdp")
    frame = pd.DataFrame(
        [{"year": int(s0.period), "share_pct": share20.mid, "kind": "recomputed"}]
        + [
            {"year": int(year), "share_pct": value, "kind": "published"}
            for year, value in zip(annual["year"], annual["value"])
        ]
    )
    frame = window.clip(frame.drop_duplicates("year", keep="last").sort_values("year"))
    colors = [charts.CONTEXT if k == "recomputed" else charts.ACCENT for k in frame["kind"]]
    labels = [str(y) + ("*" if k == "recomputed" else "") for y, k in zip(frame["year"], frame["kind"])]
    source = charts.source_line(ds, ["sei_va", "sei_share_gdp"], lang, sorted(set(annual["source"])))
    if frame.empty:
        return section
    section.charts.append(
        charts.bar_chart(
            "sei_share_gdp",
            labels,
            list(frame["share_pct"]),
            [fmt.number(v, 1, lang) + "%" for v in frame["share_pct"]],
            fmt.t(lang, "chart_sei_share"),
            source + fmt.t(lang, "note_recomputed_star"),
            ylabel="%",
            colors=colors,
            data=frame,
        )
    )
    return section
