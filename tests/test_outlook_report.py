"""The outlook notebook run through the build: with its defaults (the shared full build, conftest.built), with
other scenarios (one extra build of the English HTML), and refused before execution with a bad parameter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import run_cli
from .helpers import LANGS, csv_rows, report_results

pytestmark = pytest.mark.notebook

BASE_GDP, BASE_TRADE, BASE_RD_INTENSITY, BASE_RD_100M = 3.87, 4.55, 6.67, 2453.1  # the article's figures
CHARTS = ("gdp_scenarios", "gdp_required_growth", "rd_intensity_path", "trade_scenarios")


def outlook_results(out: Path, lang: str) -> dict:
    return report_results(out, lang, "outlook")


def expected(
    horizon: int, real: list[float], deflator: float, target: float, rd_target: float, trade: list[float]
) -> dict:
    """The figures the report must record, worked out here from the parameters and the article's figures."""
    years = horizon - 2025
    out = {"horizon_year": horizon, "gdp_scenario_count": len(real), "trade_scenario_count": len(trade)}
    for i, g in enumerate(real, start=1):
        nominal = (1 + g / 100) * (1 + deflator / 100)
        level = BASE_GDP * nominal**years
        out[f"scenario_{i}_gdp_real_growth_pct"] = g
        out[f"scenario_{i}_gdp_nominal_growth_pct"] = (nominal - 1) * 100
        out[f"scenario_{i}_gdp_horizon_yuan_trillion"] = level
        out[f"scenario_{i}_rd_horizon_yuan_100m"] = level * 1e4 * rd_target / 100
    for i, g in enumerate(trade, start=1):
        out[f"trade_scenario_{i}_horizon_yuan_trillion"] = BASE_TRADE * (1 + g / 100) ** years
    required = (target / BASE_GDP) ** (1 / years)
    out["gdp_target_required_nominal_cagr_pct"] = (required - 1) * 100
    out["gdp_target_required_real_growth_pct"] = (required / (1 + deflator / 100) - 1) * 100
    out["rd_intensity_step_pp_per_year"] = (rd_target - BASE_RD_INTENSITY) / (horizon - 2024)
    return out


def assert_recorded(results: dict, wanted: dict) -> None:
    for key, value in wanted.items():
        assert results[key] == pytest.approx(value, abs=1e-5), key


@pytest.mark.parametrize("lang", LANGS)
def test_defaults_give_the_default_scenarios(built, lang):
    r = outlook_results(built, lang)
    assert_recorded(r, expected(2030, [4.0, 5.0, 6.0], 1.0, 5.0, 7.5, [2.0, 5.0, 8.0]))
    assert "scenario_4_gdp_horizon_yuan_trillion" not in r and "trade_scenario_4_growth_pct" not in r
    # 3.87 at 5.04% nominal is 4.95 in 2030, short of 5; 6.05% and 7.06% reach it
    assert [r[f"scenario_{i}_gdp_target_year"] for i in (1, 2, 3)] == [2031, 2030, 2029]
    assert r["gdp_scenarios_reaching_target_count"] == 2
    assert r["gdp_target_stated_yuan_trillion"] == 5 and r["gdp_target_stated_year"] == 2030
    assert r["gdp_real_growth_compound_annual_series_pct"] == pytest.approx(
        ((1.067 * 1.033 * 1.060 * 1.058 * 1.055) ** 0.2 - 1) * 100, abs=1e-5
    )
    assert r["gdp_target_required_minus_achieved_real_pp"] == pytest.approx(
        r["gdp_target_required_real_growth_pct"] - 5.5, abs=1e-5
    )
    for ext in ("html", "pdf", "ipynb"):
        assert (built / lang / f"outlook.{ext}").stat().st_size > 1000


def test_outlook_pages_say_scenarios_not_forecasts(built):
    zh = (built / "zh" / "outlook.html").read_text(encoding="utf-8")
    en = (built / "en" / "outlook.html").read_text(encoding="utf-8")
    assert "情景，非预测" in zh and "超5万亿元" in zh and "星島日報 2026-02-10" in zh
    assert "not forecasts" in en and "over CNY 5 trillion" in en and "CNY 5.19 trillion" in en
    for chart in CHARTS:
        assert f"../data/outlook/{chart}.csv" in zh and f"../data/outlook/{chart}.csv" in en


def test_outlook_chart_data(built):
    rows = csv_rows(built / "data" / "outlook" / "gdp_scenarios.csv")
    assert rows[0]["year"] == "2020" and rows[-1]["year"] == "2030"
    last = rows[-1]
    assert float(last["scenario_2_gdp_yuan_trillion"]) == pytest.approx(3.87 * 1.0605**5)
    assert float(last["gdp_target_yuan_trillion"]) == 5.0
    required = {r["item"]: r for r in csv_rows(built / "data" / "outlook" / "gdp_required_growth.csv")}
    assert float(required["required_for_gdp_target"]["real_growth_pct"]) == pytest.approx(
        ((5 / 3.87) ** 0.2 / 1.01 - 1) * 100
    )
    assert float(required["plan_average"]["real_growth_pct"]) == 5.5


def test_other_parameters_give_a_report_that_follows_them(tmp_path):
    out = tmp_path / "out"
    result = run_cli(
        "build",
        "--only",
        "outlook",
        "--lang",
        "en",
        "--format",
        "html",
        "--out",
        out,
        "-p",
        "gdp_real_growth_scenarios_pct=[3.0, 7.5]",
        "-p",
        "horizon_year=2035",
    )
    assert result.returncode == 0, result.stderr
    r = outlook_results(out, "en")
    assert_recorded(r, expected(2035, [3.0, 7.5], 1.0, 5.0, 7.5, [2.0, 5.0, 8.0]))
    assert "scenario_3_gdp_horizon_yuan_trillion" not in r
    record = json.loads((out / "en" / "build.json").read_text())
    assert record["parameters"]["outlook"]["gdp_real_growth_scenarios_pct"] == [3.0, 7.5]
    assert not (out / "zh").exists() and not (out / "en" / "outlook.pdf").exists()
    page = re.sub(r"<[^>]+>", "", (out / "en" / "outlook.html").read_text(encoding="utf-8"))  # figures are <span>s
    level_2 = 3.87 * (1.075 * 1.01) ** 10
    assert f"CNY {level_2:.2f} trillion" in page and "GDP in 2035" in page and "applied here to 2035" in page
    rows = csv_rows(out / "data" / "outlook" / "gdp_scenarios.csv")
    assert rows[-1]["year"] == "2035"
    assert [c for c in rows[0] if c.startswith("scenario_")] == [
        "scenario_1_gdp_yuan_trillion",
        "scenario_2_gdp_yuan_trillion",
    ]
    assert float(rows[-1]["scenario_1_gdp_yuan_trillion"]) == pytest.approx(3.87 * (1.03 * 1.01) ** 10)


@pytest.mark.parametrize(
    "assignment, name",
    [
        ("gdp_real_growth_scenarios_pct=[4, 35]", "gdp_real_growth_scenarios_pct"),
        ("trade_growth_scenarios_pct=[]", "trade_growth_scenarios_pct"),
        ("gdp_deflator_pct=abc", "gdp_deflator_pct"),
        ("horizon_year=2025", "horizon_year"),
    ],
)
def test_bad_parameter_is_refused_before_anything_runs(tmp_path, assignment, name):
    out = tmp_path / "never"
    result = run_cli("build", "--only", "outlook", "--lang", "en", "--format", "html", "--out", out, "-p", assignment)
    assert result.returncode == 2, result.stderr
    assert f"'{name}'" in result.stderr and "bad parameter" in result.stderr
    assert not out.exists()


def test_bad_parameter_leaves_an_existing_output_folder_untouched(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "keep.txt").write_text("published before", encoding="utf-8")
    result = run_cli("build", "--only", "outlook", "--out", out, "-p", "gdp_real_growth_scenarios_pct=[5, fast]")
    assert result.returncode == 2 and "'gdp_real_growth_scenarios_pct'" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert (out / "keep.txt").read_text(encoding="utf-8") == "published before"
