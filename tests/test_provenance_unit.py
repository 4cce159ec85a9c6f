"""The provenance model of szreport.provenance on the real data folder, and its safety with hostile data text."""

from __future__ import annotations

import json

import pytest

from szreport import data, fmt, provenance, report

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
