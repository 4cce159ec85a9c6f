"""How a reader finds their way in a report: section anchors, figure and table numbers, references to them.

A section's anchor (its heading's ``id``) comes from the locale key of its heading, never from its words, so the
same section has the same anchor in Chinese and in English (``h_gdp`` -> ``gdp``, ``inn_h_rd`` -> ``rd``,
``title_economy`` -> ``economy``) and the language switch can land on it. Charts and tables are numbered in the
order a report shows them (图1 / Figure 1, 表1 / Table 1; the numbers are counted here, never typed), and the
first paragraph of a section refers to the numbers of its charts and tables. The table of contents and the
headings' ids are put into the page by :mod:`szreport.build.export` from the anchors
:class:`szreport.present.report.Report`
records in each heading's output metadata (:data:`ANCHOR_METADATA`).
"""

from __future__ import annotations

import re

from szreport import fmt

# Output metadata of a heading: {"szreport-anchor": {"id": "gdp", "level": 2}}; read by szreport.build.export.
ANCHOR_METADATA = "szreport-anchor"
TITLE_ANCHOR = "title"  # the report's title (h1)
FIGURE, TABLE = "fig", "table"  # kinds of numbered things; their anchors are fig-<n> and table-<n>
# A heading key's prefix that says nothing about the section: (theme_)h_ and title_.
_KEY_PREFIX = re.compile(r"^(?:[a-z0-9]+_)?h_|^title_")
_ANCHOR = re.compile(r"[a-z][a-z0-9-]*")


def anchor(heading, fallback: str) -> str:
    """The anchor of a section: from the locale key of its heading (made by :func:`fmt.t`), the same in every
    language; ``fallback`` for a heading that no template made."""
    key = getattr(heading, "template_key", "")
    name = _KEY_PREFIX.sub("", key).replace("_", "-") if key else ""
    return name if _ANCHOR.fullmatch(name) else fallback


def unique(name: str, used: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``, ... when a page already has it; the result is added to ``used``."""
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name}-{number}"
    used.add(candidate)
    return candidate


def number_id(kind: str, number: int) -> str:
    """The anchor of chart or table number ``number`` (fig-2, table-1)."""
    return f"{kind}-{number}"


def number_label(lang: str, kind: str, number: int) -> fmt.Md:
    """图2 / Figure 2, 表1 / Table 1."""
    return fmt.t(lang, "fig_number" if kind == FIGURE else "table_number", n=number)


def reference(lang: str, kind: str, number: int) -> fmt.Md:
    """A link to chart or table ``number``, as the text refers to it."""
    return (
        fmt.Md(f'<a class="sz-ref" href="#{number_id(kind, number)}">')
        + number_label(lang, kind, number)
        + fmt.Md("</a>")
    )


def references(lang: str, refs: list[tuple[str, int]], alone: bool = False) -> fmt.Md:
    """（见图1、表2） / (see Figure 1 and Table 2): the words that point the reader to a section's charts and
    tables, in the order they are shown; ``alone``, a sentence of their own (见表1。 / See Table 1.)."""
    links = [reference(lang, kind, n) for kind, n in refs]
    listed = links[-1]
    if len(links) > 1:
        listed = fmt.t(lang, "refs_sep").join(links[:-1]) + fmt.t(lang, "refs_last_sep") + listed
    return fmt.t(lang, "see_refs_alone" if alone else "see_refs", refs=listed)


def with_references(paragraph, refs: fmt.Md) -> fmt.Md:
    """``paragraph`` with ``refs`` before its closing full stop (。 or .), or after it when it ends otherwise."""
    text = str.__str__(fmt.md(paragraph))
    if text.endswith(("。", ".")) and not text.endswith("\\."):
        return fmt.Md(text[:-1]) + refs + fmt.Md(text[-1])
    return fmt.Md(text) + refs


def caption_html(lang: str, kind: str, number: int, caption) -> str:
    """The caption line of chart or table ``number``: its number, then its caption (``sz-caption``, the text
    alone)."""
    number_html = fmt.html_text(number_label(lang, kind, number) + fmt.t(lang, "number_sep"))
    return (
        f"<p class='sz-caption-line' id='{number_id(kind, number)}'><span class='sz-number'>{number_html}</span>"
        f"<span class='sz-caption'>{fmt.html_text(caption)}</span></p>"
    )
