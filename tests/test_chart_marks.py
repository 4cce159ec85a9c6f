"""Values under the cursor, the finger and the keyboard (szreport.charts.marks, marks.js): every data mark of every
chart kind is an element [data-mark] of the page's SVG, with data-value (the value as the chart's CSV writes it) and
an accessible name; in the built pages, hovering, tapping or focusing any mark of any chart shows its label, year and
value in one role="tooltip"; Tab enters a chart, arrow keys move within it; the script is inline, under 8 KB, once a
page; the tooltip is never printed; axe finds nothing serious with a tooltip open.

The browser tier checks the session's full build, or the output folder named by SZREPORT_A11Y_OUT."""

from __future__ import annotations

import csv
import io
import math
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from szreport.charts import draw as charts
from szreport.charts import files as chart_files
from szreport.charts import intervals, legends, marks

from .helpers import LANGS

SVG = "{http://www.w3.org/2000/svg}"
REPORTS = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]


def cells(chart: charts.Chart) -> set[str]:
    """Every cell of the chart's CSV, as text."""
    return {cell for row in list(csv.reader(io.StringIO(chart.csv())))[1:] for cell in row}


def page_marks(chart: charts.Chart, lang: str = "en") -> tuple[tuple[marks.Shown, ...], list[ET.Element]]:
    """The chart's marks as resolved and the elements [data-mark] of its page's SVG."""
    legends.complete(chart, lang)
    shown = marks.resolve(chart, lang)
    images = chart_files.render(chart.figure, shown, "chart", prefix="szc1-")
    charts.close(chart)
    for svg in (images.page, images.narrow):
        elements = [e for e in ET.fromstring(svg).iter() if "data-mark" in e.attrib]
        assert [e.get("data-value") for e in elements] == [m.value for m in shown]
    return shown, [e for e in ET.fromstring(images.page).iter() if "data-mark" in e.attrib]


@pytest.fixture(autouse=True)
def style():
    charts.setup_style()


def test_every_bar_is_a_mark_with_its_csv_value_and_a_name():
    data = pd.DataFrame(
        {
            "year": [2020, 2021, 2023],
            "value_yuan_trillion": [3.951984618083827, 4.134132, 5.4],
            "kind": ["implied", "published", "article"],
        }
    )
    chart = charts.bar_chart(
        "io", ["2020*", "2021", "2023"], list(data["value_yuan_trillion"]), ["3.95", "4.13", "5.40"], "Output", "s",
        ylabel="CNY trillion", colors=[charts.CONTEXT, charts.PUBLISHED, charts.ACCENT], data=data,
    )  # fmt: skip
    shown, elements = page_marks(chart)
    assert [m.value for m in shown] == ["3.951984618083827", "4.134132", "5.4"]
    assert all(m.in_csv for m in shown) and {m.value for m in shown} <= cells(chart)
    assert [m.year for m in shown] == ["2020*", "2021", "2023"]
    assert shown[0].name == "Output (implied by growth), 2020*: 3.951984618083827 CNY trillion"  # colour in words
    assert [m.note for m in shown] == ["implied by growth", "published annual figure", "the article's figure"]
    assert [e.get("role") for e in elements] == ["img"] * 3
    assert [e.get("tabindex") for e in elements] == ["0", "-1", "-1"]  # Tab enters at the first, arrows move on
    assert all(e.get("aria-label") == m.name for e, m in zip(elements, shown))
    assert all(e.tag == f"{SVG}g" and e.find(f"{SVG}path") is not None for e in elements)  # the bar's own shape


def test_a_chart_drawn_in_another_unit_finds_its_values_in_its_data():
    """FDI drawn in billions (en) from 亿元: the marks carry the CSV's 亿元 values, with their unit."""
    data = pd.DataFrame({"year": [2023, 2024], "fdi_yuan_100m": [626.2, 441.26], "kind": ["published", "article"]})
    values = [v * 0.1 for v in data["fdi_yuan_100m"]]
    chart = charts.bar_chart("fdi", ["2023", "2024"], values, ["62.6", "44.1"], "FDI", "s", "CNY billion", data=data)
    shown, _ = page_marks(chart)
    assert [m.value for m in shown] == ["626.2", "441.26"] and all(m.in_csv for m in shown)
    assert shown[0].shown == "626.2 CNY hundred million"


def test_every_vertex_of_every_line_is_a_mark_and_a_gap_breaks_the_line():
    frame = pd.DataFrame(
        {"year": [2020, 2021, 2022, 2023], "a_pct": [1.0, None, 2.5, 3.0], "b_pct": [3.0, 1.0, 2.0, None]}
    )
    chart = charts.line_chart("l", frame, "year", {"a_pct": "A", "b_pct": "B"}, "Two lines", "s", ylabel="%")
    assert chart.gaps == ((0, 2021.0, charts.PALETTE[0]),)  # a's missing year between its ends; b's last is no gap
    shown, elements = page_marks(chart)
    assert [(m.label, m.year, m.value) for m in shown] == [
        ("A", "2020", "1.0"), ("A", "2022", "2.5"), ("A", "2023", "3.0"),
        ("B", "2020", "3.0"), ("B", "2021", "1.0"), ("B", "2022", "2.0"),
    ]  # fmt: skip
    assert shown[1].shown == "2.5%" and shown[1].name == "A, 2022: 2.5%"
    assert all(e.tag == f"{SVG}use" for e in elements)  # each vertex's marker


def test_bars_with_lines_and_grouped_bars():
    frame = pd.DataFrame(
        {"year": [2021, 2022, 2024], "rd_yuan_100m": [1682.0, 1880.49, 2453.1], "rd_pct": [5.49, 5.81, 6.67]}
    )
    chart = charts.bar_line_chart(
        "rd", frame.assign(shown=frame["rd_yuan_100m"] * 0.1), "year", "shown", "R&D", {"rd_pct": "intensity"}, "t",
        "s", bar_colors=[charts.PUBLISHED, charts.PUBLISHED, charts.ACCENT],
    )  # fmt: skip
    chart.data = frame  # as the theme hands it over: the CSV in 亿元, not the billions drawn
    assert chart.gaps == ((0, 2023.0, charts.CONTEXT),)
    shown, _ = page_marks(chart)
    assert [m.value for m in shown] == ["1682.0", "1880.49", "2453.1", "5.49", "5.81", "6.67"]
    assert all(m.in_csv for m in shown)
    grouped = charts.grouped_bar_chart(
        "p", ["Hong Kong", "EU"], {"2025": [789.5, 464.66], "2024": [700.5, 444.2]}, {}, "Partners", "s",
        data=pd.DataFrame({"partner": ["hk", "eu"], "trade_2025_yuan_100m": [7895.0, 4646.6],
                           "trade_2024_yuan_100m": [7005.0, 4442.0]}),
    )  # fmt: skip
    shown, _ = page_marks(grouped)
    assert [(m.label, m.note, m.value) for m in shown] == [
        ("Hong Kong", "2025", "7895.0"),
        ("EU", "2025", "4646.6"),
        ("Hong Kong", "2024", "7005.0"),
        ("EU", "2024", "4442.0"),
    ]


def interval_chart(lang: str = "en") -> charts.Chart:
    rows = [
        {"label": "Growth (%)", "reported": 5.5, "reported_low": 5.45, "reported_high": 5.55,
         "recomputed_low": 6.39, "recomputed_high": 6.52, "color": "#b85c00", "tag": "Consistent given the basis"},
        {"label": "Share (%)", "reported": 93.0, "reported_low": 93.0, "reported_high": float("inf"),
         "recomputed_low": 93.25, "recomputed_high": 93.26, "color": "#3d8c4f", "tag": ""},
        {"label": "Level (CNY trillion)", "reported": 2.83, "reported_low": 2.825, "reported_high": 2.835,
         "recomputed_low": 1.0, "recomputed_high": 1.2, "color": "#c0392b", "tag": "Inconsistent"},
    ]  # fmt: skip
    data = pd.DataFrame(rows).drop(columns=["label", "color", "tag"]).assign(unit=["%", "%", "万亿元"])
    legend = {"reported": "reported", "consistent": "Consistent", "inconsistent": "Inconsistent"}
    colors = {"consistent": "#3d8c4f", "inconsistent": "#c0392b"}
    return intervals.interval_rows_chart("claims", rows, "Claims", "s", legend, colors, data=data)


def test_the_interval_chart_is_one_scale_relative_to_the_printed_figures():
    chart = interval_chart()
    axes = chart.figure.axes
    assert len({ax.get_xlim() for ax in axes}) == 1  # every row on one axis
    ticks = [t for t in axes[-1].get_xticks() if axes[-1].get_xlim()[0] <= t <= axes[-1].get_xlim()[1]]
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1  # ticks at round values: 1, 2, 2.5 or 5 times a power of ten apart
    step = steps.pop()
    assert round(step / 10 ** math.floor(math.log10(step)), 6) in {1, 2, 2.5, 5}, ticks
    legends.complete(chart, "en")
    assert axes[-1].get_xlabel() == "difference from the printed figure, in % of it"
    assert intervals.relative_pct(6.39, 5.5) == pytest.approx(16.18, abs=0.01)
    assert (
        intervals.signed_pct(-5) == "\u22125%"
        and intervals.signed_pct(10) == "+10%"
        and intervals.signed_pct(0) == "0%"
    )
    shown, elements = page_marks(chart)
    by_row = [(m.label, m.value, m.note) for m in shown]
    assert ("Growth (%)", "5.5", "printed figure") in by_row
    assert ("Growth (%)", "6.39", "recomputed, low end") in by_row
    assert not any(m.value == "inf" for m in shown)  # an open end is drawn to the edge, no mark
    assert shown[0].shown.endswith("%") and any(m.shown == "2.83 CNY trillion" for m in shown)


def test_a_legend_for_every_colour_of_the_bars():
    data = pd.DataFrame({"item": ["2024", "avg", "target", "need"], "real_growth_pct": [5.8, 5.5, 5.0, 4.2],
                         "kind": ["published", "article", "target", "required"]})  # fmt: skip
    colours = ["#d4766c", charts.ACCENT, charts.CONTEXT, "#2c3e50"]
    chart = charts.bar_chart(
        "req", ["2024", "average", "target", "required"], list(data["real_growth_pct"]), ["a", "b", "c", "d"], "t", "s",
        colors=colours, data=data,
    )  # fmt: skip
    assert chart.figure.axes[0].get_legend() is None
    legends.complete(chart, "zh")
    legend = chart.figure.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["公开发布的年度数值", "原文数值", "目标", "假设所需"]
    assert [h.get_facecolor() for h in legend.legend_handles] == [
        pytest.approx((*tuple(int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)), 1.0)) for c in colours
    ]
    charts.close(chart)
    one = charts.bar_chart("one", ["2021", "2022"], [1.0, 2.0], ["1", "2"], "t", "s")
    legends.complete(one, "en")
    assert one.figure.axes[0].get_legend() is None  # one colour: the title says what it is


def test_a_legend_placed_over_the_plot_by_a_theme_goes_above_it():
    frame = pd.DataFrame({"year": [2020, 2021], "a": [1.0, 2.0], "b": [2.0, 1.0]})
    chart = charts.line_chart("l", frame, "year", {"a": "A", "b": "B"}, "t", "s")
    chart.figure.axes[0].legend(loc="lower right", ncol=2)  # as opening_up's trade chart does
    legends.complete(chart, "en")
    legend = chart.figure.axes[0].get_legend()
    renderer = chart.figure.canvas.get_renderer()
    assert legend.get_window_extent(renderer).y0 >= chart.figure.axes[0].get_window_extent(renderer).y1
    charts.close(chart)


def test_the_script_is_small_inline_and_text_only():
    html = marks.script_html()
    assert html.startswith('<script data-sz-own="chart-marks">') and html.count("<script") == 1
    assert len(marks.SCRIPT_PATH.read_bytes()) <= 8 * 1024
    script = marks.SCRIPT_PATH.read_text(encoding="utf-8")
    assert "innerHTML" not in script and "eval(" not in script and "http" not in script


# --- in the built pages (headless Chromium) ------------------------------------------------------------------

pages_marker = pytest.mark.render


@pytest.fixture(scope="module")
def out(request) -> Path:
    given = os.environ.get("SZREPORT_A11Y_OUT")
    return Path(given) if given else request.getfixturevalue("built")


# Every chart's marks, checked in the page: focusing each shows the tooltip with its data-value; the accessible name
# says it too. One evaluate per page.
FOCUS_EVERY_MARK_JS = """() => {
  const problems = [], charts = [];
  for (const svg of document.querySelectorAll('.sz-chart svg')) {
    if (getComputedStyle(svg).display === 'none') continue;
    const marks = Array.from(svg.querySelectorAll('[data-mark]'));
    charts.push(marks.length);
    if (!marks.length) problems.push('no marks: ' + (svg.getAttribute('aria-label') || '').slice(0, 50));
    if (marks.filter(m => m.getAttribute('tabindex') === '0').length !== 1) problems.push('not one tab stop');
    for (const m of marks) {
      m.focus();
      const tip = document.querySelector('[role=tooltip]');
      const value = m.getAttribute('data-value');
      if (!tip || tip.hidden || !tip.textContent.includes(value)) problems.push('no tooltip for ' + value);
      if (!(m.getAttribute('aria-label') || '').includes(value)) problems.push('name without ' + value);
      if (!m.getAttribute('data-label')) problems.push('no label for ' + value);
    }
  }
  document.activeElement.blur();
  return {problems, charts};
}"""


def chart_files_of(page_path: Path) -> list[Path]:
    """The CSV of each chart of a page, in order (the links under the charts)."""
    html = page_path.read_text(encoding="utf-8")
    return [
        (page_path.parent / href).resolve() for href in re.findall(r"href=[\"'](\.\./data/[^\"']+\.csv)[\"']", html)
    ]


@pages_marker
@pytest.mark.parametrize("lang", LANGS)
def test_every_mark_of_every_chart_shows_its_csv_value(out, lang):
    from .pages import chromium, open_offline

    total = 0
    with chromium() as browser:
        for name in REPORTS:
            path = out / lang / f"{name}.html"
            opened = open_offline(browser, path)
            page = opened.page
            found = page.evaluate(FOCUS_EVERY_MARK_JS)
            assert not found["problems"], (path.name, found["problems"][:5])
            values = page.evaluate(
                "() => Array.from(document.querySelectorAll('.sz-chart svg.sz-wide')).map("
                "s => Array.from(s.querySelectorAll('[data-mark]')).map(m => m.getAttribute('data-value')))"
            )
            csvs = chart_files_of(path)
            assert len(values) == len(csvs), path.name
            for chart_values, csv_path in zip(values, csvs):
                with csv_path.open(encoding="utf-8") as handle:
                    written = {cell for row in list(csv.reader(handle))[1:] for cell in row}
                assert set(chart_values) <= written, (csv_path.name, set(chart_values) - written)
            total += sum(found["charts"])
            assert opened.errors == [] and opened.external == [], (path.name, opened.errors, opened.external)
            page.close()
    assert total >= 150


@pages_marker
def test_hover_tap_and_keys(out):
    from .pages import chromium, open_offline

    path = out / "en" / "economy.html"
    with chromium() as browser:
        page = open_offline(browser, path).page
        page.set_viewport_size({"width": 1200, "height": 900})
        first = page.locator(".sz-chart svg.sz-wide [data-mark]").first
        first.scroll_into_view_if_needed()
        box = first.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # hover
        tip = page.locator("[role=tooltip]")
        assert tip.is_visible() and first.get_attribute("data-value") in tip.inner_text()
        page.mouse.move(5, 5)  # away from the chart
        assert not tip.is_visible()
        page.locator("h1").first.click()
        for _ in range(60):  # Tab from the title reaches the first chart's first mark
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.hasAttribute('data-mark')"):
                break
        active = "() => document.activeElement.getAttribute('data-value')"
        assert page.evaluate(active) == first.get_attribute("data-value") and tip.is_visible()
        page.keyboard.press("ArrowRight")
        second = page.locator(".sz-chart svg.sz-wide").first.locator("[data-mark]").nth(1)
        assert page.evaluate(active) == second.get_attribute("data-value")
        assert second.get_attribute("tabindex") == "0" and first.get_attribute("tabindex") == "-1"  # one tab stop
        assert second.get_attribute("data-value") in tip.inner_text()
        page.keyboard.press("Escape")
        assert not tip.is_visible()
        page.close()
        context = browser.new_context(has_touch=True, viewport={"width": 390, "height": 800})
        phone = context.new_page()
        phone.goto(path.resolve().as_uri())
        mark = phone.locator(".sz-chart svg.sz-narrow [data-mark]").nth(2)
        mark.scroll_into_view_if_needed()
        box = mark.bounding_box()
        phone.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a finger
        tip = phone.locator("[role=tooltip]")
        assert tip.is_visible() and mark.get_attribute("data-value") in tip.inner_text()
        assert tip.bounding_box()["x"] >= 0 and tip.bounding_box()["x"] + tip.bounding_box()["width"] <= 390
        context.close()


@pages_marker
def test_one_small_script_a_page_and_no_tooltip_in_print(out):
    from .pages import chromium, open_offline

    with chromium() as browser:
        for lang in LANGS:
            for name in REPORTS:
                path = out / lang / f"{name}.html"
                html = path.read_text(encoding="utf-8")
                scripts = re.findall(r'<script data-sz-own="chart-marks">(.*?)</script>', html, re.S)
                assert len(scripts) == 1 and len(scripts[0].encode("utf-8")) <= 8 * 1024, path.name
        page = open_offline(browser, out / "en" / "audit.html").page
        page.locator(".sz-chart svg.sz-wide [data-mark]").first.focus()
        assert page.locator("[role=tooltip]").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("[role=tooltip]").is_visible()
        shown = page.evaluate(
            "() => Array.from(document.querySelectorAll('.sz-chart svg')).map(s => getComputedStyle(s).display)"
        )
        assert set(shown[0::2]) == {"block"} and set(shown[1::2]) == {"none"}  # the page's drawing, not the phone's
        page.close()


@pages_marker
def test_axe_with_a_tooltip_open(out):
    """axe-core, as tests/test_accessibility.py runs it, on a page of each kind of chart with a mark's tooltip open."""
    from .pages import chromium, open_offline
    from .test_accessibility import AXE, RUN_AXE_JS, blocking

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: install axe-core with `make a11y-deps` (npm ci in tests/a11y)")
    found = {}
    with chromium() as browser:
        for lang in LANGS:
            for name in ("economy", "audit", "outlook"):
                opened = open_offline(browser, out / lang / f"{name}.html")
                page = opened.page
                page.locator(".sz-chart svg.sz-wide [data-mark]").nth(1).focus()
                assert page.locator("[role=tooltip]").is_visible()
                page.add_script_tag(path=str(AXE))
                found[f"{lang}/{name}.html"] = page.evaluate(RUN_AXE_JS)
                page.close()
    report = blocking(found)
    assert not report, "\n".join(report)
