"""Export executed notebooks: self-contained HTML (nbconvert) and A4 PDF (Debian's Chromium via playwright).

HTML uses nbconvert's ``HTMLExporter`` with the ``szreport`` template (``templates/szreport``), which
extends the stock ``lab`` template but drops every external script (require.js, MathJax, widgets, mermaid:
nbconvert #754, #1770), so a page makes zero network requests. Code is hidden unless asked for. Outputs of
szreport's own MIME types (results, chart data) are taken out of the page; the build reads them before.

PDF: nbconvert's ``webpdf`` exporter cannot be pointed at a browser binary and launches one per page, so
:class:`PdfRenderer` drives Debian's Chromium through playwright directly, one browser for all pages.
"""
from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from .report import CHART_DATA_MIME, RESULTS_MIME

TEMPLATE_DIR = Path(__file__).with_name("templates")
CSS_PATH = TEMPLATE_DIR / "szreport" / "report.css"
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
# Flags for a quiet, offline headless Chromium (no background connections on a closed network).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
REMOVE_CELL_TAG = "remove_cell"


class StripSzreportOutputs(Preprocessor):
    """Remove outputs that only carry szreport's machine-readable data (results, chart data)."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs
                            if not (o.get("data") and set(o["data"]) <= {RESULTS_MIME, CHART_DATA_MIME, "text/plain"}
                                    and set(o["data"]) & {RESULTS_MIME, CHART_DATA_MIME})]
        return cell, resources


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


def html_exporter(show_code: bool = False, lang: str = "zh") -> HTMLExporter:
    exporter = HTMLExporter(template_name="szreport", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.language_code = lang
    exporter.embed_images = True
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={REMOVE_CELL_TAG}), enabled=True)
    exporter.register_preprocessor(StripSzreportOutputs(), enabled=True)
    return exporter


def to_html(nb, title: str, lang: str, show_code: bool = False, nav: list[dict] | None = None,
            footer: str = "") -> str:
    """HTML of an executed notebook, self-contained and offline."""
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    for index, cell in enumerate(nb.cells):  # papermill gives its injected cell a random id; pages must not vary
        cell["id"] = f"cell-{index:02d}"
    resources = {"szreport_css": CSS_PATH.read_text(encoding="utf-8"), "szreport_nav": nav or [],
                 "szreport_footer": footer, "metadata": {"name": title}}
    body, _ = html_exporter(show_code, lang).from_notebook_node(nb, resources=resources)
    return body


def read_notebook(path: Path):
    return nbformat.read(str(path), as_version=4)


def find_chromium() -> str:
    """Path of Debian's Chromium binary; SZREPORT_CHROMIUM overrides."""
    override = os.environ.get("SZREPORT_CHROMIUM")
    candidates = [override] if override else list(CHROMIUM_CANDIDATES)
    for path in candidates:
        if path and Path(path).exists():
            return path
    found = shutil.which("chromium")
    if found and not override:
        return found
    raise FileNotFoundError(f"Chromium not found (looked at {', '.join(candidates)}); install Debian's chromium "
                            "or set SZREPORT_CHROMIUM")


class PdfRenderer:
    """One headless Chromium for many pages: ``with PdfRenderer() as r: r.render(html_path, pdf_path)``."""

    def __init__(self, executable: str | None = None):
        self.executable = executable or find_chromium()
        self._pw = None
        self._browser = None

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS, headless=True)
        return self

    def render(self, html_path: Path, pdf_path: Path, footer_label: str = "") -> None:
        page = self._browser.new_page()
        try:
            # Nothing but local files may load; a stray remote reference must not stall the render.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                       else route.abort())
            page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            footer = ("<div style='font-size:7pt;color:#888;width:100%;padding:0 14mm;"
                      "font-family:\"WenQuanYi Micro Hei\",sans-serif;display:flex;justify-content:space-between'>"
                      f"<span>{footer_label}</span><span><span class='pageNumber'></span> / "
                      "<span class='totalPages'></span></span></div>")
            page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True,
                     display_header_footer=True, header_template="<span></span>", footer_template=footer,
                     margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
        finally:
            page.close()

    def __exit__(self, *exc):
        if self._browser:
            self._browser.close()
        if self._pw:
            self._pw.stop()
