"""The audit's interval chart: claims in different units on one scale, so that rows can be compared
(:func:`interval_rows_chart`). Each claim is drawn relative to its printed value: the printed figure at 0, its
rounding interval around it (thin line), the recomputed interval (thick bar, coloured by verdict), all as the
difference from the printed value in per cent of it, on one axis shared by every row, with ticks at round values.
Each row's label stands above it, across the whole width, and the verdict of a row that is not consistent at its
right; the chart's data keep the values in their own units (the CSV), and its marks show them so
(:mod:`szreport.charts.marks`). Drawn in the style of :mod:`szreport.charts.draw`, whose helpers it uses.
"""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING

import pandas as pd

from szreport.charts import draw as charts
from szreport.charts import layout
from szreport.charts.marks import Marks

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure

wrap_label = layout.wrap_label  # (re-exported: the audit's labels are wrapped by the same rule)
AXIS_KEY = "chart_interval_axis"  # the axis label's words: difference from the printed figure, in % of it
ROW_LABEL_GID = "sz-row-label"  # a row's label (an axes' left title), wrapped again for a phone
ROW_LABEL_PT = 8.5
TICK_STEPS = [1, 2, 2.5, 5, 10]  # ticks at round values: 1, 2, 2.5 or 5 times a power of ten
_CHAR_EM = 0.55  # a Latin character's width in em, to wrap labels by display units
_LABEL_ATTR = "_sz_label"  # a row label's text as given, before wrapping


def relative_pct(value: float, printed: float) -> float:
    """``value`` as the difference from ``printed`` in per cent of it (infinite stays infinite; NaN when the printed
    value is 0)."""
    if printed == 0 or not math.isfinite(printed):
        return math.nan
    if math.isinf(value):
        return value
    return (value / printed - 1) * 100


def signed_pct(value: float, _position=None) -> str:
    """A tick's label: +5%, 0%, −5% (a true minus)."""
    rounded = round(value, 6)
    sign = "+" if rounded > 0 else "\u2212" if rounded < 0 else ""
    return f"{sign}{abs(rounded):g}%"


@charts.plain_text
def interval_rows_chart(
    name: str,
    rows: list[dict],
    title: str,
    source: str,
    legend: dict[str, str],
    colors: dict[str, str],
    data: pd.DataFrame | None = None,
) -> charts.Chart:
    """Claims in different units on one scale: each row's printed figure (dot, at 0) with its rounding interval (thin
    line) against the recomputed interval (thick bar, coloured), relative to the printed figure.

    Each row is a dict with label, reported, reported_low, reported_high, recomputed_low, recomputed_high,
    color and an optional tag written at the right. ``legend`` maps "reported" and each key of ``colors`` to
    its legend text. An open-ended interval (over, at least) is drawn to the edge of the axis. A row whose printed
    figure is 0 has no relative scale and is left empty.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig = charts.new_figure(charts.FIG_WIDTH_IN, 1.3 + 0.62 * len(rows))
    axes = list(fig.subplots(len(rows), 1, sharex=True, squeeze=False)[:, 0])
    ends = ("reported_low", "reported_high", "recomputed_low", "recomputed_high")
    relative = [{key: relative_pct(row[key], row["reported"]) for key in ends} for row in rows]
    finite = [0.0] + [v for r in relative for v in r.values() if math.isfinite(v)]
    low, high = min(finite), max(finite)
    pad = 0.06 * (high - low) or 1.0
    left, right = low - pad, high + pad
    marks = Marks()
    for index, (ax, row, rel) in enumerate(zip(axes, rows, relative)):
        ax.set_xlim(left, right)
        ax.set_ylim(-1, 1)
        ax.set_title(row["label"], loc="left", fontsize=ROW_LABEL_PT, pad=3, gid=ROW_LABEL_GID)
        if row.get("tag"):
            ax.set_title(row["tag"], loc="right", fontsize=ROW_LABEL_PT, pad=3, color=row["color"])
        ax.axvline(0, color=charts.CONTEXT, linewidth=0.6, linestyle=":", zorder=1)
        if not math.isnan(rel["reported_low"]):
            _draw_row(ax, row, rel, index, (left, right), marks)
        ax.set_yticks([])
        ax.grid(axis="x", color="#eeeeee", linewidth=0.5)
        ax.grid(axis="y", visible=False)
        for side in ("left", "top", "right"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color("#bbbbbb")
        ax.tick_params(axis="x", length=2, labelbottom=index == len(rows) - 1)
    axes[-1].xaxis.set_major_locator(charts.mticker.MaxNLocator(nbins=7, steps=TICK_STEPS))
    axes[-1].xaxis.set_major_formatter(charts.mticker.FuncFormatter(signed_pct))
    handles: list[Artist] = [Line2D([], [], color=charts.ACCENT, marker="o", markersize=4, linewidth=1.4)]
    handles += [Patch(color=c, alpha=0.8) for c in colors.values()]
    labels = [legend["reported"]] + [legend[k] for k in colors]
    fig.text(0.01, 0.99, title, fontsize=11, ha="left", va="top", gid=charts.TITLE_GID)

    def lay_out(width_in: float) -> None:
        _lay_out(fig, handles, labels, width_in)

    setattr(fig, layout.LAY_OUT_ATTR, lay_out)  # szreport.charts.phone lays the rows out again, narrower
    lay_out(charts.FIG_WIDTH_IN)
    layout.source_text(fig, source)
    table = data if data is not None else pd.DataFrame(rows)
    reported = charts._series(legend.get("reported", ""), [r["label"] for r in rows], [r["reported"] for r in rows])
    return charts.Chart(
        name,
        fig,
        table,
        source,
        title,
        "intervals",
        (reported,),
        marks=tuple(marks.items),
        axis_keys=((len(rows) - 1, "x", AXIS_KEY),),
    )


def _draw_row(ax, row: dict, rel: dict, index: int, limits: tuple[float, float], marks: Marks) -> None:
    """One claim: the recomputed interval (bar), the printed one (line) with caps at its ends, the printed dot."""
    left, right = limits
    rec_lo, rec_hi = (max(left, min(right, rel[k])) for k in ("recomputed_low", "recomputed_high"))
    width = max(rec_hi - rec_lo, (right - left) * 0.005)  # a point interval stays visible
    ax.barh(0, width, left=rec_lo - (width - (rec_hi - rec_lo)) / 2, height=1.1, color=row["color"], alpha=0.8)
    rep_lo, rep_hi = (max(left, min(right, rel[k])) for k in ("reported_low", "reported_high"))
    ax.plot([rep_lo, rep_hi], [0, 0], color=charts.ACCENT, linewidth=1.4, zorder=3)
    for kind, colour, size in (("reported", charts.ACCENT, 7), ("recomputed", row["color"], 12)):
        shown = [k for k in (f"{kind}_low", f"{kind}_high") if math.isfinite(rel[k])]
        (caps,) = ax.plot(
            [rel[k] for k in shown], [0] * len(shown), linestyle="none", marker="|", markersize=size,
            markeredgewidth=1.4, color=colour, zorder=4,
        )  # fmt: skip
        marks.points(caps, [_mark(row, index, k, "end") for k in shown])
    (dot,) = ax.plot([0], [0], linestyle="none", marker="o", markersize=4.5, color=charts.ACCENT, zorder=5)
    marks.points(dot, [_mark(row, index, "reported", "point")])


def _lay_out(fig: Figure, handles: list, labels: list[str], width_in: float) -> None:
    """The rows' labels wrapped to the width, the legend (as many columns as fit) under the title, then the layout
    with the legend's room kept at the top."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    size = ROW_LABEL_PT
    lines = 0
    for ax in fig.axes:
        for label in ax.findobj(lambda artist: artist.get_gid() == ROW_LABEL_GID):
            text = getattr(label, _LABEL_ATTR, label.get_text())  # type: ignore[attr-defined]
            setattr(label, _LABEL_ATTR, text)
            size = label.get_fontsize()  # type: ignore[attr-defined]
            tag = str(ax.get_title(loc="right"))  # a verdict at the right: the label wraps before it
            room = int(width_in * 0.96 * 72 / (size * _CHAR_EM)) - (layout.units(tag) + 4 if tag else 0)
            units = max(16, room)
            label.set_text(wrap_label(str(text), units))  # type: ignore[attr-defined]
            lines += label.get_text().count("\n") + 1  # type: ignore[attr-defined]
    # room for each row's bar and its label's lines, and for the title, the legend and the axis under them
    fig.set_size_inches(width_in, 1.35 + 0.36 * len(fig.axes) + lines * size * 1.25 / 72)
    for legend in list(fig.legends):
        legend.remove()
    for ncol in range(len(labels), 0, -1):
        legend = fig.legend(
            handles, labels, loc="upper left", ncol=ncol, fontsize=size, frameon=False, handlelength=1.6,
            columnspacing=1.2, borderaxespad=0,
        )  # fmt: skip
        if ncol == 1 or legend.get_window_extent(renderer).width <= (width_in - 0.2) * fig.dpi:
            break
        legend.remove()  # too wide: one column fewer
    height = fig.get_figheight()
    legend_in = legend.get_window_extent(renderer).height / fig.dpi
    titles = [t for t in fig.texts if t.get_gid() == charts.TITLE_GID and t.get_visible()]
    title_in = 0.34 if titles else 0.05
    legend.set_bbox_to_anchor((0.01, 1 - title_in / height), transform=fig.transFigure)
    with warnings.catch_warnings():  # a layout that cannot give every label room keeps the nearest it finds
        warnings.simplefilter("ignore", UserWarning)
        fig.tight_layout(rect=(0, 0, 1, 1 - (title_in + legend_in + 0.08) / height), h_pad=0.4)


def _mark(row: dict, index: int, column: str, kind: str) -> dict:
    """A mark of a row: its printed or recomputed value (in the claim's unit, as its data keep it)."""
    return {
        "kind": kind,
        "label": row["label"],
        "year": "",
        "column": column,
        "row": index,
        "value": float(row[column]),
        "series": column,
        "note_key": f"mark_{column}",
    }
