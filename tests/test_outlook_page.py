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
                "gdp_deflator_pct": number(-20, 30) if rng.random() < 0.5 else number(-3, 5),
                "gdp_target_yuan_trillion": rng.choice([5.0, number(0.01, 1000), number(3, 12)]),
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
    sets = random_sets(60)
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


@pytest.mark.parametrize(
    "name, text",
    [
        ("horizon_year", "2060"),
        ("horizon_year", "2025"),
        ("horizon_year", "2030.5"),
        ("gdp_deflator_pct", "-21"),
        ("gdp_deflator_pct", "abc"),
        ("gdp_target_yuan_trillion", "0"),
        ("gdp_target_yuan_trillion", "1e-05"),
        ("rd_intensity_target_pct", "25"),
        ("gdp_real_growth_scenarios_pct", "4, 35"),
        ("gdp_real_growth_scenarios_pct", ""),
        ("trade_growth_scenarios_pct", "1, 2, 3, 4, 5, 6, 7"),
        ("trade_growth_scenarios_pct", "2, fast"),
    ],
)
def test_a_bad_value_gets_the_clis_message_and_nothing_is_recomputed(page_build, browser, name, text):
    spec = outlook.parameter_spec()[name]
    cli = f"[{text}]" if spec.type.startswith("list") else text
    with pytest.raises(params_mod.ParameterError) as error:
        params_mod.check_value(spec, params_mod.parse_cli_value(cli))
    opened = open_offline(browser, page_build / "en" / "outlook.html")
    page = opened.page
    before = page.evaluate(PAGE_VIEW_JS)
    page.fill(f"input[name={name}]", text)
    assert page.text_content(f"#sz-p-{name}-error") == str(error.value)
    after = page.evaluate(PAGE_VIEW_JS)
    assert after["texts"] == before["texts"] and after["tables"] == before["tables"]
    assert page.locator("#sz-scenarios").get_attribute("data-state") == "invalid"
    page.close()


def test_done_when_the_page_matches_a_build_with_those_parameters(page_build, tmp_path, browser):
    """The issue's case: deflator 0, target 5.5, horizon 2035, in both languages, against an actual build."""
    rerun = tmp_path / "rerun"
    args = [a for name, value in DONE_WHEN.items() for a in ("-p", f"{name}={value}")]
    result = run_cli("build", "--only", "outlook", "--format", "html", "--out", rerun, *args)
    assert result.returncode == 0, result.stderr
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
