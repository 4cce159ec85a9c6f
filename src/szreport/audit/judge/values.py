"""Resolving a claim's references to values with their rounding intervals: an article figure (``fig:<id>``) or a
supplementary value (``series:<region>/<indicator>/<year>``, a vintage chosen by :data:`VINTAGE_PREFERENCE`);
:func:`nearest` finds what the data hold instead when a reference is missing. Part of the judge
(:mod:`szreport.audit.judge`); imports the data layer and metrics only.
"""

from __future__ import annotations

from dataclasses import dataclass

from szreport import metrics as m
from szreport.data.claims import Ref
from szreport.data.dataset import ALTERNATIVE
from szreport.data.loader import Dataset
from szreport.metrics import Interval

# When several vintages of one series value exist and a reference names none, the latest revision is used; a
# value another release prints differently (ALTERNATIVE) is used only when it is the only one, and otherwise
# shown beside the verdict with the verdict it would give (Verdict.details["alternatives"]).
# The article's figures all come from this entry of sources.csv.
ARTICLE_SOURCE = "article"
VINTAGE_PREFERENCE = ("post_census", "current", "pre_census", "target", ALTERNATIVE)


# --- resolving references ----------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A resolved reference: the number as printed, its interval, unit, basis, vintage and source."""

    ref: Ref
    value: float
    text: str
    unit: str
    basis: str
    vintage: str
    qualifier: str
    source: str
    period: str
    label_zh: str = ""
    label_en: str = ""
    rate: Value | None = None  # for a dollar value in a yuan claim: that year's yuan per dollar (EXCHANGE_RATE)

    @property
    def decimals(self) -> int:
        return m.decimals_of(self.text)

    @property
    def interval(self) -> Interval:
        return m.value_interval(self.text, self.unit, self.qualifier)

    def interval_in(self, unit: str) -> Interval:
        return m.convert(self.interval, self.unit, unit, self.rate.interval if self.rate else None)


def _series_rows(ds: Dataset, ref: Ref) -> list[dict]:
    """The series.csv rows of the reference's region and indicator (of its vintage, if it names one)."""
    rows = ds.series_records(ref.region, ref.indicator)
    return [row for row in rows if row["vintage"] == ref.vintage] if ref.vintage else list(rows)


def _series_value(ref: Ref, row) -> Value:
    return Value(
        ref=Ref("series", region=ref.region, indicator=ref.indicator, year=int(row["year"]), vintage=ref.vintage),
        value=float(row["value"]),
        text=str(row["value"]).strip(),
        unit=row["unit"],
        basis=row["basis"],
        vintage=row["vintage"],
        qualifier=row["qualifier"],
        source=row["source"],
        period=str(row["year"]),
    )


def resolve(ref: Ref, ds: Dataset) -> Value | None:
    """The value a reference stands for, or None when the data do not hold it."""
    if ref.kind == "fig":
        if not ds.has(ref.figure_id):
            return None
        figure = ds.fig(ref.figure_id)
        return Value(
            ref=ref,
            value=figure.value,
            text=figure.value_text,
            unit=figure.unit,
            basis=figure.basis,
            vintage=ref.vintage or "current",
            qualifier=figure.qualifier,
            source=ARTICLE_SOURCE,
            period=figure.period,
            label_zh=figure.label_zh,
            label_en=figure.label_en,
        )
    rows = [row for row in _series_rows(ds, ref) if int(row["year"]) == ref.year]
    if not rows:
        return None
    order = {v: i for i, v in enumerate(VINTAGE_PREFERENCE)}
    row = min(rows, key=lambda r: order.get(r["vintage"], len(order)))
    return _series_value(ref, row)


def nearest(ref: Ref, ds: Dataset) -> Value | None:
    """For a missing series value, the value of the same region and indicator in the nearest year (the
    earlier one on a tie); None for a figure or when the series holds nothing."""
    if ref.kind != "series":
        return None
    rows = [row for row in _series_rows(ds, ref) if row["vintage"] not in ("target", ALTERNATIVE)]
    if not rows:
        return None
    row = min(rows, key=lambda r: (abs(int(r["year"]) - ref.year), int(r["year"])))
    return _series_value(ref, row)
