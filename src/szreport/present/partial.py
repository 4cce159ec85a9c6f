"""A section whose data folder lacks some of its figures: what it can state, and one reader's sentence for the rest.

A theme's section is written for the figures of the article it was made from; another city's article, or another
year's, may print fewer. :func:`tolerant` wraps a section builder: when the data lack a figure or an annual series
it needs (a :class:`szreport.data.problems.Missing`), the section is made again from what the folder holds. Its
figures (the theme's ``FIGURES`` of the section's indicators) that the folder has are stated as printed, the
analysis that needed the missing one is left out, and one sentence says, in the reader's words, what the data lack
("The article gives no figure for gross domestic product (average annual growth) …"). A section none of whose
figures the folder has is left out of the page, and of its contents (``Section.omitted``). Either way the section
names what was absent for the build's log (``Section.absent``), never in the page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping

from szreport import fmt
from szreport.data.dataset import Dataset, Figure
from szreport.data.problems import Missing
from szreport.present.report import Section
from szreport.present.words import indicator_words, names, series_words

# What a section finds a figure by: (indicator, measure, which), as a theme's FIGURES table writes it.
Wanted = tuple[str, str, str]


def _wanted_year(ds: Dataset, which: str) -> str:
    """The year a section wanted a figure for: the end of the plan, or a period given; "" for the latest."""
    return str(ds.plan_end) if which == "plan_end" else which if which[:1].isdigit() else ""


def figure_words(ds: Dataset, wanted: Wanted, lang: str) -> str:
    """A figure the data lack, in a reader's words: its indicator's title, what it measures and, when the
    section wanted a given year (the end of the plan), that year."""
    indicator, measure, which = wanted
    title = indicator_words(ds, indicator, lang)
    if measure != "level":
        title = str(
            fmt.plain(fmt.t(lang, "absent_figure", title=title, measure=fmt.t(lang, f"absent_measure_{measure}")))
        )
    if which.startswith("after:"):  # the latest wanted, but the folder's only figure is the earliest
        year = fmt.period(which.removeprefix("after:"), lang)
        return str(fmt.plain(fmt.t(lang, "absent_after", title=title, year=year)))
    year = _wanted_year(ds, which)
    return str(fmt.plain(fmt.t(lang, "absent_in_year", title=title, year=fmt.period(year, lang)))) if year else title


def missing_words(ds: Dataset, missing: Missing, lang: str) -> str:
    """What a :class:`Missing` sought, in a reader's words ("" for a figure sought by its id alone)."""
    if missing.kind == "series":
        region, indicator, year = missing.sought
        return series_words(ds, region, indicator, year, lang)
    return figure_words(ds, missing.sought, lang) if missing.kind == "figure" else ""


def _log_words(ds: Dataset, wanted: Wanted) -> str:
    """A figure the data lack as the log names it: ``figure gdp level ending 2025``."""
    indicator, measure, which = wanted
    if which.startswith("after:"):
        return f"figure {indicator} {measure} after {which.removeprefix('after:')}"
    year = _wanted_year(ds, which)
    return f"figure {indicator} {measure}" + (f" ending {year}" if year else "")


def _found(ds: Dataset, wanted: Mapping[str, Wanted]) -> tuple[dict[str, Figure], list[Wanted]]:
    found: dict[str, Figure] = {}
    absent: list[Wanted] = []
    for name, spec in wanted.items():
        try:
            found[name] = ds.find_all({name: spec})[name]
        except KeyError:
            absent.append(spec)
    return found, absent


def partial_section(ds: Dataset, lang: str, heading: str, wanted: Mapping[str, Wanted], missing: Missing) -> Section:
    """The section ``heading`` made from what the folder holds of ``wanted``, after ``missing`` stopped the full one."""
    found, absent = _found(ds, wanted)
    section = Section(heading)
    # for the log, in an analyst's words: what figures.csv or series.csv lacks
    lacked = [_log_words(ds, spec) for spec in absent]
    if missing.kind == "figure":
        lacked.append(_log_words(ds, missing.sought))
    else:
        lacked.append(f"{missing.kind.replace('_', ' ')} " + "/".join(str(p) for p in missing.sought if p is not None))
    section.absent = list(dict.fromkeys(lacked))
    unique = list(dict.fromkeys(figure.id for figure in found.values()))
    if not unique:
        section.omitted = True
        return section
    lacking = [figure_words(ds, spec, lang) for spec in absent]
    if missing.kind == "figure":
        lacking.append(figure_words(ds, missing.sought, lang))
    if lacking:
        words = names(list(dict.fromkeys(lacking)), lang)
        section.paragraphs.append(fmt.t(lang, "p_partial_figures", missing=words))
    elif missing.kind == "series":
        section.paragraphs.append(fmt.t(lang, "p_partial_series", missing=missing_words(ds, missing, lang)))
    else:  # a figure sought by its id (a trading partner's): the article gives fewer of them
        section.paragraphs.append(fmt.t(lang, "p_partial_other"))
    items = []
    for figure in (ds.fig(figure_id) for figure_id in unique):
        section.state(figure)
        items.append(fmt.t(lang, "partial_item", label=figure.label(lang), value=fmt.stated(figure, lang)))
    section.paragraphs.append(fmt.Md("\n").join(items))
    return section


def section_figures(figures: Mapping[str, Wanted], indicators: Iterable[str]) -> dict[str, Wanted]:
    """The entries of a theme's ``FIGURES`` table whose indicator is one of ``indicators``."""
    chosen = set(indicators)
    return {name: spec for name, spec in figures.items() if spec[0] in chosen}


def tolerant(heading_key: str, figures: Mapping[str, Wanted], *indicators: str) -> Callable:
    """Wrap a section builder ``(ds, lang, ...) -> Section`` whose heading is the text ``heading_key`` and whose
    figures are those of ``figures`` (a theme's FIGURES) for ``indicators``: when the data lack something it needs,
    it gives :func:`partial_section` instead of raising."""
    wanted = section_figures(figures, indicators)

    def wrap(build: Callable[..., Section]) -> Callable[..., Section]:
        @functools.wraps(build)
        def run(ds: Dataset, lang: str, *args, **kwargs) -> Section:
            try:
                return build(ds, lang, *args, **kwargs)
            except Missing as missing:
                return partial_section(ds, lang, fmt.t(lang, heading_key), wanted, missing)

        return run

    return wrap
