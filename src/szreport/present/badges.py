"""Verdict badges: a claim's verdict shown beside the figure it checks, the reasoning one click away.

Wherever a page states an article figure (an element ``<span data-key="<key>">``) that a claim of the audit
checks (the claim's ``claimed`` figure), :func:`with_badges` puts a compact badge after it: a symbol and a
short word in the page's language (never colour alone), as an element with ``data-claim`` and
``data-verdict`` that links to the claim in the audit (``audit.html#claim-<claim id>``). On hover, focus or tap
the page's script (``provenance.js``) opens the check's explanation, from the model :func:`model` gives.

The verdicts are the audit's own: a :class:`Check` is made by the audit's report layer
(:func:`szreport.audit.report.checks`) from the one judge, and handed to the page's
:class:`~szreport.present.report.Report`; this module only shows them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from szreport import fmt

# The verdict kinds (as the judge names them) and the symbol each badge shows before its word.
SYMBOLS = {"consistent": "✓", "consistent_with_basis": "≈", "inconsistent": "✗", "not_checkable": "?"}
AUDIT_PAGE = "audit.html"  # the audit report, beside every other report of a language
# A stated figure, and the punctuation right after it (kept on the line of the figure's last badge).
_KEYED = re.compile(r'(<span data-key="([a-z0-9_]+)">.*?</span>)([。，、；：！？）」.,;:!?)]?)', re.S)


@dataclass(frozen=True)
class Check:
    """One claim's verdict as a page shows it: which claim, its verdict kind, the claim and the reasoning in the
    page's language (plain text)."""

    claim: str  # the claim's id in claims.csv, also its anchor in the audit: claim-<id>
    kind: str  # consistent | consistent_with_basis | inconsistent | not_checkable
    label: str
    explanation: str


def anchor(claim_id: str) -> str:
    """The id of a claim's explanation in the audit report."""
    return f"claim-{claim_id}"


def badge_html(check: Check, lang: str, in_audit: bool = False) -> str:
    """The badge of one check: symbol and word, linking to the claim's explanation in the audit."""
    word = html.escape(str(fmt.plain(fmt.t(lang, f"badge_{check.kind}"))))
    href = ("" if in_audit else AUDIT_PAGE) + "#" + anchor(check.claim)
    return (
        f'<a class="sz-badge sz-badge-{check.kind}" data-claim="{html.escape(check.claim)}" '
        f'data-verdict="{check.kind}" href="{html.escape(href)}">'
        f'<span class="sz-badge-symbol" aria-hidden="true">{SYMBOLS[check.kind]}</span>'
        f'<span class="sz-badge-word">{word}</span></a>'
    )


def with_badges(text, checks: Mapping[str, Sequence[Check]], lang: str, in_audit: bool = False):
    """``text`` with the badge of every check of each stated figure put right after the figure. Text that is
    ``fmt.Md`` stays ``fmt.Md``; a figure stated twice in one text gets its badge once, at its first mention."""
    if not checks or "data-key" not in str(text):
        return text
    done: set[str] = set()

    def add(match: re.Match) -> str:
        key, after = match.group(2), match.group(3)
        if key not in checks or key in done:
            return match.group(0)
        done.add(key)
        shown = [badge_html(c, lang, in_audit) for c in checks[key]]
        if after:  # a full stop or comma never starts a line on its own after a badge
            shown[-1] = f'<span class="sz-nowrap">{shown[-1]}{after}</span>'
        return match.group(1) + "".join(" " + b for b in shown)

    raw = str.__str__(text)
    live = _live_regions(raw)
    marked = _KEYED.sub(
        lambda match: match.group(0) if any(a <= match.start() < b for a, b in live) else add(match), raw
    )
    return fmt.Md(marked) if isinstance(text, fmt.Md) else marked


_SPAN_TAG = re.compile(r"<span\b[^>]*>|</span>")


def _live_regions(text: str) -> list[tuple[int, int]]:
    """Where the sentences that a page's own script writes again stand (``<span data-sz-text>``, the outlook's
    scenario sentences): a badge there would be lost at the first edit, so none is put inside."""
    regions, depth, start = [], 0, -1
    for tag in _SPAN_TAG.finditer(text):
        if tag.group(0).startswith("</"):
            depth -= 1 if depth else 0
            if depth == 0 and start >= 0:
                regions.append((start, tag.end()))
                start = -1
        elif start >= 0:
            depth += 1
        elif "data-sz-text=" in tag.group(0):
            start, depth = tag.start(), 1
    return regions


def model(checks: Mapping[str, Sequence[Check]], lang: str) -> dict[str, dict]:
    """What the page's script needs to open each claim's note: its verdict in words, the claim, the reasoning."""
    out: dict[str, dict] = {}
    for found in checks.values():
        for check in found:
            out[check.claim] = {
                "verdict": str(fmt.plain(fmt.t(lang, f"audit_verdict_{check.kind}"))),
                "label": check.label,
                "explanation": check.explanation,
            }
    return dict(sorted(out.items()))
