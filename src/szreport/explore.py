"""What the exploration notebook (``notebooks/explore.ipynb``) calls: the first answers an analyst asks of the
data, as small pandas frames built from the package's own functions. Not a report: nothing here is built,
recorded or published, and the notebook is left out of ``szreport build`` (``build.NOT_REPORTS``).

- :func:`growth_table`: average growth over a window (:func:`szreport.data.window.growth_over`) of a few series, one
  row per region and indicator, with the basis of the growth shown first and the census-break flag;
- :func:`by_region_and_year`: one indicator for the subject city and its peers, region x year, in the window;
- :func:`edit_series_input`: a copy of the dataset with one input of a claim changed, to evaluate the claim again
  (:func:`szreport.audit.judge.evaluate`) and see what the edit changes; :func:`verdict_table` shows verdicts side by
  side.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from szreport import metrics
from szreport.audit.judge.evaluate import Verdict
from szreport.audit.judge.values import resolve
from szreport.data import window as window_mod
from szreport.data.claims import Claim, Ref
from szreport.data.loader import Dataset

# Series whose growth an analyst asks for first; those series.csv does not hold are left out.
GROWTH_INDICATORS = ("gdp", "trade", "exports", "imports", "rd_expenditure")
GROWTH_COLUMNS = ("region", "indicator", "period", "basis", "lo_pct", "hi_pct", "census_break", "missing")
VERDICT_COLUMNS = (
    "claim",
    "verdict",
    "reason",
    "claimed_lo",
    "claimed_hi",
    "recomputed_lo",
    "recomputed_hi",
    "unit",
    "gap",
    "missing",
)


def growth_table(ds: Dataset, window: window_mod.Window, indicators=GROWTH_INDICATORS, regions=None) -> pd.DataFrame:
    """Average growth over the window, % a year on rounding intervals, one row per region and indicator (columns
    :data:`GROWTH_COLUMNS`): ``basis`` is the growth a reader is told first (``nominal`` from the two levels,
    else ``real`` from the published rates compounded, ``none`` when neither can be stated), ``lo_pct``/``hi_pct``
    its interval, ``census_break`` whether the window's ends lie on two sides of the census revision, ``missing``
    the series.csv references to add. Indicators no region of series.csv has are left out."""
    present = set(ds.series["indicator"])
    rows = []
    for region in regions or (ds.subject.region,):
        for indicator in (i for i in indicators if i in present):
            window_growth = window_mod.growth_over(ds, indicator, window, region)
            growth = window_growth.growth_pct
            rows.append(
                {
                    "region": region,
                    "indicator": indicator,
                    "period": window_growth.period,
                    "basis": "nominal"
                    if window_growth.nominal_pct is not None
                    else "real"
                    if window_growth.real_pct is not None
                    else "none",
                    "lo_pct": growth.lo if growth is not None else float("nan"),
                    "hi_pct": growth.hi if growth is not None else float("nan"),
                    "census_break": window_growth.crosses_census_break,
                    "missing": "; ".join(window_growth.missing),
                }
            )
    return pd.DataFrame(rows, columns=list(GROWTH_COLUMNS))


def by_region_and_year(ds: Dataset, window: window_mod.Window, indicator: str = "gdp_growth") -> pd.DataFrame:
    """One indicator for the subject and the window's peers, a region a row and a year a column, the years of the
    window only, in the indicator's usual unit; stated targets left out and, where a year has several vintages,
    the latest revision taken (:data:`szreport.data.window.VINTAGE_ORDER`)."""
    regions = [ds.subject.region, *window.peers]
    held = [r for r in regions if r in set(ds.series.loc[ds.series["indicator"] == indicator, "region"])]
    frame = ds.tidy(region=held, indicator=indicator) if held else ds.tidy().iloc[0:0]
    frame = frame[~frame["vintage"].isin(window_mod.NOT_OBSERVED)]
    order = {v: i for i, v in enumerate(window_mod.VINTAGE_ORDER)}
    frame = (
        frame.assign(rank=frame["vintage"].map(lambda v: order.get(v, len(order))))
        .sort_values("rank", kind="stable")
        .drop_duplicates(["region", "year"])
    )
    frame = window.clip(frame)
    table = frame.pivot(index="region", columns="year", values="value_in_indicator_unit")
    return table.reindex(index=[r for r in regions if r in table.index], columns=sorted(table.columns))


@dataclass(frozen=True)
class Edit:
    """One series value of a claim's inputs changed in a copy of the dataset: ``before`` and ``after`` as
    written in series.csv, in ``unit``; ``ds`` the edited copy."""

    ref: Ref
    vintage: str
    unit: str
    before: str
    after: str
    ds: Dataset

    def __str__(self) -> str:
        return f"{self.ref} changed from {self.before} to {self.after} {self.unit}"


def series_inputs(claim: Claim) -> list[Ref]:
    """The claim's inputs that are series values (``series:<region>/<indicator>/<year>``), in order."""
    refs = [r for rs in claim.region_refs().values() for r in rs] if claim.is_rank else claim.input_refs()
    return [r for r in refs if r.kind == "series"]


def edit_series_input(ds: Dataset, claim: Claim, change_pct: float, index: int = 0) -> Edit:
    """A copy of ``ds`` with the claim's ``index``-th series input changed by ``change_pct`` percent, written with
    as many decimals as published (so its rounding interval stays as fine). A KeyError names the claim when it
    has no such input or the data do not hold it."""
    refs = series_inputs(claim)
    if index >= len(refs):
        raise KeyError(
            f"claim {claim.id!r} has {len(refs)} series input(s), not {index + 1}: {'; '.join(claim.inputs)}"
        )
    ref = refs[index]
    value = resolve(ref, ds)
    if value is None:
        raise KeyError(f"claim {claim.id!r}: {ref} is not in {ds.folder / 'series.csv'}")
    after = f"{value.value * (1 + change_pct / 100):.{metrics.decimals_of(value.text)}f}"
    edited = ds.with_series_value(ref.region, ref.indicator, ref.year, after, vintage=value.vintage)
    return Edit(ref, value.vintage, value.unit, value.text, after, edited)


def verdict_table(verdicts: dict[str, Verdict]) -> pd.DataFrame:
    """Verdicts side by side, one row per label (``{"as published": v1, "edited": v2}``), columns
    :data:`VERDICT_COLUMNS`: the claimed figure's interval, the recomputed one, the gap when inconsistent."""
    nan = float("nan")
    rows = {}
    for label, verdict in verdicts.items():
        claimed = verdict.claimed.interval if verdict.claimed else None
        recomputed = verdict.recomputed
        rows[label] = {
            "claim": verdict.claim.id,
            "verdict": verdict.kind,
            "reason": verdict.reason,
            "claimed_lo": claimed.lo if claimed else nan,
            "claimed_hi": claimed.hi if claimed else nan,
            "recomputed_lo": recomputed.lo if recomputed else nan,
            "recomputed_hi": recomputed.hi if recomputed else nan,
            "unit": verdict.unit,
            "gap": verdict.gap if verdict.gap is not None else nan,
            "missing": "; ".join(map(str, verdict.missing)),
        }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(VERDICT_COLUMNS))
