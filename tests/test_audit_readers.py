"""The audit as a reader reads it, on the real data: every claim's explanation carries the anchor its badges link
to; the words hold no build vocabulary; a claim that cannot be checked says in words what is missing; the
closing table of figures that would make more claims checkable; and the reader's precision and grammar of the
running text (one number for a derived figure, a true minus, no brackets inside brackets, counts that agree).

What is expected is worked out here from data/*.csv with the standard library, not through szreport."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from szreport import audit, fmt
from szreport.audit import report as audit_report
from szreport.audit.report import text as audit_text
from szreport.data import loader as data
from szreport.present.badges import anchor

from .helpers import DATA, LANGS, rows

# Words of the build that no reader text may hold (issue 23, item 4).
BUILD_WORDS = (
    "series.csv",
    "figures.csv",
    "claims.csv",
    "sources.csv",
    "indicators.yaml",
    ".ipynb",
    "series:",
    "fig:",
    "szreport",
    "data folder",
    "数据文件夹",
    "--only",
    "szreport build",
)
# The audit notebook's parameters, by name.
PARAMETERS = re.compile(r"\b(?:data_dir|show_consistent|show_inputs|lang)\b")
# Wordings the issue names as calques or template grammar, and the build words of the old "add this row" text.
CALQUES = (
    "全国地区生产总值",
    "按两端印刷值计算",
    "均不确定高于它",
    "印法不同",
    "印作",
    "请补充",
    "is certainly higher, as the article",
    "which meets the article's",
    "the recomputed value is",
    "with this data folder",
)
OPEN, CLOSE = "(（", ")）"


@pytest.fixture(scope="module")
def ds():
    return data.load(DATA)


@pytest.fixture(scope="module")
def verdicts(ds):
    return audit.evaluate_all(ds)


def claim_rows() -> list[dict]:
    with (DATA / "claims.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def plain(text) -> str:
    return str(fmt.plain(fmt.md(text)))


def reader_texts(ds, verdicts, lang: str) -> list[str]:
    """Every text the audit's sections show, as plain text: headings, paragraphs, captions and table cells (the
    charts are left to the chart tests: their words are drawn)."""
    sections = [
        audit_report.summary(ds, verdicts, lang),
        audit_report.verdict_table(ds, verdicts, lang),
        *audit_report.explanations(ds, verdicts, lang),
        audit_report.inputs_list(ds, verdicts, lang),
        audit_report.missing_figures(ds, verdicts, lang),
    ]
    out: list[str] = []
    for section in sections:
        out.append(plain(section.heading))
        out.extend(plain(p) for p in section.paragraphs)
        for caption, table in section.tables:
            out.append(plain(caption))
            out.extend(plain(c) for c in table.columns)
            out.extend(plain(v) for v in table.to_numpy().ravel())
    return out


def running_text(ds, verdicts, lang: str) -> list[str]:
    """The sentences of the audit (its paragraphs), without the tables."""
    sections = [audit_report.summary(ds, verdicts, lang), *audit_report.explanations(ds, verdicts, lang)]
    return [re.sub(r"<[^>]+>", "", plain(p)) for s in sections for p in s.paragraphs]


def explained(ds, verdicts, lang: str) -> dict[str, str]:
    """claim id -> its explanation paragraph in the audit, as plain text."""
    out = {}
    for section in audit_report.explanations(ds, verdicts, lang):
        for p in section.paragraphs:
            found = re.search(r'id="claim-([a-z0-9_]+)"', str(p))
            if found:
                out[found.group(1)] = re.sub(r"<[^>]+>", "", plain(p))
    return out


def max_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif char in CLOSE:
            depth -= 1
    return deepest


# --- anchors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_claim_has_exactly_one_anchor(ds, verdicts, lang):
    paragraphs = [str(p) for s in audit_report.explanations(ds, verdicts, lang) for p in s.paragraphs]
    found = Counter(re.findall(r'id="(claim-[a-z0-9_]+)"', "\n".join(paragraphs)))
    assert found == Counter(anchor(row["id"]) for row in claim_rows())


@pytest.mark.parametrize("lang", LANGS)
def test_every_badge_lands_on_its_claim(ds, verdicts, lang):
    """The badges the theme reports show (audit.report.checks) link to anchors the audit has."""
    ids = set(explained(ds, verdicts, lang))
    badges = [c for found in audit_report.checks(ds, lang).values() for c in found]
    assert badges and {c.claim for c in badges} <= ids


def test_an_id_that_cannot_be_an_anchor_is_refused():
    assert audit_report.claim_anchor("gdp_2020") == "claim-gdp_2020"
    with pytest.raises(ValueError):
        audit_report.claim_anchor('x" onmouseover="y')


# --- plain words -----------------------------------------------------------------------------------------------


def without_claim_notes(text: str, lang: str) -> str:
    """Text without the claims' own notes (claims.csv, basis_note_*): the data's words, checked apart below."""
    for row in claim_rows():
        if row[f"basis_note_{lang}"]:
            text = text.replace(row[f"basis_note_{lang}"], "")
    return text


@pytest.mark.parametrize("lang", LANGS)
def test_reader_text_has_no_build_vocabulary(ds, verdicts, lang):
    for text in reader_texts(ds, verdicts, lang):
        assert not [w for w in BUILD_WORDS if w in text], text
        assert not PARAMETERS.search(text), text
        assert not [w for w in CALQUES if w in without_claim_notes(text, lang)], text


@pytest.mark.parametrize("lang", LANGS)
def test_the_badges_explanations_are_plain_words_too(ds, lang):
    for found in audit_report.checks(ds, lang).values():
        for check in found:
            assert not [w for w in BUILD_WORDS if w in check.explanation], check.explanation
            assert not [w for w in CALQUES if w in without_claim_notes(check.explanation, lang)], check.explanation


def test_the_claims_own_notes_are_plain_words():
    notes = [row[f"basis_note_{lang}"] for row in claim_rows() for lang in LANGS]
    assert not [(w, n) for n in notes for w in BUILD_WORDS + CALQUES if w in n]


@pytest.mark.parametrize("lang", LANGS)
def test_a_claim_not_checkable_says_what_is_missing_in_words(ds, verdicts, lang):
    """Region, the indicator's title from indicators.yaml and the year, never the reference itself."""
    regions = {"zh": {"shenzhen": "深圳", "beijing": "北京", "shanghai": "上海", "china": "全国"}, "en": {}}[lang]
    text = explained(ds, verdicts, lang)
    missing = [v for v in verdicts if v.kind == "not_checkable"]
    assert len(missing) >= 5
    for v in missing:
        said = text[v.claim.id]
        # a run of years of one series is said once, as a span ("for 2016–2019", "2016—2019年各年")
        spans = {y for a, b in re.findall(r"(\d{4})[–—](\d{4})", said) for y in range(int(a), int(b) + 1)}
        for ref in v.missing:
            title = ds.meta(ref.indicator)[f"title_{lang}"]
            region = regions.get(ref.region, ref.region.capitalize())
            year_said = str(ref.year) in said or ref.year in spans
            assert region in said and year_said and title.lower() in said.lower(), said
            assert str(ref) not in said
        # one figure or several ("none of them published", "均未见公布")
        assert ("published in the sources used" if lang == "en" else "未见公布") in said
    if lang == "en":
        assert (
            "It needs Beijing's R&D intensity for 2024, not published in the sources used."
            in (text["rd_intensity_rank_cities"])
        )


# --- what would make more claims checkable ---------------------------------------------------------------------


def expected_needed() -> dict[tuple[str, str, int], list[str]]:
    """(region, indicator, year) the not checkable claims of the real data need -> their claim ids (the
    ``<claim>_missing`` references that tests/test_audit_report.py expects in results.json)."""
    return {
        ("shenzhen", "industrial_output", 2020): ["industrial_output_growth_avg"],
        # published growth of a year whose two levels the data hold: how far same-firm growth and levels differ
        ("shenzhen", "industrial_output_growth", 2022): ["industrial_output_growth_2025"],
        ("shenzhen", "industrial_va", 2024): ["industrial_va_growth_2025"],
        ("shenzhen", "gdp", 2020): ["gdp_2020_restated"],  # revised after the census: Shenzhen's own revision
        ("beijing", "rd_intensity", 2024): ["rd_intensity_rank_cities"],
        ("shenzhen", "hightech_enterprises", 2020): ["hightech_enterprises_new_2021_2025"],
        ("shenzhen", "fdi", 2024): ["fdi_growth_2025"],  # the five-year total works 2024 back from 2025
        ("beijing", "rd_expenditure", 2024): ["rd_total_rank_cities"],
        ("shanghai", "rd_expenditure", 2024): ["rd_total_rank_cities"],
        ("shenzhen", "rd_business", 2024): ["enterprise_rd_rank_cities"],
        ("beijing", "rd_business", 2024): ["enterprise_rd_rank_cities"],
        ("shanghai", "rd_business", 2024): ["enterprise_rd_rank_cities"],
        ("shanghai", "fdi", 2025): ["fdi_rank_cities"],
        ("beijing", "fdi", 2025): ["fdi_rank_cities"],
        ("shenzhen", "services_trade", 2024): ["services_trade_growth_2025"],
        ("shanghai", "services_trade", 2025): ["services_trade_rank_cities"],
        ("beijing", "services_trade", 2025): ["services_trade_rank_cities"],
        # the 13th plan's total: its years before 2020, each with its year's rate to add it in yuan
        **{("shenzhen", "fdi_usd", year): ["fdi_growth_vs_13th_plan"] for year in range(2016, 2020)},
        **{("china", "usd_cny", year): ["fdi_growth_vs_13th_plan"] for year in range(2016, 2020)},
    }


def publishers_of_other_years(region: str, indicator: str) -> set[str]:
    sources = {r["id"]: r["publisher"].split(" (")[0] for r in rows("sources.csv")}
    return {
        sources[r["source"]]
        for r in rows("series.csv")
        if r["region"] == region and r["indicator"] == indicator and r["vintage"] not in ("target", "alternative")
    } - {"szreport"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_audit_ends_with_the_figures_that_would_make_more_claims_checkable(ds, verdicts, lang):
    section = audit_report.missing_figures(ds, verdicts, lang)
    ((caption, table),) = section.tables
    cells = fmt.plain(table)
    needed, publisher, decides = (list(cells[c]) for c in cells.columns)
    labels = {r["id"]: r[f"label_{lang}"] for r in claim_rows()}
    expected = expected_needed()
    assert len(needed) == len(expected)
    none = "not found in the sources used" if lang == "en" else "所用资料中未找到"
    for (region, indicator, year), claims in expected.items():
        title = ds.meta(indicator)[f"title_{lang}"]
        place = ds.subject.region_name(region, lang).lower()  # several cities may need the same figure
        row = next(
            i
            for i, text in enumerate(needed)
            if title.lower() in text.lower() and str(year) in text and place in text.lower()
        )
        assert all(labels[c] in decides[row] for c in claims), decides[row]
        found = publishers_of_other_years(region, indicator)
        if found:  # who publishes it: the publishers of other years, from the data
            assert any(p in publisher[row] for p in found) and none not in publisher[row], publisher[row]
        else:
            assert publisher[row] == none
    # the last section of the audit (the notebook shows it last) names nothing of the build
    assert audit_report.verdict_table(ds, verdicts, lang).heading != section.heading


def test_no_missing_figure_no_table(ds, verdicts):
    section = audit_report.missing_figures(ds, [v for v in verdicts if not v.missing], "en")
    assert not section.tables and section.paragraphs


# --- reader precision and grammar ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_running_text_states_derived_figures_as_one_number(ds, verdicts, lang):
    text = explained(ds, verdicts, lang)
    about = "about " if lang == "en" else "约"
    # 6.39-6.52% nominal a year: one number; the deflator's window is a range (China's average a year widened by
    # the city's departures from it), from … to …; China's average a year is one number
    levels = text["gdp_growth_avg_from_levels"]
    assert f"{about}6.5%" in levels and "6.39" not in levels and "6.52" not in levels
    assert ("from 0.1% to 2.7%" if lang == "en" else "0.1%至2.7%") in levels
    assert f"{about}0.7%" in levels
    # 42.97-43.34%: 43%, the article's 43.0% within rounding
    share = text["sei_share_gdp_2025"]
    assert "43%" in share and "42.97" not in share and "43.34" not in share
    # the tables keep the interval
    table = fmt.plain(audit_report.verdict_table(ds, verdicts, lang).tables[0][1]).to_string()
    assert "42.97" in table and "43.34" in table


@pytest.mark.parametrize("lang", LANGS)
def test_running_text_has_true_minus_and_worded_ranges(ds, verdicts, lang):
    for text in running_text(ds, verdicts, lang):
        text = re.sub(r"(?<!\d)\d{4}(?:-\d{2}){1,2}(?!\d)|(?<!\d)\d{4}[–—]\d{4}(?!\d)", "", text)  # dates, periods
        assert not re.search(r"(?<![\w.])-\d", text), text  # a hyphen-minus before a number
        assert not re.search(r"\d%?[–—-]−?\d", text), text  # a range with a dash


@pytest.mark.parametrize("lang", LANGS)
def test_no_brackets_inside_brackets(ds, verdicts, lang):
    for text in reader_texts(ds, verdicts, lang):
        assert max_depth(text) <= 1, text


def test_counts_agree_with_their_numbers(ds, verdicts):
    for text in reader_texts(ds, verdicts, "en"):
        assert not re.search(r"\b1 (?:years|firms|claims|checks|thresholds|places|products)\b", text), text
        assert not re.search(r"\b(?:[02-9]|\d\d+) (?:year|firm|claim|check|threshold|place)\b(?!')", text), text
    assert audit_text.count_text(1, "家", "en") == "1 firm"
    assert audit_text.count_text(39, "家", "en") == "39 firms"
    assert audit_text.count_text(1, "年", "en") == "1 year"
    assert audit_text.count_text(39, "家", "zh") == "39家"
    assert str(audit_text.counted("en", "audit_n_claims", 1)) == "1 claim"


@pytest.mark.parametrize("lang", LANGS)
def test_a_whole_count_is_not_within_rounding_and_has_no_price_basis(ds, verdicts, lang):
    text = explained(ds, verdicts, lang)
    counts = [
        v
        for v in verdicts
        if v.claimed is not None and v.claimed.unit in ("家", "个", "年", "种") and v.claimed.qualifier == "exact"
    ]
    assert len(counts) >= 4
    for v in counts:
        said = text[v.claim.id]
        assert not [w for w in ("rounding", "四舍五入", "prices", "价格") if w in said], said


def test_chinese_says_the_national_product(ds, verdicts):
    text = explained(ds, verdicts, "zh")
    assert "国内生产总值平减指数" in text["gdp_growth_avg_from_levels"]
    assert "全国2023年国内生产总值" not in text["gdp_2020_restated"]  # China's revision is not Shenzhen's


def test_both_languages_explain_the_same_claims(ds, verdicts):
    assert list(explained(ds, verdicts, "zh")) == list(explained(ds, verdicts, "en"))
    assert audit_report.summary(ds, verdicts, "zh").results == audit_report.summary(ds, verdicts, "en").results


@pytest.mark.parametrize("lang", LANGS)
def test_a_rank_chart_labels_each_bars_basis_when_they_straddle_the_census(ds, verdicts, lang):
    """Beijing's 2023 R&D intensity (on GDP first published) beside Shenzhen's 2024 (on revised GDP): each bar
    says its basis (issue 25, item 5); bars all on one basis say none."""
    from szreport.audit.report.sections import rank_chart
    from szreport.charts.style import setup_style

    setup_style()  # as every report does: a font with Chinese characters
    by_id = {v.claim.id: v for v in verdicts}
    labels = [label for label, *_ in rank_chart(ds, by_id["rd_intensity_rank_cities"], lang).series[0][1]]
    before, after = ("before the census", "after the census") if lang == "en" else ("普查前口径", "普查后口径")
    assert before in labels[1] and after in labels[0], labels
    plain = [label for label, *_ in rank_chart(ds, by_id["trade_rank_cities"], lang).series[0][1]]
    assert not any(before in label or after in label for label in plain), plain
