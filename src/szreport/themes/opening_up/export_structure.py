"""The opening-up report's section on exports led by new products: new-technology exports (ranked first
nationally) and the "new three" green products, against the city's exports (``series.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass

from szreport import fmt
from szreport import metrics as m
from szreport.data.loader import Dataset
from szreport.metrics import Interval
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.opening_up.common import FIGURES, _fig


@dataclass(frozen=True)
class ExportStructure:
    """New-technology exports: the previous year implied by growth, the national total implied by their share,
    and both product groups' shares of the city's exports."""

    year: int
    implied_prev: Interval  # 亿元
    national: Interval  # 亿元
    exports: Interval  # 亿元, the city's exports (series.csv)
    exports_value: float  # 亿元
    newtech_share_exports: Interval  # %
    new_three_share_exports: Interval  # %


def structure_check(ds: Dataset) -> ExportStructure:
    """Exports led by new products: previous year implied by growth, the national total implied by the "about a
    quarter" share, and both groups' shares of the city's exports (series.csv)."""
    nt, growth, share = _fig(ds, "newtech"), _fig(ds, "newtech_growth"), _fig(ds, "newtech_share")
    n3 = _fig(ds, "new_three")
    year = int(nt.period)
    exports = ds.annual_interval("exports", year, unit="亿元")
    return ExportStructure(
        year=year,
        implied_prev=m.implied_previous(nt.interval, growth.interval),
        national=nt.interval / (share.interval / 100),
        exports=exports,
        exports_value=ds.annual_value("exports", year, unit="亿元"),
        newtech_share_exports=m.share_pct(nt.interval, exports),
        new_three_share_exports=m.share_pct(n3.interval, exports),
    )


def _description(ds: Dataset, indicator: str, lang: str) -> str:
    """An indicator's description from indicators.yaml, to stand inside a sentence."""
    text = str(ds.meta(indicator)[f"description_{lang}"])
    return text[0].lower() + text[1:] if lang == "en" else text


@tolerant("open_h_structure", FIGURES, "newtech_exports", "new_three_exports")
def trade_structure(ds: Dataset, lang: str) -> Section:
    """Exports ranked first nationally (new-technology products) and the "new three" green products."""
    nt, growth = _fig(ds, "newtech"), _fig(ds, "newtech_growth")
    share, rank = _fig(ds, "newtech_share"), _fig(ds, "newtech_rank")
    n3 = _fig(ds, "new_three")
    check = structure_check(ds)
    section = Section(fmt.t(lang, "open_h_structure"))
    for figure in (nt, growth, share, rank, n3):
        section.state(figure)
    exports_year = check.year
    section.derive(f"newtech_exports_{exports_year - 1}_implied_yuan_100m", check.implied_prev)
    section.derive("newtech_exports_national_implied_yuan_100m", check.national)
    section.derive(f"exports_{exports_year}_published_yuan_100m", check.exports_value)
    section.derive(f"newtech_exports_share_exports_{exports_year}_pct", check.newtech_share_exports)
    section.derive(f"new_three_exports_share_exports_{exports_year}_pct", check.new_three_share_exports)
    year = fmt.period(nt.period, lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_newtech",
            city=ds.subject.name(lang),
            year=year,
            products=_description(ds, "newtech_exports", lang),
            rank=fmt.rank(rank.value, lang),
            v=fmt.stated(nt, lang),
            g=fmt.stated(growth, lang),
            prev=fmt.period(str(check.year - 1), lang),
            implied=fmt.about(check.implied_prev, nt.unit, lang, 0),
            share=fmt.stated(share, lang),
            national=fmt.about(check.national, nt.unit, lang, 0),
        )
    )
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_new_three",
            city=ds.subject.name(lang),
            year=year,
            products=_description(ds, "new_three_exports", lang),
            v=fmt.stated(n3, lang),
            exports=fmt.amount(check.exports_value / 1e4, "万亿元", lang, 2),
            s_newtech=fmt.about(check.newtech_share_exports, "%", lang, 1),
            s_new_three=fmt.about(check.new_three_share_exports, "%", lang, 1),
        )
    )
    return section
