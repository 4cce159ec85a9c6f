"""The provenance model of szreport.present.provenance on the real data folder, and its safety with hostile data
text."""

from __future__ import annotations

import json

import pytest

from szreport import fmt
from szreport.data import loader as data
from szreport.present import provenance, report

from .conftest import DATA
from .helpers import LANGS


def article_keys() -> set[str]:
    ds = data.load(DATA)
    return {ds.fig(i).key for i in ds.figures["id"]}


@pytest.mark.parametrize("lang", LANGS)
def test_model_gives_the_printed_words_in_their_paragraph_and_the_audits_verdicts(lang):
    ds = data.load(DATA)
    m = provenance.model(ds, lang)
    assert set(m["figures"]) == article_keys()
    for key, f in m["figures"].items():
        assert f["printed"] in f["paragraph"], key
    giants = m["figures"][report.figure_key(ds.fig("little_giants_new_2025"))]
    assert giants["interval"] == "347" + ("家" if lang == "zh" else "")
    assert [v["kind"] for v in giants["verdicts"]] == ["consistent"]
    gdp = m["figures"][report.figure_key(ds.fig("gdp_2025"))]
    assert [v["kind"] for v in gdp["verdicts"]] == ["consistent_with_basis", "consistent"]  # an input of two claims


def test_data_text_cannot_close_the_models_script_element(data_copy):
    path = data_copy / "figures.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2025年地区生产总值", "</script><script>alert(1)</script>"),
        encoding="utf-8",
    )
    html = provenance.panel(data.load(data_copy), "zh").html
    body = html.split('data-sz-own="provenance-model">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and json.loads(body)["lang"] == "zh"
    assert fmt.plain(fmt.stated(data.load(data_copy).fig("gdp_2025"), "en")) == "CNY 3.87 trillion"


@pytest.mark.parametrize("lang", LANGS)
def test_derived_figures_are_keyed_in_the_prose_with_how_they_were_computed(lang):
    """The economy's derived figures: each one in a sentence is a data-key element whose note gives the formula
    in words and every input with its value as printed and its source; a series input names its release."""
    from szreport.themes import economy

    ds = data.load(DATA)
    said = set()
    for section in (economy.gdp(ds, lang), economy.industry(ds, lang), economy.emerging_industries(ds, lang)):
        derived = provenance.derived_model(ds, lang, section.derivations)
        assert derived, section.heading
        prose = " ".join(section.paragraphs)
        for key, note in derived.items():
            assert key in section.results and note["label"] and note["inputs"], key
            if f'data-key="{key}"' not in prose:  # recorded for the record, but not every derived figure is said
                continue
            assert all(", " in line or "，" in line for line in note["inputs"]), note["inputs"]
        said |= {k for k in derived if f'data-key="{k}"' in prose}
    # the emerging industries' average growth is not said: its two ends are on either side of the census
    assert {k.split("_20")[0] for k in said} == {"gdp_increment", "sei_increment", "sei_share_gdp"}
    share = provenance.derived_model(ds, lang, economy.emerging_industries(ds, lang).derivations)
    share_inputs = next(v["inputs"] for k, v in share.items() if k.startswith("sei_share_gdp_"))
    assert any("27670.24" in line or "2,767.024" in line for line in share_inputs)  # GDP as first published


def test_a_derivation_with_an_input_not_in_the_data_is_an_error():
    ds = data.load(DATA)
    with pytest.raises(KeyError, match="series:shenzhen/gdp/1990"):
        provenance.derived_model(
            ds,
            "en",
            {"x_pct": provenance.Derivation("prov_formula_share", ("series:shenzhen/gdp/1990",), {"year": "1990"})},
        )
