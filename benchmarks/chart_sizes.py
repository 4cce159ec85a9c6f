"""Chart sizes: every chart of a full build (every report, both languages), as the page showed it before (IPython's
PNG at the figure's dpi, title inside) against what the page shows now (szreport.charts.files: SVG without the
title, or a PNG at twice the dpi where the SVG would be larger), and the files under each chart.

Run ``python benchmarks/chart_sizes.py`` (not part of the tests; ``--json FILE`` writes the rows). It runs the
reports' code cells in one process as ``benchmarks/floor.py`` does and draws each chart both ways when the report
shows it. Columns, in bytes: ``png`` the PNG the page held before, ``png_b64`` the same as base64 in the page,
``svg_raw`` the SVG as matplotlib writes it (text as outlines), ``page`` what the page holds now and ``page_b64``
in the page (base64 of a data URI), ``ratio`` page / png; ``kind`` svg or png (the fallback); the files under the
chart, ``file_svg`` and ``file_png``; and the seconds of CPU drawing took, before (one PNG) and now (every picture).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import floor  # beside this script: sets the backend and the path to src/

COLUMNS = ("png", "png_b64", "svg_raw", "page", "page_b64", "ratio", "file_svg", "file_png", "cpu_before", "cpu_now")


def measure() -> list[dict]:
    """Every chart of every report in both languages, measured as its report shows it."""
    from IPython.core.pylabtools import print_figure

    from szreport.charts import files as chart_files
    from szreport.present import report

    rows: list[dict] = []
    shown = report.Report.chart

    def chart(self, chart, caption=""):
        figure = chart.figure
        started = time.process_time()
        before = print_figure(figure, "png")  # what the page showed before: the kernel's inline PNG
        cpu_before = time.process_time() - started
        started = time.process_time()
        images = chart_files.render(figure)
        cpu_now = time.process_time() - started
        page = images.page.encode("utf-8") if isinstance(images.page, str) else images.page
        rows.append(
            {
                "report": self.name,
                "lang": self.lang,
                "chart": chart.name,
                "kind": "svg" if images.page_mime == chart_files.SVG_MIME else "png",
                "png": len(before),
                "png_b64": len(base64.b64encode(before)),
                "svg_raw": len(chart_files.svg(figure).encode("utf-8")),
                "page": len(page),
                "page_b64": len(base64.b64encode(page)),
                "ratio": round(len(page) / len(before), 3),
                "file_svg": len(images.svg.encode("utf-8")),
                "file_png": len(images.png),
                "cpu_before": round(cpu_before, 3),
                "cpu_now": round(cpu_now, 3),
            }
        )
        return shown(self, chart, caption)

    report.Report.chart = chart  # type: ignore[method-assign]
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the cells' last values, which a kernel would display
            floor.run_all(floor.ROOT / "notebooks", floor.ROOT / "data")
    finally:
        report.Report.chart = shown  # type: ignore[method-assign]
    return rows


def table(rows: list[dict]) -> str:
    head = f"{'report':<11} {'lang':<4} {'chart':<34} {'kind':<4} " + " ".join(f"{c:>10}" for c in COLUMNS)
    lines = [head, "-" * len(head)]
    for r in rows:
        cells = " ".join(f"{r[c]:>10}" for c in COLUMNS)
        lines.append(f"{r['report']:<11} {r['lang']:<4} {r['chart']:<34} {r['kind']:<4} {cells}")
    medians = " ".join(f"{statistics.median(r[c] for r in rows):>10g}" for c in COLUMNS)
    lines.append(f"{'median of ' + str(len(rows)) + ' charts':<56} {medians}")
    totals = " ".join(f"{sum(r[c] for r in rows):>10g}" if c != "ratio" else f"{'':>10}" for c in COLUMNS)
    lines.append(f"{'total':<56} {totals}")
    fallbacks = [f"{r['report']}/{r['lang']}/{r['chart']}" for r in rows if r["kind"] == "png"]
    lines.append(f"charts shown as PNG at twice the dpi (SVG larger than the PNG): {', '.join(fallbacks) or 'none'}")
    lines.append(f"largest page/png ratio: {max(r['ratio'] for r in rows)}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="write the rows to this file")
    args = parser.parse_args()
    rows = measure()
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
