"""What the innovation report's sections share: the article figures the report states (:data:`FIGURES`, theme
``innovation``), the annual series of its window analysis and the chart tone of published years.
"""

from __future__ import annotations

THEME = "innovation"
# The article figures this report states, by what they are (indicator, measure, which: see Dataset.find_all);
# ids are free labels, so a data folder for a later year needs no change here.
FIGURES = {
    "rd_start": ("rd_expenditure", "level", "earliest"),
    "rd_end": ("rd_expenditure", "level", "latest"),
    "rd_cagr": ("rd_expenditure", "cagr", "latest"),
    "rd_total_rank": ("rd_expenditure", "rank", "latest"),
    "intensity": ("rd_intensity", "share", "latest"),
    "intensity_rank": ("rd_intensity", "rank", "latest"),
    "enterprise_share": ("enterprise_rd", "share", "latest"),
    "enterprise_rank": ("enterprise_rd", "rank", "latest"),
    "hightech_new": ("hightech_enterprises", "additions", "latest"),
    "hightech_total": ("hightech_enterprises", "level", "latest"),
    "giants_new": ("little_giants", "additions", "latest"),
    "giants_total": ("little_giants", "level", "latest"),
    "giants_rank": ("little_giants", "rank", "latest"),
    "facilities": ("major_science_facilities", "count", "latest"),
    "centres_landed": ("national_innovation_centres", "count", "year"),
    "centres_built": ("national_innovation_centres", "count", "span"),
    "clusters": ("advanced_mfg_clusters", "count", "latest"),
    "carriers": ("innovation_carriers", "count", "latest"),
    "products_global_first": ("products_global_share_first", "count", "latest"),
    "products_national_first": ("products_national_share_first", "count", "latest"),
    "oscilloscope": ("oscilloscope_bandwidth", "level", "latest"),
    "gii_rank": ("gii_cluster", "rank", "latest"),
}

# Annual series whose average growth over the window the report states.
WINDOW_SERIES = ("rd_expenditure", "hightech_enterprises", "little_giants")
# Light tone for published years drawn beside the article's own figure (accent) and implied values (grey); still
# 3.2:1 on white, the least a bar needs (WCAG 1.4.11).
PUBLISHED = "#d4766c"
