"""Text measured once per process, whichever renderer asks: matplotlib keeps the widths of texts per renderer, and
every savefig makes new renderers (an SVG file: one to lay the figure out for its tight box, one to draw it; then
the same again for the phone's layout), so each chart's every label was measured by FreeType four times or more.

A text's width, height and descent depend only on the text, its font properties and, for Agg, the dpi and the
hinting settings: SVG measures glyph outlines at a fixed 72 dpi, without hinting. :func:`share_text_metrics`
gives both renderers' ``get_text_width_height_descent`` one cache keyed by exactly those, so the numbers (and
every file drawn with them) are the same as matplotlib's own; mathtext and TeX are measured as before, uncached.
"""

from __future__ import annotations

import functools
from typing import Any, cast

MAX_TEXTS = 50_000  # measurements kept (a build's kernel makes about 2,000); past it the cache starts again
_SHARED = "_sz_shared_metrics"


def _font_key(prop) -> tuple:
    """What selects and sizes the font: the properties, and the families a generic one (sans-serif) stands for."""
    import matplotlib

    settings = cast("dict[str, Any]", matplotlib.rcParams)  # looked up by a name made here (the stubs know literals)
    families = tuple(prop.get_family())
    generic = tuple(tuple(settings[f"font.{f}"]) for f in families if f"font.{f}" in settings)
    return (
        families,
        generic,
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
    )


def _shared(measure, key_of):
    cache: dict[tuple, tuple[float, float, float]] = {}

    @functools.wraps(measure)
    def measured(renderer, text, prop, ismath):
        if ismath:  # mathtext or TeX: left to matplotlib
            return measure(renderer, text, prop, ismath)
        key = (text, _font_key(prop), *key_of(renderer))
        found = cache.get(key)
        if found is None:
            if len(cache) > MAX_TEXTS:
                cache.clear()
            found = cache[key] = measure(renderer, text, prop, ismath)
        return found

    setattr(measured, _SHARED, True)
    return measured


def _font_settings() -> tuple:
    """The settings every renderer's fonts are made with (the hinting factor and kerning, by ``get_font``)."""
    import matplotlib

    return (matplotlib.rcParams["text.hinting_factor"], matplotlib.rcParams["text.kerning_factor"])


def _agg_key(renderer) -> tuple:
    import matplotlib

    return (renderer.dpi, matplotlib.rcParams["text.hinting"], *_font_settings())


def share_text_metrics() -> None:
    """Give Agg's and SVG's renderers one cache of text measurements for the process (once; idempotent)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.backends.backend_svg import RendererSVG

    for renderer_class, key_of in ((RendererSVG, lambda renderer: _font_settings()), (RendererAgg, _agg_key)):
        current = renderer_class.get_text_width_height_descent
        if not getattr(current, _SHARED, False):
            renderer_class.get_text_width_height_descent = _shared(current, key_of)  # type: ignore[method-assign]
