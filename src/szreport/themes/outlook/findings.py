"""The outlook report's key findings: the scenario sentences a reader most needs, taken from the sections.

Each is one of the sections' live sentences (``data-sz-text``), so the page's scenario script writes the box
again with the sections when a reader changes the assumptions, and its figures are the sections' own.
"""

from __future__ import annotations

from collections.abc import Sequence

from szreport import fmt
from szreport.present.report import Section

# The live sentences the box repeats, in order: whether the scenarios reach the GDP target, the growth the
# target requires, the R&D path and foreign trade at the horizon.
FINDINGS = ("gdp_reaching", "required", "rd_path", "trade")


def key_findings(lang: str, sections: Sequence[Section]) -> Section:
    """The box of the outlook's takeaways, from the sections the report shows (built once, shown after)."""
    box = Section(fmt.t(lang, "key_findings"))
    for name in FINDINGS:
        marker = f'data-sz-text="{name}"'
        box.paragraphs += [p for section in sections for p in section.paragraphs if marker in str(p)][:1]
    return box
