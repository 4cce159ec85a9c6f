"""The data folder: every article figure present and traceable, and every kind of bad input reported."""

from __future__ import annotations

import csv
import re

import pytest

from szreport.data import loader as data

from .conftest import DATA, run_cli


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def test_data_folder_is_valid():
    assert data.validate(DATA) == []


def test_about_seventy_figures_all_themes(ds):
    counts = ds.figures["theme"].value_counts().to_dict()
    assert len(ds.figures) >= 70
    assert {"economy", "innovation", "opening_up"} <= set(counts)
    assert min(counts[t] for t in ("economy", "innovation", "opening_up")) >= 15


def test_every_printed_figure_stands_in_its_paragraph(ds, article_text):
    paras = paragraphs(article_text)
    for row in ds.figures.itertuples():
        assert row.printed in paras[int(row.paragraph) - 1], (
            f"{row.id}: {row.printed!r} not in paragraph {row.paragraph}"
        )


def test_printed_digits_match_the_value(ds):
    """Where the printed words carry digits, the value is exactly those digits (as printed, not rescaled)."""
    for row in ds.figures.itertuples():
        numbers = re.findall(r"\d+(?:\.\d+)?", row.printed)
        if numbers and row.unit != "%" or row.unit == "%" and "/" not in row.printed and numbers:
            assert row.value in numbers, f"{row.id}: value {row.value} not among printed {numbers}"


# Digits of the article that are no figure, each named by the words around it (never a digit wholesale).
NOT_FIGURES = {
    "2月9日": "the date of the session the article reports on",
    "3D打印机": "a product's name (3D printers), printed twice",
}


def test_every_number_in_the_article_is_recorded(ds, article_text):
    """Each number printed in the article (outside the repeated summary box) stands inside the printed words of a
    figure with that value, wherever the article repeats them; the digits of a fraction (1/4) inside those of the
    share it is. Years are not figures; the other exceptions are named words (NOT_FIGURES) and the headline."""
    paras = paragraphs(article_text)[:28]
    # The headline "5年5个关键“第一”" restates a figure: the plan's years (its period, 2021-2025) and its count of
    # firsts, printed in its own paragraph as 五项“第一”. Both digits are checked against the figure here.
    firsts = ds.fig("headline_firsts_count")
    headline = re.search(r"(\d+)年(\d+)个关键“第一”", paras[0])
    assert headline, paras[0]
    start, end = (int(y) for y in firsts.period.split("-"))
    assert (int(headline[1]), int(headline[2])) == (end - start + 1, firsts.value)
    figures = list(ds.figures[["id", "value", "printed"]].itertuples())
    missing = []
    for number, para in enumerate(paras, 1):
        excused = [m.span() for words in NOT_FIGURES for m in re.finditer(re.escape(words), para)]
        if number == 1:
            excused.append(headline.span())
        for m in re.finditer(r"\d+(?:\.\d+)?", para):
            if re.fullmatch(r"20\d\d", m[0]) or any(lo <= m.start() and m.end() <= hi for lo, hi in excused):
                continue
            covering = [
                f.id
                for f in figures
                for p in re.finditer(re.escape(f.printed), para)
                if p.start() <= m.start() and m.end() <= p.end() and _stands_for(m[0], f)
            ]
            if not covering:
                missing.append(f"paragraph {number}: {m[0]!r} in {para[max(0, m.start() - 15) : m.end() + 15]!r}")
    assert missing == [], (
        "numbers printed in the article but in no figure's printed words with that value:\n" + "\n".join(missing)
    )


def _stands_for(number: str, figure) -> bool:
    """The number, printed within the figure's words, is its value, or a term of the fraction that value is."""
    if number == figure.value:
        return True
    fraction = re.fullmatch(r"(\d+)/(\d+)", figure.printed)
    return (
        bool(fraction)
        and number in fraction.groups()
        and float(figure.value) == int(fraction[1]) / int(fraction[2]) * 100
    )


def test_rank_and_streak_claims_present(ds):
    for figure_id, value in [
        ("industry_double_first_streak_2025", 4),
        ("exports_rank_streak_2025", 33),
        ("rd_total_rank_2024", 2),
        ("gii_cluster_rank_2025", 1),
        ("large_industrial_projects_2021_2025", 11),
        ("products_output_share_over_10pct_latest", 39),
        ("innovation_carriers_latest", 4000),
    ]:
        assert ds.fig(figure_id).value == value


def test_growth_basis_is_recorded(ds):
    assert ds.fig("gdp_growth_avg_2020_2025").basis == "real"
    assert ds.fig("rd_cagr_2020_2024").basis == "nominal"
    assert ds.fig("enterprise_rd_share_2020_2024").qualifier == "at_least"
    assert ds.fig("hightech_enterprises_2025").qualifier == "over"


def test_every_indicator_has_metadata(ds):
    used = set(ds.figures["indicator"]) | set(ds.series["indicator"])
    assert used <= set(ds.indicators)
    for key in used:
        meta = ds.meta(key)
        assert meta["title_zh"] and meta["title_en"] and meta["unit"] and meta["source"]


def test_series_keep_their_sources_and_the_census_break(ds):
    gdp = ds.annual("gdp")
    assert set(gdp["vintage"]) == {"pre_census", "post_census"}
    assert gdp["source"].str.len().min() > 0


# --- bad input: each problem names file, row, column and value ---------------------------------------


def rewrite(path, transform):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    header = list(rows[0])
    rows, header = transform(rows, header)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def set_cell(row_index, column, value):
    def transform(rows, header):
        rows[row_index][column] = value
        return rows, header

    return transform


CASES = {
    "non_number": (set_cell(2, "value", "3,87"), ("figures.csv", 4, "value", "not a number")),
    "unknown_unit": (set_cell(1, "unit", "万亿美金"), ("figures.csv", 3, "unit", "not one of")),
    "unknown_measure": (set_cell(5, "measure", "speed"), ("figures.csv", 7, "measure", "not one of")),
    "negative_count": (set_cell(17, "value", "-11"), ("figures.csv", 19, "value", "cannot be negative")),
    "bad_period": (set_cell(3, "period", "2020 to 2025"), ("figures.csv", 5, "period", "pattern")),
    "unknown_indicator": (set_cell(0, "indicator", "happiness"), ("figures.csv", 2, "indicator", "indicators.yaml")),
    "empty_required": (set_cell(7, "label_en", ""), ("figures.csv", 9, "label_en", "empty")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_figures_are_named(data_copy, case):
    transform, (file, row, column, words) = CASES[case]
    rewrite(data_copy / "figures.csv", transform)
    problems = data.validate(data_copy)
    assert any(p.file == file and p.row == row and p.column == column and words in p.message for p in problems), (
        problems
    )
    with pytest.raises(data.DataError) as err:
        data.load(data_copy)
    assert f"row {row}" in str(err.value) and column in str(err.value)


def test_duplicate_id_names_both_rows(data_copy):
    rewrite(data_copy / "figures.csv", set_cell(2, "id", "gdp_2020"))
    problems = data.validate(data_copy)
    assert any(p.row == 4 and p.column == "id" and "first on row 3" in p.message for p in problems)


def test_missing_column(data_copy):
    def drop(rows, header):
        header.remove("unit")
        return [{k: v for k, v in r.items() if k != "unit"} for r in rows], header

    rewrite(data_copy / "figures.csv", drop)
    problems = data.validate(data_copy)
    assert any(p.column == "unit" and "missing" in p.message for p in problems)


def test_empty_and_missing_files(data_copy):
    (data_copy / "series.csv").write_text("")
    (data_copy / "sources.csv").unlink()
    messages = [str(p) for p in data.validate(data_copy)]
    assert any("series.csv" in m and "empty" in m for m in messages)
    assert any("sources.csv" in m and "missing" in m for m in messages)


def test_header_only_file(data_copy):
    path = data_copy / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert any("no data rows" in p.message for p in data.validate(data_copy))


def test_all_problems_reported_at_once(data_copy):
    rewrite(data_copy / "figures.csv", set_cell(2, "value", "x"))
    rewrite(data_copy / "series.csv", set_cell(0, "year", "twenty"))
    problems = data.validate(data_copy)
    assert {("figures.csv", "value"), ("series.csv", "year")} <= {(p.file, p.column) for p in problems}


def test_unknown_source_in_series(data_copy):
    rewrite(data_copy / "series.csv", set_cell(3, "source", "rumour"))
    assert any(p.file == "series.csv" and p.row == 5 and p.column == "source" for p in data.validate(data_copy))


def test_stray_indicator_field_is_reported(data_copy):
    path = data_copy / "indicators.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "extra: {title_zh: 甲, title_en: A, unit: 个, source: article,"
        " description_zh: 甲, description_en: one, two}\n",
        encoding="utf-8",
    )
    problems = data.validate(data_copy)
    assert any(p.file == "indicators.yaml" and p.column == "extra.two" and "unknown" in p.message for p in problems)


def test_a_broken_indicators_file_is_one_problem_not_one_per_row(data_copy):
    path = data_copy / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "gdp: [unclosed\n", encoding="utf-8")
    problems = data.validate(data_copy)
    assert len(problems) == 1 and problems[0].file == "indicators.yaml" and "not valid YAML" in problems[0].message


def test_a_broken_sources_file_is_not_repeated_per_reference(data_copy):
    (data_copy / "sources.csv").write_text("id,publisher,title,date,url\n", encoding="utf-8")
    problems = data.validate(data_copy)
    assert [p.file for p in problems] == ["sources.csv"], problems


def test_an_unknown_reference_is_still_named_when_its_target_is_sound(data_copy):
    path = data_copy / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",gdp,", ",gdp_nowhere,", 1), encoding="utf-8")
    problems = data.validate(data_copy)
    assert any(p.file == "figures.csv" and p.column == "indicator" and p.value == "gdp_nowhere" for p in problems)


def test_a_utf8_bom_is_read_as_nothing(data_copy):
    for path in [*data_copy.glob("*.csv"), data_copy / "indicators.yaml"]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert data.validate(data_copy) == []
    assert "id" in data.load(data_copy).figures.columns


def test_indicators_not_in_utf8_is_named(data_copy):
    path = data_copy / "indicators.yaml"
    path.write_bytes(path.read_bytes() + "x: {title_zh: \xe9}\n".encode("latin-1"))
    problems = data.validate(data_copy)
    assert len(problems) == 1 and "cannot be read as UTF-8" in problems[0].message


def test_figures_are_found_by_what_they_are(ds):
    assert ds.plan_end == 2025  # the year the article's multi-year figures most often end in
    assert ds.find("gdp", "level").id == "gdp_2025"  # the latest
    assert ds.find("gdp", "level", earliest=True).id == "gdp_2020"
    assert ds.find("gdp", "level", 2020).id == "gdp_2020"
    assert ds.find("gdp", "cagr", ending=2025).period == "2020-2025"
    assert ds.find("rd_expenditure", "cagr").id == "rd_cagr_2020_2024"
    with pytest.raises(KeyError, match="no figure .* is the gdp level for 1999"):
        ds.find("gdp", "level", 1999)
    with pytest.raises(KeyError, match="5 figures .* trade_partner level: .*give the period"):
        ds.find("trade_partner", "level")


def test_period_ends():
    assert (data.period_start("2020-2025"), data.period_end("2020-2025")) == (2020, 2025)
    assert (data.period_start("2024"), data.period_end("2024")) == (2024, 2024)


def test_sources_a_reader_cannot_follow_are_flagged(data_copy):
    """A source without an address, or dated by a year or a span only, is named by check-data (exit 0): the
    article's own page is not known, and its note says so; a source stripped of its address and note is asked
    for a reason."""
    ds = data.load(DATA)
    flagged = {(p.value, p.column) for p in data.source_warnings(ds)}
    assert ("article", "url") in flagged and ("2021-2026", "date") in flagged  # nbs: the communiqués of six years
    assert all(p.column in ("url", "date") for p in data.source_warnings(ds))
    path = data_copy / "sources.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["id"] == "stheadline_2026":
            row["url"], row["note"] = "", ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run_cli("check-data", data_copy)
    assert result.returncode == 0, result.stderr
    assert "column 'url': no address of the page (say in note why there is none) (value 'stheadline_2026')" in (
        result.stdout
    )


# Figures the article prints without a year in the paragraph where they first stand, dated by the paragraph that
# repeats them with their year (the five firsts of the opening, restated in the body): id -> that paragraph.
DATED_WHERE_REPEATED = {
    "industry_double_first_streak_2025": 11,
    "industry_double_first_rank_2025": 11,
    "rd_intensity_2024": 18,
    "rd_intensity_rank_2024": 18,
    "gii_cluster_rank_2025": 18,
    "little_giants_2025": 21,
    "little_giants_rank_2025": 21,
    "trade_2025": 24,
    "trade_rank_2025": 24,
    "trade_rank_streak_2025": 24,
    "exports_rank_streak_2025": 24,
}
# The plan's period, printed in words.
PLAN_WORDS = ("十四五", "五年")


def test_every_period_is_as_printed(ds, article_text):
    """A figure has a year only where the article prints one: in its paragraph (or the one before, where a page
    break splits a sentence: 2025年，深圳数字照相 / 机…), in the plan's words for a range, or where the article
    repeats the figure with its year. A figure printed without a year (已有, 三大设施, 超4000家) is ``latest``
    and its note says so."""
    paras = paragraphs(article_text)
    for row in ds.figures.itertuples():
        if row.period == "latest":
            assert "No year printed" in str(row.note), f"{row.id}: an undated figure's note says so"
            continue
        number = DATED_WHERE_REPEATED.get(row.id, int(row.paragraph))
        text = paras[number - 1] + (paras[number - 2] if number > 1 else "")
        years = row.period.split("-")
        dated = any(y in text for y in years) or ("-" in row.period and any(w in text for w in PLAN_WORDS))
        assert dated, f"{row.id}: period {row.period} but paragraph {number} prints no year for it"


def test_the_six_national_innovation_centres_are_recorded_as_probably_the_same(ds):
    landed = ds.find("national_innovation_centres", "count", span=False)
    built = ds.find("national_innovation_centres", "count", span=True)
    assert landed.period == "latest" and landed.value == built.value
    for figure in (landed, built):
        assert "same six" in figure.note, figure.id


def test_new_firms_are_gross_additions(ds):
    """新增 and 新设 firms are flows into a list firms also leave: measured as additions, never a plain count."""
    for row in ds.figures.itertuples():
        if row.unit in ("家", "万家") and any(w in row.printed for w in ("新增", "新设")):
            assert row.measure == "additions", row.id
        if row.indicator == "fie_new" and row.unit == "万家":
            assert row.measure == "additions", row.id
