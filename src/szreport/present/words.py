"""A reader's words shared by the reports: names listed as a sentence lists them, a title inside a sentence, and
what a figure that cannot be worked out would need (from the data's own titles, never a reference or a file)."""

from __future__ import annotations

from collections.abc import Sequence

from szreport import fmt
from szreport.data.dataset import Dataset


def names(items: Sequence, lang: str):
    """Names joined as a reader lists them: "A, B and C" / "A、B和C"."""
    items = list(items)
    if len(items) < 2:
        return items[0] if items else ""
    return fmt.t(lang, "list_comma").join(items[:-1]) + fmt.t(lang, "list_and") + items[-1]


def mid_sentence(label: str, lang: str) -> str:
    """A title inside an English sentence: "Gross domestic product" -> "gross domestic product" (an acronym
    such as "R&D" or "GDP" keeps its capitals)."""
    text = str(label)
    if lang == "en" and len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def indicator_words(ds: Dataset, indicator: str, lang: str) -> str:
    """An indicator's title inside a sentence; its id in words when indicators.yaml has none."""
    if indicator in ds.indicators:
        return mid_sentence(str(ds.meta(indicator)[f"title_{lang}"]), lang)
    return indicator.replace("_", " ")


def series_words(ds: Dataset, region: str, indicator: str, year: int | None, lang: str) -> str:
    """An annual series the data lack, in a reader's words: the whole series (``year`` None) or one year of it."""
    words = dict(region=ds.subject.region_name(region, lang), title=indicator_words(ds, indicator, lang))
    if year is None:
        return str(fmt.plain(fmt.t(lang, "absent_series", **words)))
    return str(fmt.plain(fmt.t(lang, "absent_series_year", year=fmt.period(str(year), lang), **words)))


def reference_words(ds: Dataset, reference: str, lang: str) -> str:
    """What a reference of the data stands for, in a reader's words: a figure's label, or a region's series in a
    year (with its census basis when the reference names one)."""
    from szreport.data.claims import parse_ref

    if reference.startswith("series:") and reference.endswith("/<year>"):  # a whole series the data lack
        region, indicator = reference.removeprefix("series:").split("/")[:2]
        return series_words(ds, region, indicator, None, lang)
    (ref,) = parse_ref(reference)
    if ref.kind == "fig":
        return str(fmt.plain(ds.fig(ref.figure_id).label(lang)))
    label = mid_sentence(ds.meta(ref.indicator)[f"title_{lang}"], lang) if ref.indicator in ds.indicators else ""
    basis = fmt.t(lang, f"ref_basis_{ref.vintage}") if ref.vintage in ("pre_census", "post_census") else ""
    region = ds.subject.region_name(ref.region, lang) if ref.region else ""
    return str(fmt.plain(fmt.t(lang, "ref_series", region=region, label=label, year=ref.year, basis=basis)))


def needs_rows(lang: str, what: str, rows: Sequence[str], ds: Dataset | None = None, **values) -> fmt.Md:
    """The sentence a section says instead of a figure it cannot work out: what, and what it would need, in a
    reader's words (the rows to add, in reference form, are for analysts: results.json and check-data)."""
    needed = names([reference_words(ds, r, lang) for r in rows], lang) if ds is not None else ""
    return fmt.t(lang, "p_needs_data", what=fmt.t(lang, what, **values), needed=needed)
