"""Load and validate a data folder (``data/`` or any folder of the same shape given with ``--data``).

The shape is declared once in ``schema.yaml`` beside this module. :func:`validate` reads every file as text,
checks it against the schema and returns *every* problem found, each naming the file, the row (as the line
number in the file, header = line 1), the column and the offending value. :func:`load` raises
:class:`DataError` with all of them, or returns a :class:`Dataset`.

The :class:`Dataset` and :class:`Figure` classes live in :mod:`szreport.data.dataset` and are imported here, so
``data.load``, ``data.Dataset`` and ``data.Figure`` are one import away.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import yaml

from szreport import metrics, safeyaml
from szreport.data.claims import validate_claims
from szreport.data.dataset import TIDY_COLUMNS, Dataset
from szreport.data.figure import Figure, span_key
from szreport.data.files import SCHEMA_PATH, data_files, known_file_names, placement_problem, schema, stray_files
from szreport.data.periods import period_end, period_start
from szreport.data.problems import Problem
from szreport.data.subject import FILE as SUBJECT_FILE
from szreport.data.subject import Subject, subject_problems
from szreport.notebooks import default_data_dir

__all__ = [
    "ENCODING",
    "REQUIRED_FILES",
    "SCHEMA_PATH",
    "TIDY_COLUMNS",
    "DataError",
    "Dataset",
    "Figure",
    "data_files",
    "load",
    "period_end",
    "period_start",
    "schema",
    "span_key",
    "stray_files",
    "validate",
]

# Files a data folder must hold; claims.csv is optional until the audit report is built from it.
REQUIRED_FILES = ("figures.csv", "series.csv", "sources.csv", "indicators.yaml", "subject.yaml")
# Bounds no real data folder meets (the article's own: 82 figures, longest field 289 characters, largest file
# 16 KB), checked before anything is parsed further, so hostile sizes cannot make the build crawl.
MAX_FILE_BYTES = 2_000_000  # one data file
MAX_ROWS = 5_000  # rows of one table
MAX_FIELD_CHARS = 2_000  # one cell of a table, or one metadata field of indicators.yaml
# Every data file is read as UTF-8, with or without the byte-order mark that Excel's "CSV UTF-8" writes.
ENCODING = "utf-8-sig"


class DataError(ValueError):
    """Raised when a data folder does not match the schema; holds every problem found."""

    def __init__(self, problems: list[Problem], folder: Path | str = ""):
        self.problems = problems
        self.folder = str(folder)
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in data folder {self.folder}:\n{lines}")

    def _render_traceback_(self) -> list[str]:
        """What IPython shows as the cell's error output in a notebook, instead of frames of szreport: one line
        naming the folder and its problem, or a line per problem."""
        if len(self.problems) == 1:
            problem = self.problems[0]
            return [f"DataError: {problem}" if problem.file == self.folder else f"DataError: {self.folder}: {problem}"]
        return [f"DataError: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


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
    if len(rows) > MAX_ROWS:
        problems.append(Problem(name, None, None, None, f"has {len(rows):,} rows (at most {MAX_ROWS:,})"))
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
            if len(text) > MAX_FIELD_CHARS:
                too_long = f"{len(text):,} characters long (at most {MAX_FIELD_CHARS:,})"
                problems.append(Problem(name, line, column, text[:40] + "…", too_long))
                continue
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
    subject: object = None  # subject.yaml as parsed, once it parses
    for name in known_file_names():
        if ((folder / name).exists() or (folder / name).is_symlink()) and (
            placement := placement_problem(folder, name)
        ):
            problems.append(placement)
    misplaced = {p.file for p in problems}
    for name in spec.get("text_files", {}):
        path = folder / name
        if name not in misplaced and path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
            size = f"{path.stat().st_size:,} bytes"
            problems.append(Problem(name, None, None, None, f"file is too large ({size}; at most {MAX_FILE_BYTES:,})"))
    for name, file_spec in spec["files"].items():
        path = folder / name
        if name in misplaced:
            continue
        if not path.exists():
            if name in REQUIRED_FILES:
                problems.append(Problem(name, None, None, None, f"required file is missing from {folder}"))
            continue
        if path.stat().st_size == 0:
            problems.append(Problem(name, None, None, None, "file is empty"))
            continue
        if path.stat().st_size > MAX_FILE_BYTES:
            size = f"{path.stat().st_size:,} bytes"
            problems.append(Problem(name, None, None, None, f"file is too large ({size}; at most {MAX_FILE_BYTES:,})"))
            continue
        if name == SUBJECT_FILE:
            subject = _read_yaml(path, problems)
            continue
        if name.endswith(".yaml"):
            try:
                indicators = safeyaml.load(path.read_text(encoding=ENCODING)) or {}
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
                    if len(text) > MAX_FIELD_CHARS:
                        message = f"{len(text):,} characters long (at most {MAX_FIELD_CHARS:,})"
                        problems.append(Problem(name, None, f"{key}.{column}", text[:40] + "…", message))
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

    if subject is not None:  # every region of series.csv named, the subject's own among them
        series_rows = tables.get("series.csv", ([], []))[1]
        problems.extend(subject_problems(subject, {(row.get("region") or "").strip() for row in series_rows} - {""}))
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
        figure_ids = {
            r.get("id", "").strip(): r.get("period", "").strip() for r in tables.get("figures.csv", ([], []))[1]
        }
        regions = set()
        if isinstance(subject, dict) and not any(p.file == SUBJECT_FILE for p in problems):
            regions = {str(subject.get("region")), *map(str, subject.get("regions") or {})}
        problems.extend(validate_claims(tables["claims.csv"][1], figure_ids, set(indicators), spec, regions))
    non_negative = set(spec.get("non_negative_measures", []))
    if "figures.csv" in tables and "value" in tables["figures.csv"][0]:  # a missing column is said once, above
        for index, row in enumerate(tables["figures.csv"][1]):
            try:
                value = float(row.get("value") or "nan")
            except ValueError:
                continue
            if row.get("qualifier", "").strip() == "about_fraction":
                try:
                    if row.get("unit", "").strip() != "%":
                        raise ValueError(
                            "a figure printed as a fraction (about_fraction) is stored in %, as 25 for 1/4"
                        )
                    metrics.unit_fraction_denominator(value)
                except ValueError as error:
                    problems.append(Problem("figures.csv", index + 2, "value", row.get("value"), str(error)))
            if row.get("measure", "").strip() in non_negative and value < 0:
                problems.append(
                    Problem(
                        "figures.csv",
                        index + 2,
                        "value",
                        row.get("value"),
                        f"a {row['measure'].strip()} cannot be negative",
                    )
                )
    return problems


def _read_yaml(path: Path, problems: list[Problem]) -> object:
    """A YAML file of the folder as parsed, or None with the reason added to ``problems``."""
    try:
        return safeyaml.load(path.read_text(encoding=ENCODING))
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(path.name, None, None, None, f"cannot be read as UTF-8 (byte {exc.start}): save it as UTF-8")
        )
    except yaml.YAMLError as exc:
        problems.append(Problem(path.name, None, None, None, f"not valid YAML: {exc}"))
    return None


def source_warnings(ds: Dataset) -> list[Problem]:
    """Sources a reader cannot follow: without an address (url) or with a date of a year or a span only. Not
    errors (a release may have no page, a compilation no single date), but each is named so that it is either
    completed or explained in the source's note."""
    warnings = []
    for index, row in enumerate(ds.sources.to_dict("records")):
        url, note = str(row.get("url") or "").strip(), str(row.get("note") or "").strip()
        if not url:
            why = "say in note why there is none" if not note else "its note says why"
            warnings.append(Problem("sources.csv", index + 2, "url", row["id"], f"no address of the page ({why})"))
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(row.get("date") or "").strip()):
            warnings.append(
                Problem("sources.csv", index + 2, "date", str(row["date"]), "a year or a span only: give the month")
            )
    return warnings


def _read_text_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=ENCODING)


def load(folder: str | Path | None = None) -> Dataset:
    """Validate and load a data folder (by default, or given ``""``, the project's ``data/``:
    :func:`szreport.notebooks.default_data_dir`); raises :class:`DataError` listing every problem."""
    folder = Path(folder).resolve() if folder else default_data_dir()
    problems = validate(folder)
    if problems:
        raise DataError(problems, folder)
    claims_path = folder / "claims.csv"
    return Dataset(
        folder=folder,
        figures=_read_text_table(folder / "figures.csv"),
        series=_read_text_table(folder / "series.csv"),
        sources=_read_text_table(folder / "sources.csv"),
        indicators=safeyaml.load((folder / "indicators.yaml").read_text(encoding=ENCODING)),
        claims=_read_text_table(claims_path) if claims_path.exists() else None,
        subject=Subject.from_mapping(safeyaml.load((folder / SUBJECT_FILE).read_text(encoding=ENCODING))),
    )
