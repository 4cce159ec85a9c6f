"""The loaded data folder as the reports read it: a :class:`Dataset` of the article's :class:`Figure` objects, the
supplementary series, indicators and sources.

A :class:`Dataset` is made by :func:`szreport.data.load` once the folder has passed validation against
``schema.yaml`` (:mod:`szreport.data.loader`); this module only reads it: figures by id or by what they are, annual
values and their rounding intervals, a tidy frame of the series. The figures keep the number as printed
(``value_text``) next to its float, so the rounding interval of each printed figure is known (see
:func:`szreport.metrics.printed_interval`).

This module imports nothing of the validation (nor of :mod:`szreport.data.claims`), so any module may name
:class:`Dataset` in its annotations without an import circle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from szreport import metrics
from szreport.data.figure import Figure
from szreport.data.periods import UNDATED, period_end, sort_end
from szreport.data.problems import Missing
from szreport.data.subject import Subject

# Columns of Dataset.tidy, in order: series.csv's own, then what indicators.yaml says of each indicator.
TIDY_COLUMNS = (
    *("region", "indicator", "year", "value", "unit", "basis", "vintage", "qualifier", "source", "note"),
    *("value_text", "title_zh", "title_en", "indicator_unit", "value_in_indicator_unit"),
)


@dataclass
class Dataset:
    """A validated data folder: the article's figures, the supplementary series, indicators and sources.

    Made by :func:`szreport.data.load` (``load()``: the project's ``data/``). The examples of its methods use
    ``ds = load()`` (``tests/test_doctests.py`` runs them on the project's data).
    """

    folder: Path
    figures: pd.DataFrame
    series: pd.DataFrame
    sources: pd.DataFrame
    indicators: dict
    subject: Subject  # the city the reports are about, and the names of the other regions (subject.yaml)
    claims: pd.DataFrame | None = None
    _figure_cache: dict = field(default_factory=dict, repr=False)
    # What other layers derive from this dataset once and read many times (the audit's verdicts, keyed by what
    # they are); a copy made by with_series_value starts empty, since its data differ.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def fig(self, figure_id: str) -> Figure:
        """The figure with this id; a KeyError names the missing id and the file.

        >>> gdp = ds.fig("gdp_2025")
        >>> gdp.value, gdp.unit, gdp.key, gdp.interval  # interval: every value the printed digits allow
        (3.87, '万亿元', 'gdp_2025_yuan_trillion', [3.865, 3.875])
        """
        if figure_id not in self._figure_cache:
            match = self.figures[self.figures["id"] == figure_id]
            if match.empty:
                raise Missing(
                    f"figure {figure_id!r} is not in {self.folder / 'figures.csv'}", "figure_id", (figure_id,)
                )
            row = match.iloc[0]
            self._figure_cache[figure_id] = Figure(
                id=row["id"],
                value=float(row["value"]),
                value_text=row["value"],
                unit=row["unit"],
                period=row["period"],
                measure=row["measure"],
                basis=row["basis"],
                qualifier=row["qualifier"],
                indicator=row["indicator"],
                label_zh=row["label_zh"],
                label_en=row["label_en"],
                printed=row["printed"],
                paragraph=int(row["paragraph"]),
                note=row.get("note", "") or "",
            )
        return self._figure_cache[figure_id]

    def find(
        self,
        indicator: str,
        measure: str,
        period: str | int | None = None,
        *,
        ending: int | None = None,
        earliest: bool = False,
        span: bool | None = None,
    ) -> Figure:
        """The article figure that *is* something, whatever its id: an indicator's ``measure`` for a ``period``
        (``"2025"``, ``"2020-2025"``), or the one whose period ends in ``ending``, or without either the latest
        (the earliest with ``earliest``); ``span`` True takes only figures of several years (2021-2025),
        False only those of one year.

        Ids are free labels; reports find figures by what they are, so next year's data folder works without
        code changes. A KeyError names what was sought and the file; two figures that both fit are an error.

        >>> ds.find("gdp", "level", ending=ds.plan_end).printed
        '3.87万亿元'
        """
        rows = self.figures[(self.figures["indicator"] == indicator) & (self.figures["measure"] == measure)]
        if period is not None:
            rows = rows[rows["period"] == str(period)]
        if span is not None:
            rows = rows[rows["period"].str.contains("-") == span]
        ends = rows["period"].map(sort_end)
        if ending is not None:
            rows, ends = rows[ends == int(ending)], ends[ends == int(ending)]
        sought = (
            f"{indicator} {measure}"
            + (f" for {period}" if period is not None else "")
            + (f" ending {ending}" if ending is not None else "")
            + ("" if span is None else " over several years" if span else " of one year")
        )
        if rows.empty:  # sought: what, and the year or period it ends in ("latest" when none was asked)
            which = str(ending if ending is not None else period if period is not None else "latest")
            raise Missing(
                f"no figure in {self.folder / 'figures.csv'} is the {sought}", "figure", (indicator, measure, which)
            )
        latest = rows[ends == (ends.min() if earliest else ends.max())]
        if len(latest) > 1:
            raise KeyError(
                f"{len(latest)} figures in {self.folder / 'figures.csv'} are the {sought}: "
                f"{', '.join(latest['id'])}; give the period"
            )
        return self.fig(latest["id"].iloc[0])

    def find_all(self, wanted: dict[str, tuple]) -> dict[str, Figure]:
        """Several figures by what they are: name -> (indicator, measure, which), ``which`` one of ``latest``,
        ``earliest``, ``plan_end`` (the one whose period ends with the plan: :attr:`plan_end`), ``span`` (the
        latest of several years), ``year`` (the latest of one year) or a period.

        >>> {name: f.id for name, f in ds.find_all({"gdp": ("gdp", "level", "plan_end")}).items()}
        {'gdp': 'gdp_2025'}
        """
        choices: dict[str, dict[str, Any]] = {
            "latest": {},
            "earliest": {"earliest": True},
            "span": {"span": True},
            "year": {"span": False},
            "plan_end": {"ending": self.plan_end},
        }
        return {
            name: self.find(indicator, measure, **choices[which])
            if which in choices
            else self.find(indicator, measure, which)
            for name, (indicator, measure, which) in wanted.items()
        }

    @cached_property
    def plan_end(self) -> int:
        """The last year of the plan the article reviews: the year its multi-year figures (2020-2025,
        2021-2025, ...) most often end in, the latest on a tie.

        >>> ds.plan_end
        2025
        """
        ranges = [p for p in self.figures["period"] if "-" in p]
        if not ranges:
            return max(period_end(p) for p in self.figures["period"] if p != UNDATED)
        counts = pd.Series([period_end(p) for p in ranges]).value_counts()
        return int(max(counts[counts == counts.max()].index))

    def vintage_of(self, figure: Figure) -> str:
        """The vintage of an article figure: that of the series.csv row of its indicator and year that holds the
        same value (``pre_census``, ``post_census``, ``current``); ``current`` when none does. figures.csv has
        no vintage of its own: a level printed in the article is matched to the release it repeats.

        >>> ds.vintage_of(ds.fig("gdp_2025"))
        'current'
        """
        if "-" in figure.period or figure.period == UNDATED:
            return "current"
        rows = self.series[
            (self.series["region"] == self.subject.region)
            & (self.series["indicator"] == figure.indicator)
            & (self.series["year"].astype(int) == int(figure.period))
        ]
        for value, unit, vintage in zip(rows["value"], rows["unit"], rows["vintage"]):
            try:
                same = metrics.convert(float(value), str(unit), figure.unit) == figure.value
            except ValueError:
                continue
            if same:
                return str(vintage)
        return "current"

    def has(self, figure_id: str) -> bool:
        """Whether figures.csv holds a figure with this id (:meth:`fig` raises a KeyError for one it does not).

        >>> ds.has("gdp_2025"), ds.has("gdp_1999")
        (True, False)
        """
        return bool((self.figures["id"] == figure_id).any())

    def series_records(self, region: str, indicator: str) -> tuple[dict, ...]:
        """The rows of series.csv of one region and indicator, every vintage, in file order, as dicts of its
        columns (values as series.csv writes them); none when it holds none. The audit looks values up here
        thousands of times per report: one grouping of the frame instead of a filter of it per lookup."""
        return self._series_records.get((region, indicator), ())

    @cached_property
    def _series_records(self) -> dict[tuple[str, str], tuple[dict, ...]]:
        grouped: dict[tuple[str, str], list[dict]] = {}
        for record in self.series.to_dict("records"):
            grouped.setdefault((record["region"], record["indicator"]), []).append(record)
        return {key: tuple(records) for key, records in grouped.items()}

    def annual(
        self,
        indicator: str,
        region: str | None = None,
        unit: str | None = None,
        vintages: tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        """Annual values of one indicator of ``region`` (default: the subject's): columns year, value (in ``unit``),
        unit, vintage, qualifier, source; sorted by year. Without ``vintages``, every vintage but ALTERNATIVE.

        >>> ds.annual("gdp")[["year", "value", "unit"]].head(1)
           year     value unit
        0  2020  27670.24   亿元
        """
        region = region or self.subject.region
        rows = self.series[(self.series["indicator"] == indicator) & (self.series["region"] == region)]
        rows = rows[rows["vintage"].isin(vintages)] if vintages is not None else rows[rows["vintage"] != ALTERNATIVE]
        if rows.empty:
            raise Missing(
                f"no series {region}/{indicator} in {self.folder / 'series.csv'}", "series", (region, indicator, None)
            )
        out = rows[["year", "value", "unit", "vintage", "qualifier", "source", "basis"]].copy()
        out["year"] = out["year"].astype(int)
        out["value_text"] = out["value"].astype(str)
        out["value"] = out["value"].astype(float)
        if unit is not None:
            # 12 significant digits: 2.47万家 is 24700 firms, not 24700.000000000004 (float noise of the factor)
            out["value"] = [float(f"{metrics.convert(v, u, unit):.12g}") for v, u in zip(out["value"], out["unit"])]
            out["unit"] = unit
        return out.sort_values("year").reset_index(drop=True)

    def annual_value(
        self,
        indicator: str,
        year: int,
        region: str | None = None,
        unit: str | None = None,
        vintages: tuple[str, ...] | None = None,
    ) -> float:
        """One value of an annual series (in ``unit``, else as published); a KeyError names a missing year, a
        TypeError arguments given in another order (``tidy``'s: region first).

        >>> ds.annual_value("gdp", 2024)
        36801.87
        >>> ds.annual_value("gdp", 2024, unit="万亿元")
        3.680187
        >>> ds.annual_value("china", "gdp", 2024)
        Traceback (most recent call last):
        TypeError: annual_value takes (indicator, year, region=...): call annual_value('gdp', 2024, region='china')
        """
        self._check_order("annual_value", indicator, year, region)
        region = region or self.subject.region
        table = self.annual(indicator, region, unit, vintages)
        match = table[table["year"] == year]
        if match.empty:
            raise self._no_value(region, indicator, year)
        return float(match["value"].iloc[0])

    def annual_interval(
        self,
        indicator: str,
        year: int,
        region: str | None = None,
        unit: str | None = None,
        vintages: tuple[str, ...] | None = None,
    ) -> metrics.Interval:
        """Rounding interval of a supplementary value as published, converted to ``unit``.

        >>> ds.annual_interval("gdp", 2024) == ds.annual_interval("gdp", 2024, ds.subject.region)
        True
        """
        self._check_order("annual_interval", indicator, year, region)
        region = region or self.subject.region
        table = self.annual(indicator, region, None, vintages)
        match = table[table["year"] == year]
        if match.empty:
            raise self._no_value(region, indicator, year)
        row = match.iloc[0]
        interval = metrics.value_interval(row["value_text"], row["unit"], row["qualifier"])
        return metrics.convert(interval, row["unit"], unit) if unit else interval

    def _no_value(self, region: str, indicator: str, year: int) -> Missing:
        return Missing(
            f"no {region}/{indicator} value for {year} in {self.folder / 'series.csv'}",
            "series",
            (region, indicator, year),
        )

    def _check_order(self, method: str, indicator, year, region) -> None:
        """A TypeError naming the call meant, for (region, indicator, year): the order of :meth:`tidy`."""
        if isinstance(year, str) and not year.strip().isdigit() and indicator in set(self.series["region"]):
            meant = f"{method}({year!r}, {region!r}, region={indicator!r})"
            raise TypeError(f"{method} takes (indicator, year, region=...): call {meant}")

    def tidy(self, region: str | list[str] | None = None, indicator: str | list[str] | None = None) -> pd.DataFrame:
        """The annual series of series.csv as one tidy frame, for analysis in JupyterLab: one row per (region,
        indicator, year, vintage), columns :data:`TIDY_COLUMNS`: series.csv's own (``year`` int, ``value`` float
        in the row's ``unit``, ``note`` empty when there is none), ``value_text`` (the number as published, so its
        rounding is known), and from indicators.yaml ``title_zh``, ``title_en``, ``indicator_unit`` (the unit the
        indicator is usually shown in) and ``value_in_indicator_unit`` (NaN where that needs an exchange rate).

        Stated targets are rows too, told apart by ``vintage == "target"``. ``region`` and ``indicator`` filter by
        one name or a list; a name series.csv does not hold is a KeyError listing those it does. Sorted by region,
        indicator, year and vintage.

        >>> ds.tidy("china", "gdp").loc[0, ["region", "indicator", "unit", "title_en"]].tolist()
        ['china', 'gdp', '万亿元', 'Gross domestic product']
        """
        rows = self.series
        for column, wanted in (("region", region), ("indicator", indicator)):
            if wanted is None:
                continue
            names = [wanted] if isinstance(wanted, str) else list(wanted)
            known = set(self.series[column])
            unknown = [n for n in names if n not in known]
            if unknown:
                raise KeyError(
                    f"no {column} {', '.join(map(repr, unknown))} in {self.folder / 'series.csv'}; "
                    f"it holds {', '.join(sorted(known))}"
                )
            rows = rows[rows[column].isin(names)]
        out = rows.reindex(columns=list(TIDY_COLUMNS[:10]), fill_value="")  # a new frame: no note column -> ""
        out["value_text"] = out["value"].astype(str).str.strip()
        out["year"] = out["year"].astype(int)
        out["value"] = out["value"].astype(float)
        meta = {key: m for key, m in (self.indicators or {}).items() if isinstance(m, dict)}
        for column, key in (("title_zh", "title_zh"), ("title_en", "title_en"), ("indicator_unit", "unit")):
            out[column] = [str(meta.get(i, {}).get(key, "")) for i in out["indicator"]]
        out["value_in_indicator_unit"] = [
            _in_unit(v, u, shown) for v, u, shown in zip(out["value"], out["unit"], out["indicator_unit"])
        ]
        out["value_in_indicator_unit"] = out["value_in_indicator_unit"].astype(float)
        return out.sort_values(["region", "indicator", "year", "vintage"], kind="stable").reset_index(drop=True)

    def with_series_value(
        self, region: str, indicator: str, year: int, value: float | str, vintage: str | None = None
    ) -> Dataset:
        """A copy of the dataset with one value of series.csv replaced (this dataset and the files are left as
        they are), to see what an edited input changes, e.g.
        ``audit.evaluate(claim, ds.with_series_value(ds.subject.region, "trade", 2024, "44870"))``.

        ``value`` given as text keeps its digits, and so its rounding interval; a number is written as Python
        prints it. The value must exist: a KeyError names it; when its year has several vintages, name one.

        >>> ds.with_series_value(ds.subject.region, "gdp", 2024, "36802").annual_value("gdp", 2024)
        36802.0
        """
        rows = self.series
        match = (rows["region"] == region) & (rows["indicator"] == indicator) & (rows["year"].astype(int) == int(year))
        if vintage is not None:
            match &= rows["vintage"] == vintage
        where = f"{region}/{indicator}/{year}" + (f"@{vintage}" if vintage else "")
        if not match.any():
            raise KeyError(f"no series value {where} in {self.folder / 'series.csv'}")
        if match.sum() > 1:
            raise KeyError(
                f"series value {where} has several vintages ({', '.join(rows.loc[match, 'vintage'])}) in "
                f"{self.folder / 'series.csv'}: name one"
            )
        text = value.strip() if isinstance(value, str) else repr(float(value))
        if not math.isfinite(float(text)):  # ValueError for text that is not a number
            raise ValueError(f"series value {where} must be a finite number, got {value!r}")
        series = rows.copy()
        series.loc[match, "value"] = text
        return replace(self, series=series, _figure_cache={}, derived={})

    def meta(self, indicator: str) -> dict:
        """An indicator's metadata from indicators.yaml (titles, unit, description, source).

        >>> ds.meta("gdp")["title_en"]
        'Gross domestic product'
        """
        if indicator not in self.indicators:
            raise KeyError(f"indicator {indicator!r} is not in {self.folder / 'indicators.yaml'}")
        return self.indicators[indicator]

    def source(self, source_id: str) -> dict:
        """A row of sources.csv as a dict (publisher, title, date, url, ...).

        >>> ds.source("article")["date"]
        '2026-02-09'
        """
        match = self.sources[self.sources["id"] == source_id]
        if match.empty:
            raise KeyError(f"source {source_id!r} is not in {self.folder / 'sources.csv'}")
        return match.iloc[0].to_dict()

    def source_short(self, source_id: str) -> str:
        """A source as a line of small print names it: publisher (without its gloss in brackets) and date.

        >>> ds.source_short("nbs")
        '国家统计局 2021-2026'
        """
        row = self.source(source_id)
        return f"{str(row['publisher']).split(' (')[0]} {row['date']}"

    @cached_property
    def theme_figures(self) -> dict[str, list[str]]:
        """The ids of the article's figures by the report (theme) they belong to, in the order of figures.csv.

        >>> list(ds.theme_figures)
        ['overview', 'economy', 'innovation', 'opening_up']
        """
        return {str(t): list(g["id"]) for t, g in self.figures.groupby("theme", sort=False)}


# The vintage of a series value that another release prints differently from the one kept (industrial output
# 2024: 5.4万亿元 in the work report, "突破5万亿" in an earlier estimate): never drawn or preferred, only shown
# beside the audit's verdict with the verdict it would give (szreport.audit.judge.evaluate).
ALTERNATIVE = "alternative"


def _in_unit(value: float, unit: str, to_unit: str) -> float:
    """``value`` converted from ``unit`` to ``to_unit``; NaN when no fixed factor links them (yuan and dollars)."""
    if not to_unit:
        return float("nan")
    try:
        return float(metrics.convert(value, unit, to_unit))
    except ValueError:
        return float("nan")
