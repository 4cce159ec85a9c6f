"""Same shape, other content: data folders that differ from data/ the way real ones do still build every
report (exit 0), and a section that lacks its inputs says which rows to add, in the reader's language."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

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


# case -> (how series.csv changes, {language: words a page must hold})
MUTATIONS = {
    "no census break": (
        dict(keep=lambda r: r["vintage"] != "pre_census"),
        {"en": "cannot be worked out from this data folder: add <code>", "zh": "无法由本数据文件夹算出"},
    ),
    "an extra year": (dict(add=one_more_year), {}),
    "a peer missing": (dict(keep=lambda r: r["region"] != "beijing"), {}),
    "series cut to their last two years": (
        dict(keep=lambda r: r["vintage"] == "target" or int(r["year"]) >= 2024),
        {"en": "add <code>series:shenzhen/trade/", "zh": "请在 series.csv 中补充"},
    ),
}


@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_every_report_builds_on_other_content(tmp_path, case):
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
    for lang, text in words.items():
        pages = " ".join(p.read_text(encoding="utf-8") for p in (out / lang).glob("*.html"))
        assert text in pages, (lang, text)
