"""Every chart of every report, in both languages: vector pictures inline in the page (two SVG drawings, the page's
and a phone's, text as outlines, szreport.charts.files), named by a description generated from its data (never
nbconvert's placeholder) and its numbers in a table beside it; under it, links to its data and its image files that
lead to files of the build; vector in the PDF too. Tags are parsed, not matched: the export rewrites attributes
(order, quotes, case)."""

from __future__ import annotations

import base64
import html
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


class ChartPage(HTMLParser):
    """What a report page shows of its charts: each chart's pictures (the attributes of its svg elements, and their
    markup), the numbers folded under them and the rows of links to their files (each a list of (href, words))."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.charts: list[list[dict]] = []
        self.numbers = 0
        self.rows: list[list[tuple[str, str]]] = []
        self._in_row = False
        self._href: str | None = None
        self._svg: list[str] | None = None  # the markup of the svg being read
        self._depth = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "sz-chart" in classes:
            self.charts.append([])
        elif tag == "svg" and self._svg is None and {"sz-wide", "sz-narrow"} & set(classes):
            self.charts[-1].append(attrs)
            self._svg, self._depth = [], 0
        elif tag == "details" and "sz-numbers" in classes:
            self.numbers += 1
        elif tag == "p" and "sz-chart-files" in classes:
            self._in_row = True
            self.rows.append([])
        elif tag == "a" and self._in_row:
            self._href = attrs["href"]
        if self._svg is not None:
            self._depth += 1
            text = " ".join(f'{k}="{html.escape(v or "", quote=True)}"' for k, v in attrs.items())
            self._svg.append(f"<{tag} {text}>")

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_row = False
        if self._svg is not None:
            self._svg.append(f"</{tag}>")
            self._depth -= 1
            if self._depth == 0:
                self.charts[-1][-1]["markup"] = "".join(self._svg)
                self._svg = None

    def handle_data(self, data):
        if self._href is not None:
            self.rows[-1].append((self._href, data))
            self._href = None


def as_xml(markup: str) -> bytes:
    """An svg element as the page holds it, as an SVG file: attribute names in SVG's case (the HTML parser lowers
    them), the namespace declared once."""
    fixed = markup.replace(" viewbox=", " viewBox=").replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)
    return fixed.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1).encode("utf-8")


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
        total += len(shown.charts)
        for pictures in shown.charts:
            for svg in pictures:
                name = svg.get("aria-label") or ""
                assert svg.get("role") == "group", (page.name, svg.get("class"))
                assert name.startswith(KIND[lang]) and re.search(r"\d", name), (page.name, name[:120])
        assert shown.numbers == len(shown.charts), page.name
    assert total >= 20  # every report but the overview's text-only parts draws charts


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_is_inline_svg_for_a_page_and_for_a_phone(built, lang):
    count = 0
    for page in pages(built, lang):
        for pictures in ChartPage(page).charts:
            assert [svg.get("class") for svg in pictures] == ["sz-wide", "sz-narrow"], page.name
            for svg in pictures:
                root = assert_outlines_only(as_xml(svg["markup"]), page.name)
                assert root.get("width", "").endswith("px") and root.get("viewBox"), (page.name, root.attrib)
            count += 1
    assert count >= 20


@pytest.mark.parametrize("lang", LANGS)
def test_under_every_chart_its_data_and_image_files(built, lang):
    for page in pages(built, lang):
        shown = ChartPage(page)
        assert len(shown.rows) == len(shown.charts), page.name
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
        assert not rasters, (pdf.name, listed)  # every chart is inline SVG: no image in any PDF
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        if ChartPage(pdf.with_suffix(".html")).charts:
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
    """The page's pictures (the SVG with the title left out and cropped, and the phone's), the SVG file and the PNG
    file each keep a white margin all round: nothing drawn reaches an edge (a source line measured narrower than it
    is drawn would)."""
    from .pages import chromium

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 1200})
        for lang in LANGS:
            for path in pages(built, lang):
                for pictures in ChartPage(path).charts:
                    for svg in pictures:
                        uri = "data:image/svg+xml;base64," + base64.b64encode(as_xml(svg["markup"])).decode("ascii")
                        page.set_content(f'<body style="margin:0;background:#fff"><img id="c" src="{uri}"></body>')
                        where = (path.name, svg.get("class"), (svg.get("aria-label") or "")[:60])
                        assert not dark_at_edges(page.locator("#c").screenshot()), where
            for svg in sorted((built / lang / "charts").rglob("*.svg")):
                uri = "data:image/svg+xml;base64," + base64.b64encode(svg.read_bytes()).decode("ascii")
                page.set_content(f'<body style="margin:0;background:#fff"><img id="c" src="{uri}"></body>')
                assert not dark_at_edges(page.locator("#c").screenshot()), svg
                assert not dark_at_edges(svg.with_suffix(".png").read_bytes()), svg.with_suffix(".png")
