"""What the brief's and the annex's templates are filled from: the edition's tables in one
object, the annex's own parts in the annex's context only, the groups of a computed
indicator told apart in Python, and the [sic] words of every catalogue file."""

import pytest

from policybrief.brief.context import EditionTables, against_overall, annex_context, brief_context, sic_words
from policybrief.brief.marks import Derived
from policybrief.brief.templates import render_source
from policybrief.core.errors import InputError
from policybrief.core.numbers import Number

EDITION = {"number": 1, "name": "First edition", "date": "2026-11-23", "title": "T", "publisher": "P"}
DECLARED = {"computed": [], "counted": []}


def test_the_catalogue_s_sic_words_are_merged_over_its_files(tmp_path):
    one, other = tmp_path / "one.yaml", tmp_path / "other.yaml"
    one.write_text("lists:\n  - id: recs\n    kind: recommendation\n    starts_after: A\n    sic: [witch]\n",
                   encoding="utf-8")
    other.write_text("lists:\n  - id: groups\n    kind: list\n    starts_after: B\n", encoding="utf-8")
    assert sic_words([one, other]) == {"recs": ["witch"], "groups": []}
    assert sic_words(iter([one])) == sic_words(one) == {"recs": ["witch"]}


def test_the_annex_s_own_parts_are_in_the_annex_s_context_only():
    tables = EditionTables(documents=[], facts=[], recommendations=[], indicators=[], declared=DECLARED)
    brief = brief_context(tables, EDITION)
    annex = annex_context(tables, EDITION, validation={"totals": {}}, ledger=[{"kind": "fact"}, {"kind": "fact"}])
    own = {"validation", "checks", "ledger", "uncatalogued", "facts_by_sentence", "edition_folder", "datasets",
           "flags_explained", "published"}
    assert not own & set(brief) and own <= set(annex)
    assert annex["ledger"]["totals"] == [{"kind": "fact", "count": 2}]
    assert set(annex) - set(brief) == own and set(brief) <= set(annex)
    assert isinstance(brief["evidence"]["years_old"], Derived) and brief["evidence"]["years_old"].value == 0


def entry(group, recent, established, period="2001–2005", from_document=True, document="doc"):
    row = {"indicator": "gap", "value": str(recent - established), "unit": "percentage points", "period": period,
           "group": group, "geography": "BE"}
    fact = {"value": str(recent), "unit": "percent", "document": document}
    return {"recent": Number(fact, f"{group}-recent"), "established": Number({**fact, "value": str(established)}, ""),
            "group": group, "period": period, "computed": Number(row, group), "from_document": from_document,
            "series": [{"period": period, "computed": Number(row, group)}]}


def test_the_groups_are_told_apart_from_the_overall_one_in_python():
    overall, eu, turks = entry("All", 32, 20), entry("EU", 45, 18), entry("Turks", 12, 3, document="other")
    compared = against_overall([eu, overall, turks], "All")
    assert compared.overall is overall and [pair["group"] for pair in compared.subgroups] == ["EU", "Turks"]
    assert compared.judged and compared.all_positive and compared.one_period and not compared.earlier
    assert compared.smaller == ["Turks"] and compared.other_source is None
    later = entry("All", 36, 22, period="2006–2010")
    compared = against_overall([eu, later, entry("Turks", 12, 3, from_document=False)], "All")
    assert compared.earlier and compared.earlier_period == "2001–2005" and not compared.judged
    assert compared.periods == ["2001–2005", "2006–2010"] and not compared.one_period
    assert not any(pair["own_period"] for pair in compared.subgroups) and compared.smaller == []


def test_a_group_the_indicator_has_no_value_for_is_named(tmp_path):
    template = tmp_path / "brief.qmd.j2"
    template.write_text("Text.\n{% set e = gaps | against_overall(\"Nobody\") %}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"brief\.qmd\.j2: line 2: compares groups with 'Nobody', which has no "
                                         r"computed value"):
        render_source(template, {"gaps": [entry("All", 32, 20)]})


def test_the_data_age_says_per_subject_when_its_evidence_ends_from_the_row_that_holds_it():
    from policybrief.brief.context import subject_ends

    facts = [{"fact_id": "a", "document": "doc", "indicator": "immigration", "period": "2001-2005"},
             {"fact_id": "b", "document": "doc", "indicator": "immigration", "period": "2006"},
             {"fact_id": "c", "document": "", "indicator": "permits", "period": "2010", "source": "Register 2010"}]
    documents = [{"document": "study", "date": "2012-07"}, {"document": "news", "date": "2017-06"}]
    subjects = [{"name": "immigration statistics", "indicators": ["immigration"]},
                {"name": "permit statistics", "indicators": ["permits"]},
                {"name": "the welfare-centre evidence", "documents": ["study"]},
                {"name": "nothing this edition has", "indicators": ["gone"]}]
    ended = subject_ends(subjects, facts, documents, {"doc": "Author et al., 2008", "study": "Pauwels et al., 2012"})
    assert [(s["name"], s["ends"], s["published"], s["source"]) for s in ended] == [
        ("immigration statistics", "2006", False, "Author et al., 2008"),
        ("permit statistics", "2010", False, "Register 2010"),
        ("the welfare-centre evidence", "2012", True, "Pauwels et al., 2012")]
    assert ended[0]["ends"].mark["id"] == "b" and ended[2]["ends"].mark["id"] == "study"


def test_the_values_of_low_reliability_of_the_statistics_files_are_known_to_the_template():
    from policybrief.brief.context import brief_context

    def fact(fact_id, flag, dataset="Eurostat, LFSA_ERGAN"):
        return {"fact_id": fact_id, "document": "", "indicator": "rate", "label": "Rate", "value": "60.0",
                "value_text": "60.0", "unit": "percent", "period": "2024", "geography": "Belgium", "group": "",
                "source": dataset, "dataset": dataset, "flag": flag, "qualifier": "", "wording": ""}

    def unreliable(facts):
        tables = EditionTables(documents=[], facts=facts, recommendations=[], indicators=[],
                               declared={"computed": [], "counted": []})
        return [f["fact_id"] for f in brief_context(tables, {"date": "2026-12-07"})["unreliable_values"]]

    assert unreliable([fact("a", "b"), fact("b", "d")]) == []
    assert unreliable([fact("a", "bu"), fact("b", "u"), fact("c", "")]) == ["a", "b"]
