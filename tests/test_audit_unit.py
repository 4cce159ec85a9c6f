"""The claims audit on tiny inline data: every verdict kind, every relation, the rank rule, the explanations,
and the validation of claims.csv (problems naming file, row and column).

Expected values are worked out here by hand from the printed digits, not with szreport.metrics.
"""

from __future__ import annotations

import csv
import importlib
import math
from pathlib import Path

import pandas as pd
import pytest

from szreport import audit, fmt
from szreport.audit import Claim, parse_ref
from szreport.audit import report as audit_report
from szreport.data import claims as claims_mod
from szreport.data import loader as data
from szreport.data.subject import Subject
from szreport.metrics import Interval

FIGURE_COLUMNS = [
    "id",
    "theme",
    "indicator",
    "period",
    "value",
    "unit",
    "measure",
    "basis",
    "qualifier",
    "label_zh",
    "label_en",
    "printed",
    "paragraph",
    "note",
]
SERIES_COLUMNS = ["region", "indicator", "year", "value", "unit", "basis", "vintage", "qualifier", "source", "note"]


def fig(id, value, unit, period, measure="level", basis="nominal", qualifier="exact", indicator="x"):
    return dict(
        id=id,
        theme="economy",
        indicator=indicator,
        period=period,
        value=value,
        unit=unit,
        measure=measure,
        basis=basis,
        qualifier=qualifier,
        label_zh=f"{id}中文",
        label_en=f"{id} in English",
        printed=value,
        paragraph="1",
        note="",
    )


def ser(region, indicator, year, value, unit, basis="nominal", vintage="current", qualifier="exact", source="s1"):
    return dict(
        region=region,
        indicator=indicator,
        year=str(year),
        value=value,
        unit=unit,
        basis=basis,
        vintage=vintage,
        qualifier=qualifier,
        source=source,
        note="",
    )


FIGURES = [
    fig("gdp_2020", "2.83", "万亿元", "2020"),
    fig("gdp_2025", "3.87", "万亿元", "2025"),
    fig("gdp_avg", "5.5", "%", "2020-2025", "cagr", "real"),
    fig("gdp_rank", "1", "位", "2020-2025", "rank", "real"),
    fig("sei_2025", "1.67", "万亿元", "2025"),
    fig("sei_share", "43.0", "%", "2025", "share"),
    fig("giants_2025", "1333", "家", "2025", "level", "n.a."),
    fig("giants_new", "347", "家", "2025", "additions", "n.a."),
    fig("trade_2025", "4.55", "万亿元", "2025"),
    fig("trade_growth", "1.4", "%", "2025", "growth"),
    fig("trade_inc", "1.5", "万亿元", "2020-2025", "increment"),
    fig("trade_inc_share", "11.3", "%", "2020-2025", "share"),
    fig("fdi_2025", "504.8", "亿元", "2025"),
    fig("fdi_growth", "14.4", "%", "2025", "growth"),
    fig("fdi_total", "3000", "亿元", "2021-2025", "total", qualifier="over"),
    fig("out_2025", "5.44", "万亿元", "2025"),
    fig("out_avg", "6.6", "%", "2020-2025", "cagr", "unspecified"),
    fig("out_thresholds", "2", "个", "2020-2025", "threshold"),
    fig("rd_rank", "1", "位", "2024", "rank", "n.a."),
]
SERIES = [
    ser("shenzhen", "gdp", 2020, "27670.24", "亿元", vintage="pre_census"),
    ser("shenzhen", "giants", 2024, "1025", "家", "n.a."),
    ser("shenzhen", "trade", 2020, "3.05", "万亿元"),
    ser("shenzhen", "trade", 2024, "45048.24", "亿元"),
    # A year whose published growth is that of its two first-published levels (5.37%), within rounding: the
    # evidence that a larger gap in 2025 is no revision of the year before (szreport.audit.judge.evidence).
    ser("shenzhen", "trade", 2022, "36737.52", "亿元"),
    ser("shenzhen", "trade", 2023, "38710.70", "亿元"),
    ser("shenzhen", "trade_growth", 2023, "5.4", "%"),
    ser("china", "trade", 2020, "32.16", "万亿元"),
    ser("china", "trade", 2025, "45.47", "万亿元"),
    ser("shenzhen", "exports", 2025, "2.74", "万亿元"),
    ser("shenzhen", "imports", 2025, "1.81", "万亿元"),
    ser("shenzhen", "fdi", 2023, "626.2", "亿元"),
    ser("beijing", "rd_intensity", 2023, "6.73", "%"),
    ser("shenzhen", "rd_intensity", 2024, "6.67", "%"),
    ser("shanghai", "rd_intensity", 2024, "4.4", "%", qualifier="about"),
]
# The national evidence a "consistent given the basis" verdict is judged against: GDP levels (2023 on both sides
# of the census revision) and real growth, as in data/series.csv.
NATIONAL = [
    *(
        ser("china", "gdp", y, v, "万亿元", vintage=vintage)
        for y, v, vintage in [
            (2020, "101.5986", "pre_census"),
            (2021, "114.367", "pre_census"),
            (2022, "121.0207", "pre_census"),
            (2023, "126.058", "pre_census"),
            (2023, "129.4", "post_census"),
            (2024, "134.9", "post_census"),
            (2025, "140.1879", "post_census"),
        ]
    ),
    *(ser("china", "gdp_growth", 2021 + i, r, "%", "real") for i, r in enumerate(["8.4", "3.0", "5.2", "5.0", "5.0"])),
]
SERIES += NATIONAL
for region, rates in {
    "shenzhen": ["6.7", "3.3", "6.0", "5.8", "5.5"],
    "beijing": ["8.5", "0.7", "5.2", "5.2", "5.4"],
    "guangzhou": ["8.1", "1.0", "4.6", "2.1", "4.0"],
    "fast": ["9.0", "9.0", "9.0", "9.0", "9.0"],
    "close": ["6.7", "3.3", "6.0", "5.8", "5.6"],
}.items():
    SERIES += [ser(region, "gdp_growth", 2021 + i, r, "%", "real") for i, r in enumerate(rates)]


# The inline data's subject and the names of the other regions, as a subject.yaml would declare them.
SUBJECT = Subject(
    "shenzhen",
    "深圳",
    "Shenzhen",
    {"china": ("全国", "China"), "beijing": ("北京", "Beijing"), "shanghai": ("上海", "Shanghai")},
)


def tiny(extra_series=(), extra_figures=()) -> data.Dataset:
    return data.Dataset(
        folder=Path("inline"),
        figures=pd.DataFrame(FIGURES + list(extra_figures), columns=FIGURE_COLUMNS),
        series=pd.DataFrame(SERIES + list(extra_series), columns=SERIES_COLUMNS),
        sources=pd.DataFrame(
            [
                {"id": "article", "publisher": "报社 (Daily)", "title": "t", "date": "2026-02-09", "url": ""},
                {"id": "s1", "publisher": "统计局", "title": "t", "date": "2025", "url": ""},
            ]
        ),
        indicators={
            k: {"title_zh": k, "title_en": k, "unit": "%", "source": "s1", "description_zh": k, "description_en": k}
            for k in ("x", "gdp", "gdp_growth", "giants", "trade", "exports", "imports", "fdi", "rd_intensity")
        },
        subject=SUBJECT,
    )


def claim(relation, claimed, inputs, **kw) -> Claim:
    return Claim(
        id=kw.pop("id", "c"),
        theme="economy",
        relation=relation,
        claimed=claimed,
        inputs=tuple(inputs.split(";")),
        label_zh="说法",
        label_en="claim",
        **kw,
    )


@pytest.fixture(scope="module")
def ds():
    return tiny()


# --- the four verdict kinds --------------------------------------------------------------------


def test_consistent_within_rounding(ds):
    v = audit.evaluate(claim("share", "fig:sei_share", "fig:sei_2025;fig:gdp_2025"), ds)
    assert v.kind == "consistent" and v.reason == "rounding" and v.gap is None
    assert v.recomputed.lo == pytest.approx(1.665 / 3.875 * 100) and v.recomputed.hi == pytest.approx(
        1.675 / 3.865 * 100
    )
    assert v.unit == "%"


# The city's own GDP levels, as in data/series.csv: first published before the census up to 2023, revised after it
# from 2024 (so 2024's growth crosses the revision and gives no deflator of the city's own).
CITY_LEVELS = [
    *(
        ser("shenzhen", "gdp", y, v, "亿元", vintage="pre_census")
        for y, v in [(2021, "30664.85"), (2022, "32387.68"), (2023, "34606.40")]
    ),
    ser("shenzhen", "gdp", 2024, "36801.87", "亿元", vintage="post_census"),
    ser("shenzhen", "gdp", 2025, "38731.80", "亿元", vintage="post_census"),
]
# China's GDP deflator, 2021-2025, a year on average, from the ends of each run of one vintage (2020 -> 2023 first
# published, 2023 revised -> 2025) against the five real rates: [0.69, 0.80]%.
NATIONAL_NOMINAL = ((126.0575 / 101.59865) * (140.18785 / 129.45), (126.0585 / 101.59855) * (140.18795 / 129.35))
NATIONAL_REAL = (1.0835 * 1.0295 * 1.0515 * 1.0495 * 1.0495, 1.0845 * 1.0305 * 1.0525 * 1.0505 * 1.0505)
NATIONAL_AVERAGE = (
    ((NATIONAL_NOMINAL[0] / NATIONAL_REAL[1]) ** 0.2 - 1) * 100,
    ((NATIONAL_NOMINAL[1] / NATIONAL_REAL[0]) ** 0.2 - 1) * 100,
)


def test_consistent_with_basis_real_growth_against_nominal_levels():
    ds = tiny(CITY_LEVELS)
    v = audit.evaluate(claim("cagr", "fig:gdp_avg", "fig:gdp_2020;fig:gdp_2025", years=5), ds)
    assert v.kind == "consistent_with_basis" and v.reason == "real_vs_nominal"
    nominal_lo, nominal_hi = ((3.865 / 2.835) ** 0.2 - 1) * 100, ((3.875 / 2.825) ** 0.2 - 1) * 100
    assert (v.recomputed.lo, v.recomputed.hi) == pytest.approx((nominal_lo, nominal_hi))
    deflator = v.details["deflator_pct"]
    assert deflator.lo == pytest.approx(((1 + nominal_lo / 100) / 1.0555 - 1) * 100)
    assert 0.5 < deflator.lo < deflator.hi < 1.5
    # China's deflator year by year over 2021-2025, each within one vintage (shown in the table) ...
    evidence = v.details["deflator_evidence"]
    assert sorted(evidence.annual_pct) == [2021, 2022, 2023, 2024, 2025] and evidence.vintages[2024] == "post_census"
    d2021 = evidence.annual_pct[2021]
    assert d2021.lo == pytest.approx(((114.3665 / 101.59865) / 1.0845 - 1) * 100)
    d2024 = evidence.annual_pct[2024]  # 134.9 against the revised 129.4, not the 126.058 first published
    assert d2024.hi == pytest.approx(((134.95 / 129.35) / 1.0495 - 1) * 100)
    # ... and its average a year, chained with no level across the census: 0.69-0.80%, below the 0.80-1.02% the
    # city's figures imply, so the nation's average alone would not hold the claim
    average = evidence.average_pct
    assert (average.lo, average.hi) == pytest.approx(NATIONAL_AVERAGE)
    assert average.hi < deflator.hi
    # the city's own deflator where its levels allow (not 2024, across the census), against the nation's
    assert sorted(evidence.city_pct) == [2021, 2022, 2023, 2025]
    city_2023 = ((34606.405 / 32387.675) / 1.0595 - 1) * 100, ((34606.395 / 32387.685) / 1.0605 - 1) * 100
    assert evidence.gaps[2023].hi == pytest.approx(city_2023[0] - evidence.annual_pct[2023].lo)
    largest_above = max(g.hi for g in evidence.gaps.values())
    largest_below = min(g.lo for g in evidence.gaps.values())
    assert 1.8 < largest_above < 1.9 and -0.6 < largest_below < -0.5  # 2023 above, 2022 below
    window = evidence.window
    assert (window.lo, window.hi) == pytest.approx((average.lo + largest_below, average.hi + largest_above))
    assert deflator in window
    en = str(fmt.plain(audit_report.explain(v, ds, "en")))
    assert "2021" in en and "China" in en and "need not move as the nation's" in en
    assert "from 0.1% to 2.7%" in en and "about 0.7%" in en


@pytest.mark.parametrize(
    "real, kind",
    [("5.0", "consistent_with_basis"), ("3.0", "inconsistent"), ("7.0", "inconsistent"), ("2.0", "inconsistent")],
)
def test_the_deflator_window_can_fail(real, kind):
    """Nominal 6.4-6.5% a year against real 5.0% implies prices rising 1.3-1.5% a year, within China's average
    (0.69-0.80%) widened by the city's departures from it (0.10-2.69%); against real 3.0% it implies 3.3-3.4%,
    against 7.0% a fall of 0.4-0.6%: both outside, inconsistent, though within the range of China's single years
    (-1.1% to 3.9%) that the window was once."""
    figures = [f if f["id"] != "gdp_avg" else {**f, "value": real, "printed": real} for f in FIGURES]
    ds = tiny(CITY_LEVELS)
    ds.figures = pd.DataFrame(figures, columns=FIGURE_COLUMNS)
    assert audit.evaluate(claim("cagr", "fig:gdp_avg", "fig:gdp_2020;fig:gdp_2025", years=5), ds).kind == kind


def test_without_national_evidence_a_basis_difference_is_not_checkable():
    ds = tiny(CITY_LEVELS)
    ds.series = ds.series[ds.series["region"] != "china"]
    v = audit.evaluate(claim("cagr", "fig:gdp_avg", "fig:gdp_2020;fig:gdp_2025", years=5), ds)
    assert v.kind == "not_checkable" and v.reason == "missing_evidence"
    assert "series:china/gdp_growth/2021" in {str(r) for r in v.missing}


def test_without_a_year_of_the_citys_own_deflator_the_nations_average_alone_does_not_judge(ds):
    """The city's prices implied (0.80-1.02% a year) lie above the nation's average (0.69-0.80%), but a city's
    prices need not move as the nation's: with no year of the city's own deflator in the data, the claim is not
    checkable (never inconsistent on the nation's prices alone), naming the city's levels a first year needs."""
    v = audit.evaluate(claim("cagr", "fig:gdp_avg", "fig:gdp_2020;fig:gdp_2025", years=5), ds)
    assert v.kind == "not_checkable" and v.reason == "missing_evidence"
    assert [str(r) for r in v.missing] == ["series:shenzhen/gdp/2021"]  # 2020 is in the data
    assert v.details["unjudged"].lo == pytest.approx(((3.865 / 2.835) ** 0.2 - 1) * 100)
    en, zh = (str(fmt.plain(audit_report.explain(v, ds, lang))) for lang in ("en", "zh"))
    assert "need not move as the nation's" in en and "about 0.7%" in en and "for 2021" in en
    assert "不必与全国相同" in zh and "2021年" in zh


def test_a_national_claim_is_judged_against_the_nations_own_average():
    """Real against nominal growth of China itself: no city to widen the window for, so a price change outside
    the nation's average is inconsistent, not "not checkable"."""
    extra = [fig("cn_2020", "101.5986", "万亿元", "2020"), fig("cn_2025", "140.1879", "万亿元", "2025")]
    ds = tiny(extra_figures=extra)
    c = claim("cagr", "fig:gdp_avg", "series:china/gdp/2020;fig:cn_2025", years=5)  # on China's own levels
    v = audit.evaluate(c, ds)
    assert v.kind == "inconsistent" and not v.missing


def test_an_implausible_deflator_is_no_excuse():
    """Claimed real growth of 20% a year against levels growing 6.4%: a deflator of about -11% is not plausible."""
    figures = [f if f["id"] != "gdp_avg" else {**f, "value": "20.0", "printed": "20.0"} for f in FIGURES]
    ds = tiny(CITY_LEVELS)
    ds.figures = pd.DataFrame(figures, columns=FIGURE_COLUMNS)
    v = audit.evaluate(claim("cagr", "fig:gdp_avg", "fig:gdp_2020;fig:gdp_2025", years=5), ds)
    assert v.kind == "inconsistent" and v.details["direction"] == "below"
    assert v.gap == pytest.approx(19.95 - ((3.875 / 2.825) ** 0.2 - 1) * 100)


# A revision of Shenzhen's own, made up for the test (3.46 first published, 3.56 revised: +2.7-3.1%): the data
# folder holds none, which leaves the restated 2020 GDP open.
OWN_REVISION = [
    ser("shenzhen", "gdp", 2023, "3.46", "万亿元", vintage="pre_census"),
    ser("shenzhen", "gdp", 2023, "3.56", "万亿元", vintage="post_census"),
]


def test_consistent_with_basis_across_the_census_revision():
    restated = claim("equals", "fig:gdp_2020@post_census", "series:shenzhen/gdp/2020")
    v = audit.evaluate(restated, tiny(OWN_REVISION))
    assert v.kind == "consistent_with_basis" and v.reason == "vintage"
    assert v.recomputed.lo == pytest.approx(2.7670235) and v.recomputed.hi == pytest.approx(2.7670245)
    assert v.details["revision_pct"].lo == pytest.approx((2.825 / 2.7670245 - 1) * 100)
    # judged against the region's own revision, never China's (126.058 -> 129.4 in 2023)
    assert v.details["revision_evidence"].window.hi == pytest.approx((3.565 / 3.455 - 1) * 100)
    assert set(v.details["revision_evidence"].revisions) == {("shenzhen", 2023)}
    # a restated 2.90 would be a revision of 4.8-5.0%, beyond any published: inconsistent
    figures = [f if f["id"] != "gdp_2020" else {**f, "value": "2.90", "printed": "2.90"} for f in FIGURES]
    bigger = tiny(OWN_REVISION)
    bigger.figures = pd.DataFrame(figures, columns=FIGURE_COLUMNS)
    assert audit.evaluate(restated, bigger).kind == "inconsistent"


def test_a_restated_level_without_the_regions_own_revision_is_not_checkable(ds):
    """China's census revision says nothing of Shenzhen's: without one of Shenzhen's own, the restated 2020 GDP
    is not checkable, naming the revised 2020 level it needs."""
    v = audit.evaluate(claim("equals", "fig:gdp_2020@post_census", "series:shenzhen/gdp/2020"), ds)
    assert v.kind == "not_checkable" and v.reason == "missing_evidence"
    assert [str(r) for r in v.missing] == ["series:shenzhen/gdp/2020@post_census"]
    # Without the vintage stated, the same numbers are simply inconsistent (gap 2.825 - 2.7670245).
    plain = audit.evaluate(claim("equals", "fig:gdp_2020", "series:shenzhen/gdp/2020"), ds)
    assert plain.kind == "inconsistent" and plain.gap == pytest.approx(2.825 - 2.7670245)


def test_inconsistent_count_built_to_fail(ds):
    """1333 firms less 1025 is 308 new firms, not 347: counts are exact, so the gap is 39 firms."""
    v = audit.evaluate(claim("increment", "fig:giants_new", "series:shenzhen/giants/2024;fig:giants_2025"), ds)
    assert v.kind == "inconsistent" and v.reason == "gap"
    assert (v.recomputed.lo, v.recomputed.hi) == (308, 308)
    assert v.gap == 39 and v.unit == "家" and v.details["direction"] == "below"


@pytest.mark.parametrize(
    "published_2024, kind, exits",
    [("1025", "consistent", 39), ("986", "consistent", 0), ("985", "inconsistent", None), ("1400", "consistent", 414)],
)
def test_gross_additions_bound_the_net_change(published_2024, kind, exits):
    """347 firms newly named against totals of 1333 and the previous year's: the net change cannot exceed the
    additions (1333 - 985 = 348 > 347 fails by one firm); the difference is the least number of firms that left."""
    ds = tiny([ser("shenzhen", "giants_alt", 2024, published_2024, "家", "n.a.")])
    v = audit.evaluate(
        claim("additions_bound", "fig:giants_new", "series:shenzhen/giants_alt/2024;fig:giants_2025"), ds
    )
    assert v.kind == kind
    net = 1333 - int(published_2024)
    assert v.details["net_change"] == Interval(net, net) and v.recomputed == Interval(max(net, 0), math.inf)
    if exits is None:
        assert v.gap == net - 347 and v.details["direction"] == "above"
        assert "348" in audit_report.explain(v, ds, "en") and "348" in audit_report.explain(v, ds, "zh")
    else:
        assert v.details["exits"].lo == exits and v.gap is None


@pytest.mark.parametrize(
    "printed, kind, implied, gap",
    [
        (["28", "29", "30", "31", "32"], "consistent", (33, 33), None),
        (["28", "29", "31", "31", "32"], "inconsistent", (33, 34), 1),  # one release counted a year too many
        (["27", "28", "29", "30", "31"], "inconsistent", (32, 32), 1),  # the article's count is one ahead
    ],
)
def test_a_streak_must_follow_every_earlier_release(printed, kind, implied, gap):
    """33 years first, to 2025, against the streak printed in each of 2020-2024: each must imply 33."""
    streaks = [ser("shenzhen", "first_streak", 2020 + i, n, "年", "n.a.") for i, n in enumerate(printed)]
    ds = tiny(streaks, [fig("streak", "33", "年", "1993-2025", "streak", "n.a.")])
    v = audit.evaluate(claim("streak_chain", "fig:streak", "series:shenzhen/first_streak/2020..2024"), ds)
    assert v.kind == kind and v.recomputed == Interval(*implied) and v.gap == gap
    for lang in fmt.LANGS:
        text = fmt.plain(audit_report.explain(v, ds, lang))
        assert all(n in text for n in printed) and "2025" in text


def test_an_input_another_release_prints_differently_is_shown_with_its_verdict():
    """Trade 2024 kept as 45048.24亿元; another release's "over 4.49万亿元" would make the growth claim hold: the
    verdict uses the value kept and shows the other with the verdict it would give; charts never draw it."""
    other = ser("shenzhen", "trade", 2024, "4.49", "万亿元", vintage="alternative", qualifier="over")
    ds = tiny([other])
    v = audit.evaluate(claim("growth", "fig:trade_growth", "series:shenzhen/trade/2024;fig:trade_2025"), ds)
    assert v.kind == "inconsistent" and v.inputs[0].value == 45048.24
    (alt,) = v.details["alternatives"]
    assert (alt.used.value, alt.other.value, alt.other.qualifier) == (45048.24, 4.49, "over")
    assert alt.verdict.kind == "consistent" and alt.verdict.inputs[0].vintage == "alternative"
    for lang in fmt.LANGS:
        text = fmt.plain(audit_report.explain(v, ds, lang))
        assert ("45048.24亿元" in text or "CNY 4,504.824 billion" in text) and "4.49" in text  # both, as printed
    assert 4.49 not in ds.annual("trade")["value"].tolist()
    named = audit.evaluate(claim("growth", "fig:trade_growth", "series:shenzhen/trade/2024@current;fig:trade_2025"), ds)
    assert "alternatives" not in named.details  # an input that names its vintage is not set against another


def test_inconsistent_growth_with_the_gap_in_points(ds):
    v = audit.evaluate(claim("growth", "fig:trade_growth", "series:shenzhen/trade/2024;fig:trade_2025"), ds)
    hi = (4.555 / 4.5048235 - 1) * 100
    assert v.kind == "inconsistent" and v.recomputed.hi == pytest.approx(hi)
    assert v.gap == pytest.approx(1.35 - hi)
    implied = v.details["implied_previous"]
    assert implied.lo == pytest.approx(4.545 / 1.0145) and implied.hi == pytest.approx(4.555 / 1.0135)


def test_missing_input_is_not_checkable_and_named(ds):
    v = audit.evaluate(claim("growth", "fig:fdi_growth", "series:shenzhen/fdi/2024;fig:fdi_2025"), ds)
    assert v.kind == "not_checkable" and v.recomputed is None and v.gap is None
    assert [str(r) for r in v.missing] == ["series:shenzhen/fdi/2024"]
    near = list(v.details["nearest"].values())
    assert len(near) == 1 and near[0].period == "2023" and near[0].value == 626.2


def test_every_missing_input_is_named_once_with_its_nearest_value(ds):
    v = audit.evaluate(claim("sum", "fig:fdi_total", "series:shenzhen/fdi/2021..2025"), ds)
    assert v.kind == "not_checkable"
    assert [str(r) for r in v.missing] == [f"series:shenzhen/fdi/{y}" for y in (2021, 2022, 2024, 2025)]
    assert list(v.details["nearest"]) == ["series:shenzhen/fdi/2023"]


def test_missing_claimed_value_is_not_checkable(ds):
    v = audit.evaluate(claim("equals", "series:shenzhen/gdp/2019", "fig:gdp_2020"), ds)
    assert v.kind == "not_checkable" and [str(r) for r in v.missing] == ["series:shenzhen/gdp/2019"]


# --- the other relations -----------------------------------------------------------------------


def test_increment_share_sum_and_implied_previous(ds):
    inc = audit.evaluate(claim("increment", "fig:trade_inc", "series:shenzhen/trade/2020;fig:trade_2025"), ds)
    assert inc.kind == "consistent" and (inc.recomputed.lo, inc.recomputed.hi) == pytest.approx((1.49, 1.51))
    share = audit.evaluate(
        claim(
            "increment_share",
            "fig:trade_inc_share",
            "series:shenzhen/trade/2020;fig:trade_2025;series:china/trade/2020;series:china/trade/2025",
        ),
        ds,
    )
    assert share.kind == "consistent"
    assert (share.recomputed.lo, share.recomputed.hi) == pytest.approx((1.49 / 13.32 * 100, 1.51 / 13.30 * 100))
    total = audit.evaluate(
        claim("sum", "fig:trade_2025", "series:shenzhen/exports/2025;series:shenzhen/imports/2025"), ds
    )
    assert total.kind == "consistent" and (total.recomputed.lo, total.recomputed.hi) == pytest.approx((4.54, 4.56))
    previous = audit.evaluate(
        claim("implied_previous", "series:shenzhen/trade/2024", "fig:trade_2025;fig:trade_growth"), ds
    )
    assert previous.unit == "亿元" and previous.kind == "inconsistent"
    assert previous.recomputed.hi == pytest.approx(45550 / 1.0135)


def test_compound_real_and_thresholds(ds):
    v = audit.evaluate(claim("compound_real", "fig:gdp_avg", "series:shenzhen/gdp_growth/2021..2025"), ds)
    factor = 1.067 * 1.033 * 1.060 * 1.058 * 1.055
    assert v.kind == "consistent" and v.recomputed.mid == pytest.approx((factor**0.2 - 1) * 100, abs=1e-3)
    assert len(v.inputs) == 5
    t = audit.evaluate(
        claim("threshold_count_cagr", "fig:out_thresholds", "fig:out_2025;fig:out_avg", years=5, step=1.0), ds
    )
    assert t.kind == "consistent" and (t.recomputed.lo, t.recomputed.hi) == (2, 2)
    assert t.details["start"].mid == pytest.approx(5.44 / 1.066**5, abs=0.01)
    # From an explicit start below 3 the same end crosses three thresholds (3, 4, 5): inconsistent by one.
    three = audit.evaluate(claim("threshold_count", "fig:out_thresholds", "fig:gdp_2020;fig:out_2025", step=1.0), ds)
    assert three.kind == "inconsistent" and three.recomputed.lo == 3 and three.gap == 1


# --- rank claims -------------------------------------------------------------------------------


def rank_claim(
    regions, inputs="series:{region}/gdp_growth/2021..2025", relation="rank_max_growth", claimed="fig:gdp_rank"
):
    return claim(relation, claimed, inputs, regions=tuple(regions.split(";")))


def test_rank_first_consistent(ds):
    v = audit.evaluate(rank_claim("shenzhen;beijing;guangzhou"), ds)
    assert v.kind == "consistent" and (v.recomputed.lo, v.recomputed.hi) == (1, 1)
    assert v.details["regions"]["shenzhen"].lo > v.details["regions"]["beijing"].hi


def test_rank_overlapping_peer_is_still_consistent(ds):
    """'close' differs only in 2025 (5.6 against 5.5): the intervals overlap, so first or second."""
    v = audit.evaluate(rank_claim("shenzhen;close;beijing"), ds)
    assert v.kind == "consistent" and (v.recomputed.lo, v.recomputed.hi) == (1, 2)


def test_rank_peer_certainly_ahead_is_inconsistent(ds):
    v = audit.evaluate(rank_claim("shenzhen;fast;beijing"), ds)
    assert v.kind == "inconsistent" and v.reason == "rank_gap" and v.recomputed.lo == 2 and v.gap == 1
    assert v.details["leaders"] == ["fast"]


def test_rank_with_a_missing_peer_is_not_checkable_with_its_condition(ds):
    v = audit.evaluate(
        rank_claim("shenzhen;beijing;shanghai", "series:{region}/rd_intensity/2024", "rank_max_level", "fig:rd_rank"),
        ds,
    )
    assert v.kind == "not_checkable" and v.reason == "rank_missing"
    assert [str(r) for r in v.missing] == ["series:beijing/rd_intensity/2024"]
    assert v.details["bound"] == pytest.approx(6.675) and v.details["missing_regions"] == ["beijing"]
    assert list(v.details["nearest"].values())[0].value == 6.73  # Beijing 2023, above the bound
    # what is missing is said for a reader (region, indicator, year), never as its reference
    for lang, words, needed in (
        ("zh", "不能否定", "北京2024年rd_intensity"),
        ("en", "neither confirm nor refute", "Beijing's rd_intensity for 2024"),
    ):
        text = fmt.plain(audit_report.explain(v, ds, lang))
        assert words in text and needed in text and "series:" not in text, text


def test_rank_with_a_missing_peer_but_one_certainly_ahead_is_inconsistent(ds):
    v = audit.evaluate(rank_claim("shenzhen;fast;nowhere"), ds)
    assert v.kind == "inconsistent" and v.recomputed.lo == 2 and v.details["missing_regions"] == ["nowhere"]


def test_rank_interval_rule():
    iv = audit.Interval
    assert audit.rank_interval(iv(5, 6), [iv(1, 2), iv(3, 4)]) == iv(1, 1)
    assert audit.rank_interval(iv(5, 6), [iv(5.5, 7)]) == iv(1, 2)
    assert audit.rank_interval(iv(5, 6), [iv(6.1, 7), iv(5.9, 8)]) == iv(2, 3)


# --- references, text and records --------------------------------------------------------------


def test_parse_references():
    assert [str(r) for r in parse_ref("series:shenzhen/gdp_growth/2021..2023")] == [
        "series:shenzhen/gdp_growth/2021",
        "series:shenzhen/gdp_growth/2022",
        "series:shenzhen/gdp_growth/2023",
    ]
    assert parse_ref("fig:gdp_2020@post_census")[0].vintage == "post_census"
    assert parse_ref("series:{region}/gdp/2024", "beijing")[0].region == "beijing"
    for bad in (
        "gdp_2020",
        "fig:GDP",
        "series:shenzhen/gdp",
        "series:shenzhen/gdp/2025..2021",
        "series:{region}/gdp/2024",
    ):
        with pytest.raises(ValueError):
            parse_ref(bad)


def test_explanations_name_the_gap_in_both_languages(ds):
    v = audit.evaluate(claim("increment", "fig:giants_new", "series:shenzhen/giants/2024;fig:giants_2025"), ds)
    assert "39家" in audit_report.explain(v, ds, "zh") and "by 39 firms" in audit_report.explain(v, ds, "en")
    assert audit_report.show_gap(v, "en", short=True) == "39 firms"
    g = audit.evaluate(claim("growth", "fig:trade_growth", "series:shenzhen/trade/2024;fig:trade_2025"), ds)
    assert "0.24个百分点" in fmt.plain(audit_report.explain(g, ds, "zh"))
    assert fmt.plain(audit_report.show_gap(g, "en", short=True)) == "0.24 pp"


def test_record_counts_and_keys():
    ds = tiny(CITY_LEVELS)  # the city's own deflator in some years: the GDP claim is judged given its basis
    verdicts = [
        audit.evaluate(c, ds)
        for c in (
            claim("share", "fig:sei_share", "fig:sei_2025;fig:gdp_2025", id="a"),
            claim("cagr", "fig:gdp_avg", "fig:gdp_2020;fig:gdp_2025", years=5, id="b"),
            claim("increment", "fig:giants_new", "series:shenzhen/giants/2024;fig:giants_2025", id="c"),
            claim("growth", "fig:fdi_growth", "series:shenzhen/fdi/2024;fig:fdi_2025", id="d"),
        )
    ]
    section = audit_report.summary(ds, verdicts, "en")
    r = section.results
    assert [r[f"verdicts_{k}_count"] for k in audit.VERDICTS] == [1, 1, 1, 1] and r["claims_count"] == 4
    assert (
        r["a_verdict"] == "consistent"
        and r["a_recomputed_pct_low"] < r["a_recomputed_pct"] < r["a_recomputed_pct_high"]
    )
    assert r["c_gap_firms"] == 39 and r["c_recomputed_firms"] == 308  # as an increment; as gross additions it holds
    assert r["d_missing"] == "series:shenzhen/fdi/2024" and "d_recomputed_pct" not in r
    assert "b_implied_deflator_pct_low" in r


def test_a_folder_without_claims_has_an_audit_that_says_so(ds):
    """claims.csv is optional (another city's folder may have none): no verdicts, and the audit says so once."""
    assert audit.evaluate_all(ds) == []
    for lang in ("zh", "en"):
        box = audit_report.key_findings([], lang)
        assert [p.template_key for p in box.paragraphs] == ["audit_p_no_claims"]
        summary = audit_report.summary(ds, [], lang)
        assert [p.template_key for p in summary.paragraphs] == ["audit_p_no_claims"] and not summary.omitted
        shown = [audit_report.verdict_table(ds, [], lang), audit_report.chart_section(ds, [], lang)]
        shown += [*audit_report.explanations(ds, [], lang), audit_report.inputs_list(ds, [], lang)]
        shown.append(audit_report.missing_figures(ds, [], lang))
        assert all(section.omitted for section in shown)


# --- validation of claims.csv ------------------------------------------------------------------


def test_schema_relations_are_the_evaluators():
    enum = set(data.schema()["files"]["claims.csv"]["fields"]["relation"]["enum"])
    assert enum == set(audit.RELATIONS) | set(audit.RANK_RELATIONS)
    # the shapes claims.csv is validated against name the same relations as the evaluator's functions
    assert set(claims_mod.RELATION_SHAPES) == set(audit.RELATIONS)
    assert set(claims_mod.RANK_SHAPES) == set(audit.RANK_RELATIONS)


def write_claims(folder: Path, rows: list[dict]) -> None:
    with (folder / "claims.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, ["id", "theme", "relation", "claimed", "inputs", "years", "step", "regions", "label_zh", "label_en"]
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({"theme": "economy", "label_zh": "说法", "label_en": "claim", **row})


def test_claims_validation_names_file_row_and_column(data_copy):
    write_claims(
        data_copy,
        [
            {
                "id": "ok",
                "relation": "share",
                "claimed": "fig:sei_share_gdp_2025",
                "inputs": "fig:sei_va_2025;fig:gdp_2025",
            },
            {
                "id": "no_fig",
                "relation": "share",
                "claimed": "fig:sei_share_gdp_2025",
                "inputs": "fig:sei_va_2025;fig:gdp_2052",
            },
            {"id": "bad_ref", "relation": "equals", "claimed": "gdp_2020", "inputs": "fig:gdp_2020"},
            {"id": "bad_region", "relation": "equals", "claimed": "fig:gdp_2020", "inputs": "series:shenzen/gdp/2020"},
            {
                "id": "bad_indicator",
                "relation": "equals",
                "claimed": "fig:gdp_2020",
                "inputs": "series:shenzhen/gpd/2020",
            },
            {
                "id": "arity",
                "relation": "cagr",
                "claimed": "fig:gdp_growth_avg_2020_2025",
                "inputs": "fig:gdp_2020",
                "years": "5",
            },
            {
                "id": "no_years",
                "relation": "cagr",
                "claimed": "fig:gdp_growth_avg_2020_2025",
                "inputs": "fig:gdp_2020;fig:gdp_2025",
            },
            {"id": "bad_relation", "relation": "median", "claimed": "fig:gdp_2020", "inputs": "fig:gdp_2025"},
            {
                "id": "rank_no_peers",
                "relation": "rank_max_level",
                "claimed": "fig:rd_intensity_rank_2024",
                "inputs": "series:{region}/rd_intensity/2024",
                "regions": "shenzhen",
            },
            {
                "id": "bad_vintage",
                "relation": "equals",
                "claimed": "fig:gdp_2020@census",
                "inputs": "series:shenzhen/gdp/2020",
            },
            # A year the series does not hold yet is allowed: the audit reports it as not checkable.
            {
                "id": "awaited",
                "relation": "growth",
                "claimed": "fig:fdi_growth_2025",
                "inputs": "series:shenzhen/fdi/2024;fig:fdi_2025",
            },
        ],
    )
    problems = [p for p in data.validate(data_copy) if p.file == "claims.csv"]
    where = {(p.row, p.column) for p in problems}
    assert (3, "inputs") in where and any("gdp_2052" in p.message for p in problems)
    assert (4, "claimed") in where
    assert (5, "inputs") in where and any("unknown region 'shenzen'" in p.message for p in problems)
    assert (6, "inputs") in where and any("'gpd' not found in indicators.yaml" in p.message for p in problems)
    assert (7, "inputs") in where and any("takes 2 input(s), got 1" in p.message for p in problems)
    assert (8, "years") in where
    assert (9, "relation") in where
    assert (10, "regions") in where
    assert (11, "claimed") in where and any("unknown vintage 'census'" in p.message for p in problems)
    assert not any(p.row in (2, 12) for p in problems), problems
    text = str(data.DataError(problems, data_copy))
    assert "claims.csv, row 3, column 'inputs'" in text
    with pytest.raises(data.DataError):
        data.load(data_copy)


def test_claims_file_is_optional(data_copy):
    (data_copy / "claims.csv").unlink()
    assert data.validate(data_copy) == []
    assert data.load(data_copy).claims is None


def test_real_claims_are_valid_and_cover_the_required_checks():
    from .conftest import DATA

    assert data.validate(DATA) == []
    with (DATA / "claims.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    relations = {r["relation"] for r in rows}
    assert {
        "cagr",
        "share",
        "increment",
        "increment_share",
        "growth",
        "threshold_count_cagr",
        "rank_max_growth",
        "rank_max_level",
        "compound_real",
        "growth_of_totals",
    } <= relations
    claimed = {r["claimed"] for r in rows}
    for figure_id in (
        "gdp_growth_avg_2020_2025",
        "trade_increment_2020_2025",
        "trade_increment_share_national_2020_2025",
        "rd_intensity_2024",
        "trade_growth_2025",
        "little_giants_new_2025",
        "rd_cagr_2020_2024",
        "industrial_output_thresholds_2020_2025",
        "gdp_growth_rank_first_tier_2020_2025",
        "rd_intensity_rank_2024",
        "sei_share_gdp_2025",
        "services_trade_rank_2025",
        "fdi_2021_2025_growth_vs_13th_plan",
    ):
        assert any(c.split("@")[0] == f"fig:{figure_id}" for c in claimed), figure_id


def test_sections_on_tiny_data(ds):
    """Table rows follow show_consistent; the chart data are the same in both languages (language-neutral)."""
    from szreport.charts import draw as charts

    charts.setup_style()
    verdicts = [
        audit.evaluate(c, ds)
        for c in (
            claim("share", "fig:sei_share", "fig:sei_2025;fig:gdp_2025", id="a"),
            claim("increment", "fig:giants_new", "series:shenzhen/giants/2024;fig:giants_2025", id="c"),
            claim("growth", "fig:fdi_growth", "series:shenzhen/fdi/2024;fig:fdi_2025", id="d"),
            rank_claim("shenzhen;beijing;guangzhou"),
        )
    ]
    full = audit_report.verdict_table(ds, verdicts, "en").tables[0][1]
    failing = audit_report.verdict_table(ds, verdicts, "en", show_consistent=False).tables[0][1]
    assert len(full) == 4 and len(failing) == 2
    assert list(failing["Verdict"]) == ["Inconsistent (off by 39 firms)", "Not checkable"]
    csvs = {}
    for lang in ("zh", "en"):
        section = audit_report.chart_section(ds, verdicts, lang)
        csvs[lang] = [(c.name, c.csv()) for c in section.charts]
        for c in section.charts:
            charts.close(c)
    assert csvs["zh"] == csvs["en"]
    assert [name for name, _ in csvs["en"]] == ["claims_intervals_economy", "rank_c"]
    sections = audit_report.explanations(ds, verdicts, "zh")
    explained = [p for s in sections for p in s.paragraphs]
    # every claim explained once, under its anchor, the inconsistent one first
    assert [p.count('id="claim-') for p in explained].count(1) == 4
    assert [str(s.heading) for s in sections[1:]] == ["不一致", "无法核查", "一致"]


def test_arithmetic_of_a_source_is_shown_but_not_counted_as_an_article_claim(ds):
    article = claim("share", "fig:sei_share", "fig:sei_2025;fig:gdp_2025", id="a")
    arithmetic = claim(
        "sum",
        "fig:trade_2025",
        "series:shenzhen/exports/2025;series:shenzhen/imports/2025",
        id="t",
        scope="source_arithmetic",
    )
    verdicts = [audit.evaluate(c, ds) for c in (article, arithmetic)]
    section = audit_report.summary(ds, verdicts, "en")
    r = section.results
    assert r["claims_count"] == 1 and r["source_arithmetic_checks_count"] == 1 and r["t_verdict"] == "consistent"
    assert "arithmetic within one source" in str(section.paragraphs)
    table = audit_report.verdict_table(ds, verdicts, "en").tables[0][1]
    assert table.iloc[1, 0] == "claim (arithmetic of one source's release)"


def test_dollar_inputs_of_a_yuan_claim_are_converted_at_their_own_years_rate():
    """FDI over the plan in yuan: a year published in dollars only counts at that year's average rate, never at
    another year's; without that year's rate the claim is not checkable and names the rate to add."""
    extra = [
        ser("shenzhen", "fdi_usd", 2021, "109.7", "亿美元"),
        ser("china", "usd_cny", 2021, "6.4515", "元/美元", "n.a."),
        ser("china", "usd_cny", 2025, "9.9", "元/美元", "n.a."),  # another year's rate: must not be used
    ]
    ds = tiny(extra)
    c = claim("sum", "fig:fdi_total", "series:shenzhen/fdi_usd/2021;series:shenzhen/fdi/2023;fig:fdi_2025")
    v = audit.evaluate(c, ds)
    assert v.kind == "inconsistent"  # three years only: about 1839, short of "over 3000"
    assert v.recomputed.lo == pytest.approx(109.65 * 6.45145 + 626.15 + 504.75)
    assert v.recomputed.hi == pytest.approx(109.75 * 6.45155 + 626.25 + 504.85)
    assert "at 6.4515 yuan per US dollar, that year's average rate" in str(audit_report.explain(v, ds, "en")).replace(
        "\\", ""
    )
    without = tiny([ser("shenzhen", "fdi_usd", 2021, "109.7", "亿美元")])
    v = audit.evaluate(c, without)
    assert v.kind == "not_checkable" and [str(r) for r in v.missing] == ["series:china/usd_cny/2021"]


def test_a_sum_works_back_the_year_the_sources_do_not_publish_and_says_so():
    """fdi_total_2021_2025: 2024 is not published, so it is worked back from the article's 2025 level and growth
    (504.8 / 1.144), added to the years published, and the explanation says it is inferred, in both languages."""
    extra = [
        ser("shenzhen", "fdi_usd", 2021, "109.7", "亿美元"),
        ser("shenzhen", "fdi_usd", 2022, "110", "亿美元"),
        ser("china", "usd_cny", 2021, "6.4515", "元/美元", "n.a."),
        ser("china", "usd_cny", 2022, "6.7261", "元/美元", "n.a."),
    ]
    ds = tiny(extra)
    inputs = "series:shenzhen/fdi_usd/2021;series:shenzhen/fdi_usd/2022;series:shenzhen/fdi/2023;fig:fdi_2025"
    c = claim("sum_with_implied_previous", "fig:fdi_total", inputs + ";fig:fdi_growth")
    v = audit.evaluate(c, ds)
    inferred = v.details["inferred"]
    assert v.details["inferred_year"] == 2024
    assert inferred.lo == pytest.approx(504.75 / 1.1445) and inferred.hi == pytest.approx(504.85 / 1.1435)
    assert v.recomputed.lo == pytest.approx(109.65 * 6.45145 + 109.5 * 6.72605 + 626.15 + 504.75 / 1.1445 + 504.75)
    assert v.kind == "consistent"  # about 3020, over 3000
    en, zh = (fmt.plain(audit_report.explain(v, ds, lang)) for lang in ("en", "zh"))
    assert "no figure for 2024" in en and "inferred value" in en
    assert "2024年" in zh and "推算值" in zh


def test_every_claim_is_judged_once_per_dataset(monkeypatch):
    """Every report and section of a kernel quotes the audit's verdicts (issue 26): the claims are judged once per
    loaded dataset, the same verdicts read again, and a dataset with an edited value is judged afresh."""
    judge = importlib.import_module("szreport.audit.judge.evaluate")  # the module, not its function
    loaded = data.load(Path(__file__).resolve().parents[1] / "data")
    judged: list[str] = []
    real_evaluate = judge.evaluate

    def counting(claim, dataset):
        judged.append(claim.id)
        return real_evaluate(claim, dataset)

    monkeypatch.setattr(judge, "evaluate", counting)
    first = judge.evaluate_all(loaded)
    again = judge.evaluate_all(loaded)
    figures = [loaded.fig(figure_id) for figure_id in loaded.figures["id"]]
    quoted = judge.verdicts_on(loaded, figures)
    assert len(judged) == len(loaded.claims) == len(first)
    assert [verdict.kind for verdict in again] == [verdict.kind for verdict in first]
    assert quoted and all(any(verdict is other for other in first) for verdict in quoted)

    row = loaded.series.iloc[0]
    edited = loaded.with_series_value(row["region"], row["indicator"], int(row["year"]), row["value"], row["vintage"])
    judge.evaluate_all(edited)
    assert len(judged) == 2 * len(loaded.claims)


def test_series_records_are_the_rows_of_series_csv():
    """The audit's lookups read one grouping of series.csv (issue 26): every row of a region and indicator, in
    file order, and none for a pair the file does not hold."""
    loaded = data.load(Path(__file__).resolve().parents[1] / "data")
    frame = loaded.series
    for (region, indicator), rows in frame.groupby(["region", "indicator"], sort=False):
        records = loaded.series_records(region, indicator)
        assert [record["year"] for record in records] == list(rows["year"])
        assert [record["value"] for record in records] == list(rows["value"])
    assert loaded.series_records("atlantis", "gdp") == ()


def test_a_share_that_rose_to_its_level_needs_a_lower_earlier_share(ds):
    """The whole against itself (100%) was already above the claimed 43.0%: it did not rise to it."""
    v = audit.evaluate(claim("rose_from_share", "fig:sei_share", "fig:gdp_2020;fig:gdp_2020"), ds)
    assert v.kind == "inconsistent" and v.details["earlier"].lo > 43.05
    assert v.recomputed.hi == math.inf


def test_a_share_that_rose_is_consistent_and_says_from_what(ds):
    """10300 (亿元) of 2.83 (万亿元) is about 36%, below the claimed 43.0%: the share did rise to it."""
    edited = ds.with_series_value("shenzhen", "gdp", 2020, "10300")
    v = audit.evaluate(claim("rose_from_share", "fig:sei_share", "series:shenzhen/gdp/2020;fig:gdp_2020"), edited)
    assert v.kind == "consistent" and v.reason == "rounding"
    assert v.details["earlier"].lo == pytest.approx(10299.5 / 28350 * 100)
    assert v.details["earlier"].hi == pytest.approx(10300.5 / 28250 * 100)
    for lang, words in (("en", "did rise"), ("zh", "确实提高")):
        assert words in str(audit_report.explain(v, edited, lang))


def test_a_rise_to_first_needs_a_year_when_it_was_not():
    """跃居第一 is judged on the year before: Beijing's 6.73% certainly ahead of Shenzhen's 6.46% makes Shenzhen
    second then, so it rose to first, though Shanghai's value is missing; ahead of every peer, it held the rank;
    with only a missing peer that could have been ahead, the data cannot tell."""
    earlier = [ser("shenzhen", "rd_intensity", 2023, "6.46", "%"), ser("shanghai", "rd_intensity", 2023, "4.2", "%")]
    inputs, claimed = "series:{region}/rd_intensity/2023", "fig:rd_rank"
    rose_data = tiny(extra_series=earlier[:1])
    rose = audit.evaluate(rank_claim("shenzhen;beijing;shanghai", inputs, "rank_rose_max_level", claimed), rose_data)
    assert rose.kind == "consistent" and rose.reason == "rank_rose"
    assert (rose.recomputed.lo, rose.recomputed.hi) == (2, 2) and rose.details["leaders"] == ["beijing"]
    assert "not yet first" in fmt.plain(audit_report.explain(rose, rose_data, "en"))
    assert "尚未居第一" in fmt.plain(audit_report.explain(rose, rose_data, "zh"))
    held_data = tiny(extra_series=earlier)
    held = audit.evaluate(rank_claim("shenzhen;shanghai", inputs, "rank_rose_max_level", claimed), held_data)
    assert held.kind == "inconsistent" and held.reason == "rank_held"
    assert "held that rank" in fmt.plain(audit_report.explain(held, held_data, "en"))
    unknown = audit.evaluate(rank_claim("shenzhen;nowhere", inputs, "rank_rose_max_level", claimed), held_data)
    assert unknown.kind == "not_checkable" and [str(r) for r in unknown.missing] == ["series:nowhere/rd_intensity/2023"]


# --- growth of one period's total against the previous period's ----------------------------------------------

# The 13th plan's last two years in dollars, each at its own year's rate, against 2023-2025 of the plan in yuan
# (2024 worked back from 2025's level and growth): made-up previous years, for the arithmetic only.
PREVIOUS_PLAN = [
    ser("shenzhen", "fdi_usd", 2019, "80.0", "亿美元"),
    ser("shenzhen", "fdi_usd", 2020, "86.83", "亿美元"),
    ser("china", "usd_cny", 2019, "6.8985", "元/美元", "n.a."),
    ser("china", "usd_cny", 2020, "6.8976", "元/美元", "n.a."),
]
TOTALS_INPUTS = "series:shenzhen/fdi_usd/2019..2020;series:shenzhen/fdi/2023;fig:fdi_2025;fig:fdi_growth"


def totals_data(claimed: str, series=PREVIOUS_PLAN) -> data.Dataset:
    ds = tiny(series, [fig("fdi_vs_before", claimed, "%", "2021-2025", "growth")])
    dollars = {"title_zh": "fdi_usd", "title_en": "fdi_usd", "unit": "亿美元"}  # a dollar series: its rate is needed
    ds.indicators["fdi_usd"] = {**ds.indicators["fdi"], **dollars}
    return ds


@pytest.mark.parametrize("claimed, kind", [("36.6", "consistent"), ("18.9", "inconsistent")])
def test_growth_of_totals_adds_each_periods_years_up(claimed, kind):
    """(626.2 + 504.8 / 1.144 + 504.8) against 80.0 × 6.8985 + 86.83 × 6.8976: 36.5-36.7% more, so 36.6% is
    consistent and 18.9% is not, by the gap from its upper end to the lower end recomputed."""
    ds = totals_data(claimed)
    v = audit.evaluate(claim("growth_of_totals", "fig:fdi_vs_before", TOTALS_INPUTS), ds)
    current_lo, current_hi = 626.15 + 504.75 / 1.1445 + 504.75, 626.25 + 504.85 / 1.1435 + 504.85
    previous_lo, previous_hi = 79.95 * 6.89845 + 86.825 * 6.89755, 80.05 * 6.89855 + 86.835 * 6.89765
    assert v.kind == kind and v.unit == "%"
    assert v.recomputed.lo == pytest.approx((current_lo / previous_hi - 1) * 100)
    assert v.recomputed.hi == pytest.approx((current_hi / previous_lo - 1) * 100)
    details = v.details
    assert (details["current_total"].lo, details["previous_total"].hi) == pytest.approx((current_lo, previous_hi))
    assert details["current_years"] == (2023, 2025) and details["previous_years"] == (2019, 2020)
    assert details["inferred_year"] == 2024 and details["unit"] == "亿元"
    en, zh = (str(fmt.plain(audit_report.explain(v, ds, lang))) for lang in ("en", "zh"))
    assert "the total over 2023–2025" in en and "over 2019–2020" in en and "no figure for 2024" in en
    assert "6.8985 yuan per US dollar" in en and "2023—2025年合计" in zh
    if kind == "inconsistent":
        assert v.gap == pytest.approx((current_lo / previous_hi - 1) * 100 - 18.95)
        assert "below" not in en and "above the article's 18.9%" in en
    results = audit_report.summary(ds, [v], "en").results
    assert results["c_inferred_2024_yuan_100m_low"] == pytest.approx(504.75 / 1.1445)  # in the totals' unit


def test_growth_of_totals_without_the_previous_years_is_not_checkable_and_names_them():
    """Without the 13th plan's early years the claim is not checkable: it names each year once ("for 2016-2019"),
    and the average rate of each dollar year, needed to add it in yuan."""
    ds = totals_data("18.9", [])
    inputs = "series:shenzhen/fdi_usd/2016..2019;series:shenzhen/fdi/2023;fig:fdi_2025;fig:fdi_growth"
    v = audit.evaluate(claim("growth_of_totals", "fig:fdi_vs_before", inputs), ds)
    assert v.kind == "not_checkable" and v.reason == "missing"
    years = range(2016, 2020)
    assert [str(r) for r in v.missing] == [f"series:shenzhen/fdi_usd/{y}" for y in years] + [
        f"series:china/usd_cny/{y}" for y in years
    ]
    en, zh = (str(fmt.plain(audit_report.explain(v, ds, lang))) for lang in ("en", "zh"))
    assert en.count("fdi_usd for 2016–2019") == 1 and "2017" not in en
    assert "深圳2016—2019年各年fdi_usd" in zh


def test_growth_of_totals_needs_years_of_both_periods(ds):
    c = claim("growth_of_totals", "fig:fdi_vs_before", "series:shenzhen/fdi/2023;fig:fdi_2025")
    with pytest.raises(ValueError, match="the one before"):
        audit.evaluate(c, totals_data("18.9"))


def test_a_growth_of_totals_without_the_earlier_period_is_named_by_check_data(data_copy):
    path = data_copy / "claims.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, row in enumerate(rows) if ",growth_of_totals," in row)
    cut = ",".join(
        part if not part.startswith("series:") else ";".join(p for p in part.split(";") if "2016..2020" not in p)
        for part in rows[index].split(",")
    )
    assert cut != rows[index]
    path.write_text("\n".join([*rows[:index], cut, *rows[index + 1 :]]) + "\n", encoding="utf-8")
    problems = [p for p in data.validate(data_copy) if p.file == "claims.csv"]
    assert [(p.row, p.column) for p in problems] == [(index + 1, "inputs")]
    assert "years before 2021" in problems[0].message
