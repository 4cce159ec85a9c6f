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
    total = 0
    for page in sorted((built / lang).glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "No description has been provided" not in text, page.name
        images = [tag for tag in re.findall(r"<img\b[^>]*>", text) if 'src="data:image/png' in tag]
        total += len(images)
        for tag in images:
            alt = re.search(r'\balt="([^"]*)"', tag)
            assert alt, (page.name, tag[:120])
            assert alt[1].startswith(KIND[lang]) and re.search(r"\d", alt[1]), (page.name, alt[1][:120])
        assert len(re.findall(r"<details class=[\"']sz-numbers[\"']>", text)) == len(images), page.name
    assert total >= 20  # every report but the overview's text-only parts draws charts
