"""What the opening-up report's sections share: the article figures the report states (:data:`FIGURES`, theme
``opening_up``), the annual series of its window analysis, the look-up of one figure, the chart tone of published
years and the helpers that format amounts the way its sentences and charts print them.
"""

from __future__ import annotations

from szreport import fmt
from szreport.data.loader import Dataset
from szreport.metrics import Interval

THEME = "opening_up"
# The article figures this report states, by what they are (indicator, measure, which: see Dataset.find_all);
# ids are free labels, so a data folder for a later year needs no change here.
FIGURES = {
    "trade": ("trade", "level", "latest"),
    "trade_growth": ("trade", "growth", "latest"),
    "trade_rank": ("trade", "rank", "latest"),
    "trade_streak": ("trade", "streak", "latest"),
    "exports_streak": ("exports", "streak", "latest"),
    "trade_increment": ("trade", "increment", "latest"),
    "trade_increment_share": ("trade", "share", "latest"),
    "services": ("services_trade", "level", "latest"),
    "services_growth": ("services_trade", "growth", "latest"),
    "services_rank": ("services_trade", "rank", "latest"),
    "newtech": ("newtech_exports", "level", "latest"),
    "newtech_growth": ("newtech_exports", "growth", "latest"),
    "newtech_share": ("newtech_exports", "share", "latest"),
    "newtech_rank": ("newtech_exports", "rank", "latest"),
    "new_three": ("new_three_exports", "level", "latest"),
    "bri": ("bri_trade", "level", "latest"),
    "bri_share": ("bri_trade", "share", "latest"),
    "fdi": ("fdi", "level", "latest"),
    "fdi_growth": ("fdi", "growth", "year"),
    "fdi_rank": ("fdi", "rank", "latest"),
    "fdi_total": ("fdi", "total", "latest"),
    "fdi_total_growth": ("fdi", "growth", "span"),
    "fie_plan": ("fie_new", "additions", "span"),
    "fie_plan_share": ("fie_new", "share", "latest"),
    "fie_year": ("fie_new", "additions", "year"),
    "fie_growth": ("fie_new", "growth", "latest"),
    "fie_rank": ("fie_new", "rank", "latest"),
}


# Annual series whose average growth over the window the report states, the city's and the peers' alike.
WINDOW_SERIES = ("trade", "exports", "imports")


def _fig(ds: Dataset, name: str):
    """One of :data:`FIGURES` in this data folder."""
    return ds.find_all({name: FIGURES[name]})[name]


# Light tone for published years drawn beside the article's own figure (accent) and implied values (grey); still
# 3.2:1 on white, the least a bar needs (WCAG 1.4.11).
PUBLISHED = "#d4766c"


def _yuan_100m_factor(lang: str) -> float:
    """Multiplier from 亿元 to the unit charts use: 亿元 in Chinese, billions in English."""
    return fmt.EN_UNITS["亿元"][0] if lang == "en" else 1.0


def _firms_range(interval_10k: Interval, lang: str, decimals: int = 1) -> str:
    """A count of firms given in 万家: 26.8–27.6万家 in Chinese, 267,700–275,500 in English (to the hundred)."""
    if lang == "zh":
        return fmt.about(interval_10k, "万家", lang, decimals)
    firms = Interval(round(interval_10k.lo * 1e4, -2), round(interval_10k.hi * 1e4, -2))
    return fmt.about(firms, "家", lang, 0)


def _signed_pct(value: float, lang: str, decimals: int = 1) -> str:
    return ("+" if value >= 0 else "−") + fmt.amount(abs(value), "%", lang, decimals)
