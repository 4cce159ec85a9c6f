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

A benchmark that cannot flatter: for every step it records wall seconds and CPU seconds (of this process and
every child it waited for, kernels and browsers included: getrusage), the 1-minute load average before and the
highest during it, and the CPU that OTHER processes took meanwhile (all busy CPU time of /proc/stat minus ours,
in cores). The load average counts our own kernels (a full build alone holds it near 2 on two cores), so a step
is called noisy when the others took more than --noisy-above cores on average during it (default 0.3, about a
seventh of this 2-core machine). Before each step the script waits up to --settle seconds for the others to calm
down. Medians and ratios are of quiet measurements only; a step with no quiet measurement says so, and its
figures are marked noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from szreport.build.browser import CHROMIUM_ARGS, find_chromium  # noqa: E402
from szreport.build.context import LANGS  # noqa: E402
from szreport.notebooks import discover_notebooks  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has been busy since boot (/proc/stat: user, nice, system, irq, softirq,
    steal; guest time is inside user)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(field) for field in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


PR_SET_CHILD_SUBREAPER = 36  # prctl(2) option: orphaned descendants are re-parented to this process, not init
adopted = False  # set by adopt_orphans: only then does reap_orphans wait for any child at all


def adopt_orphans() -> None:
    """Make this process the subreaper of its descendants (Linux), so that a kernel or a browser helper whose
    parent exits before it is re-parented here; :func:`reap_orphans` then counts its CPU as ours. Without it a
    build's own orphans were counted as other processes' load (0.37-0.39 cores in every step of a quiet run)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    global adopted
    adopted = True


def reap_orphans() -> None:
    """Wait for every exited descendant adopted by :func:`adopt_orphans`, so that getrusage counts its CPU (a
    no-op in a process that did not adopt: a test process's own children are its business)."""
    while adopted:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def our_cpu_seconds() -> float:
    """CPU seconds of this process and of every child it has waited for (and theirs, once reaped; orphans too,
    once :func:`adopt_orphans` made them ours and :func:`reap_orphans` reaped them)."""
    reap_orphans()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def others_cores(seconds: float) -> float:
    """The CPU other processes take, in cores, sampled over ``seconds`` while this script sleeps."""
    busy, ours, started = busy_cpu_seconds(), our_cpu_seconds(), time.perf_counter()
    time.sleep(seconds)
    wall = time.perf_counter() - started
    return max(0.0, (busy_cpu_seconds() - busy) - (our_cpu_seconds() - ours)) / wall


@dataclass
class Measure:
    """One step of one round."""

    wall_s: float
    cpu_s: float
    others_cores: float  # CPU of other processes during the step, in cores
    load_before: float  # 1-minute load average (ours included)
    load_max: float
    settle_wait_s: float
    noisy: bool


def settle(limit_s: float, noisy_above: float) -> float:
    """Wait (at most ``limit_s``) until other processes take at most ``noisy_above`` cores; the seconds waited."""
    started = time.perf_counter()
    while others_cores(2.0) > noisy_above and time.perf_counter() - started < limit_s:
        time.sleep(3.0)
    return time.perf_counter() - started


def measure(action, settle_s: float, noisy_above: float) -> Measure:
    """Run ``action`` (a function of no argument) once, measured as :class:`Measure` says."""
    waited = settle(settle_s, noisy_above)
    load_before = os.getloadavg()[0]
    loads = [load_before]
    done = threading.Event()

    def sample_load() -> None:
        while not done.wait(1.0):
            loads.append(os.getloadavg()[0])

    sampler = threading.Thread(target=sample_load, daemon=True)
    busy, ours, started = busy_cpu_seconds(), our_cpu_seconds(), time.perf_counter()
    sampler.start()
    try:
        action()
    finally:
        done.set()
        sampler.join()
    wall = time.perf_counter() - started
    cpu = our_cpu_seconds() - ours
    others = max(0.0, (busy_cpu_seconds() - busy) - cpu) / wall
    return Measure(wall, cpu, others, load_before, max(loads), waited, others > noisy_above)


def run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def naive(out: Path, env: dict, pdf: bool = True) -> None:
    chromium = find_chromium()
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


def median_ratio(medians: dict[str, float], a: str, b: str) -> float | None:
    return medians[a] / medians[b] if a in medians and b in medians and medians[b] else None


RATIOS = [  # (numerator, denominator): what the performance page quotes
    ("full", "naive"),
    ("html", "naive_html"),
    ("full", "floor"),
    ("html", "floor"),
    ("naive", "floor"),
    ("naive_html", "floor"),
    ("noop", "full"),
    ("one_param", "full"),
]


def summary(measures: dict[str, list[Measure]]) -> dict:
    """Medians of the quiet measurements of each step (of all of them, marked noisy, where none was quiet) and
    the ratios of quiet medians."""
    steps = {}
    for step, taken in measures.items():
        quiet = [m for m in taken if not m.noisy]
        chosen = quiet or taken
        steps[step] = {
            "wall_s": statistics.median(m.wall_s for m in chosen),
            "cpu_s": statistics.median(m.cpu_s for m in chosen),
            "quiet": len(quiet),
            "rounds": len(taken),
        }
    walls = {step: value["wall_s"] for step, value in steps.items()}
    ratios = {}
    for a, b in RATIOS:
        if (ratio := median_ratio(walls, a, b)) is not None:
            ratios[f"{a}/{b}"] = {"ratio": ratio, "quiet": bool(steps[a]["quiet"] and steps[b]["quiet"])}
    return {"steps": steps, "ratios": ratios}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--quick", action="store_true", help="one round (same as --repeat 1), for development")
    parser.add_argument("--skip-naive", action="store_true", help="leave out both naive pipelines (development)")
    parser.add_argument("--noisy-above", type=float, default=0.3, help="others' CPU (cores) that makes a step noisy")
    parser.add_argument("--settle", type=float, default=60.0, help="seconds to wait for a quiet machine per step")
    args = parser.parse_args()
    rounds = 1 if args.quick else args.repeat
    szreport = str(BIN / "szreport")
    adopt_orphans()
    work = Path(tempfile.mkdtemp(prefix="szbench-"))
    env = {**os.environ, "CI": "1", "PYTHONPATH": str(ROOT / "src"), "SZREPORT_ROOT": str(ROOT)}
    steps = ["naive", "naive_html"] * (not args.skip_naive) + ["full", "html", "floor", "noop", "one_param"]
    measures: dict[str, list[Measure]] = {step: [] for step in steps}
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
            actions = {
                "naive": lambda round_no=round_no: naive(work / f"naive{round_no}", env),
                "naive_html": lambda round_no=round_no: naive(work / f"naive_html{round_no}", env, pdf=False),
                **{step: lambda command=command: run(command, env=env) for step, command in commands.items()},
            }
            for step in steps:
                measures[step].append(measure(actions[step], args.settle, args.noisy_above))
            print(
                f"round {round_no + 1}: "
                + ", ".join(
                    f"{step} {taken[-1].wall_s:.1f} s (CPU {taken[-1].cpu_s:.1f} s, others "
                    f"{taken[-1].others_cores:.2f} cores{', noisy' if taken[-1].noisy else ''})"
                    for step, taken in measures.items()
                ),
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = summary(measures)
    print(f"\nmedians of quiet measurements over {rounds} interleaved round(s) (every report, zh and en):")
    for step, value in result["steps"].items():
        quiet = f"{value['quiet']} of {value['rounds']} quiet" if value["quiet"] else "NO QUIET ROUND: noisy figure"
        print(f"  {step:11s} {value['wall_s']:7.2f} s wall  {value['cpu_s']:7.2f} s CPU  ({quiet})")
    for key, value in result["ratios"].items():
        print(f"  {key:18s} = {value['ratio']:.3f}{'' if value['quiet'] else '  (noisy)'}")
    loads = [m.load_max for taken in measures.values() for m in taken]
    print(f"  1-minute load average (ours included) up to {max(loads):.1f}; a step is noisy above {args.noisy_above}")
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "last.json").write_text(
        json.dumps(
            {
                "noisy_above_cores": args.noisy_above,
                "measures": {step: [asdict(m) for m in taken] for step, taken in measures.items()},
                **result,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
