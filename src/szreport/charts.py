"""Charts: one matplotlib style, a Chinese font registered by path, a source line generated from metadata.

Every chart is a :class:`Chart`: the matplotlib figure, the table of numbers drawn (exported as CSV next to
the report) and the source line, built from the indicators' metadata in ``indicators.yaml`` and
``sources.csv``, never typed. Charts that draw supplementary series say so in the source line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

import matplotlib.pyplot as plt
import matplotlib.ticker
import pandas as pd
from matplotlib import font_manager

from . import fmt

# Debian's fonts-wqy-microhei; registered by path so a font cache that predates the font does not matter.
CJK_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
# Palette: one accent for Shenzhen / the article, muted tones for context and scenarios.
ACCENT = "#c0392b"
CONTEXT = "#7f8c8d"
PALETTE = ["#c0392b", "#2c3e50", "#e67e22", "#16a085", "#8e44ad", "#7f8c8d"]
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
    raise FontMissingError(
        f"no CJK font found at {', '.join(CJK_FONT_PATHS)}; install Debian's fonts-wqy-microhei")


def setup_style() -> None:
    """Apply the report style: CJK-capable font, light grid, no top/right spines, SVG/PNG metadata fixed."""
    family = register_cjk_font()
    plt.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
        "axes.unicode_minus": False,
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
    })


@dataclass
class Chart:
    name: str
    figure: plt.Figure
    data: pd.DataFrame
    source_line: str
    title: str = ""
    notes: list[str] = field(default_factory=list)

    def csv(self) -> str:
        return self.data.to_csv(index=False, lineterminator="\n")


def source_line(ds, indicators: list[str], lang: str, supplementary_sources: list[str] | None = None) -> str:
    """'Source: …' built from the indicators' metadata and, when series are used, their own sources."""
    ids: list[str] = []
    for key in indicators:
        source = ds.meta(key)["source"]
        if source not in ids:
            ids.append(source)
    extra = [s for s in (supplementary_sources or []) if s not in ids]
    names = [_source_name(ds, s) for s in ids]
    text = fmt.t(lang, "source_prefix") + "; ".join(names)
    if extra:
        text += fmt.t(lang, "source_supplementary") + "; ".join(_source_name(ds, s) for s in extra)
    return text


def _source_name(ds, source_id: str) -> str:
    row = ds.source(source_id)
    publisher = str(row["publisher"]).split(" (")[0]
    return f"{publisher} {row['date']}"


def _finish(fig: plt.Figure, ax, title: str, source: str) -> None:
    ax.set_title(title)
    fig.tight_layout()
    fig.text(0.01, 0.0, source, fontsize=7.5, color="#555555", ha="left", va="top", wrap=True)


def _new(width: float = FIG_WIDTH_IN, height: float = FIG_HEIGHT_IN):
    return plt.subplots(figsize=(width, height))


def bar_chart(name: str, labels: list[str], values: list[float], value_labels: list[str], title: str,
              source: str, ylabel: str = "", colors: list[str] | None = None, data: pd.DataFrame | None = None,
              horizontal: bool = False) -> Chart:
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
        bars = ax.bar(labels, values, color=colors, width=0.6)
        ax.set_ylabel(ylabel)
        for bar, text in zip(bars, value_labels):
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), text, ha="center", va="bottom", fontsize=8.5)
        ax.set_ylim(0, max(values) * 1.15)
    _finish(fig, ax, title, source)
    table = data if data is not None else pd.DataFrame({"label": labels, "value": values})
    return Chart(name, fig, table, source, title)


def line_chart(name: str, frame: pd.DataFrame, x: str, lines: dict[str, str], title: str, source: str,
               ylabel: str = "", styles: dict[str, dict] | None = None, annotations: list[tuple] | None = None,
               vlines: list[tuple] | None = None) -> Chart:
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
        ax.annotate(text, (xv, yv), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    if len(lines) > 1:
        ax.legend(loc="upper left")
    _finish(fig, ax, title, source)
    return Chart(name, fig, frame, source, title)


def interval_chart(name: str, labels: list[str], reported: list[float], lows: list[float], highs: list[float],
                   title: str, source: str, legend: tuple[str, str], xlabel: str = "") -> Chart:
    """Reported values (dots) against recomputed intervals (bars), one row per item."""
    height = max(FIG_HEIGHT_IN, 0.32 * len(labels) + 1.2)
    fig, ax = _new(height=height)
    ys = list(range(len(labels)))
    for y, lo, hi in zip(ys, lows, highs):
        ax.plot([lo, hi], [y, y], color=CONTEXT, linewidth=5, solid_capstyle="butt", alpha=0.6)
    ax.scatter(reported, ys, color=ACCENT, zorder=3, s=18, label=legend[0])
    ax.plot([], [], color=CONTEXT, linewidth=5, alpha=0.6, label=legend[1])
    ax.set_yticks(ys, labels)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower right")
    _finish(fig, ax, title, source)
    data = pd.DataFrame({"label": labels, "reported": reported, "recomputed_low": lows, "recomputed_high": highs})
    return Chart(name, fig, data, source, title)


def close(chart: Chart) -> None:
    plt.close(chart.figure)
