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

The report is built from sibling modules, whose names are all importable from here:

- :mod:`szreport.themes.outlook.scenarios`: the scenario arithmetic on plain numbers;
- :mod:`szreport.themes.outlook.inputs`: the parameters (:class:`Settings`, :func:`settings`) and the base figures;
- :mod:`szreport.themes.outlook.text` and :mod:`szreport.themes.outlook.charts`: how numbers are worded and drawn;
- :mod:`szreport.themes.outlook.page` (:func:`panel`): the page's form that works the scenarios out again in the
browser;
- the sections: :mod:`szreport.themes.outlook.assumptions` (:func:`assumptions`), :mod:`szreport.themes.outlook.gdp`
  (:func:`gdp_scenarios`, :func:`gdp_target`), :mod:`szreport.themes.outlook.rd` (:func:`rd_intensity`) and
  :mod:`szreport.themes.outlook.trade` (:func:`trade`).
"""

from __future__ import annotations

from szreport.themes.outlook.assumptions import assumptions
from szreport.themes.outlook.charts import SCENARIO_COLORS, SCENARIO_STYLE
from szreport.themes.outlook.findings import key_findings
from szreport.themes.outlook.gdp import gdp_scenarios, gdp_target
from szreport.themes.outlook.inputs import (
    GDP_GROWTH_TARGET_INDICATOR,
    GDP_TARGET_INDICATOR,
    HISTORY_INDICATORS,
    BaseFigures,
    Settings,
    base_figures,
    last_data_year,
    parameter_spec,
    settings,
)
from szreport.themes.outlook.page import panel
from szreport.themes.outlook.rd import rd_intensity
from szreport.themes.outlook.scenarios import (
    MAX_YEARS_TO_TARGET,
    linear_path,
    nominal_growth_pct,
    required_growth_pct,
    scenario_path,
    year_reaching,
)
from szreport.themes.outlook.trade import trade

__all__ = [
    "key_findings",
    "GDP_GROWTH_TARGET_INDICATOR",
    "GDP_TARGET_INDICATOR",
    "HISTORY_INDICATORS",
    "MAX_YEARS_TO_TARGET",
    "SCENARIO_COLORS",
    "SCENARIO_STYLE",
    "BaseFigures",
    "Settings",
    "assumptions",
    "base_figures",
    "gdp_scenarios",
    "gdp_target",
    "last_data_year",
    "linear_path",
    "nominal_growth_pct",
    "panel",
    "parameter_spec",
    "rd_intensity",
    "required_growth_pct",
    "scenario_path",
    "settings",
    "trade",
    "year_reaching",
]
