"""Load and validate a data folder (``data/`` or any folder of the same shape given with ``--data``).

The shape is declared once in ``schema.yaml`` beside this module. :func:`validate` reads every file as text,
checks it against the schema and returns *every* problem found, each naming the file, the row (as the line
number in the file, header = line 1), the column and the offending value. :func:`load` raises
:class:`DataError` with all of them, or returns a :class:`Dataset`.

The figures keep the number as printed (``value_text``) next to its float, so the rounding interval of
each printed figure is known (see :func:`szreport.metrics.printed_interval`).
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from . import metrics
from .claims import validate_claims
from .problems import Problem

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")
# Files a data folder must hold; claims.csv is optional until the audit report is built from it.
REQUIRED_FILES = ("figures.csv", "series.csv", "sources.csv", "indicators.yaml")
# Every data file is read as UTF-8, with or without the byte-order mark that Excel's "CSV UTF-8" writes.
ENCODING = "utf-8-sig"
# Columns of Dataset.tidy, in order: series.csv's own, then what indicators.yaml says of each indicator.
TIDY_COLUMNS = (
    "region",
    "indicator",
    "year",
    "value",
    "unit",
    "basis",
    "vintage",
    "qualifier",
    "source",
    "note",
    "value_text",
    "title_zh",
    "title_en",
    "indicator_unit",
    "value_in_indicator_unit",
)


def schema() -> dict:
    return yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))


class DataError(ValueError):
    """Raised when a data folder does not match the schema; holds every problem found."""

    def __init__(self, problems: list[Problem], folder: Path | str = ""):
        self.problems = problems
        self.folder = str(folder)
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in data folder {self.folder}:\n{lines}")


def _read_csv_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding=ENCODING, newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _check_value(spec: dict, text: str) -> str | None:
    """Return a message when ``text`` does not satisfy the field spec, else None."""
    kind = spec.get("type", "string")
    number = None
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            return "not a number"
        if number != number or number in (float("inf"), float("-inf")):
            return "not a finite number"
    elif kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            return "not an integer"
        number = int(text)
    if "enum" in spec and text not in [str(e) for e in spec["enum"]]:
        return f"not one of the allowed values {', '.join(map(str, spec['enum']))}"
    if "pattern" in spec and not re.fullmatch(spec["pattern"], text):
        return f"does not match the pattern {spec['pattern']}"
    if number is not None and "minimum" in spec and number < spec["minimum"]:
        return f"below the minimum {spec['minimum']}"
    if number is not None and "maximum" in spec and number > spec["maximum"]:
        return f"above the maximum {spec['maximum']}"
    return None


def _validate_table(
    name: str,
    fields: dict,
    header: list[str],
    rows: list[dict],
    problems: list[Problem],
    unique_together: list[str] | None = None,
) -> None:
    missing = [f for f, spec in fields.items() if spec.get("required") and f not in header]
    for column in missing:
        problems.append(Problem(name, 1, column, None, "required column is missing"))
    unknown = [c for c in header if c not in fields]
    for column in unknown:
        problems.append(Problem(name, 1, column, None, "unknown column (not in the schema)"))
    if not rows:
        problems.append(Problem(name, None, None, None, "file has no data rows"))
        return
    seen: dict[str, dict[str, int]] = {f: {} for f, s in fields.items() if s.get("unique")}
    seen_together: dict[tuple, int] = {}
    for index, row in enumerate(rows):
        line = index + 2
        if None in row:  # more cells than header columns
            problems.append(Problem(name, line, None, ",".join(row[None]), "row has more cells than the header"))
        for column, spec in fields.items():
            if column not in header:
                continue
            text = (row.get(column) or "").strip()
            if not text:
                if spec.get("required"):
                    problems.append(Problem(name, line, column, "", "required value is empty"))
                continue
            message = _check_value(spec, text)
            if message:
                problems.append(Problem(name, line, column, text, message))
            if column in seen:
                if text in seen[column]:
                    problems.append(
                        Problem(name, line, column, text, f"duplicate {column}, first on row {seen[column][text]}")
                    )
                else:
                    seen[column][text] = line
        if unique_together and all(c in header for c in unique_together):
            key = tuple((row.get(c) or "").strip() for c in unique_together)
            if key in seen_together:
                problems.append(
                    Problem(
                        name,
                        line,
                        "+".join(unique_together),
                        "/".join(key),
                        f"duplicate row, first on row {seen_together[key]}",
                    )
                )
            else:
                seen_together[key] = line


def validate(folder: str | Path) -> list[Problem]:
    """Every problem of a data folder against the schema; an empty list means the folder is valid."""
    folder = Path(folder)
    spec = schema()
    problems: list[Problem] = []
    if not folder.is_dir():
        return [Problem(str(folder), None, None, None, "data folder does not exist")]
    tables: dict[str, tuple[list[str], list[dict]]] = {}
    indicators: dict = {}
    for name, file_spec in spec["files"].items():
        path = folder / name
        if not path.exists():
            if name in REQUIRED_FILES:
                problems.append(Problem(name, None, None, None, f"required file is missing from {folder}"))
            continue
        if path.stat().st_size == 0:
            problems.append(Problem(name, None, None, None, "file is empty"))
            continue
        if name.endswith(".yaml"):
            try:
                indicators = yaml.safe_load(path.read_text(encoding=ENCODING)) or {}
            except UnicodeDecodeError as exc:
                problems.append(
                    Problem(name, None, None, None, f"cannot be read as UTF-8 (byte {exc.start}): save it as UTF-8")
                )
                continue
            except yaml.YAMLError as exc:
                problems.append(Problem(name, None, None, None, f"not valid YAML: {exc}"))
                continue
            if not isinstance(indicators, dict) or not indicators:
                problems.append(Problem(name, None, None, None, "expected a non-empty mapping of indicators"))
                indicators = {}
                continue
            for key, meta in indicators.items():
                if not isinstance(meta, dict):
                    problems.append(Problem(name, None, str(key), str(meta), "indicator metadata must be a mapping"))
                    continue
                for column, field_spec in file_spec["fields"].items():
                    text = str(meta.get(column, "")).strip()
                    if not text and field_spec.get("required"):
                        problems.append(Problem(name, None, f"{key}.{column}", None, "required metadata is missing"))
                for column in meta:  # e.g. an unquoted comma in YAML flow style splits a description
                    if column not in file_spec["fields"]:
                        problems.append(
                            Problem(
                                name,
                                None,
                                f"{key}.{column}",
                                None,
                                "unknown metadata field (not in the schema; quote text with commas)",
                            )
                        )
            continue
        try:
            header, rows = _read_csv_rows(path)
        except (UnicodeDecodeError, csv.Error) as exc:
            problems.append(Problem(name, None, None, None, f"cannot be read as UTF-8 CSV: {exc}"))
            continue
        if not header:
            problems.append(Problem(name, None, None, None, "file is empty"))
            continue
        _validate_table(name, file_spec["fields"], header, rows, problems, file_spec.get("unique_together"))
        tables[name] = (header, rows)

    # Cross-file checks: foreign keys and measures that cannot be negative.
    source_ids = {r.get("id", "").strip() for r in tables.get("sources.csv", ([], []))[1]}
    for name, (header, rows) in tables.items():
        for column, field_spec in spec["files"][name]["fields"].items():
            target = field_spec.get("foreign_key")
            if not target or column not in header:
                continue
            known = set(indicators) if target == "indicators.yaml" else source_ids
            if target in {p.file for p in problems}:  # the target itself is broken: said once, not per row
                continue
            for index, row in enumerate(rows):
                text = (row.get(column) or "").strip()
                if text and text not in known:
                    problems.append(Problem(name, index + 2, column, text, f"not found in {target}"))
    if indicators and "sources.csv" in tables and "sources.csv" not in {p.file for p in problems}:
        for key, meta in indicators.items():
            if isinstance(meta, dict) and meta.get("source") and meta["source"] not in source_ids:
                problems.append(
                    Problem("indicators.yaml", None, f"{key}.source", meta["source"], "not found in sources.csv")
                )
    if "claims.csv" in tables:  # references to figures and series, and inputs fitting each relation
        figure_ids = {r.get("id", "").strip() for r in tables.get("figures.csv", ([], []))[1]}
        problems.extend(validate_claims(tables["claims.csv"][1], figure_ids, set(indicators), spec))
    non_negative = set(spec.get("non_negative_measures", []))
    if "figures.csv" in tables:
        for index, row in enumerate(tables["figures.csv"][1]):
            try:
                value = float(row.get("value") or "nan")
            except ValueError:
                continue
            if row.get("measure", "").strip() in non_negative and value < 0:
                problems.append(
                    Problem(
                        "figures.csv",
                        index + 2,
                        "value",
                        row["value"],
                        f"a {row['measure'].strip()} cannot be negative",
                    )
                )
    return problems


@dataclass(frozen=True)
class Figure:
    """One figure of the article, as printed, with what it means."""

    id: str
    value: float
    value_text: str
    unit: str
    period: str
    measure: str
    basis: str
    qualifier: str
    indicator: str
    label_zh: str
    label_en: str
    printed: str
    paragraph: int
    note: str = ""

    @property
    def interval(self) -> metrics.Interval:
        """Values the printed figure may stand for (its rounding interval and qualifier)."""
        return metrics.printed_interval(self.value_text, self.qualifier)

    @property
    def decimals(self) -> int:
        return metrics.decimals_of(self.value_text)

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def in_unit(self, unit: str, usd_cny=None):
        return metrics.convert(self.value, self.unit, unit, usd_cny)

    def interval_in(self, unit: str, usd_cny=None) -> metrics.Interval:
        return metrics.convert(self.interval, self.unit, unit, usd_cny)


@dataclass
class Dataset:
    """A validated data folder: the article's figures, the supplementary series, indicators and sources."""

    folder: Path
    figures: pd.DataFrame
    series: pd.DataFrame
    sources: pd.DataFrame
    indicators: dict
    claims: pd.DataFrame | None = None
    _figure_cache: dict = field(default_factory=dict, repr=False)

    def fig(self, figure_id: str) -> Figure:
        """The figure with this id; a KeyError names the missing id and the file."""
        if figure_id not in self._figure_cache:
            match = self.figures[self.figures["id"] == figure_id]
            if match.empty:
                raise KeyError(f"figure {figure_id!r} is not in {self.folder / 'figures.csv'}")
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
        """
        rows = self.figures[(self.figures["indicator"] == indicator) & (self.figures["measure"] == measure)]
        if period is not None:
            rows = rows[rows["period"] == str(period)]
        if span is not None:
            rows = rows[rows["period"].str.contains("-") == span]
        ends = rows["period"].map(period_end)
        if ending is not None:
            rows, ends = rows[ends == int(ending)], ends[ends == int(ending)]
        sought = (
            f"{indicator} {measure}"
            + (f" for {period}" if period is not None else "")
            + (f" ending {ending}" if ending is not None else "")
            + ("" if span is None else " over several years" if span else " of one year")
        )
        if rows.empty:
            raise KeyError(f"no figure in {self.folder / 'figures.csv'} is the {sought}")
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
        latest of several years), ``year`` (the latest of one year) or a period."""
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
        2021-2025, ...) most often end in, the latest on a tie."""
        ranges = [p for p in self.figures["period"] if "-" in p]
        if not ranges:
            return max(period_end(p) for p in self.figures["period"])
        counts = pd.Series([period_end(p) for p in ranges]).value_counts()
        return int(max(counts[counts == counts.max()].index))

    def has(self, figure_id: str) -> bool:
        return bool((self.figures["id"] == figure_id).any())

    def annual(
        self, indicator: str, region: str = "shenzhen", unit: str | None = None, vintages: tuple[str, ...] | None = None
    ) -> pd.DataFrame:
        """Supplementary annual values of one indicator: columns year, value (in ``unit``), unit, vintage,
        qualifier, source; sorted by year."""
        rows = self.series[(self.series["indicator"] == indicator) & (self.series["region"] == region)]
        if vintages is not None:
            rows = rows[rows["vintage"].isin(vintages)]
        if rows.empty:
            raise KeyError(f"no series {region}/{indicator} in {self.folder / 'series.csv'}")
        out = rows[["year", "value", "unit", "vintage", "qualifier", "source", "basis"]].copy()
        out["year"] = out["year"].astype(int)
        out["value_text"] = out["value"].astype(str)
        out["value"] = out["value"].astype(float)
        if unit is not None:
            out["value"] = [metrics.convert(v, u, unit) for v, u in zip(out["value"], out["unit"])]
            out["unit"] = unit
        return out.sort_values("year").reset_index(drop=True)

    def annual_value(
        self,
        indicator: str,
        year: int,
        region: str = "shenzhen",
        unit: str | None = None,
        vintages: tuple[str, ...] | None = None,
    ) -> float:
        table = self.annual(indicator, region, unit, vintages)
        match = table[table["year"] == year]
        if match.empty:
            raise KeyError(f"no {region}/{indicator} value for {year} in {self.folder / 'series.csv'}")
        return float(match["value"].iloc[0])

    def annual_interval(
        self,
        indicator: str,
        year: int,
        region: str = "shenzhen",
        unit: str | None = None,
        vintages: tuple[str, ...] | None = None,
    ) -> metrics.Interval:
        """Rounding interval of a supplementary value as published, converted to ``unit``."""
        table = self.annual(indicator, region, None, vintages)
        match = table[table["year"] == year]
        if match.empty:
            raise KeyError(f"no {region}/{indicator} value for {year} in {self.folder / 'series.csv'}")
        row = match.iloc[0]
        interval = metrics.printed_interval(row["value_text"], row["qualifier"])
        return metrics.convert(interval, row["unit"], unit) if unit else interval

    def tidy(self, region: str | list[str] | None = None, indicator: str | list[str] | None = None) -> pd.DataFrame:
        """The annual series of series.csv as one tidy frame, for analysis in JupyterLab: one row per (region,
        indicator, year, vintage), columns :data:`TIDY_COLUMNS`: series.csv's own (``year`` int, ``value`` float
        in the row's ``unit``, ``note`` empty when there is none), ``value_text`` (the number as published, so its
        rounding is known), and from indicators.yaml ``title_zh``, ``title_en``, ``indicator_unit`` (the unit the
        indicator is usually shown in) and ``value_in_indicator_unit`` (NaN where that needs an exchange rate).

        Stated targets are rows too, told apart by ``vintage == "target"``. ``region`` and ``indicator`` filter by
        one name or a list; a name series.csv does not hold is a KeyError listing those it does. Sorted by region,
        indicator, year and vintage."""
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
        ``audit.evaluate(claim, ds.with_series_value("shenzhen", "trade", 2024, "44870"))``.

        ``value`` given as text keeps its digits, and so its rounding interval; a number is written as Python
        prints it. The value must exist: a KeyError names it; when its year has several vintages, name one."""
        s = self.series
        match = (s["region"] == region) & (s["indicator"] == indicator) & (s["year"].astype(int) == int(year))
        if vintage is not None:
            match &= s["vintage"] == vintage
        where = f"{region}/{indicator}/{year}" + (f"@{vintage}" if vintage else "")
        if not match.any():
            raise KeyError(f"no series value {where} in {self.folder / 'series.csv'}")
        if match.sum() > 1:
            raise KeyError(
                f"series value {where} has several vintages ({', '.join(s.loc[match, 'vintage'])}) in "
                f"{self.folder / 'series.csv'}: name one"
            )
        text = value.strip() if isinstance(value, str) else repr(float(value))
        if not math.isfinite(float(text)):  # ValueError for text that is not a number
            raise ValueError(f"series value {where} must be a finite number, got {value!r}")
        series = s.copy()
        series.loc[match, "value"] = text
        return replace(self, series=series, _figure_cache={})

    def meta(self, indicator: str) -> dict:
        if indicator not in self.indicators:
            raise KeyError(f"indicator {indicator!r} is not in {self.folder / 'indicators.yaml'}")
        return self.indicators[indicator]

    def source(self, source_id: str) -> dict:
        match = self.sources[self.sources["id"] == source_id]
        if match.empty:
            raise KeyError(f"source {source_id!r} is not in {self.folder / 'sources.csv'}")
        return match.iloc[0].to_dict()

    @cached_property
    def theme_figures(self) -> dict[str, list[str]]:
        return {str(t): list(g["id"]) for t, g in self.figures.groupby("theme", sort=False)}


def period_end(period: str) -> int:
    """The last year of a period as printed: '2025' -> 2025, '2020-2025' -> 2025."""
    return int(str(period).split("-")[-1])


def period_start(period: str) -> int:
    """The first year of a period as printed: '2025' -> 2025, '2020-2025' -> 2020."""
    return int(str(period).split("-")[0])


def span_key(start: Figure, end: Figure) -> str:
    """The years from one figure's period to another's, for a results key: 2020 and 2025 -> '2020_2025'."""
    return f"{period_start(start.period)}_{period_end(end.period)}"


def _in_unit(value: float, unit: str, to_unit: str) -> float:
    """``value`` converted from ``unit`` to ``to_unit``; NaN when no fixed factor links them (yuan and dollars)."""
    if not to_unit:
        return float("nan")
    try:
        return float(metrics.convert(value, unit, to_unit))
    except ValueError:
        return float("nan")


def _read_text_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=ENCODING)


def load(folder: str | Path) -> Dataset:
    """Validate and load a data folder; raises :class:`DataError` listing every problem."""
    folder = Path(folder).resolve()
    problems = validate(folder)
    if problems:
        raise DataError(problems, folder)
    claims_path = folder / "claims.csv"
    return Dataset(
        folder=folder,
        figures=_read_text_table(folder / "figures.csv"),
        series=_read_text_table(folder / "series.csv"),
        sources=_read_text_table(folder / "sources.csv"),
        indicators=yaml.safe_load((folder / "indicators.yaml").read_text(encoding=ENCODING)),
        claims=_read_text_table(claims_path) if claims_path.exists() else None,
    )
