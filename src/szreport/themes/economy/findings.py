"""The economy report's key findings (:mod:`szreport.themes.findings`): GDP and its growth, industry, the
strategic emerging industries."""

from __future__ import annotations

from szreport import fmt
from szreport import metrics as m
from szreport.data.dataset import Dataset
from szreport.data.figure import span_key as span
from szreport.present import provenance
from szreport.present.report import Section
from szreport.themes.economy.common import FIGURES
from szreport.themes.findings import Finding, findings

FINDINGS: list[Finding] = [
    ("find_gdp", {"gdp": FIGURES["gdp_end"], "gdp_start": FIGURES["gdp_start"]}),
    ("find_gdp_growth", {"real": FIGURES["gdp_real_growth"], "rank": FIGURES["gdp_growth_rank"]}),
    ("find_industry", {"output": FIGURES["output"], "streak": FIGURES["double_first_streak"]}),
    ("find_sei", {"share": FIGURES["sei_share"]}),
]


def _gdp_increment(section: Section, found: dict, lang: str) -> dict:
    """The increment of GDP over the plan, as the GDP section derives it (same key, same interval)."""
    g0, g1 = found["gdp_start"], found["gdp"]
    increment = m.increment(g0.interval, g1.interval)
    how = provenance.between("prov_formula_increment", g0, g1, lang)
    key = f"gdp_increment_{span(g0, g1)}_yuan_trillion"
    return {"inc": section.derive(key, increment, how, fmt.about(increment, g1.unit, lang, 2))}


def key_findings(ds: Dataset, lang: str) -> Section:
    """Three to five takeaways of the economy report, each stating its figures."""
    return findings(ds, lang, FINDINGS, {"find_gdp": _gdp_increment})
