"""Many new documents, generated: a statistical note, newer or older, research or context, with
its number written in either digit style, added to the first edition. Its fact is extracted
from its text in its declared style, and the brief is written from the tables again, as
functions on the first edition's tables. Every sentence the new document changes names it
(or counts the documents it lists), no other sentence changes, and the number check passes;
a sentence that gives its value to another source fails the check."""

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policybrief.brief.context import brief_context
from policybrief.brief.ledger import Sources, check_numbers
from policybrief.brief.source import built_inputs, edition_tables, linked_brief
from policybrief.core.documents import read_text
from policybrief.core.errors import InputError
from policybrief.core.tables import columns_of
from policybrief.core.yaml_input import read_yaml
from policybrief.extract.catalogue import extract_facts, load_fact_specs
from policybrief.extract.extraction import whole_catalogue
from policybrief.extract.merge import inventory_field, load_metadata, with_sources
from policybrief.extract.number_words import number_style_of

from conftest import brief_sentences

pytestmark = pytest.mark.e2e  # on the shared first-edition build
NOTE = "generated-note"
AUTHORS = ["Janssens", "Peeters", "Dubois", "Lambert", "Claes"]


@contextmanager
def inside(folder):
    """Run in a built topic folder, whose files the engine names relative to it."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def first_edition(built):
    with inside(built):
        config = yaml.safe_load(open("config/config.yaml", encoding="utf-8"))
        tables = edition_tables(built_inputs(config), config["evidence_subjects"])
        names = inventory_field(load_metadata("config/documents.yaml"), "names", [])
    return Edition((config, tables, names, brief_of(built, config, tables, names)))


class Edition(tuple):
    """The first edition's config, tables, inventory names and brief (short in a failure's report)."""

    def __repr__(self) -> str:
        return "<the first edition>"


@pytest.fixture(scope="module")
def misattributing(built, tmp_path_factory):
    """The brief's template with one more sentence: the note's value, given to the research summary."""
    template = tmp_path_factory.mktemp("template") / "brief.qmd.j2"
    template.write_text((built / "config/brief.qmd.j2").read_text(encoding="utf-8")
                        + "\nThe research summary found {{ facts.generated_immigrants.says }}.\n", encoding="utf-8")
    return template


def brief_of(built, config, tables, names, template="config/brief.qmd.j2"):
    """The brief's source as the build writes it, checked by its ledger (which raises if a number fails)."""
    with inside(built):
        qmd, marks = linked_brief(template, brief_context(tables, config["edition"], config["limits"]), tables)
        sources = Sources(tables.facts, tables.indicators, tables.documents, tables.recommendations, tables.lists,
                          config["edition"], [], None, "config/units.yaml", names)
        check_numbers(qmd, sources, marks=marks)
    return qmd


def in_style(number: int, style: str) -> str:
    """A whole number with its thousands grouped as the document's style writes them."""
    return f"{number:,}".replace(",", "." if style == "1.234,5" else ",")


@st.composite
def notes(draw):
    published = draw(st.integers(min_value=1995, max_value=2026))
    return {"published": published, "period": draw(st.integers(min_value=1990, max_value=published)),
            "role": draw(st.sampled_from(["research", "context"])), "author": draw(st.sampled_from(AUTHORS)),
            "style": draw(st.sampled_from(["1,234.5", "1.234,5"])),
            "count": draw(st.integers(min_value=1_000, max_value=999_999))}


def with_note(tables, note):
    """The first edition's tables with the note added: its row, and its fact as extraction reads it."""
    text = (f"Immigration note. In {note['period']}, {in_style(note['count'], note['style'])} immigrants of "
            "foreign nationality were registered in Belgium.")
    style = number_style_of(text, note["style"])
    specs = load_fact_specs({"facts": [{
        "id": "generated_immigrants", "document": NOTE, "indicator": "immigrants_national_definition",
        "pattern": "{value} immigrants of foreign nationality were registered", "unit": "count",
        "label": "Immigrants of foreign nationality registered", "period": str(note["period"]),
        "geography": "Belgium", "wording": "{number} immigrants of foreign nationality registered in {period}"}]})
    document = {**dict.fromkeys(columns_of("documents"), ""), "document": NOTE, "path": f"seeds/{NOTE}.txt",
                "title": "Immigration in Belgium: a statistical note", "publisher": f"{note['author']} and partners",
                "date": str(note["published"]), "language": "en", "words": str(len(text.split())),
                "citation": note["author"], "kind": "Statistical note", "role": note["role"],
                "number_style": style.style, "number_style_from": style.says}
    (fact,) = extract_facts(text, NOTE, specs, f"seeds/{NOTE}.txt", style)
    fact = {**dict.fromkeys(columns_of("facts"), ""), **fact, "value": f"{fact['value']:g}"}
    documents = [*tables.documents, document]
    return fact, tables.__class__(**{**tables.__dict__, "documents": documents,
                                     "facts": with_sources([*tables.facts, fact], documents)})


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=notes())
def test_a_new_document_changes_only_the_sentences_it_feeds_and_each_names_it(first_edition, built, note):
    config, tables, names, before = first_edition
    fact, added = with_note(tables, note)
    assert float(fact["value"]) == note["count"]  # read in its own style, never as a decimal
    after = brief_of(built, config, added, names)
    old, new = brief_sentences(before), brief_sentences(after)
    changed, gone = new.keys() - old.keys(), old.keys() - new.keys()
    old_lines = set(old.values())
    for sentence in changed:
        # Named in the sentence, or the sentence is of a new line that names it (its item in the
        # list of sources), or it counts the documents listed below it.
        assert (note["author"] in sentence or (new[sentence] not in old_lines and note["author"] in new[sentence])
                or re.search(r"draws on the \w+ documents below", sentence)), sentence
    # A sentence the note changed has its new form; none is dropped.
    assert all(any(later.split()[:3] == earlier.split()[:3] for later in changed) for earlier in gone), gone


def test_a_new_document_s_value_given_to_another_source_fails_the_check(first_edition, misattributing, built):
    config, tables, names, _ = first_edition
    _, added = with_note(tables, {"published": 2026, "period": 2025, "role": "research", "author": "Claes",
                                  "style": "1.234,5", "count": 136_327})
    with pytest.raises(InputError, match="a value of generated-note printed in a sentence that names"):
        brief_of(built, config, added, names, misattributing)


REAL = Path(__file__).parents[1] / "suggest/real-documents"
NOTICE = "federal-register-2020-17221"


def with_real_notice(tables):
    """The first edition's tables with a real public document added as context (the Federal
    Register notice of tests/suggest/real-documents/, as pdftotext writes it): its row, and its
    facts as its hand-written catalogue extracts them in its declared number style."""
    text = read_text(REAL / "seeds" / f"{NOTICE}.txt")
    described = read_yaml(REAL / "config/documents.yaml")[NOTICE]
    style = number_style_of(text, described["number_style"])
    catalogue = whole_catalogue((REAL / "config/catalogue").glob("*.yaml"))
    facts = [{**dict.fromkeys(columns_of("facts"), ""), **fact, "value": f"{fact['value']:g}"}
             for fact in extract_facts(text, NOTICE, load_fact_specs(catalogue), f"seeds/{NOTICE}.txt", style)]
    document = {**dict.fromkeys(columns_of("documents"), ""), **{key: str(value) for key, value in described.items()},
                "document": NOTICE, "path": f"seeds/{NOTICE}.txt", "words": str(len(text.split())),
                "role": "context", "number_style": style.style, "number_style_from": style.says}
    documents = [*tables.documents, document]
    return facts, tables.__class__(**{**tables.__dict__, "documents": documents,
                                      "facts": with_sources([*tables.facts, *facts], documents)})


def test_a_real_document_added_changes_only_sentences_that_name_it(first_edition, built):
    """A document no one on the project wrote, read sentence by sentence: each sentence it
    changes names it (or counts the documents listed below it), and no other changes."""
    config, tables, names, before = first_edition
    facts, added = with_real_notice(tables)
    assert [float(fact["value"]) for fact in facts if fact["fact_id"] == "mel_revision_cost"] == [7650]
    after = brief_of(built, config, added, names)
    old, new = brief_sentences(before), brief_sentences(after)
    changed = new.keys() - old.keys()
    assert changed, "the notice, listed among the sources, changes the brief"
    # A context document informs the background: it does not make the evidence newer.
    text = " ".join(new)
    assert "its newest source (Pauwels et al\\., 2012)" in text and "1995–2020" not in text
    for sentence in changed:
        assert ("Federal Aviation Administration" in new[sentence]
                or re.search(r"draws on the \w+ documents below", sentence)), sentence
    gone = old.keys() - new.keys()
    assert all(any(later.split()[:3] == earlier.split()[:3] for later in changed) for earlier in gone), gone
