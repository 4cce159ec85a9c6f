"""The audit report as built (conftest.built): verdicts of named claims against expectations written here,
counts adding up to the claims of claims.csv, the same record in both languages, recomputed values checked
against arithmetic done here, chart data, and key phrases in the HTML and the PDF."""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from pathlib import Path

import pytest

from .conftest import DATA
from .helpers import LANGS, pdf_text, report_results

pytestmark = pytest.mark.notebook

# The verdict expected for each claim of data/claims.csv, from the article and the supplementary figures.
EXPECTED = {
    "gdp_growth_avg_from_levels": "consistent_with_basis",  # nominal 6.39-6.52% from the levels, real 5.5%
    "gdp_growth_avg_from_annual_rates": "consistent",  # 6.7, 3.3, 6.0, 5.8, 5.5 compound to 5.40-5.50%
    "gdp_growth_rank_first_tier": "consistent",  # Shenzhen 5.45% against Beijing 4.97%, Shanghai 4.62%, Guangzhou 3.93%
    # 2.83 post-census against 2.767 first published: 2.3% up, but the data hold no census revision of Shenzhen's
    # own (China's says nothing of Shenzhen's)
    "gdp_2020_restated": "not_checkable",
    "sei_share_gdp_2025": "consistent",  # 1.67 / 3.87 = 42.97-43.34%
    "industrial_output_thresholds": "consistent",  # 5.44 / 1.066^5 = 3.95: crosses 4 and 5
    "industrial_output_growth_avg": "not_checkable",  # no 2020 level
    # 5.4 -> 5.44 is under 2%, but the 6.4% is on the same firms in both years (同口径), and no year of the data
    # shows how far that growth and two levels usually differ
    "industrial_output_growth_2025": "not_checkable",
    "industrial_va_growth_2025": "not_checkable",  # no 2024 level
    "rd_cagr_2020_2024": "consistent",
    "rd_intensity_2024": "consistent",  # 2453.1 / 36801.87 = 6.666%
    "rd_intensity_rank_cities": "not_checkable",  # Beijing 2024 missing; its 2023 value is above Shenzhen's
    "rd_total_rank_cities": "not_checkable",  # Beijing's and Shanghai's 2024 not in the data
    "enterprise_rd_rank_cities": "not_checkable",  # no city's business R&D for 2024 in the data
    "little_giants_new_2025": "consistent",  # net change 1333 - 1025 = 308 <= 347 additions: at least 39 exits
    "hightech_enterprises_new_2021_2025": "not_checkable",  # no 2020 count
    "trade_increment_2020_2025": "consistent",
    "trade_increment_share_national": "consistent",  # 1.5 / 13.31 = 11.27%
    # 4.55 / 4.5048 = +1.0%, not 1.4%: a gap of 0.24-0.56 points, within the gaps of 2021-2024 between published
    # growth (on the revised year before) and growth of the levels first published (2023: 5.9% against 5.37%)
    "trade_growth_2025": "consistent_with_basis",
    "trade_2025_exports_imports": "consistent",
    "bri_trade_share_2025": "consistent",
    "fdi_growth_2025": "not_checkable",
    # 709.7 + 739.9 (dollars at each year's rate) + 626.2 + 441.3 (2024 worked back: 504.8 / 1.144) + 504.8
    "fdi_total_2021_2025": "consistent",
    "fdi_rank_cities": "not_checkable",  # Shanghai's and Beijing's 2025 not in the data
    "services_trade_growth_2025": "not_checkable",
}


def results(built: Path, lang: str) -> dict:
    return report_results(built, lang, "audit")


def claim_ids(scope: str | None = "article") -> list[str]:
    """Ids of claims.csv: the article's claims (the default), arithmetic of a source's release, or all (None)."""
    with (DATA / "claims.csv").open(encoding="utf-8") as fh:
        return [row["id"] for row in csv.DictReader(fh) if scope is None or (row.get("scope") or "article") == scope]


@pytest.mark.parametrize("lang", LANGS)
def test_verdicts_of_named_claims(built, lang):
    r = results(built, lang)
    assert {cid: r[f"{cid}_verdict"] for cid in EXPECTED} == EXPECTED


@pytest.mark.parametrize("lang", LANGS)
def test_counts_add_up_to_the_claims(built, lang):
    r = results(built, lang)
    ids = claim_ids()
    kinds = ("consistent", "consistent_with_basis", "inconsistent", "not_checkable")
    assert sum(r[f"verdicts_{k}_count"] for k in kinds) == len(ids) == r["claims_count"]
    for kind in kinds:
        assert r[f"verdicts_{kind}_count"] == sum(r[f"{cid}_verdict"] == kind for cid in ids)
    arithmetic = claim_ids("source_arithmetic")
    assert arithmetic and r["source_arithmetic_checks_count"] == len(arithmetic)
    assert all(f"{cid}_verdict" in r for cid in claim_ids(None))


def test_languages_record_the_same_audit(built):
    assert results(built, "zh") == results(built, "en")


def test_recomputed_values_and_gaps(built):
    r = results(built, "en")
    # Shares and growth on rounding intervals, worked out here.
    assert r["sei_share_gdp_2025_recomputed_pct_low"] == pytest.approx(1.665 / 3.875 * 100, abs=1e-5)
    assert r["sei_share_gdp_2025_recomputed_pct_high"] == pytest.approx(1.675 / 3.865 * 100, abs=1e-5)
    assert r["rd_intensity_2024_recomputed_pct_low"] == pytest.approx(2453.05 / 36801.875 * 100, abs=1e-5)
    assert r["trade_increment_share_national_recomputed_pct_low"] == pytest.approx(1.49 / 13.32 * 100, abs=1e-5)
    trade_hi = (4.555 / 4.5048235 - 1) * 100
    assert r["trade_growth_2025_recomputed_pct_high"] == pytest.approx(trade_hi, abs=1e-5)
    assert r["trade_growth_2025_growth_gap_pp_low"] == pytest.approx(1.35 - trade_hi, abs=1e-5)
    assert r["trade_growth_2025_growth_gap_window_pp_high"] == pytest.approx(
        5.95 - (38710.695 / 36737.525 - 1) * 100, abs=1e-5
    )
    assert "trade_growth_2025_gap_pp" not in r  # not inconsistent
    # gross additions against the net change: 347 firms newly named, 1333 - 1025 = 308 net, at least 39 left
    assert r["little_giants_new_2025_recomputed_firms_low"] == 1333 - 1025
    assert r["little_giants_new_2025_recomputed_firms_high"] is None  # open: null, never the text "inf"
    assert r["little_giants_new_2025_exits_min_firms"] == 347 - (1333 - 1025)
    assert "little_giants_new_2025_gap_firms" not in r
    assert r["industrial_output_growth_2025_missing"] == "series:shenzhen/industrial_output_growth/2022"
    # GDP: nominal CAGR from the levels and the deflator it implies against the real 5.5%.
    assert r["gdp_growth_avg_from_levels_recomputed_pct_low"] == pytest.approx(
        ((3.865 / 2.835) ** 0.2 - 1) * 100, abs=1e-5
    )
    assert (
        0.5
        < r["gdp_growth_avg_from_levels_implied_deflator_pct_low"]
        < r["gdp_growth_avg_from_levels_implied_deflator_pct_high"]
        < 1.5
    )
    factor = 1.067 * 1.033 * 1.060 * 1.058 * 1.055
    assert r["gdp_growth_avg_from_annual_rates_recomputed_pct"] == pytest.approx((factor**0.2 - 1) * 100, abs=1e-3)
    beijing = (1.085 * 1.007 * 1.052 * 1.052 * 1.054) ** 0.2 * 100 - 100
    assert r["gdp_growth_rank_first_tier_beijing_pct"] == pytest.approx(beijing, abs=1e-3)
    assert (
        r["gdp_growth_rank_first_tier_recomputed_rank_low"] == r["gdp_growth_rank_first_tier_recomputed_rank_high"] == 1
    )
    assert r["gdp_2020_restated_missing"] == "series:shenzhen/gdp/2020@post_census"
    assert "gdp_2020_restated_revision_pct" not in r
    assert r["industrial_output_thresholds_recomputed_count"] == 2
    # Not checkable: what is missing is recorded, and nothing is recomputed.
    assert r["rd_intensity_rank_cities_missing"] == "series:beijing/rd_intensity/2024"
    # 2021 and 2022 are in dollars, converted at their own year's published rate; 2024, not published, is worked
    # back from the article's 2025 level and growth, and recorded as inferred
    assert "fdi_total_2021_2025_missing" not in r
    assert r["fdi_total_2021_2025_inferred_2024_yuan_100m"] == pytest.approx(504.8 / 1.144, abs=0.05)
    assert r["fdi_total_2021_2025_recomputed_yuan_100m_low"] == pytest.approx(
        109.65 * 6.45145 + 109.5 * 6.72605 + 626.15 + 504.75 / 1.1445 + 504.75, abs=1e-3
    )
    assert not any(k.startswith("services_trade_growth_2025_recomputed") for k in r)


def test_chart_data_is_language_neutral(built):
    folder = built / "data" / "audit"
    for theme in ("economy", "innovation", "opening_up"):
        text = (folder / f"claims_intervals_{theme}.csv").read_text(encoding="utf-8")
        assert text.splitlines()[0] == (
            "claim_id,relation,unit,reported,reported_low,reported_high,recomputed_low,recomputed_high,verdict"
        )
    assert "little_giants_new_2025" in (folder / "claims_intervals_innovation.csv").read_text(encoding="utf-8")
    rank = (folder / "rank_rd_intensity_rank_cities.csv").read_text(encoding="utf-8")
    assert "beijing,2023" in rank and "nearest_year" in rank
    for lang in LANGS:
        page = (built / lang / "audit.html").read_text(encoding="utf-8")
        links = re.findall(r"href=['\"](\.\./data/audit/[^'\"]+\.csv)['\"]", page)
        assert len(links) >= 5 and all((built / lang / link).resolve().exists() for link in links)


def test_html_states_the_verdicts(built):
    zh = (built / "zh" / "audit.html").read_text(encoding="utf-8")
    en = (built / "en" / "audit.html").read_text(encoding="utf-8")
    for words in (
        "原文数据核查",
        "核查结论",
        "考虑口径后一致",
        "至少有39家退出名单",
        "无法核查",
        "核查需要北京2024年研发投入强度，所用资料中未见公布",
        "2023年公布5.9%，按水平计算为5.4%",
        "结论说明",
        "补充哪些数字可核查更多说法",
    ):
        assert words in zh, words
    for words in (
        "Claims audit",
        "Consistent given the basis",
        "at least 39 firms left the list",
        # trade growth judged against the gaps of the years the data hold, shown year by year
        "2023: 5.9% published, 5.4% from the levels",
        "Not checkable",
        "neither confirm nor refute",
        "It needs Beijing's R&amp;D intensity for 2024, not published in the sources used.",
        "What would make more claims checkable",
    ):
        assert words in en, words


@pytest.mark.render
def test_pdf_states_the_verdicts(built):
    zh = re.sub(r"\s+", "", pdf_text(built / "zh" / "audit.pdf"))
    for words in ("原文数据核查", "无法核查", "至少有39家退出名单", "2023年公布5.9%"):
        assert words in zh, words
    en = re.sub(r"\s+", " ", pdf_text(built / "en" / "audit.pdf"))
    for words in ("Claims audit", "Not checkable", "at least 39 firms left the list", "5.9% published"):
        assert words in en, words


@pytest.mark.parametrize("lang", LANGS)
def test_one_judge_theme_reports_state_the_audits_verdicts(built, lang):
    """Every claim of claims.csv is stated in its theme's report, with the audit's verdict and values."""
    audit = report_results(built, lang, "audit")
    with (DATA / "claims.csv").open(encoding="utf-8") as fh:
        claims = list(csv.DictReader(fh))
    for claim in claims:
        theme = report_results(built, lang, claim["theme"])
        keys = [k for k in audit if k.startswith(claim["id"] + "_")]
        assert claim["id"] + "_verdict" in keys
        assert {k: theme.get(k) for k in keys} == {k: audit[k] for k in keys}, claim["id"]


# Words of the build that no reader text may hold outside the page's footer (issue 23, item 4).
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
    "show_consistent",
    "show_inputs",
    "data_dir",
)


def page(built: Path, lang: str, name: str = "audit") -> str:
    return (built / lang / f"{name}.html").read_text(encoding="utf-8")


def visible_text_above_footer(text: str) -> str:
    """The page's visible text above its footer (which holds the citation and the folded "Reproduce this
    report", the one place a command and the parameters may be named)."""
    main = text[text.index("<body") : text.index('<footer class="sz-footer"')]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize("lang", LANGS)
def test_every_claim_has_exactly_one_anchor_in_the_page(built, lang):
    ids = Counter(re.findall(r"\bid=[\"'](claim-[a-z0-9_]+)[\"']", page(built, lang)))
    assert ids == Counter(f"claim-{cid}" for cid in claim_ids(None))


@pytest.mark.parametrize("lang", LANGS)
def test_every_badge_of_every_report_lands_on_its_claim_in_the_audit(built, lang):
    anchors = set(re.findall(r"\bid=[\"'](claim-[a-z0-9_]+)[\"']", page(built, lang)))
    links = []
    for path in sorted((built / lang).glob("*.html")):
        links += re.findall(
            r'data-claim="([a-z0-9_]+)"[^>]*href="(?:audit\.html)?#(claim-[a-z0-9_]+)"', path.read_text("utf-8")
        )
    assert links, "no verdict badge in any report"
    assert all(target == f"claim-{claim}" and target in anchors for claim, target in links)


@pytest.mark.parametrize("lang", LANGS)
def test_the_audit_speaks_to_readers(built, lang):
    text = visible_text_above_footer(page(built, lang))
    assert not [w for w in BUILD_WORDS if w in text]
    assert not re.search(r"(?<![\w.])-\d", re.sub(r"\d{4}(?:-\d{2}){1,2}", "", text))  # no hyphen-minus sign


@pytest.mark.parametrize("lang", LANGS)
def test_the_audit_ends_with_the_figures_that_would_make_more_claims_checkable(built, lang):
    text = page(built, lang)
    headings = re.findall(r'<h2 id="([a-z0-9-]+)"', text)
    assert headings[-1] == "missing", headings
    above_footer = text[: text.index('<footer class="sz-footer"')]
    last_table = above_footer[above_footer.rindex("<table") :]
    header = ("Figure needed", "Who publishes it", "Claims it would decide")
    assert all(words in last_table for words in (header if lang == "en" else ("所需数字", "发布机构", "可核查的说法")))
    for cid in ("fdi_growth_2025", "fdi_rank_cities", "rd_intensity_rank_cities"):
        label = next(
            r[f"label_{lang}"] for r in csv.DictReader((DATA / "claims.csv").open(encoding="utf-8")) if r["id"] == cid
        )
        assert html.escape(label, quote=False) in last_table, label
