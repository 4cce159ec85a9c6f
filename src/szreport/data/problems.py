"""What validation reports: one problem of a data folder, naming the file, row, column and value.

Used by :mod:`szreport.data.loader` (the schema) and :mod:`szreport.data.claims` (references in claims.csv) alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        shown = f" (value {self.value!r})" if self.value is not None else ""
        return f"{where}: {self.message}{shown}"


class Missing(KeyError):
    """What a report looked for and the data folder does not hold (a KeyError, so ``except KeyError`` still
    catches it): an article figure (``kind`` "figure": ``sought`` is (indicator, measure, the period or year it
    ends in, or "latest"); "figure_id": (id,)) or
    an annual series (``kind`` "series": (region, indicator, year or None for the whole series)). A section that
    meets one states what it can and says, in the reader's words, what the data lack
    (:mod:`szreport.present.partial`)."""

    def __init__(self, message: str, kind: str, sought: tuple):
        super().__init__(message)
        self.kind = kind
        self.sought = sought
