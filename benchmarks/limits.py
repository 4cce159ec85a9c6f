"""A data folder at the loader's limits builds about as fast as the default one (issue 27: bounded work).

Makes a copy of ``data/`` in which every free-text field a reader sees at length (each ``note`` of every table,
the claims' ``basis_note_zh``/``basis_note_en``) holds exactly the longest text the loader accepts
(:data:`szreport.data.loader.MAX_FIELD_CHARS`), then times forced full builds (HTML and PDF, both languages) of
the default folder and of that one, interleaved over --repeat rounds, with the measurement of
``benchmarks/bench_build.py`` (wall and CPU seconds, the cores others took, noisy steps left out of the medians).
The goal: the folder at the limits takes at most 1.5 times the default's time. Run ``python benchmarks/limits.py``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import Measure, adopt_orphans, measure, run, summary  # noqa: E402

from szreport.data.loader import MAX_FIELD_CHARS  # noqa: E402

LONG_COLUMNS = ("note", "basis_note_zh", "basis_note_en")
GOAL_RATIO = 1.5


def long_text(column: str) -> str:
    """Readable filler of exactly :data:`MAX_FIELD_CHARS` characters, in the column's language."""
    words = "深圳统计公报注释文字" if column.endswith("_zh") else "a long note on this figure, as printed. "
    return (words * (MAX_FIELD_CHARS // len(words) + 1))[:MAX_FIELD_CHARS]


def folder_at_limits(target: Path) -> Path:
    """``data/`` copied to ``target`` with every field of :data:`LONG_COLUMNS` at the longest length allowed."""
    shutil.copytree(ROOT / "data", target)
    for table in sorted(target.glob("*.csv")):
        with table.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = list(reader.fieldnames or []), list(reader)
        long = [column for column in header if column in LONG_COLUMNS]
        if not long:
            continue
        for row in rows:
            for column in long:
                row[column] = long_text(column)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        table.write_text(out.getvalue(), encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2, help="rounds (default 2)")
    parser.add_argument("--noisy-above", type=float, default=0.3, help="others' CPU (cores) that makes a step noisy")
    parser.add_argument("--settle", type=float, default=60.0, help="seconds to wait for a quiet machine per step")
    args = parser.parse_args()
    adopt_orphans()
    work = Path(tempfile.mkdtemp(prefix="szlimits-"))
    env = {**os.environ, "CI": "1", "PYTHONPATH": str(ROOT / "src"), "SZREPORT_ROOT": str(ROOT)}
    szreport = str(BIN / "szreport")
    folders = {"default": ROOT / "data", "limits": folder_at_limits(work / "data-at-limits")}
    run([szreport, "check-data", str(folders["limits"])], env=env)  # within the limits: accepted
    measures: dict[str, list[Measure]] = {name: [] for name in folders}
    try:
        for round_no in range(args.repeat):
            for name, folder in folders.items():
                out = work / f"{name}{round_no}"
                command = [szreport, "build", "--force", "--data", str(folder), "--out", str(out)]
                measures[name].append(
                    measure(lambda command=command: run(command, env=env), args.settle, args.noisy_above)
                )
                taken = measures[name][-1]
                print(
                    f"round {round_no + 1}: {name} {taken.wall_s:.1f} s (CPU {taken.cpu_s:.1f} s, others "
                    f"{taken.others_cores:.2f} cores{', noisy' if taken.noisy else ''})",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    medians = summary(measures)["steps"]  # quiet measurements only, as make bench reports them
    ratio = medians["limits"]["wall_s"] / medians["default"]["wall_s"]
    cpu_ratio = medians["limits"]["cpu_s"] / medians["default"]["cpu_s"]
    noisy = not all(value["quiet"] for value in medians.values())
    print(f"\nat the limits ({MAX_FIELD_CHARS:,} characters in every {', '.join(LONG_COLUMNS)}):")
    for name, value in medians.items():
        print(f"  {name:8s} {value['wall_s']:6.1f} s wall  {value['cpu_s']:6.1f} s CPU  ({value['quiet']} quiet)")
    verdict = "within" if ratio <= GOAL_RATIO else "OVER"
    print(
        f"  ratio {ratio:.2f} wall, {cpu_ratio:.2f} CPU: {verdict} the goal of {GOAL_RATIO}"
        + (" (noisy)" if noisy else "")
    )
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "limits.json").write_text(
        json.dumps({"medians": medians, "ratio_wall": ratio, "ratio_cpu": cpu_ratio, "noisy": noisy}, indent=1)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
