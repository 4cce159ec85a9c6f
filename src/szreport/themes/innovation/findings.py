"""The innovation report's key findings (:mod:`szreport.themes.findings`): R&D spending and intensity, firms,
the innovation cluster."""

from __future__ import annotations

from szreport.data.dataset import Dataset
from szreport.present.report import Section
from szreport.themes.findings import Finding, findings
from szreport.themes.innovation.common import FIGURES

FINDINGS: list[Finding] = [
    ("find_rd", {"rd_start": FIGURES["rd_start"], "rd_end": FIGURES["rd_end"], "rd_cagr": FIGURES["rd_cagr"]}),
    ("find_rd_intensity", {"intensity": FIGURES["intensity"], "rank": FIGURES["intensity_rank"]}),
    (
        "find_firms",
        {"hightech": FIGURES["hightech_total"], "giants": FIGURES["giants_total"], "rank": FIGURES["giants_rank"]},
    ),
    ("find_gii", {"gii": FIGURES["gii_rank"]}),
]


def key_findings(ds: Dataset, lang: str) -> Section:
    """Three to five takeaways of the innovation report, each stating its figures."""
    return findings(ds, lang, FINDINGS)
