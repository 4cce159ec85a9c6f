"""A chart laid out for a phone: the drawing a page shows at widths up to 600 px (issue 24).

:func:`narrow` takes a chart's figure after its files are written (:func:`szreport.charts.files.render`) and lays the
same artists out again, narrower: no chart is drawn twice, only its layout and the page's second SVG cost again
(issue 26). The figure becomes :data:`NARROW_WIDTH_IN` wide; every text at least :data:`MIN_FONT_PT`; labels of
categories wrapped to the room beside the plot; the source line and the legend wrapped to the width; year labels
turned upright when they would touch. The page shows this drawing at :data:`NARROW_DPI` CSS pixels per inch, so at
390 px (a column of 306 px) it is shown at 0.85 of its own width or more, its smallest text at 10 px or more.
"""

from __future__ import annotations

import math
import re
import warnings
from typing import TYPE_CHECKING

from szreport.charts import layout

if TYPE_CHECKING:
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

# At 390 CSS px a report's column is 306 px (the page's margins); a drawing 3.6 in wide, shown at 96 px an inch
# (345.6 px), is shown there at 0.89 of its width, 9 pt text at 9 x 306 / 259.2 = 10.6 px.
NARROW_WIDTH_IN = 3.6
NARROW_HEIGHT_IN = 3.2  # the least height: a phone's picture is taller than the page's (7.2 x 3.6 in)
NARROW_DPI = 96  # CSS pixels per inch of the phone's picture (the page's is the figure's dpi, 110)
MIN_FONT_PT = 9.0
MEDIA = "(max-width: 600px)"  # the widths the phone's picture is for
LABEL_SHARE = 0.42  # of the figure's width, the most a category label beside the plot takes
_CHAR_EM = 0.55  # a Latin character's width in em, to wrap labels by display units


def _bigger(size: float) -> float:
    return max(size, MIN_FONT_PT)


def _category_axis(axis: Axis) -> bool:
    """Whether an axis labels categories (words), not numbers."""
    return any(text and not _NUMBER.fullmatch(text) for text in (t.get_text() for t in axis.get_ticklabels()))


_NUMBER = re.compile(r"[\u2212+-]?[\d.,]+%?")


def _wrap_categories(axis: Axis, width_in: float) -> None:
    """Category labels (fixed text) wrapped to ``width_in`` inches at their font size."""
    labels = [t.get_text() for t in axis.get_ticklabels()]
    if not labels:
        return
    size = float(axis.get_ticklabels()[0].get_fontsize())
    units = max(8, int(width_in * 72 / (size * _CHAR_EM)))
    wrapped = [
        layout.wrap_label(label.replace("\n", " "), units) if layout.units(label) > units else label for label in labels
    ]
    if wrapped != labels:
        axis.set_ticks(axis.get_ticklocs(), wrapped)


def _touching(fig: Figure, axis: Axis) -> bool:
    """Whether two neighbouring labels of an axis overlap (or all but touch)."""
    return _overlap(fig, axis.get_ticklabels())


def _overlap(fig: Figure, texts) -> bool:
    """Whether two texts side by side overlap (or all but touch)."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = sorted(
        (t.get_window_extent(renderer) for t in texts if t.get_visible() and t.get_text()), key=lambda box: box.x0
    )
    return any(a.x1 + 2 > b.x0 for a, b in zip(boxes, boxes[1:]))


def narrow(fig: Figure, title_gid: str = "") -> None:
    """Lay ``fig`` out again for a phone, in place (its title, marked ``title_gid``, left out: the caption line says
    it)."""
    fig.set_size_inches(NARROW_WIDTH_IN, max(NARROW_HEIGHT_IN, fig.get_figheight() * 0.95))
    for artist in fig.findobj(lambda candidate: bool(title_gid) and candidate.get_gid() == title_gid):
        artist.set_visible(False)
    for ax in fig.axes:
        for which in ("x", "y"):
            axis = ax.xaxis if which == "x" else ax.yaxis
            labels = axis.get_ticklabels()
            if labels:
                ax.tick_params(axis=which, labelsize=_bigger(float(labels[0].get_fontsize())))
            if which == "y" and _category_axis(axis):
                _wrap_categories(axis, NARROW_WIDTH_IN * LABEL_SHARE)
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        if isinstance(text, Text) and text.get_text():
            text.set_fontsize(_bigger(float(text.get_fontsize())))
    # a vertical line's label: along its line, clear of the data
    for line_label in fig.findobj(lambda candidate: candidate.get_gid() == layout.VLINE_GID):
        if isinstance(line_label, Text):
            line_label.set(rotation=90, ha="right", va="top", text=line_label.get_text().strip())
    own = getattr(fig, layout.LAY_OUT_ATTR, None)  # a chart that lays itself out (the audit's rows)
    if own is None:
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is not None and legend.get_gid() == layout.LEGEND_GID:
                words = [t.get_text() for t in legend.get_texts()]
                handles = [h for h in legend.legend_handles if h is not None]
                layout.top_legend(ax, handles, words, NARROW_WIDTH_IN - 0.3, MIN_FONT_PT, wrap=True, grow=True)
    _lay_out(fig, own)
    upright = False
    for ax in fig.axes:
        values = [t for t in ax.texts if t.get_gid() == layout.VALUE_GID]
        if _overlap(fig, values):  # values on top of bars: on two lines ("about" over "21,000")
            for text in values:
                text.set_text(text.get_text().replace(" ", "\n", 1))
            upright = True
        if _touching(fig, ax.xaxis):
            ax.tick_params(axis="x", labelrotation=90)
            upright = True
    if upright:
        _lay_out(fig, own)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    drawn = fig.get_tightbbox(renderer).width
    if drawn > NARROW_WIDTH_IN * 1.02:  # something reaches past the figure: narrower, so the whole keeps the width
        fig.set_size_inches(max(2.5, NARROW_WIDTH_IN - (drawn - NARROW_WIDTH_IN)), fig.get_figheight())
        _lay_out(fig, own)


def _lay_out(fig: Figure, own=None) -> None:
    """The layout again (the chart's own, ``own(width)``, if it has one), then the source line wrapped to it."""
    if own is not None:
        own(fig.get_figwidth())
    else:
        with warnings.catch_warnings():  # a layout that cannot give every label room keeps the nearest it finds
            warnings.simplefilter("ignore", UserWarning)
            fig.tight_layout()
    for text in fig.findobj(lambda artist: artist.get_gid() == layout.SOURCE_GID):
        layout.wrap_source(fig, text)  # type: ignore[arg-type]


def css_width(width_pt: float) -> float:
    """The CSS pixels the phone's picture is drawn at, from its width in points."""
    return math.floor(width_pt / 72 * NARROW_DPI * 10) / 10
