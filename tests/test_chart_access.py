"""Every chart of every report, in both languages: a vector picture in the page (SVG, text as outlines; or a PNG at
twice its shown size where the SVG would be larger, szreport.charts.files), with a description generated from its
data as alternative text (never nbconvert's placeholder) and its numbers in a table beside it; under it, links to
its data and its image files that lead to files of the build; vector in the PDF too. Tags are parsed, not matched:
the export rewrites attributes (order, quotes)."""

from __future__ import annotations

import base64
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .helpers import LANGS

pytestmark = pytest.mark.render

KIND = {
    "zh": ("柱状图", "折线图", "柱线组合图", "分组条形图", "区间图"),
    "en": ("Bar chart", "Line chart", "Bars with lines", "Grouped bar chart", "Interval chart"),
}
LINK_WORDS = {
    "zh": ["数据（CSV）", "图片（SVG）", "图片（PNG）"],
    "en": ["Data (CSV)", "Image (SVG)", "Image (PNG)"],
}
SVG = "{http://www.w3.org/2000/svg}"
CHART_SRC = ("data:image/svg+xml;base64,", "data:image/png;base64,")


class ChartPage(HTMLParser):
    """What a report page shows of its charts: their images, the numbers folded under them and the rows of links
    to their files (each a list of (href, words))."""

    def __init__(self, path: Path):
        super().__init__()
        self.images: list[dict] = []
        self.numbers = 0
        self.rows: list[list[tuple[str, str]]] = []
        self._in_row = False
        self._href: str | None = None
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "img" and (attrs.get("src") or "").startswith(CHART_SRC):
            self.images.append(attrs)
        elif tag == "details" and "sz-numbers" in classes:
            self.numbers += 1
        elif tag == "p" and "sz-chart-files" in classes:
            self._in_row = True
            self.rows.append([])
        elif tag == "a" and self._in_row:
            self._href = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_row = False

    def handle_data(self, data):
        if self._href is not None:
            self.rows[-1].append((self._href, data))
            self._href = None


def pages(built: Path, lang: str) -> list[Path]:
    return sorted((built / lang).glob("*.html"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def assert_outlines_only(svg: bytes, where) -> ET.Element:
    """An SVG whose text is drawn as outlines: no <text>, no script, nothing loaded from elsewhere."""
    root = ET.fromstring(svg)
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert not {"text", "script", "image", "foreignObject"} & tags, (where, tags)
    for element in root.iter():
        for key, value in element.attrib.items():
            assert not key.endswith("href") or value.startswith("#"), (where, key, value)
    return root


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_has_a_description_and_its_numbers(built, lang):
    total = 0
    for page in pages(built, lang):
        assert "No description has been provided" not in page.read_text(encoding="utf-8"), page.name
        shown = ChartPage(page)
        total += len(shown.images)
        for img in shown.images:
            alt = img.get("alt") or ""
            assert alt.startswith(KIND[lang]) and re.search(r"\d", alt), (page.name, alt[:120])
        assert shown.numbers == len(shown.images), page.name
    assert total >= 20  # every report but the overview's text-only parts draws charts


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_is_vector_or_a_png_at_twice_its_size(built, lang):
    kinds = {"svg": 0, "png": 0}
    for page in pages(built, lang):
        for img in ChartPage(page).images:
            kind, data = img["src"].split(";base64,")
            image = base64.b64decode(data)
            if kind == "data:image/svg+xml":
                kinds["svg"] += 1
                root = assert_outlines_only(image, page.name)
                assert root.get("width", "").endswith("px") and root.get("viewBox"), (page.name, root.attrib)
            else:  # the fallback of szreport.charts.files.render: shown at half its pixels
                kinds["png"] += 1
                width, height = png_size(image)
                assert width == pytest.approx(2 * float(img["width"]), abs=3), (page.name, width, img["width"])
                assert height == pytest.approx(2 * float(img["height"]), abs=3), (page.name, height, img["height"])
    assert kinds["svg"] >= 20 and kinds["png"] == 0, kinds  # every chart of today's data is smaller as SVG


@pytest.mark.parametrize("lang", LANGS)
def test_under_every_chart_its_data_and_image_files(built, lang):
    for page in pages(built, lang):
        shown = ChartPage(page)
        assert len(shown.rows) == len(shown.images), page.name
        for row in shown.rows:
            assert [words for _, words in row] == LINK_WORDS[lang], (page.name, row)
            csv, svg, png = ((page.parent / href).resolve() for href, _ in row)
            assert csv.parent.parent == (built / "data").resolve() and csv.suffix == ".csv", (page.name, row)
            assert svg.parent.parent == (built / lang / "charts").resolve(), (page.name, row)
            assert csv.stem == svg.stem == png.stem and not re.search(r"(19|20)\d\d", svg.stem), row
            for file in (csv, svg, png):
                assert file.is_file(), (page.name, file)
            assert_outlines_only(svg.read_bytes(), svg)
            assert png_size(png.read_bytes())[0] > 1000  # twice the figure's dpi: 1584 pixels for 7.2 inches


def test_image_files_are_per_language(built):
    zh, en = (sorted(p.relative_to(built / lang) for p in (built / lang / "charts").rglob("*.*")) for lang in LANGS)
    assert zh == en and len(zh) >= 40
    for path in zh[:6]:
        assert (built / "zh" / path).read_bytes() != (built / "en" / path).read_bytes(), path  # words differ


def test_pdf_charts_are_vector(built):
    for pdf in sorted(built.glob("*/*.pdf")):
        listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        rasters = [line for line in listed.splitlines()[2:] if line.strip()]
        pngs = sum(img["src"].startswith(CHART_SRC[1]) for img in ChartPage(pdf.with_suffix(".html")).images)
        assert len(rasters) == pngs, (pdf.name, listed)  # only a PNG the page shows (none today) is an image
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        if ChartPage(pdf.with_suffix(".html")).images:
            assert ("图1" if pdf.parent.name == "zh" else "Figure 1") in text, pdf.name  # the caption line


def dark_at_edges(png: bytes) -> dict[str, int]:
    """Dark pixels on each edge of a picture: a chart cut by its bounding box draws up to its edge."""
    import io

    import numpy as np
    from PIL import Image

    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    sides = {"top": grey[:2], "bottom": grey[-2:], "left": grey[:, :2], "right": grey[:, -2:]}
    return {side: int((pixels < 200).sum()) for side, pixels in sides.items() if (pixels < 200).any()}


def test_no_chart_is_cut_at_its_edges(built):
    """The page's picture (the SVG with the title left out and cropped), the SVG file and the PNG file each keep a
    white margin all round: nothing drawn reaches an edge (a source line measured narrower than it is drawn would)."""
    from .pages import chromium

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 1200})
        for lang in LANGS:
            for path in pages(built, lang):
                for img in ChartPage(path).images:
                    page.set_content(f'<body style="margin:0;background:#fff"><img id="c" src="{img["src"]}"></body>')
                    assert not dark_at_edges(page.locator("#c").screenshot()), (path.name, img["alt"][:60])
            for svg in sorted((built / lang / "charts").rglob("*.svg")):
                uri = "data:image/svg+xml;base64," + base64.b64encode(svg.read_bytes()).decode("ascii")
                page.set_content(f'<body style="margin:0;background:#fff"><img id="c" src="{uri}"></body>')
                assert not dark_at_edges(page.locator("#c").screenshot()), svg
                assert not dark_at_edges(svg.with_suffix(".png").read_bytes()), svg.with_suffix(".png")
