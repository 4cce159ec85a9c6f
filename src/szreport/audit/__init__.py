"""The claims audit: every checkable claim of the article, recomputed on rounding intervals and judged.

The claims are data (``claims.csv``, read by :mod:`szreport.claims`). :mod:`szreport.audit.evaluate` is the
one judge (:func:`evaluate` gives each claim a :class:`Verdict`); :mod:`szreport.audit.text` words the
verdicts (labels, values, gaps, the explanation of each) and :mod:`szreport.audit.sections` turns them into the
report's sections, tables and charts. The names below are the package's public face, for the
notebooks and for analysts in JupyterLab.
"""

from ..claims import Claim, MissingClaims, Ref, claims, parse_ref, validate_claims
from .evaluate import (
    RANK_RELATIONS,
    RELATIONS,
    VERDICTS,
    Interval,
    Value,
    Verdict,
    counts,
    evaluate,
    evaluate_all,
    nearest,
    rank_interval,
    resolve,
    verdicts_on,
)
from .sections import (
    VERDICT_COLORS,
    chart_section,
    explanations,
    inputs_list,
    rank_chart,
    record,
    record_verdict,
    state_checks,
    summary,
    verdict_table,
)
from .text import check_paragraph, explain, show_gap, show_value, verdict_label

__all__ = [
    "Claim",
    "MissingClaims",
    "Ref",
    "claims",
    "parse_ref",
    "validate_claims",
    "RANK_RELATIONS",
    "RELATIONS",
    "VERDICTS",
    "Interval",
    "Value",
    "Verdict",
    "counts",
    "evaluate",
    "evaluate_all",
    "nearest",
    "rank_interval",
    "resolve",
    "verdicts_on",
    "VERDICT_COLORS",
    "chart_section",
    "check_paragraph",
    "explain",
    "explanations",
    "inputs_list",
    "rank_chart",
    "record",
    "record_verdict",
    "state_checks",
    "show_gap",
    "show_value",
    "summary",
    "verdict_label",
    "verdict_table",
]
