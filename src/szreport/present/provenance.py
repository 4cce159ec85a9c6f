"""Where each figure a page states comes from: the provenance shown on hover, focus or tap in the HTML and as
numbered notes ("Sources of the figures") at the end of the PDF.

Every article figure stated in prose is an element ``<span data-key="<results.json key>">`` (:func:`fmt.keyed`).
:func:`model` gives, for each article figure of the data folder, what a reader needs to trust it: the words as
printed and the paragraph of the article they stand in, the rounding interval the printed digits allow, the
source with its date and address, and the audit's verdict on every claim that touches the figure (as the claimed
figure or as an input). A derived figure a section states (``Section.derive`` with a :class:`Derivation`) gets
a note of its own (:func:`derived_model`): how it was computed, in words, and its inputs with their sources.
:func:`panel` puts that model into the page as JSON, with ``provenance.js`` (inline, no external script),
which makes each keyed element focusable and opens a small note on it; before printing, the same script
numbers the keyed elements and writes the notes at the end of the report.

Everything in the model is data text (labels, notes, paragraphs, publishers): it is carried as JSON that cannot
close its script element and shown by the script as text, never as markup.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from szreport import fmt
from szreport.audit.judge import evaluate_all, resolve
from szreport.data.claims import parse_ref
from szreport.data.dataset import Dataset
from szreport.data.files import data_files
from szreport.present import badges, citation

SCRIPT_PATH = Path(__file__).with_name("provenance.js")
# The article's text in a data folder: its paragraphs (non-empty lines, counted from 1) are what figures.csv's
# ``paragraph`` column points to.
ARTICLE_FILE = "article.txt"
# Words of the page's notes, from the locale files (fmt.t), handed to the script.
UI_KEYS = (
    "prov_printed",
    "prov_paragraph",
    "prov_interval",
    "prov_period",
    "prov_source",
    "prov_verdicts",
    "prov_notes_heading",
    "prov_close",
    "prov_hint",
    "prov_inputs",
    "prov_derived",
    "badge_verdict",
    "badge_why",
    "badge_more",
)


@dataclass(frozen=True)
class Derivation:
    """How a derived figure was computed, for its note: the formula in words (the locale template ``formula``
    filled with ``values``) and its inputs, references as in claims.csv (``fig:gdp_2020``,
    ``series:<region>/gdp/2020@pre_census``), each shown with its value as printed and its source."""

    formula: str
    inputs: tuple[str, ...] = ()
    values: Mapping[str, object] = field(default_factory=dict)


def between(formula: str, start, end, lang: str, **values) -> Derivation:
    """A derivation from two article figures of one indicator, its earlier and later level (an increment, a
    growth, an average growth): the template gets their periods as ``start`` and ``end``."""
    ends = {"start": fmt.period(start.period, lang), "end": fmt.period(end.period, lang)}
    return Derivation(formula, (f"fig:{start.id}", f"fig:{end.id}"), {**ends, **values})


def implied_previous(level, growth, lang: str) -> Derivation:
    """The level of the year before ``level``'s, worked back from its growth (two article figures)."""
    previous = str(int(level.period) - 1)
    return Derivation(
        "prov_formula_implied_previous",
        (f"fig:{level.id}", f"fig:{growth.id}"),
        {"prev": fmt.period(previous, lang), "year": fmt.period(level.period, lang)},
    )


def _input_line(reference: str, ds: Dataset, lang: str) -> str:
    """One input of a derivation: what it is, its value as printed, and its source (publisher and date)."""
    (ref,) = parse_ref(reference)
    value = resolve(ref, ds)
    if value is None:
        raise KeyError(f"derivation input {reference!r} is not in the data folder {ds.folder}")
    if ref.kind == "fig":
        label = ds.fig(ref.figure_id).label(lang)
    else:
        title = ds.meta(ref.indicator)[f"title_{lang}"]
        label = fmt.t(lang, "prov_series_label", title=title, region=ds.subject.region_name(ref.region, lang))
    shown = fmt.amount(value.value, value.unit, lang, value.decimals, value.qualifier)
    if value.unit == "位":
        shown = fmt.rank(value.value, lang)
    publisher = ds.source_short(value.source)
    if ref.kind == "fig":  # an article figure's label names its period
        return _text(fmt.t(lang, "prov_input_figure", label=label, value=shown, source=publisher))
    period = fmt.period(value.period, lang)
    return _text(fmt.t(lang, "prov_input", label=label, period=period, value=shown, source=publisher))


def derived_model(ds: Dataset, lang: str, derivations: Mapping[str, Derivation]) -> dict[str, dict]:
    """The notes of derived figures, by results.json key: the formula in words and the inputs with sources."""
    return {
        key: {
            "derived": True,  # the note is headed by the figure's own words in the page
            "label": _text(fmt.t(lang, how.formula, **how.values)),
            "value": "",
            "printed": "",
            "paragraph_no": 0,
            "paragraph": "",
            "period": "",
            "interval": "",
            "note": "",
            "source": {},
            "verdicts": [],
            "inputs": [_input_line(reference, ds, lang) for reference in how.inputs],
        }
        for key, how in derivations.items()
    }


def article_paragraphs(ds: Dataset) -> list[str]:
    """The article's paragraphs (non-empty lines), or none when the data folder has no article.txt."""
    path = Path(ds.folder) / ARTICLE_FILE
    if path not in data_files(ds.folder):  # a regular file inside the folder, never a link's target
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def _verdicts_by_figure(ds: Dataset, lang: str) -> dict[str, list[dict]]:
    """For each article figure id, the audit's verdicts of the claims it is the claimed figure or an input of."""
    if ds.claims is None:
        return {}

    out: dict[str, list[dict]] = {}
    for verdict in evaluate_all(ds):
        refs = [verdict.claim.claimed_ref(), *(ref for refs in _input_refs(verdict.claim) for ref in refs)]
        for figure_id in dict.fromkeys(r.figure_id for r in refs if r.kind == "fig"):
            out.setdefault(figure_id, []).append(
                {
                    "claim": str(fmt.plain(verdict.claim.label(lang))),
                    "verdict": str(fmt.t(lang, f"audit_verdict_{verdict.kind}")),
                    "kind": verdict.kind,
                }
            )
    return out


def _input_refs(claim) -> list[list]:
    return list(claim.region_refs().values()) if claim.is_rank else [claim.input_refs()]


def _interval_text(figure, lang: str) -> str:
    """What the printed digits allow: one value for an exact count, else the interval (one digit more than
    printed), "over" for a lower bound; nothing for a rank."""
    if figure.measure == "rank" or figure.unit not in fmt.EN_UNITS:
        return ""
    interval = figure.interval
    if interval.lo == interval.hi:
        return _text(fmt.amount(interval.lo, figure.unit, lang, figure.decimals))
    if figure.qualifier == "about_fraction":
        return _text(fmt.amount_range(interval, figure.unit, lang, 1))
    return _text(fmt.amount_range(interval, figure.unit, lang, figure.decimals + 1))


def _text(value) -> str:
    return str(fmt.plain(value))


def model(
    ds: Dataset,
    lang: str,
    derivations: Mapping[str, Derivation] | None = None,
    checks: Mapping[str, Sequence[badges.Check]] | None = None,
) -> dict:
    """Provenance of every article figure and of the derived figures given, by results.json key, the checks
    behind the page's verdict badges, by claim id, and the words the script shows."""
    paragraphs = article_paragraphs(ds)
    verdicts = _verdicts_by_figure(ds, lang)
    article = ds.source("article")
    source = {key: _text(article.get(key) or "") for key in ("publisher", "title", "date", "url")}
    source["text"] = _text(citation.source_reference(article, lang))  # as the page names it (English title first)
    figures: dict[str, dict] = {}
    for figure in (ds.fig(figure_id) for figure_id in ds.figures["id"]):
        number = int(figure.paragraph) if str(figure.paragraph).strip().isdigit() else 0
        figures[figure.key] = {
            "label": _text(figure.label(lang)),
            "value": _text(fmt.printed(figure, lang)),
            "printed": _text(figure.printed),
            "paragraph_no": number,
            "paragraph": paragraphs[number - 1] if 0 < number <= len(paragraphs) else "",
            "period": _text(fmt.period(figure.period, lang)),
            "interval": _interval_text(figure, lang),
            "note": _text(figure.note or ""),
            "source": source,
            "verdicts": verdicts.get(figure.id, []),
        }
    figures.update(derived_model(ds, lang, derivations or {}))
    for entry in figures.values():
        entry["print_note"] = print_note(entry, lang)
    words = {key: str(fmt.templates(lang)[key]) for key in UI_KEYS}  # raw: the script fills {n}
    return {"lang": lang, "figures": figures, "claims": badges.model(checks or {}, lang), "words": words}


# The punctuation of a printed note, as the script's (provenance.js, P) for the same language.
_NOTE_MARKS = {
    "zh": {"open": "（", "close": "）", "colon": "：", "comma": "，", "semi": "；"},
    "en": {"open": " (", "close": ")", "colon": ": ", "comma": ", ", "semi": "; "},
}


def print_note(entry: dict, lang: str) -> str:
    """A figure's numbered note at the end of the printed report, after its heading (which the script puts before
    it: the label and value, or a computed figure's words in the page): how it was computed, where it was
    printed, what its digits allow, its inputs and the audit's verdicts, one sentence each (:func:`fmt.sentences`:
    a formula in words ends with its own stop, and gets no second one)."""
    words, marks = fmt.templates(lang), _NOTE_MARKS[lang]
    parts = []
    if entry.get("derived"):
        parts.append(words["prov_derived"] + marks["colon"] + entry["label"])
    if entry.get("printed"):
        where = words["prov_paragraph"].replace("{n}", str(entry["paragraph_no"])) if entry["paragraph_no"] else ""
        parts.append(f"{words['prov_printed']} “{entry['printed']}”" + (marks["comma"] + where if where else ""))
    if entry.get("interval"):
        parts.append(f"{words['prov_interval']} {entry['interval']}")
    if entry.get("inputs"):
        parts.append(words["prov_inputs"] + marks["colon"] + marks["semi"].join(entry["inputs"]))
    if entry.get("verdicts"):
        said = (v["verdict"] + marks["open"] + v["claim"] + marks["close"] for v in entry["verdicts"])
        parts.append(words["prov_verdicts"] + marks["colon"] + marks["semi"].join(said))
    return fmt.sentences(parts, lang)


@dataclass(frozen=True)
class Panel:
    """The provenance model and script as one HTML output of the notebook (``_repr_html_``)."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def panel(
    ds: Dataset,
    lang: str,
    derivations: Mapping[str, Derivation] | None = None,
    checks: Mapping[str, Sequence[badges.Check]] | None = None,
) -> Panel:
    """The model (JSON) and the script that shows it (see the module's docstring)."""
    script = SCRIPT_PATH.read_text(encoding="utf-8")
    if "</" in script:  # it would end the script element early
        raise ValueError(f"{SCRIPT_PATH.name} must not contain '</'")
    hint = html.escape(_text(fmt.t(lang, "prov_hint")))
    return Panel(
        f'<p class="sz-prov-hint sz-screen-only">{hint}</p>'
        '<script type="application/json" id="sz-provenance" data-sz-own="provenance-model">'
        f"{fmt.json_for_script(model(ds, lang, derivations, checks))}</script>"
        f'<script data-sz-own="provenance-script">{script}</script>'
    )
