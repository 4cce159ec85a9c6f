"""The opening-up report's report-wide sections: every figure of the article as printed, and the average growth
over the window of the city's trade, exports and imports beside the peers'.
"""

from __future__ import annotations

from szreport.data import window as wnd
from szreport.data.loader import Dataset
from szreport.present.growth import growth_section
from szreport.present.report import Section, theme_table
from szreport.themes.opening_up.common import THEME, WINDOW_SERIES


def overview_table(ds: Dataset, lang: str) -> Section:
    """Every opening-up figure of the article as printed."""
    return theme_table(ds, THEME, "open_h_figures", lang)


def window_growth(ds: Dataset, lang: str, window=None) -> Section:
    """Average growth over the window of the city's trade, exports and imports, and of each peer's where
    series.csv has them (China's, by default)."""
    window = wnd.as_window(ds, window)
    growths = [wnd.growth_over(ds, indicator, window) for indicator in WINDOW_SERIES]
    growths += [
        wnd.growth_over(ds, indicator, window, region)
        for region in window.peers
        for indicator in WINDOW_SERIES
        if wnd.years_of(ds, indicator, region)
    ]
    return growth_section(ds, lang, window, growths)
