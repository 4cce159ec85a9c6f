"""The build's last steps, once the notebooks have run into the staging folder: the chart data
(:func:`write_chart_data`), the PDFs (:func:`render_pdfs`), the records (:func:`write_records`: results.json,
build.json and the index page) and the atomic move into the output folder (:func:`publish`).

:mod:`szreport.build` runs them in this order; nothing reaches the output folder before :func:`publish`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

from . import fmt
from .build_context import BuildContext, BuildError, combined, lock_hash
from .jobs import Job, Result, report_title

# The published reports' input hashes, in the output folder: what the next build compares with.
STATE_FILE = ".szreport-state.json"


def write_chart_data(done: list[Result], staging: Path) -> None:
    """Write one language-neutral CSV per chart into staging; both languages must give the same table."""
    for result in done:
        for chart in result.chart_data:
            path = staging / "data" / chart["report"] / chart["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and path.read_text(encoding="utf-8") != chart["csv"]:
                raise BuildError(f"chart data {chart['report']}/{chart['file']} differs between languages", 1)
            path.write_text(chart["csv"], encoding="utf-8")


def render_pdfs(ctx: BuildContext, done: list[Result], staging: Path) -> None:
    """Print every PDF asked for with one Chromium, then drop the HTML pages when HTML was not asked for."""
    if "pdf" in ctx.options.formats:
        from .browser import PdfRenderer

        with PdfRenderer() as renderer:
            for job in sorted((r.job for r in done), key=lambda j: (j.lang, j.name)):
                t0 = time.perf_counter()
                renderer.render(
                    job.file(staging, "html"),
                    job.file(staging, "pdf"),
                    fmt.html_text(report_title(job.name, job.lang)),
                    link_base=ctx.out_dir / job.lang,  # links in the PDF lead to the published files
                )
                ctx.say(f"[{job.lang}] {job.name}: PDF ({time.perf_counter() - t0:.1f} s)")
    if "html" not in ctx.options.formats:
        for result in done:
            result.job.file(staging, "html").unlink()


def write_records(ctx: BuildContext, done: list[Result], skipped: list[Job], staging: Path) -> None:
    """Write each language's results.json (merged with the published one) and build.json, and the index page."""
    from .index import render_index

    for lang in ctx.options.langs:
        results_path = ctx.out_dir / lang / "results.json"
        results = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {}
        built = [r for r in done if r.job.lang == lang]
        order = {name: i for i, name in enumerate(ctx.notebooks)}
        for result in built:
            results[result.job.name] = result.results
        ordered = {n: results[n] for n in [*ctx.notebooks, *results] if n in results}
        (staging / lang).mkdir(parents=True, exist_ok=True)
        (staging / lang / "results.json").write_text(
            json.dumps(ordered, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8"
        )
        record = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "language": lang,
            "built": sorted(r.job.name for r in built),
            "up_to_date": sorted(j.name for j in skipped if j.lang == lang),
            "parameters": {r.job.name: r.job.parameters for r in sorted(built, key=lambda r: order[r.job.name])},
            "inputs": {
                "data": ctx.inputs.data,
                "notebooks": ctx.inputs.notebooks,
                "package": combined(ctx.inputs.code),
                "lock": lock_hash(),
            },
            "versions": ctx.inputs.versions,
            "formats": ctx.options.formats,
        }
        (staging / lang / "build.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    (staging / "index.html").write_text(
        render_index(ctx.dataset, list(ctx.notebooks), ctx.out_dir, staging), encoding="utf-8"
    )


def publish(ctx: BuildContext, done: list[Result], staging: Path, state: dict) -> None:
    """Move every staged file into the output folder by an atomic rename, drop stale chart data, state file last."""
    # Chart data of a rebuilt report replace its old set: a renamed chart leaves no stale CSV behind.
    stale = [
        old
        for name in sorted({r.job.name for r in done})
        for old in (ctx.out_dir / "data" / name).glob("*.csv")
        if not (staging / "data" / name / old.name).exists()
    ]
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        target = ctx.out_dir / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    for old in stale:
        old.unlink(missing_ok=True)
    for result in done:
        state[result.job.state_key] = result.job.key
    state_path = ctx.out_dir / STATE_FILE
    tmp_state = state_path.with_suffix(".tmp")
    tmp_state.write_text(json.dumps(state, indent=1, sort_keys=True))
    os.replace(tmp_state, state_path)
    ctx.say(f"published {len(done)} report(s) to {ctx.out_dir} in {time.perf_counter() - ctx.started:.1f} s")
