"""How to cite a report: plain text, BibTeX and CSL-JSON, in the page's language, generated at build time.

A citation names the report (or, on the landing page, the whole set), the day it was built, a short hash of
its inputs (``inputs_hash`` in the build record ``<lang>/build.json``: the data folder, the package and the
lock file) and the article as the primary source (``article`` in ``sources.csv``). Text from the data folder
(the article's title and publisher) is escaped for each format: BibTeX's special characters, JSON, and HTML
where the citation meets the page.

How a page names a source (:func:`source_reference`, also the line under each report's title and the front
page's note) is the same everywhere: on English pages the title in English (``title_en`` of ``sources.csv``, when
the data give one) with the original after it; on Chinese pages the original title in 《》, the publisher's gloss
in full-width brackets; and, for a source that is not the publisher's own page (``secondary``: a compilation, or
a copy on an aggregator site), a word saying so.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from szreport import fmt

SHORT_HASH = 12  # hex digits of the inputs hash a citation shows (as git shows a commit)
AUTHOR = "szreport"  # the reports are generated: the project is their author
# CSL's language tags for the report languages.
CSL_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}
# BibTeX's special characters and what stands for each literally.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_PATTERN = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))
# What ``secondary`` of sources.csv may say of a source (schema.yaml); each has its words (cite_secondary_<kind>).
SECONDARY_KINDS = ("compilation", "aggregator")
# A publisher's gloss at the end of its name, in ASCII brackets: 人民日报 (People's Daily).
_GLOSS = re.compile(r"\s*\(([^()]*)\)\s*$")


def _cell(source: Mapping, column: str) -> str:
    """A source's cell as text: a column the data folder lacks, or an empty cell (NaN), gives no text."""
    value = source.get(column)
    return value.strip() if isinstance(value, str) else ""


def publisher(source: Mapping, lang: str) -> str:
    """The publisher as a page in ``lang`` names it: on Chinese pages its gloss in full-width brackets."""
    text = _cell(source, "publisher")
    return _GLOSS.sub(lambda match: f"（{match.group(1)}）", text) if lang == "zh" else text


def secondary(source: Mapping) -> str:
    """What kind of secondary source this is (one of :data:`SECONDARY_KINDS`), or "" for the publisher's own."""
    kind = _cell(source, "secondary")
    return kind if kind in SECONDARY_KINDS else ""


def source_title(source: Mapping, lang: str) -> fmt.Md:
    """The source's title as a reader of ``lang`` reads it: in English the English title (``title_en``) with the
    original after it, or the title alone when there is no translation; in Chinese the original, in 《》."""
    title, english = _cell(source, "title"), _cell(source, "title_en")
    if lang == "en" and english and english != title:
        return fmt.t(lang, "cite_title_translated", title=english, original=title)
    return fmt.t(lang, "cite_title", title=title)


def source_reference(source: Mapping, lang: str) -> fmt.Md:
    """A source as a reader's text names it: publisher, title (:func:`source_title`) and date, and for a secondary
    source the words that say so (a secondary compilation, a copy on an aggregator site). Markdown, its data text
    escaped; :func:`fmt.plain` gives the literal text."""
    values = {"publisher": publisher(source, lang), "title": source_title(source, lang), "date": _cell(source, "date")}
    kind = secondary(source)
    if kind:
        return fmt.t(lang, "cite_source_secondary", secondary=fmt.t(lang, f"cite_secondary_{kind}"), **values)
    return fmt.t(lang, "cite_source", **values)


@dataclass(frozen=True)
class Citation:
    """What a citation says, in one language; the formats below only write it out."""

    lang: str
    key: str  # the BibTeX / CSL id: szreport_<report>_<lang>
    title: str  # the report's title in ``lang`` (plain text)
    path: str  # where the page stands in the output folder: en/economy.html, index.html
    built: dt.date
    inputs_hash: str  # the build record's inputs_hash (full); SHORT_HASH digits are shown
    version: str  # szreport's version
    article: Mapping[str, str]  # the article's row of sources.csv: publisher, title, date, url (title_en, secondary)

    @property
    def short_hash(self) -> str:
        return self.inputs_hash[:SHORT_HASH]

    @property
    def article_key(self) -> str:
        return f"{AUTHOR}_article"


def for_report(
    name: str, lang: str, built: dt.date, inputs_hash: str, version: str, article: Mapping[str, str], city: str
) -> Citation:
    """The citation of report ``name`` in ``lang`` (``name`` "index": the whole set, the landing page) about
    ``city`` (the subject's name in ``lang``)."""
    lang = fmt.check_lang(lang)
    is_index = name == "index"
    return Citation(
        lang=lang,
        key=f"{AUTHOR}_{name}_{lang}" if not is_index else f"{AUTHOR}_{lang}",
        title=str(fmt.plain(fmt.t(lang, "index_title" if is_index else f"title_{name}", city=city))),
        path="index.html" if is_index else f"{lang}/{name}.html",
        built=built,
        inputs_hash=inputs_hash,
        version=version,
        article={k: v if isinstance(v, str) else "" for k, v in article.items()},  # a missing cell: no text
    )


def plain_text(citation: Citation) -> str:
    """One line a reader can paste into a bibliography."""
    return str(
        fmt.plain(
            fmt.t(
                citation.lang,
                "cite_plain",
                author=AUTHOR,
                year=citation.built.year,
                title=citation.title,
                built=citation.built.isoformat(),
                hash=citation.short_hash,
                version=citation.version,
                path=citation.path,
                source=source_reference(citation.article, citation.lang),
            )
        )
    )


def bibtex_text(value) -> str:
    """``value`` as literal BibTeX field text: its special characters escaped, line breaks folded."""
    text = str(fmt.one_line(str(value)))
    return _BIBTEX_PATTERN.sub(lambda match: _BIBTEX_SPECIAL[match.group(0)], text)


def _bibtex_entry(kind: str, key: str, fields: dict[str, str], verbatim: tuple[str, ...] = ()) -> str:
    """An entry whose field values are escaped as literal text, except the fields named in ``verbatim``."""
    body = ",\n".join(
        f"  {name} = {{{value if name in verbatim else bibtex_text(value)}}}" for name, value in fields.items() if value
    )
    return f"@{kind}{{{key},\n{body}\n}}"


def bibtex(citation: Citation) -> str:
    """The report as a BibTeX ``@misc`` (biblatex reads ``date``, ``version`` and ``related`` too) and the
    article it rests on as an ``@article``, which the report names as ``related``."""
    note = fmt.plain(fmt.t(citation.lang, "cite_note", built=citation.built.isoformat(), hash=citation.short_hash))
    report = _bibtex_entry(
        "misc",
        citation.key,
        {
            "author": "{" + AUTHOR + "}",
            "title": citation.title,
            "year": str(citation.built.year),
            "date": citation.built.isoformat(),
            "version": f"{citation.version}+{citation.short_hash}",
            "howpublished": citation.path,
            "note": str(note),
            "related": citation.article_key,
            "langid": "chinese" if citation.lang == "zh" else "english",
        },
        verbatim=("author", "related"),  # a corporate name (braced, not "Last, First"); an entry key
    )
    article_date = str(citation.article["date"])
    article = _bibtex_entry(
        "article",
        citation.article_key,
        {
            "journal": citation.article["publisher"],
            "title": citation.article["title"],
            "titleaddon": _english_title(citation),  # biblatex prints it after the title
            "year": article_date[:4],
            "date": article_date,
            "url": citation.article.get("url") or "",
            "note": _secondary_words(citation),
        },
    )
    return report + "\n\n" + article + "\n"


def _english_title(citation: Citation) -> str:
    """The article's English title when an English citation has one to give (the original stays the title)."""
    english = _cell(citation.article, "title_en")
    return english if citation.lang == "en" and english != _cell(citation.article, "title") else ""


def _secondary_words(citation: Citation) -> str:
    """What kind of secondary source the article is, in the citation's language, or "" for the publisher's own."""
    kind = secondary(citation.article)
    return str(fmt.plain(fmt.t(citation.lang, f"cite_secondary_{kind}"))) if kind else ""


def _date_parts(text: str) -> list[list[int]]:
    """CSL's date-parts of an ISO date that may lack its day or month (2021-01, 2026)."""
    return [[int(part) for part in text.split("-")[:3] if part.isdigit()]]


def csl_items(citation: Citation) -> list[dict]:
    """The report and the article as CSL-JSON items (what Zotero and pandoc's citeproc read)."""
    article = {
        "id": citation.article_key,
        "type": "article-newspaper",
        "title": citation.article["title"],
        "container-title": citation.article["publisher"],
        "issued": {"date-parts": _date_parts(str(citation.article["date"]))},
    }
    if citation.article.get("url"):
        article["URL"] = citation.article["url"]
    english = _english_title(citation)  # CSL has no field for a translated title: it goes in the note
    note = [
        str(fmt.plain(fmt.t(citation.lang, "cite_note_title_en", title=english))) if english else "",
        _secondary_words(citation),
    ]
    if any(note):
        article["note"] = "; ".join(part for part in note if part)
    report = {
        "id": citation.key,
        "type": "report",
        "title": citation.title,
        "author": [{"literal": AUTHOR}],
        "issued": {"date-parts": [[citation.built.year, citation.built.month, citation.built.day]]},
        "version": f"{citation.version}+{citation.short_hash}",
        "language": CSL_LANGUAGE[citation.lang],
        "note": str(
            fmt.plain(fmt.t(citation.lang, "cite_note", built=citation.built.isoformat(), hash=citation.short_hash))
        ),
        "source": citation.path,
    }
    return [report, article]


def csl_json(citation: Citation) -> str:
    return json.dumps(csl_items(citation), ensure_ascii=False, indent=2)


def section_html(citation: Citation, heading_level: int = 2, heading_key: str = "cite_heading") -> str:
    """The citation as a page section: the plain text, then BibTeX and CSL-JSON folded (shown in full on screen
    when opened; the PDF prints the plain text). Every part is HTML-escaped."""
    heading = html.escape(str(fmt.plain(fmt.t(citation.lang, heading_key))))
    formats = "".join(
        f"<details class='sz-cite-format'><summary>{html.escape(label)}</summary>"
        f"<pre><code>{html.escape(text)}</code></pre></details>"
        for label, text in (("BibTeX", bibtex(citation)), ("CSL-JSON", csl_json(citation)))
    )
    return (
        f"<section class='sz-cite' lang='{citation.lang}'><h{heading_level}>{heading}</h{heading_level}>"
        f"<p class='sz-cite-text'>{html.escape(plain_text(citation))}</p>{formats}</section>"
    )
