"""A short glossary of the terms a reader meets, in both languages: the first use of each term on a page opens its
definition on hover, focus or tap, and the PDF lists the terms the page used, with their definitions, at its end.

The terms are in ``locale/glossary.<lang>.yaml`` (``glossary_terms``): for each, the name shown above its
definition, the surface forms that mark a use of it in a page's text ("above designated size", "规模以上",
"little giants", "小巨人"), and the definition, reader's sentences written for this glossary. The one number of a
definition, the threshold of "above designated size", is a statistical definition, not data: it is a constant
here (:data:`ABOVE_DESIGNATED_SIZE_THRESHOLD_YUAN`), filled into the sentence in the page's language.

:class:`Uses` follows one page: :meth:`Uses.mark` wraps the first use of each term in the Markdown the page shows,
in the page's language, as ``<dfn class="sz-term" data-term="<key>">…</dfn>``, and remembers which terms the page
has used, in order. Only running text is marked, never inside an HTML tag or its attributes, a link, a heading, a
code span, a figure (``<span data-key>``), a sentence that the page's own script rewrites (``<span data-sz-text>``)
or a verdict badge (``<a class="sz-badge">``, like every ``<a>``). Matching runs on the Markdown source, in which
data text is escaped (every ASCII punctuation character after a backslash, :func:`szreport.fmt.md`): a form
matches across those escapes, and the text it matched is kept as it is, so no data text is ever read as markup.

:meth:`Uses.html` gives what the page needs once, at its end: the terms it used (JSON that cannot close its
script element) and ``glossary.js`` (inline, no network), which makes each marked term focusable and opens its
definition; the same script writes the print-only list "Terms used in this report" before the page's footer.
The definitions are shown as text only (``textContent``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from szreport import fmt

SCRIPT_PATH = Path(__file__).with_name("glossary.js")
TERMS_KEY = "glossary_terms"  # the locale key of the glossary's terms (locale/glossary.<lang>.yaml)
# Words of the page's script, from the locale files, by the name the script knows them by.
UI_KEYS = {"heading": "glossary_heading", "close": "glossary_close"}
# The statistical threshold of "above designated size" (规模以上): industrial firms with an annual revenue from their
# main business of CNY 20 million or more, the National Bureau of Statistics' threshold since 2011.
ABOVE_DESIGNATED_SIZE_THRESHOLD_YUAN = 20_000_000
_TERM_KEY = re.compile(r"[a-z][a-z0-9_]*")  # a term's key is written in attributes unescaped

# The Markdown source's tokens that matter for where a term may be marked, scanned left to right: an escape (text,
# skipped whole so that an escaped "<" or "`" opens nothing), a code span's opening run of backticks, an HTML
# comment, an autolink, an HTML tag, an inline link or image, a bare address and a heading line.
_TOKEN = re.compile(
    r"(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<code>`+)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<autolink><[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)"
    r"|(?P<tag><(?P<closing>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s[^<>]*)?)>)"
    r"|(?P<link>!?\[(?:\\.|[^\]\\])*\]\((?:\\.|[^)\\])*\))"
    r"|(?P<url>https?://[^\s<>]*)"
    r"|(?P<heading>^[ ]{0,3}\#{1,6}(?=[ \t]|$)[^\n]*)",
    re.S | re.M,
)
# Elements whose text is never marked (besides a span that carries a figure or a sentence the page rewrites).
_PROTECTED = frozenset(
    {"a", "abbr", "button", "code", "dfn", "kbd", "pre", "samp", "script", "style", "summary", "textarea", "title"}
    | {f"h{level}" for level in range(1, 7)}
)
_PROTECTED_SPAN = re.compile(r"\sdata-(?:key|sz-text)\s*=")
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Characters a form may meet written otherwise in the source: quotation marks, straight or curved, and "&" as an
# entity; any ASCII punctuation may carry the backslash of an escape.
_SAME = {'"': '"“”', "“": '"“”', "”": '"“”', "'": "'‘’", "‘": "'‘’", "’": "'‘’"}


@dataclass(frozen=True)
class Term:
    """One entry of the glossary in one language."""

    key: str  # the same in every language; the marked element's data-term
    term: str  # the name shown above the definition
    forms: tuple[str, ...]  # the words that mark a use of the term in the page's text
    definition: str  # plain text, the threshold filled in


def threshold_text(lang: str) -> str:
    """The threshold of "above designated size" as the definition says it: CNY 20 million, 2000万元."""
    if lang == "zh":
        return f"{fmt.number(ABOVE_DESIGNATED_SIZE_THRESHOLD_YUAN / 1e4, 0, lang)}万元"
    return f"CNY {fmt.number(ABOVE_DESIGNATED_SIZE_THRESHOLD_YUAN / 1e6, 0, lang)} million"


@cache
def terms(lang: str) -> dict[str, Term]:
    """The glossary in ``lang``, by key, in the order of the locale file; a malformed entry is an error."""
    entries = fmt.templates(lang)[TERMS_KEY]
    out: dict[str, Term] = {}
    for key, entry in entries.items():
        if not _TERM_KEY.fullmatch(key) or set(entry) != {"term", "forms", "definition"}:
            raise ValueError(f"glossary entry {key!r} ({lang}) needs a snake_case key and term, forms, definition")
        forms = tuple(str(form) for form in entry["forms"])
        if not forms or not all(re.fullmatch(r"\w(?:.*\w)?", form) for form in forms):
            raise ValueError(f"glossary entry {key!r} ({lang}): every form begins and ends with a letter")
        definition = str(entry["definition"]).format(threshold=threshold_text(lang))
        out[key] = Term(key, str(entry["term"]), forms, " ".join(definition.split()))
    return out


def _form_pattern(form: str) -> str:
    """A form as a regular expression on the Markdown source: spaces match any run of white space, punctuation
    its escape too, and a form that begins or ends with a Latin letter or digit matches whole words only."""
    parts = []
    for char in form:
        if char.isspace():
            parts.append(r"[\s\xa0]+")
        elif char in _SAME:
            parts.append(r"\\?[" + re.escape(_SAME[char]) + "]")
        elif char == "&":
            parts.append(r"(?:\\?&(?:amp;)?)")
        elif re.fullmatch(r"[!-/:-@\[-`{-~]", char):
            parts.append(r"\\?" + re.escape(char))
        else:
            parts.append(re.escape(char))
    before = r"(?<![A-Za-z0-9])" if re.match(r"[A-Za-z0-9]", form) else ""
    after = r"(?![A-Za-z0-9])" if re.search(r"[A-Za-z0-9]$", form) else ""
    return before + "".join(parts) + after


@cache
def _pattern(lang: str, keys: tuple[str, ...]) -> re.Pattern | None:
    """One expression for the forms of the terms ``keys``, longest first (so that the longest form at a place
    wins), each in a group named after its term's index in ``keys``."""
    found = terms(lang)
    forms = sorted(
        ((form, i) for i, key in enumerate(keys) for form in found[key].forms), key=lambda entry: -len(entry[0])
    )
    if not forms:
        return None
    return re.compile("|".join(f"(?P<t{i}_{n}>{_form_pattern(form)})" for n, (form, i) in enumerate(forms)), re.I)


def free_ranges(source: str) -> list[tuple[int, int]]:
    """The parts of a Markdown source (start, end) that are running text, where a term may be marked."""
    ranges: list[tuple[int, int]] = []
    stack: list[tuple[str, bool]] = []  # the open elements: name, and whether their text is protected
    run, at = 0, 0  # where the current stretch of text began; where the scan goes on

    def close_run(end: int) -> None:
        if end > run and not any(protects for _, protects in stack):
            ranges.append((run, end))

    while (token := _TOKEN.search(source, at)) is not None:
        start, end = token.span()
        if token["escape"] is not None:
            at = end
            continue
        if token["code"] is not None:
            fence = re.compile(r"(?<!`)" + token["code"] + r"(?!`)")
            closing = fence.search(source, end)
            if closing is None:  # a run of backticks with no match is literal text
                at = end
                continue
            end = closing.end()
        close_run(start)
        if token["tag"] is not None:
            name = token["name"].lower()
            if token["closing"]:
                if any(open_name == name for open_name, _ in stack):
                    while stack and stack.pop()[0] != name:
                        pass
            elif name not in _VOID and not token["attrs"].rstrip().endswith("/"):
                attrs = token["attrs"] or ""
                stack.append((name, name in _PROTECTED or (name == "span" and bool(_PROTECTED_SPAN.search(attrs)))))
        run = at = end
    close_run(len(source))
    return ranges


def term_html(key: str, text: str) -> str:
    """The marked first use of a term: ``text`` is Markdown source kept as it is."""
    return f'<dfn class="sz-term" data-term="{key}">{text}</dfn>'


class Uses:
    """The terms one page has used, in the order of their first use, in the page's language."""

    def __init__(self, lang: str):
        self.lang = fmt.check_lang(lang)
        self.used: list[str] = []
        self._emitted = False

    def mark(self, text):
        """``text`` (Markdown) with the first use on the page of each term not used before marked; ``fmt.Md``
        stays ``fmt.Md``."""
        source = str.__str__(text)
        pieces: list[str] = []
        last = 0
        for start, end in free_ranges(source):
            at = start
            while at < end:
                keys = tuple(key for key in terms(self.lang) if key not in self.used)
                pattern = _pattern(self.lang, keys)
                found = pattern.search(source, at, end) if pattern is not None else None
                if found is None:
                    break
                assert found.lastgroup is not None  # every alternative is a named group
                key = keys[int(found.lastgroup[1:].split("_")[0])]
                pieces += [source[last : found.start()], term_html(key, found.group())]
                self.used.append(key)
                last = at = found.end()
        if not pieces:
            return text
        marked = "".join(pieces) + source[last:]
        return fmt.Md(marked) if isinstance(text, fmt.Md) else marked

    def html(self) -> str:
        """The page's glossary (the terms used and the script) for the page's end, once: nothing when the page has
        used no term or has had it already."""
        if not self.used or self._emitted:
            return ""
        self._emitted = True
        return panel(self.lang, self.used)


def model(lang: str, keys) -> dict:
    """What the page's script needs: the terms ``keys`` in that order (name and definition) and its words."""
    found = terms(lang)
    words = {name: str(fmt.plain(fmt.t(lang, key))) for name, key in UI_KEYS.items()}
    entries = [{"key": key, "term": found[key].term, "definition": found[key].definition} for key in keys]
    return {"lang": lang, "terms": entries, "words": words}


def panel(lang: str, keys) -> str:
    """The model (JSON) of the terms ``keys`` and the script that shows them, as HTML (see the module's
    docstring)."""
    script = SCRIPT_PATH.read_text(encoding="utf-8")
    if "</" in script:  # it would end the script element early
        raise ValueError(f"{SCRIPT_PATH.name} must not contain '</'")
    return (
        f'<script type="application/json" id="sz-glossary" data-sz-own="glossary-model">'
        f"{fmt.json_for_script(model(lang, keys))}</script>"
        f'<script data-sz-own="glossary-script">{script}</script>'
    )
