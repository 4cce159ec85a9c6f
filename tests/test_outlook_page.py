"""The outlook page's scenario panel in headless Chromium, offline: over many seeded random parameter sets the page
shows exactly what the Python sections give (every sentence that follows the parameters, every figure marked
with data-key, every table cell); its messages for bad values are the CLI's; and the issue's case matches an
actual ``szreport build`` with those parameters."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from szreport import fmt
from szreport import params as params_mod
from szreport.themes import outlook
from szreport.themes.outlook import page as page_mod

from .conftest import run_cli
from .pages import chromium, open_offline

pytestmark = pytest.mark.render

NAMES = [
    "horizon_year",
    "gdp_real_growth_scenarios_pct",
    "gdp_deflator_pct",
    "gdp_target_yuan_trillion",
    "rd_intensity_target_pct",
    "trade_growth_scenarios_pct",
]
SECTIONS = {
    "assumptions": outlook.assumptions,
    "gdp": outlook.gdp_scenarios,
    "target": outlook.gdp_target,
    "rd": outlook.rd_intensity,
    "trade": outlook.trade,
}
TABLE_OF = {"assumptions": "assumptions", "gdp": "gdp", "rd": "rd", "trade": "trade"}
KEYED = re.compile(r'<span data-key="([a-z0-9_]+)">(.*?)</span>')
LIVE = re.compile(r'^<span data-sz-text="([a-z0-9_]+)">')
DONE_WHEN = {"gdp_deflator_pct": 0, "gdp_target_yuan_trillion": 5.5, "horizon_year": 2035}

PAGE_VIEW_JS = """() => {
  const texts = {}, keys = {};
  for (const node of document.querySelectorAll('[data-sz-text]')) {
    const name = node.getAttribute('data-sz-text');
    texts[name] = node.textContent;
    keys[name] = Array.from(node.querySelectorAll('[data-key]')).map(k => [k.getAttribute('data-key'), k.textContent]);
  }
  const tables = Array.from(document.querySelectorAll('.sz-table-wrap')).map(w => ({
    caption: w.querySelector('.sz-caption').textContent,
    head: Array.from(w.querySelectorAll('thead th')).map(c => c.textContent),
    rows: Array.from(w.querySelectorAll('tbody tr'))
      .map(r => Array.from(r.querySelectorAll('td')).map(c => c.textContent)),
  }));
  const errors = Array.from(document.querySelectorAll('.sz-error'))
    .map(e => e.textContent).filter(Boolean);
  return {texts, keys, tables, errors};
}"""


def _text(markdown: str) -> str:
    """The words a Markdown sentence of the sections shows: spans and escapes dropped, code spans as their text."""
    return re.sub(r"`\s*([^`]*?)\s*`", r"\1", fmt.plain(fmt.Md(markdown)))


def python_view(ds, lang: str, params: dict) -> dict:
    """What the sections give for these parameters, as the page shows it."""
    texts, keys, tables = {}, {}, []
    import matplotlib.pyplot as plt

    for section in SECTIONS.values():
        s = section(ds, lang, **params)
        for paragraph in s.paragraphs:
            live = LIVE.match(paragraph)
            if live:
                texts[live.group(1)] = _text(paragraph)
                keys[live.group(1)] = [[k, _text(inner)] for k, inner in KEYED.findall(paragraph)]
        for caption, frame in s.tables:
            cells = fmt.plain(frame)
            tables.append(
                {
                    "caption": fmt.plain(caption),
                    "head": [str(c) for c in cells.columns],
                    "rows": [[str(v) for v in row] for row in cells.itertuples(index=False)],
                }
            )
        plt.close("all")
    return {"texts": texts, "keys": keys, "tables": tables, "errors": []}


def input_text(value) -> str:
    return ", ".join(repr(v) for v in value) if isinstance(value, list) else repr(value)


def fill(page, params: dict) -> None:
    for name in NAMES:
        page.fill(f"input[name={name}]", input_text(params[name]))


def random_sets(count: int, seed: int = 13) -> list[dict]:
    """Valid parameter sets: the range edges first, then random ones (lists of 1 to 6 items, values with any
    number of digits, some rounded, some on the edges)."""
    rng = random.Random(seed)
    c = params_mod.CONSTRAINTS
    lo = {
        "horizon_year": c["horizon_year"]["min"],
        "gdp_real_growth_scenarios_pct": [c["gdp_real_growth_scenarios_pct"]["item_min"]],
        "gdp_deflator_pct": c["gdp_deflator_pct"]["min"],
        "gdp_target_yuan_trillion": c["gdp_target_yuan_trillion"]["min"],
        "rd_intensity_target_pct": c["rd_intensity_target_pct"]["min"],
        "trade_growth_scenarios_pct": [c["trade_growth_scenarios_pct"]["item_min"]] * 6,
    }
    hi = {
        "horizon_year": c["horizon_year"]["max"],
        "gdp_real_growth_scenarios_pct": [c["gdp_real_growth_scenarios_pct"]["item_max"]] * 6,
        "gdp_deflator_pct": c["gdp_deflator_pct"]["max"],
        "gdp_target_yuan_trillion": c["gdp_target_yuan_trillion"]["max"],
        "rd_intensity_target_pct": c["rd_intensity_target_pct"]["max"],
        "trade_growth_scenarios_pct": [c["trade_growth_scenarios_pct"]["item_max"]],
    }

    def number(low: float, high: float) -> float:
        roll = rng.random()
        if roll < 0.1:
            return float(rng.choice([low, high]))
        value = rng.uniform(low, high)
        return value if roll < 0.4 else round(value, rng.choice([0, 1, 2, 3]))

    def rates(name: str) -> list[float]:
        return [number(c[name]["item_min"], c[name]["item_max"]) for _ in range(rng.randint(1, 6))]

    sets = [lo, hi]
    while len(sets) < count:
        sets.append(
            {
                "horizon_year": rng.choice([2026, 2050, rng.randint(2026, 2050)]),
                "gdp_real_growth_scenarios_pct": rates("gdp_real_growth_scenarios_pct"),
                "gdp_deflator_pct": number(lo["gdp_deflator_pct"], hi["gdp_deflator_pct"])
                if rng.random() < 0.5
                else number(-3, 5),
                "gdp_target_yuan_trillion": rng.choice(
                    [5.0, number(lo["gdp_target_yuan_trillion"], hi["gdp_target_yuan_trillion"]), number(3, 12)]
                ),
                "rd_intensity_target_pct": number(0.1, 20),
                "trade_growth_scenarios_pct": rates("trade_growth_scenarios_pct"),
            }
        )
    return [{k: [float(x) for x in v] if isinstance(v, list) else v for k, v in s.items()} for s in sets]


@pytest.fixture(scope="module", autouse=True)
def chart_style():
    """The report's chart style (CJK font), as in the notebook's kernel."""
    from szreport.charts import draw as charts

    charts.setup_style()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def page_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outlook_page")
    result = run_cli("build", "--only", "outlook", "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_page_gives_the_sections_numbers_for_random_parameters(page_build, ds, browser):
    sets = random_sets(30)  # the range edges and 28 random sets: each costs about 0.6 s (the sections in Python)
    pages = {lang: open_offline(browser, page_build / lang / "outlook.html") for lang in ("zh", "en")}
    for index, params in enumerate(sets):
        lang = ("zh", "en")[index % 2]
        opened = pages[lang]
        fill(opened.page, params)
        shown = opened.page.evaluate(PAGE_VIEW_JS)
        wanted = python_view(ds, lang, params)
        assert shown["errors"] == [], (params, shown["errors"])
        assert set(shown["texts"]) == set(wanted["texts"]) and len(wanted["texts"]) == 10
        for name, text in wanted["texts"].items():
            assert shown["texts"][name] == text, (lang, params, name)
            assert shown["keys"][name] == wanted["keys"][name], (lang, params, name)
        assert shown["tables"] == wanted["tables"], (lang, params)
        assert opened.page.locator("#sz-scenarios").get_attribute("data-state") == "changed" or index == 0
    for opened in pages.values():
        assert opened.external == [] and opened.errors == [], (opened.external, opened.errors)


BAD_VALUES = [
    ("horizon_year", "2060", "range"),
    ("horizon_year", "2025", "range"),
    ("horizon_year", "2030.5", "int"),
    ("gdp_deflator_pct", "-21", "range"),
    ("gdp_deflator_pct", "abc", "float"),
    ("gdp_deflator_pct", "", "float"),
    ("gdp_target_yuan_trillion", "0", "range"),
    ("gdp_target_yuan_trillion", "1e-05", "range"),
    ("gdp_target_yuan_trillion", "3502.10", "range"),  # the issue's: far above ten times today's GDP
    ("rd_intensity_target_pct", "25", "range"),
    ("gdp_real_growth_scenarios_pct", "4, 35", "item_range"),
    ("gdp_real_growth_scenarios_pct", "4, -12", "item_range"),
    ("gdp_real_growth_scenarios_pct", "", "non_empty"),
    ("trade_growth_scenarios_pct", "1, 2, 3, 4, 5, 6, 7", "max_items"),
    ("trade_growth_scenarios_pct", "2, fast", "list_numbers"),
]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name, text, kind", BAD_VALUES)
def test_a_bad_value_is_refused_as_the_cli_refuses_it_in_the_pages_words(page_build, browser, lang, name, text, kind):
    """The form refuses what ``-p`` refuses (one set of ranges), saying what to enter in the page's language, with
    the range in words: never the parameter's name, its Python type or a Python value (None, 'abc')."""
    spec = outlook.parameter_spec()[name]
    cli = f"[{text}]" if spec.type.startswith("list") else text
    with pytest.raises(params_mod.ParameterError):
        params_mod.check_value(spec, params_mod.parse_cli_value(cli))
    field = next(f for f in page_mod.parameter_fields(lang) if f["name"] == name)
    opened = open_offline(browser, page_build / lang / "outlook.html")
    page = opened.page
    before = page.evaluate(PAGE_VIEW_JS)
    page.fill(f"input[name={name}]", text)
    message = page.text_content(f"#sz-p-{name}-error")
    wanted = field["messages"][kind]
    assert re.fullmatch(
        re.escape(wanted).replace(r"\{item\}", ".+").replace(r"\{count\}", r"\d+").replace(r"\{value\}", ".+"), message
    )
    assert name not in message and "None" not in message and "float" not in message and "parameter" not in message
    assert bool(CJK.search(message)) == (lang == "zh") and (
        lang == "en" or not re.search("[A-Za-z]{3}", message.replace("fast", ""))
    )
    if kind in ("range", "item_range"):  # the range in words, with a true minus
        c = spec.constraints
        low, high = (c["min"], c["max"]) if kind == "range" else (c["item_min"], c["item_max"])
        assert page_mod._bound(name, low, lang) in message and page_mod._bound(name, high, lang) in message
    after = page.evaluate(PAGE_VIEW_JS)
    assert after["texts"] == before["texts"] and after["tables"] == before["tables"]
    assert page.locator("#sz-scenarios").get_attribute("data-state") == "invalid"
    page.close()


def test_the_cli_refuses_an_out_of_range_value_with_exit_2(tmp_path):
    c = params_mod.CONSTRAINTS["gdp_target_yuan_trillion"]
    result = run_cli("build", "--only", "outlook", "--out", tmp_path, "-p", f"gdp_target_yuan_trillion={c['max'] * 2}")
    assert result.returncode == 2 and "gdp_target_yuan_trillion" in result.stderr
    assert not any(tmp_path.iterdir())


def test_lists_take_a_chinese_keyboards_separators(page_build, browser):
    opened = open_offline(browser, page_build / "zh" / "outlook.html")
    page = opened.page
    page.fill("input[name=gdp_real_growth_scenarios_pct]", "4, 5.5, 6")
    wanted = page.evaluate(PAGE_VIEW_JS)
    for typed in ("4，5.5，6", "4、5.5、6", "4；5.5；6", "４，５．５，６"):
        page.fill("input[name=gdp_real_growth_scenarios_pct]", typed)
        assert page.evaluate(PAGE_VIEW_JS) == wanted, typed
    page.close()


def test_words_agree_with_their_numbers(ds):
    """One year on, one scenario reaching: singular words (the page says the same: the random sets include 2026 and
    lists of one, and the page's sentences equal the sections')."""
    one = fmt.plain(outlook.gdp_scenarios(ds, "en", horizon_year=2026).paragraphs)
    assert any("1 year on." in p for p in one) and not any("1 years" in p for p in one)
    two = fmt.plain(outlook.gdp_scenarios(ds, "en", gdp_real_growth_scenarios_pct=[1.0, 30.0]).paragraphs)
    assert any("1 of the 2 scenarios reaches" in p for p in two)
    single = fmt.plain(outlook.gdp_scenarios(ds, "en", gdp_real_growth_scenarios_pct=[30.0]).paragraphs)
    assert any("The single scenario reaches" in p for p in single)
    trade = outlook.trade(ds, "en", horizon_year=2026)
    assert "Change over 1 year" in [str(fmt.plain(c)) for c in trade.tables[0][1].columns]


@pytest.fixture(scope="module")
def rerun(tmp_path_factory) -> Path:
    """A build with the assumptions of DONE_WHEN, to compare the page's edit with."""
    out = tmp_path_factory.mktemp("outlook_rerun")
    args = [a for name, value in DONE_WHEN.items() for a in ("-p", f"{name}={value}")]
    result = run_cli("build", "--only", "outlook", "--format", "html", "--out", out, *args)
    assert result.returncode == 0, result.stderr
    return out


def test_done_when_the_page_matches_a_build_with_those_parameters(page_build, rerun, browser):
    """The issue's case: deflator 0, target 5.5, horizon 2035, in both languages, against an actual build."""
    for lang in ("zh", "en"):
        opened = open_offline(browser, page_build / lang / "outlook.html")
        for name, value in DONE_WHEN.items():
            opened.page.fill(f"input[name={name}]", str(value))
        shown = opened.page.evaluate(PAGE_VIEW_JS)
        built = open_offline(browser, rerun / lang / "outlook.html").page.evaluate(PAGE_VIEW_JS)
        assert shown == built, lang
        results = json.loads((rerun / lang / "results.json").read_text(encoding="utf-8"))["outlook"]
        keys = {k for pairs in shown["keys"].values() for k, _ in pairs}
        assert keys <= set(results) and len(keys) > 30
        assert results["gdp_target_yuan_trillion"] == 5.5 and results["horizon_year"] == 2035
        assert opened.external == [] and opened.errors == []
        command = opened.page.text_content(".sz-command")
        assert command == (
            "szreport build --only outlook -p horizon_year=2035 -p gdp_deflator_pct=0 -p gdp_target_yuan_trillion=5.5"
        )
        assert "gdp_deflator_pct: 0\n" in opened.page.text_content(".sz-yaml")
        opened.page.click(".sz-reset")
        assert opened.page.locator("#sz-scenarios").get_attribute("data-state") == "published"
        assert opened.page.evaluate(PAGE_VIEW_JS)["texts"]["gdp"] != shown["texts"]["gdp"]


def test_form_is_labelled_and_the_pdf_view_hides_it(page_build, browser):
    opened = open_offline(browser, page_build / "en" / "outlook.html")
    page = opened.page
    names = page.evaluate("Array.from(document.querySelectorAll('#sz-scenarios input')).map(i => i.name)")
    assert names == NAMES
    unlabelled = page.evaluate(
        "Array.from(document.querySelectorAll('#sz-scenarios input'))"
        ".filter(i => !document.querySelector('label[for=\"' + i.id + '\"]')).length"
    )
    assert unlabelled == 0
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('sz-scenarios')).display") == "none"
    note = page.text_content(".sz-print-only")
    assert (
        "outlook.html" in note
        and page.evaluate("getComputedStyle(document.querySelector('.sz-print-only')).display") == "block"
    )


# Each chart as the page shows it: the visible picture's alt text and marks, its numbers table, its files.
CHARTS_VIEW_JS = """() => Array.from(document.querySelectorAll('.sz-chart')).map(chart => {
  const visible = Array.from(chart.querySelectorAll('svg')).filter(s => s.getBoundingClientRect().width > 0);
  const child = chart.closest('.jp-OutputArea-child').nextElementSibling;
  const table = child.querySelector('details.sz-numbers table');
  return {
    alt: visible.map(s => s.getAttribute('aria-label')),
    marks: visible.map(s => s.querySelectorAll('[data-mark]').length),
    numbers: Array.from(table.querySelectorAll('tr')).map(r => Array.from(r.children).map(c => c.textContent)),
    links: Array.from(child.querySelectorAll('p.sz-chart-files a'))
      .filter(a => a.getBoundingClientRect().width > 0)
      .map(a => ({href: a.getAttribute('href'), download: a.getAttribute('download'), text: a.textContent})),
    files: Array.from(child.querySelectorAll('p.sz-chart-files'))
      .filter(p => p.getBoundingClientRect().width > 0).map(p => p.innerText),
  };
})"""
BLOB_TEXT_JS = "url => fetch(url).then(r => r.text())"
NAMES_OF = ["gdp_scenarios", "gdp_required_growth", "rd_intensity_path", "trade_scenarios"]


def _fragment() -> str:
    return "#" + "&".join(f"{name}={value}" for name, value in DONE_WHEN.items())


def _numbers(csv_text: str) -> list[list]:
    """A CSV's cells, numbers as numbers (the page's arithmetic may differ from Python's in the last bit)."""
    rows = [line.split(",") for line in csv_text.strip().split("\n")]
    return [[float(c) if re.fullmatch(r"-?[\d.]+(e[-+]\d+)?", c) else c for c in row] for row in rows]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_edit_changes_the_tables_the_alt_text_and_the_files(page_build, rerun, browser, lang):
    """After an edit every chart says what the edited scenarios are, as a build with those assumptions does: its
    numbers table and alt text are the rebuilt page's, its CSV the rebuilt CSV (blob URLs, files named -edited),
    its SVG a drawing with the marks; the published files stay linked, labelled as published."""
    opened = open_offline(browser, page_build / lang / "outlook.html")
    page = opened.page
    published = page.evaluate(CHARTS_VIEW_JS)
    for name, value in DONE_WHEN.items():
        page.fill(f"input[name={name}]", str(value))
    edited = page.evaluate(CHARTS_VIEW_JS)
    built = open_offline(browser, rerun / lang / "outlook.html").page.evaluate(CHARTS_VIEW_JS)
    assert len(edited) == len(built) == len(NAMES_OF)
    for name, before, after, wanted in zip(NAMES_OF, published, edited, built):
        assert after["numbers"] == wanted["numbers"] != before["numbers"], name
        assert after["alt"] == wanted["alt"] != before["alt"], name
        assert after["marks"][0] == wanted["marks"][0] > 0, name
        assert [a["download"] for a in after["links"][:2]] == [f"{name}-edited.csv", f"{name}-edited.svg"]
        assert all(a["href"].startswith(("blob:", "data:")) for a in after["links"][:2])
        assert [a["href"] for a in after["links"][2:]] == [a["href"] for a in before["links"]]  # the published
        words = fmt.t(lang, "outlook_ui_files_published")
        assert len(after["files"]) == 2 and str(words) in after["files"][1] and str(words) not in before["files"][0]
        csv_text = page.evaluate(BLOB_TEXT_JS, after["links"][0]["href"])
        rebuilt = (rerun / "data" / "outlook" / f"{name}.csv").read_text(encoding="utf-8")
        assert csv_text.split("\n")[0] == rebuilt.split("\n")[0], name
        got, want = _numbers(csv_text), _numbers(rebuilt)
        assert len(got) == len(want) and all(
            len(g) == len(w)
            and all(a == pytest.approx(b, rel=1e-12) if isinstance(b, float) else a == b for a, b in zip(g, w))
            for g, w in zip(got, want)
        ), name
        picture = page.evaluate(BLOB_TEXT_JS, after["links"][1]["href"])
        assert picture.startswith("<?xml") and "data-mark" in picture and "<script" not in picture
    page.click(".sz-reset")
    assert page.evaluate(CHARTS_VIEW_JS) == published
    assert opened.errors == [] and opened.external == []


def test_the_address_keeps_the_assumptions_and_restores_them_on_load(page_build, rerun, browser):
    """The link writes the assumptions into the address (names as the inputs'); opening that address from file://
    shows what a build with them shows."""
    for lang in ("zh", "en"):
        path = page_build / lang / "outlook.html"
        opened = open_offline(browser, path)
        page = opened.page
        for name, value in DONE_WHEN.items():
            page.fill(f"input[name={name}]", str(value))
        shown = page.evaluate(PAGE_VIEW_JS)
        page.click(".sz-link")
        address = page.url
        assert address.startswith("file://") and "#" in address
        pairs = dict(pair.split("=", 1) for pair in address.split("#", 1)[1].split("&"))
        assert list(pairs) == NAMES and pairs["horizon_year"] == "2035"
        page.goto("about:blank")
        page.goto(address, wait_until="load")
        assert page.locator("#sz-scenarios").get_attribute("data-state") == "changed"
        assert page.evaluate(PAGE_VIEW_JS) == shown
        built = open_offline(browser, rerun / lang / "outlook.html").page.evaluate(PAGE_VIEW_JS)
        assert page.evaluate(PAGE_VIEW_JS) == built
        page.goto(path.resolve().as_uri() + _fragment(), wait_until="load")  # a hand-written address
        assert page.evaluate(PAGE_VIEW_JS) == built
        assert opened.errors == [] and opened.external == []


def test_a_redrawn_charts_marks_show_their_values(page_build, browser):
    opened = open_offline(browser, page_build / "en" / "outlook.html")
    page = opened.page
    page.fill("input[name=gdp_deflator_pct]", "2.5")
    marks = page.locator(".sz-live-chart svg.sz-wide [data-mark]")
    assert marks.count() > 20
    for index in (0, 7, marks.count() - 1):
        mark = marks.nth(index)
        mark.focus()
        tip = page.locator("[role=tooltip]")
        assert tip.is_visible() and mark.get_attribute("data-value") in tip.text_content()
        assert mark.get_attribute("aria-label") and mark.get_attribute("data-label") in tip.text_content()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('data-mark')") == "point"
    bars = page.locator(".sz-live-chart svg.sz-wide [data-mark=bar]")
    csv_link = page.locator('.sz-edited-files a[download="gdp_required_growth-edited.csv"]').get_attribute("href")
    last_row = page.evaluate(BLOB_TEXT_JS, csv_link).strip().split("\n")[-1].split(",")
    assert bars.count() == 8 and bars.last.get_attribute("data-value") == last_row[2]  # as the CSV writes it
    assert opened.errors == []


def test_axe_passes_on_the_edited_page_with_a_tooltip_open(page_build, browser):
    from .test_accessibility import AXE, RUN_AXE_JS, blocking

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: install axe-core with `make a11y-deps` (npm ci in tests/a11y)")
    for lang in ("zh", "en"):
        opened = open_offline(browser, page_build / lang / "outlook.html")
        page = opened.page
        page.fill("input[name=horizon_year]", "2040")  # the charts redrawn
        page.fill("input[name=gdp_target_yuan_trillion]", "300")  # an error shown, the last drawing kept
        assert page.locator(".sz-error").filter(has_text=re.compile(r"\S")).count() == 1
        page.locator(".sz-live-chart svg.sz-wide [data-mark]").nth(3).focus()
        page.add_script_tag(path=str(AXE))
        assert blocking({lang: page.evaluate(RUN_AXE_JS)}) == []
        page.close()
