"""Build the reports: validate, execute notebooks with papermill (in parallel), export HTML and PDF, publish.

Order of work, so that bad input never costs a kernel start and a failure never costs the last good reports:
1. the data folder is validated and every user parameter is checked (exit 2, nothing executed or written);
2. a lock on the output folder makes a second concurrent build wait;
3. each (report, language) whose inputs changed (content hashes of notebook, parameters, data, package source,
   templates) is executed by papermill in a thread pool into a staging folder and exported to HTML;
4. all PDFs are printed by one headless Chromium;
5. only when everything succeeded are the files moved into the output folder, one atomic rename each.
A failing cell exits 1 naming the notebook, the cell and the error, and keeps the failed notebook under
``<out>/_failed/``.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import importlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path

from . import data as data_mod
from . import fmt
from . import params as params_mod

PACKAGE_DIR = Path(__file__).resolve().parent
REPORT_ORDER = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]
LANGS = ("zh", "en")
FORMATS = ("html", "pdf")
KERNEL_NAME = "szreport"
# Report-specific parameter checks that need the dataset, run before any kernel: report -> (module, function).
PREFLIGHT = {"outlook": ("szreport.outlook", "settings"), "economy": ("szreport.window", "window"),
             "innovation": ("szreport.window", "window"), "opening_up": ("szreport.window", "window")}
STATE_FILE = ".szreport-state.json"
RUNTIME_PREFIX = "szreport-runtime-"  # Jupyter runtime folder of a build, in the temp folder, named by its pid
# A kernel that dies before it answers is started once more (logged): kernel ports cannot collide within a
# build (szreport.kernels), but another program may still take one in the moment before the kernel binds it.
KERNEL_START_RETRIES = 1
KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Address already in use",
                         "DeadKernelError", "Kernel didn't respond")
NOTEBOOK_NAME = re.compile(r"^(?:\d+[_-])?(?P<name>[a-z_]+)\.ipynb$")
# Notebooks of notebooks/ that are not reports: never built, listed or offered for parameters. explore.ipynb is
# the analyst's notebook for JupyterLab (szreport.explore), run by its own test.
NOT_REPORTS = ("explore",)


def project_root() -> Path:
    """The project folder: SZREPORT_ROOT, else the checkout this package lives in, else the working folder."""
    if os.environ.get("SZREPORT_ROOT"):
        return Path(os.environ["SZREPORT_ROOT"]).resolve()
    checkout = PACKAGE_DIR.parents[1]
    return checkout if (checkout / "notebooks").is_dir() else Path.cwd()


def discover_notebooks(folder: Path) -> dict[str, Path]:
    """Report name -> notebook path, in report order (a numeric prefix such as 02_ is ignored); the notebooks of
    :data:`NOT_REPORTS` are left out."""
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        match = NOTEBOOK_NAME.match(path.name)
        if match and match["name"] not in NOT_REPORTS:
            found[match["name"]] = path
    return {name: found[name] for name in REPORT_ORDER if name in found} | {
        n: p for n, p in found.items() if n not in REPORT_ORDER}


def notebook_path(name: str) -> Path:
    """The notebook of report ``name`` in the project's notebooks folder; a KeyError when there is none."""
    return discover_notebooks(project_root() / "notebooks")[name]


class BuildError(Exception):
    """A failure with an exit code: 2 bad input (nothing executed), 1 a notebook failed."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


@dataclass
class Options:
    langs: list[str] = field(default_factory=lambda: list(LANGS))
    formats: list[str] = field(default_factory=lambda: list(FORMATS))
    only: list[str] = field(default_factory=list)
    parameters: dict = field(default_factory=dict)
    data_dir: Path | None = None
    out_dir: Path | None = None
    notebooks_dir: Path | None = None
    jobs: int | None = None
    show_code: bool = False
    force: bool = False
    verbosity: int = 1  # 0 quiet, 1 normal, 2 verbose


def default_jobs() -> int:
    """Kernels mostly wait, so a few more workers than cores pay off (measured: 3 workers on 2 cores)."""
    return max(2, min(6, (os.cpu_count() or 2) + 1))


def sha256_bytes(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def tree_hashes(folder: Path, patterns: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pattern in patterns:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                out[str(path.relative_to(folder))] = sha256_bytes(path.read_bytes())
    return out


def combined(hashes: dict[str, str]) -> str:
    return sha256_bytes(json.dumps(hashes, sort_keys=True).encode())


def versions() -> dict[str, str]:
    names = ["szreport", "papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "matplotlib", "playwright"]
    out = {"python": sys.version.split()[0]}
    for name in names:
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


class Progress:
    def __init__(self, verbosity: int):
        self.verbosity = verbosity
        self.tty = sys.stderr.isatty()

    def __call__(self, message: str, level: int = 1) -> None:
        if self.verbosity >= level:
            print(message, file=sys.stderr, flush=True)


def _kernel_name() -> str:
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    return KERNEL_NAME if KERNEL_NAME in specs else "python3"


def _report_title(name: str, lang: str) -> str:
    try:
        return fmt.t(lang, f"title_{name}")
    except KeyError:
        return name


def _short_title(name: str, lang: str) -> str:
    try:
        return fmt.t(lang, f"short_{name}")
    except KeyError:
        return _report_title(name, lang)


def _nav(names: list[str], current: str, lang: str) -> list[dict]:
    other = "en" if lang == "zh" else "zh"
    items = [{"href": "../index.html", "label": fmt.html_text(fmt.t(lang, "nav_home")), "current": False}]
    items += [{"href": f"{n}.html", "label": fmt.html_text(_short_title(n, lang)), "current": n == current}
              for n in names]
    items.append({"href": f"../{other}/{current}.html", "label": fmt.html_text(fmt.t(lang, "nav_other_lang")),
                  "current": False})
    return items


def _execute(job: dict, staging: Path, kernel: str) -> dict:
    """Run one notebook with papermill and export its HTML; returns what the publish step needs."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from . import export

    from .kernels import KernelManager

    lang, name = job["lang"], job["name"]
    out_nb = staging / lang / f"{name}.ipynb"
    out_nb.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    retried = ""
    for attempt in range(1 + KERNEL_START_RETRIES):
        try:
            papermill.execute_notebook(
                str(job["path"]), str(out_nb), parameters=job["parameters"], kernel_name=kernel,
                cwd=str(job["path"].parent), progress_bar=False, log_output=False, shutdown_kernel="immediate",
                kernel_manager_class=KernelManager)
            break
        except PapermillExecutionError as exc:
            return {**job, "error": f"cell {exc.exec_count} raised {exc.ename}: {exc.evalue}", "executed": out_nb}
        except OSError as exc:  # the disk is full or read-only: the environment, not the notebook
            return {**job, "environment_error": exc, "executed": out_nb}
        except Exception as exc:  # kernel died, could not start, ...
            if attempt < KERNEL_START_RETRIES and _died_on_start(exc):
                retried = f"kernel died on start ({exc}); retried once"
                continue
            return {**job, "error": f"{type(exc).__name__}: {exc}", "executed": out_nb}
    executed = time.perf_counter() - started
    nb = export.read_notebook(out_nb)
    results, chart_data = export.szreport_outputs(nb)
    page = export.to_html(nb, _report_title(name, lang), lang, job["show_code"], _nav(job["names"], name, lang),
                          footer=job["footer"])
    (staging / lang / f"{name}.html").write_text(page, encoding="utf-8")
    return {**job, "results": results, "chart_data": chart_data, "seconds": executed, "retried": retried}


def _died_on_start(exc: Exception) -> bool:
    """A kernel that never answered (no cell ran): worth one more start, unlike a failing cell."""
    text = f"{type(exc).__name__}: {exc}"
    return any(sign in text for sign in KERNEL_START_FAILURES)


def build(options: Options) -> int:
    root = project_root()
    notebooks_dir = (options.notebooks_dir or root / "notebooks").resolve()
    data_dir = (options.data_dir or root / "data").resolve()
    out_dir = (options.out_dir or root / "reports").resolve()
    say = Progress(options.verbosity)

    # 1. Everything that can be checked without a kernel.
    notebooks = discover_notebooks(notebooks_dir)
    if not notebooks:
        raise BuildError(f"no notebooks found in {notebooks_dir}", 2)
    unknown = [n for n in options.only if n not in notebooks]
    if unknown:
        raise BuildError(f"unknown report(s) {', '.join(unknown)}; available: {', '.join(notebooks)}", 2)
    bad_lang = [lang for lang in options.langs if lang not in LANGS]
    if bad_lang:
        raise BuildError(f"unknown language(s) {', '.join(bad_lang)}; available: {', '.join(LANGS)}", 2)
    bad_format = [f for f in options.formats if f not in FORMATS]
    if bad_format:
        raise BuildError(f"unknown format(s) {', '.join(bad_format)}; available: {', '.join(FORMATS)}", 2)
    selected = {n: p for n, p in notebooks.items() if not options.only or n in options.only}
    problems = data_mod.validate(data_dir)
    if problems:
        raise BuildError(str(data_mod.DataError(problems, data_dir)), 2)
    try:
        per_notebook = params_mod.validate(options.parameters, selected)
        # Checks that need the data (e.g. the outlook's horizon after the data's last year), still before any kernel.
        dataset = data_mod.load(data_dir)
        for name, (module, function) in PREFLIGHT.items():
            if name in selected:
                getattr(importlib.import_module(module), function)(dataset, **per_notebook[name])
    except params_mod.ParameterError as exc:
        raise BuildError(f"bad parameter: {exc}", 2) from None
    if "pdf" in options.formats:
        from .browser import find_chromium
        try:
            find_chromium()
        except FileNotFoundError as exc:
            raise BuildError(str(exc), 2) from None

    lock = _open_lock(out_dir)
    previous_term = signal.getsignal(signal.SIGTERM)
    if threading_is_main():
        # A kill (SIGTERM) unwinds like Ctrl-C, so the staging folder is removed and nothing is half-published.
        signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"another build is writing to {out_dir}; waiting for it to finish…", 0)
            fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in out_dir.glob(".staging-*"):  # left by a build killed with SIGKILL
            shutil.rmtree(stale, ignore_errors=True)
        try:
            return _build_locked(options, root, notebooks, selected, per_notebook, data_dir, out_dir, say)
        except OSError as exc:  # a full or read-only disk while writing: the reports in out_dir are as they were
            raise BuildError(f"cannot write {exc.filename or out_dir}: {exc.strerror or exc}; free some space or "
                             f"choose another --out (the reports in {out_dir} were left unchanged)", 2) from None
    finally:
        if threading_is_main():
            signal.signal(signal.SIGTERM, previous_term)
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


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
        raise BuildError(f"--out {out_dir} cannot be used as the output folder: {exc.strerror or exc}; "
                         "give a writable folder", 2) from None


def threading_is_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def _build_locked(options, root, notebooks, selected, per_notebook, data_dir, out_dir, say) -> int:
    started = time.perf_counter()
    data_hashes = tree_hashes(data_dir, ("*.csv", "*.yaml"))
    code_hashes = tree_hashes(PACKAGE_DIR, ("*.py", "*.yaml", "*.j2", "*.json", "*.css"))
    state_path = out_dir / STATE_FILE
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    footer_text = {lang: fmt.html_text(fmt.t(lang, "footer", version=versions()["szreport"],
                                             data=combined(data_hashes)[:12]))
                   for lang in options.langs}

    jobs, skipped = [], []
    for lang in options.langs:
        for name, path in selected.items():
            parameters = {"lang": lang, "data_dir": str(data_dir), **per_notebook[name]}
            key = combined({
                "notebook": sha256_bytes(path.read_bytes()), "parameters": json.dumps(parameters, sort_keys=True),
                "data": combined(data_hashes), "code": combined(code_hashes), "formats": ",".join(sorted(options.formats)),
                "show_code": str(options.show_code), "names": ",".join(notebooks)})
            outputs = [out_dir / lang / f"{name}.{ext}" for ext in ["ipynb", *options.formats]]
            if not options.force and state.get(f"{lang}/{name}") == key and all(p.exists() for p in outputs):
                skipped.append((lang, name))
                continue
            jobs.append({"lang": lang, "name": name, "path": path, "parameters": parameters, "key": key,
                         "show_code": options.show_code, "names": list(notebooks), "footer": footer_text[lang]})
    for lang, name in skipped:
        say(f"[{lang}] {name}: up to date", 2)
    if not jobs:
        say(f"nothing to do: {len(skipped)} report(s) up to date in {out_dir} "
            f"({time.perf_counter() - started:.1f} s)")
        return 0

    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    _remove_stale_runtime_dirs()
    runtime = Path(tempfile.mkdtemp(prefix=f"{RUNTIME_PREFIX}{os.getpid()}-"))
    old_env = {k: os.environ.get(k) for k in ("JUPYTER_RUNTIME_DIR", "PYDEVD_DISABLE_FILE_VALIDATION", "PYTHONHASHSEED")}
    os.environ.update({"JUPYTER_RUNTIME_DIR": str(runtime), "PYDEVD_DISABLE_FILE_VALIDATION": "1",
                       "PYTHONHASHSEED": "0"})
    try:
        kernel = _kernel_name()
        workers = options.jobs or default_jobs()
        say(f"building {len(jobs)} notebook(s) with {workers} worker(s); {len(skipped)} up to date", 1)
        done, failures, environment = [], [], []
        pool = ThreadPoolExecutor(max_workers=workers)
        futures = [pool.submit(_execute, job, staging, kernel) for job in jobs]
        try:
            for future in as_completed(futures):
                result = future.result()
                if "error" in result:
                    failures.append(result)
                    say(f"[{result['lang']}] {result['name']}: FAILED", 0)
                elif "environment_error" in result:
                    environment.append(result)
                else:
                    done.append(result)
                    if result["retried"]:
                        say(f"[{result['lang']}] {result['name']}: {result['retried']}", 0)
                    say(f"[{result['lang']}] {result['name']}: executed and exported to HTML "
                        f"({result['seconds']:.1f} s)")
        finally:
            # On Ctrl-C or a kill, do not start the queued notebooks; running kernels end with their threads.
            pool.shutdown(wait=True, cancel_futures=True)
        if environment:
            raise environment[0]["environment_error"]
        if failures:
            messages = []
            for failure in failures:
                kept = out_dir / "_failed" / failure["lang"] / f"{failure['name']}.ipynb"
                kept.parent.mkdir(parents=True, exist_ok=True)
                if Path(failure["executed"]).exists():
                    shutil.copyfile(failure["executed"], kept)
                messages.append(f"notebook {failure['path'].name} ({failure['lang']}) failed: {failure['error']}\n"
                                f"  executed notebook kept at {kept}")
            raise BuildError("\n".join(messages) + "\nthe reports in " + str(out_dir) + " were left unchanged", 1)

        # Chart data: language-neutral tables, one CSV per chart; both languages must agree.
        for result in done:
            for chart in result["chart_data"]:
                path = staging / "data" / chart["report"] / chart["file"]
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.exists() and path.read_text(encoding="utf-8") != chart["csv"]:
                    raise BuildError(f"chart data {chart['report']}/{chart['file']} differs between languages", 1)
                path.write_text(chart["csv"], encoding="utf-8")

        if "pdf" in options.formats:
            from .browser import PdfRenderer
            with PdfRenderer() as renderer:
                for result in sorted(done, key=lambda r: (r["lang"], r["name"])):
                    lang, name = result["lang"], result["name"]
                    t0 = time.perf_counter()
                    renderer.render(staging / lang / f"{name}.html", staging / lang / f"{name}.pdf",
                                    fmt.html_text(_report_title(name, lang)))
                    say(f"[{lang}] {name}: PDF ({time.perf_counter() - t0:.1f} s)")
        if "html" not in options.formats:
            for result in done:
                (staging / result["lang"] / f"{result['name']}.html").unlink()

        # Results and build record per language, merged with what is already published.
        for lang in options.langs:
            results_path = out_dir / lang / "results.json"
            results = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {}
            for result in done:
                if result["lang"] == lang:
                    results[result["name"]] = result["results"]
            ordered = {n: results[n] for n in [*notebooks, *results] if n in results}
            (staging / lang).mkdir(parents=True, exist_ok=True)
            (staging / lang / "results.json").write_text(
                json.dumps(ordered, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
            record = {
                "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "language": lang,
                "built": sorted(r["name"] for r in done if r["lang"] == lang),
                "up_to_date": sorted(n for lg, n in skipped if lg == lang),
                "parameters": {r["name"]: r["parameters"] for r in done if r["lang"] == lang},
                "inputs": {"data": data_hashes, "notebooks": {n: sha256_bytes(p.read_bytes()) for n, p in selected.items()},
                           "package": combined(code_hashes)},
                "versions": versions(),
                "formats": options.formats,
            }
            (staging / lang / "build.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                                                       encoding="utf-8")
        from .index import render_index
        ds = data_mod.load(data_dir)
        (staging / "index.html").write_text(render_index(ds, notebooks, out_dir, staging, options.langs),
                                            encoding="utf-8")

        # Chart data of a rebuilt report replace its old set: a renamed chart leaves no stale CSV behind.
        stale = [old for name in sorted({r["name"] for r in done})
                 for old in (out_dir / "data" / name).glob("*.csv")
                 if not (staging / "data" / name / old.name).exists()]
        # Publish: every file moved into place by an atomic rename; the state file last.
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            target = out_dir / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
        for old in stale:
            old.unlink(missing_ok=True)
        for result in done:
            state[f"{result['lang']}/{result['name']}"] = result["key"]
        tmp_state = state_path.with_suffix(".tmp")
        tmp_state.write_text(json.dumps(state, indent=1, sort_keys=True))
        os.replace(tmp_state, state_path)
        say(f"published {len(done)} report(s) to {out_dir} in {time.perf_counter() - started:.1f} s")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(runtime, ignore_errors=True)
        for key, value in old_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
