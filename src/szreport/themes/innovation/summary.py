"""The innovation report's report-wide sections: every figure of the article as printed, and the average growth
over the window of the city's R&D spending, high-tech enterprises and "little giants".
"""

from __future__ import annotations

from szreport.data import window as wnd
from szreport.data.loader import Dataset
from szreport.present.growth import growth_section
from szreport.present.report import Section, theme_table
from szreport.themes.innovation.common import THEME, WINDOW_SERIES


def overview_table(ds: Dataset, lang: str) -> Section:
    """Every innovation figure of the article as printed."""
    return theme_table(ds, THEME, "inn_h_figures", lang)


def window_growth(ds: Dataset, lang: str, window=None) -> Section:
    """Average growth over the window of the city's R&D spending, high-tech enterprises and "little giants"."""
    window = wnd.as_window(ds, window)
    return growth_section(ds, lang, window, [wnd.growth_over(ds, indicator, window) for indicator in WINDOW_SERIES])
