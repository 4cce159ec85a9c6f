"""The innovation report's section on innovation platforms (science facilities, national innovation centres,
clusters, carriers) and landmark results (products first in market share, the oscilloscope, the Global
Innovation Index cluster).
"""

from __future__ import annotations

from szreport import fmt
from szreport.data.loader import Dataset
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.innovation.common import FIGURES
from szreport.themes.lookup import FiguresOf


@tolerant(
    "inn_h_platforms",
    FIGURES,
    "major_science_facilities",
    "national_innovation_centres",
    "advanced_mfg_clusters",
    "innovation_carriers",
    "products_global_share_first",
    "products_national_share_first",
    "oscilloscope_bandwidth",
    "gii_cluster",
)
def platforms(ds: Dataset, lang: str) -> Section:
    """Innovation platforms (science facilities, national innovation centres, clusters, carriers) and landmark
    results (products first in market share, the 90 GHz oscilloscope, the Global Innovation Index cluster)."""
    figures = FiguresOf(ds, FIGURES)
    facilities, landed, built = figures["facilities"], figures["centres_landed"], figures["centres_built"]
    clusters, carriers = figures["clusters"], figures["carriers"]
    global_first, national_first = figures["products_global_first"], figures["products_national_first"]
    scope, gii = figures["oscilloscope"], figures["gii_rank"]
    section = Section(fmt.t(lang, "inn_h_platforms"))
    for figure in (facilities, landed, built, clusters, carriers, global_first, national_first, scope, gii):
        section.state(figure)
    section.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_platforms",
            facilities=fmt.number(facilities.value, 0, lang),
            landed=fmt.number(landed.value, 0, lang),
            built=fmt.number(built.value, 0, lang),
            period=fmt.period(built.period, lang),
            clusters=fmt.number(clusters.value, 0, lang),
            carriers=fmt.stated(carriers, lang),
        )
    )
    if landed.value == built.value:  # the article names six centres twice; they may well be the same six
        section.paragraphs[-1] += fmt.t(lang, "inn_p_centres_same", count=fmt.number(built.value, 0, lang))
    section.paragraphs.append(
        fmt.t(
            lang,
            "inn_p_results",
            city=ds.subject.name(lang),
            global_first=fmt.number(global_first.value, 0, lang),
            national_first=fmt.number(national_first.value, 0, lang),
            ghz=fmt.stated(scope, lang),
            year=fmt.period(gii.period, lang),
            rank=fmt.rank(gii.value, lang),
        )
    )
    return section
