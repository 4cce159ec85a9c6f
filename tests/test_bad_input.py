"""Bad input never costs the last good reports: every case exits with the right code, names the culprit and
leaves the output folder byte-for-byte as it was."""
from __future__ import annotations

import csv
import hashlib
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SZREPORT, run_cli

pytestmark = pytest.mark.notebook


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".szreport.lock"}


@pytest.fixture
def published(built, tmp_path) -> Path:
    """A copy of a good build, to run bad builds against."""
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    return out


PARAMETER_CASES = {
    "unknown name with suggestion": (["-p", "show_figure_table=true"], "did you mean 'show_figures_table'"),
    "wrong type": (["-p", "show_figures_table=maybe"], "show_figures_table"),
    "build-managed parameter": (["-p", "lang=en"], "--lang"),
    "not NAME=VALUE": (["-p", "show_figures_table"], "NAME=VALUE"),
    "unknown report": (["--only", "weather"], "weather"),
    "bad language": (["--lang", "fr"], "fr"),
    "bad format": (["--format", "docx"], "docx"),
    "bad jobs": (["--jobs", "0"], "--jobs"),
    "missing parameter file": (["-f", "no-such-params.yaml"], "no-such-params.yaml"),
}


@pytest.mark.parametrize("case", sorted(PARAMETER_CASES))
def test_bad_parameters_exit_2_and_change_nothing(published, case):
    args, culprit = PARAMETER_CASES[case]
    before = snapshot(published)
    result = run_cli("build", "--only", "economy", "--out", published, *args)
    assert result.returncode == 2, result.stderr
    assert culprit in result.stderr, result.stderr
    assert snapshot(published) == before


def test_bad_parameter_files(published, tmp_path):
    before = snapshot(published)
    for content, culprit in [("show_figures_table: [unclosed", "not valid YAML"), ("- a\n- b\n", "mapping"),
                             ("colour: red\n", "colour")]:
        path = tmp_path / "params.yaml"
        path.write_text(content)
        result = run_cli("build", "--only", "economy", "--out", published, "-f", path)
        assert result.returncode == 2 and culprit in result.stderr, result.stderr
    assert snapshot(published) == before


def edit_csv(path: Path, row_index: int, column: str, value: str) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[row_index][column] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


DATA_CASES = {
    "non-number": ("figures.csv", 2, "value", "3,87", "row 4, column 'value'"),
    "duplicate id": ("figures.csv", 2, "id", "gdp_2020", "duplicate id"),
    "unknown unit": ("figures.csv", 1, "unit", "trillion", "row 3, column 'unit'"),
    "unknown measure": ("figures.csv", 4, "measure", "vibes", "row 6, column 'measure'"),
    "negative count": ("figures.csv", 16, "value", "-11", "cannot be negative"),
    "bad year in series": ("series.csv", 0, "year", "20x0", "series.csv, row 2, column 'year'"),
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_bad_data_exit_2_names_file_row_column(published, data_copy, case):
    file, row, column, value, culprit = DATA_CASES[case]
    edit_csv(data_copy / file, row, column, value)
    before = snapshot(published)
    result = run_cli("build", "--out", published, "--data", data_copy)
    assert result.returncode == 2, result.stderr
    assert file in result.stderr and culprit in result.stderr, result.stderr
    assert snapshot(published) == before
    check = run_cli("check-data", data_copy)
    assert check.returncode == 2 and culprit in check.stderr


def test_missing_and_empty_files(published, data_copy):
    (data_copy / "figures.csv").write_text("")
    (data_copy / "indicators.yaml").unlink()
    before = snapshot(published)
    result = run_cli("build", "--out", published, "--data", data_copy)
    assert result.returncode == 2
    assert "figures.csv: file is empty" in result.stderr and "indicators.yaml: required file is missing" in result.stderr
    assert snapshot(published) == before


def test_failing_cell_exits_1_keeps_failed_notebook_and_last_good_reports(published, data_copy):
    """A data folder valid by the schema but without a figure the economy report needs fails in a cell."""
    rows = [r for r in csv.DictReader((data_copy / "figures.csv").open(encoding="utf-8")) if r["id"] != "gdp_2025"]
    with (data_copy / "figures.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    # claims.csv refers to gdp_2025 and would make the folder invalid (exit 2, nothing run); this test is about a
    # figure missing when a cell runs, so the optional claims file goes.
    (data_copy / "claims.csv").unlink(missing_ok=True)
    before = snapshot(published)
    result = run_cli("build", "--only", "economy", "--lang", "en", "--out", published, "--data", data_copy)
    assert result.returncode == 1, result.stderr
    assert "economy.ipynb" in result.stderr and "cell" in result.stderr and "gdp_2025" in result.stderr
    kept = published / "_failed" / "en" / "economy.ipynb"
    assert kept.exists()
    after = snapshot(published)
    assert {k: v for k, v in after.items() if not k.startswith("_failed")} == before


def test_noop_rebuild_changes_nothing_and_is_quick(published):
    before = snapshot(published)
    started = time.perf_counter()
    result = run_cli("build", "--out", published)
    assert result.returncode == 0, result.stderr
    assert "nothing to do" in result.stderr or result.stderr == ""
    assert snapshot(published) == before
    assert time.perf_counter() - started < 30  # generous: the benchmark measures it properly


def test_same_inputs_give_byte_identical_html(built, tmp_path):
    out = tmp_path / "again"
    result = run_cli("build", "--only", "economy", "--only", "overview", "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    for lang in ("zh", "en"):
        for name in ("economy", "overview"):
            assert (out / lang / f"{name}.html").read_bytes() == (built / lang / f"{name}.html").read_bytes(), name


def test_kill_leaves_no_half_written_file(published):
    before = snapshot(published)
    proc = subprocess.Popen([*SZREPORT, "build", "--force", "--out", str(published)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert not list(published.glob(".staging-*"))
    assert snapshot(published) == before


def test_second_build_waits_for_the_first(published):
    first = subprocess.Popen([*SZREPORT, "build", "--force", "--only", "overview", "--format", "html", "--lang", "en",
                              "--out", str(published)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    second = run_cli("build", "--only", "overview", "--format", "html", "--lang", "en", "--out", published, "-v")
    _, first_err = first.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "waiting" in second.stderr + first_err  # whichever took the lock second waited for the other


def test_horizon_not_after_the_data_is_refused_before_execution(published, data_copy):
    """The outlook's horizon is checked against the data folder's last year before any kernel starts."""
    with (data_copy / "series.csv").open("a", encoding="utf-8") as fh:
        fh.write("shenzhen,gdp_growth,2026,5.0,%,real,current,exact,stheadline_2026,next year's figure\n")
    before = snapshot(published)
    result = run_cli("build", "--only", "outlook", "--out", published, "--data", data_copy, "-p", "horizon_year=2026")
    assert result.returncode == 2, result.stderr
    assert "horizon_year" in result.stderr and "2026" in result.stderr
    assert snapshot(published) == before
