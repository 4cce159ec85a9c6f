"""Same shape, other content: data folders that differ from data/ the way real ones do still build every
report (exit 0), and a section that lacks its inputs says in a reader's words what it would need (never a file or
a reference: those are for analysts, in results.json and check-data)."""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path

import pytest

from szreport import fmt
from szreport.present.words import reference_words

from .conftest import DATA, run_cli

pytestmark = pytest.mark.notebook


def edit_series(folder: Path, keep=lambda row: True, add=lambda rows: []) -> None:
    path = folder / "series.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    rows = [r for r in rows if keep(r)]
    rows += add(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def last_year(rows: list[dict]) -> str:
    return max((r["year"] for r in rows if r["vintage"] != "target"), key=int)


def one_more_year(rows: list[dict]) -> list[dict]:
    """Shenzhen's latest values again for the year after (a folder that already holds next year's series)."""
    latest = last_year(rows)
    return [
        {**r, "year": str(int(latest) + 1)}
        for r in rows
        if r["year"] == latest and r["region"] == "shenzhen" and r["vintage"] != "target"
    ]


def needs(reference: str):
    """The reader's sentence a page says for a row it would need: "… cannot be worked out yet: it needs …", with
    the row named by its title and year, in one paragraph."""

    def said(ds, lang: str, pages: str) -> bool:
        before_needed = fmt.t(lang, "p_needs_data", what="", needed="\0").split("\0")[0]
        row = str(fmt.plain(reference_words(ds, reference, lang)))
        paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", pages, re.S)]
        return any(str(before_needed) in p and row in p for p in paragraphs)

    return said


def combined(*changes: dict) -> dict:
    """Several changes of series.csv applied one after the other, as one change."""

    def keep(row: dict) -> bool:
        return all(change.get("keep", lambda r: True)(row) for change in changes)

    def add(rows: list[dict]) -> list[dict]:
        return [row for change in changes for row in change.get("add", lambda r: [])(rows)]

    return dict(keep=keep, add=add)


NO_CENSUS_BREAK = dict(keep=lambda r: r["vintage"] != "pre_census")
AN_EXTRA_YEAR = dict(add=one_more_year)
A_PEER_MISSING = dict(keep=lambda r: r["region"] != "beijing")
LAST_TWO_YEARS = dict(keep=lambda r: r["vintage"] == "target" or int(r["year"]) >= 2024)

# case -> (how series.csv changes, the words a page must hold, given the data and the language). Changes that do
# not overlap share one folder (a build of every report is the costly part of this test, about 20 s each).
MUTATIONS = {
    "no census break, an extra year, a peer missing": (
        combined(NO_CENSUS_BREAK, AN_EXTRA_YEAR, A_PEER_MISSING),
        needs("series:shenzhen/gdp/2020@pre_census"),
    ),
    "series cut to their last two years": (LAST_TWO_YEARS, needs("series:shenzhen/trade/2020")),
}


@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_every_report_builds_on_other_content(tmp_path, case, ds):
    changes, words = MUTATIONS[case]
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit_series(data, **changes)
    checked = run_cli("check-data", data)
    assert checked.returncode == 0, checked.stderr
    out = tmp_path / "reports"
    result = run_cli("build", "--data", data, "--out", out, "--format", "html")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert len(list(out.glob("*/*.html"))) == 12
    for lang in ("en", "zh"):
        pages = " ".join(p.read_text(encoding="utf-8") for p in (out / lang).glob("*.html"))
        assert "<code>series:" not in pages and "series.csv" not in pages, lang
        if words is not None:
            assert words(ds, lang, pages), lang
