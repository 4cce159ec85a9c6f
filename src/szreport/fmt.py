"""Number formatting in the report's language, and generated prose from the templates in ``locale/``.

Chinese keeps the article's own units (3.87万亿元, 2453.1亿元); English converts them to the usual words
(CNY 3.87 trillion, CNY 245.31 billion, 26,000 firms). Templates hold no figures: every number in a
sentence is a placeholder filled from data.

One escaping rule for text from the data folder (labels, notes, titles, publishers, claim texts), which is
untrusted: :func:`t` fills a trusted template with values and returns :class:`Md`, Markdown in which every
value that is not itself ``Md`` has been neutralised by :func:`md` (each ASCII punctuation character
backslash-escaped, which CommonMark and nbconvert's renderer show as the literal character, HTML-escaped;
line breaks folded; bidirectional override characters removed). ``Md`` joined or concatenated with other
text escapes that text too, so markup can only come from the templates. Sinks that are not Markdown
(charts, HTML tables, the landing page) take :func:`plain`, which turns ``Md`` back into the literal text
(then escaped by the sink for HTML).

A figure stated in prose is wrapped by :func:`keyed` in ``<span data-key="KEY">``, KEY being its results.json
key, so that a reader, a test or a script on the page can find every number a sentence states; :func:`plain`
drops these spans with the escapes.
"""

from __future__ import annotations

import html
import json
import math
import re
from functools import cache
from pathlib import Path

import yaml

from szreport.metrics import Interval

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
    "元/美元": (1.0, "", " yuan per US dollar", 0),
    "pp": (1.0, "", " percentage points", 0),
}
ZH_UNITS = {"pp": "个百分点", "位": ""}
QUALIFIER_WORDS = {
    "zh": {"exact": ("", ""), "over": ("超", ""), "about": ("约", ""), "at_least": ("", "以上")},
    "en": {"exact": ("", ""), "over": ("over ", ""), "about": ("about ", ""), "at_least": ("at least ", "")},
}


# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it leaves no tag, entity, link,
# image, emphasis, code span, math, heading or list that data text could open.
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# What plain() undoes in Md, in one pass: an escape, or a span made by keyed() (or a sentence's wrapper).
_MD_PLAIN_TOKENS = re.compile(r"\\([!-/:-@\[-`{-~])|<span data-(?:key|sz-text)=\"[a-z0-9_]+\">|</span>")
# results.json keys: snake_case, so a key needs no escaping in an attribute.
_RESULT_KEY = re.compile(r"[a-z][a-z0-9_]*")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
# Bidirectional embeddings, overrides and isolates (U+202A-E, U+2066-9): in data text they would reorder how
# the rest of a sentence reads, so they are removed wherever data text meets a page.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


class Md(str):
    """Markdown made from trusted templates; any data text inside it is already escaped (see :func:`md`)."""

    __slots__ = ()

    def __add__(self, other):
        return Md(str.__add__(self, md(other)))

    def __radd__(self, other):
        return Md(str.__add__(md(other), self))

    def join(self, items) -> Md:
        return Md(str.join(self, [md(item) for item in items]))


class Templated(Md):
    """``Md`` made by :func:`t`, which remembers its template's key (``h_gdp``): a heading's key names its section
    in every language (:func:`szreport.present.navigation.anchor`). Joined or concatenated, it is plain ``Md`` again."""

    template_key: str


def md(value) -> Md:
    """``value`` as Markdown that shows it literally: ``Md`` is kept, anything else is escaped as data text."""
    if isinstance(value, Md):
        return value
    text = _LINE_BREAKS.sub(" ", str(value)).translate(_BIDI_CONTROLS)
    return Md(_MD_PUNCTUATION.sub(r"\\\1", text))


def code(value) -> Md:
    """``value`` as a Markdown code span: shown literally, in a fence longer than any run of backticks in it."""
    text = _LINE_BREAKS.sub(" ", str(value)).translate(_BIDI_CONTROLS)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return Md(f"{fence} {text} {fence}")


def plain(value):
    """The literal text of ``Md`` (escapes undone), for sinks that are not Markdown: charts, HTML tables, CSV.

    Plain strings lose their bidirectional controls; lists, tuples, dicts and DataFrames are converted item by
    item (column names included); anything else is returned as it is."""
    if isinstance(value, Md):
        return _MD_PLAIN_TOKENS.sub(lambda match: match.group(1) or "", str.__str__(value))
    if isinstance(value, str):
        return value.translate(_BIDI_CONTROLS)
    if isinstance(value, (list, tuple)):
        return type(value)(plain(item) for item in value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if hasattr(value, "columns") and hasattr(value, "map"):  # a pandas DataFrame
        return value.rename(columns=plain).map(plain)
    return value


def keyed(key: str, text) -> Md:
    """A figure stated in prose, as Markdown: ``<span data-key="KEY">text</span>``, KEY its results.json key (the
    section must record it). ``text`` is escaped as data text unless it is already ``Md``."""
    if not _RESULT_KEY.fullmatch(key):
        raise ValueError(f"not a results.json key: {key!r}")
    return Md(f'<span data-key="{key}">') + md(text) + Md("</span>")


_KEYED_SPAN = re.compile(r'(<span data-key="[a-z0-9_]+">|</span>)')


def cell_html(value) -> str:
    """A table cell as HTML: literal text, escaped, except that a figure marked by :func:`keyed` keeps its
    ``<span data-key>`` (the only markup an ``Md`` cell can carry into a table)."""
    if not isinstance(value, Md):
        return html.escape(str(plain(one_line(value))))
    parts = _KEYED_SPAN.split(str.__str__(value))
    return "".join(part if _KEYED_SPAN.fullmatch(part) else html.escape(one_line(plain(Md(part)))) for part in parts)


_INLINE_SPAN = re.compile(r'(<span data-(?:key|sz-text)="[a-z0-9_]+">|</span>)')


def inline_html(value) -> str:
    """One generated sentence as inline HTML: literal text, escaped, keeping only the spans the templates put in
    (a figure's ``data-key``, a live sentence's ``data-sz-text``); for sinks outside Markdown, such as the key
    findings box."""
    if not isinstance(value, Md):
        return html.escape(str(plain(one_line(value))))
    parts = _INLINE_SPAN.split(str.__str__(value))
    return "".join(part if _INLINE_SPAN.fullmatch(part) else html.escape(one_line(plain(Md(part)))) for part in parts)


def json_for_script(value) -> str:
    """JSON safe inside a <script> element: no "<", ">" or "&" in it, so data text cannot close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def one_line(value):
    """Text with its line breaks folded to spaces (pandas would show a break in a table cell as a literal \\n)."""
    return _LINE_BREAKS.sub(" ", value.replace("\t", " ")) if isinstance(value, str) else value


def html_text(value) -> str:
    """Text for an HTML page built by hand (the landing page): literal, then HTML-escaped."""
    return html.escape(str(plain(value)))


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    return lang


MINUS = "\u2212"  # a true minus sign, as typeset numbers have it (a hyphen-minus is for machines: CSV, JSON)


def number(value: float, decimals: int, lang: str) -> str:
    """A number with fixed decimals; English groups thousands with commas, Chinese does not. A negative number
    has a true minus (−1.1); a value that rounds to zero has no sign (-0.04 with one decimal is 0.0)."""
    if decimals < 0:
        decimals = 0
    text = f"{value:,.{decimals}f}" if lang == "en" else f"{value:.{decimals}f}"
    if text.startswith("-"):
        return text[1:] if not text.strip("-0.,") else MINUS + text[1:]
    return text


def amount(value: float, unit: str, lang: str, decimals: int = 1, qualifier: str = "exact") -> str:
    """A figure with its unit in the report's language, e.g. 3.87万亿元 / CNY 3.87 trillion."""
    check_lang(lang)
    if qualifier == "about_fraction":  # 约1/4, stored as 25 (%): shown as printed, a fraction
        from szreport.metrics import unit_fraction_denominator

        return t(lang, "about_fraction", fraction=f"1/{unit_fraction_denominator(value)}")
    before, after = QUALIFIER_WORDS[lang].get(qualifier, ("", ""))
    if lang == "zh":
        return f"{before}{number(value, decimals, lang)}{ZH_UNITS.get(unit, unit)}{after}"
    factor, prefix, suffix, extra = EN_UNITS.get(unit, (1.0, "", f" {unit}", 0))
    shown = number(value * factor, decimals + extra, lang)
    if shown == "1" and suffix in (" years", " percentage points"):  # 1 year, 1 percentage point
        suffix = suffix[:-1]
    return f"{before}{prefix}{shown}{suffix}{after}"


def amount_range(interval: Interval, unit: str, lang: str, decimals: int = 1) -> str:
    """An interval as one figure when both ends round alike, otherwise as a range in words: "6.4% to 6.5%",
    "CNY 1.03 to 1.05 trillion" / "6.4%至6.5%", "1.03至1.05万亿元" (never a dash between signed numbers)."""
    lo, hi = interval.lo, interval.hi
    if math.isinf(hi):
        return amount(lo, unit, lang, decimals, qualifier="over")
    lo_text, hi_text = amount(lo, unit, lang, decimals), amount(hi, unit, lang, decimals)
    if lo_text == hi_text:
        return lo_text
    if lang == "zh":
        shown = ZH_UNITS.get(unit, unit)
        if unit in ("%", "pp"):
            return f"{lo_text}至{hi_text}"
        return f"{number(lo, decimals, lang)}至{number(hi, decimals, lang)}{shown}"
    factor, prefix, suffix, extra = EN_UNITS.get(unit, (1.0, "", f" {unit}", 0))
    low, high = number(lo * factor, decimals + extra, lang), number(hi * factor, decimals + extra, lang)
    if suffix.startswith(" ") or not suffix:  # a word after the number: CNY 1.03 to 1.05 trillion
        return f"{prefix}{low} to {high}{suffix}"
    return f"{prefix}{low}{suffix} to {prefix}{high}{suffix}"  # a sign after it: −1.1% to 3.9%


def about(interval: Interval, unit: str, lang: str, decimals: int = 1) -> str:
    """A derived figure in running text: one number, at the most decimals (up to ``decimals``) at which both ends
    of its interval round to it or to a neighbour of its last digit, with "about" / "约" when they do not round
    to it alike ("about CNY 1.04 trillion" for 1.03-1.05). An interval too wide for any whole number is said as
    a range (:func:`amount_range`). The interval itself belongs in the figure's note, results.json and the audit."""
    lo, hi = interval.lo, interval.hi
    if math.isinf(lo) or math.isinf(hi):
        return amount_range(interval, unit, lang, decimals)
    for places in range(max(decimals, 0), -7, -1):  # in the figure's own unit, as amount() shows it
        step = 10.0**-places
        if step > abs(lo + hi) / 2 or (places < 0 and step > abs(lo + hi) / 20):  # the rounding would swallow
            break  # the value, or leave fewer than two significant digits: say the range
        mid, low, high = round((lo + hi) / 2, places), round(lo, places), round(hi, places)
        if low == high:
            return amount(low, unit, lang, places)
        if abs(low - mid) <= step * 1.000001 and abs(high - mid) <= step * 1.000001:
            return amount(mid, unit, lang, places, qualifier="about")
    return amount_range(interval, unit, lang, decimals)


def stated(figure, lang: str, text=None) -> Md:
    """An article figure stated in prose: :func:`printed` (or ``text``) marked with its results.json key
    (``data-key``), so that the page can show where it comes from (szreport.present.provenance)."""
    return keyed(figure.key, printed(figure, lang) if text is None else text)


def printed(figure, lang: str, unit: str | None = None) -> str:
    """An article figure as printed, in the report's language: ranks as ordinals, otherwise the amount with
    its qualifier (超, 约, 以上), optionally converted to another ``unit`` of the same kind."""
    if figure.measure == "rank":
        return rank(figure.value, lang)
    value = figure.value if unit is None else figure.in_unit(unit)
    return amount(value, unit or figure.unit, lang, figure.decimals, figure.qualifier)


def rank(position: float, lang: str) -> str:
    """Ordinal rank: 第一 / first."""
    zh = {1: "第一", 2: "第二", 3: "第三", 4: "第四", 5: "第五"}
    en = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    table = zh if lang == "zh" else en
    return table.get(int(position), f"第{position}" if lang == "zh" else f"#{position}")


def period(text: str, lang: str) -> str:
    """'2020-2025' as 2020—2025年 / 2020–2025; a single year as 2025年 / 2025."""
    if str(text) == "latest":  # printed without a year (szreport.data.periods.UNDATED)
        return t(lang, "period_undated")
    parts = str(text).split("-")
    if lang == "zh":
        return f"{parts[0]}—{parts[1]}年" if len(parts) == 2 else f"{parts[0]}年"
    return "–".join(parts)


# The end of a sentence: a full stop, question or exclamation mark or an ellipsis, before any closing quote or bracket.
_SENTENCE_END = re.compile(r"[.。!?！？…][\"”’)）」』]*$")
_DANGLING = re.compile(r"[\s,，;；:：、]+$")  # what gives way to the stop a sentence is given
STOP = {"zh": "。", "en": "."}  # the full stop a sentence of each language ends with
SENTENCE_SPACE = {"zh": "", "en": " "}  # what stands between two sentences


def sentences(parts, lang: str) -> str:
    """``parts`` as one run of sentences of ``lang``, each with one stop: a part that ends with its own (a note,
    a formula in words, a generated sentence) keeps it and gets no second one ("allow.. Computed", "区间。。"); a
    comma, colon or semicolon at a part's end gives way to the stop; empty parts are left out. Markdown (:class:`Md`)
    when any part is Markdown.

    >>> sentences(["Each over its interval.", "Computed from: GDP"], "en")
    'Each over its interval. Computed from: GDP.'
    >>> sentences(["各取其区间。", "计算依据：地区生产总值，"], "zh")
    '各取其区间。计算依据：地区生产总值。'
    """
    check_lang(lang)
    parts = list(parts)
    markdown = any(isinstance(part, Md) for part in parts)  # Markdown in, Markdown out: the other parts escaped
    ended = []
    for part in parts:
        text = _DANGLING.sub("", str.__str__(md(part) if markdown else str(part)).strip())
        if text:
            ended.append(text if _SENTENCE_END.search(text) else text + STOP[lang])
    joined = SENTENCE_SPACE[lang].join(ended)
    return Md(joined) if markdown else joined


@cache
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


def t(lang: str, key: str, **values) -> Md:
    """The template ``key`` in ``lang`` filled with ``values`` as Markdown; a missing key or placeholder is an
    error. Numbers are filled as they are; every text that is not ``Md`` is escaped (:func:`md`)."""
    table = templates(lang)
    if key not in table:
        raise KeyError(f"no text {key!r} in locale/*.{lang}.yaml")
    safe = {name: value if isinstance(value, (int, float)) else md(value) for name, value in values.items()}
    template = str(table[key])
    about = QUALIFIER_WORDS[lang]["about"][0]  # a value that says "about" itself (:func:`about`) is not said twice
    for name, value in values.items():
        if not isinstance(value, (int, float)) and str(plain(value)).startswith(about):
            template = template.replace(f"{about}{{{name}}}", f"{{{name}}}").replace(
                f"{about}为{{{name}}}", f"为{{{name}}}"
            )
    try:
        text = Templated(template.format(**safe))
    except KeyError as exc:
        raise KeyError(f"text {key!r} ({lang}) needs value {exc}") from None
    text.template_key = key
    return text
