"""The report's chart style: one Chinese-capable font registered by path, the palette, the figure's size.

matplotlib is imported on first use (:class:`LazyModule`): validating data imports these constants, not matplotlib.
"""

from __future__ import annotations

import importlib
from pathlib import Path


class LazyModule:
    """A module imported on first use: validating data imports this module's constants, not matplotlib."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr):
        return getattr(importlib.import_module(self._name), attr)


plt = LazyModule("matplotlib.pyplot")
font_manager = LazyModule("matplotlib.font_manager")
mticker = LazyModule("matplotlib.ticker")

# Debian's fonts-wqy-microhei; registered by path so a font cache that predates the font does not matter.
CJK_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
# Palette: one accent for the subject / the article, muted tones for context and scenarios. Each colour reaches 4.5:1
# against the white background (WCAG AA for text: series colours also colour their labels and annotations;
# lines and bars need 3:1, WCAG 1.4.11). Contrast on white: ACCENT 5.4, CONTEXT 4.7, PALETTE 5.4, 11.0, 4.6,
# 5.3, 5.9, 4.7 (tests/test_chart_colours_unit.py).
ACCENT = "#c0392b"
CONTEXT = "#687677"
PALETTE = ["#c0392b", "#2c3e50", "#b85c00", "#117a65", "#8e44ad", "#687677"]
PUBLISHED = "#d4766c"  # a published figure beside the article's (bars of the themes; 3.2:1, a colour of bars only)
# What a bar's colour means when its chart's data do not say (no "kind" column): the accent the article's figure,
# the light red a published one (szreport.charts.legends writes the legend in the page's language).
COLOUR_KINDS = {ACCENT: "article", PUBLISHED: "published"}
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
    """Apply the report style: CJK-capable font, light grid, no top/right spines, SVG/PNG metadata fixed; texts
    measured once per process (:mod:`szreport.charts.measure`)."""
    from szreport.charts.measure import share_text_metrics

    share_text_metrics()
    family = register_cjk_font()
    plt.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": True,  # a true minus on the axes (WenQuanYi and Liberation have U+2212)
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
