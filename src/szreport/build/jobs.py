"""One job of a build: a report in one language, what it needs to run, and how it runs.

:func:`execute` runs a :class:`Job` with papermill (in a worker thread of :mod:`szreport.build.pipeline`) and exports
its
HTML into the staging folder; it returns a :class:`Result` instead of raising, so one failing notebook does not
stop the others.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from szreport import fmt

# A kernel that dies before it answers is started once more (logged): kernel ports cannot collide within a
# build (szreport.build.kernels), but another program may still take one in the moment before the kernel binds it.
KERNEL_START_RETRIES = 1
KERNEL_START_FAILURES = (
    "Kernel died before replying to kernel_info",
    "Address already in use",
    "DeadKernelError",
    "Kernel didn't respond",
)


@dataclass
class Job:
    """A report to execute in one language: its notebook, parameters and the input hash that makes it current."""

    name: str
    lang: str
    path: Path  # the notebook
    parameters: dict  # papermill's: lang, data_dir and the report's own
    key: str  # hash of every input; stored in the state file once published
    names: list[str] = field(default_factory=list)  # every report, for the navigation bar
    footer: str = ""  # the page footer, HTML-escaped
    city: str = ""  # the subject city's name in the job's language (subject.yaml), for the page's title
    show_code: bool = False

    @property
    def state_key(self) -> str:
        """The job's entry in the state file: ``<lang>/<name>``."""
        return f"{self.lang}/{self.name}"

    def file(self, folder: Path, ext: str) -> Path:
        """The job's output ``<folder>/<lang>/<name>.<ext>`` (ext: ipynb, html or pdf)."""
        return folder / self.lang / f"{self.name}.{ext}"


@dataclass
class Result:
    """What running a job gave: results and chart data, or the error of a failing cell or of the environment."""

    job: Job
    executed: Path  # the executed notebook in the staging folder (kept under _failed/ when the job failed)
    results: dict = field(default_factory=dict)
    chart_data: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    retried: str = ""  # why the kernel was started a second time, if it was
    absent: list[str] = field(default_factory=list)  # what the data folder lacked for the report's sections
    error: str = ""  # the notebook failed: which cell raised what
    environment_error: OSError | None = None  # the disk is full or read-only: not the notebook's fault


def report_title(name: str, lang: str, city: str) -> str:
    """The report's title in ``lang`` about ``city`` (its name in ``lang``); the report's name when the texts have
    none."""
    try:
        return fmt.t(lang, f"title_{name}", city=city)
    except KeyError:
        return name


def short_title(name: str, lang: str) -> str:
    """The report's short title for the navigation bar; its name when there is none."""
    try:
        return fmt.t(lang, f"short_{name}")
    except KeyError:
        return name


def nav(names: list[str], current: str, lang: str) -> list[dict]:
    """The navigation bar of a report page: home, every report, the same report in the other language."""
    other = "en" if lang == "zh" else "zh"
    items = [{"href": f"../index.html#{lang}", "label": fmt.html_text(fmt.t(lang, "nav_home")), "current": False}]
    items += [
        {"href": f"{n}.html", "label": fmt.html_text(short_title(n, lang)), "current": n == current} for n in names
    ]
    items.append(
        {"href": f"../{other}/{current}.html", "label": fmt.html_text(fmt.t(lang, "nav_other_lang")), "current": False}
    )
    return items


def died_on_start(exc: Exception) -> bool:
    """A kernel that never answered (no cell ran): worth one more start, unlike a failing cell."""
    text = f"{type(exc).__name__}: {exc}"
    return any(sign in text for sign in KERNEL_START_FAILURES)


def import_papermill():
    """papermill, imported without jsonschema's IRI checker.

    nbformat imports jsonschema, which imports ``rfc3987_syntax`` when it is installed (JupyterLab brings it)
    and that builds 38 Lark grammars at import: 1.5 s of CPU before the build's first kernel can start. The
    grammars serve only jsonschema's "iri" format check, which nbformat never asks for (it validates notebooks
    without format checking), so the build's process does without them: jsonschema skips a checker whose
    module cannot be imported."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import papermill

    return papermill


def execute(job: Job, staging: Path, kernel: str) -> Result:
    """Run one notebook with papermill into ``staging`` and export its HTML beside it."""
    papermill = import_papermill()
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    from szreport.build import export
    from szreport.build.kernels import KernelManager

    out_nb = job.file(staging, "ipynb")
    # the language's folder in the staging folder, never the staging folder itself: a notebook that starts while a
    # stopped build removes it must fail, not make it again (and leave it behind in the output folder)
    out_nb.parent.mkdir(exist_ok=True)
    started = time.perf_counter()
    retried = ""
    for attempt in range(1 + KERNEL_START_RETRIES):
        try:
            papermill.execute_notebook(
                str(job.path),
                str(out_nb),
                parameters=job.parameters,
                kernel_name=kernel,
                cwd=str(job.path.parent),
                progress_bar=False,
                log_output=False,
                shutdown_kernel="immediate",
                kernel_manager_class=KernelManager,
                # written once, at the end (or with the failing cell): not after every cell, which serialised
                # and validated the whole notebook each time (0.1 s of the build's CPU per notebook)
                request_save_on_cell_execute=False,
            )
            break
        except PapermillExecutionError as exc:
            return Result(job, out_nb, error=f"cell {exc.exec_count} raised {exc.ename}: {exc.evalue}")
        except OSError as exc:  # the disk is full or read-only: the environment, not the notebook
            return Result(job, out_nb, environment_error=exc)
        except Exception as exc:  # kernel died, could not start, ...
            if attempt < KERNEL_START_RETRIES and died_on_start(exc):
                retried = f"kernel died on start ({exc}); retried once"
                continue
            return Result(job, out_nb, error=f"{type(exc).__name__}: {exc}")
    executed = time.perf_counter() - started
    nb = export.read_notebook(out_nb)
    results, chart_data = export.szreport_outputs(nb)
    if export.drop_chart_files(nb):  # the chart files are published beside the notebook: not kept twice
        nbformat.write(nb, str(out_nb))
    page = export.to_html(
        nb,
        report_title(job.name, job.lang, job.city),
        job.lang,
        job.show_code,
        nav(job.names, job.name, job.lang),
        footer=job.footer,
    )
    job.file(staging, "html").write_text(page, encoding="utf-8")
    absent = export.absent_of(nb)
    return Result(job, out_nb, results, chart_data, executed, retried, absent=absent)
