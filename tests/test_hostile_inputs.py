"""Every failure is a message (issue 27 item 3): inputs a real user never means, each refused with exit 2 and one
line naming the culprit, before any kernel starts; no traceback."""

from __future__ import annotations

import csv

import pytest

from szreport import safeyaml

from .conftest import run_cli

LAUGHS = "a: &a [lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)


def no_traceback(result) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert "Traceback" not in result.stderr


def test_a_figures_file_without_its_value_column(data_copy):
    path = data_copy / "figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [c for c in rows[0] if c != "value"])
        writer.writeheader()
        writer.writerows({k: v for k, v in row.items() if k != "value"} for row in rows)
    result = run_cli("check-data", data_copy)
    no_traceback(result)
    assert "figures.csv, row 1, column 'value': required column is missing" in result.stderr
    assert result.stderr.count("'value'") == 1  # said once, not once per row


def test_a_billion_laughs_in_indicators_yaml(data_copy):
    (data_copy / "indicators.yaml").write_text(LAUGHS, encoding="utf-8")
    result = run_cli("check-data", data_copy)
    no_traceback(result)
    assert "indicators.yaml" in result.stderr and "aliases" in result.stderr


@pytest.mark.parametrize(
    "content, words",
    [("p: " + "[" * 3000 + "]" * 3000 + "\n", "nested more than"), ("start_year: " + "9" * 5000 + "\n", "5000 digits")],
    ids=["deeply nested", "5000-digit integer"],
)
def test_a_hostile_parameters_file(tmp_path, content, words):
    path = tmp_path / "params.yaml"
    path.write_text(content, encoding="utf-8")
    result = run_cli("build", "--only", "economy", "-f", path, "--out", tmp_path / "out")
    no_traceback(result)
    assert str(path) in result.stderr and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("option", ["--data", "--out"])
def test_a_folder_inside_a_symlink_loop(tmp_path, option):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    args = [option, tmp_path / "a" / "x"] + (["--out", tmp_path / "out"] if option == "--data" else [])
    result = run_cli("build", "--only", "economy", *args)
    no_traceback(result)
    assert f"{option} {tmp_path / 'a' / 'x'}: cannot be followed (a symbolic link loop)" in result.stderr


def test_the_yaml_bounds_leave_real_files_alone():
    assert safeyaml.load("a: 1\nb: [1, 2.5, x]\nc: {d: 2026}\n") == {"a": 1, "b": [1, 2.5, "x"], "c": {"d": 2026}}
    with pytest.raises(Exception, match="aliases"):
        safeyaml.load(LAUGHS)


@pytest.mark.parametrize("content", ["[1, 2]", "garbage{", '{"abc": [1]}', '{"abc": {"x": 3}}'])
def test_a_damaged_parameters_cache_is_ignored_and_rebuilt(monkeypatch, tmp_path, capsys, content):
    from szreport import params as params_mod

    from .conftest import ROOT

    cache = tmp_path / "var" / "szreport" / "notebook-parameters.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(content, encoding="utf-8")
    monkeypatch.setattr(params_mod, "_cache_path", lambda: cache)
    found = params_mod.read_parameters(ROOT / "notebooks" / "economy.ipynb")
    assert "start_year" in found
    assert "ignoring a damaged cache" in capsys.readouterr().err or content.startswith('{"abc"')
    assert '"abc"' not in cache.read_text() or content.startswith('{"abc"')  # written anew when not trusted


def test_a_100_kb_text_field_is_refused_naming_file_row_and_column(data_copy):
    path = data_copy / "figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[2]["note"] = "x" * 100_000
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run_cli("check-data", data_copy)
    no_traceback(result)
    assert "figures.csv, row 4, column 'note': 100,000 characters long (at most 2,000)" in result.stderr


def test_too_many_rows_and_too_large_a_file(data_copy):
    from szreport.data import loader

    with (data_copy / "series.csv").open("a", encoding="utf-8") as fh:
        last = (data_copy / "series.csv").read_text(encoding="utf-8").splitlines()[-1]
        fh.writelines(f"{last}\n" for _ in range(loader.MAX_ROWS))
    (data_copy / "article.txt").write_text("x" * (loader.MAX_FILE_BYTES + 1), encoding="utf-8")
    found = {(p.file, p.message) for p in loader.validate(data_copy)}
    assert any(f == "series.csv" and "rows (at most 5,000)" in m for f, m in found)
    assert any(f == "article.txt" and m.startswith("file is too large") for f, m in found)
