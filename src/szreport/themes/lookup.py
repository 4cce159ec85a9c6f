"""A theme's figures found when a section uses them, so that a figure another data folder lacks stops only the
sections that need it (:mod:`szreport.present.partial` makes those from what the folder holds)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from szreport.data.dataset import Dataset, Figure


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
        return self._found[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._wanted)

    def __len__(self) -> int:
        return len(self._wanted)
