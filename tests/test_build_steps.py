"""The build as its steps (szreport.build.pipeline, szreport.build.jobs), each tested without a kernel or a browser:
the plan of
jobs and what is up to date, failing and environment errors, chart data, PDFs and HTML, records, publishing, and a
data folder validated once per build."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import pickle
from pathlib import Path

import pytest

from szreport.build import pipeline as build
from szreport.build.jobs import Job, Result
from szreport.data import loader as data_mod

from .conftest import DATA, ROOT

REPORTS = ["overview", "economy"]


@pytest.fixture
def ctx(ds, tmp_path) -> build.BuildContext:
    """A checked build of two reports in both languages into an empty output folder, its inputs hashed."""
    options = build.Options(only=list(REPORTS), out_dir=tmp_path / "out", data_dir=DATA)
    notebooks = build.discover_notebooks(ROOT / "notebooks")
    selected = {n: notebooks[n] for n in REPORTS}
    context = build.BuildContext(
        options, notebooks, selected, {n: {} for n in REPORTS}, ds, tmp_path / "out", build.Progress(0)
    )
    context.inputs = build.hash_inputs(context.data_dir, selected)
    return context


def touch_outputs(ctx: build.BuildContext, jobs: list[Job]) -> None:
    for job in jobs:
        for ext in ["ipynb", *ctx.options.formats]:
            job.file(ctx.out_dir, ext).parent.mkdir(parents=True, exist_ok=True)
            job.file(ctx.out_dir, ext).write_text("")


def done(job: Job, staging: Path, results: dict | None = None, charts: list[dict] | None = None) -> Result:
    """A job that ran: its HTML in staging, its results and chart data."""
    job.file(staging, "html").parent.mkdir(parents=True, exist_ok=True)
    job.file(staging, "html").write_text(f"<p>{job.lang} {job.name}</p>", encoding="utf-8")
    return Result(job, job.file(staging, "ipynb"), results=results or {"name": job.name}, chart_data=charts or [])


def test_a_job_is_a_picklable_dataclass_naming_its_outputs(tmp_path):
    job = Job("economy", "en", ROOT / "notebooks" / "economy.ipynb", {"lang": "en"}, "k" * 64)
    assert dataclasses.is_dataclass(job)
    assert {f.name for f in dataclasses.fields(Job)} >= {"name", "lang", "path", "parameters", "key"}
    assert job.state_key == "en/economy"
    assert job.file(tmp_path, "pdf") == tmp_path / "en" / "economy.pdf"
    assert pickle.loads(pickle.dumps(job)) == job


def test_plan_has_one_job_per_report_and_language(ctx):
    jobs, skipped = build.plan_jobs(ctx, {})
    assert skipped == []
    assert [(j.lang, j.name) for j in jobs] == [(lang, n) for lang in build.LANGS for n in REPORTS]
    for job in jobs:
        assert job.parameters == {"lang": job.lang, "data_dir": str(DATA.resolve())}
        assert job.path == ctx.selected[job.name]
        assert job.names == list(ctx.notebooks)
        assert job.footer and job.key
    assert len({j.key for j in jobs}) == len(jobs)


def test_plan_skips_what_is_up_to_date_and_rebuilds_what_is_missing_or_forced(ctx):
    jobs, _ = build.plan_jobs(ctx, {})
    state = {j.state_key: j.key for j in jobs}
    touch_outputs(ctx, jobs)
    again, skipped = build.plan_jobs(ctx, state)
    assert again == [] and skipped == jobs

    jobs[1].file(ctx.out_dir, "pdf").unlink()
    again, skipped = build.plan_jobs(ctx, state)
    assert again == [jobs[1]] and len(skipped) == len(jobs) - 1

    ctx.options.force = True
    again, skipped = build.plan_jobs(ctx, state)
    assert again == jobs and skipped == []


def test_a_changed_parameter_or_data_changes_the_key(ctx):
    jobs, _ = build.plan_jobs(ctx, {})
    ctx.parameters["economy"] = {"start_year": 2021}
    changed, _ = build.plan_jobs(ctx, {})
    assert [a.key == b.key for a, b in zip(jobs, changed)] == [j.name != "economy" for j in jobs]
    ctx.inputs.data = {**ctx.inputs.data, "series.csv": "0" * 64}
    assert not {j.key for j in build.plan_jobs(ctx, {})[0]} & {j.key for j in changed}


def test_the_data_folder_is_validated_once(monkeypatch, tmp_path, ds):
    calls = []
    real = data_mod.validate
    monkeypatch.setattr(data_mod, "validate", lambda folder: calls.append(folder) or real(folder))
    ctx = build.check(build.Options(formats=["html"], data_dir=DATA, out_dir=tmp_path / "out"))
    assert calls == [DATA.resolve()]
    assert ctx.dataset.folder == DATA.resolve()
    # the index page of the records step uses the checked dataset: no second load
    ctx.inputs = build.hash_inputs(ctx.data_dir, ctx.selected)
    staging = tmp_path / "staging"
    jobs, _ = build.plan_jobs(ctx, {})
    build.write_records(ctx, [done(jobs[0], staging)], [], staging)
    assert (staging / "index.html").exists()
    assert calls == [DATA.resolve()]


def test_a_bad_data_folder_is_exit_2_listing_its_problems(data_copy, tmp_path):
    (data_copy / "figures.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(build.BuildError) as err:
        build.check(build.Options(data_dir=data_copy, out_dir=tmp_path / "out"))
    assert err.value.code == 2
    assert f"problem(s) in data folder {data_copy.resolve()}:\n  - figures.csv" in str(err.value)


def test_a_failing_notebook_is_exit_1_and_kept(ctx, monkeypatch, tmp_path):
    jobs, _ = build.plan_jobs(ctx, {})
    staging = tmp_path / "staging"

    def execute(job, staging, kernel):
        if job.state_key == "en/economy":
            job.file(staging, "ipynb").parent.mkdir(parents=True, exist_ok=True)
            job.file(staging, "ipynb").write_text("{}")
            return Result(job, job.file(staging, "ipynb"), error="cell 3 raised KeyError: 'x'")
        return done(job, staging)

    monkeypatch.setattr(build, "execute", execute)
    monkeypatch.setattr(build, "_kernel_name", lambda: "python3")
    with pytest.raises(build.BuildError) as err:
        build.execute_jobs(ctx, jobs, staging)
    assert err.value.code == 1
    kept = ctx.out_dir / "_failed" / "en" / "economy.ipynb"
    assert str(err.value) == (
        f"notebook economy.ipynb (en) failed: cell 3 raised KeyError: 'x'\n"
        f"  executed notebook kept at {kept}\nthe reports in {ctx.out_dir} were left unchanged"
    )
    assert kept.read_text() == "{}"


def test_a_full_disk_while_executing_is_raised_as_itself(ctx, monkeypatch, tmp_path):
    jobs, _ = build.plan_jobs(ctx, {})
    full = OSError(28, "No space left on device")
    monkeypatch.setattr(build, "execute", lambda job, staging, kernel: Result(job, staging, environment_error=full))
    monkeypatch.setattr(build, "_kernel_name", lambda: "python3")
    with pytest.raises(OSError) as err:
        build.execute_jobs(ctx, jobs, tmp_path / "staging")
    assert err.value is full


def test_chart_data_is_written_once_and_must_agree_between_languages(ctx, tmp_path):
    jobs, _ = build.plan_jobs(ctx, {})
    chart = {"report": "economy", "file": "gdp.csv", "csv": "year,value\n2025,1\n"}
    staging = tmp_path / "staging"
    build.write_chart_data([done(jobs[1], staging, charts=[chart]), done(jobs[3], staging, charts=[chart])], staging)
    assert (staging / "data" / "economy" / "gdp.csv").read_text(encoding="utf-8") == chart["csv"]
    other = {**chart, "csv": "year,value\n2025,2\n"}
    with pytest.raises(build.BuildError, match="chart data economy/gdp.csv differs between languages") as err:
        build.write_chart_data([done(jobs[3], staging, charts=[other])], staging)
    assert err.value.code == 1


def test_chart_images_are_written_per_language_beside_the_pages(ctx, tmp_path):
    jobs, _ = build.plan_jobs(ctx, {})
    staging = tmp_path / "staging"
    png = base64.b64encode(b"\x89PNG fake").decode("ascii")
    charts = {
        job.lang: {
            "report": "economy",
            "file": "gdp.csv",
            "csv": "a\n",
            "images": {"svg": f"<svg>{job.lang}</svg>", "png": png},
        }
        for job in jobs
        if job.name == "economy"
    }
    build.write_chart_data([done(j, staging, charts=[charts[j.lang]]) for j in jobs if j.name == "economy"], staging)
    for lang in ("zh", "en"):
        assert (staging / lang / "charts" / "economy" / "gdp.svg").read_text(encoding="utf-8") == f"<svg>{lang}</svg>"
        assert (staging / lang / "charts" / "economy" / "gdp.png").read_bytes() == b"\x89PNG fake"
    assert (staging / "data" / "economy" / "gdp.csv").read_text(encoding="utf-8") == "a\n"


def test_publish_drops_the_stale_images_of_a_rebuilt_report_only(ctx, tmp_path):
    ctx.options.langs = ["en"]
    jobs, _ = build.plan_jobs(ctx, {})
    old = {
        path: ctx.out_dir / path
        for path in ("en/charts/economy/renamed.svg", "en/charts/economy/renamed.png", "zh/charts/economy/gdp.svg")
    }
    old["en/charts/overview/kept.svg"] = ctx.out_dir / "en" / "charts" / "overview" / "kept.svg"
    for path in old.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("old")
    staging = ctx.out_dir / ".staging-test"
    chart = {"report": "economy", "file": "gdp.csv", "csv": "a\n", "images": {"svg": "<svg/>"}}
    economy = [j for j in jobs if j.name == "economy"]
    results = [done(j, staging, charts=[chart]) for j in economy]
    build.write_chart_data(results, staging)
    build.publish(ctx, results, staging, {})
    assert (ctx.out_dir / "en" / "charts" / "economy" / "gdp.svg").read_text() == "<svg/>"
    assert not old["en/charts/economy/renamed.svg"].exists() and not old["en/charts/economy/renamed.png"].exists()
    assert old["zh/charts/economy/gdp.svg"].exists()  # the other language was not rebuilt
    assert old["en/charts/overview/kept.svg"].exists()  # nor the other report


def test_pdfs_are_printed_in_order_and_html_dropped_when_not_asked_for(ctx, monkeypatch, tmp_path):
    printed = []

    class FakeRenderer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def render(self, html, pdf, title, link_base=None, page_words=None, day=None):
            printed.append((html.parent.name, html.stem))
            assert link_base == ctx.out_dir / html.parent.name  # links lead to the published files
            pdf.write_bytes(b"%PDF")

    import szreport.build.browser

    monkeypatch.setattr(szreport.build.browser, "PdfRenderer", FakeRenderer)
    ctx.options.formats = ["pdf"]
    jobs, _ = build.plan_jobs(ctx, {})
    staging = tmp_path / "staging"
    build.render_pdfs(ctx, [done(j, staging) for j in jobs], staging)
    assert printed == sorted((j.lang, j.name) for j in jobs)
    assert sorted(p.name for p in staging.rglob("*.*")) == sorted(f"{j.name}.pdf" for j in jobs)


def test_records_merge_published_results_and_publish_replaces_atomically(ctx, tmp_path):
    ctx.options.langs = ["en"]
    jobs, _ = build.plan_jobs(ctx, {})
    published = ctx.out_dir / "en" / "results.json"
    published.parent.mkdir(parents=True)
    published.write_text(json.dumps({"zzz": {"old": 1}, "economy": {"old": 2}}), encoding="utf-8")
    stale = ctx.out_dir / "data" / "economy" / "renamed.csv"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    kept = ctx.out_dir / "data" / "audit" / "other.csv"
    kept.parent.mkdir(parents=True)
    kept.write_text("other report")
    staging = ctx.out_dir / ".staging-test"
    chart = {"report": "economy", "file": "gdp.csv", "csv": "a\n"}
    results = [done(jobs[0], staging, {"x": 1}), done(jobs[1], staging, {"y": 2}, [chart])]
    (ctx.out_dir / "en" / "economy.pdf").write_bytes(b"%PDF published")  # replaced by this build's
    (ctx.out_dir / "en" / "audit.pdf").write_bytes(b"%PDF kept")  # not rebuilt: stays published
    (staging / "en").mkdir(parents=True, exist_ok=True)
    (staging / "en" / "economy.pdf").write_bytes(b"%PDF new")
    build.write_chart_data(results, staging)
    build.write_records(ctx, results, [], staging)
    pages = json.loads((staging / "en" / "build.json").read_text(encoding="utf-8"))["pages"]
    assert pages["economy.pdf"] == hashlib.sha256(b"%PDF new").hexdigest()
    assert pages["audit.pdf"] == hashlib.sha256(b"%PDF kept").hexdigest()
    assert list(json.loads((staging / "en" / "results.json").read_text(encoding="utf-8"))) == [
        "overview",
        "economy",
        "zzz",
    ]
    record = json.loads((staging / "en" / "build.json").read_text(encoding="utf-8"))
    assert record["built"] == ["economy", "overview"] and record["up_to_date"] == []
    assert record["inputs"]["notebooks"] == ctx.inputs.notebooks
    state = {"zh/economy": "unchanged"}
    build.publish(ctx, results, staging, state)
    assert not any(staging.rglob("*.*"))
    assert (ctx.out_dir / "en" / "economy.html").exists() and (ctx.out_dir / "index.html").exists()
    assert (ctx.out_dir / "data" / "economy" / "gdp.csv").read_text() == "a\n"
    assert not stale.exists() and kept.exists()
    assert json.loads((ctx.out_dir / build.STATE_FILE).read_text()) == {
        "zh/economy": "unchanged",
        "en/overview": jobs[0].key,
        "en/economy": jobs[1].key,
    }
