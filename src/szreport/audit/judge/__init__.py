"""The audit's one judge: every claim of ``claims.csv`` recomputed on rounding intervals and given a verdict.

- :mod:`~szreport.audit.judge.values`: a claim's references resolved to values with their intervals;
- :mod:`~szreport.audit.judge.relations`: what each relation recomputes (increment, growth, CAGR, share, rank, ...);
- :mod:`~szreport.audit.judge.evidence`: the published windows a basis difference is judged against;
- :mod:`~szreport.audit.judge.evaluate`: :func:`evaluate` (one claim) and :func:`evaluate_all` (every claim).

May import: the data layer and the foundation (metrics), nothing that presents.
"""

from szreport.audit.judge.evaluate import VERDICTS, Verdict, counts, evaluate, evaluate_all, verdicts_on
from szreport.audit.judge.relations import RANK_RELATIONS, RELATIONS, rank_interval
from szreport.audit.judge.values import Value, nearest, resolve
from szreport.metrics import Interval

__all__ = [
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
]
