"""Published growth against two levels first published (szreport.audit.judge.evidence.growth_gap_window): a
year's growth is on the previous year's revised level, industry's on the same firms in both years, so the audit
judges the gap against the gaps of the other years the data hold, and without such a year leaves the claim
open, never "inconsistent" on two levels alone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from szreport import audit, fmt
from szreport.audit import report as audit_report
from szreport.audit.judge.evidence import growth_gap_window

from .test_audit_unit import claim, fig, ser, tiny

TRADE_GROWTH = claim("growth", "fig:trade_growth", "series:shenzhen/trade/2024;fig:trade_2025", id="trade_growth")


def with_published(rate_2023: str | None):
    """The tiny data with Shenzhen's published trade growth of 2023 set (5.9% as Xinhua printed it, against
    5.37% from the levels first published) or removed."""
    ds = tiny()
    row = (ds.series["indicator"] == "trade_growth") & (ds.series["year"] == "2023")
    if rate_2023 is None:
        return replace(ds, series=ds.series[~row].reset_index(drop=True))
    ds.series.loc[row, "value"] = rate_2023
    return ds


def test_the_window_is_the_gap_of_every_other_year_from_no_gap_to_the_largest(ds_real):
    w = growth_gap_window(ds_real, "shenzhen", "trade", 2025)
    assert w.why == "revised_prior" and sorted(w.gaps) == [2021, 2022, 2023, 2024] and not w.missing
    gap_2023 = w.gaps[2023]
    assert gap_2023.lo == pytest.approx(5.85 - (38710.705 / 36737.515 - 1) * 100)
    assert gap_2023.hi == pytest.approx(5.95 - (38710.695 / 36737.525 - 1) * 100)
    assert w.window.hi == pytest.approx(gap_2023.hi) and w.window.lo <= 0
    assert 2024 not in growth_gap_window(ds_real, "shenzhen", "trade", 2024).gaps  # never the claim's own year


@pytest.fixture(scope="module")
def ds_real():
    from szreport.data import loader

    from .conftest import DATA

    return loader.load(DATA)


def test_a_gap_within_the_revisions_of_other_years_is_consistent_given_the_basis():
    v = audit.evaluate(TRADE_GROWTH, with_published("5.9"))
    assert v.kind == "consistent_with_basis" and v.reason == "revised_prior"
    gap, window = v.details["growth_gap_pct"], v.details["growth_gap_evidence"].window
    assert gap.lo == pytest.approx(1.35 - (4.555 / 4.5048235 - 1) * 100) and gap in window
    for lang, words in (("en", "2023: 5.9% published, 5.4% from the levels"), ("zh", "2023年公布5.9%")):
        assert words in fmt.plain(audit_report.explain(v, with_published("5.9"), lang))


def test_a_gap_beyond_every_other_year_is_inconsistent():
    v = audit.evaluate(TRADE_GROWTH, with_published("5.4"))  # 2023: published as the levels give it
    assert v.kind == "inconsistent" and v.gap == pytest.approx(1.35 - (4.555 / 4.5048235 - 1) * 100)


def test_without_a_year_of_evidence_two_levels_leave_the_growth_open():
    ds = with_published(None)
    v = audit.evaluate(TRADE_GROWTH, ds)
    assert v.kind == "not_checkable" and v.reason == "missing_evidence"
    assert [str(r) for r in v.missing] == ["series:shenzhen/trade_growth/2024"]  # the latest year with both levels
    en = fmt.plain(audit_report.explain(v, ds, "en"))
    assert "previous year's revised figure" in en and "not judged on them" in en
    assert "修订后的上年数据" in fmt.plain(audit_report.explain(v, ds, "zh"))


def test_industry_growth_is_on_the_same_firms_and_open_without_evidence():
    figures = [fig("io_2025", "5.44", "万亿元", "2025", indicator="io"), fig("io_g", "6.4", "%", "2025", "growth")]
    figures[1]["basis"] = "unspecified"
    levels = [ser("shenzhen", "industrial_output", 2024, "5.4", "万亿元")]
    ds = tiny(levels, figures)
    c = claim("growth", "fig:io_g", "series:shenzhen/industrial_output/2024;fig:io_2025", id="io")
    v = audit.evaluate(c, ds)
    assert v.kind == "not_checkable" and v.details["growth_gap_evidence"].why == "same_firms"
    assert "same set of firms" in fmt.plain(audit_report.explain(v, ds, "en"))
    assert "同口径" in fmt.plain(audit_report.explain(v, ds, "zh"))
    # with a year of same-firm growth far from its levels' growth, the same gap holds given the basis
    evidence = [
        ser("shenzhen", "industrial_output", 2022, "4.55", "万亿元"),
        ser("shenzhen", "industrial_output", 2023, "4.60", "万亿元"),
        ser("shenzhen", "industrial_output_growth", 2023, "8.0", "%"),
    ]
    judged = audit.evaluate(c, tiny([*levels, *evidence], figures))
    assert judged.kind == "consistent_with_basis" and judged.reason == "same_firms"
