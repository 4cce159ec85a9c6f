"""The outlook report's GDP sections: a GDP path per real growth scenario (with the year each reaches the target),
and the growth the target needs against the plan's achieved and annual rates.
"""

from __future__ import annotations

import pandas as pd

from szreport import fmt
from szreport import metrics as m
from szreport.charts import draw as charts
from szreport.data.loader import Dataset
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.outlook.charts import ScenarioChart, _history_frame, _history_lines
from szreport.themes.outlook.inputs import (
    GDP_GROWTH_TARGET_INDICATOR,
    GDP_TARGET_INDICATOR,
    SCENARIO_FIGURES,
    _stated_target,
    base_figures,
    settings,
)
from szreport.themes.outlook.scenarios import (
    MAX_YEARS_TO_TARGET,
    nominal_growth_pct,
    required_growth_pct,
    scenario_path,
    year_reaching,
)
from szreport.themes.outlook.text import (
    _keyed_span,
    _list,
    _live,
    _pct,
    _rate,
    _scenario_label,
    _signed,
    _stated,
    _target_text,
    _year,
    counted,
    reaching_key,
    stated_texts,
)

# Bars of the required-growth chart by kind: published annual rates, the article's average, a stated target,
# the rate the GDP target requires.
REQUIRED_BAR_COLORS = {
    "published": "#d4766c",  # innovation.PUBLISHED
    "article": charts.ACCENT,
    "target": charts.CONTEXT,
    "required": "#2c3e50",
}


@tolerant("outlook_h_gdp", SCENARIO_FIGURES, "gdp")
def gdp_scenarios(ds: Dataset, lang: str, **params) -> Section:
    """GDP paths from the article's last level: one per real growth scenario, with the deflator assumption."""
    cfg = settings(ds, **params)
    base = base_figures(ds).gdp
    base_year, base_level = int(base.period), m.convert(base.value, base.unit, "万亿元")
    years = cfg.horizon_year - base_year
    target = cfg.gdp_target_yuan_trillion
    section = Section(fmt.t(lang, "outlook_h_gdp"))
    section.state(base)
    section.derive("gdp_scenario_count", len(cfg.gdp_real_growth_scenarios_pct))
    history, break_year = _history_frame(ds, "gdp", "万亿元", "gdp_yuan_trillion")
    history = history[history["year"] <= base_year]
    frame = pd.DataFrame({"year": list(range(int(history["year"].min()), cfg.horizon_year + 1))})
    frame = frame.merge(history, on="year", how="left")
    plot = ScenarioChart(frame, *_history_lines(lang, "gdp_yuan_trillion", frame))
    rows, horizon_values, reached = [], [], 0
    for scenario, real in enumerate(cfg.gdp_real_growth_scenarios_pct, start=1):
        nominal = nominal_growth_pct(real, cfg.gdp_deflator_pct)
        path = dict(scenario_path(base_level, base_year, cfg.horizon_year, nominal))
        level = path[cfg.horizon_year]
        when = year_reaching(base_level, target, base_year, nominal)
        horizon_values.append(level)
        reached += level >= target * (1 - 1e-12)
        label = _scenario_label(lang, "outlook_lbl_gdp_scenario", real)
        plot.add_path(
            f"scenario_{scenario}_gdp_yuan_trillion",
            path,
            label,
            scenario,
            (cfg.horizon_year, fmt.number(level, 2, lang)),
        )
        section.derive(f"scenario_{scenario}_gdp_real_growth_pct", real)
        section.derive(f"scenario_{scenario}_gdp_nominal_growth_pct", nominal)
        section.derive(f"scenario_{scenario}_gdp_horizon_yuan_trillion", level)
        section.derive(f"scenario_{scenario}_gdp_gap_to_target_yuan_trillion", level - target)
        section.derive(f"scenario_{scenario}_gdp_target_year", when if when is not None else "not_reached")
        rows.append(
            {
                fmt.t(lang, "outlook_col_scenario"): fmt.t(lang, "outlook_scenario_name", i=scenario),
                fmt.t(lang, "outlook_col_real_growth"): _rate(real, lang),
                fmt.t(lang, "outlook_col_nominal_growth"): _pct(nominal, lang, 2),
                fmt.t(lang, "outlook_col_gdp_horizon", horizon=_year(cfg.horizon_year, lang)): fmt.amount(
                    level, "万亿元", lang, 2
                ),
                fmt.t(lang, "outlook_col_gap_to_target"): _signed(level - target, "万亿元", lang, 2),
                fmt.t(lang, "outlook_col_target_year"): (
                    _year(when, lang)
                    if when is not None
                    else fmt.t(lang, "outlook_not_reached", year=_year(base_year + MAX_YEARS_TO_TARGET, lang))
                ),
            }
        )
    section.derive("gdp_scenarios_reaching_target_count", int(reached))
    target_text = _target_text(ds, lang, cfg)
    frame["gdp_target_yuan_trillion"] = frame["year"].map({cfg.horizon_year: target})
    plot.lines["gdp_target_yuan_trillion"] = fmt.t(lang, "outlook_lbl_target", target=target_text)
    plot.styles["gdp_target_yuan_trillion"] = {
        "color": charts.ACCENT,
        "linestyle": "none",
        "marker": "*",
        "markersize": 11,
    }
    rates = cfg.gdp_real_growth_scenarios_pct
    nominal_rates = [nominal_growth_pct(r, cfg.gdp_deflator_pct) for r in rates]
    texts = stated_texts(ds, lang)
    horizon = fmt.keyed("horizon_year", _year(cfg.horizon_year, lang))
    section.derive("horizon_year", cfg.horizon_year)
    section.derive("base_year", base_year)
    section.derive("years_to_horizon", years)
    section.derive("gdp_deflator_assumption_pct", cfg.gdp_deflator_pct)
    section.derive("gdp_target_yuan_trillion", target)
    section.paragraphs.append(
        _live(
            "gdp",
            fmt.t(
                lang,
                "outlook_p_gdp" + counted(years),
                base_year=_stated(texts, "gdp_year"),
                base=_stated(texts, "gdp"),
                real=_keyed_span(lang, list(rates), lambda v: _rate(v, lang), "scenario_{}_gdp_real_growth_pct".format),
                deflator=fmt.keyed("gdp_deflator_assumption_pct", _rate(cfg.gdp_deflator_pct, lang)),
                nominal=_keyed_span(
                    lang, nominal_rates, lambda v: _pct(v, lang, 2), "scenario_{}_gdp_nominal_growth_pct".format
                ),
                horizon=horizon,
                years=fmt.keyed("years_to_horizon", fmt.number(years, 0, lang)),
                levels=_keyed_span(
                    lang,
                    horizon_values,
                    lambda v: fmt.amount(v, "万亿元", lang, 2),
                    "scenario_{}_gdp_horizon_yuan_trillion".format,
                ),
            ),
        )
    )
    section.paragraphs.append(
        _live(
            "gdp_reaching",
            fmt.t(
                lang,
                reaching_key(int(reached), len(rates)),
                n=fmt.keyed("gdp_scenario_count", fmt.number(len(rates), 0, lang)),
                k=fmt.keyed("gdp_scenarios_reaching_target_count", fmt.number(reached, 0, lang)),
                target=target_text,
                horizon=horizon,
            ),
        )
    )
    section.tables.append(
        (fmt.t(lang, "outlook_caption_gdp", horizon=_year(cfg.horizon_year, lang)), pd.DataFrame(rows))
    )
    supplementary = sorted(set(ds.annual("gdp")["source"]))
    source = charts.source_line(ds, ["gdp", GDP_TARGET_INDICATOR], lang, supplementary)
    chart = plot.draw(
        "gdp_scenarios",
        lang,
        fmt.t(lang, "outlook_chart_gdp", city=ds.subject.name(lang)),
        source,
        fmt.t(lang, "unit_yuan_trillion"),
        break_year,
    )
    section.charts.append(chart)
    return section


@tolerant("outlook_h_target", SCENARIO_FIGURES, "gdp")
def gdp_target(ds: Dataset, lang: str, **params) -> Section:
    """The growth the GDP target needs, nominal and real, against the plan's achieved and the annual rates."""
    cfg = settings(ds, **params)
    figures = base_figures(ds)
    base, achieved = figures.gdp, figures.gdp_plan_real_growth
    base_year = int(base.period)
    years = cfg.horizon_year - base_year
    base_level = m.convert(base.value, base.unit, "万亿元")
    nominal, real = required_growth_pct(base_level, cfg.gdp_target_yuan_trillion, years, cfg.gdp_deflator_pct)
    plan_start, plan_end = (int(y) for y in achieved.period.split("-"))
    annual = ds.annual("gdp_growth")
    annual = annual[(annual["year"] > plan_start) & (annual["year"] <= plan_end)]
    compound = m.compound_rates_pct(annual["value"])
    growth_target = _stated_target(ds, GDP_GROWTH_TARGET_INDICATOR)
    diff = real - achieved.value
    section = Section(fmt.t(lang, "outlook_h_target"))
    section.state(achieved)
    section.state(base)
    section.derive("gdp_target_required_nominal_cagr_pct", nominal)
    section.derive("gdp_target_required_real_growth_pct", real)
    section.derive("gdp_target_required_minus_achieved_real_pp", diff)
    section.derive("gdp_real_growth_compound_annual_series_pct", compound)
    section.derive("gdp_growth_target_pct", growth_target["value"])
    section.derive("gdp_growth_target_year", growth_target["year"])
    section.derive("horizon_year", cfg.horizon_year)
    section.derive("base_year", base_year)
    section.derive("years_to_horizon", years)
    section.derive("gdp_deflator_assumption_pct", cfg.gdp_deflator_pct)
    section.derive("gdp_target_yuan_trillion", cfg.gdp_target_yuan_trillion)
    texts = stated_texts(ds, lang)
    section.paragraphs.append(
        _live(
            "required",
            fmt.t(
                lang,
                "outlook_p_required" + counted(years),
                base_year=_stated(texts, "gdp_year"),
                base=_stated(texts, "gdp"),
                horizon=fmt.keyed("horizon_year", _year(cfg.horizon_year, lang)),
                target=_target_text(ds, lang, cfg),
                years=fmt.keyed("years_to_horizon", fmt.number(years, 0, lang)),
                nominal=fmt.keyed("gdp_target_required_nominal_cagr_pct", _pct(nominal, lang, 2)),
                deflator=fmt.keyed("gdp_deflator_assumption_pct", _rate(cfg.gdp_deflator_pct, lang)),
                real=fmt.keyed("gdp_target_required_real_growth_pct", _pct(real, lang, 2)),
            ),
        )
    )
    comparison = (
        "outlook_p_required_equal"
        if abs(diff) < 0.05
        else "outlook_p_required_above"
        if diff > 0
        else "outlook_p_required_below"
    )
    section.paragraphs.append(
        _live(
            "required_comparison",
            fmt.t(
                lang,
                comparison,
                diff=fmt.keyed("gdp_target_required_minus_achieved_real_pp", fmt.amount(abs(diff), "pp", lang, 1)),
                period=_stated(texts, "plan_period"),
                achieved=_stated(texts, "plan_real"),
            ),
        )
    )
    section.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_required_context",
            first=_year(int(annual["year"].min()), lang),
            last=_year(int(annual["year"].max()), lang),
            rates=_list([_pct(v, lang, 1) for v in annual["value"]], lang),
            compound=fmt.keyed("gdp_real_growth_compound_annual_series_pct", _pct(compound, lang, 2)),
            target_year=fmt.keyed("gdp_growth_target_year", _year(growth_target["year"], lang)),
            growth_target=fmt.keyed(
                "gdp_growth_target_pct",
                fmt.amount(
                    growth_target["value"],
                    "%",
                    lang,
                    m.decimals_of(growth_target["value_text"]),
                    growth_target["qualifier"],
                ),
            ),
            source=ds.source_short(growth_target["source"]),
        )
    )
    # Chart: the plan's annual real rates, its average, next year's target and the required rate.
    data_rows = [
        {"item": str(int(year)), "period": str(int(year)), "real_growth_pct": value, "kind": "published"}
        for year, value in zip(annual["year"], annual["value"])
    ]
    data_rows.append(
        {"item": "plan_average", "period": achieved.period, "real_growth_pct": achieved.value, "kind": "article"}
    )
    data_rows.append(
        {
            "item": "growth_target",
            "period": str(growth_target["year"]),
            "real_growth_pct": growth_target["value"],
            "kind": "target",
        }
    )
    data_rows.append(
        {
            "item": "required_for_gdp_target",
            "period": f"{base_year}-{cfg.horizon_year}",
            "real_growth_pct": real,
            "kind": "required",
        }
    )
    frame = pd.DataFrame(data_rows)
    labels = [str(int(year)) for year in annual["year"]] + [
        fmt.t(lang, "outlook_bar_plan_average", period=fmt.period(achieved.period, lang)),
        fmt.t(lang, "outlook_bar_growth_target", year=_year(growth_target["year"], lang)),
        fmt.t(lang, "outlook_bar_required", period=fmt.period(f"{base_year + 1}-{cfg.horizon_year}", lang)),
    ]
    source = charts.source_line(
        ds, ["gdp_growth", GDP_GROWTH_TARGET_INDICATOR], lang, sorted(set(annual["source"]) | {growth_target["source"]})
    )
    chart = charts.bar_chart(
        "gdp_required_growth",
        labels,
        list(frame["real_growth_pct"]),
        [_pct(v, lang, 1) for v in frame["real_growth_pct"]],
        fmt.t(lang, "outlook_chart_required"),
        source + fmt.t(lang, "outlook_note_required"),
        ylabel="%",
        colors=[REQUIRED_BAR_COLORS[k] for k in frame["kind"]],
        data=frame,
    )
    if min(frame["real_growth_pct"]) < 0:  # bar_chart starts the axis at zero
        low, high = min(frame["real_growth_pct"]), max(max(frame["real_growth_pct"]), 0)
        chart.figure.axes[0].set_ylim(low * 1.15, max(high * 1.15, 1))
    section.charts.append(chart)
    return section
