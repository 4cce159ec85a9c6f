"""Values under the cursor, the finger and the keyboard: every data mark of a chart (a bar, a point, a vertex of a
line, a range's end) as an element of the page's SVG that a reader can hover, tap or focus.

- While a chart is drawn (:mod:`szreport.charts.draw`, :mod:`szreport.charts.intervals`), :class:`Marks` gives each
  mark's artist a gid (matplotlib's SVG writes it as the id of the artist's group) and records what it stands for:
  its label, year, the value drawn and the column and row of the drawn table it came from.
- :func:`resolve` finds each mark's value in the chart's data as its CSV writes it (``data-value``: the same text as
  the CSV cell, found again by column and row; a chart drawn in another unit than its data, billions for 亿元,
  finds the column by the constant ratio), with its unit, and the accessible name (label, year, value).
- :func:`annotate` turns the groups into marks of the page's SVG: ``data-mark`` (bar, point or end), ``data-value``,
  ``data-label``, ``data-year``, ``data-note`` (what the bar's colour means, which end of a range), ``data-shown``
  (value and unit), ``role="img"``, ``aria-label`` and ``tabindex`` (the first mark of a picture 0, the others -1:
  Tab enters the chart, arrow keys move within it).
- ``marks.js`` (:func:`script_html`, once per page) shows the tooltip (``role="tooltip"``) on hover, tap and focus,
  for any SVG whose elements carry these attributes (the outlook's redrawn charts too).
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from szreport import fmt
from szreport.data.figure import UNIT_SUFFIX

SCRIPT_PATH = Path(__file__).with_name("marks.js")
GID_PREFIX = "szm"  # the gid of a mark's artist: szm0, szm1, ... in the order drawn
MAX_SCRIPT_BYTES = 8 * 1024  # the whole page's chart script (issue 24)
_SVG = "{http://www.w3.org/2000/svg}"
# Column name endings that say a value's unit (style: units in column names), longest first.
_SUFFIXES = sorted(set(UNIT_SUFFIX.values()), key=len, reverse=True)
_UNIT_OF_SUFFIX = {suffix: unit for unit, suffix in UNIT_SUFFIX.items()}


@dataclass(frozen=True)
class Mark:
    """One data mark as drawn: the artist's ``gid`` and, for an artist of many points (a line's vertices), which
    ``vertex`` (in the order drawn; ``None``: the artist is the mark, a bar); ``kind`` bar, point or end; the
    ``label`` (series or row) and ``year`` (or category) a reader sees; the ``value`` drawn, from ``column`` of
    the drawn table at position ``row``, or the row whose ``key`` column holds ``key_value``; ``note`` what the
    mark's colour means or which end of a range it is; ``series`` the marks that share one source column."""

    gid: str
    vertex: int | None
    kind: str
    label: str
    year: str
    column: str
    row: int
    value: float
    note: str = ""
    key: str = ""
    key_value: str = ""
    series: str = ""
    note_key: str = ""  # a note in the page's language: its locale key (the end of a range: mark_recomputed_low)


class Marks:
    """The marks of one chart, collected as it is drawn."""

    def __init__(self) -> None:
        self.items: list[Mark] = []
        self._count = 0

    def _gid(self, artist) -> str:
        gid = f"{GID_PREFIX}{self._count}"
        self._count += 1
        artist.set_gid(gid)
        return gid

    def bar(self, artist, **mark) -> None:
        """A bar (or a range drawn as one artist): the artist is the mark."""
        self.items.append(Mark(self._gid(artist), None, **{"kind": "bar", **mark}))

    def points(self, artist, marks: Sequence[dict]) -> None:
        """An artist drawing one point per mark (a line's markers, a scatter), in the order of ``marks``."""
        if not marks:
            return
        gid = self._gid(artist)
        self.items += [Mark(gid, vertex, **{"kind": "point", **mark}) for vertex, mark in enumerate(marks)]


def x_text(value) -> str:
    """An x value as a reader sees it: a whole year without a decimal point."""
    return str(int(float(value))) if isinstance(value, numbers.Real) and float(value).is_integer() else str(value)


def point_marks(label: str, column: str, xs, ys, key: str, rows) -> list[dict]:
    """The marks of a line's points: the line's label, each x as its year, the row of the drawn table by x."""
    return [
        {
            "label": label,
            "year": x_text(xv),
            "column": column,
            "row": int(row),
            "value": float(yv),
            "key": key,
            "key_value": x_text(xv),
            "series": column,
        }
        for xv, yv, row in zip(xs, ys, rows)
    ]


def positions(frame: pd.DataFrame, sub: pd.DataFrame) -> list[int]:
    """The positions in ``frame`` of the rows of ``sub`` (a selection of its rows)."""
    where = {index: position for position, index in enumerate(frame.index)}
    return [where[index] for index in sub.index]


@dataclass(frozen=True)
class Shown:
    """A mark as the page shows it: its element (``gid``, ``vertex``) and its attributes."""

    gid: str
    vertex: int | None
    kind: str
    value: str  # as the chart's CSV writes it
    label: str
    year: str
    note: str
    shown: str  # the value with its unit
    name: str  # the accessible name: label, year, value
    in_csv: bool  # the value was found in the chart's data (never False for the reports' charts)

    def attributes(self) -> dict[str, str]:
        attributes = {"data-mark": self.kind, "data-value": self.value, "data-label": self.label}
        attributes |= {"data-year": self.year} if self.year else {}
        attributes |= {"data-note": self.note} if self.note else {}
        return attributes | {"data-shown": self.shown, "role": "img", "aria-label": self.name, "tabindex": "-1"}


def _cells(chart) -> tuple[list[str], list[list[str]]]:
    """The chart's CSV as its cells: header, then rows, as text."""
    rows = list(csv.reader(io.StringIO(chart.csv())))
    return (rows[0], rows[1:]) if rows else ([], [])


def _row(mark: Mark, data) -> int | None:
    """The position in the chart's data of the row a mark was drawn from."""
    if mark.key and mark.key in data.columns:
        found = [i for i, v in enumerate(data[mark.key]) if _key_text(v) == mark.key_value]
        if len(found) == 1:
            return found[0]
    return mark.row if 0 <= mark.row < len(data) else None


def _key_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _source_column(
    marks: Sequence[Mark], rows: Sequence[int], data, texts: dict[str, list[str]]
) -> tuple[str, float] | None:
    """The column of the chart's data the marks' values come from, and the factor they were drawn at (1, or that of
    a chart drawn in another unit: billions for 亿元): the column the chart drew if it is there, else any; exactly,
    else within the rounding of the CSV's digits (a table that keeps two decimals of what the chart draws)."""
    columns = [marks[0].column] if marks[0].column in data.columns else []
    columns += [c for c in data.columns if c not in columns]
    drawn = [m.value for m in marks]
    for exact in (True, False):
        for factor in _FACTORS:
            for column in columns:
                values = [_number(data[column].iloc[r]) for r in rows]
                shown = [texts[column][r] for r in rows]
                if all(v is not None and _matches(d / factor, v, t, exact) for d, v, t in zip(drawn, values, shown)):
                    return column, factor
    return None


# The factors a chart draws its data at: the same unit, 亿 in billions (0.1), 万 in units (1e4), and back.
_FACTORS = (1.0, 0.1, 10.0, 0.01, 100.0, 1e4, 1e-4)


def _matches(drawn: float, value: float, text: str, exact: bool) -> bool:
    """Whether a drawn value is the data's: the same number, or (``exact`` false) within half a unit of the last
    digit the CSV writes."""
    if math.isclose(drawn, value, rel_tol=1e-9, abs_tol=1e-12):
        return True
    if exact or "e" in text.lower():
        return False
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(drawn - value) <= 0.5 * 10**-decimals * (1 + 1e-9)


def unit_of(column: str, row_unit: str = "") -> str:
    """The printed unit (万亿元, %, 家) a column's values are in: the row's own unit column, or its name's ending."""
    if row_unit in UNIT_SUFFIX:
        return row_unit
    for suffix in _SUFFIXES:
        if column == suffix or column.endswith("_" + suffix):
            return _UNIT_OF_SUFFIX[suffix]
    return ""


def _unit_words(unit: str, lang: str) -> str:
    try:
        return str(fmt.plain(fmt.t(lang, f"audit_unit_{UNIT_SUFFIX[unit]}")))
    except KeyError:
        return unit


def kind_words(kind: str, lang: str) -> str:
    """A bar kind in the page's language (legend_kind_implied: "implied by growth"), or "" for one without."""
    try:
        return str(fmt.plain(fmt.t(lang, f"legend_kind_{kind}")))
    except KeyError:
        return ""


def _bar_notes(chart, marks: Sequence[Mark], lang: str) -> dict[int, str]:
    """What each bar's colour means (its legend's words), by id of its mark, when the bars have more than one."""
    bars = [m for m in marks if m.kind == "bar"]
    kinds = list(getattr(chart, "kinds", ()))
    if len(bars) != len(kinds) or len({colour for colour, _ in kinds}) < 2:
        return {}
    return {id(mark): kind_words(kind, lang) for mark, (_, kind) in zip(bars, kinds) if kind}


def value_text(value: str, unit_words: str, lang: str) -> str:
    """A value with its unit, as a tooltip says it: 43.0%, 3.87 CNY trillion, 3.87万亿元."""
    if not unit_words:
        return value
    if unit_words == "%":
        return f"{value}%"
    return str(fmt.plain(fmt.t(lang, "mark_value", value=value, unit=unit_words)))


def accessible_name(label: str, year: str, note: str, shown: str, lang: str) -> str:
    """What a screen reader says for a mark: label (and note), year, value."""
    what = str(fmt.plain(fmt.t(lang, "mark_noted", label=label, note=note))) if note else label
    key = "mark_name" if year else "mark_name_no_year"
    return str(fmt.plain(fmt.t(lang, key, label=what, year=year, value=shown)))


def resolve(chart, lang: str) -> tuple[Shown, ...]:
    """Every mark of ``chart`` (a :class:`szreport.charts.draw.Chart`) as the page shows it, its value found in the
    chart's data as the CSV writes it."""
    marks: Sequence[Mark] = chart.marks
    if not marks:
        return ()
    data = chart.data
    header, cells = _cells(chart)
    texts = {column: [row[i] if i < len(row) else "" for row in cells] for i, column in enumerate(header)}
    series: dict[str, list[Mark]] = {}
    for mark in marks:
        series.setdefault(mark.series or mark.column or mark.gid, []).append(mark)
    found: dict[int, tuple[str, float, int]] = {}  # id(mark) -> column, factor, row
    for group in series.values():
        rows = [_row(m, data) for m in group]
        if any(r is None for r in rows):
            continue
        known = [r for r in rows if r is not None]
        source = _source_column(group, known, data, texts)
        if source is not None:
            for mark, row in zip(group, known):
                found[id(mark)] = (source[0], source[1], row)
    notes = _bar_notes(chart, marks, lang)
    shown = []
    for mark in marks:
        if id(mark) in found:
            column, factor, row = found[id(mark)]
            value = cells[row][header.index(column)]
            row_unit = str(data["unit"].iloc[row]) if "unit" in data.columns else ""
            unit = unit_of(column, row_unit)
            words = _unit_words(unit, lang) if unit else (chart.unit if math.isclose(factor, 1.0) else "")
            in_csv = True
        else:  # not found in the data: the value drawn, as pandas would write it
            value, words, in_csv = str(mark.value), chart.unit, False
        text = value_text(value, str(fmt.plain(words or "")), lang)
        note = fmt.t(lang, mark.note_key) if mark.note_key else notes.get(id(mark)) or mark.note
        label, year, note = (str(fmt.plain(v)).replace("\n", " ") for v in (mark.label, mark.year, note))
        name = accessible_name(label, year, note, text, lang)
        shown.append(Shown(mark.gid, mark.vertex, mark.kind, value, label, year, note, text, name, in_csv))
    return tuple(shown)


def annotate(root: ET.Element, shown: Sequence[Shown]) -> None:
    """The marks of a page's SVG (as matplotlib wrote it, the gids still its ids) given their attributes; the first
    mark of the picture is the one Tab reaches (``tabindex="0"``)."""
    by_gid: dict[str, list[Shown]] = {}
    for mark in shown:
        by_gid.setdefault(mark.gid, []).append(mark)
    for element in list(root.iter()):
        marks = by_gid.get(element.get("id", ""))
        if not marks:
            continue
        uses = list(element.iter(f"{_SVG}use"))
        for mark in marks:
            target = element if mark.vertex is None else (uses[mark.vertex] if mark.vertex < len(uses) else None)
            if target is not None:
                target.attrib.update(mark.attributes())
    first = next((e for e in root.iter() if "data-mark" in e.attrib), None)
    if first is not None:
        first.set("tabindex", "0")


def script_html() -> str:
    """The page's chart script (``marks.js``), inline, once per page; marked ``data-sz-own`` as the page's own."""
    script = SCRIPT_PATH.read_text(encoding="utf-8")
    if "</" in script:
        raise ValueError(f"{SCRIPT_PATH.name} must not contain '</'")
    if len(script.encode("utf-8")) > MAX_SCRIPT_BYTES:
        raise ValueError(f"{SCRIPT_PATH.name} is over {MAX_SCRIPT_BYTES} bytes")
    return f'<script data-sz-own="chart-marks">{script}</script>'
