"""The report notebooks with the field's own tools, as a Jupyter user runs them (issue 28 items 1 and 2): the
papermill CLI from the checkout's root and from ``notebooks/`` (the default data folder does not depend on the
working folder), a bad ``data_dir`` named in one line of the notebook's error output, and ``jupyter nbconvert``
with the ``szreport`` template installed where Jupyter finds templates (``make install``) and with the stock
``lab`` template."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from szreport.build import export

from .conftest import ROOT

BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "economy.ipynb"


def papermill(output: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [str(BIN / "papermill"), str(NOTEBOOK), str(output), "-k", "szreport", "-p", "lang", "en", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, Path]:
    """economy in English, executed by the papermill CLI from the checkout's root and from ``notebooks/``."""
    out = tmp_path_factory.mktemp("papermill")
    runs = {"root": ROOT, "notebooks": ROOT / "notebooks"}
    for name, cwd in runs.items():
        result = papermill(out / f"{name}.ipynb", cwd=cwd)
        assert result.returncode == 0, f"papermill from {cwd}:\n{result.stderr[-3000:]}"
    return {name: out / f"{name}.ipynb" for name in runs}


@pytest.mark.notebook
def test_papermill_runs_from_the_root_and_from_notebooks(executed):
    results = []
    for path in executed.values():
        nb = json.loads(path.read_text(encoding="utf-8"))
        outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
        assert not [o for o in outputs if o["output_type"] == "error"]
        results.append(export.szreport_outputs(export.read_notebook(path))[0])
    assert results[0] and results[0] == results[1]  # the same data read from either folder


@pytest.mark.notebook
def test_a_bad_data_dir_is_one_line_of_the_error_output(tmp_path):
    result = papermill(tmp_path / "bad.ipynb", "-p", "data_dir", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode != 0
    nb = json.loads((tmp_path / "bad.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert len(errors) == 1 and errors[0]["ename"] == "DataError"
    assert errors[0]["traceback"] == [f"DataError: {tmp_path / 'nowhere'}: data folder does not exist"]
