"""The outlook report's foreign trade section: a trade path from the article's last level per nominal growth
scenario, set against the plan's own growth.
"""

from __future__ import annotations

import pandas as pd

from szreport import fmt
from szreport import metrics as m
from szreport.charts import draw as charts
from szreport.data.loader import Dataset
from szreport.present.partial import tolerant
from szreport.present.report import Section, figure_key
from szreport.themes.outlook.charts import ScenarioChart
from szreport.themes.outlook.inputs import SCENARIO_FIGURES, base_figures, settings
from szreport.themes.outlook.scenarios import scenario_path
from szreport.themes.outlook.text import (
    _keyed_span,
    _live,
    _rate,
    _scenario_label,
    _signed,
    _stated,
    _year,
    counted,
    stated_texts,
)


@tolerant("outlook_h_trade", SCENARIO_FIGURES, "trade")
def trade(ds: Dataset, lang: str, **params) -> Section:
    """Foreign trade paths from the article's last level, one per nominal growth scenario."""
    cfg = settings(ds, **params)
    figures = base_figures(ds)
    base, increment, last_growth = figures.trade, figures.trade_plan_increment, figures.trade_growth
    base_year, base_level = int(base.period), m.convert(base.value, base.unit, "万亿元")
    years = cfg.horizon_year - base_year
    history = ds.annual("trade", unit="万亿元")
    history = history[history["year"] <= base_year]
    plan_start, plan_end = (int(y) for y in increment.period.split("-"))
    section = Section(fmt.t(lang, "outlook_h_trade"))
    for figure in (base, increment, last_growth):
        section.state(figure)
    section.derive("trade_scenario_count", len(cfg.trade_growth_scenarios_pct))
    plan_cagr = None
    if plan_start in set(history["year"]) and plan_end == base_year:
        start_interval = ds.annual_interval("trade", plan_start, unit="万亿元")
        plan_cagr = m.cagr_pct(start_interval, base.interval_in("万亿元"), plan_end - plan_start)
        section.derive(f"trade_nominal_cagr_{plan_start}_{plan_end}_pct", plan_cagr)
    frame = pd.DataFrame({"year": list(range(int(history["year"].min()), cfg.horizon_year + 1))})
    frame["trade_yuan_trillion"] = frame["year"].map(dict(zip(history["year"], history["value"])))
    plot = ScenarioChart(
        frame,
        {"trade_yuan_trillion": fmt.t(lang, "outlook_lbl_history")},
        {"trade_yuan_trillion": {"color": charts.ACCENT}},
    )
    rows, levels, increments = [], [], []
    for scenario, rate in enumerate(cfg.trade_growth_scenarios_pct, start=1):
        path = dict(scenario_path(base_level, base_year, cfg.horizon_year, rate))
        level = path[cfg.horizon_year]
        levels.append(level)
        increments.append(level - base_level)
        label = _scenario_label(lang, "outlook_lbl_trade_scenario", rate)
        plot.add_path(
            f"scenario_{scenario}_trade_yuan_trillion",
            path,
            label,
            scenario,
            (cfg.horizon_year, fmt.number(level, 2, lang)),
        )
        section.derive(f"trade_scenario_{scenario}_growth_pct", rate)
        section.derive(f"trade_scenario_{scenario}_horizon_yuan_trillion", level)
        section.derive(f"trade_scenario_{scenario}_increment_yuan_trillion", level - base_level)
        rows.append(
            {
                fmt.t(lang, "outlook_col_scenario"): fmt.t(lang, "outlook_scenario_name", i=scenario),
                fmt.t(lang, "outlook_col_trade_growth"): _rate(rate, lang),
                fmt.t(lang, "outlook_col_trade_horizon", horizon=_year(cfg.horizon_year, lang)): fmt.amount(
                    level, "万亿元", lang, 2
                ),
                fmt.t(lang, "outlook_col_trade_increment" + counted(years), years=fmt.number(years, 0, lang)): _signed(
                    level - base_level, "万亿元", lang, 2
                ),
            }
        )
    rates = list(cfg.trade_growth_scenarios_pct)
    texts = stated_texts(ds, lang)
    section.derive("horizon_year", cfg.horizon_year)
    section.derive("trade_base_year", base_year)
    section.derive("years_to_horizon", years)
    section.paragraphs.append(
        _live(
            "trade",
            fmt.t(
                lang,
                "outlook_p_trade" + counted(years),
                base_year=_stated(texts, "trade_year"),
                base=_stated(texts, "trade"),
                g=_keyed_span(lang, rates, lambda v: _rate(v, lang), "trade_scenario_{}_growth_pct".format),
                horizon=fmt.keyed("horizon_year", _year(cfg.horizon_year, lang)),
                levels=_keyed_span(
                    lang,
                    levels,
                    lambda v: fmt.amount(v, "万亿元", lang, 2),
                    "trade_scenario_{}_horizon_yuan_trillion".format,
                ),
                years=fmt.keyed("years_to_horizon", fmt.number(years, 0, lang)),
                inc=_keyed_span(
                    lang,
                    increments,
                    lambda v: _signed(v, "万亿元", lang, 2),
                    "trade_scenario_{}_increment_yuan_trillion".format,
                ),
            ),
        )
    )
    if plan_cagr is not None:
        section.paragraphs.append(
            fmt.t(
                lang,
                "outlook_p_trade_plan",
                period=fmt.period(increment.period, lang),
                inc=fmt.keyed(
                    figure_key(increment), fmt.amount(increment.value, increment.unit, lang, increment.decimals)
                ),
                cagr=fmt.keyed(
                    f"trade_nominal_cagr_{plan_start}_{plan_end}_pct", fmt.amount_range(plan_cagr, "%", lang, 1)
                ),
                year=fmt.keyed("trade_base_year", _year(int(last_growth.period), lang)),
                growth=fmt.keyed(
                    figure_key(last_growth), fmt.amount(last_growth.value, "%", lang, last_growth.decimals)
                ),
            )
        )
    section.tables.append(
        (fmt.t(lang, "outlook_caption_trade", horizon=_year(cfg.horizon_year, lang)), pd.DataFrame(rows))
    )
    source = charts.source_line(ds, ["trade"], lang, sorted(set(history["source"])))
    chart = plot.draw(
        "trade_scenarios", lang, fmt.t(lang, "outlook_chart_trade"), source, fmt.t(lang, "unit_yuan_trillion")
    )
    section.charts.append(chart)
    return section
