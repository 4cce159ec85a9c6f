"""No doubled punctuation on any page (issue 28 item 4): "allow.. Computed from", "区间。。计算依据" came from a
formula in words, which ends with its own stop, joined to the next sentence with another. Every report's code
cells run here in one process, in both languages, as the kernels run them (benchmarks/floor.py), and the text of
every page is searched: its Markdown and HTML (text, and the alternative text and labels of its elements) and
the numbered notes the page's script writes for print, which szreport.present.provenance.print_note composes
and the script joins to their heading by the rule of :func:`szreport.fmt.sentences`."""

from __future__ import annotations

import html
import importlib
import json
import re

import nbformat
import pytest

from szreport import fmt
from szreport.charts import files as chart_files
from szreport.data import loader
from szreport.notebooks import discover_notebooks

from .conftest import DATA, ROOT

evaluate_mod = importlib.import_module("szreport.audit.judge.evaluate")  # the package exports the function by that name

# A stop after a stop or after a comma, colon, semicolon or enumeration comma, in either language; "…" and "..."
# (an ellipsis) and decimals such as 1.5 are not doubled punctuation; neither is "e.g.," in English.
DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|[。，、；：][。.]|[.,;:][。，]|[,;:]\.|\. \.(?!\.)")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.S)
_ATTRIBUTE_TEXT = re.compile(r"""\b(?:alt|aria-label|title)=(["'])(.*?)\1""", re.S)
_PROVENANCE_MODEL = re.compile(r'<script type="application/json" id="sz-provenance"[^>]*>(.*?)</script>', re.S)
_GLOSSARY_MODEL = re.compile(r'<script type="application/json" id="sz-glossary"[^>]*>(.*?)</script>', re.S)


def doubled(text: str) -> list[str]:
    return [text[max(0, m.start() - 40) : m.end() + 20] for m in DOUBLED.finditer(text)]


def page_texts(markup: str) -> list[str]:
    """What a reader reads in one output: its text without markup or Markdown escapes, its elements' alternative
    text and labels, the glossary's definitions and the notes written for print from its provenance model."""
    texts = [html.unescape(value) for _, value in _ATTRIBUTE_TEXT.findall(markup)]
    for found in _PROVENANCE_MODEL.finditer(markup):
        model = json.loads(found[1])
        for figure in model["figures"].values():
            heading = figure["label"] if figure.get("derived") else f"{figure['label']}: {figure['value']}"
            texts.append(fmt.sentences([heading, figure["print_note"]], model["lang"]))
    for found in _GLOSSARY_MODEL.finditer(markup):  # the definitions, shown on a term and listed for print
        texts += [term["definition"] for term in json.loads(found[1])["terms"]]
    body = re.sub(r"<[^>]+>", "", _SCRIPT_OR_STYLE.sub(" ", markup))
    return [html.unescape(_MD_ESCAPE.sub(r"\1", body)), *texts]


class _Pictures:
    """What a chart's pictures give the page and the build, without drawing them (the text is in the caption,
    the description and the table of numbers, not in the pictures)."""

    def html(self) -> str:
        return ""

    def payload(self) -> dict:
        return {}


def _judged_once(evaluate):
    verdicts: dict = {}

    def once(claim, ds):
        key = (claim.id, id(ds))
        if key not in verdicts:
            verdicts[key] = evaluate(claim, ds)
        return verdicts[key]

    return once


@pytest.fixture(scope="module")
def pages() -> dict[str, list[str]]:
    """Every report in both languages: the outputs of its cells, as text, by ``<report>.<lang>``."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shown: list[dict] = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: shown.append(data)
    dataset = loader.load(DATA)
    with pytest.MonkeyPatch.context() as patch:  # one dataset, each claim judged once: the same verdicts, faster
        patch.setattr(loader, "load", lambda folder=None: dataset)
        patch.setattr(evaluate_mod, "evaluate", _judged_once(evaluate_mod.evaluate))
        patch.setattr(chart_files, "render", lambda *args, **kwargs: _Pictures())
        found = {}
        for name, path in discover_notebooks(ROOT / "notebooks").items():
            cells = [c for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code"]
            for lang in fmt.LANGS:
                shell.reset(new_session=False)
                shown.clear()
                for index, cell in enumerate(cells):
                    result = shell.run_cell(cell.source, store_history=False)
                    if "parameters" in cell.metadata.get("tags", []):
                        shell.user_ns.update(lang=lang)
                    assert result.success, f"{name} ({lang}) cell {index}: {result.error_in_exec}"
                found[f"{name}.{lang}"] = [str(d.get("text/markdown") or d.get("text/html") or "") for d in shown]
    return found


def test_every_report_runs_in_process(pages):
    assert set(pages) == {f"{n}.{lang}" for n in discover_notebooks(ROOT / "notebooks") for lang in fmt.LANGS}
    assert all(len(outputs) > 5 for outputs in pages.values())


def test_no_page_doubles_its_punctuation(pages):
    found = {
        page: [d for out in outputs for text in page_texts(out) for d in doubled(text)]
        for page, outputs in pages.items()
    }
    assert not {page: hits for page, hits in found.items() if hits}


def test_the_notes_for_print_are_searched(pages):
    """The notes of computed figures (a formula in words, ending with its own stop) are among the texts."""
    notes = [t for out in pages["economy.en"] for t in page_texts(out) if "Computed from: " in t]
    assert any("allow. Computed from" in note for note in notes)


@pytest.mark.parametrize(
    "text",
    ["allow.. Computed from", "区间。。计算依据", "增长，。", "GDP。.", "GDP.。", "inputs:.", "x. . y"],
)
def test_the_search_finds_doubled_punctuation(text):
    assert doubled(text)


@pytest.mark.parametrize("text", ["grew 1.5% a year", "so on…", "and so on...", "e.g., Shenzhen", "见表1。"])
def test_the_search_leaves_single_punctuation(text):
    assert not doubled(text)


@pytest.mark.parametrize(
    ("parts", "lang", "joined"),
    [
        (["Each over its interval.", "Computed from: GDP"], "en", "Each over its interval. Computed from: GDP."),
        (["各取其区间。", "计算依据：地区生产总值"], "zh", "各取其区间。计算依据：地区生产总值。"),
        (["It rose (by 5%).", "", "Then:"], "en", "It rose (by 5%). Then."),
        (["他说“好。”", "于是，"], "zh", "他说“好。”于是。"),
        (["Is it?", "Yes!"], "en", "Is it? Yes!"),
    ],
)
def test_sentences_are_joined_with_one_stop_each(parts, lang, joined):
    assert fmt.sentences(parts, lang) == joined
