"""Formatting in both languages, generated text, and charts (CJK font, source line, CSV)."""

from __future__ import annotations

import re
import warnings

import pytest

from szreport import fmt
from szreport.charts import draw as charts
from szreport.metrics import Interval


def test_amounts_in_both_languages():
    assert fmt.amount(3.87, "万亿元", "zh", 2) == "3.87万亿元"
    assert fmt.amount(3.87, "万亿元", "en", 2) == "CNY 3.87 trillion"
    assert fmt.amount(2453.1, "亿元", "en", 1) == "CNY 245.31 billion"
    assert fmt.amount(1501, "亿美元", "en", 0) == "US$150.1 billion"
    assert fmt.amount(2.6, "万家", "en", 1, "over") == "over 26,000"
    assert fmt.amount(93, "%", "zh", 0, "at_least") == "93%以上"
    assert fmt.amount_range(Interval(6.39, 6.52), "%", "en", 1) == "6.4% to 6.5%"
    assert fmt.amount_range(Interval(1.03, 1.05), "万亿元", "en", 2) == "CNY 1.03 to 1.05 trillion"
    assert fmt.amount_range(Interval(-1.1, 3.9), "%", "zh", 1) == "−1.1%至3.9%"
    assert fmt.about(Interval(1.03, 1.05), "万亿元", "en", 2) == "about CNY 1.04 trillion"
    assert fmt.about(Interval(1.03, 1.05), "万亿元", "zh", 2) == "约1.04万亿元"
    assert fmt.about(Interval(-1.1, 3.9), "%", "en", 1) == "−1.1% to 3.9%"  # too wide for one number
    assert fmt.about(Interval(0.2, 0.6), "%", "en", 1) == "0.2% to 0.6%"  # never "about 0%"
    assert fmt.about(Interval(1034.5, 1045.2), "亿元", "en", 1) == "about CNY 104 billion"
    assert fmt.amount(1, "年", "en", 0) == "1 year" and fmt.amount(2, "年", "en", 0) == "2 years"
    assert fmt.amount_range(Interval(43.11, 43.14), "%", "zh", 1) == "43.1%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_value_that_rounds_to_zero_has_no_minus_sign(lang):
    assert fmt.number(-0.04, 1, lang) == "0.0"
    assert fmt.number(-0.004, 2, lang) == "0.00"
    assert fmt.number(-0.4, 0, lang) == "0"
    assert fmt.number(-0.0, 1, lang) == "0.0"
    assert fmt.number(-0.05001, 1, lang) == "−0.1"  # a true minus (U+2212)
    assert fmt.number(-1234.5, 1, lang) == ("−1,234.5" if lang == "en" else "−1234.5")
    assert fmt.amount(-0.04, "%", lang, 1) == "0.0%"
    assert fmt.amount_range(Interval(-0.04, 0.04), "%", lang, 1) == "0.0%"


def test_templates_have_the_same_keys_and_no_typed_figures():
    zh, en = fmt.templates("zh"), fmt.templates("en")
    assert set(zh) == set(en)
    for lang, table in (("zh", zh), ("en", en)):
        for key, text in table.items():
            text = re.sub(r"\{[^}]*\}", "", str(text)).replace("14th", "").replace("15th", "").replace("10 billion", "")
            assert not re.search(r"\d", text), f"{lang}:{key} has a typed number: {text!r}"


def test_missing_template_value_is_an_error():
    with pytest.raises(KeyError, match="needs value"):
        fmt.t("en", "p_gdp_levels")
    with pytest.raises(ValueError):
        fmt.check_lang("fr")


def test_chart_has_cjk_font_source_line_and_csv(ds):
    charts.setup_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        source = charts.source_line(ds, ["gdp"], "zh", ["nbs"])
        chart = charts.bar_chart("t", ["二〇二〇", "二〇二五"], [2.83, 3.87], ["2.83", "3.87"], "地区生产总值", source)
        chart.figure.canvas.draw()
        import io

        chart.figure.savefig(io.BytesIO(), format="png")
    assert source.startswith("资料来源：") and "深圳特区报" in source and "国家统计局" in source
    assert "补充资料" in source
    assert chart.csv().splitlines()[0] == "label,value"
    charts.close(chart)


def test_font_is_registered_by_path():
    family = charts.register_cjk_font()
    assert family == charts.CJK_FONT_FAMILY
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert "wqy" in path.lower()
