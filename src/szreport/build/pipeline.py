"""Build the reports: validate, execute notebooks with papermill (in parallel), export HTML and PDF, publish.

Order of work, so that bad input never costs a kernel start and a failure never costs the last good reports:
1. the data folder is validated and loaded once, and every user parameter is checked (exit 2, nothing executed
   or written): :func:`check`;
2. a lock on the output folder makes a second concurrent build wait;
3. each (report, language) whose inputs changed (content hashes of notebook, parameters, data, package source,
   templates) becomes a :class:`~szreport.build.jobs.Job` (:func:`plan_jobs`), executed by papermill in a thread pool
   into a staging folder and exported to HTML (:func:`execute_jobs`);
4. each report's PDF is printed by one headless Chromium as soon as its HTML is staged, while the other
   notebooks still run (:class:`~szreport.build.output.PdfPrinter`); the chart data are written
   (:func:`write_chart_data`), then results, build records and the index page (:func:`write_records`);
5. only when everything succeeded are the files moved into the output folder, one atomic rename each
   (:func:`publish`).
A failing cell exits 1 naming the notebook, the cell and the error, and keeps the failed notebook under
``<out>/_failed/``.

This module holds the steps up to execution (check, lock, plan, execute) and runs them all. What the steps share
(options, context, input hashes, log, error) is in :mod:`szreport.build.context`, and steps 4-5 are in
:mod:`szreport.build.output`; their names are imported here, so all of them stay importable from
``szreport.build.pipeline``.
"""

from __future__ import annotations

import fcntl
import importlib
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

from szreport import fmt
from szreport.build import stopping, uptodate
from szreport.build.context import (
    FORMATS,
    LANGS,
    PACKAGE_DIR,
    STATE_FILE,
    BuildContext,
    BuildError,
    Inputs,
    Options,
    Progress,
    combined,
    default_jobs,
    hash_inputs,
    lock_hash,
    resolved,
    sha256_bytes,
    tree_hashes,
    versions,
)
from szreport.build.jobs import Job, Result, execute
from szreport.build.jobs import died_on_start as _died_on_start  # noqa: F401  (tests import it from here)
from szreport.build.output import (
    PdfPrinter,
    citation_of_build,
    drop_unasked_html,
    publish,
    render_pdfs,
    reproduce_html,
    write_chart_data,
    write_records,
)
from szreport.notebooks import (
    NOT_REPORTS,
    NOTEBOOK_NAME,
    REPORT_ORDER,
    discover_notebooks,
    notebook_path,
    other_notebooks,
    project_root,
)
from szreport.present import citation

__all__ = [
    "FORMATS",
    "KERNEL_NAME",
    "LANGS",
    "NOT_REPORTS",
    "NOTEBOOK_NAME",
    "PACKAGE_DIR",
    "PREFLIGHT",
    "REPORT_ORDER",
    "RUNTIME_PREFIX",
    "STATE_FILE",
    "BuildContext",
    "BuildError",
    "Inputs",
    "Options",
    "Progress",
    "build",
    "check",
    "combined",
    "default_jobs",
    "discover_notebooks",
    "execute_jobs",
    "hash_inputs",
    "lock_hash",
    "notebook_path",
    "plan_jobs",
    "project_root",
    "publish",
    "render_pdfs",
    "sha256_bytes",
    "tree_hashes",
    "versions",
    "write_chart_data",
    "write_records",
]

KERNEL_NAME = "szreport"
# Report-specific parameter checks that need the dataset, run before any kernel: report -> (module, function).
PREFLIGHT = {
    "outlook": ("szreport.themes.outlook", "settings"),
    "economy": ("szreport.data.window", "window"),
    "innovation": ("szreport.data.window", "window"),
    "opening_up": ("szreport.data.window", "window"),
}
RUNTIME_PREFIX = "szreport-runtime-"  # Jupyter runtime folder of a build, in the temp folder, named by its pid


def _kernel_name() -> str:
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    return KERNEL_NAME if KERNEL_NAME in specs else "python3"


def build(options: Options) -> int:
    """Check everything that needs no kernel (exit 2), lock the output folder, then run the build's steps.
    (``szreport build`` first asks :func:`szreport.build.uptodate.nothing_to_do`, which needs none of this.)"""
    ctx = check(options)
    out_dir = ctx.out_dir
    lock = _open_lock(out_dir)
    # Ctrl-C and a kill (SIGTERM) stop the build at its next safe point (szreport.build.stopping), where it unwinds:
    # the staging folder is removed and nothing is half-published.
    with stopping.stop_at_checkpoints(), lock:
        _wait_for_lock(ctx, lock)
        for stale in out_dir.glob(".staging-*"):  # left by a build killed with SIGKILL
            shutil.rmtree(stale, ignore_errors=True)
        try:
            return _build_locked(ctx)
        except OSError as exc:  # a full or read-only disk while writing: the reports in out_dir are as they were
            raise BuildError(
                f"cannot write {exc.filename or out_dir}: {exc.strerror or exc}; free some space or "
                f"choose another --out (the reports in {out_dir} were left unchanged)",
                2,
            ) from None
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _wait_for_lock(ctx: BuildContext, lock) -> None:
    """Take the output folder's lock, waiting for another build that holds it (stoppable while waiting)."""
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        ctx.say(f"another build is writing to {ctx.out_dir}; waiting for it to finish…", 0)
    while True:
        stopping.checkpoint()
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            time.sleep(stopping.POLL_S)


def check(options: Options) -> BuildContext:
    """Everything that can be checked without a kernel, the data folder validated once; a BuildError exits 2."""
    root = project_root()
    notebooks_dir = resolved(options.notebooks_dir or root / "notebooks", "--notebooks")
    data_dir = resolved(options.data_dir or root / "data", "--data")
    out_dir = resolved(options.out_dir or root / "reports", "--out")
    notebooks = discover_notebooks(notebooks_dir)
    uptodate.check_usage(options, notebooks, notebooks_dir)
    selected = {n: p for n, p in notebooks.items() if not options.only or n in options.only}
    from szreport import params as params_mod
    from szreport.data import loader as data_mod

    try:
        dataset = data_mod.load(data_dir)  # validates, then loads: the only validation of the build
    except data_mod.DataError as exc:
        raise BuildError(str(exc), 2) from None
    try:
        per_notebook = params_mod.validate(options.parameters, selected)
        # Checks that need the data (e.g. the outlook's horizon after the data's last year), still before any kernel.
        for name, (module, function) in PREFLIGHT.items():
            if name in selected:
                getattr(importlib.import_module(module), function)(dataset, **per_notebook[name])
    except params_mod.ParameterError as exc:
        raise BuildError(f"bad parameter: {exc}", 2) from None
    if "pdf" in options.formats:
        from szreport.build.browser import find_chromium

        try:
            find_chromium()
        except FileNotFoundError as exc:
            raise BuildError(str(exc), 2) from None
    progress = Progress(options.verbosity)
    others = other_notebooks(notebooks_dir)
    if others:  # a notebook made in JupyterLab is welcome beside the reports; it is not one of them
        progress(f"not reports, left out: {', '.join(others)} (the reports are {', '.join(REPORT_ORDER)})", 2)
    return BuildContext(options, notebooks, selected, per_notebook, dataset, out_dir, progress)


def _remove_stale_runtime_dirs() -> None:
    """Remove the Jupyter runtime folders of builds that were killed (SIGKILL leaves them behind): those whose
    process is gone, and unnamed ones from older versions once they are an hour old."""
    for folder in Path(tempfile.gettempdir()).glob(f"{RUNTIME_PREFIX}*"):
        owner = folder.name.removeprefix(RUNTIME_PREFIX).split("-")[0]
        if owner.isdigit():
            if _process_alive(int(owner)):
                continue
        else:
            try:
                if time.time() - folder.stat().st_mtime < 3600:
                    continue
            except OSError:  # removed meanwhile by another build
                continue
        shutil.rmtree(folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _open_lock(out_dir: Path):
    """Create the output folder if needed and open its lock file; any reason it cannot be written is exit 2."""
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"--out {out_dir} is a file, not a folder: give a folder for the reports", 2)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return open(out_dir / ".szreport.lock", "w")
    except OSError as exc:
        raise BuildError(
            f"--out {out_dir} cannot be used as the output folder: {exc.strerror or exc}; give a writable folder", 2
        ) from None


def stop_child_processes() -> None:
    """Send SIGTERM to every process this one started (the kernels of the running notebooks, the PDF printer's
    browser driver), found by their parent in /proc; nothing where there is no /proc."""
    me = os.getpid()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])  # after the command's name: state, ppid
            if parent == me:
                os.kill(int(stat.parent.name), signal.SIGTERM)
        except (OSError, ValueError, IndexError):  # a process that ended meanwhile
            continue


def _build_locked(ctx: BuildContext) -> int:
    """The build once the output folder is locked: hash the inputs, plan, and run the steps if anything changed."""
    ctx.started = time.perf_counter()
    ctx.inputs = hash_inputs(ctx.data_dir, ctx.selected)
    ctx.request_key = uptodate.request_key(ctx.options, ctx.data_dir, ctx.notebooks, ctx.inputs)
    state_path = ctx.out_dir / STATE_FILE
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    jobs, skipped = plan_jobs(ctx, state)
    for job in skipped:
        ctx.say(f"[{job.lang}] {job.name}: up to date", 2)
    if not jobs:
        ctx.say(
            f"nothing to do: {len(skipped)} report(s) up to date in {ctx.out_dir} "
            f"({time.perf_counter() - ctx.started:.1f} s)"
        )
        return 0

    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=ctx.out_dir))
    try:
        with _kernel_environment():
            ctx.say(
                f"building {len(jobs)} notebook(s) with {ctx.options.jobs or default_jobs()} worker(s); "
                f"{len(skipped)} up to date",
                1,
            )
            with PdfPrinter(ctx, staging) as printer:  # prints each report's PDF as soon as its HTML is staged
                done = execute_jobs(ctx, jobs, staging, on_done=printer.submit)
                write_chart_data(done, staging)
                printer.finish()
            drop_unasked_html(ctx, done, staging)
            write_records(ctx, done, skipped, staging)
            stopping.checkpoint()  # the last chance to stop: publishing is not interrupted
            publish(ctx, done, staging, state)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _kernel_environment():
    """A fresh Jupyter runtime folder for this build's kernels and a fixed hash seed, undone afterwards."""
    _remove_stale_runtime_dirs()
    runtime = Path(tempfile.mkdtemp(prefix=f"{RUNTIME_PREFIX}{os.getpid()}-"))
    settings = {"JUPYTER_RUNTIME_DIR": str(runtime), "PYDEVD_DISABLE_FILE_VALIDATION": "1", "PYTHONHASHSEED": "0"}
    old_env = {k: os.environ.get(k) for k in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
        for key, value in old_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def plan_jobs(ctx: BuildContext, state: dict) -> tuple[list[Job], list[Job]]:
    """The jobs to run, and those up to date (the state holds their input hash and every output exists)."""
    options, inputs = ctx.options, ctx.inputs
    data_hash = combined(inputs.data)
    footer = {lang: fmt.html_text(fmt.t(lang, "footer")) for lang in options.langs}
    from szreport import params as params_mod

    declared = {name: params_mod.read_parameters(path) for name, path in ctx.selected.items()}
    defaults = {name: {p.name: p.default for p in found.values()} for name, found in declared.items()}
    jobs: list[Job] = []
    skipped: list[Job] = []
    for lang in options.langs:
        for name, path in ctx.selected.items():
            parameters = {"lang": lang, "data_dir": str(ctx.data_dir), **ctx.parameters[name]}
            key = combined(
                {
                    "notebook": inputs.notebooks[name],
                    "parameters": json.dumps(parameters, sort_keys=True),
                    "data": data_hash,
                    "code": combined(inputs.code),
                    "lock": inputs.lock or "",
                    "formats": ",".join(sorted(options.formats)),
                    "show_code": str(options.show_code),
                    "names": ",".join(ctx.notebooks),
                }
            )
            job = Job(
                name,
                lang,
                path,
                parameters,
                key,
                names=list(ctx.notebooks),
                footer=footer[lang]
                + citation.section_html(citation_of_build(name, lang, ctx))
                + reproduce_html(name, lang, ctx, {**defaults[name], **parameters}),
                show_code=options.show_code,
                city=ctx.dataset.subject.name(lang),
            )
            current = state.get(job.state_key) == key and all(
                job.file(ctx.out_dir, ext).exists() for ext in ["ipynb", *options.formats]
            )
            (skipped if current and not options.force else jobs).append(job)
    return jobs, skipped


def _as_completed(futures: list) -> Iterator:
    """The futures as they complete (those completing together in the order submitted), looking for a stop
    request (:func:`szreport.build.stopping.checkpoint`) while it waits."""
    pending = list(futures)
    while pending:
        stopping.checkpoint()
        finished, _ = wait(pending, timeout=stopping.POLL_S, return_when=FIRST_COMPLETED)
        for future in [f for f in pending if f in finished]:
            pending.remove(future)
            yield future


def execute_jobs(
    ctx: BuildContext, jobs: list[Job], staging: Path, on_done: Callable[[Job], None] | None = None
) -> list[Result]:
    """Run the jobs in a thread pool; any failure keeps its notebook under _failed/ and raises (exit 1).
    ``on_done`` is called with each job that succeeded, as soon as it did (the PDF printer's queue)."""
    kernel = _kernel_name()
    done: list[Result] = []
    failures: list[Result] = []
    environment: list[OSError] = []
    pool = ThreadPoolExecutor(max_workers=ctx.options.jobs or default_jobs())
    try:  # submitting inside: a kill while submitting must still cancel what is queued
        futures = [pool.submit(execute, job, staging, kernel) for job in jobs]
        for future in _as_completed(futures):
            result = future.result()
            job = result.job
            if result.error:
                failures.append(result)
                ctx.say(f"[{job.lang}] {job.name}: FAILED", 0)
            elif result.environment_error is not None:
                environment.append(result.environment_error)
            else:
                done.append(result)
                if on_done is not None:
                    on_done(job)
                if result.retried:
                    ctx.say(f"[{job.lang}] {job.name}: {result.retried}", 0)
                ctx.say(f"[{job.lang}] {job.name}: executed and exported to HTML ({result.seconds:.1f} s)")
                if result.absent:  # sections this data folder could not fill: said, never a traceback
                    ctx.say(f"[{job.lang}] {job.name}: not in the data, left out: {'; '.join(result.absent)}", 0)
    except BaseException:
        # Ctrl-C or a kill: start none of the queued notebooks and stop the running ones now (their kernels), not
        # once they have finished: an interrupted build ends in seconds, whatever its notebooks cost.
        pool.shutdown(wait=False, cancel_futures=True)
        stop_child_processes()
        raise
    pool.shutdown(wait=True)
    if environment:
        raise environment[0]
    if failures:
        messages = []
        for failure in failures:
            kept = failure.job.file(ctx.out_dir / "_failed", "ipynb")
            kept.parent.mkdir(parents=True, exist_ok=True)
            if failure.executed.exists():
                shutil.copyfile(failure.executed, kept)
            messages.append(
                f"notebook {failure.job.path.name} ({failure.job.lang}) failed: {failure.error}\n"
                f"  executed notebook kept at {kept}"
            )
        raise BuildError("\n".join(messages) + "\nthe reports in " + str(ctx.out_dir) + " were left unchanged", 1)
    return done
