"""Which files of a data folder are data: the names ``schema.yaml`` declares, present as regular files inside the
folder. Everything the build reads from a data folder (the tables, the article's text, the hashes that decide
whether a report is up to date) and everything the data bundle ships goes through :func:`data_files`, so a
symbolic link or a path that resolves outside the folder is never followed, and a stray file is never read
or published. Free of pandas: the no-op fast path of the build reads it.
"""

from __future__ import annotations

from pathlib import Path

from szreport.data.problems import Problem

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")
# The names schema.yaml declares (its files, then its text_files), spelt out so that the no-op fast path needs no
# YAML parser; a unit test keeps the two equal.
DATA_FILE_NAMES = (
    "figures.csv",
    "series.csv",
    "sources.csv",
    "claims.csv",
    "indicators.yaml",
    "subject.yaml",
    "article.txt",
)


def schema() -> dict:
    """The schema of a data folder, as ``schema.yaml`` declares it."""
    import yaml  # here, not at the top: the no-op fast path imports this module and no YAML parser

    return yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))


def known_file_names() -> list[str]:
    """Every file name a data folder may hold, as the schema declares them: its tables, then its text files."""
    return list(DATA_FILE_NAMES)


def placement_problem(folder: Path, name: str) -> Problem | None:
    """Why ``folder/name`` cannot be read as a data file, or None. A data file must be a regular file inside the
    folder: a symbolic link (even to a file beside it) or anything resolving outside the folder is refused, so no
    build reads or publishes a file the folder only points to."""
    path = folder / name
    if path.is_symlink():
        return Problem(
            name, None, None, None, "is a symbolic link: a data file must be a regular file inside the data folder"
        )
    try:
        inside = path.resolve(strict=True).is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError) as error:
        return Problem(name, None, None, None, f"cannot be resolved ({type(error).__name__})")
    if not inside:
        return Problem(name, None, None, None, "resolves outside the data folder")
    if not path.is_file():
        return Problem(name, None, None, None, "is not a regular file")
    return None


def data_files(folder: str | Path) -> list[Path]:
    """The data files of a folder that the build reads and the bundle ships: the schema's files that are present
    as regular files inside it, in the schema's order. Anything else in the folder is never read."""
    folder = Path(folder)
    return [
        folder / name
        for name in known_file_names()
        if (folder / name).exists() or (folder / name).is_symlink()
        if placement_problem(folder, name) is None
    ]


def stray_files(folder: str | Path) -> list[str]:
    """Names in the folder that are not data files of the schema (hidden names aside): never read, never
    bundled; check-data names them so that a file meant as data is not silently ignored."""
    known = set(known_file_names())
    return sorted(p.name for p in Path(folder).iterdir() if p.name not in known and not p.name.startswith("."))
