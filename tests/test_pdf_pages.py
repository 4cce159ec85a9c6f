"""The PDFs typeset like a publication (issue 24, item 4), read from the text of the session's full build: a note
marker never joins a figure's digits or unit, no page ends with the caption of a chart or table whose body is
overleaf, and no page holds only a citation or a stray line."""

from __future__ import annotations

import html
import io
import re
import subprocess

import pytest

from szreport import fmt
from szreport.notebooks import REPORT_ORDER
from szreport.present import navigation

pytestmark = pytest.mark.render

LANGS = ("zh", "en")


def pages(path) -> list[list[str]]:
    """The lines of each page of a PDF as pdftotext lays them out, blank lines dropped."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]


_LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r"<word [^>]*>(.*?)</word>", re.S)


def placed_lines(path) -> list[tuple[float, list[tuple[float, str]]]]:
    """Each page's height and its text lines with their bottom edge (in points from the top), as pdftotext
    places them. A chart's words are outlines, not text: a chart shows as room between its caption and what
    follows."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xhtml, re.S):
        lines = [
            (float(bottom), html.unescape(" ".join(_WORD.findall(body)))) for _, bottom, body in _LINE.findall(page[1])
        ]
        found.append((float(page[0]), sorted(lines)))
    return found


def words(lang: str, key: str, **values) -> str:
    return str(fmt.plain(fmt.t(lang, key, **values)))


def footer(lang: str) -> re.Pattern:
    """The running footer's "page n of N", as the build writes it in the page's language."""
    parts = [re.escape(words(lang, key).strip()) for key in ("pdf_page", "pdf_page_of", "pdf_page_end")]
    return re.compile(r"\s*".join(p for p in (parts[0], r"\d+", parts[1], r"\d+", parts[2]) if p))


def caption(lang: str, kind: str) -> re.Pattern:
    """The start of a chart's (``navigation.FIGURE``) or a table's caption line: 图3 / Figure 3, 表1 / Table 1."""
    label = str(fmt.plain(navigation.number_label(lang, kind, 987)))
    return re.compile(r"\s*\d+".join(re.escape(part).replace(r"\ ", r"\s*") for part in label.split("987")))


def inked(path, page: int, height: float, top: float, bottom: float) -> bool:
    """Whether anything is drawn on ``page`` between ``top`` and ``bottom`` (points from the top)."""
    from PIL import Image

    png = subprocess.run(
        ["pdftoppm", "-gray", "-r", "36", "-f", str(page), "-l", str(page), "-png", str(path)],
        capture_output=True,
        check=True,
    ).stdout
    image = Image.open(io.BytesIO(png)).convert("L")
    scale = image.height / height
    band = image.crop((0, int(top * scale), image.width, int(bottom * scale)))
    return band.getextrema()[0] < 160


def content(lang: str, page: list[str]) -> list[str]:
    """A page's lines without its running footer."""
    return [line for line in page if not footer(lang).search(line)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_its_footer(built, lang):
    for name in REPORT_ORDER:
        laid = [p for p in pages(built / lang / f"{name}.pdf") if p]
        numbered = [p for p in laid if any(footer(lang).search(line) for line in p)]
        assert len(numbered) == len(laid) > 0, name


@pytest.mark.parametrize("lang", LANGS)
def test_no_note_marker_joins_a_figure(built, lang, ds):
    """Markers are bracketed ([3]), so no digit or unit of a figure runs into a note's number."""
    units = {u for u in ds.figures["unit"].dropna().astype(str) if u and u != "年"}  # "2025年3月" is a date
    units |= {"%", "trillion", "billion", "million"}
    glued = re.compile("(?:" + "|".join(map(re.escape, sorted(units, key=len, reverse=True))) + r")\d")
    for name in REPORT_ORDER:
        text = "\n".join("\n".join(content(lang, p)) for p in pages(built / lang / f"{name}.pdf"))
        assert not glued.findall(text), (name, [text[m.start() - 30 : m.end() + 5] for m in glued.finditer(text)][:5])
        if name != "audit":  # the audit's reasoning is its text; the other reports put sources in notes
            assert re.search(r"\[\d+\]", text), name  # the notes are there, bracketed


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_ends_with_a_caption_or_holds_a_stray_line(built, lang):
    cite = words(lang, "cite_heading")
    margin = 45  # points: the page's bottom margin (16 mm), where the running footer stands
    for name in REPORT_ORDER:
        path = built / lang / f"{name}.pdf"
        for number, (height, lines) in enumerate(placed_lines(path), start=1):
            text = [(bottom, line) for bottom, line in lines if bottom < height - margin]
            if not text:
                continue
            bottom, last = text[-1]
            # a table's caption as a page's last line: its rows are overleaf
            assert not caption(lang, navigation.TABLE).match(last), (name, number, last)
            if caption(lang, navigation.FIGURE).match(last):  # a chart is outlines, not text: look for its ink
                below = min(bottom + 90, height - margin)
                assert below - bottom > 30 and inked(path, number, height, bottom + 6, below), (name, number, last)
        laid = [p for p in (content(lang, p) for p in pages(path)) if p]
        for number, page in enumerate(laid, start=1):
            assert page[0] != cite, (name, number)  # the citation follows the report's end, never alone
            if number > 1:
                assert len(page) >= 4, (name, number, page)  # no page with a single table row or a lone line
