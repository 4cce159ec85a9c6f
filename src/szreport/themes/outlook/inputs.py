"""What the outlook report starts from: its parameters and the data folder's figures.

:class:`Settings` holds the validated parameters; :func:`settings` checks them (against
:data:`szreport.params.CONSTRAINTS` and the data folder) and completes them with the defaults declared in the
notebook's parameters cell (:func:`parameter_spec`). :func:`base_figures` finds the article figures the
scenarios start from by what they are, never by ids with years in them; :func:`last_data_year` is the last year
the data folder has figures for. The series (``series.csv`` indicators) drawn as history or used as stated
targets are named here too, and :func:`_stated_target` reads a stated target.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property

from szreport import params as params_mod
from szreport.data import loader as data_mod
from szreport.data.loader import Dataset
from szreport.notebooks import notebook_path

# Series (series.csv indicators) drawn as history or used as stated targets.
HISTORY_INDICATORS = ("gdp", "gdp_growth", "trade", "rd_intensity")
GDP_TARGET_INDICATOR = "gdp_target"
GDP_GROWTH_TARGET_INDICATOR = "gdp_growth_target"
# The message of a horizon not after the data (also shown by the page's form, szreport.themes.outlook.page).
HORIZON_AFTER_DATA = "parameter 'horizon_year' must be after the last data year {last} of {folder}, got {value}"


@dataclass(frozen=True)
class Settings:
    """Validated scenario parameters (see the notebook's parameters cell for their meaning)."""

    horizon_year: int
    gdp_real_growth_scenarios_pct: tuple[float, ...]
    gdp_deflator_pct: float
    gdp_target_yuan_trillion: float
    rd_intensity_target_pct: float
    trade_growth_scenarios_pct: tuple[float, ...]


class BaseFigures:
    """The article figures the scenarios start from, found by what they are (never by an id with a year), each
    when a section first uses it: one the data folder lacks stops only the sections that need it
    (:class:`szreport.data.problems.Missing`)."""

    def __init__(self, ds: Dataset):
        self._ds = ds

    @cached_property
    def gdp(self) -> data_mod.Figure:
        """GDP level at the end of the plan period."""
        return self._ds.find("gdp", "level", ending=self._ds.plan_end)

    @cached_property
    def gdp_plan_real_growth(self) -> data_mod.Figure:
        """The plan's average real GDP growth (a cagr ending with the plan)."""
        return self._ds.find("gdp", "cagr", ending=self._ds.plan_end)

    @cached_property
    def gdp_plan_start(self) -> data_mod.Figure:
        """GDP level at the start of the period of the plan's average real growth."""
        return self._ds.find("gdp", "level", data_mod.period_start(self.gdp_plan_real_growth.period))

    @cached_property
    def trade(self) -> data_mod.Figure:
        """Foreign trade level at the end of the plan period."""
        return self._ds.find("trade", "level", ending=self._ds.plan_end)

    @cached_property
    def trade_growth(self) -> data_mod.Figure:
        """Trade growth in that year."""
        return self._ds.find("trade", "growth", ending=self._ds.plan_end)

    @cached_property
    def trade_plan_increment(self) -> data_mod.Figure:
        """Trade's increment over the plan period."""
        return self._ds.find("trade", "increment", ending=self._ds.plan_end)

    @cached_property
    def rd_intensity(self) -> data_mod.Figure:
        """The latest R&D intensity."""
        return self._ds.find("rd_intensity", "share")

    @cached_property
    def rd(self) -> data_mod.Figure:
        """R&D expenditure in the same year."""
        return self._ds.find("rd_expenditure", "level", self.rd_intensity.period)

    @cached_property
    def rd_plan_cagr(self) -> data_mod.Figure:
        """R&D expenditure's average growth ending that year."""
        return self._ds.find("rd_expenditure", "cagr", ending=data_mod.period_end(self.rd.period))


def base_figures(ds: Dataset) -> BaseFigures:
    """The starting figures of the scenarios for this data folder (each found on use; a KeyError names what is
    missing), made once per dataset."""
    return ds.derived.setdefault("outlook_base_figures", BaseFigures(ds))


# The article figures the scenarios start from, as the sections find them (name -> indicator, measure, which);
# a section whose figures the data folder lacks says so (szreport.present.partial).
SCENARIO_FIGURES = {
    "gdp": ("gdp", "level", "plan_end"),
    "gdp_real_growth": ("gdp", "cagr", "latest"),
    "trade": ("trade", "level", "plan_end"),
    "trade_growth": ("trade", "growth", "plan_end"),
    "trade_increment": ("trade", "increment", "plan_end"),
    "rd_intensity": ("rd_intensity", "share", "latest"),
    "rd": ("rd_expenditure", "level", "latest"),
    "rd_cagr": ("rd_expenditure", "cagr", "latest"),
}


def last_data_year(ds: Dataset) -> int:
    """The last year the data folder has figures for: the base figures and the history series it holds (the end
    of the plan when it holds none of them)."""
    years, base = [ds.plan_end], base_figures(ds)
    for name in ("gdp", "trade", "rd_intensity"):
        try:
            years.append(int(getattr(base, name).period))
        except KeyError:  # not in this data folder: its scenario section says so
            continue
    for indicator in HISTORY_INDICATORS:
        try:
            years.append(int(ds.annual(indicator)["year"].max()))
        except KeyError:
            continue
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
    declared = params_mod.read_parameters(notebook_path("outlook"))
    return {f.name: declared[f.name] for f in fields(Settings)}


def _type_name(annotation: str) -> str:
    """A Settings field's type as a parameters cell declares it: a tuple of numbers is given as a list."""
    return annotation.replace("tuple[float, ...]", "list[float]")


def settings(ds: Dataset, **params) -> Settings:
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
            HORIZON_AFTER_DATA.format(last=last, folder=ds.folder, value=repr(values["horizon_year"]))
        )
    for name in ("gdp_real_growth_scenarios_pct", "trade_growth_scenarios_pct"):
        values[name] = tuple(values[name])
    return Settings(**values)


def _stated_target(ds: Dataset, indicator: str) -> dict:
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
