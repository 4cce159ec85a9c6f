"""A data folder's files are the schema's, as regular files inside it: a symbolic link or a path out of the folder
is refused (never followed), a stray file is never read, hashed or bundled (issue 27, item 1)."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import pytest

from szreport.build import bundle
from szreport.build.context import data_hashes
from szreport.data import loader as data

from .conftest import run_cli

HOSTILE_NAMES = ["<img src=x onerror=alert(1)>.csv", "[x](javascript:alert(1)).txt", "notes.md"]


@pytest.fixture
def leaky(data_copy):
    """The data folder beside a secret, with a link to the secret and stray files of hostile names."""
    secret = data_copy.parent / "secret.txt"
    secret.write_text("TOP SECRET")
    (data_copy / "leak.txt").symlink_to(os.path.relpath(secret, data_copy))
    for name in HOSTILE_NAMES:
        (data_copy / name).write_text("stray")
    (data_copy / "sub").mkdir()
    (data_copy / "sub" / "figures.csv").write_text("id,value\n")
    return data_copy


def test_the_known_names_are_the_schemas():
    spec = data.schema()
    assert data.known_file_names() == [*spec["files"], *spec["text_files"]]


def test_bundle_ships_the_schemas_files_only(leaky, tmp_path):
    ds = data.load(leaky)
    members = bundle.bundle_members(ds, tmp_path / "staging", tmp_path / "out", ["en"], ["economy"])
    shipped = {name.removeprefix("data/") for name in members if name.startswith("data/")}
    assert shipped == {p.name for p in data.data_files(leaky)}
    assert shipped <= set(data.known_file_names())
    assert "article.txt" in shipped  # a text file the schema names
    archive = zipfile.ZipFile(io.BytesIO(bundle.zip_bytes(members, dt.date(2026, 1, 2))))
    assert not any(b"TOP SECRET" in archive.read(name) for name in archive.namelist())
    assert not any("onerror" in name or "javascript" in name or "leak" in name for name in archive.namelist())


def test_stray_files_are_named_and_never_hashed(leaky):
    assert data.stray_files(leaky) == sorted([*HOSTILE_NAMES, "leak.txt", "sub"])
    assert set(data_hashes(leaky)) == {p.name for p in data.data_files(leaky)}
    assert data.validate(leaky) == []


@pytest.mark.parametrize("name", ["figures.csv", "article.txt"])
def test_a_data_file_that_is_a_link_is_refused(data_copy, name):
    outside = data_copy.parent / f"outside-{name}"
    (data_copy / name).rename(outside)
    (data_copy / name).symlink_to(outside)
    problems = data.validate(data_copy)
    assert [(p.file, p.message) for p in problems] == [
        (name, "is a symbolic link: a data file must be a regular file inside the data folder")
    ]
    assert data.data_files(data_copy) == [p for p in data.data_files(data_copy) if p.name != name]


def test_a_link_inside_the_folder_is_refused_too(data_copy):
    (data_copy / "sources.csv").rename(data_copy / "real-sources.csv")
    (data_copy / "sources.csv").symlink_to("real-sources.csv")
    assert any(p.file == "sources.csv" and "symbolic link" in p.message for p in data.validate(data_copy))


def test_a_data_file_that_is_a_folder_or_a_link_loop(data_copy):
    (data_copy / "claims.csv").unlink()
    (data_copy / "claims.csv").mkdir()
    (data_copy / "article.txt").unlink()
    (data_copy / "article.txt").symlink_to("article.txt")
    found = {p.file: p.message for p in data.validate(data_copy)}
    assert found["claims.csv"] == "is not a regular file"
    assert "symbolic link" in found["article.txt"]


def test_check_data_names_the_link_and_the_strays(leaky):
    result = run_cli("check-data", leaky)
    assert result.returncode == 0, result.stderr
    assert "not in the schema, never read nor bundled" in result.stdout and "'leak.txt'" in result.stdout
    (leaky / "figures.csv").rename(leaky.parent / "f.csv")
    (leaky / "figures.csv").symlink_to(leaky.parent / "f.csv")
    refused = run_cli("check-data", leaky)
    assert refused.returncode == 2
    assert "figures.csv: is a symbolic link" in refused.stderr and "Traceback" not in refused.stderr


def test_a_stray_notebook_is_not_a_report(tmp_path):
    """Reports are declared in one place (szreport.notebooks.REPORT_ORDER): a notebook made in JupyterLab is
    neither built nor offered for parameters, and is named only in verbose mode."""
    from szreport.notebooks import REPORT_ORDER, discover_notebooks, other_notebooks

    for name in [*REPORT_ORDER, "explore", "Untitled", "my_analysis"]:
        (tmp_path / f"{name}.ipynb").write_text("{}")
    assert list(discover_notebooks(tmp_path)) == REPORT_ORDER
    assert other_notebooks(tmp_path) == ["Untitled.ipynb", "my_analysis.ipynb"]
