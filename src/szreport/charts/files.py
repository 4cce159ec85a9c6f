"""Chart images: the picture of a chart its page shows, and the files under it that a reader downloads.

:func:`render` draws a chart's pictures (:class:`ChartImages`), :func:`links_html` writes the links under it, and
:func:`image_file` names the files (``<lang>/charts/<report>/<chart>.svg`` and ``.png``, beside the pages; the CSV
stays in ``data/<report>/<chart>.csv``, one for both languages); :mod:`szreport.present.report` shows them and hands the
files to the build (:func:`szreport.build.output.write_chart_data`).

- The page shows SVG, in the page as a data URI: vector on screen and in the PDF, with no title (the caption line
  above it says the title, :mod:`szreport.present.navigation`) but with its source line. The files stand alone: SVG and
  PNG at twice the figure's dpi, title and source line inside.
- Text is drawn as glyph outlines (matplotlib's ``svg.fonttype: path``): the Chinese of the WenQuanYi font shows
  without any font on the reader's side, and the SVG holds no ``<text>``. No date, creator or comment is written
  (matplotlib copies every string it draws into a comment), ids are salted by ``svg.hashsalt``, and the PNG
  carries no software version: the same chart gives the same bytes.
- :func:`minify_svg` rewrites matplotlib's SVG without changing what it draws: path data relative and rounded
  to 0.01 pt (glyph outlines to 1/1000 em), ids shortened or dropped, no indentation. As matplotlib writes it, the
  page's SVG came out at 1.5 to 2.3 times the PNG the page showed before (IPython's PNG at the figure's dpi);
  minified, at 0.59 to 0.95 of it, median 0.8 (``benchmarks/chart_sizes.py`` measures every chart of a build).
  A chart whose SVG would still be larger than that PNG (many distinct glyphs in a small chart) is shown as a PNG
  at twice the figure's dpi instead, sharp on a high-density screen and in print: :func:`render` measures both.

The chart's title is the artist marked :data:`TITLE_GID` (by :mod:`szreport.charts.draw`): the page's picture is the
SVG drawn with the title, the title left out and the view cropped by the room it took.
"""

from __future__ import annotations

import base64
import copy
import functools
import io
import re
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from szreport import fmt
from szreport.charts import marks as chart_marks
from szreport.charts import phone as phone_layout
from szreport.charts import png_cache

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

    from szreport.charts.marks import Shown

# The gid of a chart's title (szreport.charts.draw marks it): the page shows the title on the caption line above the
# picture and leaves it out of the picture; the downloadable files keep it.
TITLE_GID = "sz-title"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
SVG_MIME = "image/svg+xml"
# A chart's anchor for a script that draws the chart again in the page: the outlook's (themes/outlook/outlook.js)
# finds a chart as the first image of its output, puts its own drawing after it and hides the image while the
# reader's assumptions differ from the published ones; the page's CSS never shows the anchor (a transparent pixel,
# no alternative text: decoration) and hides the chart's drawings while a drawing of the script is shown.
ANCHOR_IMG = (
    "<img class='sz-chart-anchor' alt='' width='1' height='1' "
    "src='data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'>"
)
PNG_MIME = "image/png"
# What every SVG is written with: glyphs as outlines (no font needed to show it) and no date or creator in it.
SVG_RC: dict = {"svg.fonttype": "path", "svg.hashsalt": "szreport"}
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
PNG_METADATA = {"Software": None}  # no matplotlib version in the file: the same chart gives the same bytes
# The files under each chart: <out>/<lang>/charts/<report>/<chart>.svg and .png (images carry words, so one set per
# language, beside the pages that link them); the CSV stays language-neutral in <out>/data/<report>/<chart>.csv.
CHARTS_DIR = "charts"
IMAGE_FORMATS = ("svg", "png")
LINK_SEPARATOR = " · "
PNG_SCALE = 2  # a PNG is drawn at twice the figure's dpi: sharp on a high-density screen and in print
# Precision kept when rewriting: user-space coordinates (points) to 1/100 pt; glyph outlines, which matplotlib
# writes in 1/64 of 1/100 em (scale(0.015625)), to 1/1000 em.
POINT_DECIMALS = 2
GLYPH_SCALE = 0.015625
GLYPH_UNITS = 10  # per 1/100 em: outlines rewritten to 1/1000 em with scale(0.1)


@contextmanager
def without_title(figure: Figure):
    """The figure with its title (the artists marked :data:`TITLE_GID`) hidden, shown again after."""
    titles = [a for a in figure.findobj(lambda candidate: candidate.get_gid() == TITLE_GID) if a.get_visible()]
    for artist in titles:
        artist.set_visible(False)
    try:
        yield figure
    finally:
        for artist in titles:
            artist.set_visible(True)


def tight_bbox(figure: Figure) -> Bbox:  # (for tests and benchmarks: render finds both boxes in one layout)
    """The figure's bounding box in inches as ``bbox_inches="tight"`` finds it at the figure's dpi, padded as
    savefig pads it. Text measures a little differently at another dpi (hinting) and in an SVG (outlines), so a
    file at another resolution finds its own."""
    import matplotlib

    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg, the kernels' backend
    return figure.get_tightbbox(renderer).padded(matplotlib.rcParams["savefig.pad_inches"])


def svg(figure: Figure, bbox: Bbox | str = "tight") -> str:
    """The figure as matplotlib writes it: SVG, text as outlines, no date (not yet minified)."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(SVG_RC):
        figure.savefig(buffer, format="svg", bbox_inches=bbox, metadata=SVG_METADATA)
    return buffer.getvalue().decode("utf-8")


def png(figure: Figure, scale: float = PNG_SCALE, bbox: Bbox | str = "tight") -> bytes:
    """The figure as PNG at ``scale`` times its dpi, reproducible (no software version in it)."""
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="png", dpi=figure.dpi * scale, bbox_inches=bbox, metadata=PNG_METADATA, facecolor="white"
    )
    return buffer.getvalue()


@dataclass(frozen=True)
class ChartImages:
    """A chart's pictures: what the page shows, inline SVG without the title (``page``, and ``narrow`` for a phone,
    :mod:`szreport.charts.phone`; each mark an element of it, :mod:`szreport.charts.marks`), and the files under it
    (``svg``, ``png``), which keep the title."""

    page: str
    narrow: str
    svg: str
    png: bytes
    page_mime: ClassVar[str] = SVG_MIME

    def payload(self) -> dict[str, str]:
        """The files as the notebook hands them to the build: SVG text, PNG in base64 (:func:`image_bytes`)."""
        return {"svg": self.svg, "png": base64.b64encode(self.png).decode("ascii")}

    def html(self) -> str:
        """The pictures as the page holds them: both drawings, the page's CSS shows the one for its width, after
        the chart's anchor (:data:`ANCHOR_IMG`)."""
        return f"<div class='sz-chart'>{ANCHOR_IMG}{self.page}{self.narrow}</div>"


def _boxes(figure: Figure) -> tuple[Bbox, Bbox]:
    """The figure's bounding box in inches as ``bbox_inches="tight"`` finds it at its dpi, padded as savefig pads
    it, with its title and without: one layout of the figure for both."""
    import matplotlib

    pad = matplotlib.rcParams["savefig.pad_inches"]
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg, the kernels' backend
    whole = figure.get_tightbbox(renderer).padded(pad)
    with without_title(figure):
        return whole, figure.get_tightbbox(renderer).padded(pad)


def render(
    figure: Figure, marks: Sequence[Shown] = (), label: str = "", prefix: str = "c", phone: bool = True
) -> ChartImages:
    """Every picture of a chart, from one figure. The SVG is drawn once, with the title: the file keeps it, and the
    page's picture is the same drawing with the title left out and the room above the rest cropped (the caption
    line above says the title), sized in pixels at the figure's dpi; its marks carry their values (``marks``), and
    ``label`` is its accessible name. The PNG file: twice the figure's dpi. Then (``phone``) the same figure is laid
    out again for a phone (:func:`szreport.charts.phone.narrow`, which changes it) and drawn as the page's second
    picture. Ids in the pictures start with ``prefix``, unique in the page. A PNG drawn before is read back."""
    whole, page_bbox = _boxes(figure)
    drawn = svg(figure)
    width_pt, height_pt = _view_size(drawn)
    # Only the top is cropped: the title stands above everything else, and the box found by Agg at the figure's
    # dpi measures text a little narrower than the SVG's outlines, so a side the title alone reaches (a long
    # title) keeps its room rather than cut the source line.
    top = max(0.0, (whole.y1 - page_bbox.y1) * 72)
    view = (0.0, top, width_pt, height_pt - top)
    size = (view[2] / 72 * figure.dpi, view[3] / 72 * figure.dpi)
    page, file_svg = page_and_file(drawn, TITLE_GID, view, size, marks, label, prefix + "w")
    file_png = png_cache.png_for(drawn, figure.dpi, PNG_SCALE, lambda: png(figure, PNG_SCALE))
    narrow = ""
    if phone:
        phone_layout.narrow(figure, TITLE_GID)
        drawn = svg(figure)
        width_pt, height_pt = _view_size(drawn)
        size = (width_pt / 72 * phone_layout.NARROW_DPI, height_pt / 72 * phone_layout.NARROW_DPI)
        root = _minified(drawn, keep={m.gid for m in marks})
        narrow = _page(root, (0.0, 0.0, width_pt, height_pt), size, marks, label, prefix + "n", "sz-narrow")
    return ChartImages(page, narrow, file_svg, file_png)


def _view_size(svg_text: str) -> tuple[float, float]:
    width, height = re.findall(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg_text)[0]
    return float(width), float(height)


def image_bytes(ext: str, content: str) -> bytes:
    """A file's bytes from what :meth:`ChartImages.payload` handed over."""
    return content.encode("utf-8") if ext == "svg" else base64.b64decode(content)


def images_folder(report: str) -> str:
    """The folder of a report's chart images in its language's folder: ``charts/<report>``."""
    return f"{CHARTS_DIR}/{report}"


def image_file(report: str, chart: str, ext: str) -> str:
    """A chart image's path in its language's folder, which is the page's: ``charts/<report>/<chart>.<ext>``."""
    return f"{images_folder(report)}/{chart}.{ext}"


def data_file(report: str, chart: str) -> str:
    """A chart's CSV as its page links it: one file for both languages, ``../data/<report>/<chart>.csv``."""
    return f"../data/{report}/{chart}.csv"


def links_html(lang: str, report: str, chart: str, figure: str = "") -> str:
    """The row of links under a chart, relative to its page: its data (CSV), then its image as SVG and PNG. With
    ``figure`` (the chart's number, 图1 / Figure 1) each link's accessible name says which chart it belongs to."""
    links = [(data_file(report, chart), "chart_file_data", "CSV")]
    links += [(image_file(report, chart, ext), "chart_file_image", ext.upper()) for ext in IMAGE_FORMATS]
    row = []
    for href, key, kind in links:
        text = fmt.html_text(fmt.t(lang, key, format=kind))
        name = f" aria-label='{fmt.html_text(figure)} {text}'" if figure else ""
        row.append(f"<a href='{fmt.html_text(href)}'{name}>{text}</a>")
    return LINK_SEPARATOR.join(row)


# --- minifying matplotlib's SVG -------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}


def _number(value: float, decimals: int) -> str:
    """A number as short as it can be written at ``decimals``: 0.5 -> .5, -0.50 -> -.5, 2.00 -> 2, -0.001 -> 0."""
    text = f"{round(value, decimals):.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{round(value)}"
    if text in ("-0", "", "-"):
        return "0"
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


def _append(path: str, number: str) -> str:
    """``number`` after ``path`` with a space only where one is needed: not before a minus sign, nor before ".5"
    after a number that has its decimal point already ("1.5.5" reads as 1.5 and .5)."""
    if not path or not path[-1].isdigit() and path[-1] != ".":
        return path + number
    last = re.search(r"[\d.]+$", path)
    if number.startswith("-") or number.startswith(".") and last and "." in last[0]:
        return path + number
    return path + " " + number


@functools.lru_cache(maxsize=16384)  # a glyph's outline recurs in every chart that shows it: rewritten once
def minify_path(path_data: str, decimals: int = POINT_DECIMALS, factor: float = 1.0) -> str:
    """Path data of matplotlib's commands (M, L, Q, C, z in absolute coordinates) rewritten relative, every
    point first multiplied by ``factor`` and rounded to ``decimals`` (so that rounding errors do not add up
    along the path); repeated command letters and needless spaces left out; a line along an axis written as h
    or v, a quadratic curve whose control point mirrors the previous one (TrueType's implied on-curve points)
    as t, within one unit of the last decimal."""
    tokens = _TOKEN.findall(path_data)
    path, previous = "", ""
    current_x = current_y = start_x = start_y = 0.0
    control: tuple[float, float] | None = None  # the last quadratic control point, for t
    unit = 10.0**-decimals
    position = 0
    while position < len(tokens):
        command = tokens[position]
        if command not in _ARITY and command != "z":
            raise ValueError(f"unexpected path data {command!r} in {path_data[:60]!r}")
        position += 1
        if command.upper() == "Z":
            path, previous, current_x, current_y, control = path + "z", "z", start_x, start_y, None
            continue
        arity = _ARITY[command]
        while True:  # a command letter may be followed by several groups of coordinates
            group = [round(float(t) * factor, decimals) for t in tokens[position : position + arity]]
            if len(group) != arity:
                raise ValueError(f"incomplete {command} in path data {path_data[:60]!r}")
            position += arity
            relative = [v - (current_x if k % 2 == 0 else current_y) for k, v in enumerate(group)]
            letter, numbers, new_control = command.lower(), relative, None
            if command == "L" and abs(relative[1]) < unit / 2:
                letter, numbers = "h", relative[:1]
            elif command == "L" and abs(relative[0]) < unit / 2:
                letter, numbers = "v", relative[1:]
            elif command == "Q":
                new_control = (group[0], group[1])
                if control is not None:
                    mirrored = (2 * current_x - control[0], 2 * current_y - control[1])
                    if abs(mirrored[0] - group[0]) <= unit * 1.01 and abs(mirrored[1] - group[1]) <= unit * 1.01:
                        letter, numbers, new_control = "t", relative[2:], mirrored
            if letter != previous or letter == "m":  # after m, further pairs would be lines
                path += letter
            for value in numbers:
                path = _append(path, _number(value, decimals))
            previous = "l" if letter == "m" else letter
            control = new_control
            current_x, current_y = group[-2], group[-1]
            if command == "M":
                start_x, start_y = current_x, current_y
            if position >= len(tokens) or tokens[position].isalpha():
                break
    return path


def _round_numbers(text: str, decimals: int = POINT_DECIMALS) -> str:
    return re.sub(r"-?\d+\.\d+", lambda match: _number(float(match[0]), decimals), text)


def _round_transform(transform: str) -> str:
    """translate(...) rounded to 0.01 of its units, a zero y left out; scale and rotate as they are."""

    def translate(found: re.Match) -> str:
        parts = [_number(float(v), POINT_DECIMALS) for v in found[1].split()]
        return f"translate({parts[0]})" if len(parts) == 2 and parts[1] == "0" else f"translate({' '.join(parts)})"

    return re.sub(r"translate\(([^)]*)\)", translate, transform)


def _short_ids(root: ET.Element) -> dict[str, str]:
    """Short ids for those that something refers to (``#id`` in a link, ``url(#id)`` in a clip path)."""
    used: list[str] = []
    for element in root.iter():
        for key, value in element.attrib.items():
            refs = [value[1:]] if key.endswith("href") and value.startswith("#") else _URL_REF.findall(value)
            used += [ref for ref in refs if ref not in used]
    return {old: _id_name(index) for index, old in enumerate(used)}


def _id_name(index: int) -> str:
    """a, b, ..., z, aa, ab, ...: an id for the index-th element referred to."""
    name = ""
    while True:
        name = chr(ord("a") + index % 26) + name
        index = index // 26 - 1
        if index < 0:
            return name


_URL_REF = re.compile(r"url\(#([^)]*)\)")
_HEX6 = re.compile(r"#([0-9a-f])\1([0-9a-f])\2([0-9a-f])\3\b")
_SVG = f"{{{SVG_NS}}}"
_HREF = f"{{{XLINK_NS}}}href"


def _minify_element(element: ET.Element, ids: dict[str, str]) -> None:
    attrib = element.attrib
    element.text = (element.text or "").strip() or None
    element.tail = None
    if "id" in attrib:
        if attrib["id"] in ids:
            attrib["id"] = ids[attrib["id"]]
        else:
            del attrib["id"]
    if attrib.get(_HREF, "").startswith("#"):
        attrib[_HREF] = "#" + ids.get(attrib[_HREF][1:], attrib[_HREF][1:])
    if "clip-path" in attrib:
        attrib["clip-path"] = _URL_REF.sub(lambda match: f"url(#{ids.get(match[1], match[1])})", attrib["clip-path"])
    if "d" in attrib:
        if attrib.get("transform") == f"scale({GLYPH_SCALE})":  # a glyph outline, in 1/64 of 1/100 em
            attrib["d"] = minify_path(attrib["d"], 0, GLYPH_SCALE * GLYPH_UNITS)
            attrib["transform"] = f"scale({_number(1 / GLYPH_UNITS, 3)})"
        else:
            attrib["d"] = minify_path(attrib["d"])
    if "transform" in attrib:
        attrib["transform"] = _round_transform(attrib["transform"])
        moved = re.fullmatch(r"translate\(([^ )]+)(?: ([^ )]+))?\)", attrib["transform"])
        if element.tag == f"{_SVG}use" and moved and "x" not in attrib and "y" not in attrib:
            del attrib["transform"]  # a glyph placed along its line: x (and y) say the same, shorter
            attrib["x"] = moved[1]
            if moved[2]:
                attrib["y"] = moved[2]
    if element.tag != f"{_SVG}svg":
        for key in ("x", "y", "width", "height", "points"):
            if key in attrib:
                attrib[key] = _round_numbers(attrib[key])
    if "style" in attrib:
        style = re.sub(r"\s*([:;])\s*", r"\1", attrib["style"]).strip().rstrip(";")
        attrib["style"] = _HEX6.sub(r"#\1\2\3", style)


def _unwrap_groups(parent: ET.Element) -> None:
    """Groups without attributes (their ids dropped) replaced by what they hold."""
    children: list[ET.Element] = []
    for child in list(parent):
        _unwrap_groups(child)
        if child.tag == f"{_SVG}g" and not child.attrib:
            children.extend(child)
        else:
            children.append(child)
    parent[:] = children


def _leave_out(root: ET.Element, gid: str) -> None:
    """The element whose id is ``gid`` keeps only its definitions (matplotlib defines a glyph where it is first
    drawn, and later text may use it) and loses its id; the definitions nothing uses any more go too."""
    for element in root.iter():
        if element.get("id") == gid:
            element[:] = list(element.iter(f"{_SVG}defs"))
            del element.attrib["id"]
    used = set(_short_ids(root))
    for defs in root.iter(f"{_SVG}defs"):
        defs[:] = [child for child in defs if child.tag == f"{_SVG}style" or child.get("id") in used]


def _minified(svg_text: str, keep: Collection[str] = ()) -> ET.Element:
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg_text)  # comments and the doctype are left out by the parser
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{_SVG}metadata":
                parent.remove(child)
    ids = {**_short_ids(root), **{name: name for name in keep}}
    for element in root.iter():
        _minify_element(element, ids)
    _unwrap_groups(root)
    return root


def _text(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode").replace('" />', '"/>')


def minify_svg(svg_text: str) -> str:
    """Matplotlib's SVG rewritten smaller, drawing the same: no metadata, comments or indentation; path data
    relative and rounded (:func:`minify_path`), glyph outlines to 1/1000 em, coordinates to 0.01 pt; ids that
    nothing refers to dropped, the others shortened, groups left without attributes unwrapped; glyphs placed
    by x rather than a transform; style declarations without spaces, colours in three digits where they can."""
    return _text(_minified(svg_text))


def page_and_file(
    svg_text: str,
    leave_out: str,
    view: tuple[float, float, float, float],
    size_px: tuple[float, float],
    marks: Sequence[Shown] = (),
    label: str = "",
    prefix: str = "c",
) -> tuple[str, str]:
    """One SVG minified (:func:`minify_svg`) into two: the page's (:func:`_page`), without the element whose id is
    ``leave_out`` (the title), showing ``view`` of the drawing (x, y, width, height in its points) at ``size_px``
    (CSS pixels), its ``marks`` carrying their values; and the file, all of it, at its size in points."""
    gids = {mark.gid for mark in marks}
    file = _minified(svg_text, keep=(leave_out, *gids))
    page = copy.deepcopy(file)
    _leave_out(page, leave_out)
    for element in file.iter():
        if element.get("id") in gids or element.get("id") == leave_out:
            del element.attrib["id"]
    _unwrap_groups(file)
    return _page(page, view, size_px, marks, label, prefix, "sz-wide"), _text(file)


def _page(
    root: ET.Element,
    view: tuple[float, float, float, float],
    size_px: tuple[float, float],
    marks: Sequence[Shown],
    label: str,
    prefix: str,
    css_class: str,
) -> str:
    """A minified SVG (its marks' gids kept) as the page holds it, inline: each mark given its attributes
    (:func:`szreport.charts.marks.annotate`), every id prefixed (``prefix``: unique in the page), references as
    ``href``, no ``<style>`` (the page's CSS has its rules), a group named ``label`` showing ``view`` at
    ``size_px``."""
    chart_marks.annotate(root, marks)
    gids = {mark.gid for mark in marks}
    for element in root.iter():
        if element.get("id") in gids:
            del element.attrib["id"]
    _unwrap_groups(root)
    for drop in (f"{_SVG}style", f"{_SVG}defs"):  # the style element, then the definitions left empty
        for parent in list(root.iter()):
            parent[:] = [c for c in parent if c.tag != drop or (drop == f"{_SVG}defs" and len(c))]
    for element in root.iter():
        if "id" in element.attrib:
            element.set("id", prefix + element.get("id", ""))
        if _HREF in element.attrib:
            element.set("href", "#" + prefix + element.attrib.pop(_HREF)[1:])
        if "clip-path" in element.attrib:
            element.set(
                "clip-path", _URL_REF.sub(lambda match: f"url(#{prefix}{match[1]})", element.get("clip-path", ""))
            )
    root.set("viewBox", " ".join(_number(v, POINT_DECIMALS) for v in view))
    root.set("width", f"{_number(size_px[0], 1)}px")
    root.set("height", f"{_number(size_px[1], 1)}px")
    root.set("class", css_class)
    root.set("role", "group")
    if label:
        root.set("aria-label", label)
    return _text(root)
