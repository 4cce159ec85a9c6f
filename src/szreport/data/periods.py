"""Periods of figures as figures.csv prints them: one year (``2025``), a span (``2020-2025``), or ``latest`` for a
figure printed without a year. Part of the data layer; imports nothing of szreport.
"""

from __future__ import annotations

import math

# The period of a figure printed without a year (先进制造业增加值占比达68.2%): the latest available when the
# article was written. No year is invented for it; figures.csv's note says when it was released.
UNDATED = "latest"


def period_end(period: str) -> int:
    """The last year of a period as printed: '2025' -> 2025, '2020-2025' -> 2025. An undated figure has none."""
    if str(period) == UNDATED:
        raise ValueError("a figure printed without a year (period latest) has no last year")
    return int(str(period).split("-")[-1])


def period_start(period: str) -> int:
    """The first year of a period as printed: '2025' -> 2025, '2020-2025' -> 2020. An undated figure has none."""
    if str(period) == UNDATED:
        raise ValueError("a figure printed without a year (period latest) has no first year")
    return int(str(period).split("-")[0])


def sort_end(period: str) -> float:
    """A period's last year for ordering figures: an undated one counts as the latest."""
    return math.inf if str(period) == UNDATED else period_end(period)
