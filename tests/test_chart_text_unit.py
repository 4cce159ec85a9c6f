"""Charts described for readers who do not see them (szreport.charts.text): alt text and numbers table, generated
from what the chart draws, in the page's language."""

from __future__ import annotations

import pytest

from szreport.charts import draw as charts
from szreport.charts import legends
from szreport.charts import text as chart_text


@pytest.fixture
def bars():
    charts.setup_style()
    chart = charts.bar_chart(
        "t", ["2021", "2022", "2023"], [2.0, 5.0, 3.5], ["2.0%", "5.0%", "3.5%"], "Growth", "s", "%"
    )
    yield chart
    charts.close(chart)


def test_alt_text_names_kind_title_ends_and_extremes(bars):
    en = chart_text.describe(bars, "en")
    assert en.startswith("Bar chart: Growth")
    assert "3 values, from 2.0% (2021) to 3.5% (2023); highest 5.0% (2022), lowest 2.0% (2021)" in en
    zh = chart_text.describe(bars, "zh")
    assert zh.startswith("柱状图：Growth") and "最高为2022的5.0%" in zh and "从2021的2.0%到2023的3.5%" in zh


def test_line_chart_describes_each_series_with_its_unit():
    import pandas as pd

    charts.setup_style()
    frame = pd.DataFrame({"year": [2020, 2021, 2022], "a": [1.0, 2.5, None], "b": [3.0, 1.0, 2.0]})
    chart = charts.line_chart("l", frame, "year", {"a": "A", "b": "B"}, "Two lines", "s", ylabel="CNY trillion")
    text = chart_text.describe(chart, "en")
    charts.close(chart)
    assert text.startswith("Line chart: Two lines (CNY trillion).")
    assert "A: 2 values, from 1 (2020) to 2.5 (2021)" in text and "B: 3 values" in text and "lowest 1 (2021)" in text
    table = chart_text.numbers_table(chart, "en")
    assert list(table.columns) == ["Label", "A", "B"] and list(table["A"]) == ["1", "2.5", "–"]


def test_a_missing_year_is_a_gap_on_the_axis():
    """Bars over 2020*, 2021, 2022, 2024, 2025 stand at their years: 2023 is an empty slot, not skipped."""
    charts.setup_style()
    chart = charts.bar_chart(
        "g", ["2020*", "2021", "2022", "2024", "2025"], [3.9, 4.1, 4.5, 5.4, 5.44], ["a", "b", "c", "d", "e"], "t", "s"
    )
    ax = chart.figure.axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    centres = [round(b.get_x() + b.get_width() / 2) for b in ax.patches]
    assert chart.gaps == ((0, 2023.0, charts.CONTEXT),)  # marked once the page's language is known
    legends.complete(chart, "en")
    marked = [(t.get_position()[0], t.get_text()) for t in ax.texts if t.get_text() == "n/a"]
    charts.close(chart)
    assert ticks == ["2020*", "2021", "2022", "2023", "2024", "2025"]
    assert centres == [2020, 2021, 2022, 2024, 2025]
    assert marked == [(2023.0, "n/a")]
    assert charts.year_slots(["2021", "Hong Kong"]) == {} and charts.year_slots(["2021", "2021*"]) == {}
