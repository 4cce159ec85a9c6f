"""One figure of the article as printed: its value with the digits it was printed with (so its rounding interval is
known), unit, period, measure, basis and qualifier, and the results.json key it is recorded under."""

from __future__ import annotations

from dataclasses import dataclass

from szreport import metrics
from szreport.data.periods import period_end, period_start

# Key suffix for each printed unit, so results.json keys carry their unit (gdp_2025_yuan_trillion).
UNIT_SUFFIX = {
    "万亿元": "yuan_trillion",
    "亿元": "yuan_100m",
    "亿美元": "usd_100m",
    "%": "pct",
    "家": "firms",
    "万家": "firms_10k",
    "个": "count",
    "种": "products",
    "项": "count",
    "年": "years",
    "位": "rank",
    "GHz": "ghz",
    "元/美元": "cny_per_usd",
}


@dataclass(frozen=True)
class Figure:
    """One figure of the article, as printed, with what it means."""

    id: str
    value: float
    value_text: str
    unit: str
    period: str
    measure: str
    basis: str
    qualifier: str
    indicator: str
    label_zh: str
    label_en: str
    printed: str
    paragraph: int
    note: str = ""

    @property
    def key(self) -> str:
        """Its results.json key: id and unit (rd_2024 -> rd_2024_yuan_100m), under which reports record it and
        by which its statement in prose is marked (``data-key``)."""
        return f"{self.id}_{UNIT_SUFFIX[self.unit]}"

    @property
    def interval(self) -> metrics.Interval:
        """Values the printed figure may stand for (its rounding interval and qualifier)."""
        return metrics.value_interval(self.value_text, self.unit, self.qualifier)

    @property
    def decimals(self) -> int:
        return metrics.decimals_of(self.value_text)

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def in_unit(self, unit: str, usd_cny=None):
        return metrics.convert(self.value, self.unit, unit, usd_cny)

    def interval_in(self, unit: str, usd_cny=None) -> metrics.Interval:
        return metrics.convert(self.interval, self.unit, unit, usd_cny)


def span_key(start: Figure, end: Figure) -> str:
    """The years from one figure's period to another's, for a results key: 2020 and 2025 -> '2020_2025'."""
    return f"{period_start(start.period)}_{period_end(end.period)}"
