"""The subject city as data: subject.yaml validated by check-data, and no city named in the package.

The reports take the city's name from the data folder (szreport.data.subject); a page built from another city's
folder is covered by tests/test_other_city.py.
"""

from __future__ import annotations

import re

import pytest
import yaml

from szreport import fmt
from szreport.data import loader
from szreport.data.subject import Subject

from .conftest import ROOT, run_cli

# The default data's city, as code or locale text would spell it (case-insensitive). Only data/ may name it.
CITY_IN_CODE = re.compile(r"shenzhen|深圳", re.IGNORECASE)
# Everything the reports are made from besides the data folder: the package (code, locale, templates, scripts,
# schema) and the notebooks.
CODE_ROOTS = (ROOT / "src" / "szreport", ROOT / "notebooks")
CODE_SUFFIXES = {".py", ".yaml", ".js", ".j2", ".css", ".json", ".ipynb", ".html", ".txt"}


def _code_files():
    for root in CODE_ROOTS:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                yield path


def test_no_city_is_named_in_the_package_or_the_notebooks():
    found = []
    for path in _code_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CITY_IN_CODE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not found, "the city's name belongs in data/subject.yaml, not in code:\n" + "\n".join(found)


def test_the_rule_finds_a_city_in_a_line():
    assert CITY_IN_CODE.search('title: "Shenzhen\'s economy"') and CITY_IN_CODE.search("深圳“十四五”")
    assert not CITY_IN_CODE.search('title: "{city}\'s economy"')


def test_the_titles_take_the_city_from_the_data(ds):
    assert ds.subject.region == "shenzhen" and ds.subject.name("zh") == "深圳"
    for lang in fmt.LANGS:
        title = str(fmt.t(lang, "title_economy", city="Linjiang" if lang == "en" else "临江"))
        assert ("Linjiang" if lang == "en" else "临江") in title and not CITY_IN_CODE.search(title)


def test_region_names_come_from_subject_yaml():
    subject = Subject("linjiang", "临江", "Linjiang", {"china": ("全国", "China")})
    assert subject.region_name("linjiang", "en") == "Linjiang" and subject.region_name("china", "zh") == "全国"
    assert subject.region_name("east_harbour", "en") == "East Harbour"  # not named: its id in words


def _rewrite_subject(folder, change):
    path = folder / "subject.yaml"
    declared = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(declared), allow_unicode=True), encoding="utf-8")


def _subject_problems(folder):
    return [(p.column, p.value, p.message) for p in loader.validate(folder) if p.file == "subject.yaml"]


def test_a_missing_subject_file_is_named(data_copy):
    (data_copy / "subject.yaml").unlink()
    problems = [p for p in loader.validate(data_copy) if p.file == "subject.yaml"]
    assert problems and "required file is missing" in problems[0].message


@pytest.mark.parametrize(
    ("change", "column"),
    [
        (lambda d: {k: v for k, v in d.items() if k != "name_en"}, "name_en"),
        (lambda d: {**d, "name_zh": ""}, "name_zh"),
        (lambda d: {**d, "region": "Shen Zhen"}, "region"),
        (lambda d: {**d, "regions": {**d["regions"], "china": {"name_zh": "全国"}}}, "regions.china.name_en"),
        (lambda d: {**d, "colour": "red"}, "colour"),
    ],
)
def test_a_bad_field_is_named(data_copy, change, column):
    _rewrite_subject(data_copy, change)
    assert column in {problem[0] for problem in _subject_problems(data_copy)}


def test_a_region_of_series_csv_without_a_name_is_named(data_copy):
    _rewrite_subject(data_copy, lambda d: {**d, "regions": {k: v for k, v in d["regions"].items() if k != "beijing"}})
    assert ("regions", "beijing", "a region of series.csv with no name: add it under regions") in _subject_problems(
        data_copy
    )


def test_claims_may_name_only_declared_regions(data_copy):
    path = data_copy / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("shenzhen;shanghai;beijing", "shenzhen;shanghai;hk"))
    problems = [p for p in loader.validate(data_copy) if p.file == "claims.csv"]
    assert any(p.value == "hk" and "not in subject.yaml" in p.message for p in problems)


def test_check_data_refuses_a_broken_subject_with_exit_2(data_copy):
    (data_copy / "subject.yaml").write_text("region: [unclosed\n", encoding="utf-8")
    result = run_cli("check-data", data_copy)
    assert result.returncode == 2 and "subject.yaml" in result.stderr and "Traceback" not in result.stderr
