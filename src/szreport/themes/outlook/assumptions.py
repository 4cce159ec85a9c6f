"""The outlook report's first section: what the scenarios are (and are not), their parameters, the base figures,
the deflator and the GDP target.
"""

from __future__ import annotations

import pandas as pd

from szreport import fmt
from szreport import metrics as m
from szreport.data.loader import Dataset
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.outlook.inputs import (
    GDP_TARGET_INDICATOR,
    SCENARIO_FIGURES,
    _stated_target,
    base_figures,
    settings,
)
from szreport.themes.outlook.text import _decimals, _list, _live, _rate, _stated, _target_sentence, _year, stated_texts


@tolerant("outlook_h_assumptions", SCENARIO_FIGURES, "gdp", "trade", "rd_intensity", "rd_expenditure")
def assumptions(ds: Dataset, lang: str, **params) -> Section:
    """What the scenarios are (and are not), their parameters, the base figures, the deflator and the target."""
    cfg = settings(ds, **params)
    base = base_figures(ds)
    g0, g1, real = base.gdp_plan_start, base.gdp, base.gdp_plan_real_growth
    trade, rd_int = base.trade, base.rd_intensity
    years = m.period_years(real.period)
    nominal = m.cagr_pct(g0.interval, g1.interval, years)
    implied = m.implied_deflator_pct(nominal, real.interval)
    stated = _stated_target(ds, GDP_TARGET_INDICATOR)
    section = Section(fmt.t(lang, "outlook_h_assumptions"))
    for figure in (g0, g1, real, trade, rd_int):
        section.state(figure)
    section.derive("horizon_year", cfg.horizon_year)
    section.derive("base_year", int(g1.period))
    section.derive("gdp_deflator_assumption_pct", cfg.gdp_deflator_pct)
    span = f"{g0.period}_{g1.period}"
    section.derive(f"gdp_nominal_cagr_{span}_pct", nominal)
    section.derive(f"gdp_implied_deflator_{span}_pct", implied)
    section.derive("gdp_target_yuan_trillion", cfg.gdp_target_yuan_trillion)
    section.derive("gdp_target_stated_yuan_trillion", stated["value"])
    section.derive("gdp_target_stated_year", stated["year"])
    section.derive("rd_intensity_target_pct", cfg.rd_intensity_target_pct)
    section.derive("trade_base_year", int(trade.period))
    section.derive("rd_intensity_base_year", int(rd_int.period))
    texts = stated_texts(ds, lang)
    horizon = fmt.keyed("horizon_year", _year(cfg.horizon_year, lang))
    section.paragraphs.append(_live("not_forecast", fmt.t(lang, "outlook_p_not_forecast", horizon=horizon)))
    section.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_base",
            base_year=_stated(texts, "gdp_year"),
            gdp=_stated(texts, "gdp"),
            trade_year=_stated(texts, "trade_year"),
            trade=_stated(texts, "trade"),
            rd_year=_stated(texts, "rd_intensity_year"),
            rd=_stated(texts, "rd_intensity"),
        )
    )
    deflator = fmt.keyed("gdp_deflator_assumption_pct", _rate(cfg.gdp_deflator_pct, lang))
    section.paragraphs.append(
        _live(
            "deflator",
            fmt.t(
                lang,
                "outlook_p_deflator",
                deflator=deflator,
                period=_stated(texts, "plan_period"),
                v0=_stated(texts, "gdp_start"),
                v1=_stated(texts, "gdp"),
                nominal=_stated(texts, "plan_nominal"),
                real=_stated(texts, "plan_real"),
                implied=_stated(texts, "plan_deflator"),
            ),
        )
    )
    section.paragraphs.append(_live("target", _target_sentence(ds, lang, cfg, stated)))
    rows = [
        ("horizon_year", fmt.t(lang, "outlook_param_horizon_year"), _year(cfg.horizon_year, lang)),
        (
            "gdp_real_growth_scenarios_pct",
            fmt.t(lang, "outlook_param_gdp_real_growth_scenarios_pct"),
            _list([_rate(r, lang) for r in cfg.gdp_real_growth_scenarios_pct], lang),
        ),
        ("gdp_deflator_pct", fmt.t(lang, "outlook_param_gdp_deflator_pct"), _rate(cfg.gdp_deflator_pct, lang)),
        (
            "gdp_target_yuan_trillion",
            fmt.t(lang, "outlook_param_gdp_target_yuan_trillion"),
            fmt.amount(cfg.gdp_target_yuan_trillion, "万亿元", lang, _decimals(cfg.gdp_target_yuan_trillion, 0)),
        ),
        (
            "rd_intensity_target_pct",
            fmt.t(lang, "outlook_param_rd_intensity_target_pct"),
            _rate(cfg.rd_intensity_target_pct, lang),
        ),
        (
            "trade_growth_scenarios_pct",
            fmt.t(lang, "outlook_param_trade_growth_scenarios_pct"),
            _list([_rate(r, lang) for r in cfg.trade_growth_scenarios_pct], lang),
        ),
    ]
    table = pd.DataFrame(
        [
            {
                fmt.t(lang, "outlook_col_assumption"): label,
                fmt.t(lang, "outlook_col_setting"): value,
            }
            for name, label, value in rows
        ]
    )
    section.tables.append((fmt.t(lang, "outlook_caption_assumptions"), table))
    return section
