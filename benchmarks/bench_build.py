"""Benchmark the build, side by side in one run (run with `make bench`; not part of the tests).

Measured, interleaved over --repeat rounds (the machines are noisy: compare ratios from one run), medians:
  naive       papermill CLI, then `jupyter nbconvert --to html` CLI, then Chromium's --print-to-pdf CLI,
              one process per notebook per step, sequential (what one would write in a shell script)
  naive_html  the same without the PDF step
  full        `szreport build --force` (parallel kernels, in-process HTML export, PDFs printed by one browser
              while the notebooks run)
  html        `szreport build --force --format html`
  floor       every report's code cells, both languages, run in ONE Python process (benchmarks/floor.py:
              imports paid once, no kernel, no notebook files, no export; charts still drawn to SVG and PNG as
              the kernels draw them): what no pipeline can beat
  noop        `szreport build` with nothing changed
  one_param   `szreport build -p show_figures_table=<flip>` (only the reports that have the parameter rebuild)
Every pipeline produces every report in both languages (executed notebook, HTML, and PDF where named).
The code measured is the one beside this script (PYTHONPATH points at its src/).
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

from szreport.build.browser import CHROMIUM_ARGS, find_chromium  # noqa: E402
from szreport.build.context import LANGS  # noqa: E402
from szreport.notebooks import discover_notebooks  # noqa: E402


def run(cmd: list[str], **kw) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - started


def naive(out: Path, env: dict, pdf: bool = True) -> float:
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
                env=env,
            )
            subprocess.run(
                [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            if not pdf:
                continue
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


def median_ratio(medians: dict[str, float], a: str, b: str) -> float | None:
    return medians[a] / medians[b] if a in medians and b in medians and medians[b] else None


RATIOS = [  # (numerator, denominator): what the README's table quotes
    ("full", "naive"),
    ("html", "naive_html"),
    ("full", "floor"),
    ("html", "floor"),
    ("naive", "floor"),
    ("naive_html", "floor"),
    ("noop", "full"),
    ("one_param", "full"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--quick", action="store_true", help="one round (same as --repeat 1), for development")
    parser.add_argument("--skip-naive", action="store_true", help="leave out both naive pipelines (development)")
    args = parser.parse_args()
    rounds = 1 if args.quick else args.repeat
    szreport = str(BIN / "szreport")
    work = Path(tempfile.mkdtemp(prefix="szbench-"))
    env = {**os.environ, "CI": "1", "PYTHONPATH": str(ROOT / "src"), "SZREPORT_ROOT": str(ROOT)}
    steps = ["naive", "naive_html"] * (not args.skip_naive) + ["full", "html", "floor", "noop", "one_param"]
    times: dict[str, list[float]] = {step: [] for step in steps}
    load = [os.getloadavg()[0]]
    try:
        for round_no in range(rounds):
            out = work / f"ours{round_no}"
            flip = "false" if round_no % 2 == 0 else "true"
            commands = {
                "full": [szreport, "build", "--force", "--out", str(out)],
                "html": [szreport, "build", "--force", "--format", "html", "--out", str(work / f"html{round_no}")],
                "floor": [sys.executable, str(ROOT / "benchmarks" / "floor.py")],
                "noop": [szreport, "build", "--out", str(out)],
                "one_param": [szreport, "build", "--out", str(out), "-p", f"show_figures_table={flip}"],
            }
            for step in steps:
                if step == "naive":
                    times[step].append(naive(work / f"naive{round_no}", env))
                elif step == "naive_html":
                    times[step].append(naive(work / f"naive_html{round_no}", env, pdf=False))
                else:
                    times[step].append(run(commands[step], env=env))
            load.append(os.getloadavg()[0])
            print(
                f"round {round_no + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()),
                f"(load average {load[-1]:.1f})",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    medians = {k: statistics.median(v) for k, v in times.items()}
    ratios = {f"{a}/{b}": r for a, b in RATIOS if (r := median_ratio(medians, a, b)) is not None}
    print(f"\nmedians over {rounds} interleaved round(s) (every report, zh and en):")
    for key, value in medians.items():
        print(f"  {key:11s} {value:7.2f} s")
    for key, value in ratios.items():
        print(f"  {key:18s} = {value:.3f}")
    print(f"  1-minute load average during the run: {min(load):.1f}..{max(load):.1f} (above the cores: others ran)")
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "last.json").write_text(
        json.dumps({"times_s": times, "medians_s": medians, "ratios": ratios, "load_average": load}, indent=1)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
