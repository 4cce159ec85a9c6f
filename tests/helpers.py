"""Helpers shared by the report tests. They read files with the standard library only, never through szreport,
so that what the tests check is worked out independently of the package."""
from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
LANGS = ("zh", "en")
# results.json key suffix per printed unit (written out here, not imported, so the tests stay independent).
SUFFIX = {"万亿元": "yuan_trillion", "亿元": "yuan_100m", "亿美元": "usd_100m", "%": "pct", "家": "firms",
          "万家": "firms_10k", "个": "count", "种": "products", "项": "count", "年": "years", "位": "rank", "GHz": "ghz"}


def csv_rows(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def rows(name: str) -> list[dict]:
    """Rows of a file of data/ (figures.csv, series.csv, claims.csv, ...)."""
    return csv_rows(DATA / name)


def report_results(out: Path, lang: str, name: str) -> dict:
    """What one report recorded in <out>/<lang>/results.json."""
    return json.loads((Path(out) / lang / "results.json").read_text(encoding="utf-8"))[name]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
