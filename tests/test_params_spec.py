"""The outlook's parameters are declared once: the notebook's parameters cell (names, types, defaults, help) with
``params.CONSTRAINTS``. The README's table is generated from it, ``outlook.settings`` takes its defaults from it,
and the outlook module keeps no copy."""

from __future__ import annotations

import ast
from dataclasses import fields

import pytest

from szreport import cli
from szreport import params as params_mod
from szreport.params import ParameterError
from szreport.themes import outlook

from .conftest import ROOT

OPTIONS_PAGE = ROOT / "docs" / "options.md"  # the guide page of every option and parameter
OUTLOOK_NOTEBOOK = ROOT / "notebooks" / "outlook.ipynb"
START, END = "<!-- params:start -->", "<!-- params:end -->"


def declared_outlook() -> dict[str, params_mod.Parameter]:
    return {
        name: p
        for name, p in params_mod.read_parameters(OUTLOOK_NOTEBOOK).items()
        if name not in params_mod.BUILD_MANAGED
    }


def test_readme_table_is_the_generated_one(capsys):
    text = OPTIONS_PAGE.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1, f"docs/options.md needs one {START} ... {END} block"
    block = text.split(START)[1].split(END)[0]
    assert cli.main(["params", "--markdown"]) == 0
    generated = capsys.readouterr().out
    assert block.strip("\n") == generated.strip("\n"), (
        "docs/options.md's parameters table is not the one the notebooks declare: run `.venv/bin/szreport params "
        f"--markdown` and paste its output between {START} and {END}"
    )


def test_every_parameter_has_one_line_of_help():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for p in params_mod.read_parameters(path).values():
            assert p.help and "\n" not in p.help, f"{path.name}: {p.name} has no one-line help comment"


def test_table_escapes_pipes_in_cells(tmp_path):
    notebook = tmp_path / "piped.ipynb"
    notebook.write_text(
        OUTLOOK_NOTEBOOK.read_text(encoding="utf-8").replace("real GDP growth, % a year", "real GDP growth | % a year"),
        encoding="utf-8",
    )
    rows = [
        row
        for row in params_mod.markdown_table({"piped": notebook}).splitlines()
        if "gdp_real_growth_scenarios_pct" in row
    ]
    assert rows and "real GDP growth \\| % a year" in rows[0]
    assert rows[0].replace("\\|", "").count("|") == 7  # six cells


def test_the_notebook_declares_every_setting():
    assert list(declared_outlook()) == [f.name for f in fields(outlook.Settings)]


def test_settings_without_overrides_are_the_notebook_defaults(ds):
    cfg = outlook.settings(ds)
    for name, p in declared_outlook().items():
        value = getattr(cfg, name)
        assert (list(value) if isinstance(value, tuple) else value) == p.default, name


def test_settings_with_every_value_given_need_no_notebook(ds, monkeypatch):
    given = {name: p.default for name, p in declared_outlook().items()}
    monkeypatch.setattr(params_mod, "read_parameters", lambda path: pytest.fail("the notebook was read"))
    assert outlook.settings(ds, **given) == outlook.Settings(
        **{name: tuple(v) if isinstance(v, list) else v for name, v in given.items()}
    )
    with pytest.raises(ParameterError, match="'horizon_year' must be a whole number"):
        outlook.settings(ds, **{**given, "horizon_year": "soon"})


@pytest.mark.parametrize(
    "overrides, name",
    [
        ({"horizon_year": 2051}, "horizon_year"),
        ({"gdp_deflator_pct": -21.0}, "gdp_deflator_pct"),
        ({"trade_growth_scenarios_pct": [5.0, 31.0]}, "trade_growth_scenarios_pct"),
        ({"gdp_target_yuan_trillion": "five"}, "gdp_target_yuan_trillion"),
        ({"horizon_yeer": 2035}, "horizon_yeer"),
    ],
)
def test_bad_or_unknown_outlook_parameters_are_refused_by_name(ds, overrides, name):
    with pytest.raises(ParameterError, match=repr(name)):
        outlook.settings(ds, **overrides)


def test_the_outlook_module_keeps_no_copy_of_the_defaults():
    assert not hasattr(outlook, "DEFAULTS") and not hasattr(outlook, "TYPES")
    names = set(declared_outlook())
    paths = sorted((ROOT / "src" / "szreport" / "themes" / "outlook").glob("*.py"))  # the outlook package
    assert len(paths) > 1
    for path in paths:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                assert len(keys & names) < 2, f"{path.name} line {node.lineno} lists parameters with values"
        for p in declared_outlook().values():
            if isinstance(p.default, list):
                assert repr(p.default) not in source, f"{path.name} repeats the default of {p.name}"
