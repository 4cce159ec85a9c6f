"""Chart images (szreport.charts.files): the page's SVG and the downloadable files of a chart, drawn from a small
chart in both languages: text as outlines (no <text>, no font needed), nothing that loads or runs, no date, the same
bytes for the same chart, the title left to the caption line in the page's picture and kept in the files, a PNG at
twice the dpi where the SVG would be larger than the PNG the page held before; the path minifier; the link row."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from szreport import fmt
from szreport.charts import draw as charts
from szreport.charts import files as chart_files

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# A source line and labels with markup in them: drawn as outlines, they must not reach the SVG as text.
HOSTILE = "<script>alert(1)</script> --> ]]> &amp;"
TITLES = {"zh": "深圳地区生产总值（万亿元）", "en": "Shenzhen GDP (CNY trillion)"}


def bar(lang: str) -> charts.Chart:
    charts.setup_style()
    source = fmt.t(lang, "source_prefix") + "深圳特区报 2026-02-09 " + HOSTILE
    return charts.bar_chart("gdp", ["2020", "2025"], [2.83, 3.87], ["2.83", "3.87"], TITLES[lang], source)


@pytest.fixture(scope="module", params=["zh", "en"])
def rendered(request):
    chart = bar(request.param)
    images = chart_files.render(chart.figure)
    again = chart_files.render(chart.figure)
    charts.close(chart)
    fresh = bar(request.param)
    other = chart_files.render(fresh.figure)
    charts.close(fresh)
    return request.param, images, again, other


def glyph_uses(svg: str) -> int:
    """How many glyphs the SVG draws: <use> of an outline defined with scale(.1) (ticks are <use> too)."""
    root = ET.fromstring(svg)
    glyphs = {e.get("id") for e in root.iter(f"{SVG}path") if e.get("transform") == "scale(.1)"}
    return sum(1 for e in root.iter(f"{SVG}use") if e.get(XLINK_HREF, "")[1:] in glyphs)


def test_the_page_shows_svg_and_the_files_are_svg_and_png(rendered):
    _, images, _, _ = rendered
    assert images.page_mime == chart_files.SVG_MIME and images.page_metadata == {}
    assert images.png.startswith(b"\x89PNG\r\n\x1a\n")
    for svg in (images.page, images.svg):
        ET.fromstring(svg)  # well-formed XML
    assert len(images.page.encode("utf-8")) <= images.legacy_png_bytes


def test_svg_has_text_as_outlines_and_nothing_that_loads_or_runs(rendered):
    _, images, _, _ = rendered
    for svg in (images.page, images.svg):
        root = ET.fromstring(svg)
        tags = {e.tag.removeprefix(SVG) for e in root.iter()}
        assert tags <= {"svg", "defs", "style", "g", "path", "use", "clipPath", "rect"}, tags
        assert not {"text", "script", "image", "foreignObject", "metadata"} & tags
        for element in root.iter():
            for key, value in element.attrib.items():
                assert not key.startswith("on"), key
                if key.endswith("href"):
                    assert value.startswith("#"), value  # only references inside the file
                assert "url(" not in value or re.fullmatch(r"url\(#[a-z]+\)", value), value
        assert "<!--" not in svg and "script" not in svg and "alert" not in svg and "2026" not in svg
        assert "Matplotlib" not in svg and "dc:date" not in svg and "<title" not in svg


def test_the_same_chart_gives_the_same_bytes(rendered):
    _, images, again, other = rendered
    assert images == again == other


def test_the_page_leaves_the_title_to_the_caption_and_the_files_keep_it(rendered):
    lang, images, _, _ = rendered
    title_glyphs = len(TITLES[lang].replace(" ", ""))
    assert glyph_uses(images.svg) - glyph_uses(images.page) == title_glyphs
    page, file = ET.fromstring(images.page), ET.fromstring(images.svg)
    page_view = [float(v) for v in page.get("viewBox", "").split()]
    file_view = [float(v) for v in file.get("viewBox", "").split()]
    assert page_view[1] > 10 and page_view[3] < file_view[3] - 10  # the room the title took is cropped
    assert page_view[2] == pytest.approx(file_view[2], abs=0.01)
    # shown at the size the page's PNG had: points at the figure's dpi (110), in CSS pixels
    assert page.get("width") == f"{fmt_number(page_view[2] * 110 / 72)}px"
    assert file.get("width", "").endswith("pt")


def fmt_number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def test_a_chart_whose_svg_would_be_larger_than_the_png_is_shown_as_png_at_twice_the_dpi(monkeypatch):
    png = chart_files.png
    monkeypatch.setattr(
        chart_files, "png", lambda figure, scale=2, bbox="tight": b"x" if scale == 1 else png(figure, scale, bbox)
    )
    chart = bar("zh")
    images = chart_files.render(chart.figure)
    charts.close(chart)
    assert images.page_mime == chart_files.PNG_MIME and images.page.startswith(b"\x89PNG")
    width, height = int.from_bytes(images.page[16:20], "big"), int.from_bytes(images.page[20:24], "big")
    shown = float(images.page_metadata["width"]), float(images.page_metadata["height"])
    assert width == pytest.approx(2 * shown[0], abs=3) and height == pytest.approx(2 * shown[1], abs=3)
    assert images.svg.startswith("<svg") and images.png.startswith(b"\x89PNG")  # the files as ever


def test_payload_hands_over_both_files():
    chart = bar("en")
    images = chart_files.render(chart.figure)
    charts.close(chart)
    payload = images.payload()
    assert chart_files.image_bytes("svg", payload["svg"]) == images.svg.encode("utf-8")
    assert chart_files.image_bytes("png", payload["png"]) == images.png
    assert base64.b64decode(payload["png"]) == images.png


@pytest.mark.parametrize(
    ("d", "decimals", "factor", "expected"),
    [
        ("M 0 0 \nL 10 0 \nL 10 5 \nL 0 5 \nz\n", 2, 1, "m0 0h10v5h-10z"),
        ("M 1.004 2.5 L 3.5 4.25 L -1 -2", 2, 1, "m1 2.5 2.5 1.75-4.5-6.25"),
        ("M 0 0 Q 1 1 2 0 Q 3 -1 4 0", 0, 1, "m0 0q1 1 2 0t2 0"),  # the second control point mirrors the first
        ("M 0 0 Q 1 1 2 0 Q 3 1 4 0", 0, 1, "m0 0q1 1 2 0 1 1 2 0"),
        ("M 640 0 L 1280 640 C 0 0 0 0 64 64", 0, 0.15625, "m100 0 100 100c-200-100-200-100-190-90"),
        ("M 0.333 0 L 0.666 0 L 0.999 0", 2, 1, "m.33 0h.34.33"),  # rounded points: no drift along the path
    ],
)
def test_minify_path(d, decimals, factor, expected):
    assert chart_files.minify_path(d, decimals, factor) == expected


def test_minify_path_refuses_what_it_does_not_know():
    with pytest.raises(ValueError, match="unexpected path data"):
        chart_files.minify_path("M 0 0 A 1 1 0 0 1 2 2")
    with pytest.raises(ValueError, match="incomplete"):
        chart_files.minify_path("M 0 0 L 1")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs)["href"]

    def handle_data(self, data):
        if self._href is not None:
            self.links.append((self._href, data))
            self._href = None


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", ["数据（CSV）", "图片（SVG）", "图片（PNG）"]), ("en", ["Data (CSV)", "Image (SVG)", "Image (PNG)"])],
)
def test_the_links_under_a_chart(lang, words):
    row = chart_files.links_html(lang, "economy", "gdp_annual")
    parser = Links()
    parser.feed(row)
    assert parser.links == list(
        zip(
            ["../data/economy/gdp_annual.csv", "charts/economy/gdp_annual.svg", "charts/economy/gdp_annual.png"],
            words,
        )
    )
    assert row.count(chart_files.LINK_SEPARATOR) == 2
    assert chart_files.image_file("economy", "gdp_annual", "svg") == "charts/economy/gdp_annual.svg"
    numbered = chart_files.links_html(lang, "economy", "gdp_annual", "<b>图3</b>")
    names = re.findall(r"aria-label='([^']*)'", numbered)  # each link says whose data it is; data text escaped
    assert names == [f"&lt;b&gt;图3&lt;/b&gt; {w}" for w in words]


def test_the_published_notebook_keeps_the_chart_data_but_not_the_files():
    import nbformat

    from szreport.build import export
    from szreport.present.report import CHART_DATA_MIME

    payload = {"report": "economy", "file": "gdp.csv", "csv": "a\n", "images": {"svg": "<svg/>", "png": "iVBO"}}
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("report.show(...)")]
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", {CHART_DATA_MIME: payload})]
    _, handed = export.szreport_outputs(nb)
    assert export.drop_chart_files(nb) and not export.drop_chart_files(nb)
    assert handed[0]["images"] == payload["images"]  # what the build read before they were dropped
    assert nb.cells[0].outputs[0]["data"][CHART_DATA_MIME] == {"report": "economy", "file": "gdp.csv", "csv": "a\n"}
