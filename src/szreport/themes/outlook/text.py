"""How the outlook report words its numbers: rates with the decimals they were given with, years, spans and
lists, signed changes, source names, scenario labels and the sentences about the GDP target.
"""

from __future__ import annotations

import math

from szreport import fmt
from szreport import metrics as m
from szreport.data.loader import Dataset
from szreport.themes.outlook.inputs import GDP_TARGET_INDICATOR, Settings, _stated_target


def _decimals(value: float, least: int = 1, most: int = 2) -> int:
    """Decimals needed to show a parameter as given (5 -> 1 decimal: 5.0%; 7.25 -> 2), within least..most."""
    for digits in range(least, most + 1):
        if abs(round(value, digits) - value) < 1e-9:
            return digits
    return most


def _pct(value: float, lang: str, decimals: int = 1) -> str:
    return fmt.amount(value, "%", lang, decimals)


def _rate(value: float, lang: str) -> str:
    """A parameter rate, with the decimals it was given with."""
    return _pct(value, lang, _decimals(value))


def counted(count: int) -> str:
    """The ending of a template whose words agree with ``count``: ``_one`` for 1 ("1 year on"), ``_other`` else."""
    return "_one" if count == 1 else "_other"


def reaching_key(reached: int, count: int) -> str:
    """The template of how many of ``count`` scenarios reach the target: "1 of the 2 scenarios reaches", "2 of the
    3 scenarios reach", "The single scenario reaches"."""
    if count == 1:
        return "outlook_p_gdp_reaching_single_" + ("yes" if reached else "no")
    return "outlook_p_gdp_reaching" + counted(reached)


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


def _scenario_label(lang: str, key: str, rate: float) -> str:
    return fmt.t(lang, key, rate=_rate(rate, lang))


def _target_sentence(ds: Dataset, lang: str, cfg: Settings, stated: dict) -> fmt.Md:
    """Where the GDP target comes from: the stated ambition with its source, or a parameter of this run."""
    texts = stated_texts(ds, lang)
    common = dict(
        description=texts["target_description"][1],
        source=texts["target_source"][1],
        stated=_stated(texts, "target_stated"),
        stated_year=_stated(texts, "target_stated_year"),
        horizon=fmt.keyed("horizon_year", _year(cfg.horizon_year, lang)),
    )
    if not _is_stated_target(cfg, stated):
        target = fmt.amount(cfg.gdp_target_yuan_trillion, "万亿元", lang, _decimals(cfg.gdp_target_yuan_trillion, 0))
        return fmt.t(lang, "outlook_p_target_parameter", target=fmt.keyed("gdp_target_yuan_trillion", target), **common)
    if cfg.horizon_year != stated["year"]:
        return fmt.t(lang, "outlook_p_target_moved", **common)
    return fmt.t(lang, "outlook_p_target_stated", **common)


def _is_stated_target(cfg: Settings, stated: dict) -> bool:
    """Whether the run's GDP target is the stated one (in the stated target's unit, within rounding noise)."""
    target_in_unit = m.convert(cfg.gdp_target_yuan_trillion, "万亿元", stated["unit"])
    return math.isclose(target_in_unit, stated["value"], rel_tol=1e-9)


def _target_text(ds: Dataset, lang: str, cfg: Settings) -> fmt.Md:
    """The target as shown in sentences, keyed: with the stated qualifier (超) when it is the stated target."""
    stated = _stated_target(ds, GDP_TARGET_INDICATOR)
    if _is_stated_target(cfg, stated):
        text = fmt.amount(
            stated["value"], stated["unit"], lang, m.decimals_of(stated["value_text"]), stated["qualifier"]
        )
    else:
        text = fmt.amount(cfg.gdp_target_yuan_trillion, "万亿元", lang, _decimals(cfg.gdp_target_yuan_trillion, 0))
    return fmt.keyed("gdp_target_yuan_trillion", text)


def _live(name: str, text) -> fmt.Md:
    """A sentence that follows the parameters, wrapped in a span naming it: the page's scenario script
    (:mod:`szreport.themes.outlook.page`) writes it again when a reader changes the assumptions."""
    return fmt.Md(f'<span data-sz-text="{name}">') + fmt.md(text) + fmt.Md("</span>")


def _keyed_span(lang: str, values: list[float], text, key) -> fmt.Md:
    """The lowest to the highest of one figure across scenarios, each keyed as its scenario's figure (the first
    scenario with that value); one figure when both ends read alike. ``text(value)`` words a value, ``key(i)``
    is the results.json key of scenario ``i`` (from 1)."""
    lo, hi = values.index(min(values)), values.index(max(values))
    lo_text, hi_text = text(values[lo]), text(values[hi])
    if lo_text == hi_text:
        return fmt.keyed(key(lo + 1), lo_text)
    return fmt.t(lang, "outlook_span", lo=fmt.keyed(key(lo + 1), lo_text), hi=fmt.keyed(key(hi + 1), hi_text))


def stated_texts(ds: Dataset, lang: str) -> dict[str, tuple[str | None, str]]:
    """What the outlook's sentences take from the data folder rather than the parameters: name -> (results.json
    key or None, words). The sections and the page's scenario script (:mod:`szreport.themes.outlook.page`) both use
    them, so the page writes these words exactly as the notebook does."""
    from szreport.present.report import figure_key
    from szreport.themes.outlook.inputs import base_figures

    base = base_figures(ds)
    g0, g1, real, trade, rd_int, rd, rd_cagr = (
        base.gdp_plan_start,
        base.gdp,
        base.gdp_plan_real_growth,
        base.trade,
        base.rd_intensity,
        base.rd,
        base.rd_plan_cagr,
    )
    nominal = m.cagr_pct(g0.interval, g1.interval, m.period_years(real.period))
    implied = m.implied_deflator_pct(nominal, real.interval)
    stated = _stated_target(ds, GDP_TARGET_INDICATOR)
    description = ds.meta(GDP_TARGET_INDICATOR)[f"description_{lang}"]
    if lang == "en":  # used mid-sentence
        description = description[:1].lower() + description[1:]
    span = f"{g0.period}_{g1.period}"

    def amount(figure) -> str:
        return fmt.amount(figure.value, figure.unit, lang, figure.decimals)

    return {
        "gdp": (figure_key(g1), amount(g1)),
        "gdp_year": ("base_year", _year(int(g1.period), lang)),
        "gdp_start": (figure_key(g0), amount(g0)),
        "plan_period": (None, fmt.period(real.period, lang)),
        "plan_real": (figure_key(real), fmt.amount(real.value, "%", lang, real.decimals)),
        "plan_nominal": (f"gdp_nominal_cagr_{span}_pct", fmt.amount_range(nominal, "%", lang, 1)),
        "plan_deflator": (f"gdp_implied_deflator_{span}_pct", fmt.amount_range(implied, "%", lang, 1)),
        "trade": (figure_key(trade), amount(trade)),
        "trade_year": ("trade_base_year", _year(int(trade.period), lang)),
        "rd_intensity": (figure_key(rd_int), fmt.amount(rd_int.value, "%", lang, rd_int.decimals)),
        "rd_intensity_year": ("rd_intensity_base_year", _year(int(rd_int.period), lang)),
        "rd": (figure_key(rd), amount(rd)),
        "rd_year": ("rd_base_year", _year(int(rd.period), lang)),
        "rd_cagr": (figure_key(rd_cagr), fmt.amount(rd_cagr.value, "%", lang, rd_cagr.decimals)),
        "rd_cagr_period": (None, fmt.period(rd_cagr.period, lang)),
        "target_description": (None, str(fmt.plain(fmt.md(description)))),
        "target_source": (None, str(fmt.plain(fmt.md(ds.source_short(stated["source"]))))),
        "target_stated": (
            "gdp_target_stated_yuan_trillion",
            fmt.amount(stated["value"], stated["unit"], lang, m.decimals_of(stated["value_text"]), stated["qualifier"]),
        ),
        "target_stated_year": ("gdp_target_stated_year", _year(stated["year"], lang)),
    }


def _stated(texts: dict, name: str) -> fmt.Md | str:
    """One of :func:`stated_texts`, keyed when it has a key."""
    key, text = texts[name]
    return fmt.keyed(key, text) if key else text
