"""What a chart says once its page's language is known: a legend for every colour its bars use, and "n/a" where the
data lack a year the axis shows.

The chart kinds (:mod:`szreport.charts.draw`) take their words from the themes, already in the page's language,
and record what else needs words: what each bar's colour means (:attr:`Chart.kinds`, e.g. implied, published, the
article's figure; from the ``kind`` column of the chart's data or from the colour itself) and the years missing
between the first and the last drawn (:attr:`Chart.gaps`). :func:`complete`, called when the page shows the chart
(:meth:`szreport.present.report.Report.chart`), writes them, and puts a legend a theme placed itself (over the
plot) in the strip above the plot where every other legend is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from szreport import fmt
from szreport.charts import layout
from szreport.charts.marks import kind_words

if TYPE_CHECKING:
    from matplotlib.artist import Artist

    from szreport.charts.draw import Chart

NO_DATA_FONT_PT = 8.0
LEGEND_ROOM_IN = 0.8  # of the figure's width, left to the axis labels beside the legend's strip


def kind_entries(kinds, lang: str) -> list[tuple[str, str]]:
    """(colour, words) for each colour the bars use, in the order drawn, when they use more than one: the kinds of
    the bars of that colour in words (two kinds of one colour joined). A colour no kind explains has no entry."""
    by_colour: dict[str, list[str]] = {}
    for colour, kind in kinds:
        words = kind_words(kind, lang) if kind else ""
        known = by_colour.setdefault(colour, [])
        if words and words not in known:
            known.append(words)
    if len(by_colour) < 2:
        return []
    return [(colour, " / ".join(words)) for colour, words in by_colour.items() if words]


def complete(chart: Chart, lang: str) -> None:
    """Write what the chart needs in words (legend of its colours, n/a in its gaps) and lay it out again if that
    moved anything."""
    from matplotlib.patches import Patch

    fig = chart.figure
    no_data = str(fmt.plain(fmt.t(lang, "chart_no_data")))
    for index, gap_x, colour in chart.gaps:
        ax = fig.axes[index]
        at = ax.get_xaxis_transform()  # x in data, y in the axes' height: just above the axis
        ax.text(gap_x, 0.01, no_data, transform=at, ha="center", va="bottom", fontsize=NO_DATA_FONT_PT, color=colour)
    relayout = False
    for index, which, key in chart.axis_keys:
        axis_words = str(fmt.plain(fmt.t(lang, key)))
        (fig.axes[index].set_xlabel if which == "x" else fig.axes[index].set_ylabel)(axis_words)
        relayout = True
    entries = kind_entries(chart.kinds, lang)
    width = fig.get_figwidth() - LEGEND_ROOM_IN
    handles: list[Artist] = []
    labels: list[str] = []
    if entries and chart.kind == "bar":
        handles = [Patch(facecolor=colour) for colour, _ in entries]
        layout.top_legend(fig.axes[0], handles, [words for _, words in entries], width, grow=True)
        relayout = True
    elif entries and chart.kind == "bar_line":  # the bars' entry, one per colour
        for ax in fig.axes:
            for handle, label in zip(*ax.get_legend_handles_labels()):
                if ax is fig.axes[0] and not handles and hasattr(handle, "patches"):  # the bars (a BarContainer)
                    handles += [Patch(facecolor=colour) for colour, _ in entries]
                    labels += [str(fmt.plain(fmt.t(lang, "legend_kind_of", label=label, kind=w))) for _, w in entries]
                else:
                    handles.append(handle)
                    labels.append(label)
        layout.top_legend(fig.axes[0], handles, labels, width, grow=True)
        relayout = True
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None and legend.get_gid() != layout.LEGEND_GID:  # placed by a theme, over the plot
            texts = [text.get_text() for text in legend.get_texts()]
            layout.top_legend(ax, [h for h in legend.legend_handles if h is not None], texts, width, grow=True)
            relayout = True
    if relayout:
        own = getattr(fig, layout.LAY_OUT_ATTR, None)  # a chart that lays itself out (the audit's rows)
        own(fig.get_figwidth()) if own is not None else fig.tight_layout()
