"""Statements: the sentences the brief cites for findings that hold no number."""

import pytest

from policybrief.core.errors import InputError
from policybrief.extract.statements import extract_statements, load_statement_specs

from conftest import read_catalogue, seed_text

TEXT = ("Numbers come first. The first conclusion is that Belgium is no longer\n"
        "in a situation of zero immigration. Then more.")


def specs(pattern, about="Zero immigration"):
    return load_statement_specs({"statements": [{"id": "s", "document": "doc", "pattern": pattern, "about": about}]})


def test_a_statement_is_the_whole_sentence_its_words_land_in_verbatim():
    [row] = extract_statements(TEXT, "doc", specs("Belgium is no {...} situation of zero immigration"), "doc.txt")
    assert row["quote"] == TEXT[row["char_start"]:row["char_end"]]
    assert row["quote"].startswith("The first conclusion") and row["quote"].endswith("immigration.")
    assert (row["statement_id"], row["about"]) == ("s", "Zero immigration")


def test_a_statement_gone_from_its_document_names_the_entry_and_the_closest_passage():
    with pytest.raises(InputError, match=r"(?s)statement .s..*found no sentence.*Closest passage.*zero immigration"):
        extract_statements(TEXT, "doc", specs("Belgium is no longer a country of zero migration"), "doc.txt")


@pytest.mark.parametrize("entry, message", [
    ({"id": "s", "document": "doc", "pattern": "about {value} people", "about": "x"}, "no {value} slot"),
    ({"id": "s", "document": "doc", "pattern": "{...}", "about": "x"}, "source's words"),
    ({"id": "s", "document": "doc", "pattern": "words"}, "missing about"),
])
def test_a_malformed_statement_entry_is_refused_with_its_place_in_the_catalogue(entry, message):
    with pytest.raises(InputError, match="statements\\[0\\]") as error:
        load_statement_specs({"statements": [entry]})
    assert message in str(error.value)


def test_every_statement_of_the_catalogue_is_found_once_in_its_real_seed():
    catalogue = read_catalogue()
    all_specs = load_statement_specs(catalogue)
    assert len(all_specs) >= 5
    for document in sorted({spec.document for spec in all_specs}):
        rows = extract_statements(seed_text(document), document, all_specs, f"{document}.txt")
        assert len(rows) == sum(spec.document == document for spec in all_specs)
