"""Presentation: a report's page as the notebooks build it, and what every page carries.

- :mod:`~szreport.present.report`: :class:`~szreport.present.report.Report` (title, sections shown in the
  notebook, the figures recorded for ``results.json``) and :class:`~szreport.present.report.Section`;
- :mod:`~szreport.present.provenance`: the note behind every stated figure (words as printed, paragraph,
  interval, source, the judge's verdicts) and the derivation of a computed one;
- :mod:`~szreport.present.navigation`: section anchors, the table of contents, chart and table numbers;
- :mod:`~szreport.present.citation`: how to cite a report (plain text, BibTeX, CSL-JSON).

May import: charts, the audit's judge, the data layer and the foundation; never a theme, the audit report or
the build.
"""

from szreport.present.report import Report, Section

__all__ = ["Report", "Section"]
