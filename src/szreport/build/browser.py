"""Debian's Chromium, found and driven headless through playwright: one browser prints every PDF.

nbconvert's ``webpdf`` exporter cannot be pointed at a browser binary and launches a browser per page, and
playwright cannot download its own browser here; so :class:`PdfRenderer` launches Debian's binary directly.
PDFs are tagged, which gives them the page's language (``/Lang`` from ``<html lang>``) and a structure, and have
an outline (bookmarks) built by Chromium from the page's headings: the title, then its sections.
Kept free of heavy imports: the build checks for the browser before any notebook runs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

# Relative links (chart data, the other reports) made absolute against the folder the page is published in.
RELINK_SCRIPT = """base => {
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (!/^([a-z][a-z0-9+.-]*:|#)/i.test(href)) a.setAttribute("href", new URL(href, base).href);
  }
}"""
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
# Flags for a quiet, offline headless Chromium (no background connections on a closed network).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


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
    raise FileNotFoundError(
        f"Chromium not found (looked at {', '.join(candidates)}); install Debian's chromium or set SZREPORT_CHROMIUM"
    )


# Chromium writes the moment of printing as the PDF's creation and modification dates; nothing else in its PDF
# changes between two prints of the same page (measured: same bytes once the dates are pinned).
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:\d{14}[^)]*\)")


def pin_dates(pdf_path: Path, day: dt.date) -> None:
    """Set the PDF's creation and modification dates to ``day`` (midnight UTC), so that the same inputs built on
    the same day give the same bytes, as the HTML, CSVs and data bundle do. Each date keeps its length, so the
    file's cross-reference offsets stay right."""
    content = pdf_path.read_bytes()

    def pinned(match: re.Match) -> bytes:
        stamp = f"D:{day:%Y%m%d}000000+00'00'".encode()
        old = match.group(0)
        start = old.index(b"(D:") + 1
        new = old[:start] + stamp.ljust(len(old) - start - 1)[: len(old) - start - 1] + b")"
        return new if len(new) == len(old) else old

    pdf_path.write_bytes(_PDF_DATE.sub(pinned, content))


class PdfRenderer:
    """One headless Chromium for many pages: ``with PdfRenderer() as r: r.render(html_path, pdf_path)``."""

    def __init__(self, executable: str | None = None):
        self.executable = executable or find_chromium()
        self._pw: Playwright | None = None
        self._browser: Browser | None = None

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS, headless=True)
        return self

    def render(
        self,
        html_path: Path,
        pdf_path: Path,
        footer_label: str = "",
        link_base: Path | None = None,
        page_words: tuple[str, str, str] = ("", " / ", ""),
        day: dt.date | None = None,
    ) -> None:
        """Print ``html_path`` to ``pdf_path``. A PDF holds absolute links only: with ``link_base`` (the folder
        the page will be published in) its relative links point there, not to the folder it is printed from."""
        assert self._browser is not None, "PdfRenderer.render outside its with block"
        page = self._browser.new_page()
        try:
            # Nothing but local files may load; a stray remote reference must not stall the render.
            page.route(
                "**/*",
                lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort(),
            )
            page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
            if link_base is not None:
                page.evaluate(RELINK_SCRIPT, Path(link_base).resolve().as_uri() + "/")
            page.emulate_media(media="print")
            footer = (
                "<div style='font-size:8pt;color:#666;width:100%;padding:0 14mm;"
                'font-family:"WenQuanYi Micro Hei",sans-serif;display:flex;justify-content:space-between\'>'
                f"<span>{footer_label}</span><span>{page_words[0]}<span class='pageNumber'></span>{page_words[1]}"
                f"<span class='totalPages'></span>{page_words[2]}</span></div>"
            )
            page.pdf(
                path=str(pdf_path),
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer,
                margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                tagged=True,  # a structure tree and the document's language (/Lang) from <html lang>
                outline=True,  # bookmarks from the headings (needs tagged)
            )
        finally:
            page.close()
        if day is not None:
            pin_dates(Path(pdf_path), day)

    def __exit__(self, *exc):
        if self._browser:
            self._browser.close()
        if self._pw:
            self._pw.stop()
