"""Verdict badges (szreport.present.badges): beside the figure a claim checks, once per text, never inside a
sentence the page's own script writes again; the audit's checks give every article claim on its figure."""

from __future__ import annotations

import pytest

from szreport import fmt
from szreport.audit import evaluate_all
from szreport.audit.report import checks
from szreport.present import badges

CHECK = badges.Check("gdp_claim", "inconsistent", "GDP <b>claim</b>", "because")


def test_a_badge_follows_its_figure_once_with_symbol_word_and_link():
    text = fmt.Md('GDP <span data-key="gdp_2025">3.87</span>, again <span data-key="gdp_2025">3.87</span>')
    out = badges.with_badges(text, {"gdp_2025": [CHECK]}, "en")
    assert isinstance(out, fmt.Md) and out.count("sz-badge sz-badge-inconsistent") == 1
    assert out.index('</span> <span class="sz-nowrap"><a class=') < out.index("again")
    assert 'data-claim="gdp_claim" data-verdict="inconsistent" href="audit.html#claim-gdp_claim"' in out
    assert "✗" in out and "does not add up" in out
    assert 'href="#claim-gdp_claim"' in badges.with_badges(text, {"gdp_2025": [CHECK]}, "en", in_audit=True)


@pytest.mark.parametrize("after", ["。", "，", ".", ";", ""])
def test_punctuation_after_a_badge_stays_on_its_line(after):
    text = f'连续<span data-key="k">4年</span>{after}此后'
    out = str(badges.with_badges(text, {"k": [CHECK, CHECK]}, "zh"))
    assert out.count("sz-badge-word") == 2
    if after:  # the last badge and the punctuation cannot be parted by a line break
        assert out.count('class="sz-nowrap"') == 1 and out.endswith(f"</a>{after}</span>此后")
    else:
        assert "sz-nowrap" not in out and out.endswith("</a>此后")


def test_no_badge_inside_a_live_sentence():
    text = '<span data-sz-text="trade">from <span data-key="k">4.55</span></span> and <span data-key="k">4.55</span>'
    out = badges.with_badges(text, {"k": [CHECK]}, "zh")
    assert out.count("sz-badge-word") == 1 and out.index("sz-badge") > out.index(" and ")
    assert "对不上" in out


def test_a_text_without_checked_figures_is_left_alone():
    assert badges.with_badges("plain 3.87", {"k": [CHECK]}, "en") == "plain 3.87"
    assert badges.with_badges('<span data-key="other">1</span>', {"k": [CHECK]}, "en").count("sz-badge") == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_audits_checks_cover_every_article_claim_by_its_figure(ds, lang):
    found = checks(ds, lang)
    claimed = {v.claim.id: v.kind for v in evaluate_all(ds) if v.claim.claimed_ref().kind == "fig"}
    shown = {c.claim: c.kind for found_checks in found.values() for c in found_checks}
    assert shown == claimed
    model = badges.model(found, lang)
    assert set(model) == set(claimed) and all(m["explanation"] and m["verdict"] for m in model.values())
