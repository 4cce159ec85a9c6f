"""What one build carries through its steps: its :class:`Options`, its :class:`BuildContext`, its log
(:class:`Progress`) and its error (:class:`BuildError`), and the content hashes of its inputs (:class:`Inputs`:
data, package, notebooks, with the tools' versions) that decide whether a report is up to date; and where the
reports' notebooks are (:func:`discover_notebooks`). Kept free of pandas and the Jupyter tools, since the no-op
fast path (:mod:`szreport.build.uptodate`) reads it.

The steps themselves are in :mod:`szreport.build.pipeline` (check, plan, execute) and :mod:`szreport.build.output`
(chart data, PDFs, records, publish); both read this module, which imports neither.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from szreport.data.files import data_files
from szreport.notebooks import project_root

if TYPE_CHECKING:  # the no-op fast path (szreport.build.uptodate) reads this module: no pandas here
    from szreport.data import loader as data_mod

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/szreport
# The nbconvert template ``szreport`` (page template and style sheet), beside the exporter that uses it.
TEMPLATE_DIR = PACKAGE_DIR / "build" / "templates"
LANGS = ("zh", "en")
FORMATS = ("html", "pdf")
# The published reports' input hashes, in the output folder: what the next build compares with.
STATE_FILE = ".szreport-state.json"


def resolved(path: Path, option: str) -> Path:
    """``path`` made absolute, its links followed; a folder that cannot be (a symbolic link loop, a name too
    long) is a usage error naming the option (exit 2), never a traceback."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError) as error:
        reason = "a symbolic link loop" if isinstance(error, RuntimeError) else (error.strerror or str(error))
        raise BuildError(f"{option} {path}: cannot be followed ({reason})", 2) from None


def default_jobs() -> int:
    """Notebooks run at once: one more than the cores, at most 6 (kernels wait on each other and on the
    build's process at times; measured on 2 cores: 3 workers)."""
    return max(2, min(6, (os.cpu_count() or 2) + 1))


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


def sha256_bytes(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def tree_hashes(folder: Path, patterns: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pattern in patterns:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                out[str(path.relative_to(folder))] = sha256_bytes(path.read_bytes())
    return out


def data_hashes(folder: Path) -> dict[str, str]:
    """Content hash of each data file of a folder (the schema's files, regular and inside it): what the build
    reads from it, so a stray file or a link never changes whether a report is up to date."""
    return {path.name: sha256_bytes(path.read_bytes()) for path in data_files(folder)}


def combined(hashes: dict[str, str]) -> str:
    return sha256_bytes(json.dumps(hashes, sort_keys=True).encode())


def inputs_hash(inputs: Inputs) -> str:
    """One hash of what every report of a build reads: the data folder, the package and the lock file. The build
    record keeps it as ``inputs_hash``; citations show its first digits."""
    return combined({"data": combined(inputs.data), "package": combined(inputs.code), "lock": inputs.lock or ""})


def lock_hash() -> str | None:
    """SHA-256 of the project's requirements.lock (the exact Python packages installed), None outside a checkout."""
    lock = project_root() / "requirements.lock"
    return sha256_bytes(lock.read_bytes()) if lock.is_file() else None


def versions() -> dict[str, str]:
    from importlib import metadata as importlib_metadata

    names = ["szreport", "papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "matplotlib", "playwright"]
    out = {"python": sys.version.split()[0]}
    for name in names:
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


class Progress:
    """The build's log on stderr: a message of level 0 always shows, 1 unless quiet, 2 only when verbose."""

    def __init__(self, verbosity: int):
        self.verbosity = verbosity

    def __call__(self, message: str, level: int = 1) -> None:
        if self.verbosity >= level:
            print(message, file=sys.stderr, flush=True)


@dataclass
class Inputs:
    """Content hashes of what the reports are made from, and the tools' versions, taken once per build."""

    data: dict[str, str]  # data file -> sha256
    code: dict[str, str]  # package file (code, templates, texts) -> sha256
    notebooks: dict[str, str]  # report to build -> sha256 of its notebook
    versions: dict[str, str]
    lock: str | None = None  # sha256 of requirements.lock (the exact packages installed), None outside a checkout


# What of the data folder and of the package is hashed: a change to any such file rebuilds the reports.
CODE_PATTERNS = ("*.py", "*.yaml", "*.j2", "*.json", "*.css", "*.js")


def hash_inputs(data_dir: Path, selected: dict[str, Path]) -> Inputs:
    """Hash the data folder, the package and the notebooks of the selected reports, and the lock file."""
    return Inputs(
        data=data_hashes(data_dir),
        code=tree_hashes(PACKAGE_DIR, CODE_PATTERNS),
        notebooks={n: sha256_bytes(p.read_bytes()) for n, p in selected.items()},
        versions=versions(),
        lock=lock_hash(),
    )


@dataclass
class BuildContext:
    """What every step of one build reads: options, folders, reports, the validated dataset and the log."""

    options: Options
    notebooks: dict[str, Path]  # every report, in report order (navigation, results order)
    selected: dict[str, Path]  # the reports to build
    parameters: dict[str, dict]  # report -> its checked user parameters
    dataset: data_mod.Dataset  # the data folder, validated and loaded once
    out_dir: Path
    say: Progress = field(default_factory=lambda: Progress(1))
    inputs: Inputs = field(init=False, repr=False)  # hashed once the output folder is locked
    request_key: str = ""  # szreport.build.uptodate's key of this build's request, stored when it publishes
    started: float = field(default_factory=time.perf_counter)
    built_on: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())  # the citations' date

    @property
    def data_dir(self) -> Path:
        """The data folder (resolved), as the notebooks receive it."""
        return self.dataset.folder
