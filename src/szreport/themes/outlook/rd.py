"""The outlook report's R&D section: R&D intensity on a straight line to its target at the horizon, and the R&D
spending it implies under each GDP scenario.
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
from szreport.themes.outlook.inputs import SCENARIO_FIGURES, base_figures, settings
from szreport.themes.outlook.scenarios import linear_path, nominal_growth_pct
from szreport.themes.outlook.text import _keyed_span, _live, _pct, _rate, _signed, _stated, _year, stated_texts


@tolerant("outlook_h_rd", SCENARIO_FIGURES, "rd_intensity", "rd_expenditure")
def rd_intensity(ds: Dataset, lang: str, **params) -> Section:
    """R&D intensity on a straight line to its target at the horizon, and R&D spending under each GDP scenario."""
    cfg = settings(ds, **params)
    figures = base_figures(ds)
    base_int, rd_base, rd_cagr, gdp_base = figures.rd_intensity, figures.rd, figures.rd_plan_cagr, figures.gdp
    rd_year, gdp_year = int(base_int.period), int(gdp_base.period)
    path = dict(linear_path(rd_year, base_int.value, cfg.horizon_year, cfg.rd_intensity_target_pct))
    step = (cfg.rd_intensity_target_pct - base_int.value) / (cfg.horizon_year - rd_year)
    history = ds.annual("rd_intensity")
    first = history.iloc[0]
    pace = (base_int.value - first["value"]) / (rd_year - int(first["year"])) if rd_year > first["year"] else None
    section = Section(fmt.t(lang, "outlook_h_rd"))
    for figure in (base_int, rd_base, rd_cagr):
        section.state(figure)
    section.derive("rd_intensity_target_pct", cfg.rd_intensity_target_pct)
    section.derive("rd_intensity_step_pp_per_year", step)
    if pace is not None:
        section.derive("rd_intensity_published_pace_pp_per_year", pace)
        section.derive("rd_intensity_published_first_year", int(first["year"]))
    rows, spend, growth = [], [], []
    for scenario, real in enumerate(cfg.gdp_real_growth_scenarios_pct, start=1):
        nominal = nominal_growth_pct(real, cfg.gdp_deflator_pct)
        gdp_h = m.project(m.convert(gdp_base.value, gdp_base.unit, "亿元"), nominal, cfg.horizon_year - gdp_year)
        rd_h = gdp_h * cfg.rd_intensity_target_pct / 100
        cagr = m.cagr_pct(m.convert(rd_base.value, rd_base.unit, "亿元"), rd_h, cfg.horizon_year - int(rd_base.period))
        spend.append(rd_h)
        growth.append(cagr)
        section.derive(f"scenario_{scenario}_rd_horizon_yuan_100m", rd_h)
        section.derive(f"scenario_{scenario}_rd_cagr_to_horizon_pct", cagr)
        rows.append(
            {
                fmt.t(lang, "outlook_col_scenario"): fmt.t(lang, "outlook_scenario_name", i=scenario),
                fmt.t(lang, "outlook_col_real_growth"): _rate(real, lang),
                fmt.t(lang, "outlook_col_gdp_horizon", horizon=_year(cfg.horizon_year, lang)): fmt.amount(
                    m.convert(gdp_h, "亿元", "万亿元"), "万亿元", lang, 2
                ),
                fmt.t(lang, "outlook_col_rd_horizon", horizon=_year(cfg.horizon_year, lang)): fmt.amount(
                    rd_h, "亿元", lang, 0
                ),
                fmt.t(lang, "outlook_col_rd_growth", year=_year(int(rd_base.period), lang)): _pct(cagr, lang, 1),
            }
        )
    texts = stated_texts(ds, lang)
    horizon = fmt.keyed("horizon_year", _year(cfg.horizon_year, lang))
    section.derive("horizon_year", cfg.horizon_year)
    section.derive("rd_intensity_base_year", rd_year)
    section.derive("rd_base_year", int(rd_base.period))
    section.paragraphs.append(
        _live(
            "rd_path",
            fmt.t(
                lang,
                "outlook_p_rd_path",
                base_year=_stated(texts, "rd_intensity_year"),
                base=_stated(texts, "rd_intensity"),
                horizon=horizon,
                target=fmt.keyed("rd_intensity_target_pct", _rate(cfg.rd_intensity_target_pct, lang)),
                step=fmt.keyed("rd_intensity_step_pp_per_year", _signed(step, "pp", lang, 2)),
            ),
        )
    )
    if pace is not None:
        section.derive("rd_intensity_published_first_pct", float(first["value"]))
        section.paragraphs.append(
            fmt.t(
                lang,
                "outlook_p_rd_pace",
                first=fmt.keyed("rd_intensity_published_first_year", _year(int(first["year"]), lang)),
                first_value=fmt.keyed("rd_intensity_published_first_pct", _pct(first["value"], lang, 2)),
                base_year=_stated(texts, "rd_intensity_year"),
                base=_stated(texts, "rd_intensity"),
                pace=fmt.keyed("rd_intensity_published_pace_pp_per_year", _signed(pace, "pp", lang, 2)),
            )
        )
    section.paragraphs.append(
        _live(
            "rd_spending",
            fmt.t(
                lang,
                "outlook_p_rd_spending",
                horizon=horizon,
                levels=_keyed_span(
                    lang, spend, lambda v: fmt.amount(v, "亿元", lang, 0), "scenario_{}_rd_horizon_yuan_100m".format
                ),
                rd_year=_stated(texts, "rd_year"),
                rd=_stated(texts, "rd"),
                g=_keyed_span(lang, growth, lambda v: _pct(v, lang, 1), "scenario_{}_rd_cagr_to_horizon_pct".format),
                period=_stated(texts, "rd_cagr_period"),
                cagr=_stated(texts, "rd_cagr"),
            ),
        )
    )
    section.tables.append(
        (fmt.t(lang, "outlook_caption_rd", horizon=_year(cfg.horizon_year, lang)), pd.DataFrame(rows))
    )
    hist, break_year = _history_frame(ds, "rd_intensity", None, "rd_intensity_pct")
    frame = pd.DataFrame({"year": list(range(int(hist["year"].min()), cfg.horizon_year + 1))}).merge(
        hist, on="year", how="left"
    )
    plot = ScenarioChart(frame, *_history_lines(lang, "rd_intensity_pct", frame))
    label = fmt.t(
        lang,
        "outlook_lbl_rd_path",
        target=_rate(cfg.rd_intensity_target_pct, lang),
        horizon=_year(cfg.horizon_year, lang),
    )
    plot.add_path(
        "scenario_rd_intensity_pct", path, label, 1, (cfg.horizon_year, _rate(cfg.rd_intensity_target_pct, lang))
    )
    source = charts.source_line(ds, ["rd_intensity"], lang, sorted(set(history["source"])))
    chart = plot.draw("rd_intensity_path", lang, fmt.t(lang, "outlook_chart_rd"), source, "%", break_year)
    section.charts.append(chart)
    return section
