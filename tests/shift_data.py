"""Next year's data, rehearsed: a copy of a data folder with every year moved on by N, values unchanged.

Ids, periods, series years, claim references, labels, notes, printed words, source dates and the article text
all move together, as they would in a data folder made for a later edition of the same article. Used by the
rehearsal test; also runnable: ``python -m tests.shift_data data /tmp/data-next 1``.
"""

from __future__ import annotations

import csv
import re
import shutil
import sys
from pathlib import Path

# A year as data text writes it: 1980-2039, not inside a longer number or a decimal, and not an amount such as
# 2000万元 (the threshold of "above designated size" firms).
YEAR = re.compile(r"(?<!\d)(?<!\d\.)((?:19[89]|20[0-3])\d)(?!\d|\.\d|万|亿)")
# Columns that are not text to shift: values stay as they are (paragraph numbers too).
FIXED_COLUMNS = {"value", "paragraph", "step", "years"}


def shift_years(text: str, years: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group(1)) + years), text)


def shift_folder(source: Path, target: Path, years: int = 1) -> Path:
    shutil.copytree(source, target)
    for path in target.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            fields, rows = list(reader.fieldnames or []), list(reader)
        for row in rows:
            for column in fields:
                if column not in FIXED_COLUMNS and row.get(column):
                    row[column] = shift_years(row[column], years)
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    for path in [*target.glob("*.yaml"), *target.glob("*.txt")]:
        path.write_text(shift_years(path.read_text(encoding="utf-8-sig"), years), encoding="utf-8")
    return target


if __name__ == "__main__":
    shift_folder(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
