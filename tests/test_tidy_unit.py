"""Dataset.tidy, the analyst's frame of series.csv, and Dataset.with_series_value, checked against data/series.csv
and data/indicators.yaml read here with the csv and yaml modules (every expected value comes from the files)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pandas as pd
import pytest
import yaml

from szreport.data.loader import TIDY_COLUMNS

from .helpers import DATA, rows

KEY = ("region", "indicator", "year", "vintage")
TEXT_COLUMNS = ("region", "indicator", "unit", "basis", "vintage", "qualifier", "source", "note")
# Yuan per unit, written out here so the conversion is checked independently of szreport.metrics.
YUAN = {"元": 1, "万元": 1e4, "亿元": 1e8, "万亿元": 1e12}
FIRMS = {"家": 1, "万家": 1e4}


def series_rows() -> list[dict]:
    return rows("series.csv")


def indicators() -> dict:
    return yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))


def key_of(row: dict) -> tuple:
    return row["region"], row["indicator"], int(row["year"]), row["vintage"]


def by_key(frame: pd.DataFrame) -> dict[tuple, dict]:
    return {key_of(r): r for r in frame.to_dict("records")}


def expected_in_unit(value: float, unit: str, to_unit: str) -> float | None:
    if unit == to_unit:
        return value
    for table in (YUAN, FIRMS):
        if unit in table and to_unit in table:
            return value * table[unit] / table[to_unit]
    return None  # no fixed factor (yuan and dollars): NaN


def test_one_row_per_row_of_series_csv_with_its_values(ds):
    frame = ds.tidy()
    assert tuple(frame.columns) == TIDY_COLUMNS
    expected = series_rows()
    assert len(frame) == len(expected)
    assert Counter(map(key_of, frame.to_dict("records"))) == Counter(map(key_of, expected))
    assert max(Counter(map(key_of, frame.to_dict("records"))).values()) == 1  # one row per key
    got = by_key(frame)
    for row in expected:
        r = got[key_of(row)]
        assert r["value"] == float(row["value"]) and r["value_text"] == row["value"].strip(), row
        assert r["year"] == int(row["year"])
        for column in TEXT_COLUMNS:
            assert r[column] == (row.get(column) or ""), (column, row)


def test_year_is_int_and_values_are_float(ds):
    frame = ds.tidy()
    assert pd.api.types.is_integer_dtype(frame["year"])
    assert pd.api.types.is_float_dtype(frame["value"]) and pd.api.types.is_float_dtype(frame["value_in_indicator_unit"])


def test_indicator_titles_and_usual_unit_come_from_indicators_yaml(ds):
    meta = indicators()
    frame = ds.tidy()
    for r in frame.to_dict("records"):
        m = meta[r["indicator"]]
        assert (r["title_zh"], r["title_en"], r["indicator_unit"]) == (m["title_zh"], m["title_en"], str(m["unit"]))
        expected = expected_in_unit(r["value"], r["unit"], r["indicator_unit"])
        if expected is None:
            assert pd.isna(r["value_in_indicator_unit"]), r
        else:
            assert r["value_in_indicator_unit"] == pytest.approx(expected, rel=1e-12), r
    # The data do hold values published in another unit than their indicator's: the conversion is exercised.
    assert any(r["unit"] != str(meta[r["indicator"]]["unit"]) for r in series_rows())


def test_stated_targets_are_kept_and_told_apart_by_vintage(ds):
    targets = [r for r in series_rows() if r["vintage"] == "target"]
    assert targets, "series.csv holds no stated target to check"
    frame = ds.tidy()
    assert sorted(map(key_of, frame[frame["vintage"] == "target"].to_dict("records"))) == sorted(map(key_of, targets))


def test_sorted_by_region_indicator_year_vintage(ds):
    keys = [key_of(r) for r in ds.tidy().to_dict("records")]
    assert keys == sorted(keys)


def test_filters_take_one_name_or_a_list(ds):
    expected = series_rows()
    region = expected[0]["region"]
    indicators_of_region = list(dict.fromkeys(r["indicator"] for r in expected if r["region"] == region))[:2]
    other_regions = list(dict.fromkeys(r["region"] for r in expected if r["region"] != region))
    assert len(indicators_of_region) == 2 and other_regions

    one = ds.tidy(region=region)
    assert sorted(map(key_of, one.to_dict("records"))) == sorted(key_of(r) for r in expected if r["region"] == region)

    both = ds.tidy(region=[region, other_regions[0]], indicator=indicators_of_region)
    assert sorted(map(key_of, both.to_dict("records"))) == sorted(
        key_of(r)
        for r in expected
        if r["region"] in (region, other_regions[0]) and r["indicator"] in indicators_of_region
    )

    single = ds.tidy(indicator=indicators_of_region[0])
    assert set(single["indicator"]) == {indicators_of_region[0]}
    assert len(single) == sum(r["indicator"] == indicators_of_region[0] for r in expected)


def test_a_combination_the_data_do_not_hold_is_an_empty_frame(ds):
    expected = series_rows()
    held = {(r["region"], r["indicator"]) for r in expected}
    region, indicator = next(
        (g, i)
        for g in sorted({r["region"] for r in expected})
        for i in sorted({r["indicator"] for r in expected})
        if (g, i) not in held
    )
    frame = ds.tidy(region=region, indicator=indicator)
    assert frame.empty and tuple(frame.columns) == TIDY_COLUMNS


@pytest.mark.parametrize(
    "kwargs, name", [({"region": "shenzen"}, "'shenzen'"), ({"indicator": ["gdp", "gpd"]}, "'gpd'")]
)
def test_an_unknown_name_is_a_key_error_listing_the_known_ones(ds, kwargs, name):
    with pytest.raises(KeyError, match=name) as caught:
        ds.tidy(**kwargs)
    column = next(iter(kwargs))
    assert all(known in str(caught.value) for known in {r[column] for r in series_rows()})


def test_with_series_value_edits_a_copy(ds):
    row = next(r for r in series_rows() if r["vintage"] != "target")
    region, indicator, year, vintage = key_of(row)
    new_text = row["value"].strip() + "1"  # one more digit: another value, written as text
    edited = ds.with_series_value(region, indicator, year, new_text, vintage=vintage)
    assert by_key(edited.tidy())[(region, indicator, year, vintage)]["value_text"] == new_text
    assert by_key(ds.tidy())[(region, indicator, year, vintage)]["value_text"] == row["value"].strip()
    after, before = by_key(edited.tidy()), by_key(ds.tidy())
    assert all(after[k]["value"] == before[k]["value"] for k in before if k != (region, indicator, year, vintage))
    assert edited.figures is ds.figures and edited.folder == ds.folder


def test_with_series_value_refuses_a_missing_or_ambiguous_value(ds):
    region, indicator, year, vintage = key_of(series_rows()[0])
    last = max(int(r["year"]) for r in series_rows())
    with pytest.raises(KeyError, match=f"{region}/{indicator}/{last + 1}"):
        ds.with_series_value(region, indicator, last + 1, 1.0)
    with pytest.raises(ValueError):
        ds.with_series_value(region, indicator, year, "a lot", vintage=vintage)
    # One year published in two vintages (as a census revision gives): the vintage must be named.
    first = ds.series.iloc[[0]]
    other = next(v for v in ("pre_census", "post_census") if v != first["vintage"].iloc[0])
    revised = replace(
        ds, series=pd.concat([ds.series, first.assign(vintage=other)], ignore_index=True), _figure_cache={}
    )
    place = (first["region"].iloc[0], first["indicator"].iloc[0], int(first["year"].iloc[0]))
    with pytest.raises(KeyError, match="several vintages"):
        revised.with_series_value(*place, 1.0)
    assert by_key(revised.with_series_value(*place, 1.0, vintage=other).tidy())[(*place, other)]["value"] == 1.0
