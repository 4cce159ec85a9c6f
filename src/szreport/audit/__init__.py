"""The claims audit: every checkable claim of the article, recomputed on rounding intervals and judged.

Two layers, one above the other:

- :mod:`szreport.audit.judge` (relations, evidence, evaluate): the one judge. :func:`evaluate` gives each claim
  a :class:`Verdict`; every report quotes these verdicts. Imports the data layer and metrics only.
- :mod:`szreport.audit.report` (sections, text): the audit report's words, tables and charts; it sits above
  the presentation layer and is imported on its own (``from szreport.audit import report``).

The claims are data (``claims.csv``, read by :mod:`szreport.data.claims`). The names below, the judge's and the
claims', are the package's public face for analysts in JupyterLab.
"""

from szreport.audit.judge import *  # noqa: F403  (the judge's names, judge.__all__)
from szreport.audit.judge import __all__ as _judge_all
from szreport.data.claims import Claim, Ref, claims, parse_ref, validate_claims

__all__ = ["Claim", "Ref", "claims", "parse_ref", "validate_claims", *_judge_all]
