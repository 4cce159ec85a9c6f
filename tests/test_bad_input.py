"""Bad input never costs the last good reports: every case exits with the right code, names the culprit and
leaves the output folder byte-for-byte as it was."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from szreport import params as params_mod

from .conftest import ROOT, SZREPORT, run_cli

pytestmark = pytest.mark.notebook


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".szreport.lock"
    }


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
    # the window: allowed years and regions come from the data folder, and the message lists them
    "end_year past the data": (["-p", "end_year=2031"], "'end_year' must be a year of the annual series"),
    "start_year after end_year": (["-p", "start_year=2024", "-p", "end_year=2022"], "must come before 'end_year'"),
    "unknown peer": (["-p", "peers=[china, atlantis]"], "'atlantis' not in"),
    "bad price basis": (["-p", "price_basis=ppp"], "price_basis"),
    "year as text": (["-p", "start_year=two thousand"], "start_year"),
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
    for content, culprit in [
        ("show_figures_table: [unclosed", "not valid YAML"),
        ("- a\n- b\n", "mapping"),
        ("colour: red\n", "colour"),
    ]:
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
    "negative count": ("figures.csv", 17, "value", "-11", "cannot be negative"),  # large_industrial_projects
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
    assert (
        "figures.csv: file is empty" in result.stderr and "indicators.yaml: required file is missing" in result.stderr
    )
    assert snapshot(published) == before


def test_failing_cell_exits_1_keeps_failed_notebook_and_last_good_reports(published, data_copy):
    """A data folder valid by the schema whose arithmetic cannot be done fails in a cell: GDP at the start printed
    as 0, so no growth can be worked out from it. (A figure the folder lacks does not fail: its section says so.)"""
    rows = list(csv.DictReader((data_copy / "figures.csv").open(encoding="utf-8")))
    for row in rows:
        if row["id"] == "gdp_2020":
            row["value"] = "0"
    with (data_copy / "figures.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    before = snapshot(published)
    result = run_cli("build", "--only", "economy", "--lang", "en", "--out", published, "--data", data_copy)
    assert result.returncode == 1, result.stderr
    assert "economy.ipynb" in result.stderr and "cell" in result.stderr and "ZeroDivisionError" in result.stderr
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
    proc = subprocess.Popen(
        [*SZREPORT, "build", "--force", "--out", str(published)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120  # generous: the build creates its staging folder once its checks pass
    try:
        while not list(published.glob(".staging-*")):
            assert proc.poll() is None, f"the build ended before its staging folder existed: {proc.communicate()[1]}"
            assert time.monotonic() < deadline, "no staging folder after 120 s"
            time.sleep(0.05)
    except AssertionError:
        proc.kill()
        proc.communicate()
        raise
    proc.send_signal(signal.SIGTERM)  # mid-build: the staging folder exists, nothing is published yet
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert not list(published.glob(".staging-*"))
    assert snapshot(published) == before


def test_second_build_waits_for_the_first(published):
    first = subprocess.Popen(
        [
            *SZREPORT,
            "build",
            "--force",
            "--only",
            "overview",
            "--format",
            "html",
            "--lang",
            "en",
            "--out",
            str(published),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
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


# --- usage and environment: exit 2, one line naming the culprit, no traceback, the output folder untouched ---


def _not_utf8(path: Path) -> Path:
    path.write_bytes("horizon_year: 2035  # année\n".encode("latin-1"))
    return path


def _text(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


# case -> (arguments given the scratch folder, words the message must hold). The output folder is the published
# copy unless the case names its own --out.
USAGE_CASES = {
    "--out an existing file": (lambda d: ["--out", _text(d / "afile", "x")], "is a file, not a folder"),
    "--out under /proc": (lambda d: ["--out", "/proc/szreport-x"], "/proc/szreport-x"),
    "--out below a file": (lambda d: ["--out", _text(d / "afile", "x") / "sub"], "afile/sub"),
    "-f keys that are numbers": (lambda d: ["-f", _text(d / "p.yaml", "1: 2\n")], "1 is not a parameter name"),
    "-f a null key": (lambda d: ["-f", _text(d / "p.yaml", "null: 3\n")], "is not a parameter name"),
    "-f not UTF-8": (lambda d: ["-f", _not_utf8(d / "p.yaml")], "not UTF-8"),
    "-f a folder": (lambda d: ["-f", d], "is not a file"),
}


@pytest.mark.parametrize("case", sorted(USAGE_CASES))
def test_bad_usage_exits_2_with_one_line(published, tmp_path, case):
    make_args, culprit = USAGE_CASES[case]
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    args = [str(a) for a in make_args(scratch)]
    before = snapshot(published)
    out = [] if "--out" in args else ["--out", published]
    result = run_cli("build", "--only", "overview", "--lang", "en", "--format", "html", *out, *args)
    assert result.returncode == 2, result.stderr
    assert culprit in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert snapshot(published) == before


def test_indicators_not_utf8_is_bad_data(published, data_copy):
    path = data_copy / "indicators.yaml"
    path.write_bytes(path.read_bytes() + "extra: {title_zh: é}\n".encode("latin-1"))
    before = snapshot(published)
    result = run_cli("build", "--out", published, "--data", data_copy)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "indicators.yaml: cannot be read as UTF-8" in result.stderr
    assert snapshot(published) == before


@pytest.fixture
def tmpfs(tmp_path):
    """A small tmpfs of our own (root only), unmounted afterwards."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _small_published(root: Path) -> Path:
    out = root / "reports"
    result = run_cli("build", "--only", "overview", "--lang", "en", "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def test_read_only_output_folder(tmpfs):
    out = _small_published(tmpfs)
    before = snapshot(out)
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    result = run_cli("build", "--only", "overview", "--lang", "en", "--format", "html", "--force", "--out", out)
    assert result.returncode == 2, result.stderr
    assert "Read-only file system" in result.stderr and str(out) in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert snapshot(out) == before


def test_full_disk(tmpfs):
    out = _small_published(tmpfs)
    filler = tmpfs / "filler"
    with filler.open("wb") as fh:  # fill the file system to the last block
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    before = snapshot(out)
    result = run_cli("build", "--only", "overview", "--lang", "en", "--format", "html", "--force", "--out", out)
    assert result.returncode == 2, result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("szreport: cannot write"), result.stderr
    assert snapshot(out) == before
    assert not list(out.glob(".staging-*"))


# --- the smaller defects -------------------------------------------------------------------------------------


def test_a_utf8_bom_is_accepted_everywhere(data_copy, tmp_path):
    for path in [*data_copy.glob("*.csv"), data_copy / "indicators.yaml"]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    check = run_cli("check-data", data_copy)
    assert check.returncode == 0, check.stderr
    result = run_cli(
        "build", "--only", "economy", "--lang", "en", "--format", "html", "--data", data_copy, "--out", tmp_path / "out"
    )
    assert result.returncode == 0, result.stderr


def test_exponent_numbers_are_numbers(tmp_path):
    ok = run_cli(
        "build",
        "--only",
        "outlook",
        "--lang",
        "en",
        "--format",
        "html",
        "--out",
        tmp_path / "out",
        "-p",
        "gdp_deflator_pct=1e-3",
    )
    assert ok.returncode == 0, ok.stderr
    results = json.loads((tmp_path / "out" / "en" / "results.json").read_text(encoding="utf-8"))
    assert any(v == 0.001 for k, v in results["outlook"].items() if "deflator" in k), results["outlook"]
    big = run_cli("build", "--only", "outlook", "--out", tmp_path / "out", "-p", "gdp_deflator_pct=1e308")
    c = params_mod.CONSTRAINTS["gdp_deflator_pct"]
    assert big.returncode == 2 and f"must be in {c['min']}..{c['max']}" in big.stderr, big.stderr


def test_stale_runtime_folders_of_killed_builds_are_removed(tmp_path):
    import os
    import tempfile

    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = Path(tempfile.gettempdir()) / f"szreport-runtime-{dead.pid}-test"
    stale.mkdir(exist_ok=True)
    alive = Path(tempfile.gettempdir()) / f"szreport-runtime-{os.getpid()}-test"
    alive.mkdir(exist_ok=True)
    try:
        result = run_cli(
            "build", "--only", "overview", "--lang", "en", "--format", "html", "--force", "--out", tmp_path / "out"
        )
        assert result.returncode == 0, result.stderr
        assert not stale.exists() and alive.exists()
    finally:
        shutil.rmtree(stale, ignore_errors=True)
        shutil.rmtree(alive, ignore_errors=True)
