"""The landing page ``reports/index.html``: every report in both languages and the headline figures."""

from __future__ import annotations

from pathlib import Path

from szreport import fmt
from szreport.data.loader import Dataset
from szreport.present import citation
from szreport.themes.overview import HEADLINE_FIGURES, first_sentences, headline_ids


def _size_text(n_bytes: int) -> str:
    return f"{n_bytes / 1024:.0f} KB" if n_bytes < 1024 * 1024 else f"{n_bytes / 1024 / 1024:.1f} MB"


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
    return "".join(parts)


def render_index(
    ds: Dataset,
    names: list[str],
    out_dir: Path,
    staging: Path,
    bundle: Path | None = None,
    cite: dict[str, citation.Citation] | None = None,
) -> str:
    """Links to every report that exists (published or about to be), headline figures, the data bundle (when
    given) and the citation of the set (``cite``: one per language), in both languages."""
    css = (Path(__file__).with_name("templates") / "szreport" / "report.css").read_text(encoding="utf-8")
    columns = []
    for lang in fmt.LANGS:
        present = [
            n for n in names if (out_dir / lang / f"{n}.html").exists() or (staging / lang / f"{n}.html").exists()
        ]
        pdfs = {n for n in present if (out_dir / lang / f"{n}.pdf").exists() or (staging / lang / f"{n}.pdf").exists()}
        links = "".join(
            f"<li><a href='{lang}/{n}.html'>{fmt.html_text(fmt.t(lang, f'title_{n}'))}</a>"
            + (f" · <a href='{lang}/{n}.pdf'>PDF</a>" if n in pdfs else "")
            + "</li>"
            for n in present
        )
        firsts = "".join(f"<li>{fmt.html_text(s)}</li>" for s in first_sentences(ds, lang))
        rows = "".join(
            f"<tr><td>{fmt.html_text(ds.fig(i).label(lang))}</td>"
            f"<td>{fmt.html_text(fmt.period(ds.fig(i).period, lang))}</td>"
            f"<td>{fmt.html_text(fmt.printed(ds.fig(i), lang))}</td></tr>"
            for theme in HEADLINE_FIGURES
            for i in headline_ids(ds, theme)
        )
        head = "".join(
            f"<th scope='col'>{fmt.html_text(fmt.t(lang, key))}</th>"
            for key in ("col_figure", "col_period", "col_value")
        )
        columns.append(
            f"<section lang='{lang}'><h2>{fmt.html_text(fmt.t(lang, 'index_heading'))}</h2>"
            f"<ul>{links or '<li>' + fmt.html_text(fmt.t(lang, 'index_none')) + '</li>'}</ul>"
            f"<h3>{fmt.html_text(fmt.t(lang, 'h_firsts'))}</h3><ol>{firsts}</ol>"
            f"<h3>{fmt.html_text(fmt.t(lang, 'index_headlines'))}</h3>"
            f"<table class='sz-table'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            f"{_downloads(lang, bundle, (cite or {}).get(lang))}</section>"
        )
    title = f"{fmt.t('zh', 'index_title')} · {fmt.t('en', 'index_title')}"
    article = ds.source("article")
    note = {
        lang: fmt.t(lang, "index_data_note", publisher=article["publisher"], date=article["date"]) for lang in fmt.LANGS
    }
    return (
        "<!DOCTYPE html>\n<html lang='zh'>\n<head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1.0'>"
        f"<title>{fmt.html_text(title)}</title><style>{css}\n"
        ".sz-index{display:grid;grid-template-columns:1fr 1fr;gap:32px} "
        "@media(max-width:800px){.sz-index{display:block}}"
        "</style></head>\n<body class='sz-report'><main style='max-width:1100px'>"
        f"<h1>{fmt.html_text(title)}</h1><div class='sz-index'>{''.join(columns)}</div>"
        f"<footer class='sz-footer'>{fmt.html_text(note['zh'])}<br>{fmt.html_text(note['en'])}</footer>"
        "</main></body>\n</html>\n"
    )
