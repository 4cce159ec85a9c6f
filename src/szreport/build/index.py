"""The landing page ``reports/index.html``: the front page of the reports, one per language, in one file.

Each language's front page opens with the title and a paragraph, then the article's five "firsts" with the
audit's verdict badges (:func:`szreport.audit.report.checks`, the one judge), the headline chart the overview
publishes (:data:`HEADLINE_CHART`, its SVG file inlined, with the overview's own description as alternative text
and the overview's sentence on it as caption), and the six reports as cards (title, a line on what it shows,
links to the page and its PDF). The headline figures of the three themes follow, folded, then the data bundle
and the citation of the set, and a note naming the sources.

Chinese comes first, as the article; ``index.html#en`` is the English front page. The link at the top of each
switches to the other: the page shows the language its address's fragment targets (CSS ``:target``), so it
needs no script. Nothing is requested from outside the page: the chart is a data URI, like every image of the
reports.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from pathlib import Path

from szreport import fmt
from szreport.audit.report import checks as audit_checks
from szreport.charts import draw as charts
from szreport.charts import files as chart_files
from szreport.charts import text as chart_text
from szreport.data.loader import Dataset
from szreport.present import badges, citation
from szreport.themes import overview
from szreport.themes.overview import HEADLINE_FIGURES, first_sentences, headline_ids

HEADLINE_CHART = ("overview", "headline_growth")  # (report, chart): the chart the front page shows
HEADLINE_CHART_LEDE = "p_growth_comparison"  # the template of the overview's sentence on that chart


def _size_text(n_bytes: int) -> str:
    return f"{n_bytes / 1024:.0f} KB" if n_bytes < 1024 * 1024 else f"{n_bytes / 1024 / 1024:.1f} MB"


def _staged_or_published(relative: str, out_dir: Path, staging: Path) -> Path | None:
    """The file about to be published (staged) or, if this build did not make it, the one already published."""
    return next((root / relative for root in (staging, out_dir) if (root / relative).is_file()), None)


def _badged(text, checks: Mapping[str, Sequence[badges.Check]], lang: str) -> str:
    """``text`` as HTML (data text escaped, figures keyed), each checked figure with its verdict badge, whose link
    goes into the language's folder, where the audit is (``en/audit.html#claim-<id>``)."""
    marked = badges.with_badges(fmt.cell_html(text), checks, lang)
    return marked.replace(f'href="{badges.AUDIT_PAGE}#', f'href="{lang}/{badges.AUDIT_PAGE}#')


def _intro(ds: Dataset, lang: str, checks) -> str:
    article = ds.source("article")
    words = dict(
        city=ds.subject.name(lang),
        end=fmt.period(str(ds.plan_end), lang),
        publisher=citation.publisher(article, lang),
        date=str(article["date"]),
        these=fmt.t(lang, "index_intro_these"),
    )
    try:
        count = ds.find(*overview.FIRSTS_COUNT)
    except KeyError:  # the article announces no number of "firsts"
        text = fmt.t(lang, "index_intro_uncounted", **words)
    else:
        text = fmt.t(lang, "index_intro", n=fmt.stated(count, lang, fmt.number(count.value, 0, lang)), **words)
    return f"<p class='sz-front-intro'>{_badged(text, checks, lang)}</p>"


def _firsts(ds: Dataset, lang: str, checks) -> str:
    items = "".join(f"<li>{_badged(sentence, checks, lang)}</li>" for sentence in first_sentences(ds, lang))
    note = f"<p class='sz-front-note'>{fmt.html_text(fmt.t(lang, 'index_firsts_note'))}</p>" if checks else ""
    return (
        f"<section class='sz-front-firsts'><h2>{fmt.html_text(fmt.t(lang, 'h_firsts'))}</h2>"
        f"<ol>{items}</ol>{note}</section>"
    )


def _chart(ds: Dataset, lang: str, image: Path | None, overview_page: bool) -> str:
    """The headline chart as its report publishes it (the SVG file, inlined), described as the report describes
    it, with the report's sentence on it; nothing when the chart was not built in ``lang``."""
    if image is None:
        return ""
    report, name = HEADLINE_CHART
    section = overview.growth_comparison(ds, lang)  # the same data give the same chart, and its words
    chart = next(c for c in section.charts if c.name == name)
    alt = chart_text.describe(chart, lang)
    for drawn in section.charts:
        charts.close(drawn)
    lede = next((p for p in section.paragraphs if getattr(p, "template_key", "") == HEADLINE_CHART_LEDE), "")
    uri = "data:image/svg+xml;base64," + base64.b64encode(image.read_bytes()).decode("ascii")
    more = ""
    if overview_page:
        more = f" <a href='{lang}/{report}.html'>{fmt.html_text(fmt.t(lang, 'index_chart_more'))}</a>"
    caption = f"<figcaption>{fmt.cell_html(lede)}{more}</figcaption>" if lede or more else ""
    return (
        f"<section class='sz-front-chart'><h2>{fmt.html_text(section.heading)}</h2><figure>"
        f"<img src='{uri}' alt='{fmt.html_text(alt)}'>{caption}</figure></section>"
    )


def _cards(ds: Dataset, lang: str, pages: Mapping[str, tuple[Path, Path | None]]) -> str:
    """A card per report built in ``lang``, in the build's order (the reports' reading order): its title (the link
    to the page), what it shows, its PDF."""
    cards = []
    for name, (_, pdf) in pages.items():
        title = fmt.t(lang, f"title_{name}", city=ds.subject.name(lang))
        about = fmt.t(lang, f"index_card_{name}") if f"index_card_{name}" in fmt.templates(lang) else ""
        links = ""
        if pdf is not None:
            size = _size_text(pdf.stat().st_size)
            label = fmt.html_text(fmt.t(lang, "index_card_pdf_label", title=title, size=size))
            text = fmt.html_text(fmt.t(lang, "index_card_pdf", size=size))
            links = f"<p class='sz-card-links'><a href='{lang}/{name}.pdf' aria-label='{label}'>{text}</a></p>"
        cards.append(
            f"<li class='sz-card'><h3><a href='{lang}/{name}.html'>{fmt.html_text(title)}</a></h3>"
            + (f"<p>{fmt.html_text(about)}</p>" if about else "")
            + f"{links}</li>"
        )
    body = (
        f"<ul class='sz-cards'>{''.join(cards)}</ul>" if cards else f"<p>{fmt.html_text(fmt.t(lang, 'index_none'))}</p>"
    )
    return f"<section class='sz-front-reports'><h2>{fmt.html_text(fmt.t(lang, 'index_heading'))}</h2>{body}</section>"


def _headlines(ds: Dataset, lang: str, checks) -> str:
    """The headline figures of the three themes, folded: figure, period, value as printed with its badge."""
    rows = "".join(
        f"<tr><td>{fmt.html_text(ds.fig(i).label(lang))}</td>"
        f"<td>{fmt.html_text(fmt.period(ds.fig(i).period, lang))}</td>"
        f"<td>{_badged(fmt.stated(ds.fig(i), lang), checks, lang)}</td></tr>"
        for theme in HEADLINE_FIGURES
        for i in headline_ids(ds, theme)
    )
    head = "".join(
        f"<th scope='col'>{fmt.html_text(fmt.t(lang, key))}</th>" for key in ("col_figure", "col_period", "col_value")
    )
    return (
        f"<details class='sz-front-headlines'><summary>{fmt.html_text(fmt.t(lang, 'index_headlines'))}</summary>"
        f"<table class='sz-table'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>"
    )


def _downloads(lang: str, bundle: Path | None, cite: citation.Citation | None) -> str:
    """The data bundle's link and the citation of the whole set, in ``lang`` (each only when given)."""
    parts = []
    if bundle is not None:
        text = fmt.html_text(fmt.t(lang, "index_bundle", size=_size_text(bundle.stat().st_size)))
        parts.append(
            f"<h3>{fmt.html_text(fmt.t(lang, 'index_bundle_heading'))}</h3>"
            f"<p class='sz-bundle'><a href='{bundle.name}' download>{text}</a></p>"
        )
    if cite is not None:
        parts.append(citation.section_html(cite, heading_level=3, heading_key="cite_heading_index"))
    if not parts:
        return ""
    heading = fmt.html_text(fmt.t(lang, "index_downloads_heading"))
    return f"<section class='sz-front-downloads'><h2>{heading}</h2>{''.join(parts)}</section>"


def front_page(
    ds: Dataset,
    lang: str,
    pages: Mapping[str, tuple[Path, Path | None]],
    chart_image: Path | None = None,
    bundle: Path | None = None,
    cite: citation.Citation | None = None,
) -> str:
    """One language's front page: ``pages`` are the reports built in ``lang`` (name -> HTML file, PDF file or
    None), ``chart_image`` the headline chart's SVG file in ``lang`` (None: no chart)."""
    other = next(code for code in fmt.LANGS if code != lang)
    checks = audit_checks(ds, lang) if "audit" in pages else {}  # a badge links to the audit: only when it is there
    switch = (
        f"<nav class='sz-front-switch' aria-label='{fmt.html_text(fmt.t(lang, 'index_switch_label'))}'>"
        f"<a href='#{other}' lang='{other}' hreflang='{other}'>{fmt.html_text(fmt.t(other, 'index_lang_name'))}</a>"
        "</nav>"
    )
    note = fmt.t(lang, "index_data_note", source=citation.source_reference(ds.source("article"), lang))
    title = fmt.t(lang, "index_title", city=ds.subject.name(lang))
    return (
        f"<article id='{lang}' class='sz-front' lang='{lang}'>{switch}"
        f"<header class='sz-front-head'><h1>{fmt.html_text(title)}</h1>"
        f"{_intro(ds, lang, checks)}</header>"
        f"{_firsts(ds, lang, checks)}{_chart(ds, lang, chart_image, 'overview' in pages)}{_cards(ds, lang, pages)}"
        f"{_headlines(ds, lang, checks)}{_downloads(lang, bundle, cite)}"
        f"<footer class='sz-footer'>{fmt.html_text(note)}</footer></article>"
    )


def render_index(
    ds: Dataset,
    names: list[str],
    out_dir: Path,
    staging: Path,
    bundle: Path | None = None,
    cite: dict[str, citation.Citation] | None = None,
) -> str:
    """The front pages of both languages, linking every report that exists (published or about to be), with the
    data bundle (when given) and the citation of the set (``cite``: one per language)."""
    css = (Path(__file__).with_name("templates") / "szreport" / "report.css").read_text(encoding="utf-8")
    report, chart = HEADLINE_CHART
    images = {
        lang: _staged_or_published(f"{lang}/{chart_files.image_file(report, chart, 'svg')}", out_dir, staging)
        for lang in fmt.LANGS
    }
    if any(images.values()):
        charts.setup_style()  # the CJK font, as the reports' kernels have it, for the chart's words
    fronts = []
    for lang in fmt.LANGS:
        pages: dict[str, tuple[Path, Path | None]] = {}
        for name in names:
            page = _staged_or_published(f"{lang}/{name}.html", out_dir, staging)
            if page is not None:
                pages[name] = (page, _staged_or_published(f"{lang}/{name}.pdf", out_dir, staging))
        fronts.append(front_page(ds, lang, pages, images[lang], bundle, (cite or {}).get(lang)))
    title = " · ".join(str(fmt.t(lang, "index_title", city=ds.subject.name(lang))) for lang in fmt.LANGS)
    return (
        "<!DOCTYPE html>\n<html lang='zh'>\n<head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1.0'>"
        f"<title>{fmt.html_text(title)}</title><style>{css}</style></head>\n"
        "<body class='sz-report sz-front-body'><main class='sz-front-main jp-RenderedHTMLCommon'>"
        f"{''.join(fronts)}</main></body>\n</html>\n"
    )
