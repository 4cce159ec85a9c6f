"""The innovation report's sections: R&D spending and intensity, high-tech firms and "little giants",
innovation platforms and landmark results.

Numbers come from the article's figures (``figures.csv``, theme ``innovation``). The annual charts draw the
supplementary series of ``series.csv`` (R&D spending and intensity 2020-2024, national high-tech enterprises
2021-2025, "little giants" 2023-2025), each labelled as such in its source line. Derived figures are computed on
the rounding intervals of the printed figures (:mod:`szreport.metrics`), so a growth rate worked out from
1510.8 and 2453.1亿元 is the range those printed numbers allow, and checks against published figures compare
intervals rather than using a tolerance.

The sections live in submodules, one concern each, and are all importable from here: :mod:`.common` (the figures
the report states), :mod:`.summary` (every figure as printed, growth over the window), :mod:`.research` (R&D
spending and intensity), :mod:`.firms` (high-tech enterprises and "little giants") and :mod:`.landmarks`
(innovation platforms and landmark results).
"""

from __future__ import annotations

from szreport.themes.innovation.common import FIGURES, PUBLISHED, THEME, WINDOW_SERIES
from szreport.themes.innovation.findings import FINDINGS, key_findings
from szreport.themes.innovation.firms import (
    EnterpriseCounts,
    enterprise_counts,
    enterprises,
    hightech_chart,
    little_giants_chart,
)
from szreport.themes.innovation.landmarks import platforms
from szreport.themes.innovation.research import (
    IntensityBasis,
    PeerIntensity,
    RdChange,
    intensity_basis,
    peer_intensity,
    rd,
    rd_annual_chart,
    rd_change,
    rd_intensity,
    rd_intensity_frame,
)
from szreport.themes.innovation.research import _start_intensity as _start_intensity
from szreport.themes.innovation.summary import overview_table, window_growth

__all__ = [
    "FINDINGS",
    "key_findings",
    "FIGURES",
    "PUBLISHED",
    "THEME",
    "WINDOW_SERIES",
    "EnterpriseCounts",
    "IntensityBasis",
    "PeerIntensity",
    "RdChange",
    "enterprise_counts",
    "enterprises",
    "hightech_chart",
    "intensity_basis",
    "little_giants_chart",
    "overview_table",
    "peer_intensity",
    "platforms",
    "rd",
    "rd_annual_chart",
    "rd_change",
    "rd_intensity",
    "rd_intensity_frame",
    "window_growth",
]
