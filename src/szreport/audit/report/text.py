"""The audit's words: values, intervals, gaps and references as a reader reads them, verdict labels, and the
generated explanation of each verdict (:func:`explain`), from the verdicts of
:mod:`szreport.audit.judge.evaluate`.

Every sentence comes from ``locale/audit.*.yaml``; nothing here judges a claim. Running text states a derived
figure as one number at the precision its inputs support (:func:`one_number`); the intervals stay in the
audit's tables and in results.json. A figure a check needs is named in words, from the indicator's title in
the data's indicators, the region and the year (:func:`ref_label`), never by its reference. The report's
sections, tables and charts that use these words are in :mod:`szreport.audit.report.sections`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable

from szreport import fmt
from szreport import metrics as m
from szreport.audit.judge.evaluate import Verdict
from szreport.audit.judge.values import Value
from szreport.data.claims import Ref
from szreport.data.loader import Dataset
from szreport.metrics import EXACT_COUNT_UNITS, Interval
from szreport.present.citation import AUTHOR
from szreport.present.report import UNIT_SUFFIX

# The region whose GDP is the national product (国内生产总值), not a region's (地区生产总值).
NATION = "china"
# Vintages of a series row that are not a published value of its year: a stated target, and another release's
# differing print (shown only beside a verdict, szreport.data.dataset.ALTERNATIVE).
NOT_PUBLISHED_VALUES = ("target", "alternative")
MAX_PUBLISHERS = 3  # publishers named for a figure still needed (the nearest years first)
THRESHOLD_RELATIONS = ("threshold_count", "threshold_count_cagr")  # counts of whole thresholds crossed


def _suffix(unit: str) -> str:
    """A unit's name in results.json keys and locale keys (``pct``, ``yuan_100m``, ...; ``value`` if none)."""
    return UNIT_SUFFIX.get(unit, "value")


def _decimals(value: Value | None, unit: str) -> int:
    """Decimals to show a recomputed value with: one more than the claimed figure was printed with."""
    if unit in EXACT_COUNT_UNITS:
        return 0
    return (value.decimals if value else 1) + 1


def counted(lang: str, key: str, how_many: float, **values) -> fmt.Md:
    """A template whose words agree with a count: ``<key>_one`` for 1, ``<key>_other`` otherwise ("1 claim",
    "26 claims"); ``n`` is filled as a whole number in the report's language."""
    form = "one" if how_many == 1 else "other"
    return fmt.t(lang, f"{key}_{form}", n=fmt.number(how_many, 0, lang), **values)


def count_text(count: float, unit: str, lang: str) -> str:
    """A whole count with its unit: 39家 / 39 firms, 1 firm, 1 year; a rank difference in places (1位 / 1 place)."""
    if lang == "zh":
        return f"{fmt.number(count, 0, lang)}{unit}"
    return counted(lang, f"audit_count_{_suffix(unit)}", count)


def join_list(items: Iterable, lang: str) -> fmt.Md:
    """Items as a sentence lists them: "A, B and C" / "A、B和C"; items that hold commas themselves are set apart
    with semicolons ("A (1, 2); B and C" would not read)."""
    items = [fmt.md(item) for item in items]
    if len(items) <= 1:
        return fmt.Md("").join(items)
    long = any(any(mark in str(fmt.plain(item)) for mark in (", ", "，", "：")) for item in items)
    sep = fmt.t(lang, "audit_list_sep_long" if long else "audit_list_sep")
    last = fmt.t(lang, "audit_list_last_long" if long else "audit_list_last")
    return sep.join(items[:-1]) + last + items[-1]


def one_number(interval: Interval, unit: str, lang: str, decimals: int) -> str:
    """A derived figure as running text states it: one number at the precision its interval supports, "about"
    where its ends round apart (:func:`fmt.about`). An interval that excludes zero is never said as "about 0":
    it is given as its range instead, as is one too wide for a single number."""
    if unit in EXACT_COUNT_UNITS and interval.lo == interval.hi:
        return count_text(interval.lo, unit, lang) if unit != "位" else fmt.rank(interval.lo, lang)
    text = fmt.about(interval, unit, lang, decimals)
    too_wide = any(mark in str(text) for mark in (" to ", "至"))  # fmt.about gave the range
    if too_wide or (not re.sub(r"[^0-9]", "", str(text)).strip("0") and (interval.lo > 0 or interval.hi < 0)):
        width = interval.hi - interval.lo
        shown = min(decimals, max(0, -math.floor(math.log10(width)))) if width > 0 else decimals
        return fmt.amount_range(interval, unit, lang, shown)  # its ends at the digits that tell them apart
    return text


def be(value: str, lang: str) -> str:
    """A value after its subject: Chinese puts the verb before it and "约" before the verb (约为5.5%, 为6.67%)."""
    about, text = fmt.QUALIFIER_WORDS["zh"]["about"][0], str(fmt.plain(value))
    if lang != "zh":
        return value  # the English template has its verb
    key = "audit_is_about" if text.startswith(about) else "audit_is"
    return fmt.t(lang, key, value=text.removeprefix(about) if text.startswith(about) else text)


def span(interval: Interval, unit: str, lang: str, decimals: int) -> fmt.Md | str:
    """A range of values (a window over several years), not the uncertainty of one: "from −1.1% to 3.9%" /
    "−1.1%至3.9%"; one figure when both ends show alike."""
    low, high = fmt.amount(interval.lo, unit, lang, decimals), fmt.amount(interval.hi, unit, lang, decimals)
    return low if low == high else fmt.t(lang, "audit_from_to", low=low, high=high)


def show_value(value: Value, lang: str) -> str:
    """A reported or input value as printed, in the report's language."""
    if value.unit == "位":
        return fmt.rank(value.value, lang)
    return fmt.amount(value.value, value.unit, lang, value.decimals, value.qualifier)


def show_interval(interval: Interval, unit: str, lang: str, decimals: int) -> str:
    """An interval as the audit's tables show it (its two ends, or one figure when they show alike)."""
    if unit == "位":
        best, worst = fmt.rank(int(interval.lo), lang), fmt.rank(int(interval.hi), lang)
        return best if best == worst else fmt.t(lang, "audit_rank_range", best=best, worst=worst)
    if unit in EXACT_COUNT_UNITS and interval.lo == interval.hi:
        return fmt.amount(interval.lo, unit, lang, 0)
    return fmt.amount_range(interval, unit, lang, decimals)


def show_recomputed(verdict: Verdict, lang: str) -> str:
    """The recomputed range of a judged verdict as the tables show it. A bound from one side only (the least
    number of gross additions a net change requires) reads "at least", as it includes its end; a growth whose
    earlier level is known only from below reads "at most"."""
    assert verdict.recomputed is not None
    if math.isinf(verdict.recomputed.hi) and verdict.unit != "位":
        return fmt.amount(
            verdict.recomputed.lo, verdict.unit, lang, _decimals(verdict.claimed, verdict.unit), "at_least"
        )
    if verdict.unit == "%" and verdict.recomputed.lo <= -100:  # growth from a level known only from below ("突破5万亿")
        return fmt.t(
            lang, "audit_at_most", value=fmt.amount(verdict.recomputed.hi, "%", lang, _decimals(verdict.claimed, "%"))
        )
    return show_interval(verdict.recomputed, verdict.unit, lang, _decimals(verdict.claimed, verdict.unit))


def recomputed_in_text(verdict: Verdict, lang: str) -> str:
    """The recomputed value as a sentence states it: one number (a bound from one side as the table says it)."""
    assert verdict.recomputed is not None
    if (
        math.isinf(verdict.recomputed.hi)
        or verdict.unit == "位"
        or (verdict.unit == "%" and verdict.recomputed.lo <= -100)
    ):
        return show_recomputed(verdict, lang)
    return one_number(verdict.recomputed, verdict.unit, lang, _decimals(verdict.claimed, verdict.unit))


def show_gap(verdict: Verdict, lang: str, short: bool = False) -> str:
    """The gap in the claim's unit: percentage points for a percentage, firms for firms, places for a rank."""
    decimals = _decimals(verdict.claimed, verdict.unit)
    gap = verdict.gap
    assert gap is not None, "only an inconsistent verdict has a gap"
    if verdict.unit == "%":
        if short:
            return fmt.t(lang, "audit_gap_pp_short", n=fmt.number(gap, decimals, lang))
        return fmt.amount(gap, "pp", lang, decimals)
    if verdict.unit in EXACT_COUNT_UNITS:
        return count_text(gap, verdict.unit, lang)
    return fmt.amount(gap, verdict.unit, lang, decimals)


def indicator_title(ds: Dataset, indicator: str, region: str, lang: str) -> str:
    """An indicator's title from the data's indicators, as a sentence uses it ("gross domestic product"); China's
    GDP is the national product in Chinese (国内生产总值, not 地区生产总值)."""
    if indicator not in ds.indicators:
        return in_sentence(indicator.replace("_", " "), lang)
    title = str(ds.meta(indicator)[f"title_{lang}"])
    if region == NATION:
        title = title.replace(str(fmt.t(lang, "audit_gdp_regional")), str(fmt.t(lang, "audit_gdp_national")))
    return in_sentence(title, lang)


def input_label(value: Value, ds: Dataset, lang: str) -> str:
    """What an input is, as a sentence names it: the figure's label, or region, indicator and year of a series
    value ("Beijing's gross domestic product in 2020" / "北京2020年地区生产总值")."""
    if value.ref.kind == "fig":
        return in_sentence(value.label_zh if lang == "zh" else value.label_en, lang)
    return ref_label(value.ref, ds, lang)


def ref_label(ref: Ref, ds: Dataset, lang: str, needed: bool = False) -> str:
    """A figure in words: an article figure's label, or "<region>'s <indicator> in <year>" (``needed``: "for
    <year>", the figure a check needs). Never the reference itself."""
    if ref.kind == "fig":
        return (
            in_sentence(ds.fig(ref.figure_id).label(lang), lang)
            if ds.has(ref.figure_id)
            else fmt.t(lang, "audit_unknown_figure")
        )
    words = dict(
        region=ds.subject.region_name(ref.region, lang), title=indicator_title(ds, ref.indicator, ref.region, lang)
    )
    return fmt.t(
        lang, "audit_series_needed" if needed else "audit_series_label", year=fmt.period(str(ref.year), lang), **words
    )


def in_sentence(label: str, lang: str) -> str:
    """A title used inside an English sentence: 'Gross domestic product' -> 'gross domestic product', '“Little
    giant” firms' -> '“little giant” firms' (GDP, R&D stay)."""
    quote = 1 if label[:1] in "“‘\"'" else 0
    first, second = label[quote : quote + 1], label[quote + 1 : quote + 2]
    if lang == "en" and first.isupper() and second.islower():
        lowered = label[:quote] + first.lower() + label[quote + 1 :]
        return fmt.Md(lowered) if isinstance(label, fmt.Md) else lowered  # a letter's case makes no markup
    return label


def source_name(ds: Dataset, source_id: str, lang: str, in_text: bool = False) -> str:
    """A source as the audit names it: publisher and date (``in_text``, as a sentence gives it: the date in
    brackets); the report's own compilation of secondary copies (a source whose publisher is the project) said so
    in words, not by the project's name."""
    row = ds.source(source_id)
    publisher = str(row["publisher"]).split(" (")[0]
    if publisher == AUTHOR:
        publisher = str(fmt.plain(fmt.t(lang, "audit_source_compiled")))
    if in_text:
        return fmt.t(lang, "audit_source_in_text", publisher=publisher, date=row["date"])
    return f"{publisher} {row['date']}"


def publishers(ref: Ref, ds: Dataset, lang: str) -> str:
    """Who publishes a figure the audit still needs, from the data: the publishers of the same region's
    indicator in other years of the annual series, the nearest years first; "not found in the sources used"
    when the series holds none."""
    series, by_publisher = ds.series, dict[str, list[int]]()
    rows = series[
        (series["region"] == ref.region)
        & (series["indicator"] == ref.indicator)
        & ~series["vintage"].isin(NOT_PUBLISHED_VALUES)
    ]
    for _, year, source_id in sorted(
        {(abs(int(y) - ref.year), int(y), str(i)) for y, i in zip(rows["year"], rows["source"])}
    ):
        publisher = str(ds.source(source_id)["publisher"]).split(" (")[0]
        if publisher != AUTHOR and (publisher in by_publisher or len(by_publisher) < MAX_PUBLISHERS):
            by_publisher.setdefault(publisher, []).append(year)  # the report's own compilation publishes nothing
    if ref.kind != "series" or not by_publisher:
        return fmt.t(lang, "audit_publisher_none")
    years = lambda ys: fmt.t(lang, "audit_list_sep").join(fmt.period(str(y), lang) for y in sorted(ys))
    said = (fmt.t(lang, "audit_publisher_years", publisher=p, years=years(ys)) for p, ys in by_publisher.items())
    return fmt.t(lang, "audit_publishers", items=fmt.t(lang, "audit_sep").join(said))


def _one_input(value: Value, ds: Dataset, lang: str) -> fmt.Md:
    words = dict(label=input_label(value, ds, lang), value=show_value(value, lang))
    if value.rate is None:
        return fmt.t(lang, "audit_input", **words)
    return fmt.t(lang, "audit_input_converted", rate=show_value(value.rate, lang), **words)


def _series_of(value: Value):
    """What consecutive inputs share to be said once: region and indicator of a series value not converted."""
    return (value.ref.region, value.ref.indicator) if value.ref.kind == "series" and value.rate is None else id(value)


def describe_inputs(values: list[Value], ds: Dataset, lang: str) -> fmt.Md:
    """The inputs as printed, as a sentence lists them; several years of one series once ("the city's real GDP
    growth in 2021 (6.7%), 2022 (3.3%) …"); a dollar value converted for a yuan claim names the year's rate."""
    items = []
    for _, grouped in itertools.groupby(values, _series_of):
        group = list(grouped)
        if len(group) == 1:
            items.append(_one_input(group[0], ds, lang))
            continue
        ref = group[0].ref
        words = dict(
            region=ds.subject.region_name(ref.region, lang), title=indicator_title(ds, ref.indicator, ref.region, lang)
        )
        years = [v.ref.year for v in group]
        running = len(years) >= 3 and years == list(range(years[0], years[-1] + 1))  # 2021—2025年各年
        period = fmt.t(lang, "audit_years_running", period=fmt.period(f"{years[0]}-{years[-1]}", lang))
        words |= dict(years=period if running else join_list((fmt.period(str(y), lang) for y in years), lang))
        words |= dict(values=join_list((show_value(v, lang) for v in group), lang))
        pair = lambda v: fmt.t(lang, "audit_year_value", year=fmt.period(v.period, lang), value=show_value(v, lang))
        items.append(fmt.t(lang, "audit_input_years", pairs=join_list(map(pair, group), lang), **words))
    return join_list(items, lang)


def verdict_label(kind: str, lang: str) -> str:
    return fmt.t(lang, f"audit_verdict_{kind}")


def _lower(text, lang: str) -> str:
    """A verdict's label inside a sentence: "consistent" (Chinese has no case)."""
    return str(fmt.plain(text)).lower() if lang == "en" else str(fmt.plain(text))


def deflator_name(ds: Dataset, region: str, lang: str) -> fmt.Md:
    """China's GDP deflator / 国内生产总值平减指数; another region's 地区生产总值平减指数."""
    key = f"audit_deflator_{region}"
    return (
        fmt.t(lang, key)
        if key in fmt.templates(lang)
        else fmt.t(lang, "audit_deflator_region", region=ds.subject.region_name(region, lang))
    )


def _region_value(verdict: Verdict, region: str, lang: str) -> str:
    """A region's value in a rank claim: as printed when one value, else its compounded figure as one number."""
    printed = verdict.details.get("region_values", {}).get(region, [])
    if len(printed) == 1:
        return show_value(printed[0], lang)
    return one_number(verdict.details["regions"][region], verdict.details["unit"], lang, 1)


# --- one function per kind of explanation: (verdict, dataset, language) -> sentences ------------------------


def _additions(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """Gross additions against the net change of a total: the change, and the least number that left."""
    start, end = verdict.details["ends"]
    number = lambda interval: one_number(interval, verdict.unit, lang, _decimals(verdict.claimed, verdict.unit))
    words = dict(
        start=_one_input(start, ds, lang), end=_one_input(end, ds, lang), net=number(verdict.details["net_change"])
    )
    words |= dict(
        reported=number(verdict.claimed.interval) if verdict.claimed else "", exits=number(verdict.details["exits"])
    )
    return [
        fmt.t(
            lang,
            f"audit_explain_additions_{verdict.kind}",
            gap=show_gap(verdict, lang) if verdict.gap is not None else "",
            **words,
        )
    ]


def _rose(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """A share said to have risen to its level: the earlier share, from its part and whole, against it."""
    details = verdict.details
    words = dict(
        year=fmt.period(str(details["earlier_period"]), lang),
        earlier=one_number(details["earlier"], "%", lang, 1),
        part=_one_input(details["part"], ds, lang),
        whole=_one_input(details["whole"], ds, lang),
        reported=show_value(verdict.claimed, lang) if verdict.claimed else "",
    )
    return [fmt.t(lang, f"audit_explain_rose_{verdict.kind}", **words)]


def _streak(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """A streak against the streaks earlier releases printed, carried forward one year at a time."""
    assert verdict.recomputed is not None and verdict.claimed is not None
    item = lambda x: fmt.t(lang, "audit_streak_item", year=fmt.period(str(x.period), lang), value=show_value(x, lang))
    words = dict(
        chain=join_list(map(item, verdict.inputs), lang), end=fmt.period(str(verdict.details["end_year"]), lang)
    )
    words |= dict(
        implied=show_interval(verdict.recomputed, verdict.unit, lang, 0), reported=show_value(verdict.claimed, lang)
    )
    return [fmt.t(lang, f"audit_explain_streak_{verdict.kind}", **words)]


def _rank(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """A rank claim the data decide: the subject's value against each peer's, and the ranks they allow."""
    assert verdict.recomputed is not None
    subject = verdict.details["subject"]
    say = lambda r: fmt.t(
        lang, "audit_region_value", region=ds.subject.region_name(r, lang), value=_region_value(verdict, r, lang)
    )
    listed = lambda regions: join_list(map(say, regions), lang)
    words = dict(subject=ds.subject.region_name(subject, lang), value=be(_region_value(verdict, subject, lang), lang))
    words |= dict(
        rank=show_interval(verdict.recomputed, "位", lang, 0),
        reported=show_value(verdict.claimed, lang) if verdict.claimed else "",
    )
    if verdict.kind == "inconsistent":
        leaders = verdict.details.get("leaders", [])
        return [counted(lang, "audit_explain_rank_gap", len(leaders), leaders=listed(leaders), **words)]
    peers = [r for r in verdict.claim.regions[1:] if r in verdict.details["regions"]]
    first = verdict.recomputed.lo == verdict.recomputed.hi == 1
    key = "audit_explain_rank_first" if first else "audit_explain_rank_consistent"
    return [fmt.t(lang, key, regions=listed(peers), **words)]


def _rank_rose(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """A subject said to have risen to its rank: where it stood against its peers in the year before."""
    assert verdict.recomputed is not None and verdict.claimed is not None
    subject, peers = (
        verdict.details["subject"],
        [r for r in verdict.claim.regions[1:] if r in verdict.details["regions"]],
    )
    say = lambda r: fmt.t(
        lang, "audit_region_value", region=ds.subject.region_name(r, lang), value=_region_value(verdict, r, lang)
    )
    words = dict(subject=ds.subject.region_name(subject, lang), value=_region_value(verdict, subject, lang))
    words |= dict(year=fmt.period(str(verdict.inputs[0].period), lang), regions=join_list(map(say, peers), lang))
    words |= dict(rank=show_interval(verdict.recomputed, "位", lang, 0), reported=show_value(verdict.claimed, lang))
    return [fmt.t(lang, f"audit_explain_rank_rose_{verdict.kind}", **words)]


def _thresholds(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """Whole thresholds crossed: the start worked out, the end, and the thresholds passed on the way."""
    assert verdict.recomputed is not None and verdict.claim.step is not None
    end = verdict.inputs[1] if verdict.claim.relation == "threshold_count" else verdict.inputs[0]
    start, step, unit = verdict.details["start"], verdict.claim.step, verdict.details["unit"]
    marks = [k * step for k in range(math.floor(start.lo / step) + 1, math.floor(end.interval.lo / step) + 1)]
    passed = counted(lang, "audit_n_thresholds", verdict.recomputed.lo)
    if len(marks) == verdict.recomputed.lo == verdict.recomputed.hi and 0 < len(marks) <= 4:
        shown = join_list((fmt.amount(x, unit, lang, m.decimals_of(str(step).removesuffix(".0"))) for x in marks), lang)
        passed = fmt.t(lang, "audit_thresholds_marks", marks=shown, count=passed)
    words = dict(start=be(one_number(start, unit, lang, end.decimals + 1), lang), end=show_value(end, lang))
    return [
        fmt.t(
            lang, "audit_explain_thresholds", inputs=describe_inputs(verdict.inputs, ds, lang), passed=passed, **words
        )
    ]


def _implied_previous(verdict: Verdict, lang: str) -> str:
    """The earlier level a growth rate implies, against the published one, both in the later level's unit."""
    previous, current = verdict.details["previous"], verdict.details["current"]
    difference, direction = verdict.details["implied_previous_vs_published_pct"], "above"
    if difference.hi < 0:
        difference, direction = Interval(-difference.hi, -difference.lo), "below"
    elif difference.lo <= 0:
        return ""
    decimals = current.decimals + 1
    same_unit = previous.unit == current.unit
    published = (
        show_value(previous, lang)
        if same_unit
        else fmt.amount(previous.interval_in(current.unit).mid, current.unit, lang, decimals)
    )
    words = dict(
        year=fmt.period(previous.period, lang), published=published, direction=fmt.t(lang, f"audit_compare_{direction}")
    )
    words |= dict(implied=be(one_number(verdict.details["implied_previous"], current.unit, lang, decimals), lang))
    return fmt.t(lang, "audit_explain_implied_previous", difference=one_number(difference, "%", lang, 1), **words)


def _judged(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """Any other judged claim: what the inputs give, against the article's figure (and the gap, if any)."""
    whole = (
        verdict.unit in EXACT_COUNT_UNITS
        and verdict.claimed is not None
        and verdict.claimed.interval.lo == verdict.claimed.interval.hi
    )
    exact = (
        "_exact" if whole and verdict.recomputed is not None and verdict.recomputed.lo == verdict.recomputed.hi else ""
    )  # no rounding
    words = dict(inputs=describe_inputs(verdict.inputs, ds, lang), recomputed=recomputed_in_text(verdict, lang))
    words |= dict(
        reported=show_value(verdict.claimed, lang) if verdict.claimed else "",
        gap=show_gap(verdict, lang) if verdict.gap else "",
    )
    if (
        exact and verdict.claim.relation in THRESHOLD_RELATIONS and verdict.claimed and verdict.recomputed
    ):  # said as thresholds
        said = lambda n: counted(lang, "audit_n_thresholds", n)
        words |= dict(
            reported=said(verdict.claimed.value), recomputed=said(verdict.recomputed.lo), gap=said(verdict.gap or 0)
        )
    if verdict.kind == "consistent":
        return [fmt.t(lang, f"audit_explain_consistent{exact}", **words)]
    words |= dict(direction=fmt.t(lang, f"audit_direction_{verdict.details['direction']}"))
    return [
        fmt.t(lang, f"audit_explain_gap{exact}", **words),
        _implied_previous(verdict, lang) if "implied_previous" in verdict.details else "",
    ]


def _missing(verdict: Verdict, ds: Dataset, lang: str) -> list[str]:
    """What a check cannot be made without, in words, the nearest the sources hold, and for a rank claim what the
    missing peer's figure would have to be."""
    needed = join_list((ref_label(ref, ds, lang, needed=True) for ref in verdict.missing), lang)
    parts: list[str] = [counted(lang, "audit_explain_missing", len(verdict.missing), missing=needed)]
    near = list(verdict.details.get("nearest", {}).values())
    above = [n for n in near if n.interval.lo > verdict.details["bound"]] if verdict.reason == "rank_missing" else []
    near = [n for n in near if n not in above]
    listed = lambda values: join_list((_one_input(n, ds, lang) for n in values), lang)
    if near:
        parts.append(counted(lang, "audit_explain_nearest", len(near), items=listed(near)))
    if verdict.reason == "rank_missing":
        subject, regions = verdict.details["subject"], verdict.details["missing_regions"]
        words = dict(
            subject=ds.subject.region_name(subject, lang), value=be(_region_value(verdict, subject, lang), lang)
        )
        words |= dict(regions=join_list((ds.subject.region_name(r, lang) for r in regions), lang))
        words |= dict(bound=fmt.amount(verdict.details["bound"], verdict.details["unit"], lang, 3))
        place = int(verdict.claimed.value) if verdict.claimed is not None else 1
        if place == 1:
            parts.append(counted(lang, "audit_explain_rank_condition", len(regions), **words))
        else:  # a lower place: how many of the cities compared must stand above, not below a bound
            counts = {"en": {1: "one", 2: "two", 3: "three"}, "zh": {1: "一", 2: "两", 3: "三"}}[lang]
            words |= dict(place=fmt.rank(place, lang), ahead_count=counts.get(place - 1, str(place - 1)))
            parts.append(fmt.t(lang, "audit_explain_rank_place_condition", **words))
        if above:
            parts.append(counted(lang, "audit_explain_rank_other_year", len(above), items=listed(above)))
    return parts
