"""Another city's data folder, synthesised for the tests: a copy of a data folder with the subject renamed, a third
of the article's figures removed at random (fixed seed) and some of the subject's annual series cut.

Clearly a fixture, not a real city: "Linjiang" (临江) is made up, and its numbers are the default data's. Every
text of the folder (figures, claims, series, sources, indicators, the article) names the new city instead of the
old one, as a folder an analyst made for another city would. Used by tests/test_other_city.py; also runnable:
``python -m tests.other_city data /tmp/data-linjiang``.
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
from pathlib import Path

import yaml

SEED = 29  # fixed: the same figures are removed on every run
REMOVED_SHARE = 1 / 3  # of the article's figures
# The subject's annual series cut from series.csv: a whole indicator, and the early years of another.
CUT_INDICATORS = ("rd_intensity", "exports")
CUT_YEARS = {"trade": (2020, 2021)}
NEW_REGION, NEW_ZH, NEW_EN = "linjiang", "临江", "Linjiang"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def renamed(text: str, old: dict[str, str]) -> str:
    """``text`` with the old subject's id and names replaced by the new city's."""
    for key, new in (("name_zh", NEW_ZH), ("name_en", NEW_EN), ("region", NEW_REGION)):
        text = text.replace(old[key], new)
    return text


def _names_any(claim: dict[str, str], figure_ids: set[str]) -> bool:
    references = [claim["claimed"], *claim["inputs"].split(";")]
    return any(ref.split("@")[0].removeprefix("fig:") in figure_ids for ref in references if ref.startswith("fig:"))


def other_city(source: Path, target: Path, seed: int = SEED) -> Path:
    """Write the synthetic city's folder to ``target`` (which must not exist) and return it."""
    shutil.copytree(source, target)
    old = yaml.safe_load((target / "subject.yaml").read_text(encoding="utf-8"))
    for path in [*target.glob("*.yaml"), *target.glob("*.txt"), *target.glob("*.csv")]:
        path.write_text(renamed(path.read_text(encoding="utf-8-sig"), old), encoding="utf-8")
    subject = yaml.safe_load((target / "subject.yaml").read_text(encoding="utf-8"))
    subject["regions"].pop(NEW_REGION, None)
    (target / "subject.yaml").write_text(yaml.safe_dump(subject, allow_unicode=True, sort_keys=False), "utf-8")

    fields, figures = _rows(target / "figures.csv")
    removed = set(random.Random(seed).sample([row["id"] for row in figures], round(len(figures) * REMOVED_SHARE)))
    _write(target / "figures.csv", fields, [row for row in figures if row["id"] not in removed])
    # A claim about a figure this article does not print is not this article's claim: its row goes, as an analyst
    # removes it when check-data names it (a claim whose series values are missing stays: it is not checkable).
    fields, claims = _rows(target / "claims.csv")
    _write(target / "claims.csv", fields, [row for row in claims if not _names_any(row, removed)])

    fields, series = _rows(target / "series.csv")
    kept = [
        row
        for row in series
        if not (
            row["region"] == NEW_REGION
            and (row["indicator"] in CUT_INDICATORS or int(row["year"]) in CUT_YEARS.get(row["indicator"], ()))
        )
    ]
    _write(target / "series.csv", fields, kept)
    return target


if __name__ == "__main__":
    other_city(Path(sys.argv[1]), Path(sys.argv[2]))
