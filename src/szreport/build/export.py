"""Export executed notebooks: self-contained HTML (nbconvert) and A4 PDF (Debian's Chromium via playwright).

HTML uses nbconvert's ``HTMLExporter`` with the ``szreport`` template (``templates/szreport``), which
extends the stock ``lab`` template but drops every external script (require.js, MathJax, widgets, mermaid:
nbconvert #754, #1770), so a page makes zero network requests. Code is hidden unless asked for. Outputs of
szreport's own MIME types (results, chart data) are taken out of the page; the build reads them before.

The template's ``conf.json`` is the one place that registers the preprocessors below (:class:`RemoveCells`,
:class:`SzreportPage`, :class:`StripSzreportOutputs`, :class:`SectionAnchors`), so the build and a plain
``jupyter nbconvert --to html --template szreport out.ipynb`` (the template installed by ``make install`` in
``.venv/share/jupyter/nbconvert/templates/``) make the same page; nbconvert merges the ``conf.json`` of every
folder holding the template, so an installed link to this folder registers them once, not twice.

Navigation (:mod:`szreport.present.navigation`): :class:`SectionAnchors` gives each heading the anchor its section
recorded (the same in every language) and collects the table of contents, which the template puts beside the
text on a wide screen and folds after the key findings on a narrow one; the link to the other language keeps the
section read.

PDF: nbconvert's ``webpdf`` exporter cannot be pointed at a browser binary and launches one per page, so
:class:`PdfRenderer` drives Debian's Chromium through playwright directly, one browser for all pages; its
outline (bookmarks) comes from the same headings.
"""

from __future__ import annotations

import copy
import functools
import re
import threading
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import Bool, Set, Unicode
from traitlets.config import Config

from szreport import fmt
from szreport.build.browser import CHROMIUM_ARGS, PdfRenderer, find_chromium  # noqa: F401  (re-exported)
from szreport.present.navigation import ANCHOR_METADATA
from szreport.present.report import CHART_DATA_MIME, RESULTS_MIME, STOCK_TEMPLATE_ONLY

TEMPLATE_DIR = Path(__file__).with_name("templates")
CSS_PATH = TEMPLATE_DIR / "szreport" / "report.css"
REMOVE_CELL_TAG = "remove_cell"


class RemoveCells(TagRemovePreprocessor):
    """Cells tagged ``remove_cell`` (a notebook's notes to whoever opens it in Jupyter) stay out of the page."""

    remove_cell_tags = Set(Unicode(), default_value={REMOVE_CELL_TAG}).tag(config=True)


class SzreportPage(Preprocessor):
    """What the template needs and a plain ``jupyter nbconvert --template szreport`` does not pass: the page's
    style, its language (the notebook's ``lang`` parameter, as papermill recorded it) and the label of its
    contents; the code hidden as the build hides it (``--SzreportPage.show_code=True`` shows it). The build passes
    its own values, which are kept."""

    show_code = Bool(False, help="show the code cells' source, as szreport build --show-code does").tag(config=True)

    def preprocess(self, nb, resources):
        lang = nb.metadata.get("papermill", {}).get("parameters", {}).get("lang")
        if lang in fmt.LANGS:
            resources["language_code"] = lang
        resources.setdefault("szreport_css", CSS_PATH.read_text(encoding="utf-8"))
        resources.setdefault("szreport_toc_label", fmt.html_text(fmt.t(lang if lang in fmt.LANGS else "en", "nav_toc")))
        if "title" not in nb.metadata and (title := _page_title(nb)):
            nb.metadata["title"] = title
        if not self.show_code:
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.metadata.setdefault("transient", {})["remove_source"] = True
        return nb, resources


def _page_title(nb) -> str:
    """The words of the report's title (its level-1 heading, :meth:`szreport.present.report.Report.title`)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            anchor = output.get("metadata", {}).get(ANCHOR_METADATA)
            source = output.get("data", {}).get("text/markdown")
            if anchor and anchor.get("level") == 1 and isinstance(source, str):
                return _TAG.sub("", source.lstrip("# ").strip())
    return ""


class StripSzreportOutputs(Preprocessor):
    """Remove outputs that only carry szreport's machine-readable data (results, chart data, with their plain
    fallback), and those meant only for pages of other templates (:data:`STOCK_TEMPLATE_ONLY`)."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.outputs
                if not (
                    o.get("data")
                    and set(o["data"]) <= {RESULTS_MIME, CHART_DATA_MIME, "text/plain"}
                    and set(o["data"]) & {RESULTS_MIME, CHART_DATA_MIME}
                )
                and not o.get("metadata", {}).get(STOCK_TEMPLATE_ONLY)
            ]
        return cell, resources


# A heading as nbconvert's Markdown renderer writes it: <h2 id="Words-of-the-heading">...<a class="anchor-link"
# href="#Words-of-the-heading">¶</a></h2>.
_RENDERED_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)</h\1>', re.S)
_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6} ", re.M)
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
TOC_LEVELS = (2, 3)  # headings listed in the table of contents


class SectionAnchors(Preprocessor):
    """Headings shown by :meth:`szreport.present.report.Report.heading` get the id their section recorded in the
    output's
    metadata instead of one made from their words (which differ between languages); a heading inside a section's
    text gets the section's id and its place in it (``explanations-2``). The table of contents
    (``resources["szreport_toc"]``: id, level, text as HTML) lists them in page order."""

    def preprocess(self, nb, resources):
        from nbconvert.filters.markdown import markdown2html_mistune

        if "szreport_toc" in resources:  # run once already (registered twice): its headings are HTML by now
            return nb, resources
        toc: list[dict] = []
        section, inner = "section", 0  # the section being read; headings seen inside its text

        def rename(found: re.Match) -> str:
            nonlocal section, inner
            level, old, content = int(found[1]), found[2], found[3]
            if anchor:
                new, section, inner = anchor["id"], anchor["id"], 0
            else:
                inner += 1
                new = f"{section}-{inner}"
            content = content.replace(f'href="#{old}"', f'href="#{new}"')
            if level in TOC_LEVELS:
                toc.append({"id": new, "level": level, "text": _TAG.sub("", _ANCHOR_LINK.sub("", content)).strip()})
            return f'<h{level} id="{new}">{content}</h{level}>'

        for cell in nb.cells:
            for output in cell.get("outputs", []):
                anchor = output.get("metadata", {}).get(ANCHOR_METADATA)
                source = output.get("data", {}).get("text/markdown")
                if source is not None and (anchor or _MARKDOWN_HEADING.search(source)):
                    output["data"] = {"text/html": _RENDERED_HEADING.sub(rename, markdown2html_mistune(source))}
        resources["szreport_toc"] = toc
        resources["szreport_toc_folded"] = _fold_after_findings(nb, toc, resources.get("szreport_toc_label", ""))
        return nb, resources


_KEY_FINDINGS = re.compile(r"""<section id=["']key-findings["'].*?</section>""", re.S)


def _fold_after_findings(nb, toc: list[dict], label: str) -> bool:
    """Put the table of contents, folded, right after the key findings box (read on a narrow screen, where the
    contents beside the text have no room); False when the page has no key findings or no contents."""
    if not toc:
        return False
    items = "".join(f'<li class="sz-toc-h{e["level"]}"><a href="#{e["id"]}">{e["text"]}</a></li>' for e in toc)
    folded = (
        f'<details class="sz-toc-fold"><summary>{label}</summary>'
        f'<nav aria-label="{label}"><ol>{items}</ol></nav></details>'
    )
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if isinstance(html, list):
                html = "".join(html)
            if html and _KEY_FINDINGS.search(html):
                output["data"]["text/html"] = _KEY_FINDINGS.sub(lambda m: m[0] + folded, html, count=1)
                return True
    return False


def language_switch(nav: list[dict], lang: str) -> list[dict]:
    """The navigation bar with its link to the same report in another language marked (``hreflang``), so that
    the page's script can add the section being read to it."""
    items = []
    for item in nav:
        other = re.fullmatch(r"\.\./([a-z]{2})/[^/#]+\.html", item["href"])
        items.append({**item, "hreflang": other[1]} if other and other[1] != lang else dict(item))
    return items


def szreport_outputs(nb) -> tuple[dict, list[dict]]:
    """The recorded results and the chart data an executed notebook emitted."""
    results: dict = {}
    chart_data: list[dict] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RESULTS_MIME in data:
                results.update(data[RESULTS_MIME]["results"])
            if CHART_DATA_MIME in data:
                chart_data.append(dict(data[CHART_DATA_MIME]))
    return results, chart_data


def absent_of(nb) -> list[str]:
    """What the notebook's data folder lacked, section by section, as its record says (szreport.present.partial)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            recorded = output.get("data", {}).get(RESULTS_MIME)
            if recorded is not None:
                return [str(what) for what in recorded.get("absent", [])]
    return []


def drop_chart_files(nb) -> bool:
    """Take the chart files (SVG, PNG: ``images`` of the chart data) out of an executed notebook, once the build
    has read them: they are published beside it. True when there were any."""
    dropped = False
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(CHART_DATA_MIME)
            if payload is not None and "images" in payload:
                del payload["images"]
                dropped = True
    return dropped


def html_exporter(show_code: bool = False, lang: str = "zh") -> HTMLExporter:
    """The build's exporter: the szreport template of this package, whose ``conf.json`` registers the
    preprocessors (configured here: :class:`SzreportPage` shows the code only when asked)."""
    exporter = HTMLExporter(
        config=Config({"SzreportPage": {"show_code": show_code}}),
        template_name="szreport",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
    )
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.language_code = lang
    # Off: the reports' Markdown holds no image (charts are outputs, already data URIs), and embedding parses each
    # inline HTML tag on its own, which would close <span data-key="..."> (fmt.keyed) before the figure it marks.
    exporter.embed_images = False
    return exporter


# A new exporter compiles its Jinja templates again (0.2 s a page, most of an export): one exporter per
# (show_code, lang) serves every page of a process, one page at a time (the build exports from several threads).
_EXPORT_LOCK = threading.Lock()


@functools.cache
def _shared_exporter(show_code: bool, lang: str) -> HTMLExporter:
    return html_exporter(show_code, lang)


def to_html(nb, title: str, lang: str, show_code: bool = False, nav: list[dict] | None = None, footer: str = "") -> str:
    """HTML of an executed notebook, self-contained and offline."""
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    for index, cell in enumerate(nb.cells):  # papermill gives its injected cell a random id; pages must not vary
        cell["id"] = f"cell-{index:02d}"
    resources = {
        "szreport_css": CSS_PATH.read_text(encoding="utf-8"),
        "szreport_nav": language_switch(nav or [], lang),
        "szreport_toc_label": fmt.html_text(fmt.t(lang, "nav_toc")),
        "szreport_footer": footer,
        "metadata": {"name": title},
    }
    with _EXPORT_LOCK:
        body, _ = _shared_exporter(show_code, lang).from_notebook_node(nb, resources=resources)
    return body


def read_notebook(path: Path):
    return nbformat.read(str(path), as_version=4)
