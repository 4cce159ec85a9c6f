"""The checks a page shows as verdict badges: every article claim's verdict, by the figure it checks.

:func:`checks` judges every claim of ``claims.csv`` once (the one judge, :mod:`szreport.audit.judge`) and words
each verdict's reasoning as the audit does (:func:`szreport.audit.report.reasons.explain`); a report's
:class:`~szreport.present.report.Report` takes the result and puts a badge after each figure it states that a
claim checks (:mod:`szreport.present.badges`).
"""

from __future__ import annotations

from szreport import fmt
from szreport.audit.judge import evaluate_all
from szreport.audit.report.reasons import explain
from szreport.data.dataset import Dataset
from szreport.present.badges import Check


def checks(ds: Dataset, lang: str) -> dict[str, list[Check]]:
    """results.json key of an article figure -> the checks of the claims whose claimed figure it is (in the order
    of claims.csv); empty when the data folder has no claims."""
    if ds.claims is None:
        return {}
    out: dict[str, list[Check]] = {}
    for verdict in evaluate_all(ds):
        ref = verdict.claim.claimed_ref()
        if ref.kind != "fig":
            continue
        check = Check(
            claim=verdict.claim.id,
            kind=verdict.kind,
            label=str(fmt.plain(verdict.claim.label(lang))),
            explanation=str(fmt.plain(explain(verdict, ds, lang))),
        )
        out.setdefault(ds.fig(ref.figure_id).key, []).append(check)
    return out
