"""The build's last steps, once the notebooks have run into the staging folder: the chart data
(:func:`write_chart_data`), the PDFs (:class:`PdfPrinter`, which prints while the notebooks still run;
:func:`render_pdfs` after they ran), the records (:func:`write_records`: results.json, build.json, the data
bundle and the index page) and the atomic move into the output folder (:func:`publish`).

:mod:`szreport.build.pipeline` runs them in this order; nothing reaches the output folder before :func:`publish`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import threading
import time
from pathlib import Path

from szreport import fmt
from szreport.build import stopping
from szreport.build.bundle import write_bundle
from szreport.build.context import STATE_FILE, BuildContext, BuildError, combined, inputs_hash, sha256_bytes
from szreport.build.jobs import Job, Result, report_title
from szreport.build.uptodate import REQUEST_KEY
from szreport.charts.files import image_bytes, image_file, images_folder
from szreport.present import citation

__all__ = [
    "STATE_FILE",
    "PdfPrinter",
    "drop_unasked_html",
    "publish",
    "render_pdfs",
    "write_chart_data",
    "write_records",
]


def reproduce_html(name: str, lang: str, ctx: BuildContext, parameters: dict) -> str:
    """The folded box at the end of a report's page, ``<details class="reproduce">``: the only place a reader
    sees the build's vocabulary. It holds the command that makes this page again, every parameter the notebook
    ran with (``parameters``: its defaults with the build's values over them) and the inputs hash."""
    given = ctx.parameters.get(name, {})
    command = ["szreport", "build", "--only", name, "--lang", lang] + [
        f"-p {key}={json.dumps(value, ensure_ascii=False)}" for key, value in sorted(given.items())
    ]
    if ctx.options.data_dir is not None:
        command += ["--data", str(ctx.data_dir)]
    rows = "".join(
        f"<tr><th scope='row'><code>{fmt.html_text(key)}</code></th>"
        f"<td><code>{fmt.html_text(json.dumps(value, ensure_ascii=False))}</code></td></tr>"
        for key, value in parameters.items()
        if key not in ("data_dir",)
    )
    words = {
        key: fmt.html_text(fmt.t(lang, key))
        for key in ("reproduce_summary", "reproduce_command", "reproduce_parameters")
    }
    version = ctx.inputs.versions["szreport"]
    generated = fmt.html_text(
        fmt.t(
            lang,
            "reproduce_generated",
            version=version,
            hash=inputs_hash(ctx.inputs)[:12],
            data=combined(ctx.inputs.data)[:12],
        )
    )
    return (
        f"<details class='reproduce sz-screen-only'><summary>{words['reproduce_summary']}</summary>"
        f"<p>{words['reproduce_command']}</p><pre><code>{fmt.html_text(' '.join(command))}</code></pre>"
        f"<p>{words['reproduce_parameters']}</p><table class='sz-table'>{rows}</table>"
        f"<p>{generated}</p></details>"
    )


def citation_of_build(name: str, lang: str, ctx: BuildContext) -> citation.Citation:
    """The citation of report ``name`` (or "index") in a build: its day, its inputs hash and szreport's version
    from the build context, the article from its data folder."""
    version = ctx.inputs.versions["szreport"]
    return citation.for_report(
        name,
        lang,
        ctx.built_on,
        inputs_hash(ctx.inputs),
        version,
        ctx.dataset.source("article"),
        ctx.dataset.subject.name(lang),
    )


def write_chart_data(done: list[Result], staging: Path) -> None:
    """Write one language-neutral CSV per chart into staging (both languages must give the same table), and the
    chart's images, which carry words, per language: ``<lang>/charts/<report>/<chart>.svg`` and ``.png``."""
    for result in done:
        for chart in result.chart_data:
            path = staging / "data" / chart["report"] / chart["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and path.read_text(encoding="utf-8") != chart["csv"]:
                raise BuildError(f"chart data {chart['report']}/{chart['file']} differs between languages", 1)
            path.write_text(chart["csv"], encoding="utf-8")
            for ext, content in chart.get("images", {}).items():
                image = staging / result.job.lang / image_file(chart["report"], Path(chart["file"]).stem, ext)
                image.parent.mkdir(parents=True, exist_ok=True)
                image.write_bytes(image_bytes(ext, content))


# How long leaving a failed or interrupted build waits for the PDF thread to close its browser (the page being
# printed ends first); the thread is a daemon, so a browser that does not answer cannot keep the build alive.
EXIT_WAIT_S = 30


class PdfPrinter:
    """Prints the PDFs of a build in a thread of its own with one Chromium, while the notebooks still run.

    The browser starts with the build and prints each report as soon as its HTML is in the staging folder
    (:meth:`submit`, called from the build's worker threads), so the PDFs no longer wait for the last
    notebook: on two cores the kernels and Chromium share the machine instead of taking turns. Playwright's
    synchronous API belongs to the thread that started it, so every page is printed in that one thread, in
    the order submitted. :meth:`finish` waits for the last page and raises what the printing raised; leaving
    the ``with`` block any other way (a failed notebook, Ctrl-C) drops the queued pages and closes the browser.
    Without "pdf" among the formats it prints nothing."""

    def __init__(self, ctx: BuildContext, staging: Path):
        self.ctx, self.staging = ctx, staging
        self.enabled = "pdf" in ctx.options.formats
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._cancelled = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="szreport-pdf", daemon=True)

    def __enter__(self) -> PdfPrinter:
        if self.enabled:
            try:
                self._thread.start()
            except BaseException:  # Ctrl-C or a kill while starting: the with block's exit will not run
                self.__exit__()
                raise
        return self

    def submit(self, job: Job) -> None:
        """Print ``job``'s page once the pages submitted before it are printed."""
        if self.enabled:
            self._queue.put(job)

    def finish(self) -> None:
        """Wait until every submitted page is printed; raise the first error of the printing."""
        if self.enabled and self._thread.is_alive():
            self._queue.put(None)
            while self._thread.is_alive():
                stopping.checkpoint()
                self._thread.join(timeout=stopping.POLL_S)
        if self._error is not None:
            raise self._error

    def __exit__(self, *exc) -> None:
        if self.enabled and self._thread.is_alive():
            self._cancelled.set()
            self._queue.put(None)
            self._thread.join(timeout=EXIT_WAIT_S)

    def _run(self) -> None:
        from szreport.build import browser  # looked up here, so that tests can stand a fake renderer in for Chromium

        try:
            with browser.PdfRenderer() as renderer:
                while (job := self._queue.get()) is not None:
                    if self._cancelled.is_set():
                        continue
                    t0 = time.perf_counter()
                    renderer.render(
                        job.file(self.staging, "html"),
                        job.file(self.staging, "pdf"),
                        fmt.html_text(report_title(job.name, job.lang, job.city)),
                        link_base=self.ctx.out_dir / job.lang,  # links in the PDF lead to the published files
                        page_words=tuple(  # "page 3 of 12" in the page's language
                            fmt.html_text(fmt.t(job.lang, key)) for key in ("pdf_page", "pdf_page_of", "pdf_page_end")
                        ),
                        day=self.ctx.built_on,  # the PDF's dates: the build day, so the same inputs give the same bytes
                    )
                    self.ctx.say(f"[{job.lang}] {job.name}: PDF ({time.perf_counter() - t0:.1f} s)")
        except BaseException as exc:  # handed to the main thread by finish()
            self._error = exc
            while self._queue.get() is not None:  # let submit() and finish() go on; they get the error
                pass


def render_pdfs(ctx: BuildContext, done: list[Result], staging: Path) -> None:
    """Print every PDF asked for with one Chromium, then drop the HTML pages when HTML was not asked for."""
    with PdfPrinter(ctx, staging) as printer:
        for job in sorted((r.job for r in done), key=lambda finished: (finished.lang, finished.name)):
            printer.submit(job)
        printer.finish()
    drop_unasked_html(ctx, done, staging)


def drop_unasked_html(ctx: BuildContext, done: list[Result], staging: Path) -> None:
    """Remove the staged HTML pages when only PDFs were asked for (they were printed from them)."""
    if "html" not in ctx.options.formats:
        for result in done:
            result.job.file(staging, "html").unlink()


PAGE_FORMATS = ("html", "pdf")


def page_hashes(ctx: BuildContext, lang: str, staging: Path) -> dict[str, str]:
    """SHA-256 of each page the output folder holds for ``lang`` once this build is published (``economy.pdf``:
    digest): the staged page where this build made one, else the published one. Pages are deterministic (same
    inputs, same day: same bytes), so ``szreport diff`` and a reader of two build records compare them by hash."""
    hashes = {}
    for name in ctx.notebooks:
        for ext in PAGE_FORMATS:
            for folder in (staging, ctx.out_dir):
                page = folder / lang / f"{name}.{ext}"
                if page.is_file():
                    hashes[page.name] = sha256_bytes(page.read_bytes())
                    break
    return hashes


def write_records(ctx: BuildContext, done: list[Result], skipped: list[Job], staging: Path) -> None:
    """Write each language's results.json (merged with the published one) and build.json, the data bundle, and
    the index page (which offers the bundle and the citation)."""
    from szreport.build.index import render_index

    for lang in ctx.options.langs:
        results_path = ctx.out_dir / lang / "results.json"
        results = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {}
        built = [r for r in done if r.job.lang == lang]
        order = {name: i for i, name in enumerate(ctx.notebooks)}
        for result in built:
            results[result.job.name] = result.results
        ordered = {n: results[n] for n in [*ctx.notebooks, *results] if n in results}
        (staging / lang).mkdir(parents=True, exist_ok=True)
        (staging / lang / "results.json").write_text(
            json.dumps(ordered, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8"
        )
        record = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "language": lang,
            "built": sorted(r.job.name for r in built),
            "up_to_date": sorted(j.name for j in skipped if j.lang == lang),
            "parameters": {
                r.job.name: r.job.parameters
                for r in sorted(built, key=lambda built_result: order[built_result.job.name])
            },
            "inputs": {
                "data": ctx.inputs.data,
                "notebooks": ctx.inputs.notebooks,
                "package": combined(ctx.inputs.code),
                "lock": ctx.inputs.lock,
            },
            "inputs_hash": inputs_hash(ctx.inputs),
            "versions": ctx.inputs.versions,
            "formats": ctx.options.formats,
            "pages": page_hashes(ctx, lang, staging),
        }
        (staging / lang / "build.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    bundle = write_bundle(ctx.dataset, staging, ctx.out_dir, fmt.LANGS, list(ctx.notebooks), ctx.built_on)
    cite = {lang: citation_of_build("index", lang, ctx) for lang in fmt.LANGS}
    (staging / "index.html").write_text(
        render_index(ctx.dataset, list(ctx.notebooks), ctx.out_dir, staging, bundle, cite), encoding="utf-8"
    )


def publish(ctx: BuildContext, done: list[Result], staging: Path, state: dict) -> None:
    """Move every staged file into the output folder by an atomic rename, drop stale chart data, state file last."""
    # Chart data and images of a rebuilt report replace its old set: a renamed chart leaves no stale file behind.
    stale = [
        old
        for name in sorted({r.job.name for r in done})
        for old in (ctx.out_dir / "data" / name).glob("*.csv")
        if not (staging / "data" / name / old.name).exists()
    ]
    stale += [
        old
        for lang, name in sorted({(r.job.lang, r.job.name) for r in done})
        for old in (ctx.out_dir / lang / images_folder(name)).glob("*")
        if old.is_file() and not (staging / lang / images_folder(name) / old.name).exists()
    ]
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        target = ctx.out_dir / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    for old in stale:
        old.unlink(missing_ok=True)
    for result in done:
        state[result.job.state_key] = result.job.key
    if ctx.request_key:  # this request is now published: the same request with the same inputs is a no-op
        state[REQUEST_KEY] = ctx.request_key
    state_path = ctx.out_dir / STATE_FILE
    tmp_state = state_path.with_suffix(".tmp")
    tmp_state.write_text(json.dumps(state, indent=1, sort_keys=True))
    os.replace(tmp_state, state_path)
    ctx.say(f"published {len(done)} report(s) to {ctx.out_dir} in {time.perf_counter() - ctx.started:.1f} s")
