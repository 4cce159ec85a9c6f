"""The audit report: the judge's verdicts turned into words, tables and charts (the audit notebook's sections).

- :mod:`~szreport.audit.report.text`: how a verdict, a value, a gap and most explanations are worded;
- :mod:`~szreport.audit.report.reasons`: the explanation of each verdict (:func:`explain`), with the words for a
  verdict that rests on a basis (deflator, census revision, growth on a revised prior year or the same firms);
- :mod:`~szreport.audit.report.checks`: every verdict as a page's badge shows it (:func:`checks`);
- :mod:`~szreport.audit.report.sections`: the report's sections (summary, verdict table, interval charts,
  explanations, inputs) and the verdict badges the theme reports show beside a checked figure.

May import: the judge (:mod:`szreport.audit.judge`), the presentation layer (:mod:`szreport.present`), charts,
data and the foundation; the theme reports import it for their verdict badges.
"""

from szreport.audit.report.checks import checks
from szreport.audit.report.findings import key_findings
from szreport.audit.report.sections import *  # noqa: F403  (the names of sections.__all__)
from szreport.audit.report.sections import __all__ as _sections_all

__all__ = ["checks", "key_findings", *_sections_all]
