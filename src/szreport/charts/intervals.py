"""The audit's interval chart: claims in different units, one small axis per row, the reported figure with its
rounding interval against the recomputed interval (:func:`interval_rows_chart`), and the label wrapping it needs
(:func:`wrap_label`). Drawn in the style of :mod:`szreport.charts.draw`, whose helpers it uses.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from szreport.charts import draw as charts

if TYPE_CHECKING:
    from matplotlib.artist import Artist


def wrap_label(text: str, width: int) -> str:
    """Break a label into lines of at most ``width`` display units (a CJK character counts two), preferring
    to break after a Chinese colon or comma, or at a space."""

    def units(t: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in t)

    lines, rest = [], text
    while units(rest) > width:
        cut, used = 0, 0
        for i, ch in enumerate(rest):
            used += 2 if ord(ch) > 0x2E7F else 1
            if used > width:
                break
            if ch in "：，、 ":
                cut = i + 1
        if cut == 0:
            cut = i
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    lines.append(rest)
    return "\n".join(lines)


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
    """Claims in different units, one small axis per row, each on its own scale: the reported figure (dot)
    with its rounding interval (thin line) against the recomputed interval (thick bar, coloured).

    Each row is a dict with label, reported, reported_low, reported_high, recomputed_low, recomputed_high,
    color and an optional tag written at the right. ``legend`` maps "reported" and each key of ``colors`` to
    its legend text. An open-ended reported interval (over, at least) is drawn to the edge of the row.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    labels = [wrap_label(row["label"], 44) for row in rows]
    row_height = 0.26 + 0.12 * max(label.count("\n") + 1 for label in labels)
    fig = charts.plt.figure(figsize=(charts.FIG_WIDTH_IN, row_height * len(rows) + 1.25))
    top, bottom = 1 - 0.62 / fig.get_figheight(), 0.5 / fig.get_figheight()
    grid = fig.add_gridspec(len(rows), 1, left=0.44, right=0.78, top=top, bottom=bottom, hspace=1.15)
    for index, row in enumerate(rows):
        ax = fig.add_subplot(grid[index, 0])
        finite = [
            x
            for x in (
                row["reported"],
                row["reported_low"],
                row["reported_high"],
                row["recomputed_low"],
                row["recomputed_high"],
            )
            if math.isfinite(x)
        ]
        lo, hi = min(finite), max(finite)
        span = (hi - lo) or (abs(hi) * 0.01) or 1.0
        left, right = lo - 0.2 * span, hi + 0.2 * span
        ax.set_xlim(left, right)
        ax.set_ylim(-1, 1)
        width = max(row["recomputed_high"] - row["recomputed_low"], (right - left) * 0.006)
        ax.barh(
            0,
            width,
            left=row["recomputed_low"] - (width - (row["recomputed_high"] - row["recomputed_low"])) / 2,
            height=1.1,
            color=row["color"],
            alpha=0.8,
            zorder=2,
        )
        ax.plot(
            [row["reported_low"], min(row["reported_high"], right)],
            [0, 0],
            color=charts.ACCENT,
            linewidth=1.4,
            zorder=3,
        )
        ax.scatter([row["reported"]], [0], color=charts.ACCENT, s=16, zorder=4)
        ax.set_yticks([0], [labels[index]], fontsize=8)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", labelsize=6.5, length=2, pad=1)
        ax.xaxis.set_major_locator(charts.mticker.MaxNLocator(3))
        ax.xaxis.set_major_formatter(charts.mticker.FuncFormatter(lambda v, _: f"{v:,.6g}"))
        ax.grid(axis="x", color="#eeeeee", linewidth=0.5)
        ax.grid(axis="y", visible=False)
        for side in ("left", "top", "right"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color("#bbbbbb")
        if row.get("tag"):
            ax.text(
                1.02, 0, row["tag"], transform=ax.get_yaxis_transform(), fontsize=7.5, va="center", color=row["color"]
            )
    handles: list[Artist] = [Line2D([], [], color=charts.ACCENT, marker="o", markersize=4, linewidth=1.4)]
    handles += [Patch(color=c, alpha=0.8) for c in colors.values()]
    labels = [legend["reported"]] + [legend[k] for k in colors]
    fig.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(0.01, 1 - 0.3 / fig.get_figheight()),
        ncol=len(labels),
        fontsize=7.5,
        frameon=False,
        handlelength=1.6,
        columnspacing=1.2,
    )
    fig.text(0.01, 1 - 0.05 / fig.get_figheight(), title, fontsize=11, ha="left", va="top", gid=charts.TITLE_GID)
    charts._source_text(fig, source)
    table = data if data is not None else pd.DataFrame(rows)
    reported = charts._series(legend.get("reported", ""), [r["label"] for r in rows], [r["reported"] for r in rows])
    return charts.Chart(name, fig, table, source, title, "intervals", (reported,))
