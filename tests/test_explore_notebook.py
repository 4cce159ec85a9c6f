"""notebooks/explore.ipynb, the analyst's notebook: kept out of the reports, committed without outputs, and run
with papermill (defaults, then with a parameter overridden) into a temporary folder without an error, showing
the window's period and a claim whose verdict changes with the edited input."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from szreport import cli, notebooks
from szreport import params as params_mod
from szreport.build import kernels
from szreport.build import pipeline as build

from .conftest import ROOT
from .helpers import rows

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
VERDICT_LINE = re.compile(
    r"^(?P<claim>\w+): (?P<before>\w+) as published; (?P<after>\w+) with "
    r"(?P<ref>series:\S+) changed from (?P<old>\S+) to (?P<new>\S+)",
    re.M,
)


def defaults() -> dict:
    return {name: p.default for name, p in params_mod.read_parameters(NOTEBOOK).items()}


def execute(tmp_path, monkeypatch, **parameters) -> tuple[dict, str]:
    """Run the notebook as the build does (its folder as working folder, the project's kernel, ports from
    szreport.build.kernels, a runtime folder of its own); the executed notebook and the text of all its outputs."""
    import papermill

    runtime = tmp_path / "runtime"
    runtime.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters=parameters,
        kernel_name=build.KERNEL_NAME,
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
        log_output=False,
        kernel_manager_class=kernels.KernelManager,
    )
    nb = json.loads(out.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{output.get('ename')}: {output.get('evalue')}"
            texts.append("".join(output.get("text", "")))
            for mime in ("text/plain", "text/html"):
                texts.append("".join(output.get("data", {}).get(mime, "")))
    return nb, "\n".join(texts)


# --- the notebook as committed ------------------------------------------------------------------------------


def test_explore_is_not_a_report(capsys):
    assert "explore" in build.NOT_REPORTS
    assert "explore" not in build.discover_notebooks(ROOT / "notebooks")
    assert set(build.REPORT_ORDER) <= set(build.discover_notebooks(ROOT / "notebooks"))
    assert cli.main(["params"]) == 0
    listed = capsys.readouterr().out
    assert "explore" not in listed and "economy (economy.ipynb)" in listed
    assert cli.main(["params", "explore"]) == 2
    assert "unknown report 'explore'" in capsys.readouterr().err


def test_a_build_refuses_explore_before_any_kernel(tmp_path, capsys):
    out = tmp_path / "reports"
    assert cli.main(["build", "--only", "explore", "--format", "html", "--out", str(out)]) == 2
    assert "unknown report(s) explore" in capsys.readouterr().err
    assert not out.exists()


def test_committed_without_outputs_on_the_project_kernel():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == build.KERNEL_NAME
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert nb["cells"][0]["cell_type"] == "markdown" and "not one of the reports" in "".join(nb["cells"][0]["source"])
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is code[0]


def test_parameters_are_read_by_papermill():
    declared = params_mod.read_parameters(NOTEBOOK)
    assert {"data_dir", "start_year", "end_year", "claim_id", "input_change_pct"} <= set(declared)
    assert (declared["start_year"].type, declared["end_year"].type) == ("int", "int")
    assert (declared["start_year"].default, declared["end_year"].default) == (2021, 2024)
    assert declared["data_dir"].default == "" and notebooks.default_data_dir() == ROOT / "data"  # wherever it runs
    assert all(p.help for p in declared.values())


# --- the helpers it calls (szreport.explore) ----------------------------------------------------------------


def test_helpers_answer_from_the_csv_files(ds):
    from szreport import audit, explore
    from szreport.data import window

    w = window.window(ds, start_year=2021, end_year=2024)
    table = explore.growth_table(ds, w, indicators=["gdp", "not_an_indicator"])
    assert list(table["indicator"]) == ["gdp"] and list(table["period"]) == ["2021-2024"]
    rates = explore.by_region_and_year(ds, w, "gdp_growth")
    assert rates.index[0] == "shenzhen" and list(rates.columns) == [2021, 2022, 2023, 2024]
    for r in rows("series.csv"):
        if r["indicator"] == "gdp_growth" and 2021 <= int(r["year"]) <= 2024 and r["vintage"] != "target":
            assert rates.loc[r["region"], int(r["year"])] == float(r["value"]), r
    only_figures = next(c for c in audit.claims(ds) if not explore.series_inputs(c))
    with pytest.raises(KeyError, match=only_figures.id):
        explore.edit_series_input(ds, only_figures, 1.0)


# --- executed -----------------------------------------------------------------------------------------------


def expected_edit(claim_id: str, change_pct: float) -> tuple[str, str, str]:
    """The claim's first series input and its value before and after the edit, worked out from the CSV files."""
    claim = next(r for r in rows("claims.csv") if r["id"] == claim_id)
    ref = next(part.strip() for part in claim["inputs"].split(";") if part.strip().startswith("series:"))
    region, indicator, year = ref.removeprefix("series:").split("@")[0].split("/")
    old = next(
        r["value"].strip()
        for r in rows("series.csv")
        if (r["region"], r["indicator"], r["year"]) == (region, indicator, year) and r["vintage"] != "target"
    )
    decimals = len(old.split(".")[1]) if "." in old else 0
    return ref, old, f"{float(old) * (1 + change_pct / 100):.{decimals}f}"


@pytest.mark.notebook
def test_runs_with_its_defaults(tmp_path, monkeypatch):
    given = defaults()
    nb, text = execute(tmp_path, monkeypatch)
    assert f"{given['start_year']}-{given['end_year']}" in text  # the window's period, 2021-2024
    assert "2021-2024" in text
    line = VERDICT_LINE.search(text)
    assert line, "no verdict line before/after the edit in the outputs"
    assert line["claim"] == given["claim_id"]
    assert line["before"] != line["after"], line.group(0)
    assert (line["ref"], line["old"], line["new"]) == expected_edit(given["claim_id"], given["input_change_pct"])
    assert "as published" in text and "edited" in text  # the verdict table
    # Shenzhen's pivot names every indicator series.csv holds for Shenzhen.
    assert all(r["indicator"] in text for r in rows("series.csv") if r["region"] == "shenzhen")
    # Each peer region of series.csv is in the peers' tables.
    assert all(r["region"] in text for r in rows("series.csv"))


@pytest.mark.notebook
def test_parameters_change_what_it_shows(tmp_path, monkeypatch):
    nb, text = execute(tmp_path, monkeypatch, start_year=2022)
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert injected and "start_year = 2022" in "".join(injected[0]["source"])
    assert "2022-2024" in text and "2021-2024" not in text
    assert VERDICT_LINE.search(text)


def test_it_opens_unmodified_in_lab():
    """JupyterLab writes the kernel's language_info into the notebook when it connects; stored as the project's
    kernel reports it (ipykernel, this Python), the notebook is not marked modified the moment it opens (issue 28)."""
    from ipykernel.ipkernel import IPythonKernel

    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    stored, reported = dict(nb["metadata"]["language_info"]), dict(IPythonKernel.language_info)
    # the patch release of Python is the machine's (Lab rewrites it where it differs): the minor release must agree
    assert stored.pop("version").split(".")[:2] == reported.pop("version").split(".")[:2]
    assert stored == reported
    assert (nb["nbformat"], nb["nbformat_minor"]) == (4, 5) and all(c.get("id") for c in nb["cells"])
    assert NOTEBOOK.read_text(encoding="utf-8") == nbformat.writes(nbformat.reads(json.dumps(nb), 4)) + "\n"
