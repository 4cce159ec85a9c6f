"""The data bundle offered on the landing page: one zip with everything needed to check or reuse the figures.

It holds the data folder as the build used it (``data/``), each language's ``results.json`` and build record
``build.json`` (``zh/``, ``en/``), the data behind every chart (``charts/<report>/<chart>.csv``), the schema the
data folder was validated against, a README that explains every file and column (generated from
``schema.yaml``, so it cannot drift from what is validated) and ``SOURCES.md``: every source with its
publisher, date, address and note, and the terms under which their figures are reused. The zip's entries carry
the build's day as their time, so the same inputs built on the same day give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from szreport import fmt
from szreport.data.files import SCHEMA_PATH
from szreport.data.loader import Dataset, data_files, schema

BUNDLE_NAME = "szreport-data.zip"  # at the top of the output folder, beside index.html

# What a reader may do with the figures. The sources publish official statistics and news; their texts stay
# theirs. Said once here, shown in SOURCES.md.
TERMS = """\
The figures in this bundle are facts reported by the publishers listed below, quoted with attribution for
analysis and checking. The texts of those publications remain under their publishers' copyright and terms of
use: cite the publisher (and this report) when you reuse a figure, and read the original at its address.
`data/article.txt`, where present, is the text of the article the report is built from, kept so that every
figure can be checked against its words; it belongs to its publisher and is not offered for republication.
Figures computed by szreport (growth rates, shares, intervals, verdicts in `results.json`) are derived from
those facts by the code named in the build record, and may be reused with a citation of the report
(see "Cite these reports" on the landing page)."""


def _field_line(name: str, spec: dict) -> str:
    parts = [f"`{name}`", spec.get("type", "")]
    parts.append("required" if spec.get("required") else "optional")
    if spec.get("enum"):
        parts.append("one of: " + ", ".join(f"`{v}`" for v in spec["enum"]))
    if spec.get("foreign_key"):
        parts.append(f"refers to `{spec['foreign_key']}`")
    line = "- " + "; ".join(p for p in parts if p)
    return line + (f". {spec['description']}" if spec.get("description") else "")


def readme(data_files: Iterable[str], langs: Iterable[str], reports: Iterable[str], city: str) -> str:
    """The bundle's README.md: its layout, then every data file and column as ``schema.yaml`` declares them.
    ``city``: the subject's name (subject.yaml), as plain text."""
    spec = schema()
    lines = [
        "# szreport data bundle",
        "",
        f"Everything a build of the szreport reports on {_md_cell(city)} used and produced that a reader can check or"
        " reuse.",
        "",
        "## Layout",
        "",
        "- `data/`: the data folder as the build used it (" + ", ".join(f"`{n}`" for n in data_files) + ").",
        "- `schema.yaml`: the shape `data/` was validated against (columns, types, allowed values).",
    ]
    for lang in langs:
        lines.append(
            f"- `{lang}/results.json`: every figure the {lang} reports state, by report then key "
            "(keys carry their unit: `_yuan_100m` = 亿元, `_pct` = per cent, `_usd_100m` = 亿美元)."
        )
        lines.append(
            f"- `{lang}/build.json`: the build record: time, parameters, hashes of the inputs (`inputs_hash` is the "
            "one a citation shows), package versions, the SHA-256 of every page (`pages`)."
        )
    lines.append(
        "- `charts/<report>/<chart>.csv`: the numbers behind each chart (reports: " + ", ".join(reports) + ")."
    )
    lines += ["- `SOURCES.md`: every source with its address, and the terms of reuse.", "", "## Columns", ""]
    for name, file_spec in spec["files"].items():
        lines += [f"### `data/{name}`", "", " ".join(str(file_spec.get("description", "")).split()), ""]
        lines += [_field_line(field, field_spec) for field, field_spec in file_spec.get("fields", {}).items()]
        if file_spec.get("unique_together"):
            lines.append("- unique together: " + ", ".join(f"`{c}`" for c in file_spec["unique_together"]))
        lines.append("")
    for name, file_spec in spec.get("text_files", {}).items():
        lines += [f"### `data/{name}`", "", " ".join(str(file_spec.get("description", "")).split()), ""]
    return "\n".join(lines)


def _md_cell(value) -> str:
    """A Markdown table cell showing ``value`` literally (data text: escaped, one line)."""
    return str(fmt.md(fmt.one_line(str(value or "")))).replace("|", "\\|")


# The columns of sources.csv shown in SOURCES.md, in order (those a data folder lacks show empty).
SOURCE_COLUMNS = ("id", "publisher", "title", "title_en", "date", "url", "secondary", "note")


def sources_md(ds: Dataset) -> str:
    """SOURCES.md: the terms, then one row per source of ``sources.csv``."""
    rows = [
        "| id | publisher | title | English title | date | address | secondary | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in ds.sources.fillna("").to_dict("records"):
        rows.append("| " + " | ".join(_md_cell(row.get(c, "")) for c in SOURCE_COLUMNS) + " |")
    return "# Sources and terms\n\n" + TERMS + "\n\n## Sources\n\n" + "\n".join(rows) + "\n"


def _first_existing(*paths: Path) -> Path | None:
    return next((p for p in paths if p.is_file()), None)


def bundle_members(
    ds: Dataset, staging: Path, out_dir: Path, langs: Iterable[str], reports: list[str]
) -> dict[str, bytes]:
    """Every member of the bundle by its name in the zip. A language or chart not rebuilt now is taken from the
    published output folder; what exists in neither is left out."""
    members: dict[str, bytes] = {}
    shipped = data_files(ds.folder)  # the schema's files only, regular and inside the folder: never a link's target
    for path in shipped:
        members[f"data/{path.name}"] = path.read_bytes()
    members["schema.yaml"] = SCHEMA_PATH.read_bytes()
    langs = [lang for lang in langs if (staging / lang).is_dir() or (out_dir / lang).is_dir()]
    for lang in langs:
        for name in ("results.json", "build.json"):
            found = _first_existing(staging / lang / name, out_dir / lang / name)
            if found:
                members[f"{lang}/{name}"] = found.read_bytes()
    charts: dict[str, Path] = {}
    for root in (out_dir, staging):  # staged (rebuilt) charts replace published ones
        for path in sorted((root / "data").glob("*/*.csv")):
            charts[f"charts/{path.parent.name}/{path.name}"] = path
    for name in sorted(charts):
        members[name] = charts[name].read_bytes()
    members["README.md"] = readme([p.name for p in shipped], langs, reports, ds.subject.name("en")).encode()
    members["SOURCES.md"] = sources_md(ds).encode()
    return dict(sorted(members.items()))


def zip_bytes(members: dict[str, bytes], day: dt.date) -> bytes:
    """The members as a deflated zip whose entries all carry ``day`` (midnight) as their time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(f"szreport-data/{name}", date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def write_bundle(
    ds: Dataset, staging: Path, out_dir: Path, langs: Iterable[str], reports: list[str], day: dt.date
) -> Path:
    """Write the bundle into the staging folder (published with the rest); returns its path."""
    path = staging / BUNDLE_NAME
    path.write_bytes(zip_bytes(bundle_members(ds, staging, out_dir, langs, reports), day))
    return path
