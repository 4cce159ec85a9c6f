"""The economy report's sections: GDP, industry, strategic emerging industries, manufacturing structure.

Numbers come from the article's figures (``figures.csv``) and, for the annual charts, from the supplementary
series (``series.csv``), labelled as such. Derived figures are computed on rounding intervals
(:mod:`szreport.metrics`), so a nominal CAGR from 2.83 and 3.87万亿元 is reported as the range the printed
figures allow.

The sections live in submodules, one concern each, all importable from here: :mod:`.common` (the figures the
report states), :mod:`.summary` (every figure as printed, growth over the window), :mod:`.gdp`,
:mod:`.industry` (with manufacturing) and :mod:`.emerging` (strategic emerging industries).
"""

from __future__ import annotations

from szreport.themes.economy.common import FIGURES, PEER_SERIES, THEME, WINDOW_SERIES
from szreport.themes.economy.emerging import SeiChange, emerging_industries, sei_change
from szreport.themes.economy.findings import FINDINGS, key_findings
from szreport.themes.economy.gdp import GdpChange, gdp, gdp_annual_frame, gdp_change, gdp_real_chart
from szreport.themes.economy.industry import IndustryStart, industry, industry_frame, industry_start, manufacturing
from szreport.themes.economy.summary import overview_table, window_growth

__all__ = [
    "FINDINGS",
    "key_findings",
    "FIGURES",
    "PEER_SERIES",
    "THEME",
    "WINDOW_SERIES",
    "GdpChange",
    "IndustryStart",
    "SeiChange",
    "emerging_industries",
    "gdp",
    "gdp_annual_frame",
    "gdp_change",
    "gdp_real_chart",
    "industry",
    "industry_frame",
    "industry_start",
    "manufacturing",
    "overview_table",
    "sei_change",
    "window_growth",
]
