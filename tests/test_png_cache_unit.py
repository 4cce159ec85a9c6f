"""The chart PNG cache (issue 26 item 1): a drawing's PNG is drawn once and read after, keyed by everything that
fixes its pixels; a broken file is drawn again; no writable place means no cache, never an error."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from szreport.charts import files as chart_files
from szreport.charts import png_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(png_cache, "cache_folder", lambda: tmp_path)
    return tmp_path


def counting(content: bytes):
    drawn: list[int] = []

    def draw() -> bytes:
        drawn.append(1)
        return content

    return draw, drawn


WHOLE = png_cache.PNG_SIGNATURE + b"pixels" + png_cache.PNG_END


def test_a_drawing_is_drawn_once(cache):
    draw, drawn = counting(WHOLE)
    assert png_cache.png_for("<svg a/>", 100, 2, draw) == WHOLE
    assert png_cache.png_for("<svg a/>", 100, 2, draw) == WHOLE
    assert len(drawn) == 1
    assert [path.suffix for path in cache.iterdir()] == [".png"]


def test_the_key_follows_the_drawing_the_resolution_and_the_style():
    key = png_cache.cache_key("<svg a/>", 100, 2)
    assert png_cache.cache_key("<svg a/>", 100, 2) == key
    assert png_cache.cache_key("<svg b/>", 100, 2) != key
    assert png_cache.cache_key("<svg a/>", 150, 2) != key
    assert png_cache.cache_key("<svg a/>", 100, 1) != key
    with matplotlib.rc_context({"text.hinting": "none"}):  # Agg's alone: the SVG would not show it
        assert png_cache.cache_key("<svg a/>", 100, 2) != key


@pytest.mark.parametrize("broken", [b"", b"garbage", WHOLE[:-3]])
def test_a_broken_file_is_drawn_again_and_replaced(cache, broken):
    path = cache / f"{png_cache.cache_key('<svg a/>', 100, 2)}.png"
    path.write_bytes(broken)
    draw, drawn = counting(WHOLE)
    assert png_cache.png_for("<svg a/>", 100, 2, draw) == WHOLE
    assert len(drawn) == 1 and path.read_bytes() == WHOLE


def test_without_a_writable_place_every_png_is_drawn(monkeypatch):
    monkeypatch.setattr(png_cache, "cache_folder", lambda: None)
    draw, drawn = counting(WHOLE)
    png_cache.png_for("<svg a/>", 100, 2, draw)
    png_cache.png_for("<svg a/>", 100, 2, draw)
    assert len(drawn) == 2


def test_the_least_recently_used_go_past_the_limit(cache, monkeypatch):
    monkeypatch.setattr(png_cache, "MAX_FILES", 3)
    for index in range(5):
        png_cache.png_for(f"<svg {index}/>", 100, 2, counting(WHOLE)[0])
    assert len(list(cache.glob("*.png"))) == 3
    assert not list(cache.glob(".*.part"))


def test_a_charts_stored_png_is_the_png_it_draws(cache):
    figure, axes = plt.subplots(figsize=(3, 2), dpi=100)
    axes.bar(["a", "b"], [1, 2])
    fresh = chart_files.png(figure, chart_files.PNG_SCALE)
    first = chart_files.render(figure, phone=False)
    again = chart_files.render(figure, phone=False)
    plt.close(figure)
    assert first.png == again.png == fresh
    assert len(list(cache.glob("*.png"))) == 1
