"""Outlook scenarios: the arithmetic against values worked out here from literals, the parameter checks on the
real notebook (what the build runs before any kernel starts), and the sections on the real dataset."""

from __future__ import annotations

import math

import pytest

from szreport import fmt
from szreport import params as params_mod
from szreport.params import ParameterError
from szreport.themes import outlook

from .conftest import ROOT

NOTEBOOK = {"outlook": ROOT / "notebooks" / "outlook.ipynb"}


@pytest.fixture(autouse=True, scope="module")
def chart_style():
    """The report's chart style (CJK font); every figure the sections draw is closed afterwards."""
    import matplotlib.pyplot as plt

    from szreport.charts import draw as charts

    charts.setup_style()
    yield
    plt.close("all")


# --- arithmetic -------------------------------------------------------------------------------------------


def test_nominal_growth_compounds_real_growth_and_prices():
    assert outlook.nominal_growth_pct(5.0, 1.0) == pytest.approx(6.05)  # 1.05 * 1.01 = 1.0605
    assert outlook.nominal_growth_pct(4.0, 0.0) == pytest.approx(4.0)
    assert outlook.nominal_growth_pct(-2.0, 3.0) == pytest.approx((0.98 * 1.03 - 1) * 100)


def test_scenario_path_from_the_base_year_to_the_horizon():
    path = outlook.scenario_path(3.87, 2025, 2030, 6.05)
    assert [year for year, _ in path] == [2025, 2026, 2027, 2028, 2029, 2030]
    assert path[0][1] == pytest.approx(3.87)
    assert path[1][1] == pytest.approx(3.87 * 1.0605)
    assert path[-1][1] == pytest.approx(3.87 * 1.0605**5)
    assert abs(path[-1][1] - 5.1912) <= 0.5e-4  # within the rounding interval of the value worked out by hand


def test_year_a_scenario_reaches_the_target():
    # 3.87 growing 5.04% a year: 3.87 * 1.0504^5 = 4.95 < 5 <= 3.87 * 1.0504^6 = 5.20, so 2031; the year returned
    # is the first whose level, worked out here, reaches the target.
    for rate, expected in ((5.04, 2031), (7.06, 2029)):  # 3.87 * 1.0706^3 = 4.75 < 5 <= 3.87 * 1.0706^4 = 5.08
        year = outlook.year_reaching(3.87, 5.0, 2025, rate)
        assert year == expected
        assert 3.87 * (1 + rate / 100) ** (year - 2025 - 1) < 5.0 <= 3.87 * (1 + rate / 100) ** (year - 2025)
    assert outlook.year_reaching(5.2, 5.0, 2025, 1.0) == 2025  # already above
    assert outlook.year_reaching(3.87, 5.0, 2025, -1.0) is None
    assert outlook.year_reaching(3.87, 5.0, 2025, 0.1, max_years=10) is None


def test_required_growth_for_the_target():
    nominal, real = outlook.required_growth_pct(3.87, 5.0, 5, 1.0)
    expected_nominal = ((5.0 / 3.87) ** (1 / 5) - 1) * 100
    assert nominal == pytest.approx(expected_nominal)
    assert abs(nominal - 5.2572) <= 0.5e-4  # on the rounding intervals of the values worked out by hand
    assert real == pytest.approx(((1 + expected_nominal / 100) / 1.01 - 1) * 100)
    assert abs(real - 4.2150) <= 0.5e-4
    # the real rate combined with the deflator gives back the nominal rate, which reaches the target
    assert outlook.nominal_growth_pct(real, 1.0) == pytest.approx(nominal)
    assert 3.87 * (1 + nominal / 100) ** 5 == pytest.approx(5.0)
    nominal_10, _ = outlook.required_growth_pct(3.87, 5.0, 10, 0.0)
    assert nominal_10 == pytest.approx(((5.0 / 3.87) ** 0.1 - 1) * 100)


def test_linear_path_of_rd_intensity():
    path = dict(outlook.linear_path(2024, 6.67, 2030, 7.5))
    assert list(path) == list(range(2024, 2031))
    assert path[2024] == pytest.approx(6.67) and path[2030] == pytest.approx(7.5)
    assert path[2027] == pytest.approx(6.67 + 3 * (7.5 - 6.67) / 6)
    with pytest.raises(ValueError):
        outlook.linear_path(2030, 6.67, 2030, 7.5)


# --- parameters: the build's checks on the real notebook ---------------------------------------------------


def test_valid_parameters_are_converted():
    values = params_mod.validate(
        {"gdp_real_growth_scenarios_pct": [3, 7.5], "horizon_year": 2035, "gdp_deflator_pct": 0}, NOTEBOOK
    )["outlook"]
    assert values == {"gdp_real_growth_scenarios_pct": [3.0, 7.5], "horizon_year": 2035, "gdp_deflator_pct": 0.0}
    assert params_mod.validate({"trade_growth_scenarios_pct": 4}, NOTEBOOK)["outlook"] == {
        "trade_growth_scenarios_pct": [4.0]
    }


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("gdp_real_growth_scenarios_pct", [4.0, 35.0], "outside {item_min}..{item_max}"),
        ("gdp_real_growth_scenarios_pct", [-12.0], "outside {item_min}..{item_max}"),
        ("trade_growth_scenarios_pct", [5.0, 30.5], "outside {item_min}..{item_max}"),
        ("gdp_deflator_pct", 31.0, "must be in {min}..{max}"),
        ("gdp_target_yuan_trillion", 3502.1, "must be in {min}..{max}"),
        ("gdp_target_yuan_trillion", 0.5, "must be in {min}..{max}"),
        ("gdp_real_growth_scenarios_pct", [], "must not be empty"),
        ("trade_growth_scenarios_pct", [], "must not be empty"),
        ("gdp_real_growth_scenarios_pct", [4.0, "five"], "numbers only"),
        ("gdp_real_growth_scenarios_pct", "fast", "must be a list"),
        ("gdp_real_growth_scenarios_pct", [4.0, True], "numbers only"),
        ("gdp_real_growth_scenarios_pct", [float("nan")], "numbers only"),
        ("gdp_deflator_pct", "one", "must be a number"),
        ("gdp_deflator_pct", float("nan"), "must be a number"),
        ("gdp_target_yuan_trillion", None, "must be a number"),
        ("horizon_year", 2025, "must be in 2026..2050"),
        ("horizon_year", 2030.5, "whole number"),
        ("gdp_real_growth_scenarios_pct", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], "at most 6"),
    ],
)
def test_bad_parameters_are_refused_naming_the_parameter(name, value, words):
    with pytest.raises(ParameterError) as info:
        params_mod.validate({name: value}, NOTEBOOK)
    assert repr(name) in str(info.value) and words.format(**params_mod.CONSTRAINTS[name]) in str(info.value)


def test_unknown_parameter_is_refused_with_a_suggestion():
    with pytest.raises(ParameterError, match=r"unknown parameter 'horizon_yr'.*did you mean 'horizon_year'"):
        params_mod.validate({"horizon_yr": 2035}, NOTEBOOK)


def test_yaml_values_from_the_command_line():
    assert params_mod.parse_cli_value("[3.0, 7.5]") == [3.0, 7.5]
    assert params_mod.parse_cli_value("2035") == 2035
    # YAML 1.1 reads exponent forms without a dot as text; they are numbers here, in lists too
    assert params_mod.parse_cli_value("1e-3") == 0.001 and params_mod.parse_cli_value("-2E2") == -200.0
    assert params_mod.parse_cli_value("[1e1, 2]") == [10.0, 2] and params_mod.parse_cli_value("e5") == "e5"
    with pytest.raises(ParameterError, match="numbers only"):
        params_mod.validate({"gdp_real_growth_scenarios_pct": params_mod.parse_cli_value("[4, abc]")}, NOTEBOOK)


# --- the package checks the same and the horizon against the data folder ----------------------------------


def test_settings_defaults_and_checks(ds):
    cfg = outlook.settings(ds)
    assert cfg.horizon_year == 2030 and cfg.gdp_real_growth_scenarios_pct == (4.0, 5.0, 6.0)
    assert outlook.last_data_year(ds) == 2025
    with pytest.raises(ParameterError, match="'gdp_real_growth_scenarios_pct'"):
        outlook.settings(ds, gdp_real_growth_scenarios_pct=[])
    with pytest.raises(ParameterError, match="'horizon_yr'"):
        outlook.settings(ds, horizon_yr=2035)


def test_horizon_must_follow_the_last_data_year_of_the_folder(data_copy):
    from szreport.data import loader as data

    series = data_copy / "series.csv"
    series.write_text(
        series.read_text(encoding="utf-8") + "shenzhen,gdp_growth,2027,5.0,%,real,current,exact,stheadline_2026,\n",
        encoding="utf-8",
    )
    ds = data.load(data_copy)
    assert outlook.last_data_year(ds) == 2027
    with pytest.raises(ParameterError, match=r"'horizon_year' must be after the last data year 2027"):
        outlook.settings(ds, horizon_year=2027)
    assert outlook.settings(ds, horizon_year=2028).horizon_year == 2028


# --- sections on the real dataset ----------------------------------------------------------------------------


def test_sections_follow_the_parameters(ds):
    params = {
        "horizon_year": 2035,
        "gdp_real_growth_scenarios_pct": [3.0],
        "gdp_deflator_pct": 2.0,
        "gdp_target_yuan_trillion": 6.0,
        "rd_intensity_target_pct": 8.0,
        "trade_growth_scenarios_pct": [-1.0, 4.0],
    }
    results = {}
    for section in (
        outlook.assumptions,
        outlook.gdp_scenarios,
        outlook.gdp_target,
        outlook.rd_intensity,
        outlook.trade,
    ):
        results.update(section(ds, "en", **params).results)
    level = 3.87 * (1.03 * 1.02) ** 10
    assert results["scenario_1_gdp_horizon_yuan_trillion"] == pytest.approx(level, abs=1e-6)
    assert "scenario_2_gdp_horizon_yuan_trillion" not in results
    assert results["gdp_target_required_nominal_cagr_pct"] == pytest.approx(((6.0 / 3.87) ** 0.1 - 1) * 100, abs=1e-6)
    assert results["gdp_target_required_real_growth_pct"] == pytest.approx(
        ((6.0 / 3.87) ** 0.1 / 1.02 - 1) * 100, abs=1e-6
    )
    assert results["scenario_1_gdp_target_year"] == 2025 + math.ceil(math.log(6.0 / 3.87) / math.log(1.03 * 1.02))
    assert results["rd_intensity_step_pp_per_year"] == pytest.approx((8.0 - 6.67) / 11, abs=1e-6)
    rd = 38700 * (1.03 * 1.02) ** 10 * 0.08
    assert results["scenario_1_rd_horizon_yuan_100m"] == pytest.approx(rd, abs=1e-3)
    assert results["scenario_1_rd_cagr_to_horizon_pct"] == pytest.approx(
        ((rd / 2453.1) ** (1 / 11) - 1) * 100, abs=1e-5
    )
    assert results["trade_scenario_1_horizon_yuan_trillion"] == pytest.approx(4.55 * 0.99**10, abs=1e-6)
    assert results["trade_scenario_2_increment_yuan_trillion"] == pytest.approx(4.55 * 1.04**10 - 4.55, abs=1e-6)
    assert results["trade_scenario_count"] == 2 and results["gdp_scenario_count"] == 1


def test_chart_data_is_language_neutral_and_text_is_in_the_language(ds):
    for section in (outlook.gdp_scenarios, outlook.gdp_target, outlook.rd_intensity, outlook.trade):
        zh, en = section(ds, "zh"), section(ds, "en")
        assert [c.csv() for c in zh.charts] == [c.csv() for c in en.charts]
        assert zh.results == en.results
        assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in p) for p in en.paragraphs if "星島" not in p)
    gdp = outlook.gdp_scenarios(ds, "en")
    assert "not forecasts" in gdp.charts[0].title
    assert "情景，非预测" in outlook.gdp_scenarios(ds, "zh").charts[0].title
    assert list(gdp.charts[0].data.columns) == [
        "year",
        "gdp_yuan_trillion_pre_census",
        "gdp_yuan_trillion_post_census",
        "scenario_1_gdp_yuan_trillion",
        "scenario_2_gdp_yuan_trillion",
        "scenario_3_gdp_yuan_trillion",
        "gdp_target_yuan_trillion",
    ]


def test_target_sentence_cites_the_stated_target_or_says_it_is_a_parameter(ds):
    stated = fmt.plain(outlook.assumptions(ds, "en").paragraphs)
    assert any("ambition stated for the 15th Five-Year Plan" in p and "星島日報 2026-02-10" in p for p in stated)
    moved = fmt.plain(outlook.assumptions(ds, "en", horizon_year=2035).paragraphs)
    assert any("applied here to 2035" in p for p in moved)
    own = fmt.plain(outlook.assumptions(ds, "zh", gdp_target_yuan_trillion=5.5).paragraphs)
    assert any("（假设）" in p and "5.5万亿元" in p for p in own)
