"""Charts: the chart kinds, drawn in one matplotlib style (:mod:`szreport.charts.style`: a Chinese font registered
by path), with a source line generated from metadata and every data mark tagged (:mod:`szreport.charts.marks`).

Every chart is a :class:`Chart`: the matplotlib figure, the table of numbers drawn (exported as CSV next to
the report) and the source line, built from the indicators' metadata in ``indicators.yaml`` and
``sources.csv``, never typed. Charts that draw supplementary series say so in the source line.
"""

from __future__ import annotations

import functools
import importlib
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from szreport.data.loader import Dataset


from szreport import fmt
from szreport.charts import layout
from szreport.charts.files import TITLE_GID  # the title the page leaves out of the picture
from szreport.charts.marks import Mark, Marks, point_marks, positions, x_text
from szreport.charts.style import (
    ACCENT,
    CJK_FONT_FAMILY,
    CJK_FONT_PATHS,
    COLOUR_KINDS,
    CONTEXT,
    FIG_HEIGHT_IN,
    FIG_WIDTH_IN,
    PALETTE,
    PUBLISHED,
    FontMissingError,
    mticker,
    register_cjk_font,
    setup_style,
)

__all__ = [
    "ACCENT",
    "CJK_FONT_FAMILY",
    "CJK_FONT_PATHS",
    "CONTEXT",
    "FIG_HEIGHT_IN",
    "FIG_WIDTH_IN",
    "PALETTE",
    "PUBLISHED",
    "YEAR_LABEL",
    "Chart",
    "FontMissingError",
    "Series",
    "bar_chart",
    "bar_line_chart",
    "close",
    "new_figure",
    "grouped_bar_chart",
    "line_chart",
    "number_text",
    "plain_text",
    "register_cjk_font",
    "setup_style",
    "source_line",
    "year_slots",
]

# One series of a chart as a reader's description needs it: its name, then (label, value, value as shown) per
# point in the order drawn.
Series = tuple[str, tuple[tuple[str, float, str], ...]]


def number_text(value: float) -> str:
    """A value as a chart's numbers table shows it when the chart prints no label for it: up to two decimals."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if math.isfinite(value) else ""


def _series(name: str, labels, values, texts=None) -> Series:
    texts = list(texts) if texts else [number_text(float(v)) for v in values]
    return (str(name), tuple((str(lab), float(v), str(t)) for lab, v, t in zip(labels, values, texts)))


@dataclass
class Chart:
    name: str
    figure: Figure
    data: pd.DataFrame
    source_line: str
    title: str = ""
    kind: str = ""  # bar, line, bar_line, grouped_bar, intervals: what the description calls it
    series: tuple[Series, ...] = ()  # what it shows, for its text description and its numbers table
    unit: str = ""  # the values' axis label (CNY trillion, %), for the description
    marks: tuple[Mark, ...] = ()  # every data mark, as drawn (szreport.charts.marks)
    # What the chart says once its page's language is known (szreport.charts.legends): what each bar colour means,
    # (colour, kind) per bar, and the years the data lack, (axes index, x, colour) each.
    kinds: tuple[tuple[str, str], ...] = ()
    gaps: tuple[tuple[int, float, str], ...] = ()
    axis_keys: tuple[tuple[int, str, str], ...] = ()  # (axes index, "x" or "y", locale key) of an axis label

    def csv(self) -> str:
        return self.data.to_csv(index=False, lineterminator="\n")


def source_line(ds: Dataset, indicators: list[str], lang: str, supplementary_sources: list[str] | None = None) -> str:
    """'Source: …' built from the indicators' metadata and, when series are used, their own sources."""
    ids: list[str] = []
    for key in indicators:
        source = ds.meta(key)["source"]
        if source not in ids:
            ids.append(source)
    extra = [s for s in (supplementary_sources or []) if s not in ids]
    names = [ds.source_short(s) for s in ids]
    text = fmt.t(lang, "source_prefix") + "; ".join(names)
    if extra:
        text += fmt.t(lang, "source_supplementary") + "; ".join(ds.source_short(s) for s in extra)
    return text


def plain_text(builder):
    """Chart builders draw text, not Markdown: every argument is passed through :func:`fmt.plain`, so template
    output (``fmt.Md``) shows its literal words, with the escapes meant for Markdown undone."""

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        return builder(*fmt.plain(args), **fmt.plain(kwargs))

    return wrapper


def _finish(fig: Figure, ax, title: str, source: str, legend: bool = False) -> None:
    """Title, the legend (when asked, of the axes' labelled artists) in the strip above the plot, layout, source."""
    ax.set_title(title, gid=TITLE_GID)
    if legend:
        handles, labels = _legend_entries(fig)
        if handles:
            layout.top_legend(ax, handles, labels, fig.get_figwidth() - 0.8, grow=True)
    fig.tight_layout()
    layout.source_text(fig, source)


def _legend_entries(fig: Figure) -> tuple[list, list[str]]:
    """The labelled artists of every axes of the figure (a twin's too), in the order drawn."""
    handles: list = []
    labels: list[str] = []
    for ax in fig.axes:
        more = ax.get_legend_handles_labels()
        handles += more[0]
        labels += more[1]
    return handles, labels


_source_text = layout.source_text  # the source line under a figure (szreport.charts.layout)


def new_figure(width: float = FIG_WIDTH_IN, height: float = FIG_HEIGHT_IN):
    """A figure of its own, outside pyplot's list of open figures: a notebook never shows it by itself (the
    report shows each chart as its SVG), however long it lives, and nothing has to close it."""
    figure_mod = importlib.import_module("matplotlib.figure")
    agg = importlib.import_module("matplotlib.backends.backend_agg")
    figure = figure_mod.Figure(figsize=(width, height))
    agg.FigureCanvasAgg(figure)
    return figure


def _new(width: float = FIG_WIDTH_IN, height: float = FIG_HEIGHT_IN):
    figure = new_figure(width, height)
    return figure, figure.subplots()


HORIZONTAL_LABEL_UNITS = 36  # display units of a horizontal bar's label per line (a CJK character counts two)
# A bar's label that is a year, possibly marked (2020* for a value worked out rather than published).
YEAR_LABEL = re.compile(r"^((?:19|20)\d{2})\*?$")


def year_slots(labels: list[str]) -> dict[str, int]:
    """The year of each label when every label is a distinct year (2020, 2021*, ...), else none: bars over years
    stand at their year, so a year without data leaves a gap."""
    years = [YEAR_LABEL.match(str(label)) for label in labels]
    if not labels or not all(years):
        return {}
    slots = {str(label): int(m[1]) for label, m in zip(labels, years) if m}
    return slots if len(set(slots.values())) == len(labels) else {}


@plain_text
def bar_chart(
    name: str,
    labels: list[str],
    values: list[float],
    value_labels: list[str],
    title: str,
    source: str,
    ylabel: str = "",
    colors: list[str] | None = None,
    data: pd.DataFrame | None = None,
    horizontal: bool = False,
    kinds: list[str] | None = None,
) -> Chart:
    """Bars with their printed values on top. ``kinds`` says what each bar's colour means (implied, published,
    article, ...: the legend's words, szreport.charts.legends); by default the ``kind`` column of ``data``."""
    fig, ax = _new()
    colors = colors or [ACCENT] * len(values)
    table = data if data is not None else pd.DataFrame({"label": labels, "value": values})
    marks = Marks()
    slots = {} if horizontal else year_slots(labels)
    if horizontal:  # a long label on lines of its own, beside its bar
        bars = ax.barh(range(len(values)), values, color=colors, height=0.6)
        ax.set_yticks(range(len(values)), [layout.wrap_label(str(label), HORIZONTAL_LABEL_UNITS) for label in labels])
        ax.invert_yaxis()
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(ylabel)
        for bar, text in zip(bars, value_labels):
            ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + text, va="center", fontsize=8.5)
        ax.set_xlim(0, max(values) * 1.18)
        gaps: list[int] = []
    else:
        positions = [slots[label] for label in labels] if slots else list(range(len(labels)))
        bars = ax.bar(positions, values, color=colors, width=0.6)
        if slots:  # a year missing from the data is a gap on the axis, marked n/a (legends), not two neighbours
            gaps = layout.year_ticks(ax, positions, labels)
        else:
            ax.set_xticks(positions, labels)
            gaps = []
        ax.set_ylabel(ylabel)
        for bar, text in zip(bars, value_labels):
            ax.text(
                bar.get_x() + bar.get_width() / 2, bar.get_height(), text, ha="center", va="bottom", fontsize=8.5,
                gid=layout.VALUE_GID,
            )  # fmt: skip
        ax.set_ylim(0, max(values) * 1.15)
    kinds = kinds or _bar_kinds(colors, data, len(values))
    for row, (bar, label, value) in enumerate(zip(bars, labels, values)):
        year = YEAR_LABEL.match(str(label))
        key = ("year", year[1]) if year and "year" in table.columns else ("label", str(label))
        marks.bar(
            bar,
            label=str(title) if year else str(label),
            year=str(label) if year else "",
            column="value" if data is None else "",
            row=row,
            value=float(value),
            key=key[0],
            key_value=key[1],
            series="bars",
        )
    _finish(fig, ax, title, source)
    return Chart(
        name,
        fig,
        table,
        source,
        title,
        "bar",
        (_series(ylabel, labels, values, value_labels),),
        ylabel,
        marks=tuple(marks.items),
        kinds=tuple(zip(colors, kinds)),
        gaps=tuple((0, float(x), CONTEXT) for x in gaps),
    )


def _bar_kinds(colors: list[str], data: pd.DataFrame | None, count: int) -> list[str]:
    """What each bar's colour means: the data's ``kind`` (or ``substituted``) column, else the colour's own meaning
    (:data:`COLOUR_KINDS`), when every colour has one."""
    if data is not None and len(data) == count:
        for column in ("kind", "substituted"):
            if column in data.columns:
                return [value if isinstance(value, str) else "" for value in data[column]]
    if set(colors) <= set(COLOUR_KINDS):
        return [COLOUR_KINDS[c] for c in colors]
    return [""] * count


@plain_text
def line_chart(
    name: str,
    frame: pd.DataFrame,
    x_column: str,
    lines: dict[str, str],
    title: str,
    source: str,
    ylabel: str = "",
    styles: dict[str, dict] | None = None,
    annotations: list[tuple] | None = None,
    vlines: list[tuple] | None = None,
    annotation_offset: tuple[int, int] = (0, 6),
) -> Chart:
    """Lines over years: ``lines`` maps a column of ``frame`` to its legend label. A line drawn as a line breaks
    where the data lack a year between its first and last, and the gap is marked n/a (szreport.charts.legends)."""
    fig, ax = _new()
    styles = styles or {}
    marks = Marks()
    gaps: list[tuple[int, float, str]] = []
    for index, (column, label) in enumerate(lines.items()):
        style = {"color": PALETTE[index % len(PALETTE)], "marker": "o", "markersize": 3.5, "linewidth": 1.8}
        style.update(styles.get(column, {}))
        sub = frame[[x_column, column]].dropna()
        drawn = sub
        if style.get("linestyle") not in ("none", "None", "", " ") and len(sub) > 1:
            inside = frame[(frame[x_column] >= sub[x_column].min()) & (frame[x_column] <= sub[x_column].max())][
                [x_column, column]
            ]
            drawn = inside  # the missing values stay in: the line breaks there
            gaps += [(0, float(v), str(style["color"])) for v in inside.loc[inside[column].isna(), x_column]]
        (line,) = ax.plot(drawn[x_column], drawn[column], label=label, **style)
        marks.points(line, point_marks(label, column, sub[x_column], sub[column], x_column, positions(frame, sub)))
    for xv, text in vlines or []:
        ax.axvline(xv, color=CONTEXT, linestyle=":", linewidth=1)
        ax.text(xv, ax.get_ylim()[1], " " + text, fontsize=7.5, color=CONTEXT, va="top", gid=layout.VLINE_GID)
    for xv, yv, text in annotations or []:
        ax.annotate(text, (xv, yv), textcoords="offset points", xytext=annotation_offset, ha="center", fontsize=8)
    if annotations and annotation_offset[1] < 0:  # room for labels under the lowest point
        low, high = ax.get_ylim()
        ax.set_ylim(low - (high - low) * 0.08, high)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    _finish(fig, ax, title, source, legend=len(lines) > 1)
    drawn_series = tuple(
        _series(label, sub[x_column], sub[column])
        for column, label in lines.items()
        for sub in [frame[[x_column, column]].dropna()]
    )
    missing = {at: [c for _, x_at, c in gaps if x_at == at] for at in dict.fromkeys(g[1] for g in gaps)}
    gaps = [(0, at, colours[0] if len(colours) == 1 else CONTEXT) for at, colours in missing.items()]  # n/a once a year
    return Chart(
        name, fig, frame, source, title, "line", drawn_series, ylabel, marks=tuple(marks.items), gaps=tuple(gaps)
    )


def close(chart: Chart) -> None:
    """Let a chart's figure go (its memory is freed once nothing refers to it; pyplot never held it)."""
    chart.figure.clear()


@plain_text
def bar_line_chart(
    name: str,
    frame: pd.DataFrame,
    x_column: str,
    bar: str,
    bar_label: str,
    lines: dict[str, str],
    title: str,
    source: str,
    ylabel: str = "",
    ylabel_right: str = "",
    bar_value_labels: list[str] | None = None,
    line_value_labels: dict[str, list[str]] | None = None,
    styles: dict[str, dict] | None = None,
    bar_colors: list[str] | None = None,
) -> Chart:
    """Bars of one column of ``frame`` on the left axis and lines of others on the right axis, over years
    (a level and a ratio, e.g. R&D spending and R&D intensity). ``lines`` maps a column to its legend label.
    The bars are kept in the lower half and the lines in the upper part so their value labels do not collide."""
    fig, ax = _new()
    marks = Marks()
    colors = list(bar_colors) if bar_colors else [ACCENT] * len(frame)
    bars = ax.bar(frame[x_column], frame[bar], color=colors, width=0.6, label=bar_label, zorder=2)
    rows = list(range(len(frame)))
    for rect, xv, value, row in zip(bars, frame[x_column], frame[bar], rows):
        marks.bar(
            rect,
            label=bar_label,
            year=x_text(xv),
            column=bar,
            row=row,
            value=float(value),
            key=x_column,
            key_value=x_text(xv),
            series=bar,
        )
    for rect, text in zip(bars, bar_value_labels or []):
        ax.text(
            rect.get_x() + rect.get_width() / 2, rect.get_height(), text, ha="center", va="bottom", fontsize=8,
            gid=layout.VALUE_GID,
        )  # fmt: skip
    ax.set_ylim(0, float(frame[bar].max()) * 2.1)
    ax.set_ylabel(ylabel)
    gaps = layout.year_ticks(ax, [int(v) for v in frame[x_column]]) if layout.is_years(frame[x_column]) else []
    if not layout.is_years(frame[x_column]):
        ax.set_xticks(list(frame[x_column]))
    right = ax.twinx()
    right.grid(False)
    right.spines["right"].set_visible(True)
    styles = styles or {}
    top = 0.0
    for index, (column, label) in enumerate(lines.items()):
        style = {"color": PALETTE[(index + 1) % len(PALETTE)], "marker": "o", "markersize": 4, "linewidth": 1.8}
        style.update(styles.get(column, {}))
        sub = frame[[x_column, column]].dropna()
        (line,) = right.plot(sub[x_column], sub[column], label=label, **style)
        marks.points(line, point_marks(label, column, sub[x_column], sub[column], x_column, positions(frame, sub)))
        top = max(top, float(sub[column].max())) if not sub.empty else top
        for xv, yv, text in zip(sub[x_column], sub[column], (line_value_labels or {}).get(column, [])):
            right.annotate(
                text, (xv, yv), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8, color=style["color"]
            )
    right.set_ylim(0, top * 1.3 if top > 0 else 1)
    right.set_ylabel(ylabel_right)
    _finish(fig, ax, title, source, legend=True)
    drawn = (_series(bar_label, frame[x_column], frame[bar], bar_value_labels),) + tuple(
        _series(label, sub[x_column], sub[column], (line_value_labels or {}).get(column))
        for column, label in lines.items()
        for sub in [frame[[x_column, column]].dropna()]
    )
    kinds = [COLOUR_KINDS.get(c, "") for c in colors] if len(set(colors)) > 1 else [""] * len(colors)
    return Chart(
        name,
        fig,
        frame,
        source,
        title,
        "bar_line",
        drawn,
        marks=tuple(marks.items),
        kinds=tuple(zip(colors, kinds)),
        gaps=tuple((0, float(v), CONTEXT) for v in gaps),
    )


@plain_text
def grouped_bar_chart(
    name: str,
    labels: list[str],
    groups: dict[str, list[float]],
    value_labels: dict[str, list[str]],
    title: str,
    source: str,
    xlabel: str = "",
    colors: list[str] | None = None,
    data: pd.DataFrame | None = None,
) -> Chart:
    """Horizontal bars in groups: one row per label, one bar per group (e.g. 2025 against 2024), values at the
    bar ends. ``groups`` maps a legend label to one value per row."""
    height = max(FIG_HEIGHT_IN, 0.38 * len(labels) * len(groups) + 1.2)
    fig, ax = _new(height=height)
    colors = colors or PALETTE
    table = data if data is not None else pd.DataFrame({"label": labels, **groups})
    marks = Marks()
    step = 0.8 / max(1, len(groups))
    top = 0.0
    for index, (group, values) in enumerate(groups.items()):
        ys = [row - 0.4 + step * (index + 0.5) for row in range(len(labels))]
        bars = ax.barh(ys, values, height=step * 0.9, color=colors[index % len(colors)], label=group)
        for row, (rect, label, value) in enumerate(zip(bars, labels, values)):
            marks.bar(
                rect,
                label=str(label),
                year="",
                note=str(group),
                column=group if data is None else "",
                row=row,
                value=float(value),
                series=f"group{index}",
            )
        top = max([top, *values])
        for rect, text in zip(bars, value_labels.get(group, [])):
            ax.text(rect.get_width(), rect.get_y() + rect.get_height() / 2, " " + text, va="center", fontsize=8)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, top * 1.3 if top > 0 else 1)
    ax.set_xlabel(xlabel)
    _finish(fig, ax, title, source, legend=True)
    drawn = tuple(_series(group, labels, values, value_labels.get(group)) for group, values in groups.items())
    return Chart(name, fig, table, source, title, "grouped_bar", drawn, marks=tuple(marks.items))
