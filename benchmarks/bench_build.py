"""Benchmark the build, side by side in one run (run with `make bench`; not part of the tests).

Measured, interleaved over --repeat rounds, medians reported:
  naive      papermill CLI, then `jupyter nbconvert --to html` CLI, then Chromium's --print-to-pdf CLI,
             one process per notebook per step, sequential (what one would write in a shell script)
  full       `szreport build --force` (parallel kernels, in-process export, one browser for all PDFs)
  noop       `szreport build` with nothing changed
  one_param  `szreport build -p show_figures_table=<flip>` (only the reports that have the parameter rebuild)
Both pipelines produce every report in both languages as executed notebook, HTML and PDF.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from szreport.build import LANGS, discover_notebooks  # noqa: E402
from szreport.export import CHROMIUM_ARGS, find_chromium  # noqa: E402


def run(cmd: list[str], **kw) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - started


def naive(out: Path) -> float:
    chromium = find_chromium()
    started = time.perf_counter()
    for name, path in discover_notebooks(ROOT / "notebooks").items():
        for lang in LANGS:
            executed = out / lang / f"{name}.ipynb"
            executed.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    str(BIN / "papermill"),
                    str(path),
                    str(executed),
                    "-k",
                    "szreport",
                    "-p",
                    "lang",
                    lang,
                    "-p",
                    "data_dir",
                    str(ROOT / "data"),
                    "--cwd",
                    str(path.parent),
                    "--no-progress-bar",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            subprocess.run(
                [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            html = executed.with_suffix(".html")
            subprocess.run(
                [
                    chromium,
                    "--headless",
                    *CHROMIUM_ARGS,
                    f"--user-data-dir={out / '.chrome'}",
                    f"--print-to-pdf={executed.with_suffix('.pdf')}",
                    "--no-pdf-header-footer",
                    html.as_uri(),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=120,
            )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    args = parser.parse_args()
    szreport = str(BIN / "szreport")
    work = Path(tempfile.mkdtemp(prefix="szbench-"))
    env = {**os.environ, "CI": "1"}
    times: dict[str, list[float]] = {"naive": [], "full": [], "noop": [], "one_param": []}
    try:
        for round_no in range(args.repeat):
            times["naive"].append(naive(work / f"naive{round_no}"))
            out = work / f"ours{round_no}"
            times["full"].append(run([szreport, "build", "--force", "--out", str(out)], env=env))
            times["noop"].append(run([szreport, "build", "--out", str(out)], env=env))
            flip = "false" if round_no % 2 == 0 else "true"
            times["one_param"].append(
                run([szreport, "build", "--out", str(out), "-p", f"show_figures_table={flip}"], env=env)
            )
            print(f"round {round_no + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    medians = {k: statistics.median(v) for k, v in times.items()}
    print(f"\nmedians over {args.repeat} interleaved rounds (every report, zh and en, ipynb + HTML + PDF):")
    for key, value in medians.items():
        print(f"  {key:10s} {value:7.2f} s")
    print(f"  full / naive      = {medians['full'] / medians['naive']:.2f}")
    print(f"  noop / full       = {medians['noop'] / medians['full']:.3f}")
    print(f"  one_param / full  = {medians['one_param'] / medians['full']:.2f}")
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "last.json").write_text(
        json.dumps({"times_s": times, "medians_s": medians}, indent=1)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
