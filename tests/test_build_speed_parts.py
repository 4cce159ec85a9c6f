"""The parts of the build made for speed keep its behaviour: the PDF printer that prints while the notebooks run
(order, errors, cancelling), the source line wrapped once as matplotlib would wrap it, and shared HTML exporters
giving the pages fresh ones give. Timings are the benchmark's business (benchmarks/bench_build.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from szreport.build import export
from szreport.build import pipeline as build
from szreport.build.jobs import Job
from szreport.charts import draw as charts

from .conftest import ROOT


class FakeRenderer:
    """Chromium's stand-in: records what it printed, from which thread; fails on a page named ``broken``."""

    printed: list[tuple[str, str]] = []
    threads: set[str] = set()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def render(self, html, pdf, title, link_base=None, page_words=None, day=None):
        if html.stem == "broken":
            raise RuntimeError("page crashed")
        FakeRenderer.printed.append((html.parent.name, html.stem))
        FakeRenderer.threads.add(threading.current_thread().name)
        pdf.parent.mkdir(parents=True, exist_ok=True)
        pdf.write_bytes(b"%PDF")


@pytest.fixture
def printer_ctx(monkeypatch, tmp_path):
    import szreport.build.browser

    FakeRenderer.printed, FakeRenderer.threads = [], set()
    monkeypatch.setattr(szreport.build.browser, "PdfRenderer", FakeRenderer)
    options = build.Options(formats=["html", "pdf"], out_dir=tmp_path / "out")
    return build.BuildContext(options, {}, {}, {}, None, tmp_path / "out", build.Progress(0))  # type: ignore[arg-type]


def job(name: str, lang: str = "en") -> Job:
    return Job(name, lang, ROOT / "notebooks" / f"{name}.ipynb", {}, "k")


def test_pages_are_printed_in_their_own_thread_in_the_order_submitted(printer_ctx, tmp_path):
    jobs = [job("economy"), job("overview", "zh"), job("audit")]
    with build.PdfPrinter(printer_ctx, tmp_path) as printer:
        for j in jobs:
            printer.submit(j)
        printer.finish()
    assert FakeRenderer.printed == [(j.lang, j.name) for j in jobs]
    assert FakeRenderer.threads == {"szreport-pdf"}
    assert all(j.file(tmp_path, "pdf").read_bytes() == b"%PDF" for j in jobs)


def test_an_error_while_printing_is_raised_by_finish(printer_ctx, tmp_path):
    with build.PdfPrinter(printer_ctx, tmp_path) as printer:
        printer.submit(job("broken"))
        printer.submit(job("economy"))
        with pytest.raises(RuntimeError, match="page crashed"):
            printer.finish()
    assert FakeRenderer.printed == []


def test_leaving_on_ctrl_c_stops_the_printer_and_drops_what_is_queued(printer_ctx, tmp_path):
    with pytest.raises(KeyboardInterrupt), build.PdfPrinter(printer_ctx, tmp_path) as printer:
        printer._cancelled.set()  # as leaving the block does, before the page below is reached
        printer.submit(job("economy"))
        raise KeyboardInterrupt
    assert not printer._thread.is_alive() and FakeRenderer.printed == []


def test_without_pdf_nothing_is_printed(printer_ctx, tmp_path):
    printer_ctx.options.formats = ["html"]
    with build.PdfPrinter(printer_ctx, tmp_path) as printer:
        printer.submit(job("economy"))
        printer.finish()
    assert FakeRenderer.printed == [] and not printer._thread.is_alive()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_source_line_is_wrapped_once_as_matplotlib_wraps_it(lang):
    charts.setup_style()
    sources = "; ".join(f"深圳市统计局 {2020 + i}-0{i + 1} Shenzhen Statistics Bureau" for i in range(6))
    source = ("Source: " if lang == "en" else "资料来源：") + sources + "\nsecond paragraph"
    chart = charts.bar_chart("x", ["a", "b"], [1.0, 2.0], ["1", "2"], "title", source)
    text = chart.figure.texts[-1]
    assert not text.get_wrap() and text.get_text().count("\n") >= 2
    # matplotlib's own rule, on the same figure and renderer
    text.set_text(source)
    text.set_wrap(True)
    text._renderer = chart.figure.canvas.get_renderer()
    expected = text._get_wrapped_text()
    charts.close(chart)
    chart = charts.bar_chart("x", ["a", "b"], [1.0, 2.0], ["1", "2"], "title", source)
    assert chart.figure.texts[-1].get_text() == expected
    charts.close(chart)


def test_shared_exporters_give_the_pages_fresh_ones_give(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title\n\nsome *text*"), nbformat.v4.new_code_cell("1 + 1")]
    nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    first = export.to_html(nb, "T", "en")
    assert export.to_html(nb, "T", "en") == first
    fresh, _ = export.html_exporter(False, "en").from_notebook_node(
        _as_to_html_prepares(nb, "T"), resources=_resources("T")
    )
    assert fresh == first


def _as_to_html_prepares(nb, title: str):
    import copy

    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:02d}"
    return nb


def _resources(title: str) -> dict:
    return {
        "szreport_css": export.CSS_PATH.read_text(encoding="utf-8"),
        "szreport_nav": [],
        "szreport_footer": "",
        "metadata": {"name": title},
    }


def test_the_build_imports_papermill_without_the_iri_grammars():
    import subprocess
    import sys

    code = (
        "import sys; from szreport.build.jobs import import_papermill; import_papermill(); print('lark' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(ROOT))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
