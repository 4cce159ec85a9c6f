"""Layout helpers every chart kind and both widths share: the source line wrapped to the figure's width, the legend
in the strip above the plot, and labels wrapped to a number of display units.

Nothing here draws a chart; :mod:`szreport.charts.draw` and :mod:`szreport.charts.intervals` call these while they
draw, and :mod:`szreport.charts.phone` again when it lays a chart out for a phone.
"""

from __future__ import annotations

import bisect
import math
import numbers
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.text import Text

SOURCE_GID = "sz-source"  # the source line under a chart
VALUE_GID = "sz-value"  # a value printed on top of its bar, on two lines on a phone where neighbours would touch
VLINE_GID = "sz-vline"  # the label of a marker line (the census break), beside it on a phone
LEGEND_GID = "sz-legend"  # a legend placed by top_legend (a theme's own ax.legend is placed again: legends.complete)
SOURCE_FONT_PT = 7.5
LEGEND_FONT_PT = 8.5
LAY_OUT_ATTR = "_sz_lay_out"  # a figure's own layout, ``lay_out(width_in)`` (the audit's rows), for a phone
_UNWRAPPED = "_sz_unwrapped"  # the attribute that keeps a source line's text as given, before wrapping
_ROOM = "_sz_legend_room"  # the height, in inches, a figure grew by for its axes' legend
CHAR_EM = 0.55  # a Latin character's width in em, to wrap labels by display units


def units(text: str) -> int:
    """Display units of a text: a CJK character counts two, anything else one."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def wrap_label(text: str, width: int) -> str:
    """Break a label into lines of at most ``width`` display units (a CJK character counts two), preferring
    to break after a Chinese colon or comma, or at a space."""
    lines, rest = [], text
    while units(rest) > width:
        cut, used = 0, 0
        for position, ch in enumerate(rest):
            used += 2 if ord(ch) > 0x2E7F else 1
            if used > width:
                break
            if ch in "：，、 ":
                cut = position + 1
        if cut == 0:
            cut = position
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    lines.append(rest)
    return "\n".join(lines)


def source_text(fig: Figure, source: str) -> Text:
    """The source line under the figure (marked :data:`SOURCE_GID`), wrapped to the figure's width."""
    text = fig.text(0.01, 0.0, source, fontsize=SOURCE_FONT_PT, color="#555555", ha="left", va="top", gid=SOURCE_GID)
    setattr(text, _UNWRAPPED, source)
    wrap_source(fig, text)
    return text


# Widths in pixels of the lines wrap_source measured, by (line, font, dpi): a font's metrics do not change.
_LINE_WIDTHS: dict[tuple[str, int, float], int] = {}
MAX_LINE_WIDTHS = 20000


def wrap_source(fig: Figure, text: Text) -> None:
    """Wrap a source line (again) to the figure's width at its font size.

    Matplotlib wraps a ``wrap=True`` text again on every layout of it (several per draw, and a PNG with
    ``bbox_inches="tight"`` is drawn twice), each time measuring the line word by word: that was a third of
    the time spent drawing the reports' charts. The line is wrapped here once instead, by the same rule
    (words added while the line still fits between the text's x and the figure's right edge, measured by
    the figure's own renderer at its dpi), and drawn as it is."""
    source = getattr(text, _UNWRAPPED, text.get_text())
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None:  # a canvas that cannot measure text: matplotlib wraps at draw time
        text.set_text(source)
        text.set_wrap(True)
        return
    renderer = get_renderer()
    room = fig.bbox.width * (1 - text.get_position()[0])  # from the text's x to the figure's right edge, in pixels
    prop = text.get_fontproperties()

    def width(line: str) -> int:
        key = (line, hash(prop), renderer.dpi)  # the same source line is measured again for every chart it is under
        if key not in _LINE_WIDTHS:
            if len(_LINE_WIDTHS) > MAX_LINE_WIDTHS:
                _LINE_WIDTHS.clear()
            _LINE_WIDTHS[key] = math.ceil(renderer.get_text_width_height_descent(line, prop, ismath=False)[0])
        return _LINE_WIDTHS[key]

    lines = []
    for paragraph in source.split("\n"):
        pieces = _PIECES.findall(paragraph)  # words, and each Chinese character with the punctuation after it
        while len(pieces) > 1:
            count = most_that_fit(
                len(pieces),
                lambda piece_count, pieces=pieces: width("".join(pieces[:piece_count]).strip()) <= room,
                _count_within(pieces, width, room),
            )
            lines.append("".join(pieces[:count]).strip())
            pieces = pieces[count:]
            while pieces and not pieces[0].strip():
                pieces = pieces[1:]
        lines += [piece.strip() for piece in pieces]
    text.set_text("\n".join(lines))
    text.set_wrap(False)


def _count_within(pieces: Sequence[str], width, room: float) -> int:
    """How many pieces fit by their own widths added up (a guess: a line's width is not quite the sum of its
    pieces', for kerning and rounding); a piece is measured once, and Chinese characters repeat."""
    used = 0
    for count, piece in enumerate(pieces):
        used += width(piece)
        if used > room:
            return count
    return len(pieces)


def most_that_fit(total: int, fits, guess: int) -> int:
    """The largest count from 1 to ``total`` whose first pieces fit on a line (``fits(count)``; one piece always
    does). A line's width grows with every piece, so it is the first count that does not fit, less one: found by
    bisection as before, but around ``guess`` first, where two measurements of the whole line usually settle it
    (a third of the measurements of a bisection over every count, each of a long line)."""
    guess = min(max(guess, 1), total)
    if guess == 1 or fits(guess):
        if guess == total or not fits(guess + 1):
            return guess
        first = guess + 2  # the answer is at least guess + 1
        counts = range(first, total + 1)
    else:
        first = 2  # the answer is below guess
        counts = range(first, guess)
    return bisect.bisect_left(counts, True, key=lambda count: not fits(count)) + first - 1


# Where a line may break: after a word and its space, or after any Chinese character (with the punctuation that
# follows it: a line never starts with "，" or "）").
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_PIECES = re.compile(rf"[{_CJK}][，。；：、）》」』,.;:)]*|[^\s{_CJK}]+\s*|\s+")


def top_legend(
    ax: Axes,
    handles: Sequence[Artist],
    labels: Sequence[str],
    width_in: float,
    fontsize: float = LEGEND_FONT_PT,
    wrap: bool = False,
    grow: bool = False,
) -> Legend:
    """The legend in a strip above the plot and below the title, never over the data, from the figure's left edge
    (as the source line): as many columns as fit in ``width_in`` inches (one row if they all do), and the title
    lifted above it; with ``wrap``, a label longer than the width on lines of its own; with ``grow``, the figure
    taller by the legend's height, so that the plot keeps its own."""
    from matplotlib.figure import Figure as MplFigure

    fig = ax.get_figure()
    assert isinstance(fig, MplFigure)  # the chart's own figure, never a subfigure
    if wrap:  # the handle takes about two em and its gap
        units = max(12, int((width_in * 72 - 2.5 * fontsize) / (fontsize * CHAR_EM)))
        labels = [wrap_label(label.replace("\n", " "), units) for label in labels]
    from matplotlib.transforms import blended_transform_factory

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg, the kernels' backend
    at = blended_transform_factory(fig.transFigure, ax.transAxes)  # from the figure's left edge, over the plot
    legend = None
    for ncol in range(len(labels), 0, -1):
        legend = ax.legend(
            handles,
            labels,
            loc="lower left",
            bbox_to_anchor=(0.01, 1.02),
            bbox_transform=at,
            borderaxespad=0,
            ncol=ncol,
            fontsize=fontsize,
            frameon=False,
            handlelength=1.5,
            handletextpad=0.5,
            columnspacing=1.2,
        )
        if ncol == 1 or legend.get_window_extent(renderer).width <= width_in * fig.dpi:
            break
    assert legend is not None
    legend.set_gid(LEGEND_GID)
    height_pt = legend.get_window_extent(renderer).height * 72 / fig.dpi
    ax.set_title(ax.get_title(), pad=height_pt + 10)
    if grow:  # by the room this legend takes more than the one it replaces
        room = (height_pt + 10) / 72
        fig.set_size_inches(fig.get_figwidth(), fig.get_figheight() + room - getattr(ax, _ROOM, 0.0))
        setattr(ax, _ROOM, room)
    return legend


def year_ticks(ax, positions: list[int], labels: list[str] | None = None) -> list[int]:
    """Ticks at every year from the first to the last drawn, the missing ones too; the years missing."""
    ticks = list(range(min(positions), max(positions) + 1))
    by_position = dict(zip(positions, labels or [str(p) for p in positions]))
    ax.set_xticks(ticks, [by_position.get(t, str(t)) for t in ticks])
    return [t for t in ticks if t not in by_position]


def is_years(values) -> bool:
    """Whether every value is a whole year (the x of a chart over years)."""
    values = list(values)
    return bool(values) and all(
        isinstance(v, numbers.Real) and float(v).is_integer() and 1900 <= float(v) <= 2100 for v in values
    )
