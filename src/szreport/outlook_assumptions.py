"""The outlook report's first section: what the scenarios are (and are not), their parameters, the base figures,
the deflator and the GDP target.
"""

from __future__ import annotations

import pandas as pd

from . import fmt
from . import metrics as m
from .data import Dataset
from .outlook_inputs import GDP_TARGET_INDICATOR, _stated_target, base_figures, settings
from .outlook_text import _decimals, _list, _rate, _target_sentence, _year
from .report import Section


def assumptions(ds: Dataset, lang: str, **params) -> Section:
    """What the scenarios are (and are not), their parameters, the base figures, the deflator and the target."""
    cfg = settings(ds, **params)
    b = base_figures(ds)
    g0, g1, real = b.gdp_plan_start, b.gdp, b.gdp_plan_real_growth
    trade, rd_int = b.trade, b.rd_intensity
    years = m.period_years(real.period)
    nominal = m.cagr_pct(g0.interval, g1.interval, years)
    implied = m.implied_deflator_pct(nominal, real.interval)
    stated = _stated_target(ds, GDP_TARGET_INDICATOR)
    s = Section(fmt.t(lang, "outlook_h_assumptions"))
    for f in (g0, g1, real, trade, rd_int):
        s.state(f)
    s.derive("horizon_year", cfg.horizon_year)
    s.derive("base_year", int(g1.period))
    s.derive("gdp_deflator_assumption_pct", cfg.gdp_deflator_pct)
    span = f"{g0.period}_{g1.period}"
    s.derive(f"gdp_nominal_cagr_{span}_pct", nominal)
    s.derive(f"gdp_implied_deflator_{span}_pct", implied)
    s.derive("gdp_target_yuan_trillion", cfg.gdp_target_yuan_trillion)
    s.derive("gdp_target_stated_yuan_trillion", stated["value"])
    s.derive("gdp_target_stated_year", stated["year"])
    s.derive("rd_intensity_target_pct", cfg.rd_intensity_target_pct)
    s.paragraphs.append(fmt.t(lang, "outlook_p_not_forecast", horizon=_year(cfg.horizon_year, lang)))
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_base",
            base_year=_year(int(g1.period), lang),
            gdp=fmt.amount(g1.value, g1.unit, lang, g1.decimals),
            trade_year=_year(int(trade.period), lang),
            trade=fmt.amount(trade.value, trade.unit, lang, trade.decimals),
            rd_year=_year(int(rd_int.period), lang),
            rd=fmt.amount(rd_int.value, "%", lang, rd_int.decimals),
        )
    )
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_deflator",
            deflator=_rate(cfg.gdp_deflator_pct, lang),
            period=fmt.period(real.period, lang),
            v0=fmt.amount(g0.value, g0.unit, lang, g0.decimals),
            v1=fmt.amount(g1.value, g1.unit, lang, g1.decimals),
            nominal=fmt.amount_range(nominal, "%", lang, 1),
            real=fmt.amount(real.value, "%", lang, real.decimals),
            implied=fmt.amount_range(implied, "%", lang, 1),
        )
    )
    s.paragraphs.append(_target_sentence(ds, lang, cfg, stated))
    rows = [
        ("horizon_year", fmt.t(lang, "outlook_param_horizon"), _year(cfg.horizon_year, lang)),
        (
            "gdp_real_growth_scenarios_pct",
            fmt.t(lang, "outlook_param_gdp_growth"),
            _list([_rate(r, lang) for r in cfg.gdp_real_growth_scenarios_pct], lang),
        ),
        ("gdp_deflator_pct", fmt.t(lang, "outlook_param_deflator"), _rate(cfg.gdp_deflator_pct, lang)),
        (
            "gdp_target_yuan_trillion",
            fmt.t(lang, "outlook_param_target"),
            fmt.amount(cfg.gdp_target_yuan_trillion, "万亿元", lang, _decimals(cfg.gdp_target_yuan_trillion, 0)),
        ),
        ("rd_intensity_target_pct", fmt.t(lang, "outlook_param_rd"), _rate(cfg.rd_intensity_target_pct, lang)),
        (
            "trade_growth_scenarios_pct",
            fmt.t(lang, "outlook_param_trade_growth"),
            _list([_rate(r, lang) for r in cfg.trade_growth_scenarios_pct], lang),
        ),
    ]
    table = pd.DataFrame(
        [
            {
                fmt.t(lang, "outlook_col_assumption"): label,
                fmt.t(lang, "outlook_col_setting"): value,
                fmt.t(lang, "outlook_col_parameter"): name,
            }
            for name, label, value in rows
        ]
    )
    s.tables.append((fmt.t(lang, "outlook_caption_assumptions"), table))
    return s
