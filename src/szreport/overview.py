"""The overview: the five headline "firsts", the headline figures of each theme, links to the theme reports.

The same headlines feed the landing page ``reports/index.html`` (see :mod:`szreport.index`).
"""
from __future__ import annotations

from . import fmt
from .report import Section, figures_table

# The five "firsts" of the article's lead, each with the figures its sentence states.
FIRSTS = {
    "first_industry": ["industry_double_first_streak_2025"],
    "first_rd": ["rd_intensity_2024", "rd_intensity_rank_2024"],
    "first_gii": ["gii_cluster_rank_2025"],
    "first_trade": ["trade_2025", "trade_rank_streak_2025", "exports_rank_streak_2025"],
    "first_little_giants": ["little_giants_2025", "little_giants_rank_2025"],
}
# Headline figures of the three themes, shown on the overview and the landing page.
HEADLINE_FIGURES = {
    "economy": ["gdp_2025", "gdp_growth_avg_2020_2025", "sei_share_gdp_2025", "industrial_output_2025"],
    "innovation": ["rd_2024", "rd_intensity_2024", "hightech_enterprises_2025", "little_giants_2025"],
    "opening_up": ["trade_2025", "services_trade_2025", "bri_trade_share_2025", "fdi_2025"],
}


def value_text(figure, lang: str) -> str:
    """A figure as printed, in the report's language (ranks as ordinals)."""
    if figure.measure == "rank":
        return fmt.rank(figure.value, lang)
    return fmt.amount(figure.value, figure.unit, lang, figure.decimals, figure.qualifier)


def first_sentences(ds, lang: str) -> list[str]:
    """One generated sentence per "first", its numbers filled from the figures."""
    out = []
    for key, ids in FIRSTS.items():
        figures = [ds.fig(i) for i in ids]
        values = {f"v{i}": (fmt.number(f.value, f.decimals, lang) if f.unit in ("年", "家") else value_text(f, lang))
                  for i, f in enumerate(figures)}
        out.append(fmt.t(lang, key, **values))
    return out


def firsts(ds, lang: str) -> Section:
    count = ds.fig("headline_firsts_count")
    s = Section(fmt.t(lang, "h_firsts"))
    s.state(count)
    for ids in FIRSTS.values():
        for i in ids:
            s.state(ds.fig(i))
    s.paragraphs.append(fmt.t(lang, "p_firsts_intro", n=fmt.number(count.value, 0, lang)))
    s.paragraphs.append("\n".join(f"{i + 1}. {text}" for i, text in enumerate(first_sentences(ds, lang))))
    return s


def headlines(ds, lang: str, theme: str, available: list[str]) -> Section:
    """Headline figures of one theme, with a link to its report when it is built."""
    ids = HEADLINE_FIGURES[theme]
    s = Section(fmt.t(lang, f"title_{theme}"), level=2)
    for i in ids:
        s.state(ds.fig(i))
    s.tables.append(("", figures_table(ds, ids, lang)))
    if theme in available:
        s.paragraphs.append(fmt.t(lang, "p_read_report", href=f"{theme}.html", title=fmt.t(lang, f"title_{theme}")))
    return s
