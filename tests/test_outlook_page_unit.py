"""The outlook page's pieces that Python makes: figures keyed in prose (fmt.keyed), the sentences the page
rewrites, the messages the form repeats (szreport.params.MESSAGES), and the panel's markup and JSON."""

from __future__ import annotations

import json
import re

import pytest

from szreport import fmt
from szreport import params as params_mod
from szreport.themes import outlook
from szreport.themes.outlook import page as outlook_page

from .test_escaping import HOSTILE

KEYED = re.compile(r'<span data-key="([a-z0-9_]+)">')


@pytest.fixture(autouse=True, scope="module")
def chart_style():
    import matplotlib.pyplot as plt

    from szreport.charts import draw as charts

    charts.setup_style()
    yield
    plt.close("all")


def test_keyed_marks_a_figure_and_escapes_its_text():
    assert fmt.keyed("gdp_2025_yuan_trillion", "CNY 3.87 trillion") == (
        '<span data-key="gdp_2025_yuan_trillion">CNY 3\\.87 trillion</span>'
    )
    assert "<b>" not in fmt.keyed("k", "<b>x</b>") and fmt.plain(fmt.keyed("k", "<b>x</b>")) == "<b>x</b>"
    for bad in ("Key", 'k" onclick="x', "k-1", ""):
        with pytest.raises(ValueError):
            fmt.keyed(bad, "1")


def test_plain_drops_the_keyed_spans_but_not_data_text_that_looks_like_one():
    text = fmt.t("en", "outlook_span", lo=fmt.keyed("a", "1"), hi='<span data-key="b">2</span>')
    assert fmt.plain(text) == '1 to <span data-key="b">2</span>'


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_keyed_figure_is_recorded_by_its_section(ds, lang):
    params = {"horizon_year": 2035, "gdp_target_yuan_trillion": 5.5, "gdp_real_growth_scenarios_pct": [3, 3.0, 7.25]}
    live = set()
    for section in (
        outlook.assumptions,
        outlook.gdp_scenarios,
        outlook.gdp_target,
        outlook.rd_intensity,
        outlook.trade,
    ):
        s = section(ds, lang, **params)
        for paragraph in s.paragraphs:
            for key in KEYED.findall(paragraph):
                assert key in s.results, (section.__name__, key)
            live |= set(re.findall(r'data-sz-text="([a-z_]+)"', paragraph))
    assert len(live) == 10


@pytest.mark.parametrize(
    "name, value",
    [("horizon_year", 2060), ("gdp_deflator_pct", -21.5), ("gdp_real_growth_scenarios_pct", [4, 35]), ("x", None)],
)
def test_messages_are_filled_from_one_table(name, value):
    """The form refuses with the same check, on the same bounds, as the CLI; the page says it in the reader's
    words (the bounds with a true minus, no parameter name)."""
    if name == "x":
        assert params_mod.message("non_empty", "peers") == "parameter 'peers' must not be empty"
        return
    spec = outlook.parameter_spec()[name]
    with pytest.raises(params_mod.ParameterError) as error:
        params_mod.check_value(spec, value)
    kinds = [
        kind
        for kind, template in params_mod.MESSAGES.items()
        if re.fullmatch(re.sub(r"\\{\w+\\}", ".+", re.escape(template)), str(error.value))
    ]
    assert len(kinds) == 1, (str(error.value), kinds)
    fields = {f["name"]: f for f in outlook_page.parameter_fields("en")}
    shown = fields[name]["messages"][kinds[0]]
    bounds = re.findall(r"-?\d+(?:\.\d+)?(?=\.\.)|(?<=\.\.)-?\d+(?:\.\d+)?", str(error.value))
    assert bounds, str(error.value)
    for bound in bounds:
        assert bound.replace("-", "\u2212") in shown, (bound, shown)
    assert name not in shown


def test_panel_has_one_input_per_parameter_and_keeps_data_text_out_of_markup(ds, monkeypatch):
    from szreport.themes.outlook import text as outlook_text

    real = outlook_text.stated_texts

    def hostile_texts(ds, lang):
        texts = dict(real(ds, lang))
        texts["target_source"] = (None, " ".join(HOSTILE))
        return texts

    monkeypatch.setattr(outlook_page, "stated_texts", hostile_texts)
    markup = outlook.panel(ds, "en")._repr_html_()
    model_text = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', markup, re.S).group(1)
    assert "<" not in model_text and ">" not in model_text
    model = json.loads(model_text)
    assert model["texts"]["target_source"][1] == " ".join(HOSTILE)
    assert [f["name"] for f in model["fields"]] == [
        "horizon_year",
        "gdp_real_growth_scenarios_pct",
        "gdp_deflator_pct",
        "gdp_target_yuan_trillion",
        "rd_intensity_target_pct",
        "trade_growth_scenarios_pct",
    ]
    assert model["fields"][0]["constraints"] == params_mod.CONSTRAINTS["horizon_year"]
    assert "</" not in outlook_page.SCRIPT_PATH.read_text(encoding="utf-8")
    assert markup.count("<script") == 2 and 'class="sz-print-only"' in markup
