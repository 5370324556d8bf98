import re

from docutils.core import publish_parts

from policybrief.report_captions import figure_caption, rst_literal

META = {"name": "gap", "data": "figures/gap.csv", "caption": "Share *in work*, recent_migrants | 2008 [1] <b>",
        "source": "Survey `A` (2006)\\2007", "alt": "Bars: 42% and 17%."}


def html_of(rst: str) -> str:
    # halt_level 2: a warning (say, unbalanced inline markup) fails the test.
    return publish_parts(rst, writer="html", settings_overrides={"halt_level": 2, "report_level": 5})["body"]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&lt;", "<").replace("&gt;", ">")


def test_any_characters_are_shown_as_written():
    for text in [META["caption"], META["source"], "a_b_ and *c* `d` |e|", "back\\slash"]:
        assert text_of(html_of(rst_literal(text))).strip() == text


def test_a_figure_caption_carries_the_brief_caption_source_alt_text_and_data():
    html = html_of(figure_caption(META))
    assert "<strong>Share *in work*, recent_migrants | 2008 [1] &lt;b&gt;</strong>" in html
    text = text_of(html)
    assert "Source: Survey `A` (2006)\\2007" in text
    assert "Text alternative: Bars: 42% and 17%." in text
    assert "reports/figures/gap.csv" in text


def test_a_figure_without_a_source_line_says_nothing_of_one():
    assert "Source" not in figure_caption({**META, "source": ""})
