"""How the outlook report words its numbers: rates with the decimals they were given with, years, spans and
lists, signed changes, source names, scenario labels and the sentences about the GDP target.
"""

from __future__ import annotations

import math

from . import fmt
from . import metrics as m
from .data import Dataset
from .outlook_inputs import GDP_TARGET_INDICATOR, Settings, _stated_target


def _decimals(value: float, least: int = 1, most: int = 2) -> int:
    """Decimals needed to show a parameter as given (5 -> 1 decimal: 5.0%; 7.25 -> 2), within least..most."""
    for d in range(least, most + 1):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return most


def _pct(value: float, lang: str, decimals: int = 1) -> str:
    return fmt.amount(value, "%", lang, decimals)


def _rate(value: float, lang: str) -> str:
    """A parameter rate, with the decimals it was given with."""
    return _pct(value, lang, _decimals(value))


def _year(year: int, lang: str) -> str:
    return fmt.period(str(int(year)), lang)


def _span(lo_text: str, hi_text: str, lang: str) -> str:
    return lo_text if lo_text == hi_text else fmt.t(lang, "outlook_span", lo=lo_text, hi=hi_text)


def _list(texts: list[str], lang: str) -> str:
    return fmt.t(lang, "outlook_list_sep").join(texts)


def _signed(value: float, unit: str, lang: str, decimals: int) -> str:
    """A change with its sign: +0.19万亿元 / −CNY 0.29 trillion."""
    text = fmt.amount(abs(value), unit, lang, decimals)
    if round(abs(value), decimals) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def _source(ds: Dataset, source_id: str) -> str:
    row = ds.source(source_id)
    return f"{str(row['publisher']).split(' (')[0]} {row['date']}"


def _scenario_label(lang: str, key: str, rate: float) -> str:
    return fmt.t(lang, key, rate=_rate(rate, lang))


def _target_sentence(ds: Dataset, lang: str, cfg: Settings, stated: dict) -> str:
    """Where the GDP target comes from: the stated ambition with its source, or a parameter of this run."""
    meta = ds.meta(GDP_TARGET_INDICATOR)
    description = meta[f"description_{lang}"]
    if lang == "en":  # used mid-sentence
        description = description[:1].lower() + description[1:]
    stated_text = fmt.amount(
        stated["value"], stated["unit"], lang, m.decimals_of(stated["value_text"]), stated["qualifier"]
    )
    common = dict(
        description=description,
        source=_source(ds, stated["source"]),
        stated=stated_text,
        stated_year=_year(stated["year"], lang),
        horizon=_year(cfg.horizon_year, lang),
    )
    target_in_unit = m.convert(cfg.gdp_target_yuan_trillion, "万亿元", stated["unit"])
    if not math.isclose(target_in_unit, stated["value"], rel_tol=1e-9):
        target = fmt.amount(cfg.gdp_target_yuan_trillion, "万亿元", lang, _decimals(cfg.gdp_target_yuan_trillion, 0))
        return fmt.t(lang, "outlook_p_target_parameter", target=target, **common)
    if cfg.horizon_year != stated["year"]:
        return fmt.t(lang, "outlook_p_target_moved", **common)
    return fmt.t(lang, "outlook_p_target_stated", **common)


def _target_text(ds: Dataset, lang: str, cfg: Settings) -> str:
    """The target as shown in sentences: with the stated qualifier (超) when it is the stated target."""
    stated = _stated_target(ds, GDP_TARGET_INDICATOR)
    if math.isclose(m.convert(cfg.gdp_target_yuan_trillion, "万亿元", stated["unit"]), stated["value"], rel_tol=1e-9):
        return fmt.amount(
            stated["value"], stated["unit"], lang, m.decimals_of(stated["value_text"]), stated["qualifier"]
        )
    return fmt.amount(cfg.gdp_target_yuan_trillion, "万亿元", lang, _decimals(cfg.gdp_target_yuan_trillion, 0))
