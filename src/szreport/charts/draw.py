"""Charts: one matplotlib style, a Chinese font registered by path, a source line generated from metadata.

Every chart is a :class:`Chart`: the matplotlib figure, the table of numbers drawn (exported as CSV next to
the report) and the source line, built from the indicators' metadata in ``indicators.yaml`` and
``sources.csv``, never typed. Charts that draw supplementary series say so in the source line.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from szreport.data.loader import Dataset


class _LazyModule:
    """A module imported on first use: validating data imports this module's constants, not matplotlib."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr):
        return getattr(importlib.import_module(self._name), attr)


plt = _LazyModule("matplotlib.pyplot")
font_manager = _LazyModule("matplotlib.font_manager")
mticker = _LazyModule("matplotlib.ticker")

from szreport import fmt  # noqa: E402 (after the lazy modules, which keep matplotlib out of a plain import)
from szreport.charts.files import TITLE_GID  # noqa: E402 (the title the page leaves out of the picture)

__all__ = [
    "ACCENT",
    "CJK_FONT_FAMILY",
    "CJK_FONT_PATHS",
    "CONTEXT",
    "FIG_HEIGHT_IN",
    "FIG_WIDTH_IN",
    "PALETTE",
    "YEAR_LABEL",
    "Chart",
    "FontMissingError",
    "Series",
    "bar_chart",
    "bar_line_chart",
    "close",
    "grouped_bar_chart",
    "line_chart",
    "number_text",
    "plain_text",
    "register_cjk_font",
    "setup_style",
    "source_line",
    "year_slots",
]

# Debian's fonts-wqy-microhei; registered by path so a font cache that predates the font does not matter.
CJK_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
# Palette: one accent for Shenzhen / the article, muted tones for context and scenarios. Each colour reaches 4.5:1
# against the white background (WCAG AA for text: series colours also colour their labels and annotations;
# lines and bars need 3:1, WCAG 1.4.11). Contrast on white: ACCENT 5.4, CONTEXT 4.7, PALETTE 5.4, 11.0, 4.6,
# 5.3, 5.9, 4.7 (tests/test_chart_colours_unit.py).
ACCENT = "#c0392b"
CONTEXT = "#687677"
PALETTE = ["#c0392b", "#2c3e50", "#b85c00", "#117a65", "#8e44ad", "#687677"]
FIG_WIDTH_IN = 7.2  # fits an A4 page with margins
FIG_HEIGHT_IN = 3.6


class FontMissingError(RuntimeError):
    pass


def register_cjk_font() -> str:
    """Register the CJK font file with matplotlib and return its family name."""
    for path in CJK_FONT_PATHS:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    raise FontMissingError(f"no CJK font found at {', '.join(CJK_FONT_PATHS)}; install Debian's fonts-wqy-microhei")


def setup_style() -> None:
    """Apply the report style: CJK-capable font, light grid, no top/right spines, SVG/PNG metadata fixed."""
    family = register_cjk_font()
    plt.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "text.parse_math": False,  # a "$" in a label (US$, or data text) is a dollar sign, never mathtext
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "grid.color": "#dddddd",
            "grid.linewidth": 0.6,
            "axes.titlesize": 11,
            "axes.titleweight": "normal",
            "axes.titlelocation": "left",
            "axes.labelsize": 9,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 8.5,
            "legend.frameon": False,
            "figure.dpi": 110,
            "savefig.dpi": 160,
            "savefig.bbox": "tight",
            "svg.hashsalt": "szreport",
            "svg.fonttype": "path",  # text as glyph outlines: the SVG needs no font on the reader's side
        }
    )


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


def _finish(fig: Figure, ax, title: str, source: str) -> None:
    ax.set_title(title, gid=TITLE_GID)
    fig.tight_layout()
    _source_text(fig, source)


def _source_text(fig: Figure, source: str) -> None:
    """The source line under the figure, wrapped to the figure's width.

    Matplotlib wraps a ``wrap=True`` text again on every layout of it (several per draw, and a PNG with
    ``bbox_inches="tight"`` is drawn twice), each time measuring the line word by word: that was a third of
    the time spent drawing the reports' charts. The line is wrapped here once instead, by the same rule
    (words added while the line still fits between the text's x and the figure's right edge, measured by
    the figure's own renderer at its dpi), and drawn as it is."""
    text = fig.text(0.01, 0.0, source, fontsize=7.5, color="#555555", ha="left", va="top", wrap=True)
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None:  # a canvas that cannot measure text: matplotlib wraps at draw time
        return
    renderer = get_renderer()
    width = fig.bbox.width * (1 - 0.01)  # from x = 0.01 of the figure to its right edge, in pixels
    prop = text.get_fontproperties()

    def fits(words: list[str]) -> bool:
        return math.ceil(renderer.get_text_width_height_descent(" ".join(words), prop, ismath=False)[0]) <= width

    lines = []
    for paragraph in source.split("\n"):
        words = paragraph.split(" ")
        while len(words) > 1:
            # the most words that fit, at least one (text width grows with every word added)
            count = bisect.bisect_left(range(2, len(words) + 1), True, key=lambda n: not fits(words[:n])) + 1
            lines.append(" ".join(words[:count]))
            words = words[count:]
        lines += words
    text.set_text("\n".join(lines))
    text.set_wrap(False)


def _new(width: float = FIG_WIDTH_IN, height: float = FIG_HEIGHT_IN):
    return plt.subplots(figsize=(width, height))


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
) -> Chart:
    """Bars with their printed values on top."""
    fig, ax = _new()
    colors = colors or [ACCENT] * len(values)
    if horizontal:
        bars = ax.barh(labels, values, color=colors, height=0.6)
        ax.invert_yaxis()
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(ylabel)
        for bar, text in zip(bars, value_labels):
            ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + text, va="center", fontsize=8.5)
        ax.set_xlim(0, max(values) * 1.18)
    else:
        slots = year_slots(labels)
        positions = [slots[label] for label in labels] if slots else list(range(len(labels)))
        bars = ax.bar(positions, values, color=colors, width=0.6)
        if slots:  # a year missing from the data is a gap on the axis, not two neighbouring bars
            ticks = sorted(set(slots.values()) | set(range(min(slots.values()), max(slots.values()) + 1)))
            by_position = {slots[label]: label for label in labels}
            ax.set_xticks(ticks, [by_position.get(t, str(t)) for t in ticks])
        else:
            ax.set_xticks(positions, labels)
        ax.set_ylabel(ylabel)
        for bar, text in zip(bars, value_labels):
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), text, ha="center", va="bottom", fontsize=8.5)
        ax.set_ylim(0, max(values) * 1.15)
    _finish(fig, ax, title, source)
    table = data if data is not None else pd.DataFrame({"label": labels, "value": values})
    return Chart(name, fig, table, source, title, "bar", (_series(ylabel, labels, values, value_labels),), ylabel)


@plain_text
def line_chart(
    name: str,
    frame: pd.DataFrame,
    x: str,
    lines: dict[str, str],
    title: str,
    source: str,
    ylabel: str = "",
    styles: dict[str, dict] | None = None,
    annotations: list[tuple] | None = None,
    vlines: list[tuple] | None = None,
    annotation_offset: tuple[int, int] = (0, 6),
) -> Chart:
    """Lines over years: ``lines`` maps a column of ``frame`` to its legend label."""
    fig, ax = _new()
    styles = styles or {}
    for i, (column, label) in enumerate(lines.items()):
        style = {"color": PALETTE[i % len(PALETTE)], "marker": "o", "markersize": 3.5, "linewidth": 1.8}
        style.update(styles.get(column, {}))
        sub = frame[[x, column]].dropna()
        ax.plot(sub[x], sub[column], label=label, **style)
    for xv, text in vlines or []:
        ax.axvline(xv, color=CONTEXT, linestyle=":", linewidth=1)
        ax.text(xv, ax.get_ylim()[1], " " + text, fontsize=7.5, color=CONTEXT, va="top")
    for xv, yv, text in annotations or []:
        ax.annotate(text, (xv, yv), textcoords="offset points", xytext=annotation_offset, ha="center", fontsize=8)
    if annotations and annotation_offset[1] < 0:  # room for labels under the lowest point
        low, high = ax.get_ylim()
        ax.set_ylim(low - (high - low) * 0.08, high)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    if len(lines) > 1:
        ax.legend(loc="upper left")
    _finish(fig, ax, title, source)
    drawn = tuple(
        _series(label, sub[x], sub[column]) for column, label in lines.items() for sub in [frame[[x, column]].dropna()]
    )
    return Chart(name, fig, frame, source, title, "line", drawn, ylabel)


def close(chart: Chart) -> None:
    plt.close(chart.figure)


@plain_text
def bar_line_chart(
    name: str,
    frame: pd.DataFrame,
    x: str,
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
    bars = ax.bar(frame[x], frame[bar], color=bar_colors or ACCENT, width=0.6, label=bar_label, zorder=2)
    for rect, text in zip(bars, bar_value_labels or []):
        ax.text(rect.get_x() + rect.get_width() / 2, rect.get_height(), text, ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, float(frame[bar].max()) * 2.1)
    ax.set_ylabel(ylabel)
    ax.set_xticks(list(frame[x]))
    right = ax.twinx()
    right.grid(False)
    right.spines["right"].set_visible(True)
    styles = styles or {}
    top = 0.0
    for i, (column, label) in enumerate(lines.items()):
        style = {"color": PALETTE[(i + 1) % len(PALETTE)], "marker": "o", "markersize": 4, "linewidth": 1.8}
        style.update(styles.get(column, {}))
        sub = frame[[x, column]].dropna()
        right.plot(sub[x], sub[column], label=label, **style)
        top = max(top, float(sub[column].max())) if not sub.empty else top
        for xv, yv, text in zip(sub[x], sub[column], (line_value_labels or {}).get(column, [])):
            right.annotate(
                text, (xv, yv), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8, color=style["color"]
            )
    right.set_ylim(0, top * 1.3 if top > 0 else 1)
    right.set_ylabel(ylabel_right)
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    labels = ax.get_legend_handles_labels()[1] + right.get_legend_handles_labels()[1]
    ax.legend(handles, labels, loc="upper left", ncol=min(3, len(labels)))
    _finish(fig, ax, title, source)
    drawn = (_series(bar_label, frame[x], frame[bar], bar_value_labels),) + tuple(
        _series(label, sub[x], sub[column], (line_value_labels or {}).get(column))
        for column, label in lines.items()
        for sub in [frame[[x, column]].dropna()]
    )
    return Chart(name, fig, frame, source, title, "bar_line", drawn)


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
    step = 0.8 / max(1, len(groups))
    top = 0.0
    for i, (group, values) in enumerate(groups.items()):
        ys = [row - 0.4 + step * (i + 0.5) for row in range(len(labels))]
        bars = ax.barh(ys, values, height=step * 0.9, color=colors[i % len(colors)], label=group)
        top = max([top, *values])
        for rect, text in zip(bars, value_labels.get(group, [])):
            ax.text(rect.get_width(), rect.get_y() + rect.get_height() / 2, " " + text, va="center", fontsize=8)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, top * 1.3 if top > 0 else 1)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower right")
    _finish(fig, ax, title, source)
    table = data if data is not None else pd.DataFrame({"label": labels, **groups})
    drawn = tuple(_series(group, labels, values, value_labels.get(group)) for group, values in groups.items())
    return Chart(name, fig, table, source, title, "grouped_bar", drawn)
