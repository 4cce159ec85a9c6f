"""The economy report's figures, found by what they are, and the annual series it analyses."""

from __future__ import annotations

THEME = "economy"
# The article figures this report states, by what they are (indicator, measure, which: see Dataset.find_all);
# ids are free labels, so a data folder for a later year needs no change here.
FIGURES = {
    "gdp_start": ("gdp", "level", "earliest"),
    "gdp_end": ("gdp", "level", "plan_end"),
    "gdp_real_growth": ("gdp", "cagr", "latest"),
    "gdp_growth_rank": ("gdp", "rank", "latest"),
    "output": ("industrial_output", "level", "latest"),
    "output_growth": ("industrial_output", "growth", "latest"),
    "output_growth_avg": ("industrial_output", "cagr", "latest"),
    "output_thresholds": ("industrial_output", "threshold", "latest"),
    "va": ("industrial_va", "level", "latest"),
    "va_growth": ("industrial_va", "growth", "latest"),
    "va_total_growth_avg": ("industrial_va_total", "cagr", "latest"),
    "double_first_streak": ("industry_double_first", "streak", "latest"),
    "sei_start": ("sei_va", "level", "earliest"),
    "sei_end": ("sei_va", "level", "plan_end"),
    "sei_share": ("sei_va", "share", "latest"),
    "advanced_mfg_share": ("advanced_mfg_share", "share", "latest"),
    "hightech_mfg_share": ("hightech_mfg_share", "share", "latest"),
    "large_projects": ("large_industrial_projects", "count", "latest"),
    "products_over_threshold": ("products_national_output_share", "count", "latest"),
    "products_threshold": ("products_national_output_share", "threshold", "latest"),
}

WINDOW_SERIES = ("gdp", "industrial_output", "sei_va")
PEER_SERIES = ("gdp",)
