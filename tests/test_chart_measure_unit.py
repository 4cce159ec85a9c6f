"""Texts measured once per process (szreport.charts.measure): the numbers are matplotlib's own, a second renderer
asks FreeType nothing again, and what changes a measurement (font, size, dpi, the families a generic name means)
changes the key."""

from __future__ import annotations

import io

import matplotlib
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.font_manager import FontProperties

from szreport.charts import measure
from szreport.charts.style import setup_style

TEXTS = ["2025", "深圳地区生产总值（万亿元）", "Shenzhen GDP (CNY trillion)", "−3.5%"]


def own(renderer_class):
    """The renderer class's measurement as matplotlib makes it (the function the cache wraps)."""
    method = renderer_class.get_text_width_height_descent
    return getattr(method, "__wrapped__", method)


def renderers(dpi: float = 110):
    return RendererSVG(100, 100, io.StringIO()), RendererAgg(100, 100, dpi)


@pytest.fixture(autouse=True)
def style():
    setup_style()  # installs the shared measurements, as every report does


@pytest.mark.parametrize("size", [7.5, 9, 11])
def test_the_numbers_are_matplotlibs_own(size):
    prop = FontProperties(family="sans-serif", size=size)
    for renderer in renderers(110) + renderers(220):
        for text in TEXTS:
            shared = renderer.get_text_width_height_descent(text, prop, False)
            assert shared == own(type(renderer))(renderer, text, prop, False), (type(renderer).__name__, text)


def test_a_second_renderer_measures_nothing_again(monkeypatch):
    calls = []
    prop = FontProperties(family="sans-serif", size=8.25)  # a size no other test measures
    first_svg, first_agg = renderers()
    for renderer in (first_svg, first_agg):
        for text in TEXTS:
            renderer.get_text_width_height_descent(text, prop, False)
    monkeypatch.setattr("matplotlib.ft2font.FT2Font.set_text", lambda *a, **k: calls.append(a))
    for renderer in renderers():
        for text in TEXTS:
            renderer.get_text_width_height_descent(text, prop, False)
    assert calls == []
    first_agg.get_text_width_height_descent("a text not measured before", prop, False)
    assert len(calls) == 1  # FreeType is watched: a new text is measured


def test_what_changes_a_measurement_changes_the_key():
    svg, agg = renderers(110)
    prop = FontProperties(family="sans-serif", size=9)
    wide = agg.get_text_width_height_descent("深圳 GDP", prop, False)
    assert RendererAgg(100, 100, 220).get_text_width_height_descent("深圳 GDP", prop, False)[0] > wide[0] * 1.8
    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans"]}):  # the generic family means another font
        key_now = measure._font_key(prop)
    assert key_now != measure._font_key(prop)


def test_installing_twice_wraps_once():
    measure.share_text_metrics()
    measure.share_text_metrics()
    for renderer_class in (RendererSVG, RendererAgg):
        wrapped = renderer_class.get_text_width_height_descent.__wrapped__
        assert not getattr(wrapped, measure._SHARED, False)
