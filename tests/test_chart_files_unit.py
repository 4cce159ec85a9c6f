"""Chart images (szreport.charts.files): the page's SVG (inline, a wide drawing and a phone's) and the downloadable
files of a chart, drawn from a small chart in both languages: text as outlines (no <text>, no font needed), nothing
that loads or runs, no date, the same bytes for the same chart, the title left to the caption line in the page's
pictures and kept in the files, ids unique in the page; the path minifier; the link row."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from szreport import fmt
from szreport.charts import draw as charts
from szreport.charts import files as chart_files
from szreport.charts import phone

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# A source line and labels with markup in them: drawn as outlines, they must not reach the SVG as text.
HOSTILE = "<script>alert(1)</script> --> ]]> &amp;"
TITLES = {"zh": "深圳地区生产总值（万亿元）", "en": "Shenzhen GDP (CNY trillion)"}


def bar(lang: str) -> charts.Chart:
    charts.setup_style()
    source = fmt.t(lang, "source_prefix") + "深圳特区报 2026-02-09 " + HOSTILE
    return charts.bar_chart("gdp", ["2020", "2025"], [2.83, 3.87], ["2.83", "3.87"], TITLES[lang], source)


def rendered_bar(lang: str, prefix: str = "szc1-") -> chart_files.ChartImages:
    """A fresh chart's pictures (rendering lays the figure out again for a phone: a figure is rendered once)."""
    chart = bar(lang)
    images = chart_files.render(chart.figure, label="Bar chart", prefix=prefix)
    charts.close(chart)
    return images


@pytest.fixture(scope="module", params=["zh", "en"])
def rendered(request):
    return request.param, rendered_bar(request.param), rendered_bar(request.param), rendered_bar(request.param)


def href(element: ET.Element) -> str:
    return element.get(XLINK_HREF) or element.get("href") or ""


def glyph_uses(svg: str) -> int:
    """How many glyphs the SVG draws: <use> of an outline defined with scale(.1) (ticks are <use> too)."""
    root = ET.fromstring(svg)
    glyphs = {e.get("id") for e in root.iter(f"{SVG}path") if e.get("transform") == "scale(.1)"}
    return sum(1 for e in root.iter(f"{SVG}use") if href(e)[1:] in glyphs)


def test_the_page_shows_svg_and_the_files_are_svg_and_png(rendered):
    _, images, _, _ = rendered
    assert images.page_mime == chart_files.SVG_MIME
    assert images.png.startswith(b"\x89PNG\r\n\x1a\n")
    for svg in (images.page, images.narrow, images.svg):
        ET.fromstring(svg)  # well-formed XML
    assert images.html() == f"<div class='sz-chart'>{chart_files.ANCHOR_IMG}{images.page}{images.narrow}</div>"


def test_svg_has_text_as_outlines_and_nothing_that_loads_or_runs(rendered):
    _, images, _, _ = rendered
    for svg in (images.page, images.narrow, images.svg):
        root = ET.fromstring(svg)
        tags = {e.tag.removeprefix(SVG) for e in root.iter()}
        assert tags <= {"svg", "defs", "style", "g", "path", "use", "clipPath", "rect"}, tags
        assert not {"text", "script", "image", "foreignObject", "metadata"} & tags
        for element in root.iter():
            for key, value in element.attrib.items():
                assert not key.startswith("on"), key
                if key.endswith("href"):
                    assert value.startswith("#"), value  # only references inside the file
                assert "url(" not in value or re.fullmatch(r"url\(#[a-z0-9-]+\)", value), value
        assert "<!--" not in svg and "script" not in svg and "alert" not in svg and "2026" not in svg
        assert "Matplotlib" not in svg and "dc:date" not in svg and "<title" not in svg


def test_the_pages_pictures_are_inline_svg_with_ids_of_their_own(rendered):
    """In the page, beside other charts: every id starts with the chart's prefix and its variant (w, n), references
    are plain href, no style element (its rules are the page's CSS), each picture a named group of its class."""
    _, images, _, _ = rendered
    for svg, variant in ((images.page, "sz-wide"), (images.narrow, "sz-narrow")):
        root = ET.fromstring(svg)
        assert root.get("class") == variant and root.get("role") == "group" and root.get("aria-label") == "Bar chart"
        prefix = "szc1-" + variant[3]
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert ids and all(i.startswith(prefix) for i in ids), ids
        assert len(ids) == len(set(ids))
        assert "xlink" not in svg and "<style" not in svg
        for element in root.iter():
            if element.get("href"):
                assert element.get("href", "")[1:] in ids
    other = rendered_bar("en", prefix="szc2-")
    assert not {e.get("id") for e in ET.fromstring(other.page).iter() if e.get("id")} & {
        e.get("id") for e in ET.fromstring(images.page).iter() if e.get("id")
    }


def test_the_phones_picture_is_narrower_and_its_text_larger(rendered):
    """The phone's drawing: about 4 inches wide, shown at 96 CSS px an inch; its smallest text 9 pt (glyph groups
    scaled 0.09 or more); the page's: 7.2 inches at the figure's dpi, its source line 7.5 pt."""
    _, images, _, _ = rendered
    wide, narrow = ET.fromstring(images.page), ET.fromstring(images.narrow)
    view = [float(v) for v in narrow.get("viewBox", "").split()]
    assert view[2] == pytest.approx(phone.NARROW_WIDTH_IN * 72, abs=12)
    assert float(narrow.get("width", "")[:-2]) == pytest.approx(view[2] * phone.NARROW_DPI / 72, abs=0.2)
    assert float(narrow.get("width", "")[:-2]) < float(wide.get("width", "")[:-2]) * 0.6
    assert min(text_scales(narrow)) >= phone.MIN_FONT_PT / 100 - 1e-9
    assert min(text_scales(wide)) == pytest.approx(0.075)


def text_scales(root: ET.Element) -> list[float]:
    """The font size of every text, in hundredths of points: glyph groups are scaled by size / 100."""
    found = re.findall(r"scale\((-?[\d.]+) -[\d.]+\)", ET.tostring(root, encoding="unicode"))
    return [float(v) for v in found]


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


def test_payload_hands_over_both_files():
    images = rendered_bar("en")
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
