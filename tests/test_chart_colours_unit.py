"""Colours of the charts against their white background, by the WCAG 2 contrast ratio (worked out here, not
imported): every colour a series is drawn in reaches 3:1 (WCAG 1.4.11, non-text contrast), every colour text is
written in 4.5:1 (WCAG 1.4.3, AA). The palette colours also colour text (a series' annotations, the label of a
marker line, a verdict's tag), so they are held to 4.5:1. A light colour put back anywhere in the package's
Python, as a colour literal, fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "szreport"
WHITE = "#ffffff"
TEXT_MIN = 4.5  # WCAG 1.4.3 AA, normal text
GRAPHICS_MIN = 3.0  # WCAG 1.4.11, bars, lines and markers
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# Colour literals that draw neither data nor text: grid lines and the interval chart's axis line (the values are
# printed on the bars and in the table under every chart), and the white background itself.
DECORATION = {"#dddddd", "#eeeeee", "#bbbbbb", "#ffffff", "#fff"}


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour #rgb or #rrggbb (WCAG 2.x definition)."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str = WHITE) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over_white(colour: str, alpha: float) -> str:
    """The colour a translucent fill shows on white."""
    digits = colour.lstrip("#")
    channels = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(alpha * c + (1 - alpha) * 255):02x}" for c in channels)


def test_contrast_formula():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#ffffff") == pytest.approx(1.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA on white
    assert contrast("#777777") < TEXT_MIN  # and the next one does not
    assert contrast("#e67e22") < GRAPHICS_MIN  # the orange the palette had: too light even for a line


def test_palette_reaches_text_contrast():
    from szreport.charts import draw as charts
    from szreport.themes.outlook import charts as outlook_charts

    for colour in [charts.ACCENT, charts.CONTEXT, *charts.PALETTE, *outlook_charts.SCENARIO_COLORS]:
        assert contrast(colour) >= TEXT_MIN, (colour, round(contrast(colour), 2))


def test_other_series_colours_reach_graphics_contrast():
    from szreport.audit.report import sections
    from szreport.themes import innovation
    from szreport.themes.opening_up import common as opening_common
    from szreport.themes.outlook import gdp as outlook_gdp

    series = [innovation.PUBLISHED, opening_common.PUBLISHED, *outlook_gdp.REQUIRED_BAR_COLORS.values()]
    for colour in series:
        assert contrast(colour) >= GRAPHICS_MIN, (colour, round(contrast(colour), 2))
    for colour in sections.VERDICT_COLORS.values():  # a verdict's tag is written in its colour; its bar at 0.8
        assert contrast(colour) >= TEXT_MIN, (colour, round(contrast(colour), 2))
        assert contrast(over_white(colour, 0.8)) >= GRAPHICS_MIN, (colour, round(contrast(over_white(colour, 0.8)), 2))


def test_chart_text_colours():
    """After the report style is set, every text of a chart (title, labels, ticks, legend, the source line)."""
    import matplotlib
    from matplotlib import colors as mcolors

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from szreport.charts import draw as charts

    charts.setup_style()
    rc = matplotlib.rcParams
    keys = ["text.color", "axes.labelcolor", "axes.titlecolor", "xtick.labelcolor", "ytick.labelcolor"]
    for key in keys:
        value = rc[key]
        if value == "inherit":  # tick labels take the tick colour
            value = rc[key.replace("labelcolor", "color")]
        if value == "auto":  # the title takes the text colour
            value = rc["text.color"]
        hex_colour = mcolors.to_hex(value)
        assert contrast(hex_colour) >= TEXT_MIN, (key, hex_colour)
    fig = plt.figure()
    try:
        charts._source_text(fig, "Source: a test")
        source_colour = mcolors.to_hex(fig.texts[-1].get_color())
    finally:
        plt.close(fig)
    assert contrast(source_colour) >= TEXT_MIN, source_colour


def colour_literals() -> list[tuple[str, int, str]]:
    """Every string literal of the package's Python that is nothing but a hex colour: (file, line, colour)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and HEX.match(node.value):
                found.append((str(path.relative_to(SRC)), node.lineno, node.value.lower()))
    return found


def test_every_colour_literal_of_the_package():
    literals = colour_literals()
    assert any(colour == "#c0392b" for _, _, colour in literals)  # the scan sees the accent
    light = [
        f"{path}:{line} {colour} {contrast(colour):.2f}:1"
        for path, line, colour in literals
        if colour not in DECORATION and contrast(colour) < GRAPHICS_MIN
    ]
    assert not light, "colours under 3:1 against white (WCAG 1.4.11):\n" + "\n".join(light)
