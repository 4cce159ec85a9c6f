"""The floor of a build: every report's code cells, in both languages, run in ONE Python process.

What it includes, so that it matches what the kernels do minus the machinery around them:
- one IPython shell (``InteractiveShell``, no kernel, no ZMQ) with matplotlib's Agg backend; each notebook and
  language gets a fresh namespace with the parameters cell run, then papermill's injected parameters (``lang``,
  ``data_dir``) assigned, then every other code cell run with ``run_cell`` as a kernel does;
- display kept equivalent: ``Report.chart`` draws every chart's pictures exactly as in a kernel (the page's SVG,
  the SVG and PNG files: ``szreport.charts.files.render``); HTML and Markdown outputs are formatted as well. The
  formatted outputs are dropped instead of being sent to a front end.
What it leaves out: kernel start and shutdown, the imports being paid once instead of in every kernel,
papermill's notebook reading and writing, HTML export, PDF printing.

Run ``python benchmarks/floor.py`` (prints the seconds taken); ``--profile FILE`` writes a cProfile of the
whole run. ``benchmarks/bench_build.py`` runs it as a subprocess beside the pipelines.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("MPLBACKEND", "Agg")  # no GUI; charts are drawn to files as in a kernel
os.environ.setdefault("PYTHONHASHSEED", "0")
sys.path.insert(0, str(ROOT / "src"))

LANGS = ("zh", "en")


def _discard_publisher(shell) -> None:
    """Format every displayed object (as a kernel does) and drop the result instead of printing it."""

    def publish(data, metadata=None, **kw):
        return None

    shell.display_pub.publish = publish


def run_all(notebooks_dir: Path, data_dir: Path) -> float:
    """Run every report's code cells in both languages in this process; the seconds taken."""
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell

    from szreport.notebooks import discover_notebooks

    started = time.perf_counter()
    shell = InteractiveShell.instance()
    _discard_publisher(shell)
    for name, path in discover_notebooks(notebooks_dir).items():
        cells = [c for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code"]
        for lang in LANGS:
            shell.reset(new_session=False)
            previous = os.getcwd()
            os.chdir(path.parent)  # as the build runs papermill (in notebooks/)
            try:
                for index, cell in enumerate(cells):
                    result = shell.run_cell(cell.source, store_history=False, silent=False)
                    if "parameters" in cell.metadata.get("tags", []):
                        shell.user_ns.update(lang=lang, data_dir=str(data_dir))
                    if not result.success:
                        raise RuntimeError(f"{name} ({lang}) cell {index} failed: {result.error_in_exec}")
            finally:
                os.chdir(previous)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the run to this file")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    cells = run_all(ROOT / "notebooks", ROOT / "data")
    if args.profile:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    total = time.perf_counter() - started
    cpu = time.process_time()
    print(f"floor: {total:.2f} s wall ({cells:.2f} s in cells, {cpu:.2f} s CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
