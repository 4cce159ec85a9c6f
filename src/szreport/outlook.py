"""The outlook report: the next five-year plan as parameterised scenarios, not forecasts.

Readers of a five-year review ask "at this pace, where will we be at the end of the next plan?". This module
answers with arithmetic on explicit assumptions (the notebook's parameters), never with a forecast:

- GDP: the article's last level (``gdp_2025``, 3.87万亿元) grown at each real growth scenario combined with one
  GDP-deflator assumption, nominal growth = (1 + real)(1 + deflator) - 1; the year each scenario reaches the
  GDP target; the nominal and real growth the target needs, set against the plan's achieved real growth (the
  article's ``gdp_growth_avg_2020_2025``) and the annual real rates (``series.csv``). The default target is the
  ambition reported for the 15th plan (``series.csv`` indicator ``gdp_target``, with its source).
- R&D intensity: a straight line from the last published intensity (``rd_intensity_2024``) to a target at the
  horizon; R&D expenditure under each GDP scenario is that intensity times nominal GDP.
- Foreign trade: the article's last level (``trade_2025``) grown at each nominal trade growth scenario.

The starting figures are found by what they are (:func:`base_figures`: the GDP level at the end of the plan
period, the latest R&D intensity, ...), never by ids with years in them, so a data folder for a later year
gives scenarios from its own figures, and keys and sentences take their years from the data.

History comes from the supplementary annual series (``series.csv``), labelled as such on every chart; scenario
paths are dashed and labelled as scenarios. The parameters are declared once, in the notebook's parameters cell
(names, types, defaults, help), which :func:`settings` reads for the defaults of those not given. They are
checked here too (against :data:`szreport.params.CONSTRAINTS` and the data folder), so a notebook run outside
the build fails early with a message naming the parameter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields

import pandas as pd

from . import charts, fmt
from . import data as data_mod
from . import metrics as m
from . import params as params_mod
from .report import Section

# Series (series.csv indicators) drawn as history or used as stated targets.
HISTORY_INDICATORS = ("gdp", "gdp_growth", "trade", "rd_intensity")
GDP_TARGET_INDICATOR = "gdp_target"
GDP_GROWTH_TARGET_INDICATOR = "gdp_growth_target"
# The year a scenario reaches the GDP target is searched this many years past the base year at most.
MAX_YEARS_TO_TARGET = 50
# Scenario colours (history keeps the accent colour and grey); six, as params caps each list at six items.
SCENARIO_COLORS = ["#2c3e50", "#e67e22", "#16a085", "#8e44ad", "#2980b9", "#7f6000"]
SCENARIO_STYLE = {"linestyle": "--", "linewidth": 1.6, "marker": "o", "markersize": 2.5}


# --- scenario arithmetic (plain numbers; unit-tested) --------------------------------------------------------


def nominal_growth_pct(real_pct: float, deflator_pct: float) -> float:
    """Nominal growth in percent from real growth and the deflator's change: (1 + r)(1 + d) - 1."""
    return ((1 + real_pct / 100) * (1 + deflator_pct / 100) - 1) * 100


def scenario_path(level: float, base_year: int, horizon_year: int, rate_pct: float) -> list[tuple[int, float]]:
    """(year, level) from the base year to the horizon, the level growing at ``rate_pct`` a year."""
    return [(year, m.project(level, rate_pct, year - base_year)) for year in range(base_year, horizon_year + 1)]


def year_reaching(
    level: float, target: float, base_year: int, rate_pct: float, max_years: int = MAX_YEARS_TO_TARGET
) -> int | None:
    """First year in which ``level`` growing at ``rate_pct`` reaches ``target``; None if not within max_years."""
    for years in range(0, max_years + 1):
        if m.project(level, rate_pct, years) >= target * (1 - 1e-12):
            return base_year + years
    return None


def required_growth_pct(start: float, target: float, years: int, deflator_pct: float) -> tuple[float, float]:
    """(nominal, real) average growth in percent a year that takes ``start`` to ``target`` in ``years`` years.

    The real rate is the nominal one with the deflator's change taken out: (1 + n) / (1 + d) - 1, which is
    :func:`szreport.metrics.implied_deflator_pct` with the roles of the two rates swapped.
    """
    nominal = m.required_cagr_pct(start, target, years)
    return nominal, m.implied_deflator_pct(nominal, deflator_pct)


def linear_path(start_year: int, start_value: float, end_year: int, end_value: float) -> list[tuple[int, float]]:
    """(year, value) on the straight line from (start_year, start_value) to (end_year, end_value)."""
    if end_year <= start_year:
        raise ValueError(f"the path must end after it starts: {start_year} -> {end_year}")
    step = (end_value - start_value) / (end_year - start_year)
    return [(year, start_value + step * (year - start_year)) for year in range(start_year, end_year + 1)]


# --- parameters ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Validated scenario parameters (see the notebook's parameters cell for their meaning)."""

    horizon_year: int
    gdp_real_growth_scenarios_pct: tuple[float, ...]
    gdp_deflator_pct: float
    gdp_target_yuan_trillion: float
    rd_intensity_target_pct: float
    trade_growth_scenarios_pct: tuple[float, ...]


@dataclass(frozen=True)
class BaseFigures:
    """The article figures the scenarios start from, found by what they are (never by an id with a year)."""

    gdp: data_mod.Figure  # GDP level at the end of the plan period
    gdp_plan_start: data_mod.Figure  # GDP level at the start of the period of the plan's average real growth
    gdp_plan_real_growth: data_mod.Figure  # the plan's average real GDP growth (a cagr ending with the plan)
    trade: data_mod.Figure  # foreign trade level at the end of the plan period
    trade_growth: data_mod.Figure  # trade growth in that year
    trade_plan_increment: data_mod.Figure  # trade's increment over the plan period
    rd_intensity: data_mod.Figure  # the latest R&D intensity
    rd: data_mod.Figure  # R&D expenditure in the same year
    rd_plan_cagr: data_mod.Figure  # R&D expenditure's average growth ending that year


def base_figures(ds) -> BaseFigures:
    """The starting figures of the scenarios for this data folder; a KeyError names what is missing."""
    end = ds.plan_end
    real = ds.find("gdp", "cagr", ending=end)
    rd_intensity = ds.find("rd_intensity", "share")
    rd = ds.find("rd_expenditure", "level", rd_intensity.period)
    return BaseFigures(
        gdp=ds.find("gdp", "level", ending=end),
        gdp_plan_start=ds.find("gdp", "level", data_mod.period_start(real.period)),
        gdp_plan_real_growth=real,
        trade=ds.find("trade", "level", ending=end),
        trade_growth=ds.find("trade", "growth", ending=end),
        trade_plan_increment=ds.find("trade", "increment", ending=end),
        rd_intensity=rd_intensity,
        rd=rd,
        rd_plan_cagr=ds.find("rd_expenditure", "cagr", ending=data_mod.period_end(rd.period)),
    )


def last_data_year(ds) -> int:
    """The last year the data folder has figures for: the base figures and the history series."""
    b = base_figures(ds)
    years = [int(f.period) for f in (b.gdp, b.trade, b.rd_intensity)]
    years += [int(ds.annual(indicator)["year"].max()) for indicator in HISTORY_INDICATORS]
    return max(years)


def parameter_spec(given=()) -> dict[str, params_mod.Parameter]:
    """The outlook's parameters, by name: type, default, help and constraints.

    They are declared once, in the notebook's parameters cell (with :data:`szreport.params.CONSTRAINTS`), which
    is read only when a parameter is not ``given``. In the notebook's own kernel every parameter is given, so the
    notebook file is not needed there, and each value is checked against the type of its :class:`Settings` field.
    """
    if {f.name for f in fields(Settings)} <= set(given):
        return {
            # str(): the annotations are already strings here (from __future__ import annotations)
            f.name: params_mod.Parameter(
                f.name, _type_name(str(f.type)), None, "", params_mod.CONSTRAINTS.get(f.name, {})
            )
            for f in fields(Settings)
        }
    from .build import notebook_path

    declared = params_mod.read_parameters(notebook_path("outlook"))
    return {f.name: declared[f.name] for f in fields(Settings)}


def _type_name(annotation: str) -> str:
    """A Settings field's type as a parameters cell declares it: a tuple of numbers is given as a list."""
    return annotation.replace("tuple[float, ...]", "list[float]")


def settings(ds, **params) -> Settings:
    """The parameters checked (type, range, list items, horizon after the data) and completed with the notebook's
    defaults (:func:`parameter_spec`).

    Raises :class:`szreport.params.ParameterError` naming the parameter.
    """
    known = [f.name for f in fields(Settings)]
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise params_mod.ParameterError(
            f"unknown outlook parameter(s) {', '.join(map(repr, unknown))}; known: {', '.join(known)}"
        )
    values = {
        name: params_mod.check_value(spec, params.get(name, spec.default))
        for name, spec in parameter_spec(params).items()
    }
    last = last_data_year(ds)
    if values["horizon_year"] <= last:
        raise params_mod.ParameterError(
            f"parameter 'horizon_year' must be after the last data year {last} of {ds.folder}, "
            f"got {values['horizon_year']}"
        )
    for name in ("gdp_real_growth_scenarios_pct", "trade_growth_scenarios_pct"):
        values[name] = tuple(values[name])
    return Settings(**values)


# --- formatting helpers ----------------------------------------------------------------------------------------


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


def _source(ds, source_id: str) -> str:
    row = ds.source(source_id)
    return f"{str(row['publisher']).split(' (')[0]} {row['date']}"


def _stated_target(ds, indicator: str) -> dict:
    """The stated target of ``indicator`` in series.csv: year, value, unit, qualifier, source (first row)."""
    row = ds.annual(indicator).iloc[0]
    return {
        "year": int(row["year"]),
        "value": float(row["value"]),
        "value_text": row["value_text"],
        "unit": row["unit"],
        "qualifier": row["qualifier"],
        "source": row["source"],
    }


def _scenario_label(lang: str, key: str, rate: float) -> str:
    return fmt.t(lang, key, rate=_rate(rate, lang))


def _history_frame(ds, indicator: str, unit: str | None, column: str) -> tuple[pd.DataFrame, int | None]:
    """Annual history split by vintage into ``<column>_pre_census`` / ``<column>_post_census``; the break year."""
    series = ds.annual(indicator, unit=unit)
    pre = series["vintage"] == "pre_census"
    frame = pd.DataFrame({"year": series["year"]})
    frame[f"{column}_pre_census"] = series["value"].where(pre)
    frame[f"{column}_post_census"] = series["value"].where(~pre)
    break_year = int(series.loc[~pre, "year"].min()) if pre.any() and (~pre).any() else None
    return frame, break_year


def _label_ends(chart: charts.Chart, points: Sequence[tuple[float, float, str, str]], min_gap: float = 0.05) -> None:
    """Write each (x, y, text, colour) just right of its point; labels closer than ``min_gap`` of the axis
    height are spread apart so that they stay readable. The legend moves to where it covers the fewest points."""
    ax = chart.figure.axes[0]
    if ax.get_legend() is not None:  # where it covers the fewest points: the paths depend on the parameters
        ax.legend(loc="best")
    low, high = ax.get_ylim()
    height_pt = ax.get_window_extent().height * 72 / chart.figure.dpi
    placed: list[float] = []
    for x, y, text, color in sorted(points, key=lambda p: p[1]):
        position = (y - low) / (high - low)
        if placed and position - placed[-1] < min_gap:
            position = placed[-1] + min_gap
        placed.append(position)
        offset = (position - (y - low) / (high - low)) * height_pt
        ax.annotate(
            fmt.plain(text),
            (x, y),
            xytext=(6, offset),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8,
            color=color,
        )


def _history_lines(lang: str, column: str, frame: pd.DataFrame) -> tuple[dict, dict]:
    """Legend labels and styles of the history columns: solid lines, grey before the census revision."""
    lines: dict[str, str] = {}
    styles: dict[str, dict] = {}
    if frame[f"{column}_pre_census"].notna().any():
        lines[f"{column}_pre_census"] = fmt.t(lang, "outlook_lbl_history_pre_census")
        styles[f"{column}_pre_census"] = {"color": charts.CONTEXT}
        lines[f"{column}_post_census"] = fmt.t(lang, "outlook_lbl_history_post_census")
    else:
        lines[f"{column}_post_census"] = fmt.t(lang, "outlook_lbl_history")
    styles[f"{column}_post_census"] = {"color": charts.ACCENT, "markersize": 5, "zorder": 3}
    return lines, styles


# --- sections ------------------------------------------------------------------------------------------------


def assumptions(ds, lang: str, **params) -> Section:
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


def _target_sentence(ds, lang: str, cfg: Settings, stated: dict) -> str:
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


def _target_text(ds, lang: str, cfg: Settings) -> str:
    """The target as shown in sentences: with the stated qualifier (超) when it is the stated target."""
    stated = _stated_target(ds, GDP_TARGET_INDICATOR)
    if math.isclose(m.convert(cfg.gdp_target_yuan_trillion, "万亿元", stated["unit"]), stated["value"], rel_tol=1e-9):
        return fmt.amount(
            stated["value"], stated["unit"], lang, m.decimals_of(stated["value_text"]), stated["qualifier"]
        )
    return fmt.amount(cfg.gdp_target_yuan_trillion, "万亿元", lang, _decimals(cfg.gdp_target_yuan_trillion, 0))


def gdp_scenarios(ds, lang: str, **params) -> Section:
    """GDP paths from the article's last level: one per real growth scenario, with the deflator assumption."""
    cfg = settings(ds, **params)
    base = base_figures(ds).gdp
    base_year, base_level = int(base.period), m.convert(base.value, base.unit, "万亿元")
    years = cfg.horizon_year - base_year
    target = cfg.gdp_target_yuan_trillion
    s = Section(fmt.t(lang, "outlook_h_gdp"))
    s.state(base)
    s.derive("gdp_scenario_count", len(cfg.gdp_real_growth_scenarios_pct))
    history, break_year = _history_frame(ds, "gdp", "万亿元", "gdp_yuan_trillion")
    history = history[history["year"] <= base_year]
    frame = pd.DataFrame({"year": list(range(int(history["year"].min()), cfg.horizon_year + 1))})
    frame = frame.merge(history, on="year", how="left")
    lines, styles = _history_lines(lang, "gdp_yuan_trillion", frame)
    rows, annotations, horizon_values, reached = [], [], [], 0
    for i, real in enumerate(cfg.gdp_real_growth_scenarios_pct, start=1):
        nominal = nominal_growth_pct(real, cfg.gdp_deflator_pct)
        path = dict(scenario_path(base_level, base_year, cfg.horizon_year, nominal))
        level = path[cfg.horizon_year]
        when = year_reaching(base_level, target, base_year, nominal)
        horizon_values.append(level)
        reached += level >= target * (1 - 1e-12)
        column = f"scenario_{i}_gdp_yuan_trillion"
        frame[column] = frame["year"].map(path)
        lines[column] = _scenario_label(lang, "outlook_lbl_gdp_scenario", real)
        styles[column] = {**SCENARIO_STYLE, "color": SCENARIO_COLORS[(i - 1) % len(SCENARIO_COLORS)]}
        annotations.append((cfg.horizon_year, level, fmt.number(level, 2, lang), styles[column]["color"]))
        s.derive(f"scenario_{i}_gdp_real_growth_pct", real)
        s.derive(f"scenario_{i}_gdp_nominal_growth_pct", nominal)
        s.derive(f"scenario_{i}_gdp_horizon_yuan_trillion", level)
        s.derive(f"scenario_{i}_gdp_gap_to_target_yuan_trillion", level - target)
        s.derive(f"scenario_{i}_gdp_target_year", when if when is not None else "not_reached")
        rows.append(
            {
                fmt.t(lang, "outlook_col_scenario"): fmt.t(lang, "outlook_scenario_name", i=i),
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
    s.derive("gdp_scenarios_reaching_target_count", int(reached))
    target_text = _target_text(ds, lang, cfg)
    frame["gdp_target_yuan_trillion"] = frame["year"].map({cfg.horizon_year: target})
    lines["gdp_target_yuan_trillion"] = fmt.t(lang, "outlook_lbl_target", target=target_text)
    styles["gdp_target_yuan_trillion"] = {"color": charts.ACCENT, "linestyle": "none", "marker": "*", "markersize": 11}
    rates = cfg.gdp_real_growth_scenarios_pct
    nominal_rates = [nominal_growth_pct(r, cfg.gdp_deflator_pct) for r in rates]
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_gdp",
            base_year=_year(base_year, lang),
            base=fmt.amount(base.value, base.unit, lang, base.decimals),
            real=_span(_rate(min(rates), lang), _rate(max(rates), lang), lang),
            deflator=_rate(cfg.gdp_deflator_pct, lang),
            nominal=_span(_pct(min(nominal_rates), lang, 2), _pct(max(nominal_rates), lang, 2), lang),
            horizon=_year(cfg.horizon_year, lang),
            years=fmt.number(years, 0, lang),
            levels=_span(
                fmt.amount(min(horizon_values), "万亿元", lang, 2),
                fmt.amount(max(horizon_values), "万亿元", lang, 2),
                lang,
            ),
        )
    )
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_gdp_reaching",
            n=fmt.number(len(rates), 0, lang),
            k=fmt.number(reached, 0, lang),
            target=target_text,
            horizon=_year(cfg.horizon_year, lang),
        )
    )
    s.tables.append((fmt.t(lang, "outlook_caption_gdp", horizon=_year(cfg.horizon_year, lang)), pd.DataFrame(rows)))
    supplementary = sorted(set(ds.annual("gdp")["source"]))
    source = charts.source_line(ds, ["gdp", GDP_TARGET_INDICATOR], lang, supplementary)
    chart = charts.line_chart(
        "gdp_scenarios",
        frame,
        "year",
        lines,
        fmt.t(lang, "outlook_chart_gdp"),
        source + fmt.t(lang, "outlook_note_scenarios"),
        ylabel=fmt.t(lang, "unit_yuan_trillion"),
        styles=styles,
        vlines=[(break_year - 0.5, fmt.t(lang, "lbl_census_break"))] if break_year else None,
    )
    _label_ends(chart, annotations)
    s.charts.append(chart)
    return s


def gdp_target(ds, lang: str, **params) -> Section:
    """The growth the GDP target needs, nominal and real, against the plan's achieved and the annual rates."""
    cfg = settings(ds, **params)
    b = base_figures(ds)
    base, achieved = b.gdp, b.gdp_plan_real_growth
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
    s = Section(fmt.t(lang, "outlook_h_target"))
    s.state(achieved)
    s.derive("gdp_target_required_nominal_cagr_pct", nominal)
    s.derive("gdp_target_required_real_growth_pct", real)
    s.derive("gdp_target_required_minus_achieved_real_pp", diff)
    s.derive("gdp_real_growth_compound_annual_series_pct", compound)
    s.derive("gdp_growth_target_pct", growth_target["value"])
    s.derive("gdp_growth_target_year", growth_target["year"])
    target_text = _target_text(ds, lang, cfg)
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_required",
            base_year=_year(base_year, lang),
            base=fmt.amount(base.value, base.unit, lang, base.decimals),
            horizon=_year(cfg.horizon_year, lang),
            target=target_text,
            years=fmt.number(years, 0, lang),
            nominal=_pct(nominal, lang, 2),
            deflator=_rate(cfg.gdp_deflator_pct, lang),
            real=_pct(real, lang, 2),
        )
    )
    comparison = (
        "outlook_p_required_equal"
        if abs(diff) < 0.05
        else "outlook_p_required_above"
        if diff > 0
        else "outlook_p_required_below"
    )
    s.paragraphs.append(
        fmt.t(
            lang,
            comparison,
            diff=fmt.amount(abs(diff), "pp", lang, 1),
            period=fmt.period(achieved.period, lang),
            achieved=fmt.amount(achieved.value, "%", lang, achieved.decimals),
        )
    )
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_required_context",
            first=_year(int(annual["year"].min()), lang),
            last=_year(int(annual["year"].max()), lang),
            rates=_list([_pct(v, lang, 1) for v in annual["value"]], lang),
            compound=_pct(compound, lang, 2),
            target_year=_year(growth_target["year"], lang),
            growth_target=fmt.amount(
                growth_target["value"],
                "%",
                lang,
                m.decimals_of(growth_target["value_text"]),
                growth_target["qualifier"],
            ),
            source=_source(ds, growth_target["source"]),
        )
    )
    # Chart: the plan's annual real rates, its average, next year's target and the required rate.
    data_rows = [
        {"item": str(int(r.year)), "period": str(int(r.year)), "real_growth_pct": r.value, "kind": "published"}
        for r in annual.itertuples()
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
    labels = [str(int(r.year)) for r in annual.itertuples()] + [
        fmt.t(lang, "outlook_bar_plan_average", period=fmt.period(achieved.period, lang)),
        fmt.t(lang, "outlook_bar_growth_target", year=_year(growth_target["year"], lang)),
        fmt.t(lang, "outlook_bar_required", period=fmt.period(f"{base_year + 1}-{cfg.horizon_year}", lang)),
    ]
    colors = {"published": "#e6a09a", "article": charts.ACCENT, "target": charts.CONTEXT, "required": "#2c3e50"}
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
        colors=[colors[k] for k in frame["kind"]],
        data=frame,
    )
    if min(frame["real_growth_pct"]) < 0:  # bar_chart starts the axis at zero
        low, high = min(frame["real_growth_pct"]), max(max(frame["real_growth_pct"]), 0)
        chart.figure.axes[0].set_ylim(low * 1.15, max(high * 1.15, 1))
    s.charts.append(chart)
    return s


def rd_intensity(ds, lang: str, **params) -> Section:
    """R&D intensity on a straight line to its target at the horizon, and R&D spending under each GDP scenario."""
    cfg = settings(ds, **params)
    b = base_figures(ds)
    base_int, rd_base, rd_cagr, gdp_base = b.rd_intensity, b.rd, b.rd_plan_cagr, b.gdp
    rd_year, gdp_year = int(base_int.period), int(gdp_base.period)
    path = dict(linear_path(rd_year, base_int.value, cfg.horizon_year, cfg.rd_intensity_target_pct))
    step = (cfg.rd_intensity_target_pct - base_int.value) / (cfg.horizon_year - rd_year)
    history = ds.annual("rd_intensity")
    first = history.iloc[0]
    pace = (base_int.value - first["value"]) / (rd_year - int(first["year"])) if rd_year > first["year"] else None
    s = Section(fmt.t(lang, "outlook_h_rd"))
    for f in (base_int, rd_base, rd_cagr):
        s.state(f)
    s.derive("rd_intensity_target_pct", cfg.rd_intensity_target_pct)
    s.derive("rd_intensity_step_pp_per_year", step)
    if pace is not None:
        s.derive("rd_intensity_published_pace_pp_per_year", pace)
        s.derive("rd_intensity_published_first_year", int(first["year"]))
    rows, spend, growth = [], [], []
    for i, real in enumerate(cfg.gdp_real_growth_scenarios_pct, start=1):
        nominal = nominal_growth_pct(real, cfg.gdp_deflator_pct)
        gdp_h = m.project(m.convert(gdp_base.value, gdp_base.unit, "亿元"), nominal, cfg.horizon_year - gdp_year)
        rd_h = gdp_h * cfg.rd_intensity_target_pct / 100
        cagr = m.cagr_pct(m.convert(rd_base.value, rd_base.unit, "亿元"), rd_h, cfg.horizon_year - int(rd_base.period))
        spend.append(rd_h)
        growth.append(cagr)
        s.derive(f"scenario_{i}_rd_horizon_yuan_100m", rd_h)
        s.derive(f"scenario_{i}_rd_cagr_to_horizon_pct", cagr)
        rows.append(
            {
                fmt.t(lang, "outlook_col_scenario"): fmt.t(lang, "outlook_scenario_name", i=i),
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
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_rd_path",
            base_year=_year(rd_year, lang),
            base=fmt.amount(base_int.value, "%", lang, base_int.decimals),
            horizon=_year(cfg.horizon_year, lang),
            target=_rate(cfg.rd_intensity_target_pct, lang),
            step=_signed(step, "pp", lang, 2),
        )
    )
    if pace is not None:
        s.paragraphs.append(
            fmt.t(
                lang,
                "outlook_p_rd_pace",
                first=_year(int(first["year"]), lang),
                first_value=_pct(first["value"], lang, 2),
                base_year=_year(rd_year, lang),
                base=fmt.amount(base_int.value, "%", lang, base_int.decimals),
                pace=_signed(pace, "pp", lang, 2),
            )
        )
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_rd_spending",
            horizon=_year(cfg.horizon_year, lang),
            levels=_span(fmt.amount(min(spend), "亿元", lang, 0), fmt.amount(max(spend), "亿元", lang, 0), lang),
            rd_year=_year(int(rd_base.period), lang),
            rd=fmt.amount(rd_base.value, rd_base.unit, lang, rd_base.decimals),
            g=_span(_pct(min(growth), lang, 1), _pct(max(growth), lang, 1), lang),
            period=fmt.period(rd_cagr.period, lang),
            cagr=fmt.amount(rd_cagr.value, "%", lang, rd_cagr.decimals),
        )
    )
    s.tables.append((fmt.t(lang, "outlook_caption_rd", horizon=_year(cfg.horizon_year, lang)), pd.DataFrame(rows)))
    hist, break_year = _history_frame(ds, "rd_intensity", None, "rd_intensity_pct")
    frame = pd.DataFrame({"year": list(range(int(hist["year"].min()), cfg.horizon_year + 1))}).merge(
        hist, on="year", how="left"
    )
    lines, styles = _history_lines(lang, "rd_intensity_pct", frame)
    frame["scenario_rd_intensity_pct"] = frame["year"].map(path)
    lines["scenario_rd_intensity_pct"] = fmt.t(
        lang,
        "outlook_lbl_rd_path",
        target=_rate(cfg.rd_intensity_target_pct, lang),
        horizon=_year(cfg.horizon_year, lang),
    )
    styles["scenario_rd_intensity_pct"] = {**SCENARIO_STYLE, "color": SCENARIO_COLORS[0]}
    source = charts.source_line(ds, ["rd_intensity"], lang, sorted(set(history["source"])))
    chart = charts.line_chart(
        "rd_intensity_path",
        frame,
        "year",
        lines,
        fmt.t(lang, "outlook_chart_rd"),
        source + fmt.t(lang, "outlook_note_scenarios"),
        ylabel="%",
        styles=styles,
        vlines=[(break_year - 0.5, fmt.t(lang, "lbl_census_break"))] if break_year else None,
    )
    _label_ends(
        chart,
        [(cfg.horizon_year, cfg.rd_intensity_target_pct, _rate(cfg.rd_intensity_target_pct, lang), SCENARIO_COLORS[0])],
    )
    s.charts.append(chart)
    return s


def trade(ds, lang: str, **params) -> Section:
    """Foreign trade paths from the article's last level, one per nominal growth scenario."""
    cfg = settings(ds, **params)
    b = base_figures(ds)
    base, increment, last_growth = b.trade, b.trade_plan_increment, b.trade_growth
    base_year, base_level = int(base.period), m.convert(base.value, base.unit, "万亿元")
    years = cfg.horizon_year - base_year
    history = ds.annual("trade", unit="万亿元")
    history = history[history["year"] <= base_year]
    plan_start, plan_end = (int(y) for y in increment.period.split("-"))
    s = Section(fmt.t(lang, "outlook_h_trade"))
    for f in (base, increment, last_growth):
        s.state(f)
    s.derive("trade_scenario_count", len(cfg.trade_growth_scenarios_pct))
    plan_cagr = None
    if plan_start in set(history["year"]) and plan_end == base_year:
        start_interval = ds.annual_interval("trade", plan_start, unit="万亿元")
        plan_cagr = m.cagr_pct(start_interval, base.interval_in("万亿元"), plan_end - plan_start)
        s.derive(f"trade_nominal_cagr_{plan_start}_{plan_end}_pct", plan_cagr)
    frame = pd.DataFrame({"year": list(range(int(history["year"].min()), cfg.horizon_year + 1))})
    frame["trade_yuan_trillion"] = frame["year"].map(dict(zip(history["year"], history["value"])))
    lines: dict[str, str] = {"trade_yuan_trillion": fmt.t(lang, "outlook_lbl_history")}
    styles: dict[str, dict] = {"trade_yuan_trillion": {"color": charts.ACCENT}}
    rows, levels, increments, annotations = [], [], [], []
    for i, rate in enumerate(cfg.trade_growth_scenarios_pct, start=1):
        path = dict(scenario_path(base_level, base_year, cfg.horizon_year, rate))
        level = path[cfg.horizon_year]
        levels.append(level)
        increments.append(level - base_level)
        column = f"scenario_{i}_trade_yuan_trillion"
        frame[column] = frame["year"].map(path)
        lines[column] = _scenario_label(lang, "outlook_lbl_trade_scenario", rate)
        styles[column] = {**SCENARIO_STYLE, "color": SCENARIO_COLORS[(i - 1) % len(SCENARIO_COLORS)]}
        annotations.append((cfg.horizon_year, level, fmt.number(level, 2, lang), styles[column]["color"]))
        s.derive(f"trade_scenario_{i}_growth_pct", rate)
        s.derive(f"trade_scenario_{i}_horizon_yuan_trillion", level)
        s.derive(f"trade_scenario_{i}_increment_yuan_trillion", level - base_level)
        rows.append(
            {
                fmt.t(lang, "outlook_col_scenario"): fmt.t(lang, "outlook_scenario_name", i=i),
                fmt.t(lang, "outlook_col_trade_growth"): _rate(rate, lang),
                fmt.t(lang, "outlook_col_trade_horizon", horizon=_year(cfg.horizon_year, lang)): fmt.amount(
                    level, "万亿元", lang, 2
                ),
                fmt.t(lang, "outlook_col_trade_increment", years=fmt.number(years, 0, lang)): _signed(
                    level - base_level, "万亿元", lang, 2
                ),
            }
        )
    rates = cfg.trade_growth_scenarios_pct
    s.paragraphs.append(
        fmt.t(
            lang,
            "outlook_p_trade",
            base_year=_year(base_year, lang),
            base=fmt.amount(base.value, base.unit, lang, base.decimals),
            g=_span(_rate(min(rates), lang), _rate(max(rates), lang), lang),
            horizon=_year(cfg.horizon_year, lang),
            levels=_span(fmt.amount(min(levels), "万亿元", lang, 2), fmt.amount(max(levels), "万亿元", lang, 2), lang),
            years=fmt.number(years, 0, lang),
            inc=_span(_signed(min(increments), "万亿元", lang, 2), _signed(max(increments), "万亿元", lang, 2), lang),
        )
    )
    if plan_cagr is not None:
        s.paragraphs.append(
            fmt.t(
                lang,
                "outlook_p_trade_plan",
                period=fmt.period(increment.period, lang),
                inc=fmt.amount(increment.value, increment.unit, lang, increment.decimals),
                cagr=fmt.amount_range(plan_cagr, "%", lang, 1),
                year=_year(int(last_growth.period), lang),
                growth=fmt.amount(last_growth.value, "%", lang, last_growth.decimals),
            )
        )
    s.tables.append((fmt.t(lang, "outlook_caption_trade", horizon=_year(cfg.horizon_year, lang)), pd.DataFrame(rows)))
    source = charts.source_line(ds, ["trade"], lang, sorted(set(history["source"])))
    chart = charts.line_chart(
        "trade_scenarios",
        frame,
        "year",
        lines,
        fmt.t(lang, "outlook_chart_trade"),
        source + fmt.t(lang, "outlook_note_scenarios"),
        ylabel=fmt.t(lang, "unit_yuan_trillion"),
        styles=styles,
    )
    _label_ends(chart, annotations)
    s.charts.append(chart)
    return s
