"""What a chart says, in words and numbers, for readers who do not see it: the alt text of its image (kind, what
it shows, the first and last value, the extremes) and a "show the numbers" table, both in the page's language,
generated from the series the chart drew (:attr:`szreport.charts.Chart.series`), never typed.
"""

from __future__ import annotations

import pandas as pd

from szreport import fmt
from szreport.charts.draw import Chart

# Series a description names one by one; a chart with more says how many others it draws.
MAX_DESCRIBED_SERIES = 4


def _series_text(lang: str, name: str, points) -> str:
    """One series in words; ``name`` empty for a chart of one series (the title says what it is)."""
    if not points:
        return ""
    first, last = points[0], points[-1]
    high = max(points, key=lambda point: point[1])
    low = min(points, key=lambda point: point[1])
    key = "chart_alt_series_one" if len(points) == 1 else "chart_alt_series"
    text = fmt.t(
        lang,
        key,
        n=str(len(points)),
        first=first[2],
        first_label=first[0],
        last=last[2],
        last_label=last[0],
        high=high[2],
        high_label=high[0],
        low=low[2],
        low_label=low[0],
    )
    return str(fmt.plain(fmt.t(lang, "chart_alt_named", name=name, text=text) if name else text))


def describe(chart: Chart, lang: str) -> str:
    """The chart's alt text: its kind and title, then each series: how many values, first and last, highest and
    lowest (as the chart prints them). Plain text; the page escapes it."""
    kind = str(fmt.plain(fmt.t(lang, f"chart_kind_{chart.kind or 'bar'}")))
    if chart.kind == "intervals":  # rows in different units: no extremes across them, each row's figure
        parts = [
            str(
                fmt.plain(
                    fmt.t(
                        lang,
                        "chart_alt_rows",
                        n=str(len(points)),
                        items=fmt.t(lang, "audit_sep").join(f"{label}: {text}" for label, _, text in points),
                    )
                )
            )
            for _, points in chart.series
        ]
    else:
        parts = [
            _series_text(lang, name if len(chart.series) > 1 else "", points)
            for name, points in chart.series[:MAX_DESCRIBED_SERIES]
        ]
    if len(chart.series) > MAX_DESCRIBED_SERIES:
        parts.append(str(fmt.plain(fmt.t(lang, "chart_alt_more", n=str(len(chart.series) - MAX_DESCRIBED_SERIES)))))
    title = chart.title
    if chart.unit and chart.unit not in str(title):  # the values' unit, unless the title says it
        title = fmt.t(lang, "chart_alt_unit", title=title, unit=chart.unit)
    text = fmt.t(lang, "chart_alt", kind=kind, title=title, series=fmt.sentences(parts, lang))
    return str(fmt.plain(text)).strip()


def numbers_table(chart: Chart, lang: str) -> pd.DataFrame:
    """The values the chart draws as a table: one row per label, one column per series, as the chart prints them
    ("–" where a series has no value)."""
    labels: list[str] = []
    for _, points in chart.series:
        for label, _, _ in points:
            if label not in labels:
                labels.append(label)
    columns = {str(fmt.plain(fmt.t(lang, "chart_numbers_label"))): labels}
    for index, (name, points) in enumerate(chart.series):
        by_label = {label: text for label, _, text in points}
        column = name or str(fmt.plain(chart.title))
        while column in columns:  # two series of one name keep a column each
            column += " " * (index + 1)
        columns[column] = [by_label.get(label, "–") for label in labels]
    return pd.DataFrame(columns)
