"""What a notebook calls: load the data, show sections, record every figure the report states.

A theme module (``economy``, ``innovation``, ...) builds :class:`Section` objects from a dataset: headings,
generated paragraphs, charts, tables and the figures they state (``results``). :class:`Report` displays them
in the notebook and, at the end, emits the recorded figures as one output of MIME type
``application/vnd.szreport.results+json`` that the build reads from the executed notebook into
``<lang>/results.json``. Each chart's data and image files are emitted the same way: the build writes the CSV
(one for both languages) and the SVG and PNG (one per language, :mod:`szreport.charts.files`).

Navigation (:mod:`szreport.present.navigation`): each heading carries its section's anchor in its output metadata (the
export turns it into the heading's id and the table of contents), and charts and tables are numbered in the
order shown, the first paragraph of their section referring to them by number.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from szreport import fmt
from szreport.charts import draw as charts
from szreport.charts import files as chart_files
from szreport.charts import text as chart_text
from szreport.data import figure as figure_mod
from szreport.data import loader as data
from szreport.data.loader import Dataset
from szreport.present import badges, glossary, navigation, provenance

RESULTS_MIME = "application/vnd.szreport.results+json"
CHART_DATA_MIME = "application/vnd.szreport.chart+json"
# Output metadata of what only a page of another template (nbconvert's stock ``lab``, JupyterLab itself) needs: the
# szreport template leaves such outputs out (szreport.build.export.StripSzreportOutputs), so the build's pages
# never hold them.
STOCK_TEMPLATE_ONLY = "szreport_stock_template_only"
# The page's print-only parts (the lists its scripts add for the PDF) kept off the screen where the szreport
# stylesheet is not loaded.
PRINT_ONLY_STYLE = (
    "<style>@media screen { .sz-print-block, .sz-print-inline, .sz-print-only { display: none; } }</style>"
)

# Key suffix for each printed unit (defined with the figures, in szreport.data.figure; re-exported here).
UNIT_SUFFIX = figure_mod.UNIT_SUFFIX


def figure_key(figure: data.Figure) -> str:
    """The results.json key of an article figure: its id and unit (rd_2024 -> rd_2024_yuan_100m)."""
    return figure.key


@dataclass
class Section:
    """A part of a report: heading, paragraphs of generated text, charts, tables and stated figures."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    charts: list[charts.Chart] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    results: dict[str, float | int | str | None] = field(default_factory=dict)
    level: int = 2
    derivations: dict[str, provenance.Derivation] = field(default_factory=dict)  # how derived figures were made
    # What the data folder lacked for it, in words for the build's log (szreport.present.partial); omitted: it had
    # nothing to show, so the page leaves it out (and its contents with it).
    absent: list[str] = field(default_factory=list)
    omitted: bool = False

    def state(self, figure: data.Figure) -> None:
        """Record an article figure the section states, under its unit-suffixed key."""
        value = int(figure.value) if figure.decimals == 0 else figure.value
        self.results[figure_key(figure)] = _plain(value)

    def derive(self, key: str, value, how: provenance.Derivation | None = None, text=None) -> fmt.Md | None:
        """Record a derived figure; an interval is recorded as key_low / key_high plus its midpoint. ``how`` says
        how it was computed (its provenance note); ``text``, the figure as the prose shows it, is returned marked
        with ``key`` (``data-key``) for the sentence, as :func:`fmt.stated` marks an article figure."""
        if hasattr(value, "lo"):
            self.results[f"{key}_low"] = _plain(value.lo)
            self.results[f"{key}_high"] = _plain(value.hi)
            self.results[key] = _plain(value.mid)
        else:
            self.results[key] = _plain(value)
        if how is not None:
            self.derivations[key] = how
        return fmt.keyed(key, text) if text is not None else None


def _plain(value):
    if isinstance(value, str):
        return str.__str__(fmt.plain(value))
    if isinstance(value, float) and math.isinf(value):
        return None  # an open interval's missing end: JSON null, never a number as text
    if isinstance(value, float):
        return round(value, 6)
    if hasattr(value, "item"):
        return value.item()
    return value


def figures_table(ds: Dataset, ids: list[str], lang: str) -> pd.DataFrame:
    """The article's figures as a reader's table: label, period, value as printed, measure and basis."""
    rows = []
    for figure_id in ids:
        figure = ds.fig(figure_id)
        value = fmt.stated(figure, lang)
        rows.append(
            {
                fmt.t(lang, "col_figure"): figure.label(lang),
                fmt.t(lang, "col_period"): fmt.period(figure.period, lang),
                fmt.t(lang, "col_value"): value,
                fmt.t(lang, "col_basis"): fmt.t(lang, f"basis_{figure.basis.replace('.', '').replace('/', '')}"),
            }
        )
    return pd.DataFrame(rows)


def theme_table(ds: Dataset, theme: str, heading_key: str, lang: str) -> Section:
    """Every figure of one theme of the article, as printed, and recorded as stated."""
    ids = ds.theme_figures.get(theme, [])
    section = Section(fmt.t(lang, heading_key))
    section.tables.append((fmt.t(lang, "caption_article_figures"), figures_table(ds, ids, lang)))
    for figure_id in ids:
        section.state(ds.fig(figure_id))
    return section


class Report:
    """The notebook's handle: dataset, language, display and the record of stated figures."""

    def __init__(
        self,
        name: str,
        lang: str = "zh",
        data_dir: str | Path = "",
        display: bool = True,
        checks: Callable[[Dataset, str], Mapping[str, Sequence[badges.Check]]] | None = None,
    ):
        """``data_dir``: the data folder, by default (``""``) the project's ``data/`` wherever the notebook runs.
        ``checks`` (the audit's :func:`szreport.audit.report.checks`) gives the verdicts the page shows as a
        badge beside each figure a claim checks, wherever the page states it."""
        self.name = name
        self.lang = fmt.check_lang(lang)
        self.ds = data.load(data_dir)
        self.checks = dict(checks(self.ds, self.lang)) if checks else {}
        self.results: dict[str, float | int | str | None] = {}
        self._display = display
        self._anchors: set[str] = set()  # the ids of the page's sections so far
        self._numbers = {navigation.FIGURE: 0, navigation.TABLE: 0}  # charts and tables shown so far
        self._absent: list[str] = []  # what the data folder lacked, section by section (for the build's log)
        self._derivations: dict[str, provenance.Derivation] = {}
        self._glossary = glossary.Uses(self.lang)  # the terms the page has used so far, each marked at its first use
        charts.setup_style()
        if display:
            _inline_png()

    # --- display -------------------------------------------------------------------------------
    def _show(self, obj) -> None:
        if self._display:
            from IPython.display import display

            display(obj)

    def markdown(self, text: str, metadata: dict | None = None) -> None:
        """Show Markdown: ``fmt.Md`` from the templates as it is, any other text escaped as data text."""
        from IPython.display import Markdown, display

        if self._display:
            text = badges.with_badges(fmt.md(text), self.checks, self.lang, in_audit=self.name == "audit")
            text = self._glossary.mark(text)  # a term's first use on the page
            display(Markdown(str.__str__(text)), metadata=metadata)

    def heading(self, text, level: int, name: str) -> str:
        """Show a heading whose section is ``name`` (made unique in the page); returns its anchor."""
        name = navigation.unique(name, self._anchors)
        self.markdown(fmt.Md("#" * level + " ") + text, {navigation.ANCHOR_METADATA: {"id": name, "level": level}})
        return name

    def title(self, subtitle_key: str | None = None) -> None:
        """The report's title and the line naming the article as every page names a source (citation), generated."""
        from szreport.present import citation  # same layer (present); may join the module's imports

        article = self.ds.source("article")
        self.heading(
            fmt.t(self.lang, f"title_{self.name}", city=self.ds.subject.name(self.lang)), 1, navigation.TITLE_ANCHOR
        )
        lines = [fmt.t(self.lang, "based_on_source", source=citation.source_reference(article, self.lang))]
        if subtitle_key:
            lines.insert(0, fmt.t(self.lang, subtitle_key))
        self.markdown(fmt.Md("\n\n").join(lines))

    def findings(self, section: Section) -> None:
        """The box of key findings under the title (``id="key-findings"``): each paragraph of ``section`` is one
        takeaway, a plain sentence stating at least one figure, with the verdict badge of any claim that checks
        it. The figures are recorded as a section's are."""
        from IPython.display import HTML

        heading = fmt.html_text(section.heading or fmt.t(self.lang, "key_findings"))
        if not section.paragraphs:  # a data folder with too few of the report's figures (szreport.present.partial)
            section.paragraphs.append(fmt.t(self.lang, "key_findings_none"))
        items = "".join(
            "<li>"
            + badges.with_badges(fmt.inline_html(item), self.checks, self.lang, in_audit=self.name == "audit")
            + "</li>"
            for item in section.paragraphs
        )
        self._show(
            HTML(
                '<section id="key-findings" class="sz-key-findings" aria-labelledby="key-findings-h">'
                f'<h2 id="key-findings-h">{heading}</h2><ul>{items}</ul></section>'
            )
        )
        self.record(section.results)
        self._derivations.update(section.derivations)

    def show(self, section: Section) -> None:
        """Display a section and record the figures it states. Its tables, then its charts, get the next numbers
        of the report, and its first paragraph (or a line of its own) refers to them."""
        self._absent.extend(f"{section.heading}: {what}" for what in section.absent)
        if section.omitted:
            return
        fallback = f"section-{len(self._anchors) + 1}"
        self.heading(section.heading, section.level, navigation.anchor(section.heading, fallback))
        refs = [(navigation.TABLE, self._numbers[navigation.TABLE] + i + 1) for i in range(len(section.tables))]
        refs += [(navigation.FIGURE, self._numbers[navigation.FIGURE] + i + 1) for i in range(len(section.charts))]
        paragraphs = list(section.paragraphs)
        if paragraphs and refs:
            paragraphs[0] = navigation.with_references(paragraphs[0], navigation.references(self.lang, refs))
        elif refs:
            paragraphs = [navigation.references(self.lang, refs, alone=True)]
        for paragraph in paragraphs:
            self.markdown(paragraph)
        for caption, table in section.tables:
            self.table(table, caption or section.heading)
        for chart in section.charts:
            self.chart(chart, chart.title or section.heading)
        self.record(section.results)
        self._derivations.update(section.derivations)

    def _next_number(self, kind: str) -> int:
        self._numbers[kind] += 1
        return self._numbers[kind]

    def table(self, frame: pd.DataFrame, caption: str = "") -> None:
        """Show a table under its caption line: the table's number in the report, then ``caption``."""
        from IPython.display import HTML

        body = badges.with_badges(table_html(frame), self.checks, self.lang, in_audit=self.name == "audit")
        cap = navigation.caption_html(self.lang, navigation.TABLE, self._next_number(navigation.TABLE), caption)
        self._show(HTML(f"<div class='sz-table-wrap'>{cap}{body}</div>"))

    def chart(self, chart: charts.Chart, caption: str = "") -> None:
        """Show a chart under its caption line (its number in the report, then ``caption``, by default its title):
        its pictures without the title, inline SVG for a wide page and for a phone (:mod:`szreport.charts.files`),
        named by its description and each data mark showing its value on hover, tap or focus
        (:mod:`szreport.charts.marks`, whose script the page's first chart brings), its numbers folded under it,
        the links to its data (CSV) and its image files (SVG, PNG), and hand the data and the files to the build."""
        from IPython.display import HTML, display

        from szreport.charts import legends
        from szreport.charts import marks as chart_marks

        number = self._next_number(navigation.FIGURE)
        if self._display:
            cap = navigation.caption_html(self.lang, navigation.FIGURE, number, caption or chart.title)
            legends.complete(chart, self.lang)  # the words the chart needs in the page's language
            alt = chart_text.describe(chart, self.lang)
            shown = chart_marks.resolve(chart, self.lang)
            images = chart_files.render(chart.figure, shown, alt, prefix=f"szc{number}-")
            script = "" if vars(self).get("_marks_script") else chart_marks.script_html()  # once, before any mark
            vars(self)["_marks_script"] = True
            # caption and pictures in one element, so that a page never ends with a caption whose chart is overleaf
            display(HTML(f"<figure class='sz-figure'>{cap}{images.html()}</figure>{script}"))
            numbers = table_html(chart_text.numbers_table(chart, self.lang))
            summary = fmt.html_text(fmt.t(self.lang, "chart_numbers"))
            figure = navigation.number_label(self.lang, navigation.FIGURE, number)
            links = chart_files.links_html(self.lang, self.name, chart.name, fmt.plain(figure))
            display(
                HTML(
                    f"<details class='sz-numbers'><summary>{summary}</summary>{numbers}</details>"
                    f"<p class='sz-source sz-chart-files'>{links}</p>"
                )
            )
            payload = {
                "report": self.name,
                "file": f"{chart.name}.csv",
                "csv": chart.csv(),
                "images": images.payload(),
            }
            # text/plain: what Jupyter and nbconvert's stock templates show instead of the data meant for the build
            display({CHART_DATA_MIME: payload, "text/plain": f"[szreport: data of chart {chart.name}]"}, raw=True)
        charts.close(chart)

    # --- results -------------------------------------------------------------------------------
    def record(self, values: dict) -> None:
        for key, value in values.items():
            if key in self.results and self.results[key] != value:
                raise ValueError(
                    f"figure {key!r} recorded twice with different values: {self.results[key]!r} and {value!r}"
                )
            self.results[key] = value

    def finish(self) -> dict:
        """Show the glossary of the terms the page used (szreport.present.glossary) and the provenance of its figures
        (szreport.present.provenance), and emit the recorded figures for the build (and return them)."""
        if self._display:
            from IPython.display import HTML, display

            notes = provenance.panel(self.ds, self.lang, self._derivations, self.checks)
            display(HTML(self._glossary.html() + notes.html))  # one output at the page's end
            display({"text/html": PRINT_ONLY_STYLE}, metadata={STOCK_TEMPLATE_ONLY: True}, raw=True)
            recorded = {"report": self.name, "lang": self.lang, "results": self.results, "absent": self._absent}
            fallback = f"[szreport: {len(self.results)} figures recorded for results.json]"
            display({RESULTS_MIME: recorded, "text/plain": fallback}, raw=True)
        return self.results


def table_html(frame: pd.DataFrame) -> str:
    """A table as HTML, every cell literal text (escaped), except figures marked with their results.json key
    (:func:`fmt.keyed`), which keep their ``data-key`` element so that their provenance can be shown. Each cell
    names its column (``data-th``): on a phone the rows stand one under another, each cell after its column's name
    (the page's CSS)."""
    import html

    if not any(isinstance(v, fmt.Md) and "data-key" in v for v in frame.to_numpy().ravel()):
        cells = fmt.plain(frame).rename(columns=fmt.one_line).map(fmt.one_line)
        shown = cells.to_html(index=False, escape=True, border=0, classes="sz-table")
        names = [html.escape(str(c), quote=True) for c in cells.columns]
        lines, column = [], 0
        for line in shown.split("\n"):
            if line.strip() == "<tr>":
                column = 0
            elif line.lstrip().startswith("<td>") and column < len(names):
                line = line.replace("<td>", f'<td data-th="{names[column]}">', 1)
                column += 1
            lines.append(line)
        return "\n".join(lines)
    names = [html.escape(str(fmt.plain(fmt.one_line(c))), quote=True) for c in frame.columns]
    head = "".join(f"<th>{fmt.cell_html(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f'<td data-th="{name}">{fmt.cell_html(v)}</td>' for name, v in zip(names, row)) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f'<table border="0" class="dataframe sz-table"><thead><tr style="text-align: right;">{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _display_image(mime: str, image: str | bytes, metadata: dict) -> None:
    """An image output (SVG text, or PNG bytes) with its metadata: ``alt``, the description the szreport template
    writes as the image's alternative text, and for a PNG its ``width`` and ``height``."""
    import base64

    from IPython.display import display

    data = base64.b64encode(image).decode("ascii") if isinstance(image, bytes) else image
    display({mime: data}, metadata={mime: metadata}, raw=True)


def _inline_png() -> None:
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # outside a kernel
        return
    set_matplotlib_formats("png")
