"""The PNG a reader downloads under each chart, drawn once for the same drawing and kept between builds.

A chart's PNG (twice the figure's dpi) is the costliest of its pictures to draw (Agg at 2x: about a fifth of the
reports' code in one process) and, build after build, the same bytes for the same chart. :func:`png_for` keys it by
what fixes every pixel: the chart's SVG as matplotlib drew it from the same figure (every artist, glyph outline,
colour and position; the unminified text, with the title), the figure's dpi and the scale, matplotlib's version and
its rcParams (hinting and antialiasing are Agg's alone), and :data:`CACHE_FORMAT`; a hit returns the stored bytes,
a miss draws and stores them.

The cache lives in the checkout's environment (``.venv/var/szreport/chart-png/``, like the parameters cache of
:mod:`szreport.params`), so two checkouts never read each other's; ``make clean`` empties it. A file is trusted only
when it is a whole PNG (signature first, IEND chunk last): anything else (a write cut short, garbage) is drawn again
and replaced. Writes go to a temporary file renamed into place, so kernels building in parallel never see half a
file. No writable place: nothing is cached and every PNG is drawn.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# Bump when szreport.charts.files.png changes how it draws (metadata, background): old entries are then never hit.
CACHE_FORMAT = 1
# At most this many PNGs are kept (a build draws 96: 48 charts in two languages); past it the least recently used go.
MAX_FILES = 600
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk: length 0, type, CRC


def cache_folder() -> Path | None:
    """Where the PNGs are kept, inside this checkout's environment; None when it cannot be written."""
    if not os.access(sys.prefix, os.W_OK):
        return None
    return Path(sys.prefix) / "var" / "szreport" / "chart-png"


def cache_key(svg_drawn: str, dpi: float, scale: float) -> str:
    """The hash of everything that fixes the PNG's pixels (see the module's docstring)."""
    import matplotlib

    digest = hashlib.sha256()
    style = repr(sorted((name, repr(value)) for name, value in matplotlib.rcParams.items()))
    for part in (str(CACHE_FORMAT), matplotlib.__version__, repr(float(dpi)), repr(float(scale)), style, svg_drawn):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def is_whole_png(content: bytes) -> bool:
    return content.startswith(PNG_SIGNATURE) and content.endswith(PNG_END)


def png_for(svg_drawn: str, dpi: float, scale: float, draw: Callable[[], bytes]) -> bytes:
    """The chart's PNG: the stored one for this drawing when there is a whole one, else ``draw()``, stored."""
    folder = cache_folder()
    if folder is None:
        return draw()
    path = folder / f"{cache_key(svg_drawn, dpi, scale)}.png"
    try:
        content = path.read_bytes()
    except OSError:
        content = b""
    if is_whole_png(content):
        _touch(path)
        return content
    content = draw()
    _store(path, content)
    return content


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when the cache is pruned


def _store(path: Path, content: bytes) -> None:
    """Write ``content`` at ``path`` atomically, then prune; a cache that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError:
        return
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """Keep the :data:`MAX_FILES` most recently used PNGs."""
    try:
        entries = [(entry.stat().st_mtime, entry) for entry in folder.glob("*.png")]
    except OSError:
        return
    if len(entries) <= MAX_FILES:
        return
    for _, entry in sorted(entries)[: len(entries) - MAX_FILES]:
        with contextlib.suppress(OSError):
            entry.unlink()
