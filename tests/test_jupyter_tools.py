"""The report notebooks with the field's own tools, as a Jupyter user runs them (issue 28 items 1 and 2): the
papermill CLI from the checkout's root and from ``notebooks/`` (the default data folder does not depend on the
working folder), a bad ``data_dir`` named in one line of the notebook's error output, and ``jupyter nbconvert``
with the ``szreport`` template installed where Jupyter finds templates (``make install``) and with the stock
``lab`` template."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from szreport.build import export
from szreport.present.report import PRINT_ONLY_STYLE

from .conftest import ROOT

BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "economy.ipynb"
# What a page must not load from elsewhere: a script, stylesheet, image or frame from an http(s) address.
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.I)
UNREPRESENTED = "not able to be represented"
MISSING_ALT = "Alternative text is missing"


def installed_template(tmp_path: Path) -> dict:
    """The environment of a Jupyter user after ``make install``: the template linked into a Jupyter data folder
    (here a temporary one, on JUPYTER_PATH, so the shared virtualenv is left as it is)."""
    templates = tmp_path / "jupyter" / "nbconvert" / "templates"
    templates.mkdir(parents=True)
    (templates / "szreport").symlink_to(export.TEMPLATE_DIR / "szreport", target_is_directory=True)
    return {**os.environ, "JUPYTER_PATH": str(tmp_path / "jupyter")}


def papermill(output: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [str(BIN / "papermill"), str(NOTEBOOK), str(output), "-k", "szreport", "-p", "lang", "en", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


def nbconvert(notebook: Path, template: str, env: dict) -> tuple[str, str]:
    command = [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--template", template, str(notebook)]
    command += ["--output", f"{notebook.stem}-{template}.html"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    return (notebook.parent / f"{notebook.stem}-{template}.html").read_text(encoding="utf-8"), result.stderr


def test_the_template_registers_each_preprocessor_once(tmp_path, monkeypatch):
    """conf.json is their one owner: the build's exporter, with the template installed as well (nbconvert merges
    the conf.json of both folders), runs each once; twice, the contents would vanish (headings already HTML)."""
    monkeypatch.setenv("JUPYTER_PATH", installed_template(tmp_path)["JUPYTER_PATH"])
    names = [type(p).__name__ for p in export.html_exporter()._preprocessors]
    ours = ["RemoveCells", "SzreportPage", "StripSzreportOutputs", "SectionAnchors"]
    assert [n for n in names if n in ours] == ours


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


@pytest.mark.notebook
def test_nbconvert_with_the_installed_szreport_template(executed, tmp_path):
    page, log = nbconvert(executed["root"], "szreport", installed_template(tmp_path))
    assert UNREPRESENTED not in log and MISSING_ALT not in log
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert "require.min.js" not in page and "MathJax" not in page
    assert 'class="jp-InputArea' not in page and "jp-OutputPrompt jp-OutputArea-prompt" not in page  # no code
    assert page.count('class="sz-toc-h2"') >= 3 and 'id="key-findings"' in page  # the build's navigation
    assert '<html lang="en"' in page and "<title>Shenzhen" in page
    assert "[szreport:" not in page and PRINT_ONLY_STYLE not in page  # outputs meant for other templates
    assert re.findall(r"<img\b", page) and not re.findall(r"<img\b(?![^>]*\balt=)", page)


@pytest.mark.notebook
def test_nbconvert_with_the_stock_lab_template(executed):
    page, log = nbconvert(executed["notebooks"], "lab", dict(os.environ))
    assert UNREPRESENTED not in log and MISSING_ALT not in log
    assert "[szreport: data of chart" in page  # the plain fallback of the data meant for the build
    assert PRINT_ONLY_STYLE in page  # the print-only lists stay off the screen without szreport's CSS


NOTES_SHOWN_JS = """() => {
  const notes = document.querySelector('.sz-notes');
  return notes ? getComputedStyle(notes).display !== 'none' : null;
}"""


@pytest.mark.render
@pytest.mark.notebook
def test_the_converted_pages_in_chromium(executed, tmp_path):
    """The szreport page makes no request off the disk and raises no error; on both pages the notes for print
    (written by the page's script) stay off the screen, and on the szreport page they are there in print."""
    from .pages import chromium, open_offline

    nbconvert(executed["root"], "szreport", installed_template(tmp_path))
    nbconvert(executed["notebooks"], "lab", dict(os.environ))
    with chromium() as browser:
        opened = open_offline(browser, executed["root"].with_name("root-szreport.html"))
        assert opened.external == [] and opened.failed == [] and opened.errors == []
        assert opened.page.evaluate(NOTES_SHOWN_JS) is False
        opened.page.emulate_media(media="print")
        assert opened.page.evaluate(NOTES_SHOWN_JS) is True
        stock = open_offline(browser, executed["notebooks"].with_name("notebooks-lab.html"))
        assert stock.external  # the stock template's require.js and MathJax (refused here)
        assert stock.page.evaluate(NOTES_SHOWN_JS) is False
