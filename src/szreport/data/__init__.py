"""The data layer: a data folder (``data/`` or any folder of the same shape) read, validated and held.

- :mod:`~szreport.data.files`: which files of a folder are data (the schema's names, regular files inside it);
- :mod:`~szreport.data.loader`: :func:`load` and :func:`validate` against ``schema.yaml`` (every problem named by
  file, row and column: :class:`DataError`), and the warnings of :func:`source_warnings`;
- :mod:`~szreport.data.dataset`: :class:`Dataset` (the tables, with lookups by what a figure is);
- :mod:`~szreport.data.figure`: :class:`Figure` (one figure as printed: value, unit, period, basis, qualifier,
  rounding interval);
- :mod:`~szreport.data.subject`: the city the folder is about (``subject.yaml``) and the other regions' names;
- :mod:`~szreport.data.periods`: periods as printed (``2025``, ``2020-2025``, ``latest``): their first and last years;
- :mod:`~szreport.data.claims`: the audit's claims as data (:class:`~szreport.data.claims.Claim`, references);
- :mod:`~szreport.data.window`: the window of the annual series a report analyses (years, peers, basis);
- :mod:`~szreport.data.problems`: one :class:`~szreport.data.problems.Problem` (file, row, column, value).

May import: :mod:`szreport.metrics` and :mod:`szreport.params` (the foundation), nothing above.

The names below are loaded on first use, so that importing :mod:`szreport.data.files` (as the build's no-op
check does) costs no pandas: ``from szreport.data import load, Dataset`` works as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from szreport.data.files import SCHEMA_PATH, data_files, known_file_names, schema, stray_files
from szreport.data.problems import Problem

if TYPE_CHECKING:
    from szreport.data.dataset import TIDY_COLUMNS, Dataset
    from szreport.data.figure import Figure, span_key
    from szreport.data.loader import ENCODING, REQUIRED_FILES, DataError, load, source_warnings, validate
    from szreport.data.periods import period_end, period_start

_LAZY = {
    "TIDY_COLUMNS": "dataset",
    "Dataset": "dataset",
    "Figure": "figure",
    "period_end": "periods",
    "period_start": "periods",
    "span_key": "figure",
    "ENCODING": "loader",
    "REQUIRED_FILES": "loader",
    "DataError": "loader",
    "load": "loader",
    "source_warnings": "loader",
    "validate": "loader",
}

__all__ = [
    "ENCODING",
    "REQUIRED_FILES",
    "SCHEMA_PATH",
    "TIDY_COLUMNS",
    "DataError",
    "Dataset",
    "Figure",
    "Problem",
    "data_files",
    "known_file_names",
    "load",
    "period_end",
    "period_start",
    "schema",
    "source_warnings",
    "span_key",
    "stray_files",
    "validate",
]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
