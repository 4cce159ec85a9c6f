"""Number formatting in the report's language, and generated prose from the templates in ``locale/``.

Chinese keeps the article's own units (3.87万亿元, 2453.1亿元); English converts them to the usual words
(CNY 3.87 trillion, CNY 245.31 billion, 26,000 firms). Templates hold no figures: every number in a
sentence is a placeholder filled from data.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import yaml

from .metrics import Interval

LANGS = ("zh", "en")
LOCALE_DIR = Path(__file__).with_name("locale")

# English rendering of each unit: (multiplier from the printed unit, prefix, suffix, extra decimals).
# 1亿 = 0.1 billion, so a 亿 figure printed with d decimals needs d + 1 decimals in billions.
EN_UNITS = {
    "万亿元": (1.0, "CNY ", " trillion", 0),
    "亿元": (0.1, "CNY ", " billion", 1),
    "亿美元": (0.1, "US$", " billion", 1),
    "%": (1.0, "", "%", 0),
    "家": (1.0, "", "", 0),
    "万家": (1e4, "", "", -4),
    "个": (1.0, "", "", 0),
    "种": (1.0, "", "", 0),
    "项": (1.0, "", "", 0),
    "年": (1.0, "", " years", 0),
    "位": (1.0, "", "", 0),
    "GHz": (1.0, "", " GHz", 0),
    "pp": (1.0, "", " percentage points", 0),
}
ZH_UNITS = {"pp": "个百分点", "位": ""}
QUALIFIER_WORDS = {
    "zh": {"exact": ("", ""), "over": ("超", ""), "about": ("约", ""), "at_least": ("", "以上")},
    "en": {"exact": ("", ""), "over": ("over ", ""), "about": ("about ", ""), "at_least": ("at least ", "")},
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    return lang


def number(value: float, decimals: int, lang: str) -> str:
    """A number with fixed decimals; English groups thousands with commas, Chinese does not."""
    if decimals < 0:
        decimals = 0
    text = f"{value:,.{decimals}f}" if lang == "en" else f"{value:.{decimals}f}"
    return "0" if text in ("-0", "-0.0") and decimals == 0 else text


def amount(value: float, unit: str, lang: str, decimals: int = 1, qualifier: str = "exact") -> str:
    """A figure with its unit in the report's language, e.g. 3.87万亿元 / CNY 3.87 trillion."""
    check_lang(lang)
    before, after = QUALIFIER_WORDS[lang].get(qualifier, ("", ""))
    if lang == "zh":
        return f"{before}{number(value, decimals, lang)}{ZH_UNITS.get(unit, unit)}{after}"
    factor, prefix, suffix, extra = EN_UNITS.get(unit, (1.0, "", f" {unit}", 0))
    return f"{before}{prefix}{number(value * factor, decimals + extra, lang)}{suffix}{after}"


def amount_range(interval: Interval, unit: str, lang: str, decimals: int = 1) -> str:
    """An interval as one figure when both ends round alike, otherwise as lo–hi (6.4–6.5%)."""
    lo, hi = interval.lo, interval.hi
    if math.isinf(hi):
        return amount(lo, unit, lang, decimals, qualifier="over")
    lo_text, hi_text = amount(lo, unit, lang, decimals), amount(hi, unit, lang, decimals)
    if lo_text == hi_text:
        return lo_text
    if lang == "zh":
        return f"{number(lo, decimals, lang)}–{hi_text}"
    factor, prefix, suffix, extra = EN_UNITS.get(unit, (1.0, "", f" {unit}", 0))
    return f"{prefix}{number(lo * factor, decimals + extra, lang)}–{number(hi * factor, decimals + extra, lang)}{suffix}"


def printed(figure, lang: str, unit: str | None = None) -> str:
    """An article figure as printed, in the report's language: ranks as ordinals, otherwise the amount with
    its qualifier (超, 约, 以上), optionally converted to another ``unit`` of the same kind."""
    if figure.measure == "rank":
        return rank(figure.value, lang)
    value = figure.value if unit is None else figure.in_unit(unit)
    return amount(value, unit or figure.unit, lang, figure.decimals, figure.qualifier)


def rank(position: int, lang: str) -> str:
    """Ordinal rank: 第一 / first."""
    zh = {1: "第一", 2: "第二", 3: "第三", 4: "第四", 5: "第五"}
    en = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    table = zh if lang == "zh" else en
    return table.get(int(position), f"第{position}" if lang == "zh" else f"#{position}")


def period(text: str, lang: str) -> str:
    """'2020-2025' as 2020—2025年 / 2020–2025; a single year as 2025年 / 2025."""
    parts = str(text).split("-")
    if lang == "zh":
        return f"{parts[0]}—{parts[1]}年" if len(parts) == 2 else f"{parts[0]}年"
    return "–".join(parts)


@lru_cache(maxsize=None)
def templates(lang: str) -> dict:
    """All templates of a language: every ``locale/*.<lang>.yaml`` file merged; a key defined twice is an error."""
    check_lang(lang)
    merged: dict = {}
    for path in sorted(LOCALE_DIR.glob(f"*.{lang}.yaml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if key in merged:
                raise KeyError(f"text {key!r} is defined twice (again in {path.name})")
            merged[key] = value
    return merged


def t(lang: str, key: str, **values) -> str:
    """The template ``key`` in ``lang`` filled with ``values``; a missing key or placeholder is an error."""
    table = templates(lang)
    if key not in table:
        raise KeyError(f"no text {key!r} in locale/*.{lang}.yaml")
    try:
        return str(table[key]).format(**values)
    except KeyError as exc:
        raise KeyError(f"text {key!r} ({lang}) needs value {exc}") from None
