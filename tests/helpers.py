"""Helpers shared by the report tests. They read files with the standard library only, never through szreport,
so that what the tests check is worked out independently of the package."""

from __future__ import annotations

import csv
import json
import math
import subprocess
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
LANGS = ("zh", "en")
# results.json key suffix per printed unit (written out here, not imported, so the tests stay independent).
SUFFIX = {
    "万亿元": "yuan_trillion",
    "亿元": "yuan_100m",
    "亿美元": "usd_100m",
    "%": "pct",
    "家": "firms",
    "万家": "firms_10k",
    "个": "count",
    "种": "products",
    "项": "count",
    "年": "years",
    "位": "rank",
    "GHz": "ghz",
}


def csv_rows(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def rows(name: str) -> list[dict]:
    """Rows of a file of data/ (figures.csv, series.csv, claims.csv, ...)."""
    return csv_rows(DATA / name)


def report_results(out: Path, lang: str, name: str) -> dict:
    """What one report recorded in <out>/<lang>/results.json."""
    return json.loads((Path(out) / lang / "results.json").read_text(encoding="utf-8"))[name]


def figure_text(figure_id: str) -> str:
    """A figure's value in data/figures.csv, digits as printed ('43.0', '7')."""
    return next(r["value"] for r in rows("figures.csv") if r["id"] == figure_id)


def series_text(indicator: str, year: int, region: str = "shenzhen") -> str:
    """A value of data/series.csv, digits as published ('3.05', '36801.87')."""
    return next(
        r["value"]
        for r in rows("series.csv")
        if r["indicator"] == indicator and r["region"] == region and int(r["year"]) == year
    )


def printed_interval(text: str) -> tuple[float, float]:
    """The values a number printed as ``text`` may stand for: half a unit of its last digit each side."""
    half = 0.5 * 10 ** -(len(text.split(".")[1]) if "." in text else 0)
    return float(text) - half, float(text) + half


# results.json keeps six decimals of every derived float (szreport.present.report rounds them so): a recorded value
# stands
# for the interval of half a unit of its sixth decimal, as a printed figure stands for its printed digits.
RECORDED_HALF_UNIT = 0.5e-6


def within_recorded(recorded: float, exact: float) -> bool:
    """Whether ``exact``, worked out in a test, lies in the rounding interval of the value results.json recorded
    (widened by a few units in the last place of a float for the order of the arithmetic)."""
    return abs(exact - recorded) <= RECORDED_HALF_UNIT + 16 * math.ulp(max(abs(exact), abs(recorded)))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
