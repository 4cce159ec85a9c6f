"""The city a data folder is about, as its ``subject.yaml`` declares it: the region's id in ``series.csv``, its
names in Chinese and English, and the names of every other region of ``series.csv`` (the peers, and the nation).

Nothing in the package names a city: titles, sentences, chart titles, the landing page and the citation take the
subject's names from here (:meth:`Subject.name`), and the annual series default to its region. Validation
(:func:`subject_problems`) names the file, the field and what is wrong, as the rest of ``check-data`` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from szreport.data.problems import Problem

FILE = "subject.yaml"
REGION_ID = re.compile(r"^[a-z][a-z0-9_]*$")  # as series.csv writes a region
NAME_FIELDS = ("name_zh", "name_en")
MAX_NAME_CHARS = 200  # a city's or region's name; longer is surely not a name


@dataclass(frozen=True)
class Subject:
    """The subject city and the names of the other regions.

    >>> ds.subject.region_name("beijing", "zh"), ds.subject.region_name("china", "en")
    ('北京', 'China')
    """

    region: str
    name_zh: str
    name_en: str
    # Other regions of series.csv: id -> (name in Chinese, name in English).
    regions: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def name(self, lang: str) -> str:
        """The city's name in ``lang`` (``zh`` or ``en``)."""
        return self.name_zh if lang == "zh" else self.name_en

    def region_name(self, region: str, lang: str) -> str:
        """A region's name in ``lang``: the subject's own, one that ``regions`` declares, else the id in words."""
        if region == self.region:
            return self.name(lang)
        if region in self.regions:
            name_zh, name_en = self.regions[region]
            return name_zh if lang == "zh" else name_en
        return region.replace("_", " ").title()

    @classmethod
    def from_mapping(cls, declared: Mapping) -> Subject:
        """The subject from a validated ``subject.yaml`` (:func:`subject_problems` found nothing)."""
        regions = {
            str(region): (str(names["name_zh"]).strip(), str(names["name_en"]).strip())
            for region, names in (declared.get("regions") or {}).items()
        }
        return cls(
            str(declared["region"]).strip(), str(declared["name_zh"]).strip(), str(declared["name_en"]).strip(), regions
        )


def _name_problems(names: object, where: str) -> list[Problem]:
    if not isinstance(names, Mapping):
        return [Problem(FILE, None, where, str(names)[:40], "expected name_zh and name_en")]
    problems = []
    for name_field in NAME_FIELDS:
        text = str(names.get(name_field) or "").strip()
        column = f"{where}.{name_field}" if where else name_field
        if not text:
            problems.append(Problem(FILE, None, column, None, "required: the name the reports use"))
        elif len(text) > MAX_NAME_CHARS or "\n" in text:
            problems.append(Problem(FILE, None, column, text[:40], f"not a name (one line, at most {MAX_NAME_CHARS})"))
    unknown = sorted(str(key) for key in names if key not in (*NAME_FIELDS, "region", "regions"))
    problems.extend(Problem(FILE, None, f"{where}.{key}" if where else key, None, "unknown field") for key in unknown)
    return problems


def subject_problems(declared: object, series_regions: Iterable[str]) -> list[Problem]:
    """Every problem of a parsed ``subject.yaml``: the region and both names required, every region of
    ``series.csv`` either the subject or named under ``regions``."""
    if not isinstance(declared, Mapping):
        return [Problem(FILE, None, None, None, "expected a mapping: region, name_zh, name_en, regions")]
    problems = _name_problems(declared, "")
    region = str(declared.get("region") or "").strip()
    if not region:
        problems.append(Problem(FILE, None, "region", None, "required: the subject's region as series.csv writes it"))
    elif not REGION_ID.match(region):
        problems.append(Problem(FILE, None, "region", region[:40], "not a region id (lower case, digits, _)"))
    regions = declared.get("regions") or {}
    if not isinstance(regions, Mapping):
        problems.append(Problem(FILE, None, "regions", str(regions)[:40], "expected a mapping of region -> names"))
        regions = {}
    for other, names in regions.items():
        problems.extend(_name_problems(names, f"regions.{other}"))
        if not REGION_ID.match(str(other)):
            problems.append(Problem(FILE, None, f"regions.{other}", None, "not a region id (lower case, digits, _)"))
    named = {region, *map(str, regions)}
    for missing in sorted(set(series_regions) - named):
        problems.append(
            Problem(FILE, None, "regions", missing, "a region of series.csv with no name: add it under regions")
        )
    return problems
