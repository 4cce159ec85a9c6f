"""A section whose data folder lacks figures: it states what it has, says what is absent, or is left out.

Issue 29 item 2. The sections run here without a kernel (Report with display off); the whole build of another
city's folder is tests/test_other_city.py.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from szreport import fmt
from szreport.charts import draw as charts
from szreport.data import window as wnd
from szreport.data.problems import Missing
from szreport.present.partial import partial_section
from szreport.present.report import Section
from szreport.themes import economy, innovation, opening_up, outlook, overview

LANGS = ("zh", "en")


def without(ds, figure_ids=(), series=()):
    """``ds`` without some figures (by id) and some of the subject's series (by indicator)."""
    figures = ds.figures[~ds.figures["id"].isin(set(figure_ids))].reset_index(drop=True)
    rows = ds.series
    cut = (rows["region"] == ds.subject.region) & rows["indicator"].isin(set(series))
    return replace(ds, figures=figures, series=rows[~cut].reset_index(drop=True), _figure_cache={}, derived={})


def every_section(ds, lang):
    """Every section the three theme reports, the overview and the outlook show, as their notebooks call them."""
    charts.setup_style()
    window = wnd.window(ds)
    made = [
        economy.key_findings(ds, lang),
        economy.gdp(ds, lang, window),
        economy.industry(ds, lang, window),
        economy.emerging_industries(ds, lang, window),
        economy.manufacturing(ds, lang),
        economy.window_growth(ds, lang, window),
        economy.overview_table(ds, lang),
        innovation.key_findings(ds, lang),
        innovation.rd(ds, lang),
        innovation.rd_intensity(ds, lang, window),
        innovation.enterprises(ds, lang, window),
        innovation.platforms(ds, lang),
        innovation.window_growth(ds, lang, window),
        opening_up.key_findings(ds, lang),
        opening_up.trade(ds, lang, window),
        opening_up.services_trade(ds, lang),
        opening_up.trade_structure(ds, lang),
        opening_up.markets(ds, lang),
        opening_up.foreign_investment(ds, lang, window),
        opening_up.foreign_firms(ds, lang),
        opening_up.window_growth(ds, lang, window),
        overview.key_findings(ds, lang),
        overview.firsts(ds, lang),
        *(overview.headlines(ds, lang, theme) for theme in overview.HEADLINE_FIGURES),
        overview.growth_comparison(ds, lang),
    ]
    params = vars(outlook.settings(ds))
    made += [
        outlook.assumptions(ds, lang, **params),
        outlook.gdp_scenarios(ds, lang, **params),
        outlook.gdp_target(ds, lang, **params),
        outlook.rd_intensity(ds, lang, **params),
        outlook.trade(ds, lang, **params),
    ]
    outlook.panel(ds, lang, **params)
    for section in made:
        for chart in section.charts:
            charts.close(chart)
    return made


def test_a_section_states_what_it_has_and_says_what_the_article_does_not_give(ds):
    lacking = without(ds, [ds.find("gdp", "level", ending=ds.plan_end).id])
    for lang in LANGS:
        section = economy.gdp(lacking, lang)
        assert section.heading == fmt.t(lang, "h_gdp") and not section.omitted
        assert section.paragraphs[0].template_key == "p_partial_figures"
        assert fmt.period(str(ds.plan_end), lang) in str(section.paragraphs[0])  # what it lacks, with its year
        start = ds.find("gdp", "level", earliest=True)
        assert start.key in section.results  # a figure it has is stated
        assert not any("increment" in key for key in section.results)  # a derived figure that needs it is not
        assert section.absent == [f"figure gdp level ending {ds.plan_end}"]


def test_a_section_with_none_of_its_figures_is_left_out(ds):
    gdp_ids = ds.figures.loc[ds.figures["indicator"] == "gdp", "id"]
    section = economy.gdp(without(ds, gdp_ids), "en")
    assert section.omitted and section.absent


def test_an_omitted_section_shows_no_heading(ds):
    from szreport.present import Report

    report = Report("economy", lang="en", display=False)
    report.show(Section("Nothing here", omitted=True, absent=["figure gdp level"]))
    report.show(Section("Something"))
    assert report._absent == ["Nothing here: figure gdp level"] and len(report._anchors) == 1


def test_a_series_the_data_lack_is_said_in_words(ds):
    missing = Missing("no value", "series", (ds.subject.region, "trade_usd", 2025))
    for lang in LANGS:
        section = partial_section(ds, lang, "Trade", {"trade": ("trade", "level", "latest")}, missing)
        assert section.paragraphs[0].template_key == "p_partial_series"
        assert fmt.period("2025", lang) in str(section.paragraphs[0]) and ds.subject.name(lang) in str(
            section.paragraphs[0]
        )
        assert section.absent == [f"series {ds.subject.region}/trade_usd/2025"]


@pytest.mark.parametrize(("seed", "share"), [(1, 1 / 3), (2, 1 / 3), (3, 1 / 3), (4, 3 / 4)])
def test_every_section_builds_from_any_subset_of_the_figures(ds, seed, share):
    """A third (or three quarters) of the figures removed at random and three of the subject's series cut: every
    section still builds, in both languages, and none says more than the data hold."""
    ids = list(ds.figures["id"])
    removed = random.Random(seed).sample(ids, round(len(ids) * share))
    cut = random.Random(seed).sample(sorted(set(ds.series["indicator"])), 3)
    lacking = without(ds, removed, cut)
    for lang in LANGS:
        sections = every_section(lacking, lang)
        assert any(section.absent for section in sections)  # something was lacking, and said
        for section in sections:
            stated = {key for key in section.results if key in {f.key for f in map(ds.fig, removed)}}
            assert not stated, f"{section.heading} states figures the data lack: {stated}"


def test_one_figure_where_a_change_needs_two_is_not_a_change_from_a_year_to_itself(ds):
    """R&D spending from its earliest figure to its latest: with only the earliest in the folder, the latest is
    missing (not the same figure again), so no change from 2020 to 2020 is stated, in the section or the box."""
    latest = ds.find("rd_expenditure", "level")
    earliest = ds.find("rd_expenditure", "level", earliest=True)
    lacking = without(ds, [latest.id])
    for lang in LANGS:
        section = innovation.rd(lacking, lang)
        assert section.paragraphs[0].template_key == "p_partial_figures"
        assert fmt.period(earliest.period, lang) in str(section.paragraphs[0])  # "for a year after 2020"
        assert not any("increment" in key or "cagr" in key and "low" in key for key in section.results)
        box = innovation.key_findings(lacking, lang)
        assert "find_rd" not in [paragraph.template_key for paragraph in box.paragraphs]
        assert "find_rd" in [paragraph.template_key for paragraph in innovation.key_findings(ds, lang).paragraphs]
