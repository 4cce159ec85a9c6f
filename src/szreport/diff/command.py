"""``szreport diff OLD NEW``: what changed between two output folders of ``szreport build``.

:func:`compare` reads both folders and returns a :class:`Diff` (frozen, every tuple in a fixed order); the
formatters present it: :func:`format_text` (a summary grouped by language and report), :func:`to_json`
(machine-readable) and :func:`render_html` (a bilingual offline page). :func:`run` is the command.

What is compared, for every language that both folders hold (``<lang>/results.json``):

- figures of each report present in both (``results.json``): added, removed and changed keys. A figure with
  ``_low`` and ``_high`` siblings is one interval figure (midpoint, low, high), shown as ``lo–hi`` with whether
  the old and new ranges still meet. A report present in one folder only is listed as added or removed,
  not figure by figure.
- audit verdicts (keys ending ``_verdict``), kept apart from the figures: one per claim, taken from the
  ``audit`` report (theme reports repeat them; they count only for a claim the audit report lacks).
- ``build.json``: the parameters of every report recorded in both (``data_dir``, a path, is ignored), the
  hashes of the data files (a file added, removed or edited), of the notebooks recorded in both and of the
  package. The build time and the built / up-to-date lists always differ and are ignored. ``build.json``
  records the last build into a folder only, so a report that was up to date then has no parameters in it.
- the published pages (HTML, PDF) by the SHA-256 digests both build records keep (``pages``), where both have
  them.

Every string read from the folders is untrusted: the text output shows control characters escaped, the HTML
page escapes everything with :func:`html.escape`.

Exit status of :func:`run`, as diff(1): 0 no difference, 1 differences, 2 bad usage (a folder that does not
exist or is not a build output, unreadable results, no language in common).

The comparison is :mod:`szreport.diff.compare`, the formatters :mod:`szreport.diff.format`; their names are
importable from here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from szreport.diff.compare import (
    IGNORED_PARAMETERS,
    VERDICT_SUFFIX,
    Diff,
    DiffUsageError,
    FigureChange,
    InputChange,
    ParameterChange,
    ReportChange,
    Value,
    VerdictChange,
    compare,
    load_output,
)
from szreport.diff.format import (
    LABELS,
    PAGE_CSS,
    describe_figure,
    format_text,
    render_html,
    show,
    show_interval,
    show_signed,
    to_json,
)

__all__ = [
    "IGNORED_PARAMETERS",
    "LABELS",
    "PAGE_CSS",
    "VERDICT_SUFFIX",
    "Diff",
    "DiffUsageError",
    "FigureChange",
    "InputChange",
    "ParameterChange",
    "ReportChange",
    "Value",
    "VerdictChange",
    "compare",
    "describe_figure",
    "format_text",
    "load_output",
    "render_html",
    "run",
    "show",
    "show_interval",
    "show_signed",
    "to_json",
]


def run(old: Path, new: Path, as_json: bool = False, html: Path | None = None) -> int:
    """``szreport diff``: print the differences (text or ``--json``), optionally write the page; 0, 1 or 2."""
    try:
        diff = compare(Path(old), Path(new))
    except DiffUsageError as exc:
        print(f"szreport: {exc}", file=sys.stderr)
        return 2
    if html is not None:
        html = Path(html)
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_html(diff), encoding="utf-8")
    sys.stdout.write(to_json(diff) if as_json else format_text(diff))
    return 1 if diff.different else 0
