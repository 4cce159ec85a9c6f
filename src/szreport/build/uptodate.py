"""The no-op fast path of ``szreport build``: "nothing to do" decided from content hashes alone, without
importing pandas, matplotlib, nbconvert or papermill (a no-op rebuild is then about a tenth of a second).

A build that publishes stores its *request key* in the output folder's state file (:data:`REQUEST_KEY`): one
hash of everything the request is made of, namely its options (languages, formats, reports, parameters as
given, data folder, show-code) and the content of its inputs (every data file, every file of the package,
each selected notebook, the names of all reports, the lock file) and Python's version. A later build whose
request key is the same, and whose every output file exists, has nothing to do: :func:`nothing_to_do`.

Why skipping the validation of data and parameters is safe then: validation is a function of exactly these
inputs (the data files, the package's code and schema, the selected notebooks' parameters cells, the
parameters given), and the build that stored the key validated them before it ran any kernel, or it would
not have published. A failed build publishes nothing and leaves the key of the last good build, which still
describes the published files. Any difference, or a state file without a key, falls through to the full
build, which validates (exit 2 on bad input) and then compares each report's own input hash as before.
"""

from __future__ import annotations

import fcntl
import json
import sys
import time
from pathlib import Path

from szreport.build.context import (
    CODE_PATTERNS,
    FORMATS,
    LANGS,
    PACKAGE_DIR,
    STATE_FILE,
    BuildError,
    Inputs,
    Options,
    Progress,
    combined,
    data_hashes,
    lock_hash,
    resolved,
    sha256_bytes,
    tree_hashes,
)
from szreport.notebooks import discover_notebooks, project_root

REQUEST_KEY = "request"  # the state file's entry holding the request key of the build that last published
KEY_VERSION = "2"  # bumped when what the request key covers changes, so old keys never match


def check_usage(options: Options, notebooks: dict[str, Path], notebooks_dir: Path) -> None:
    """The checks of a request that need neither data nor a kernel: reports, languages, formats (exit 2)."""
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


def request_key(options: Options, data_dir: Path, notebooks: dict[str, Path], inputs: Inputs) -> str:
    """The hash of a build request and of the content of its inputs (``inputs.notebooks``: the selected ones)."""
    return combined(
        {
            "version": KEY_VERSION,
            "python": sys.version,
            "langs": ",".join(sorted(options.langs)),
            "formats": ",".join(sorted(options.formats)),
            "reports": ",".join(inputs.notebooks),
            "names": ",".join(notebooks),
            "parameters": json.dumps(options.parameters, sort_keys=True, default=repr),
            "show_code": str(options.show_code),
            "data_dir": str(data_dir),
            "data": combined(inputs.data),
            "code": combined(inputs.code),
            "notebooks": combined(inputs.notebooks),
            "lock": inputs.lock or "",
        }
    )


def nothing_to_do(options: Options) -> bool:
    """True when the last build that published into the output folder had the same request key and every
    output it made is still there: the build is then done (and says so). False means: run the full build.
    Bad usage (an unknown report, language or format; PDF without Chromium) still exits 2 here."""
    if options.force:
        return False
    started = time.perf_counter()
    say = Progress(options.verbosity)
    root = project_root()
    notebooks_dir = resolved(options.notebooks_dir or root / "notebooks", "--notebooks")
    data_dir = resolved(options.data_dir or root / "data", "--data")
    out_dir = resolved(options.out_dir or root / "reports", "--out")
    state_path = out_dir / STATE_FILE
    if not state_path.is_file() or not data_dir.is_dir():
        return False  # nothing published yet, or a data folder the full build will explain (exit 2)
    notebooks = discover_notebooks(notebooks_dir)
    check_usage(options, notebooks, notebooks_dir)
    if "pdf" in options.formats:
        from szreport.build.browser import find_chromium

        try:
            find_chromium()
        except FileNotFoundError as exc:
            raise BuildError(str(exc), 2) from None
    selected = {n: p for n, p in notebooks.items() if not options.only or n in options.only}
    extensions = ["ipynb", *options.formats]
    outputs = [out_dir / lang / f"{name}.{ext}" for lang in options.langs for name in selected for ext in extensions]
    try:
        with open(out_dir / ".szreport.lock", "w") as lock:
            try:  # a build writing into the folder is waited for, as the full build does
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                say(f"another build is writing to {out_dir}; waiting for it to finish…", 0)
                fcntl.flock(lock, fcntl.LOCK_EX)
            state = json.loads(state_path.read_text())
            inputs = Inputs(
                data=data_hashes(data_dir),
                code=tree_hashes(PACKAGE_DIR, CODE_PATTERNS),
                notebooks={n: sha256_bytes(p.read_bytes()) for n, p in selected.items()},
                versions={},
                lock=lock_hash(),
            )
            current = state.get(REQUEST_KEY) == request_key(options, data_dir, notebooks, inputs)
            current = current and all(path.exists() for path in outputs)
    except (OSError, ValueError):  # unreadable folder or state: the full build reports what is wrong
        return False
    if current:
        say(
            f"nothing to do: {len(options.langs) * len(selected)} report(s) up to date in {out_dir} "
            f"({time.perf_counter() - started:.1f} s)"
        )
    return current
