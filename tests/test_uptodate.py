"""The no-op fast path (szreport.build.uptodate): "nothing to do" only when the request and the content of every input
are those of the build that last published, and every output is there; any change falls through to the full
build (which validates). Tested on a hand-made output folder, without a kernel."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from szreport.build import pipeline as build
from szreport.build import uptodate

from .conftest import DATA, ROOT

REPORTS = ["overview", "economy"]


def options(tmp_path: Path, **changes) -> build.Options:
    base = {
        "only": list(REPORTS),
        "formats": ["html"],
        "data_dir": tmp_path / "data",
        "notebooks_dir": tmp_path / "notebooks",
        "out_dir": tmp_path / "out",
        "verbosity": 0,
    }
    return build.Options(**(base | changes))


def publish_like_a_build(opts: build.Options) -> None:
    """What a build that published leaves: every output, and the state with the key the full build computes."""
    notebooks = build.discover_notebooks(opts.notebooks_dir.resolve())
    selected = {n: p for n, p in notebooks.items() if n in opts.only}
    inputs = build.hash_inputs(opts.data_dir.resolve(), selected)
    key = uptodate.request_key(opts, opts.data_dir.resolve(), notebooks, inputs)
    for lang in opts.langs:
        for name in selected:
            for ext in ["ipynb", *opts.formats]:
                path = opts.out_dir / lang / f"{name}.{ext}"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("")
    (opts.out_dir / build.STATE_FILE).write_text(json.dumps({uptodate.REQUEST_KEY: key}))


@pytest.fixture
def published(tmp_path, monkeypatch) -> build.Options:
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copyfile(ROOT / "requirements.lock", tmp_path / "requirements.lock")
    monkeypatch.setenv("SZREPORT_ROOT", str(tmp_path))  # the project the lock file is read from
    opts = options(tmp_path)
    publish_like_a_build(opts)
    return opts


def test_the_same_request_with_the_same_inputs_is_a_no_op(published, capsys):
    assert uptodate.nothing_to_do(published)
    assert uptodate.nothing_to_do(options(published.out_dir.parent, verbosity=1))
    assert "nothing to do: 4 report(s) up to date" in capsys.readouterr().err


def test_a_changed_data_file_is_not_a_no_op(published):
    figures = published.data_dir / "figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not uptodate.nothing_to_do(published)


def test_a_removed_data_file_is_not_a_no_op(published):
    (published.data_dir / "article.txt").unlink()
    assert not uptodate.nothing_to_do(published)


def test_a_stray_file_is_never_read_so_still_a_no_op(published):
    """Only the schema's files are data: a stray file (or a link) in the folder is not read by any report."""
    (published.data_dir / "extra.yaml").write_text("a: 1\n")
    assert uptodate.nothing_to_do(published)


def test_a_changed_notebook_is_not_a_no_op(published):
    notebook = published.notebooks_dir / "economy.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not uptodate.nothing_to_do(published)


def test_changed_package_source_or_lock_is_not_a_no_op(published, monkeypatch, tmp_path):
    monkeypatch.setattr(uptodate, "lock_hash", lambda: "another lock")
    assert not uptodate.nothing_to_do(published)
    monkeypatch.undo()
    package = tmp_path / "package"
    shutil.copytree(uptodate.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(uptodate, "PACKAGE_DIR", package)
    assert uptodate.nothing_to_do(published)  # the same content
    (package / "fmt.py").write_text((package / "fmt.py").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not uptodate.nothing_to_do(published)


@pytest.mark.parametrize(
    "change",
    [
        {"parameters": {"show_figures_table": False}},
        {"formats": ["html", "pdf"]},
        {"langs": ["en"]},
        {"only": ["economy"]},
        {"show_code": True},
        {"force": True},
    ],
    ids=lambda change: next(iter(change)),
)
def test_another_request_is_not_a_no_op(published, change):
    assert not uptodate.nothing_to_do(options(published.out_dir.parent, **change))


def test_a_missing_output_or_key_is_not_a_no_op(published):
    (published.out_dir / "en" / "economy.html").unlink()
    assert not uptodate.nothing_to_do(published)
    publish_like_a_build(published)
    (published.out_dir / build.STATE_FILE).write_text(json.dumps({"en/economy": "key of one report"}))
    assert not uptodate.nothing_to_do(published)
    (published.out_dir / build.STATE_FILE).write_text("{not json")
    assert not uptodate.nothing_to_do(published)


def test_bad_usage_still_exits_2(published):
    with pytest.raises(build.BuildError) as err:
        uptodate.nothing_to_do(options(published.out_dir.parent, only=["weather"]))
    assert err.value.code == 2 and "weather" in str(err.value)


def test_publish_stores_the_key_of_the_build(published, tmp_path):
    """The full build's key is the fast path's: publish stores ctx.request_key under REQUEST_KEY."""
    state: dict = {}
    ctx = build.BuildContext(published, {}, {}, {}, None, published.out_dir, build.Progress(0))  # type: ignore[arg-type]
    ctx.request_key = "k" * 64
    staging = tmp_path / "staging"
    staging.mkdir()
    build.publish(ctx, [], staging, state)
    assert json.loads((published.out_dir / build.STATE_FILE).read_text())[uptodate.REQUEST_KEY] == "k" * 64


def test_a_no_op_build_imports_neither_pandas_nor_the_jupyter_tools(published):
    code = (
        "import sys; from szreport import cli; "
        f"code = cli.main(['build', '--only', 'overview', '--only', 'economy', '--format', 'html', '-q', "
        f"'--data', {str(published.data_dir)!r}, '--out', {str(published.out_dir)!r}]); "
        "heavy = {'pandas', 'matplotlib', 'nbconvert', 'papermill', 'yaml'} & set(sys.modules); "
        "print(code, sorted(heavy))"
    )
    # SZREPORT_ROOT (set by the fixture): its notebooks/ and lock file are those the key was made of
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "[]"]


def test_a_build_writing_into_the_folder_is_waited_for(published, capsys):
    import fcntl
    import threading

    with open(published.out_dir / ".szreport.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        threading.Timer(0.3, lambda: fcntl.flock(lock, fcntl.LOCK_UN)).start()
        assert uptodate.nothing_to_do(published)
    assert "waiting for it to finish" in capsys.readouterr().err
