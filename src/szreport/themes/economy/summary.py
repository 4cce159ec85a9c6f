"""Every economy figure of the article as printed, and the growth of its series over the window."""

from __future__ import annotations

from szreport.data import window as wnd
from szreport.data.loader import Dataset
from szreport.present.growth import growth_section
from szreport.present.report import Section, theme_table
from szreport.themes.economy.common import PEER_SERIES, THEME, WINDOW_SERIES


def overview_table(ds: Dataset, lang: str) -> Section:
    """Every economy figure of the article as printed."""
    return theme_table(ds, THEME, "h_economy_figures", lang)


# Annual series whose average growth over the window the report states (the city's, and the peers' where the data
# have them).


def window_growth(ds: Dataset, lang: str, window=None) -> Section:
    """Average growth over the window of the city's GDP, industrial output and emerging industries, and of each
    peer's GDP: from levels on one basis, from the published real rates across the census break."""
    window = wnd.as_window(ds, window)
    growths = [wnd.growth_over(ds, indicator, window) for indicator in WINDOW_SERIES]
    growths += [
        wnd.growth_over(ds, indicator, window, region)
        for indicator in PEER_SERIES
        for region in window.peers
        if wnd.years_of(ds, indicator, region)
    ]
    return growth_section(ds, lang, window, growths)
