"""The audit report's key findings: its verdict summary as the box every report opens with (how many of the
article's claims check out, which do not add up, how many cannot be checked yet), each count a recorded figure."""

from __future__ import annotations

from szreport import fmt
from szreport.audit.judge import Verdict, counts
from szreport.audit.report.text import counted, in_sentence, join_list
from szreport.present.report import Section


def key_findings(verdicts: list[Verdict], lang: str) -> Section:
    """Three sentences: the claims checked and those that hold, those that do not add up (named) or that none
    does, those that cannot be checked yet. Counts are the article's claims only, as the summary counts them."""
    article = [v for v in verdicts if v.claim.is_article_claim]
    tally = counts(article)
    box = Section(fmt.t(lang, "key_findings"))
    if not verdicts:  # the data folder lists no claims
        box.paragraphs.append(fmt.t(lang, "audit_p_no_claims"))
        return box

    def keyed(key: str, value: int):
        return box.derive(key, value, text=fmt.number(value, 0, lang))

    total = keyed("claims_count", len(article))
    holding = tally["consistent"] + tally["consistent_with_basis"]
    box.paragraphs.append(
        counted(
            lang,
            "audit_find_checked",
            len(article),
            total=total,
            consistent=keyed("verdicts_consistent_count", tally["consistent"]),
            basis=keyed("verdicts_consistent_with_basis_count", tally["consistent_with_basis"]),
            holding=fmt.number(holding, 0, lang),
        )
    )
    failing = [v for v in article if v.kind == "inconsistent"]
    if failing:
        labels = join_list((in_sentence(v.claim.label(lang), lang) for v in failing), lang)
        count = keyed("verdicts_inconsistent_count", len(failing))
        box.paragraphs.append(counted(lang, "audit_find_failing", len(failing), count=count, labels=labels))
    else:  # said, so that the reader does not look for the claims that fail
        box.paragraphs.append(fmt.t(lang, "audit_find_none_failing", count=keyed("verdicts_inconsistent_count", 0)))
    if tally["not_checkable"]:
        count = keyed("verdicts_not_checkable_count", tally["not_checkable"])
        box.paragraphs.append(counted(lang, "audit_find_open", tally["not_checkable"], count=count))
    return box
