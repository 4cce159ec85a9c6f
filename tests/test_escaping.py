"""The escaping rule: text from the data folder reaches a page as text, never as markup (unit tier).

Rendered with nbconvert's own Markdown renderer, the one the build's HTML export uses."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from szreport import fmt
from szreport.present import report, words

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src="x" onerror="window.__pwned = 2">',
    '<img src="http://127.0.0.1:9/leak.png">',
    "[click](javascript:window.__pwned=3)",
    "![tracker](http://127.0.0.1:9/t.png)",
    "<http://127.0.0.1:9/autolink> and http://127.0.0.1:9/bare",
    "&lt;b&gt; &amp; &#60;i&#62;",
    "`code` *em* __strong__ ~~del~~ $x$ | a | b |",
    "# heading\n- item\n1. item\n> quote",
    "back\\slash \\<b\\> \\\\",
    '<a href="javascript:alert(1)">x</a><svg onload="alert(1)"></svg>',
]


def rendered(markdown: str) -> str:
    return markdown2html_mistune(str(markdown))


def visible_text(page_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page_html)).strip()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_data_text_in_a_template_renders_as_its_own_words(hostile):
    sentence = fmt.t("en", "based_on", publisher=hostile, title="T", date="D")
    out = rendered(sentence)
    assert re.findall(r"<(\w+)", out) == ["p"], out  # one paragraph, no element from the data
    shown = " ".join(hostile.split())  # line breaks are folded to spaces
    assert shown in visible_text(out), out


@pytest.mark.parametrize("hostile", HOSTILE)
def test_plain_gives_back_the_literal_text(hostile):
    folded = " ".join(hostile.split()) if "\n" in hostile else hostile
    assert fmt.plain(fmt.md(hostile)) == folded
    assert fmt.plain(fmt.t("en", "based_on", publisher=hostile, title="T", date="D")) == fmt.templates("en")[
        "based_on"
    ].format(publisher=folded, title="T", date="D")


def test_bidirectional_overrides_are_removed():
    rlo = "evil\u202e gnp.exe\u202c \u2066x\u2069"
    assert fmt.plain(fmt.md(rlo)) == "evil gnp.exe x"
    assert fmt.plain(rlo) == "evil gnp.exe x"
    assert fmt.html_text("<b>\u202e") == "&lt;b&gt;"


def test_md_composition_escapes_what_is_not_md():
    trusted = fmt.Md("**bold** ")
    assert trusted + "<i>" == "**bold** \\<i\\>"
    assert "<i>" + trusted == "\\<i\\>**bold** "
    assert fmt.Md(", ").join(["a*", fmt.Md("*b*")]) == "a\\*, *b*"
    assert isinstance(trusted + "x", fmt.Md) and isinstance(fmt.Md(", ").join([]), fmt.Md)
    assert fmt.md(trusted) is trusted


def test_numbers_fill_templates_as_numbers_and_text_is_escaped():
    assert fmt.t("en", "based_on", publisher=3, title=2.5, date="2026-02-09").startswith(
        "Based on: 3, “2.5” (2026\\-02\\-09)"
    )


@pytest.mark.parametrize("value", ["series:a/b/2024", "has ` one", "has `` two ` and <b>"])
def test_code_spans_hold_their_text_literally(value):
    out = rendered(fmt.Md("see ") + fmt.code(value))
    assert re.findall(r"<(\w+)", out) == ["p", "code"], out
    assert visible_text(out) == f"see {value}"


def test_tables_and_captions_show_literal_text_escaped_for_html():
    shown = []
    r = report.Report.__new__(report.Report)
    r._display, r.lang, r._numbers, r.checks, r.name = True, "en", {"fig": 0, "table": 0}, {}, "economy"
    r._show = lambda obj: shown.append(obj.data)
    frame = pd.DataFrame({fmt.t("en", "col_figure"): ["<img src=x onerror=1>", fmt.md("R&D 3.87")]})
    r.table(frame, fmt.t("en", "based_on", publisher="<b>P</b>", title="T", date="D"))
    assert "<img" not in shown[0] and "&lt;img src=x onerror=1&gt;" in shown[0]
    assert "R&amp;D 3.87" in shown[0] and "\\" not in shown[0]
    assert "&lt;b&gt;P&lt;/b&gt;" in shown[0]


def test_charts_draw_the_literal_words():
    from szreport.charts import draw as charts

    charts.setup_style()
    chart = charts.bar_chart(
        "c",
        [fmt.md("R&D (a)"), "US$1 and US$2"],
        [1.0, 2.0],
        ["1", "2"],
        fmt.t("en", "based_on", publisher="$x$ <b>", title="T", date="D"),
        fmt.md("Source: a.b"),
    )
    ax = chart.figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["R&D (a)", "US$1 and US$2"]
    assert ax.get_title(loc="left") == "Based on: $x$ <b>, “T” (D), and other public statistics."
    assert "\\" not in chart.csv() and chart.source_line == "Source: a.b"
    chart.figure.canvas.draw()  # "$" is a dollar sign: mathtext would fail or garble on "$x$ <b>"
    charts.close(chart)


def test_a_section_without_its_inputs_says_what_it_needs_in_words(ds):
    """For a reader: what the section would need, from the indicator's title, region and year; no reference, no
    file name; data text (an indicator's title) stays text."""
    for lang, needed in (("en", "Shenzhen's foreign trade (exports plus imports) for 2020"), ("zh", "深圳2020年")):
        out = rendered(words.needs_rows(lang, "what_trade_growth_comparison", ["series:shenzhen/trade/2020"], ds))
        assert needed in visible_text(out) and re.findall(r"<(\w+)", out) == ["p"], out
        assert "series" not in visible_text(out) and ".csv" not in visible_text(out)
