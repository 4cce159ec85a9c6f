"""Key findings: the three to five takeaways each report opens with, generated from the data.

A finding is one plain sentence (a locale template, ``find_*``) stating at least one figure as a ``data-key``
element; the page puts the verdict badge of any claim that checks a stated figure beside it. Each theme lists
its findings as data: a template and the figures it states, found by what they are (indicator, measure,
which), as the theme's sections find them (:meth:`szreport.data.dataset.Dataset.find_all`). A finding whose
figures the data folder lacks is left out, so another city's or year's folder gets the findings it can support.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from szreport import fmt
from szreport.data.dataset import Dataset
from szreport.present.report import Section
from szreport.themes.lookup import same_as_earliest

# A finding: its template and the figures it states, by placeholder -> (indicator, measure, which).
Finding = tuple[str, Mapping[str, tuple[str, str, str]]]
# Extra values a template takes (derived figures, years), made from the figures found: name -> text.
Extras = Callable[[Section, dict, str], Mapping[str, object]]


def findings(ds: Dataset, lang: str, wanted: list[Finding], extras: Mapping[str, Extras] | None = None) -> Section:
    """The key findings of a report: one sentence per finding of ``wanted`` whose figures the data hold, each
    figure stated (recorded under its results key) and marked for its note and badge."""
    section = Section(fmt.t(lang, "key_findings"))
    for template, figures in wanted:
        try:
            found = ds.find_all(dict(figures))
        except KeyError:  # this data folder lacks a figure of the finding: the finding is left out
            continue
        if any(same_as_earliest(figures, found, name) for name in found):  # a change needs two figures, not one
            continue
        values: dict[str, object] = {}
        for name, figure in found.items():
            section.state(figure)
            values[name] = fmt.stated(figure, lang)
            values[f"{name}_year"] = fmt.period(figure.period, lang)
            values[f"{name}_title"] = ds.meta(figure.indicator)[f"title_{lang}"]  # what it measures, by name
        if extras and template in extras:
            values.update(extras[template](section, found, lang))
        section.paragraphs.append(fmt.t(lang, template, city=ds.subject.name(lang), **values))
    return section
