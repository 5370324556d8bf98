"""Metadata the document does not state: the inventory says how it was inferred, and the brief
prints an inferred year in square brackets, as bibliographies mark a supplied date."""

from policybrief.core.documents import citation_of, document_row, inferred_fields, year_of

ROW = {"document": "slides", "citation": "FPS Foreign Affairs", "date": "2006",
       "inferred": "authors: the slides name no author; date: the slides carry no date; 2006 from the events they name"}


def test_an_inferred_year_is_printed_in_square_brackets():
    assert year_of(ROW) == "[2006]"
    assert citation_of(ROW) == "FPS Foreign Affairs [2006]"
    assert citation_of(ROW, parenthetical=False) == "FPS Foreign Affairs, [2006]"
    stated = {**ROW, "inferred": "authors: the slides name no author"}
    assert year_of(stated) == "2006" and citation_of(stated) == "FPS Foreign Affairs (2006)"
    assert inferred_fields(ROW) == {"authors": "the slides name no author",
                                    "date": "the slides carry no date; 2006 from the events they name"}


def test_the_inventory_s_inferences_reach_documents_csv(tmp_path):
    path = tmp_path / "slides.txt"
    path.write_text("Belgium and policy coherence on migration\n\nSlides.\n", encoding="utf-8")
    row = document_row(path, "seeds/slides.txt", {"date": "2006", "citation": "FPS Foreign Affairs",
                                                  "inferred": {"date": "from the events they name",
                                                               "authors": "none named"}})
    assert row["inferred"] == "authors: none named; date: from the events they name"
    assert citation_of(row) == "FPS Foreign Affairs [2006]"


def test_the_fields_that_may_be_inferred_are_the_schema_s():
    from policybrief.core.documents import INFERABLE
    from policybrief.core.yaml_input import schema_of

    entry = schema_of("documents")["additionalProperties"]["properties"]["inferred"]
    assert tuple(sorted(entry["propertyNames"]["enum"])) == INFERABLE
