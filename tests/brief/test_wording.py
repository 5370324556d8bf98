"""True words: the brief prints a fact in its text only through the wording the catalogue
records for it, and every wording keeps its sentence's bound and numbers."""

import re

import pytest

from policybrief.core.numbers import Number
from policybrief.core.units import words_after
from policybrief.extract.catalogue import extract_facts, load_fact_specs

from conftest import FIRST_EDITION, read_catalogue, seed_text

CATALOGUE = read_catalogue()
SPECS = load_fact_specs(CATALOGUE)
FACTS = {row["fact_id"]: row for document in sorted({s.document for s in SPECS})
         for row in extract_facts(seed_text(document), document, SPECS, f"{document}.txt")}
TEMPLATE = (FIRST_EDITION / "config/brief.qmd.j2").read_text(encoding="utf-8")

# A fact in the brief's text: its wording (says), its period (when), the dataset it comes from,
# or whole, to a macro that links its source. A table row may show the bare value under a
# header that names it.
TEXT_ATTRIBUTES = {"says", "when", "dataset"}
BOUND_WORDS = {
    "approx": ("approximately", "about", "around"),
    "likely": ("more likely", "likely"),
    "at_least": ("at least", "more than"),
    "more_than": ("more than",),
    "at_most": ("up to", "at most", "or less", "no longer than", "at the latest"),
}
# Words in a sentence that make the number a bound, and the qualifiers that keep it.
SOURCE_BOUNDS = {r"approximately|about|around|some": {"approx"}, r"more than|over": {"more_than", "at_least"},
                 r"up to|no longer than|at most|\\leq": {"at_most"}, r"at the latest": {"at_most"}}


def fact_uses(template: str):
    """(line, fact id, attribute or '') for every facts.<id> in the template."""
    for line in template.splitlines():
        for match in re.finditer(r"facts\.(\w+)(?:\.(\w+))?", line):
            yield line, match.group(1), match.group(2) or ""


USES = list(fact_uses(TEMPLATE))


def test_the_brief_prints_facts_in_its_text_only_through_their_wording():
    assert len(USES) > 40
    loose = [(fact_id, attribute) for line, fact_id, attribute in USES
             if not line.lstrip().startswith("|") and attribute not in TEXT_ATTRIBUTES
             and not re.search(rf"source\(facts\.{fact_id}\)", line)]
    assert not loose, f"facts printed without their catalogue wording: {loose}"


def test_every_fact_the_brief_uses_has_a_wording_and_exists():
    used = {fact_id for _, fact_id, _ in USES}
    assert used <= set(FACTS), used - set(FACTS)
    assert not [fact_id for fact_id in used if not FACTS[fact_id]["wording"]]


@pytest.mark.parametrize("fact_id", sorted(f for f, row in FACTS.items() if row["wording"]))
def test_a_wording_keeps_its_sentences_bound_and_numbers(fact_id):
    row = FACTS[fact_id]
    wording, qualifier = row["wording"], row["qualifier"]
    # A bound spelled in the wording's own words must be the fact's bound ({value} adds it itself).
    if "{value}" not in wording and qualifier in BOUND_WORDS:
        assert any(word in wording for word in BOUND_WORDS[qualifier]), (fact_id, qualifier, wording)
    # A wording adds no number its sentence does not hold.
    literal = re.sub(r"\{\w+\}", "", wording)
    for number in re.findall(r"\d+(?:\.\d+)?", literal):
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", row["quote"]), (fact_id, number)
    # The words just before the number in the document make it a bound: the fact keeps it.
    text = seed_text(row["document"])
    before = text[max(0, row["value_start"] - 40):row["value_start"] + len(row["value_text"]) + 3].lower()
    for pattern, qualifiers in SOURCE_BOUNDS.items():
        if re.search(rf"(?<!\w)(?:{pattern})\W*(?:\w+\W+){{0,1}}$",
                     text[max(0, row["value_start"] - 40):row["value_start"]].lower()):
            assert qualifier in qualifiers, (fact_id, pattern, before)


@pytest.mark.parametrize("fact_id", sorted(f for f, row in FACTS.items() if row["wording"]))
def test_a_wording_reads_as_prose_once_its_number_is_in(fact_id):
    """The slot's unit and the wording's own words never say the same thing twice
    ('10 years years', '3 a year times a year')."""
    row = FACTS[fact_id]
    plain = re.sub(r"\\(.)", r"\1", Number(row, fact_id).says)
    assert not re.search(r"\b(\w+)\s+\1\b", plain, re.IGNORECASE), (fact_id, plain)
    unit_words = words_after(row["unit"]).strip()
    if len(unit_words) > 1:
        assert plain.count(unit_words) <= 1, (fact_id, plain)


def test_says_puts_the_bound_the_period_and_the_stated_words_in_place():
    row = {"value": "32", "unit": "percent", "qualifier": "approx", "period": "2001-2005", "value_text": "32",
           "wording": "{value} of foreigners in {period}", "label": "x"}
    assert Number(row, "k").says == r"approximately 32\% of foreigners in 2001–2005"
    half = {**row, "value": "50", "qualifier": "more_than", "value_text": "half",
            "wording": "more than {stated} of the centres"}
    assert Number(half, "k").says == "more than half of the centres"
    bare = {**row, "wording": "", "label": "Share of X", "group": "G", "geography": "", "qualifier": ""}
    assert Number(bare, "k").says == r"32\% \(share of X, G, 2001\-2005\)"
