"""Notebook parameters: read from each notebook's parameters cell, declared constraints, validation.

Names, types, defaults and help come from the parameters cell itself (papermill's ``inspect_notebook``
reads the annotated defaults and their trailing comments). What papermill does not check (papermill #55),
allowed values and ranges, is declared once in :data:`CONSTRAINTS`. Every ``-p``/``-f`` value is checked
here before any kernel starts: unknown name (with the closest suggestion), wrong type, out of range,
not an allowed value.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import json
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from szreport import safeyaml

# Parameters set by the build itself, not with -p: the language (--lang) and the data folder (--data).
BUILD_MANAGED = {"lang": "--lang", "data_dir": "--data"}

# Constraints papermill does not know. Keys are parameter names, the same in every notebook that has them.
CONSTRAINTS: dict[str, dict] = {
    "lang": {"allowed": ["zh", "en"]},
    # outlook: the horizon must follow the last data year (2025); szreport.themes.outlook also checks it against the
    # data folder. Rates are % a year, growth within -10..30 (a fall of a tenth to a rise of almost a third, each year
    # to the horizon); at most six scenarios per list, so each keeps its own colour in a chart. The GDP target is
    # at least a quarter and at most eight times the 2025 GDP (3.87 万亿元): never above ten times today's. The
    # outlook page's form checks the same ranges (szreport.themes.outlook.page emits them into the page).
    "horizon_year": {"min": 2026, "max": 2050},
    "gdp_real_growth_scenarios_pct": {"item_min": -10, "item_max": 30, "non_empty": True, "max_items": 6},
    "trade_growth_scenarios_pct": {"item_min": -10, "item_max": 30, "non_empty": True, "max_items": 6},
    "gdp_deflator_pct": {"min": -10, "max": 20},
    "gdp_target_yuan_trillion": {"min": 1, "max": 30},
    "rd_intensity_target_pct": {"min": 0.1, "max": 20},
    "usd_cny": {"min": 1, "max": 20},
    # theme reports (economy, innovation, opening_up): the window of the annual-series analysis. Which years and
    # regions are allowed depends on the data folder: szreport.data.window checks them before any kernel starts.
    "start_year": {"from_data": "a year of the annual series in series.csv, before end_year"},
    "end_year": {"from_data": "a year of the annual series in series.csv, after start_year"},
    "peers": {"from_data": "regions of series.csv other than the subject city's"},
    "price_basis": {"allowed": ["nominal", "real"]},
}


# Messages of the checks a form can repeat (szreport.themes.outlook.page fills them in the page): {name} is the
# parameter, {value} and {item} Python's repr of the value (an item of a list), the rest its constraints.
MESSAGES = {
    "int": "parameter '{name}' must be a whole number, got {value}",
    "float": "parameter '{name}' must be a number, got {value}",
    "list_numbers": "parameter '{name}' must hold numbers only, got {value}",
    "range": "parameter '{name}' must be in {min}..{max}, got {value}",
    "non_empty": "parameter '{name}' must not be empty",
    "max_items": "parameter '{name}' holds {count} items, at most {max_items} are allowed",
    "item_range": "parameter '{name}': {item} is outside {item_min}..{item_max}",
}


def message(kind: str, name: str, **values) -> str:
    """One of :data:`MESSAGES` filled in; values are given as the text to show."""
    return MESSAGES[kind].format(name=name, **values)


class ParameterError(ValueError):
    """A parameter value that the notebook would not accept; the message names the parameter."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: object
    help: str
    constraints: dict

    def describe(self) -> str:
        bits = [f"{self.name} ({self.type}, default {self.default!r})"]
        constraints = self.constraints
        if "allowed" in constraints:
            bits.append("allowed: " + ", ".join(map(str, constraints["allowed"])))
        if "min" in constraints or "max" in constraints:
            bits.append(f"range: {constraints.get('min', '-inf')}..{constraints.get('max', 'inf')}")
        if "item_min" in constraints:
            bits.append(f"each item in {constraints['item_min']}..{constraints['item_max']}")
        if "max_items" in constraints:
            bits.append(f"at most {constraints['max_items']} items")
        if "from_data" in constraints:
            bits.append(f"allowed: {constraints['from_data']} (checked against the data folder)")
        if self.name in BUILD_MANAGED:
            bits.append(f"set with {BUILD_MANAGED[self.name]}")
        return "; ".join(bits) + (f"\n      {self.help}" if self.help else "")


def _cache_path() -> Path | None:
    """The cache of notebooks' parameters cells, inside the environment of this checkout (``.venv``), so that two
    checkouts on one machine never read each other's; None when there is no writable place for it."""
    folder = Path(sys.prefix) / "var" / "szreport"
    return folder / "notebook-parameters.json" if os.access(sys.prefix, os.W_OK) else None


def _cached(cache_file: Path | None) -> dict:
    """The cache as a mapping of content hash -> parameters; anything else in the file (garbage, a list, a
    wrong entry) is not trusted: said once, ignored, and the file is written anew."""
    if cache_file is None or not cache_file.exists():
        return {}
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = None
    good = isinstance(cache, dict) and all(
        isinstance(entry, dict) and all(isinstance(info, dict) for info in entry.values()) for entry in cache.values()
    )
    if not good:
        print(f"szreport: ignoring a damaged cache {cache_file} (it is rebuilt)", file=sys.stderr)
        return {}
    return cache


def inspect(notebook: Path) -> dict:
    """papermill's ``inspect_notebook`` of a notebook, cached by the notebook's content hash.

    Importing papermill costs about three seconds (nbformat pulls in jsonschema's format checkers), which would
    dominate a rebuild where nothing changed; the cache keeps that to reading one small JSON file.
    """
    content = Path(notebook).read_bytes()
    key = hashlib.sha256(content).hexdigest()
    cache_file = _cache_path()
    cache = _cached(cache_file)
    if key in cache:
        return cache[key]
    import papermill

    inferred = {
        name: {k: v for k, v in info.items() if isinstance(v, (str, int, float, bool, type(None)))}
        for name, info in papermill.inspect_notebook(str(notebook)).items()
    }
    cache[key] = inferred
    if cache_file is None:
        return inferred
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache), encoding="utf-8")
        os.replace(tmp, cache_file)
    except OSError:  # a read-only home is fine: the cache only saves time
        pass
    return inferred


def read_parameters(notebook: Path) -> dict[str, Parameter]:
    """The parameters declared in a notebook's parameters cell (papermill's inspect_notebook)."""
    inferred = inspect(notebook)
    out = {}
    for name, info in inferred.items():
        try:  # papermill returns the default as Python source
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            default = info["default"]
        out[name] = Parameter(
            name,
            info.get("inferred_type_name") or "None",
            default,
            (info.get("help") or "").strip(),
            CONSTRAINTS.get(name, {}),
        )
    return out


# A number in exponent form: YAML 1.1 (PyYAML) reads 1e-3 and 1e308 as text, since it wants a dot in them.
_EXPONENT_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+")


def _with_numbers(value):
    """YAML's value with exponent-form numbers read as numbers, in lists too."""
    if isinstance(value, str) and _EXPONENT_NUMBER.fullmatch(value.strip()):
        return float(value)
    if isinstance(value, list):
        return [_with_numbers(item) for item in value]
    return value


def parse_cli_value(text: str):
    """A -p value as YAML (so 5, 5.0, 1e-3, true, [4, 5] and plain words all work)."""
    try:
        return _with_numbers(safeyaml.load(text))
    except yaml.YAMLError:
        return text


def _check_type(parameter: Parameter, value):
    kind = parameter.type.replace(" ", "")
    if kind == "str":
        if not isinstance(value, str):
            raise ParameterError(f"parameter {parameter.name!r} must be text, got {value!r}")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ParameterError(f"parameter {parameter.name!r} must be true or false, got {value!r}")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(message("int", parameter.name, value=repr(value)))
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ParameterError(message("float", parameter.name, value=repr(value)))
        return float(value)
    if kind.startswith("list"):
        if isinstance(value, (int, float)) and not isinstance(value, bool) or isinstance(value, str) and "str" in kind:
            value = [value]  # -p peers=china: a list of one
        if not isinstance(value, (list, tuple)):
            raise ParameterError(f"parameter {parameter.name!r} must be a list such as [4.5, 5.0], got {value!r}")
        if "float" in kind or "int" in kind:
            bad = [v for v in value if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)]
            if bad:
                raise ParameterError(message("list_numbers", parameter.name, value=repr(bad[0])))
            value = [float(v) for v in value] if "float" in kind else list(value)
        if "str" in kind:
            bad = [v for v in value if not isinstance(v, str)]
            if bad:
                raise ParameterError(f"parameter {parameter.name!r} must hold names only, got {bad[0]!r}")
        return list(value)
    return value


def check_value(parameter: Parameter, value):
    """The value converted to the parameter's type, or a ParameterError naming the parameter. None is accepted
    where the notebook's default is None (a window year left open)."""
    if value is None and parameter.default is None:
        return None
    value = _check_type(parameter, value)
    constraints = parameter.constraints
    if "allowed" in constraints and value not in constraints["allowed"]:
        raise ParameterError(
            f"parameter {parameter.name!r} must be one of {', '.join(map(str, constraints['allowed']))}, got {value!r}"
        )
    if "min" in constraints and value < constraints["min"] or "max" in constraints and value > constraints["max"]:
        raise ParameterError(
            message("range", parameter.name, min=constraints.get("min"), max=constraints.get("max"), value=repr(value))
        )
    if constraints.get("non_empty") and not value:
        raise ParameterError(message("non_empty", parameter.name))
    if "max_items" in constraints and len(value) > constraints["max_items"]:
        raise ParameterError(message("max_items", parameter.name, count=len(value), max_items=constraints["max_items"]))
    for item in value if isinstance(value, list) else []:
        if "item_min" in constraints and not (constraints["item_min"] <= item <= constraints["item_max"]):
            raise ParameterError(
                message(
                    "item_range",
                    parameter.name,
                    item=repr(item),
                    item_min=constraints["item_min"],
                    item_max=constraints["item_max"],
                )
            )
    return value


def validate(overrides: dict, notebooks: dict[str, Path]) -> dict[str, dict]:
    """Check user parameters against the selected notebooks; return the values to pass to each notebook.

    A parameter must exist in at least one selected notebook; it is passed to the notebooks that have it.
    """
    declared = {name: read_parameters(path) for name, path in notebooks.items()}
    per_notebook: dict[str, dict] = {name: {} for name in notebooks}
    all_names = sorted({p for params in declared.values() for p in params})
    for key, value in overrides.items():
        if key in BUILD_MANAGED:
            raise ParameterError(f"parameter {key!r} is set by the build: use {BUILD_MANAGED[key]} instead of -p")
        owners = [name for name, params in declared.items() if key in params]
        if not owners:
            close = difflib.get_close_matches(key, all_names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ParameterError(f"unknown parameter {key!r} for {', '.join(notebooks)}{hint}")
        for name in owners:
            per_notebook[name][key] = check_value(declared[name][key], value)
    return per_notebook


def load_file(path: str | Path) -> dict:
    """Parameters from a YAML file (-f): a mapping of name to value."""
    path = Path(path)
    if not path.exists():
        raise ParameterError(f"parameter file {path} does not exist")
    if not path.is_file():
        raise ParameterError(f"parameter file {path} is not a file")
    try:
        content = safeyaml.load(path.read_text(encoding="utf-8-sig")) or {}
    except UnicodeDecodeError as exc:
        raise ParameterError(f"parameter file {path} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise ParameterError(f"parameter file {path} cannot be read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ParameterError(f"parameter file {path} is not valid YAML: {exc}") from None
    if not isinstance(content, dict):
        raise ParameterError(f"parameter file {path} must hold a mapping of name: value")
    bad_keys = [key for key in content if not isinstance(key, str) or not key.isidentifier()]
    if bad_keys:
        raise ParameterError(
            f"parameter file {path}: {', '.join(map(repr, bad_keys))} is not a parameter name "
            "(names are words such as horizon_year)"
        )
    return {key: _with_numbers(value) for key, value in content.items()}


def allowed_text(constraints: dict) -> str:
    """A parameter's constraints in words, for the parameters table: allowed values, range, list length."""
    bits = []
    if "allowed" in constraints:
        bits.append(", ".join(map(str, constraints["allowed"])))
    if "min" in constraints and "max" in constraints:
        bits.append(f"{constraints['min']}..{constraints['max']}")
    elif "min" in constraints or "max" in constraints:
        bits.append(f"at least {constraints['min']}" if "min" in constraints else f"at most {constraints['max']}")
    if "item_min" in constraints:
        bits.append(f"each item in {constraints['item_min']}..{constraints['item_max']}")
    if constraints.get("non_empty"):
        bits.append("not empty")
    if "from_data" in constraints:
        bits.append(constraints["from_data"])
    if "max_items" in constraints:
        bits.append(f"at most {constraints['max_items']} items")
    known = {"allowed", "min", "max", "item_min", "item_max", "non_empty", "max_items", "from_data"}
    bits += [f"{key}: {value}" for key, value in constraints.items() if key not in known]
    return "; ".join(bits)


def markdown_table(notebooks: dict[str, Path]) -> str:
    """The parameters table of docs/options.md: every parameter of every notebook but those the build sets
    (--lang, --data), from the parameters cells (type, default, help) and :data:`CONSTRAINTS` (allowed values)."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| report | parameter | type | default | allowed values | meaning |", "|---|---|---|---|---|---|"]
    for report, path in notebooks.items():
        for parameter in read_parameters(path).values():
            if parameter.name not in BUILD_MANAGED:
                default = json.dumps(parameter.default, ensure_ascii=False, default=str)
                lines.append(
                    "| "
                    + " | ".join(
                        cell(text)
                        for text in (
                            report,
                            f"`{parameter.name}`",
                            f"`{parameter.type}`",
                            f"`{default}`",
                            allowed_text(parameter.constraints),
                            parameter.help,
                        )
                    )
                    + " |"
                )
    return "\n".join(lines)
