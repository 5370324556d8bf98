"""Captions of Snakemake's report: read by Snakemake as a Jinja2 template and then as
reStructuredText, they show any text from the data or the config as written."""

import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils.core import publish_parts
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from policybrief.figures.captions import figure_caption, jinja_literal, rst_literal
from policybrief.workflow import WORKFLOW

META = {"name": "gap", "data": "figures/gap.csv", "caption": "Share *in work*, recent_migrants | 2008 [1] <b>",
        "source": "Survey `A` (2006)\\2007", "alt": "Bars: 42% and 17%."}
# What Snakemake's report must never show: the run's config.
SECRET = "the-config-itself"
LOOPS = "".join(f'{{% for {name} in "abcdefghij" %}}' for name in "abc") + "x" + "{% endfor %}" * 3
HOSTILE = [
    f"Survey {{{{ snakemake.config }}}} {LOOPS}",
    "a label with }} in it", "{{< meta title >}}", "{{<", "{#", "#}", "{%- raw %}", "{{ '{' }}", "{% endraw %}",
    "{{ snakemake.config['edition'] }}", "{{ snakemake.input }} {{ categories }} {{ files }}",
    "*emphasis* **strong** `interpreted` ``literal`` _`target` name_ anonymous__ [1]_ [#]_ [cite]_ |subst|",
    ":role:`text` `link <javascript:alert(1)>`_ javascript:alert(1) https://evil.example mailto:a@b.example "
    "someone@evil.example",
    "line one\n\n.. include:: /etc/passwd\n\n.. raw:: html\n\n   <script>alert(1)</script>\n\n----\n\nTitle\n=====",
    "back\\slash \\ at the end\\", "\\*not emphasis\\*", "- a bullet", "1. a list", "#. auto", "| a line block",
    ":field: list", "<b>bold</b> &amp; &lt;", "tab\there", "ünïcödé “quotes” — dash", "$x$ and @cite and #tag",
]


def snakemake_renders(caption: str, config: dict | None = None) -> str:
    """The caption's HTML as `snakemake --report` makes it (snakemake/report/__init__.py: the
    Jinja2 environment it renders captions in, then docutils' publish_parts)."""
    environment = Environment(trim_blocks=True, lstrip_blocks=True)
    snakemake = SimpleNamespace(config=config or {"secret": SECRET}, wildcards=SimpleNamespace(report="brief"),
                                input=[], output=[], params=SimpleNamespace())
    rst = environment.from_string(caption).render(snakemake=snakemake, categories={}, files={})
    # halt_level 2: a warning (say, unbalanced inline markup) fails the test.
    return publish_parts(rst, writer="html", settings_overrides={"halt_level": 2, "report_level": 5})["body"]


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def shown_literally(page: str, text: str) -> bool:
    return " ".join(text.split()) in text_of(page)


def test_any_characters_are_shown_as_written():
    for text in [META["caption"], META["source"], "a_b_ and *c* `d` |e|", "back\\slash"]:
        assert text_of(snakemake_renders(rst_literal(text))) == text


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("field", ["caption", "source", "alt"])
def test_a_caption_shows_template_and_markup_from_the_data_as_written(field, text):
    page = snakemake_renders(figure_caption({**META, field: text}))
    assert shown_literally(page, text)
    assert SECRET not in page and "xxxxxxxxxx" not in page
    # nothing from the data became a link, an element or an inclusion
    assert re.findall(r"<(\w+)", page) == ["p", "strong", "p", "p", "p", "tt"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(str.strip))
def test_any_text_is_shown_as_written(text):
    page = snakemake_renders(figure_caption({**META, "caption": text, "source": text}))
    folded = " ".join(text.split())
    assert f"Source: {folded} Text alternative:" in text_of(page)
    assert text_of(re.search(r"<strong>(.*?)</strong>", page, re.S).group(1)) == folded


def test_jinja_prints_every_brace_as_it_is():
    for text in ["{", "{{", "{{{", "{%", "{#", "{{-", "}}{{", "a{b}c"]:
        assert Environment(trim_blocks=True, lstrip_blocks=True).from_string(jinja_literal(text)).render() == text


def test_a_figure_caption_carries_the_brief_caption_source_alt_text_and_data():
    page = snakemake_renders(figure_caption(META))
    assert "<strong>Share *in work*, recent_migrants | 2008 [1] &lt;b&gt;</strong>" in page
    text = text_of(page)
    assert "Source: Survey `A` (2006)\\2007" in text
    assert "Text alternative: Bars: 42% and 17%." in text
    assert "reports/figures/gap.csv" in text


def test_a_figure_without_a_source_line_says_nothing_of_one():
    assert "Source" not in figure_caption({**META, "source": ""})


# The engine's own captions and the report's description, which print strings of the config.
TEMPLATES = sorted((WORKFLOW / "report").rglob("*.rst"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_the_reports_own_captions_show_the_configs_strings_as_written(template: Path):
    hostile = " ".join(HOSTILE)
    config = {"edition": {"date": "2026-11-23", "name": hostile, "title": hostile}, "catalogue": hostile,
              "secret": SECRET}
    page = snakemake_renders(template.read_text(encoding="utf-8"), config)
    assert SECRET not in page and "<script" not in page and "<a " not in page
    uses = re.findall(r"snakemake\.config\[\"(\w+)\"\](?:\[\"(\w+)\"\])?", template.read_text(encoding="utf-8"))
    for key, subkey in uses:
        assert shown_literally(page, config[key][subkey] if subkey else config[key]), (key, subkey)
    assert len(TEMPLATES) >= 6
