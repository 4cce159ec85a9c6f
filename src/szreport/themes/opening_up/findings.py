"""The opening-up report's key findings (:mod:`szreport.themes.findings`): trade, exports, services, the Belt
and Road, foreign investment."""

from __future__ import annotations

from szreport.data.dataset import Dataset
from szreport.present.report import Section
from szreport.themes.findings import Finding, findings
from szreport.themes.opening_up.common import FIGURES

FINDINGS: list[Finding] = [
    ("find_trade", {"trade": FIGURES["trade"], "growth": FIGURES["trade_growth"], "rank": FIGURES["trade_rank"]}),
    ("find_exports", {"streak": FIGURES["exports_streak"]}),
    ("find_services", {"services": FIGURES["services"], "growth": FIGURES["services_growth"]}),
    ("find_bri", {"share": FIGURES["bri_share"]}),
    ("find_fdi", {"total": FIGURES["fdi_total"]}),
]


def key_findings(ds: Dataset, lang: str) -> Section:
    """Three to five takeaways of the opening-up report, each stating its figures."""
    return findings(ds, lang, FINDINGS)
