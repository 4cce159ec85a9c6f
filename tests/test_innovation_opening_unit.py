"""Unit tests of szreport.themes.innovation and szreport.themes.opening_up on the real dataset and on small edits of a
copy of
it (each branch of the generated text), plus the two chart helpers they added to szreport.charts."""

from __future__ import annotations

import csv
import dataclasses
import math
import warnings

import pandas as pd
import pytest
import yaml

from szreport import fmt
from szreport.charts import draw as charts
from szreport.data import loader as data
from szreport.metrics import Interval
from szreport.themes import innovation, opening_up

from .conftest import DATA

LANGS = ("zh", "en")
INNOVATION_SECTIONS = (
    innovation.rd,
    innovation.rd_intensity,
    innovation.enterprises,
    innovation.platforms,
    innovation.overview_table,
)
OPENING_SECTIONS = (
    opening_up.trade,
    lambda ds, lang: opening_up.services_trade(ds, lang, 7.0),
    opening_up.trade_structure,
    opening_up.markets,
    opening_up.foreign_investment,
    opening_up.foreign_firms,
    opening_up.overview_table,
)


@pytest.fixture(autouse=True, scope="module")
def style():
    charts.setup_style()


def set_series(folder, indicator: str, year: int, value: str, region: str = "shenzhen") -> None:
    """Change one value of series.csv in a copy of the data folder."""
    path = folder / "series.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    hits = [r for r in rows if r["indicator"] == indicator and r["region"] == region and int(r["year"]) == year]
    assert len(hits) == 1
    hits[0]["value"] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --- exchange rate ------------------------------------------------------------------------------------------


def test_implied_usd_cny_from_trade_published_in_both_currencies(ds):
    rate = opening_up.implied_usd_cny(ds)
    assert rate.lo == pytest.approx(45450 / 6498.5) and rate.hi == pytest.approx(45550 / 6497.5)
    assert round(rate.mid, 2) == 7.00
    assert 7.0 in rate


def test_implied_usd_cny_follows_the_data(data_copy):
    set_series(data_copy, "trade_usd", 2025, "6300")
    rate = opening_up.implied_usd_cny(data.load(data_copy))
    assert rate.mid == pytest.approx(45500 / 6300, rel=1e-3)


def test_services_in_yuan_follow_the_rate_and_the_text_says_when_it_differs(ds):
    at_default = opening_up.services_check(ds, 7.0)
    assert at_default.rate_agrees and at_default.yuan.mid == pytest.approx(1501 * 7.0 / 1e4)
    other = opening_up.services_trade(ds, "en", 7.3)
    assert other.results["services_trade_2025_at_usd_cny_yuan_trillion"] == pytest.approx(1501 * 7.3 / 1e4)
    assert "read with that difference in mind" in other.paragraphs[1]
    assert "推算的汇率一致" in opening_up.services_trade(ds, "zh", 7.0).paragraphs[1]


def test_the_exchange_rate_is_the_years_published_one_else_the_one_trade_implies(ds, data_copy):
    """No 2025 average rate in the data: the rate trade in both currencies implies (45500 / 6498, to two decimals),
    said so in the text; with the year's published rate added, that rate, its source named; a parameter wins."""
    implied = opening_up.exchange_rate(ds, 2025)
    assert implied.basis == "implied_by_trade" and implied.value == round(45500 / 6498, 2)
    section = opening_up.services_trade(ds, "en")
    assert section.results["usd_cny_basis"] == "implied_by_trade" and "No average exchange rate for" in str(
        section.paragraphs[1]
    )
    with (data_copy / "series.csv").open("a", encoding="utf-8") as fh:
        fh.write("china,usd_cny,2025,7.1876,元/美元,n.a.,current,exact,nbs,test value\n")
    published = opening_up.services_trade(data.load(data_copy), "en")
    assert published.results["usd_cny_used"] == 7.1876 and published.results["usd_cny_basis"] == "published"
    assert "7.1876 yuan per dollar" in str(published.paragraphs[1]).replace("\\", "")
    assert opening_up.exchange_rate(ds, 2025, 7.3) == opening_up.ExchangeRate(7.3, "parameter", 2025)


# --- derived figures on the real data ------------------------------------------------------------------------


def test_rd_change(ds):
    c = innovation.rd_change(ds)
    assert c.years == 4
    assert c.increment.mid == pytest.approx(942.3)
    assert c.cumulative_growth.lo < 2453.1 / 1510.8 * 100 - 100 < c.cumulative_growth.hi


def test_intensity_basis(ds):
    c = innovation.intensity_basis(ds)
    assert 36801.87 in c.implied_gdp
    assert c.start_intensity_on_restated_gdp.hi < c.start_intensity_published


def test_peer_intensity_pairs_each_peer_with_shenzhen_in_the_same_year(ds):
    peers = {p.region: p for p in innovation.peer_intensity(ds)}
    assert peers["beijing"].year == 2023 and peers["beijing"].value == 6.73
    assert peers["beijing"].subject_value == 6.46
    assert peers["shanghai"].qualifier == "about"


def test_enterprise_counts(ds):
    c = innovation.enterprise_counts(ds)
    assert c.lg_prev_year == 2024 and c.lg_prev_published == 1025
    # 7300 firms certified over five years is a count: exact, as in the audit; the 2020 stock is at least
    # "over 2.6万" less the 7300 additions (the net change cannot exceed the additions)
    assert c.ht_new_per_year == Interval(1460, 1460)
    assert c.ht_start_year == 2020 and c.ht_start_at_least == Interval(26000 - 7300, math.inf)


def test_trade_context(ds):
    c = opening_up.trade_context(ds)
    assert c.implied_prev.hi < c.published_prev.lo  # 4.55万亿元 / 1.014 is below the published 45048.24亿元
    assert c.share_national_increment.mid == pytest.approx(11.27, abs=0.01)


def test_partners_in_article_order_with_growth_matched_by_id(ds):
    rows = opening_up.partners(ds)
    assert [r.key for r in rows] == ["hong_kong", "taiwan", "eu", "korea", "japan"]
    assert rows[0].growth.id == "trade_hong_kong_growth_2025"
    assert rows[4].implied_prev.mid == pytest.approx(2284.6 / 1.216, rel=1e-3)


def test_markets_check_other_partners_shrank(ds):
    c = opening_up.markets_check(ds)
    assert c.named.mid == pytest.approx(22197.6)
    assert c.rest_growth.hi < 0


def test_fdi_years(ds):
    c = opening_up.fdi_years(ds)
    assert c.missing == (2021, 2022)
    assert c.previous_plan_period == "2016-2020"
    assert c.previous_plan.lo == pytest.approx(3000 / 1.1895) and c.previous_plan.hi == math.inf
    assert [kind for _, _, kind in c.known] == ["published", "implied", "article"]
    assert 6.4 < c.missing_min_rate < 6.6


def test_fdi_years_without_dollar_figures_skips_the_exchange_rate_inference(data_copy):
    path = data_copy / "series.csv"
    kept = [
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("shenzhen,fdi_usd,2022,")
    ]
    path.write_text("".join(kept), encoding="utf-8")
    c = opening_up.fdi_years(data.load(data_copy))
    assert c.missing_min_rate is None and c.missing_need is None and c.missing_usd is None


def test_foreign_firms_check(ds):
    c = opening_up.foreign_firms_check(ds)
    assert 26.7 < c.national.lo < c.national.hi < 27.6
    assert c.share_of_period.lo == pytest.approx(1.5 / 4.45 * 100)


def test_trade_context_without_the_increments_start_leaves_its_fields_empty(data_copy):
    drop_series(data_copy, "trade", 2020)
    c = opening_up.trade_context(data.load(data_copy))
    assert c.increment_missing == ("series:shenzhen/trade/2020",)
    assert c.share_national_increment is None and c.sz_start is None and c.cn_increment is None
    assert c.growth_on_published_prev is not None


def test_results_are_frozen(ds):
    """The compute functions return immutable results: fields cannot be reassigned, sequences are tuples."""
    results = [
        innovation.rd_change(ds),
        innovation.intensity_basis(ds),
        innovation.enterprise_counts(ds),
        opening_up.trade_context(ds),
        opening_up.services_check(ds, 7.0),
        opening_up.structure_check(ds),
        opening_up.markets_check(ds),
        opening_up.fdi_years(ds),
        opening_up.foreign_firms_check(ds),
        *innovation.peer_intensity(ds),
        *opening_up.partners(ds),
    ]
    for result in results:
        assert dataclasses.is_dataclass(result)
        first = dataclasses.fields(result)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(result, first, None)
        for field in dataclasses.fields(result):
            assert not isinstance(getattr(result, field.name), (list, dict, set))
    assert isinstance(innovation.peer_intensity(ds), tuple) and isinstance(opening_up.partners(ds), tuple)
    c = opening_up.fdi_years(ds)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.missing_min_rate = 7.0
    with pytest.raises(AttributeError):  # a tuple of years cannot be appended to
        c.missing.append(2023)


# --- one judge: a theme's checks are the audit's verdicts, and follow an edit of the data --------------------


def drop_series(folder, indicator: str, year: int, region: str = "shenzhen") -> None:
    path = folder / "series.csv"
    kept = [
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith(f"{region},{indicator},{year},")
    ]
    path.write_text("".join(kept), encoding="utf-8")


@pytest.mark.parametrize(
    "edit, section, claim_id, verdict",
    [
        (
            lambda d: set_series(d, "little_giants", 2024, "986"),
            innovation.enterprises,
            "little_giants_new_2025",
            "consistent",
        ),
        (  # a net change of 1333 - 900 = 433 firms cannot come from 347 additions
            lambda d: set_series(d, "little_giants", 2024, "900"),
            innovation.enterprises,
            "little_giants_new_2025",
            "inconsistent",
        ),
        (lambda d: set_series(d, "trade", 2024, "44870"), opening_up.trade, "trade_growth_2025", "consistent"),
        (lambda d: set_series(d, "gdp", 2024, "38000"), innovation.rd_intensity, "rd_intensity_2024", "inconsistent"),
        (
            lambda d: drop_series(d, "little_giants", 2024),
            innovation.enterprises,
            "little_giants_new_2025",
            "not_checkable",
        ),
        (lambda d: drop_series(d, "trade", 2020), opening_up.trade, "trade_increment_2020_2025", "not_checkable"),
    ],
    ids=[
        "giants-match",
        "giants-net-exceeds-additions",
        "trade-matches",
        "intensity-gdp-off",
        "giants-row-missing",
        "trade-start-missing",
    ],
)
def test_theme_states_the_audits_verdict_after_an_edit(data_copy, edit, section, claim_id, verdict):
    """The theme records the audit's own verdict, and the page's badge for the claimed figure carries it."""
    from szreport import audit
    from szreport.audit import report as audit_report

    edit(data_copy)
    edited = data.load(data_copy)
    judged = next(audit.evaluate(c, edited) for c in audit.claims(edited) if c.id == claim_id)
    assert judged.kind == verdict
    key = edited.fig(judged.claim.claimed_ref().figure_id).key
    for lang in LANGS:
        s = section(edited, lang)
        assert s.results[f"{claim_id}_verdict"] == verdict
        assert not any(
            "audit_check" in p or str(audit_report.verdict_label(verdict, lang)) + "." in p for p in s.paragraphs
        )
        badges = {c.claim: c for c in audit_report.checks(edited, lang)[key]}
        assert badges[claim_id].kind == verdict and badges[claim_id].explanation


# --- every section in both languages ------------------------------------------------------------------------


@pytest.mark.parametrize("sections", [INNOVATION_SECTIONS, OPENING_SECTIONS], ids=["innovation", "opening_up"])
def test_sections_in_both_languages_agree_on_figures_and_chart_data(ds, sections):
    for make in sections:
        zh, en = make(ds, "zh"), make(ds, "en")
        assert zh.results == en.results
        assert [c.csv() for c in zh.charts] == [c.csv() for c in en.charts]
        for chart in zh.charts + en.charts:
            assert chart.source_line.startswith(fmt.t("zh", "source_prefix")) or chart.source_line.startswith("Source:")
            charts.close(chart)
        for text in zh.paragraphs + en.paragraphs:
            assert "{" not in text and "nan" not in text and "inf" not in text.replace("info", "")


def test_overview_tables_list_every_figure_of_the_theme(ds):
    for module, theme in ((innovation, "innovation"), (opening_up, "opening_up")):
        ids = list(ds.figures.loc[ds.figures["theme"] == theme, "id"])
        s = module.overview_table(ds, "en")
        assert len(s.tables[0][1]) == len(ids) == len(s.results)


def test_theme_templates_are_prefixed_and_in_both_languages():
    from szreport.fmt import LOCALE_DIR

    for theme, prefix in (("innovation", "inn_"), ("opening_up", "open_")):
        zh = yaml.safe_load((LOCALE_DIR / f"{theme}.zh.yaml").read_text(encoding="utf-8"))
        en = yaml.safe_load((LOCALE_DIR / f"{theme}.en.yaml").read_text(encoding="utf-8"))
        assert set(zh) == set(en)
        assert all(k.startswith(prefix) or k == f"subtitle_{theme}" for k in zh)


def test_indicator_metadata_has_exactly_the_schema_fields():
    """A comma inside an unquoted YAML flow mapping splits a description into stray keys."""
    indicators = yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))
    fields = {"title_zh", "title_en", "unit", "source", "description_zh", "description_en"}
    for key, meta in indicators.items():
        assert set(meta) == fields, (key, set(meta) - fields)


# --- chart helpers added for these reports ------------------------------------------------------------------


def test_bar_line_chart_on_inline_data():
    frame = pd.DataFrame(
        {
            "year": [2020, 2021, 2022],
            "level": [10.0, 12.0, 15.0],
            "ratio_a": [1.0, 1.2, None],
            "ratio_b": [None, None, 1.6],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = charts.bar_line_chart(
            "t",
            frame,
            "year",
            "level",
            "水平",
            {"ratio_a": "比率甲", "ratio_b": "比率乙"},
            "标题",
            "资料来源：测试",
            bar_value_labels=["10", "12", "15"],
            line_value_labels={"ratio_a": ["1.0", "1.2"], "ratio_b": ["1.6"]},
        )
        chart.figure.canvas.draw()
    left, right = chart.figure.axes[:2]
    assert left.get_ylim()[1] > 2 * 15 and right.get_ylim()[1] == pytest.approx(1.6 * 1.3)
    assert len(left.get_legend().get_texts()) == 3
    assert chart.csv().splitlines()[0] == "year,level,ratio_a,ratio_b"
    charts.close(chart)


def test_grouped_bar_chart_on_inline_data():
    data_frame = pd.DataFrame({"partner": ["a", "b"], "now": [5.0, 3.0], "before": [4.0, 3.5]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = charts.grouped_bar_chart(
            "g",
            ["甲", "乙"],
            {"2025": [5.0, 3.0], "2024": [4.0, 3.5]},
            {"2025": ["5", "3"], "2024": ["4", "3.5"]},
            "标题",
            "资料来源：测试",
            data=data_frame,
        )
        chart.figure.canvas.draw()
    ax = chart.figure.axes[0]
    assert len(ax.patches) == 4 and ax.get_xlim()[1] == pytest.approx(5.0 * 1.3)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["甲", "乙"]
    assert chart.csv().splitlines()[0] == "partner,now,before"
    charts.close(chart)


def test_firms_range_rounds_english_to_hundreds():
    assert opening_up._firms_range(Interval(26.769, 27.554), "zh") == "约27万家"
    assert opening_up._firms_range(Interval(26.769, 27.554), "en") == "about 270,000"


def test_services_in_yuan_carry_the_rates_own_interval(ds):
    """Issue 25 item 6: at the rate trade implies (no 2025 average rate in the data), the yuan figure spans what
    45500 / 6498 allows with the rounding of both, [6.994, 7.010], not the two decimals shown (7.00)."""
    r = opening_up.services_trade(ds, "en").results
    rate = opening_up.implied_usd_cny(ds)
    assert r["services_trade_2025_at_usd_cny_yuan_trillion_low"] == pytest.approx(1500.5 * rate.lo / 1e4, abs=1e-6)
    assert r["services_trade_2025_at_usd_cny_yuan_trillion_high"] == pytest.approx(1501.5 * rate.hi / 1e4, abs=1e-6)
    fixed = opening_up.services_trade(ds, "en", 7.3).results  # a parameter is exact
    assert fixed["services_trade_2025_at_usd_cny_yuan_trillion_low"] == pytest.approx(1500.5 * 7.3 / 1e4, abs=1e-6)
