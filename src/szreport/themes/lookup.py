"""A theme's figures found when a section uses them, so that a figure another data folder lacks stops only the
sections that need it (:mod:`szreport.present.partial` makes those from what the folder holds).

A section that wants a change from the earliest figure of an indicator to its latest (R&D spending from 2020 to
2024) needs two figures: when the folder holds only one, the latest *is* the earliest, and the later one is
missing (:func:`same_as_earliest`), never stated as a change from a year to itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from szreport.data.dataset import Dataset, Figure
from szreport.data.problems import Missing

LATER = ("latest", "plan_end")  # which figures of a FIGURES table come after an "earliest" one of the same kind


def same_as_earliest(wanted: Mapping[str, tuple[str, str, str]], found: Mapping[str, Figure], name: str) -> bool:
    """Whether ``found[name]``, wanted as the latest of its indicator and measure, is the very figure another
    entry of ``wanted`` found as the earliest of them (the folder holds one figure where the section wants two)."""
    indicator, measure, which = wanted[name]
    if which not in LATER:
        return False
    return any(
        found[other].id == found[name].id
        for other, (other_indicator, other_measure, other_which) in wanted.items()
        if other != name and other in found and other_which == "earliest"
        if (other_indicator, other_measure) == (indicator, measure)
    )


class FiguresOf(Mapping[str, Figure]):
    """``FIGURES`` (name -> (indicator, measure, which)) of a data folder, each found on first use by
    :meth:`szreport.data.dataset.Dataset.find_all`; one the folder lacks raises
    :class:`szreport.data.problems.Missing` when it is used, not before."""

    def __init__(self, ds: Dataset, wanted: Mapping[str, tuple[str, str, str]]):
        self._ds, self._wanted = ds, wanted
        self._found: dict[str, Figure] = {}

    def __getitem__(self, name: str) -> Figure:
        if name not in self._found:
            self._found[name] = self._ds.find_all({name: self._wanted[name]})[name]
            indicator, measure, which = self._wanted[name]
            if which in LATER and same_as_earliest(
                self._wanted, {**self._earliest(indicator, measure), **self._found}, name
            ):
                period = self._found.pop(name).period
                message = f"only one {indicator} {measure} figure in {self._ds.folder / 'figures.csv'} ({period})"
                raise Missing(message, "figure", (indicator, measure, f"after:{period}"))
        return self._found[name]

    def _earliest(self, indicator: str, measure: str) -> dict[str, Figure]:
        """The entries wanted as the earliest figure of ``indicator`` and ``measure`` that the folder holds."""
        held = {}
        for other, (other_indicator, other_measure, which) in self._wanted.items():
            if which == "earliest" and (other_indicator, other_measure) == (indicator, measure):
                try:
                    held[other] = self[other]
                except Missing:
                    continue
        return held

    def __iter__(self) -> Iterator[str]:
        return iter(self._wanted)

    def __len__(self) -> int:
        return len(self._wanted)
