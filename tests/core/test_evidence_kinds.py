"""What a finding rests on: the evidence vocabulary, the catalogue's schema and the words for
each kind agree; a catalogue entry's kind reaches its fact or statement; a value of an official
statistics file rests on official statistics."""

from policybrief.core.evidence import OFFICIAL_STATISTICS, evidence_kinds, evidence_values, evidence_words
from policybrief.core.yaml_input import schema_of
from policybrief.extract.catalogue import extract_facts, load_fact_specs
from policybrief.extract.statements import extract_statements, load_statement_specs
from policybrief.extract.supplementary import evidence_of


def test_the_schema_names_the_kinds_the_vocabulary_words():
    assert sorted(schema_of("catalogue")["$defs"]["evidence"]["enum"]) == sorted(evidence_kinds())
    assert OFFICIAL_STATISTICS in evidence_kinds() and evidence_values()[-1] == ""
    assert evidence_words("literature") == "the literature the researchers cite" and evidence_words("") == ""


def test_a_declared_kind_reaches_the_fact_and_the_statement():
    text = "Many more women than previously migrate, the literature says. In 2006, 35 centres replied."
    catalogue = {"facts": [{"id": "centres", "document": "doc", "pattern": "In 2006, {value} centres replied",
                            "indicator": "centres", "label": "Centres", "unit": "count", "evidence": "survey"}],
                 "statements": [{"id": "women", "document": "doc", "pattern": "Many more women than previously",
                                 "about": "women", "evidence": "literature"}]}
    facts = extract_facts(text, "doc", load_fact_specs(catalogue), "doc.txt")
    statements = extract_statements(text, "doc", load_statement_specs(catalogue), "doc.txt")
    assert facts[0]["evidence"] == "survey" and statements[0]["evidence"] == "literature"


def test_a_statistics_file_s_value_rests_on_official_statistics():
    assert evidence_of({"dataset": "LFSA_ERGAN"}) == OFFICIAL_STATISTICS
    assert evidence_of({"dataset": ""}) == "" and evidence_of({}) == ""
