"""The outlook report's chart helpers: scenario colours and line style, history split at the census revision,
and labels at the ends of the scenario paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from szreport import fmt
from szreport.charts import draw as charts
from szreport.data.loader import Dataset

# Scenario colours (history keeps the accent colour and grey); six, as params caps each list at six items. Each
# also writes its path's end label, so each reaches 4.5:1 on white (WCAG AA; tests/test_chart_colours_unit.py).
SCENARIO_COLORS = ["#2c3e50", "#b85c00", "#117a65", "#8e44ad", "#2471a3", "#7f6000"]
SCENARIO_STYLE = {"linestyle": "--", "linewidth": 1.6, "marker": "o", "markersize": 2.5}


def _history_frame(ds: Dataset, indicator: str, unit: str | None, column: str) -> tuple[pd.DataFrame, int | None]:
    """Annual history split by vintage into ``<column>_pre_census`` / ``<column>_post_census``; the break year."""
    series = ds.annual(indicator, unit=unit)
    pre = series["vintage"] == "pre_census"
    frame = pd.DataFrame({"year": series["year"]})
    frame[f"{column}_pre_census"] = series["value"].where(pre)
    frame[f"{column}_post_census"] = series["value"].where(~pre)
    break_year = int(series.loc[~pre, "year"].min()) if pre.any() and (~pre).any() else None
    return frame, break_year


def _label_ends(chart: charts.Chart, points: Sequence[tuple[float, float, str, str]], min_gap: float = 0.05) -> None:
    """Write each (year, value, text, colour) just right of its point; labels closer than ``min_gap`` of the axis
    height are spread apart so that they stay readable. The legend moves to where it covers the fewest points."""
    ax = chart.figure.axes[0]
    if ax.get_legend() is not None:  # where it covers the fewest points: the paths depend on the parameters
        ax.legend(loc="best")
    low, high = ax.get_ylim()
    height_pt = ax.get_window_extent().height * 72 / chart.figure.dpi
    placed: list[float] = []
    for year, value, text, color in sorted(points, key=lambda p: p[1]):
        position = (value - low) / (high - low)
        if placed and position - placed[-1] < min_gap:
            position = placed[-1] + min_gap
        placed.append(position)
        offset = (position - (value - low) / (high - low)) * height_pt
        ax.annotate(
            fmt.plain(text),
            (year, value),
            xytext=(6, offset),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8,
            color=color,
        )


def _history_lines(lang: str, column: str, frame: pd.DataFrame) -> tuple[dict, dict]:
    """Legend labels and styles of the history columns: solid lines, grey before the census revision."""
    lines: dict[str, str] = {}
    styles: dict[str, dict] = {}
    if frame[f"{column}_pre_census"].notna().any():
        lines[f"{column}_pre_census"] = fmt.t(lang, "outlook_lbl_history_pre_census")
        styles[f"{column}_pre_census"] = {"color": charts.CONTEXT}
        lines[f"{column}_post_census"] = fmt.t(lang, "outlook_lbl_history_post_census")
    else:
        lines[f"{column}_post_census"] = fmt.t(lang, "outlook_lbl_history")
    styles[f"{column}_post_census"] = {"color": charts.ACCENT, "markersize": 5, "zorder": 3}
    return lines, styles


@dataclass
class ScenarioChart:
    """A scenario chart as its sections build it: history first, then one dashed path per scenario, each labelled
    at its end; :meth:`draw` makes the line chart with the scenarios' note under its source line."""

    frame: pd.DataFrame  # one row per year, history columns already in
    lines: dict[str, str]  # column -> legend label
    styles: dict[str, dict]  # column -> line style
    ends: list[tuple[float, float, str, str]] = field(default_factory=list)  # (year, value, text, colour) end labels

    def add_path(self, column: str, path: dict[int, float], label: str, index: int, end: tuple[int, str]) -> None:
        """Scenario ``index`` (from 1) as column ``column``: its path by year, its legend label, the colour of its
        place in :data:`SCENARIO_COLORS` and an end label (year, text) at its value that year."""
        self.frame[column] = self.frame["year"].map(path)
        self.lines[column] = label
        self.styles[column] = {**SCENARIO_STYLE, "color": SCENARIO_COLORS[(index - 1) % len(SCENARIO_COLORS)]}
        year, text = end
        self.ends.append((year, path[year], text, self.styles[column]["color"]))

    def draw(
        self, name: str, lang: str, title: str, source: str, ylabel: str, break_year: int | None = None
    ) -> charts.Chart:
        """The line chart, with the census break marked when the history has one, and the end labels."""
        chart = charts.line_chart(
            name,
            self.frame,
            "year",
            self.lines,
            title,
            source + fmt.t(lang, "outlook_note_scenarios"),
            ylabel=ylabel,
            styles=self.styles,
            vlines=[(break_year - 0.5, fmt.t(lang, "lbl_census_break"))] if break_year else None,
        )
        _label_ends(chart, self.ends)
        return chart
