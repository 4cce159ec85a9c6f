"""The claims to audit, as data: references, claims, the shape each relation takes, and the checks of
``claims.csv`` beyond its schema.

A reference is either an article figure, ``fig:<figure id>``, or a supplementary value,
``series:<region>/<indicator>/<year>``; either may end in ``@<vintage>``. In ``inputs`` a series year may be a
range (``2021..2025``) and, for rank relations, the region may be the placeholder ``{region}``, filled with each
of the claim's ``regions`` (the first is the claim's subject).

This module imports neither the data folder's validation nor the audit's evaluator (the :class:`Dataset` of its
annotations comes from :mod:`szreport.data.dataset`, which imports nothing of either), so
:func:`szreport.data.validate` can check a claims file without an import circle; :mod:`szreport.audit.judge.evaluate`
gives each relation named here its function (a test keeps the two lists equal).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from szreport.data.periods import UNDATED, period_end, period_start
from szreport.data.problems import Problem

if TYPE_CHECKING:
    from szreport.data.dataset import Dataset

REF_PATTERN = re.compile(r"^(?P<kind>fig|series):(?P<body>[^@\s]+)(?:@(?P<vintage>[a-z_]+))?$")
SERIES_PATTERN = re.compile(
    r"^(?P<region>\{region\}|[a-z_]+)/(?P<indicator>[a-z0-9_]+)/"
    r"(?P<start>\d{4})(?:\.\.(?P<end>\d{4}))?$"
)


# relation -> (number of inputs (None: one or more), required extra columns)
RELATION_SHAPES: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "equals": (1, ()),
    "sum": (None, ()),
    # a sum whose year before the last is worked back from the last level and its growth (the last two inputs)
    "sum_with_implied_previous": (None, ()),
    # one period's total against the previous period's: annual values of both, split by the claimed period's years
    "growth_of_totals": (None, ()),
    "increment": (2, ()),
    "additions_bound": (2, ()),  # gross additions (新增) against the stock at the period's two ends
    "implied_previous": (2, ()),
    "growth": (2, ()),
    "cagr": (2, ("years",)),
    "compound_real": (None, ()),
    "share": (2, ()),
    "rose_from_share": (2, ()),  # a share that rose to the claimed level (提高至): the earlier share's part and whole
    "increment_share": (4, ()),
    "threshold_count": (2, ("step",)),
    "threshold_count_cagr": (2, ("years", "step")),
    "streak_chain": (None, ()),  # a streak against the streaks printed in earlier years
}
# Rank relations -> how many inputs one region takes (None: one or more).
RANK_SHAPES: dict[str, int | None] = {"rank_max_level": 1, "rank_max_growth": None, "rank_rose_max_level": 1}


# Relations that compare the total of a period's years with the total of the period before.
TOTALS_RELATIONS = {"growth_of_totals"}


def _totals_problem(claimed_period: str, input_years: list[int]) -> str:
    """Why a growth of totals cannot be judged from its inputs, or "": the claimed figure must be of several years,
    and the inputs must hold years of that period and of the one before it."""
    if "-" not in claimed_period:
        return "growth_of_totals compares periods of several years: the claimed figure's period must be one (2021-2025)"
    first = period_start(claimed_period)
    if not any(year < first for year in input_years) or not any(year >= first for year in input_years):
        return f"growth_of_totals needs annual values of {claimed_period} and of the years before {first}"
    return ""


# --- references and claims ---------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """One reference to a value: an article figure or one year of a supplementary series."""

    kind: str  # "fig" or "series"
    figure_id: str = ""
    region: str = ""
    indicator: str = ""
    year: int = 0
    vintage: str = ""

    def __str__(self) -> str:
        tail = f"@{self.vintage}" if self.vintage else ""
        if self.kind == "fig":
            return f"fig:{self.figure_id}{tail}"
        return f"series:{self.region}/{self.indicator}/{self.year}{tail}"


def parse_ref(text: str, region: str | None = None) -> list[Ref]:
    """The references one text stands for (a year range gives one per year); ValueError when malformed.

    ``region`` fills the ``{region}`` placeholder; without it the placeholder is an error.
    """
    text = text.strip()
    match = REF_PATTERN.match(text)
    if not match:
        raise ValueError(
            "not a reference: expected fig:<figure id> or series:<region>/<indicator>/<year>, "
            "optionally followed by @<vintage>"
        )
    vintage = match["vintage"] or ""
    if match["kind"] == "fig":
        if not re.fullmatch(r"[a-z][a-z0-9_]*", match["body"]):
            raise ValueError("a figure id is snake_case")
        return [Ref("fig", figure_id=match["body"], vintage=vintage)]
    series = SERIES_PATTERN.match(match["body"])
    if not series:
        raise ValueError("a series reference is series:<region>/<indicator>/<year> (year may be a range 2021..2025)")
    name = series["region"]
    if name == "{region}":
        if region is None:
            raise ValueError("{region} is only allowed in the inputs of a rank relation with regions")
        name = region
    start = int(series["start"])
    end = int(series["end"] or start)
    if end < start:
        raise ValueError(f"year range {start}..{end} runs backwards")
    return [
        Ref("series", region=name, indicator=series["indicator"], year=year, vintage=vintage)
        for year in range(start, end + 1)
    ]


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in str(text or "").split(";") if part.strip()]


@dataclass(frozen=True)
class Claim:
    """One row of claims.csv."""

    id: str
    theme: str
    relation: str
    claimed: str
    inputs: tuple[str, ...]
    label_zh: str
    label_en: str
    years: int | None = None
    step: float | None = None
    regions: tuple[str, ...] = ()
    basis_note_zh: str = ""
    basis_note_en: str = ""
    scope: str = "article"  # article: a claim of the article; source_arithmetic: a release's own sum or share

    @classmethod
    def from_row(cls, row) -> Claim:
        get = lambda k: str(row.get(k, "") or "").strip()
        return cls(
            id=get("id"),
            theme=get("theme"),
            relation=get("relation"),
            claimed=get("claimed"),
            inputs=tuple(_split(get("inputs"))),
            label_zh=get("label_zh"),
            label_en=get("label_en"),
            years=int(get("years")) if get("years") else None,
            step=float(get("step")) if get("step") else None,
            regions=tuple(_split(get("regions"))),
            basis_note_zh=get("basis_note_zh"),
            basis_note_en=get("basis_note_en"),
            scope=get("scope") or "article",
        )

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def basis_note(self, lang: str) -> str:
        return self.basis_note_zh if lang == "zh" else self.basis_note_en

    @property
    def is_article_claim(self) -> bool:
        """False for arithmetic within one source's release (exports plus imports against the total it prints):
        checked and shown, but not counted among the article's claims."""
        return self.scope == "article"

    @property
    def is_rank(self) -> bool:
        return self.relation in RANK_SHAPES

    def claimed_ref(self) -> Ref:
        return parse_ref(self.claimed)[0]

    def input_refs(self) -> list[Ref]:
        """Inputs of a non-rank relation, ranges expanded, in order."""
        return [ref for text in self.inputs for ref in parse_ref(text)]

    def region_refs(self) -> dict[str, list[Ref]]:
        """Inputs of a rank relation, per region (the subject first)."""
        return {region: [ref for text in self.inputs for ref in parse_ref(text, region)] for region in self.regions}


def claims(ds: Dataset) -> list[Claim]:
    """Every claim of the data folder, in file order; none when it has no claims.csv (the file is optional: the
    audit then says that the folder lists no claims to check)."""
    if ds.claims is None:
        return []
    return [Claim.from_row(row) for row in ds.claims.to_dict("records")]


# --- validation of claims.csv (called from szreport.data.validate) -----------------------------


def validate_claims(
    rows: list[dict], figure_ids: Mapping[str, str], indicators: set[str], spec: dict, known_regions: set[str]
) -> list:
    """Problems of claims.csv beyond its schema: references that do not parse or point nowhere, inputs that
    do not fit the relation, missing years/step/regions. Each names the file, row and column. ``figure_ids``:
    figures.csv's ids, each with its period.

    A series reference must name a region ``known_regions`` holds (subject.yaml's subject and regions; none known:
    any) and an indicator of indicators.yaml; a year the
    series does not (yet) hold is allowed: the audit reports it as not checkable, naming it.
    """
    name = "claims.csv"
    series_fields = spec["files"]["series.csv"]["fields"]
    known_vintages = {str(v) for v in series_fields["vintage"].get("enum", [])}
    problems: list[Problem] = []

    def check(ref: Ref, line: int, column: str, text: str) -> None:
        if ref.vintage and ref.vintage not in known_vintages:
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    text,
                    f"unknown vintage {ref.vintage!r}: expected one of {', '.join(sorted(known_vintages))}",
                )
            )
        if ref.kind == "fig":
            if figure_ids and ref.figure_id not in figure_ids:
                problems.append(Problem(name, line, column, text, f"figure {ref.figure_id!r} not found in figures.csv"))
            return
        if known_regions and ref.region not in known_regions:
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    text,
                    f"unknown region {ref.region!r}: expected one of {', '.join(sorted(known_regions))}",
                )
            )
        if indicators and ref.indicator not in indicators:
            problems.append(
                Problem(name, line, column, text, f"indicator {ref.indicator!r} not found in indicators.yaml")
            )

    for index, row in enumerate(rows):
        line = index + 2
        relation = (row.get("relation") or "").strip()
        claimed = (row.get("claimed") or "").strip()
        if claimed:
            try:
                refs = parse_ref(claimed)
                if len(refs) != 1:
                    raise ValueError("the claimed value is one reference, not a range")
                check(refs[0], line, "claimed", claimed)
            except ValueError as exc:
                problems.append(Problem(name, line, "claimed", claimed, str(exc)))
        inputs = _split(row.get("inputs"))
        regions = _split(row.get("regions"))
        is_rank = relation in RANK_SHAPES
        if regions and not is_rank:
            problems.append(
                Problem(
                    name,
                    line,
                    "regions",
                    row.get("regions"),
                    f"regions are only used by rank relations ({', '.join(RANK_SHAPES)}), not by {relation!r}",
                )
            )
        if is_rank:
            if len(regions) < 2:
                problems.append(
                    Problem(
                        name,
                        line,
                        "regions",
                        row.get("regions") or "",
                        "a rank relation needs the subject and at least one peer (a;b;...)",
                    )
                )
            for region in regions:
                if known_regions and region not in known_regions:
                    problems.append(Problem(name, line, "regions", region, "unknown region (not in subject.yaml)"))
            if inputs and not all("{region}" in text for text in inputs):
                problems.append(
                    Problem(
                        name,
                        line,
                        "inputs",
                        row.get("inputs"),
                        "every input of a rank relation uses the {region} placeholder",
                    )
                )
        count, input_years = 0, []
        for text in inputs:
            try:
                refs = parse_ref(text, regions[0] if (is_rank and regions) else None)
            except ValueError as exc:
                problems.append(Problem(name, line, "inputs", text, str(exc)))
                continue
            count += len(refs)
            for ref in refs:
                check(ref, line, "inputs", text)
                if ref.kind == "series":
                    input_years.append(ref.year)
                elif ref.figure_id in figure_ids and figure_ids[ref.figure_id] != UNDATED:
                    input_years.append(period_end(figure_ids[ref.figure_id]))
        claimed_id = claimed.removeprefix("fig:").split("@")[0]
        if relation in TOTALS_RELATIONS and claimed.startswith("fig:") and claimed_id in figure_ids:
            problem = _totals_problem(figure_ids[claimed_id], input_years)
            if problem:
                problems.append(Problem(name, line, "inputs", row.get("inputs"), problem))
        arity: int | None = None
        required: tuple[str, ...] = ()
        per = ""
        if relation in RELATION_SHAPES:
            arity, required = RELATION_SHAPES[relation]
            if arity is None and count < 1:
                problems.append(Problem(name, line, "inputs", row.get("inputs"), f"relation {relation} needs inputs"))
        elif is_rank:
            arity, per = RANK_SHAPES[relation], " per region"
        if arity is not None and count != arity:
            message = f"relation {relation} takes {arity} input(s){per}, got {count}"
            problems.append(Problem(name, line, "inputs", row.get("inputs"), message))
        for column in required:
            if not (row.get(column) or "").strip():
                problems.append(Problem(name, line, column, "", f"relation {relation} needs {column}"))
    return problems
