"""Every chart of every report, in both languages, has a description generated from its data as alternative
text (never nbconvert's placeholder) and its numbers in a table beside it."""

from __future__ import annotations

import re

import pytest

from .helpers import LANGS

pytestmark = pytest.mark.render

KIND = {
    "zh": ("柱状图", "折线图", "柱线组合图", "分组条形图", "区间图"),
    "en": ("Bar chart", "Line chart", "Bars with lines", "Grouped bar chart", "Interval chart"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_has_a_description_and_its_numbers(built, lang):
    for page in sorted((built / lang).glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "No description has been provided" not in text, page.name
        alts = re.findall(r'<img src="data:image/png[^>]*?alt="([^"]*)"', text)
        images = len(re.findall(r'<img src="data:image/png', text))
        assert len(alts) == images, page.name
        for alt in alts:
            assert alt.startswith(KIND[lang]) and re.search(r"\d", alt), (page.name, alt)
        assert text.count("<details class='sz-numbers'>") == images, page.name
