from pathlib import Path

import pytest

from policybrief.core.errors import InputError
from policybrief.extract.catalogue import compile_pattern, extract_facts, load_fact_specs

from conftest import read_catalogue, seed_text

CATALOGUE = read_catalogue()
SPECS = load_fact_specs(CATALOGUE)
DOCUMENTS = sorted({spec.document for spec in SPECS})


def spec(pattern, **extra):
    entry = {"id": "f1", "document": "doc", "pattern": pattern, "indicator": "i", "label": "l",
             "unit": "percent", **extra}
    return load_fact_specs({"facts": [entry]})


def test_pattern_tolerates_line_breaks_and_double_spaces():
    regex = compile_pattern("approximately {value}% with a high level")
    assert regex.search("approximately  32%\n\nwith a  high level").group("value") == "32"


def test_a_changed_number_in_the_same_sentence_is_extracted():
    text = "Intro. This group consists of approximately 41% with a high level of education. End."
    [row] = extract_facts(text, "doc", spec("approximately {value}% with a high level of education"), "doc.txt")
    assert row["value"] == 41
    assert text[row["char_start"]:row["char_end"]] == row["quote"]
    assert row["quote"].startswith("This group")


def test_a_missing_sentence_names_the_entry_and_the_closest_passage():
    text = "Intro. This group has roughly 41% with a high education level today. End."
    with pytest.raises(InputError) as error:
        extract_facts(text, "doc", spec("approximately {value}% with a high level of education"), "doc.txt")
    message = str(error.value)
    assert "'f1'" in message and "doc.txt" in message
    assert "roughly 41% with a high education level" in message


def test_an_ambiguous_pattern_is_refused():
    text = "It was 5 days. Later it was 7 days."
    with pytest.raises(InputError, match="matches 2 places"):
        extract_facts(text, "doc", spec("was {value} days", unit="days"), "doc.txt")


def test_scale_and_words():
    text = "The procedure takes up to six weeks in Wallonia."
    [row] = extract_facts(text, "doc", spec("takes up to {value} weeks", unit="days", scale=7), "doc.txt")
    assert row["value"] == 42 and row["value_text"] == "six"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_catalogue_entry_matches_its_real_seed_verbatim(document):
    text = seed_text(document)
    rows = extract_facts(text, document, SPECS, f"seeds/{document}.txt")
    assert len(rows) == sum(1 for s in SPECS if s.document == document)
    for row in rows:
        assert text[row["char_start"]:row["char_end"]] == row["quote"]
        assert row["value_text"] in row["quote"]


def facts_by_id():
    rows = {}
    for document in DOCUMENTS:
        for row in extract_facts(seed_text(document), document, SPECS, document):
            rows[row["fact_id"]] = row
    return rows


def test_education_shares_and_work_permit_profiles_have_the_sources_values():
    facts = facts_by_id()
    expected = {
        "edu_high_recent_all": 32, "edu_high_established_all": 20,
        "edu_high_recent_eu": 45, "edu_high_established_eu": 18,
        "edu_high_recent_tur_mar": 12, "edu_high_established_tur_mar": 3,
        "permits_flanders_b_share_polish_seasonal": 50, "permits_flanders_agriculture_share_polish": 97,
        "permits_brussels_it_share_indian": 83, "permits_brussels_share_highly_qualified": 91.5,
        "permits_brussels_age_gap": 7, "permits_brussels_share_women": 11,
        "permits_wallonia_construction_share_polish": 50, "permits_wallonia_share_women_polish": 21,
        "permit_processing_days_wallonia": 6, "foundation_recommendations_total": 60,
    }
    assert {k: facts[k]["value"] for k in expected} == pytest.approx(expected)
    assert {facts[k]["geography"] for k in expected if k.startswith("permits_")} == {"Flanders", "Brussels", "Wallonia"}
    assert len(facts) >= 40


def test_every_catalogue_entry_yields_its_checked_value():
    """expected_facts.csv (beside this file) holds each fact's value as read by hand in the sources."""
    import csv

    with open(Path(__file__).parent / "expected_facts.csv", encoding="utf-8") as handle:
        expected = {row["fact_id"]: row for row in csv.DictReader(handle)}
    facts = facts_by_id()
    assert set(facts) == set(expected)
    for fact_id, row in expected.items():
        fact = facts[fact_id]
        assert fact["value"] == pytest.approx(float(row["value"]), abs=1e-6), fact_id
        assert ((fact["unit"], fact["qualifier"], fact["value_text"])
                == (row["unit"], row["qualifier"], row["value_text"]))


def test_each_document_has_its_own_catalogue_file_and_a_stray_one_is_named(tmp_path, monkeypatch):
    from policybrief.core.documents import catalogue_files

    monkeypatch.chdir(tmp_path)  # the project: a catalogue file is read only from inside it
    folder = Path("catalogue")
    folder.mkdir()
    (folder / "report-a.yaml").write_text("facts: []\n", encoding="utf-8")
    assert catalogue_files(folder, ["report-a", "report-b"]) == {"report-a": f"{folder}/report-a.yaml"}
    (folder / "report-c.yaml").write_text("facts: []\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"report-c.yaml: is the catalogue of 'report-c', but seeds/ has no "
                                         r"document report-c.txt \(documents: report-a, report-b\)"):
        catalogue_files(folder, ["report-a", "report-b"])


def test_an_entry_of_another_document_s_catalogue_is_refused(tmp_path):
    from policybrief.extract.extraction import load_catalogue

    path = tmp_path / "report-a.yaml"
    path.write_text('facts:\n  - id: x\n    pattern: "{value}%"\n    indicator: x\n    label: X\n    unit: percent\n',
                    encoding="utf-8")
    assert load_catalogue(path)["facts"][0]["document"] == "report-a"
    path.write_text(path.read_text(encoding="utf-8") + "    document: report-b\n", encoding="utf-8")
    with pytest.raises(InputError, match="names the document 'report-b', but this file is the catalogue of 'report-a'"):
        load_catalogue(path)


# Written as a Belgian body writes English: points between thousands.
BELGIAN = ("In 2016, 136.327 immigrations of foreign nationals were registered in Belgium. "
           "Some 17.797 persons were granted protection. There were +- 9.000 Syrians among them.")


def test_a_number_that_reads_two_ways_stops_naming_the_fact_both_readings_and_what_to_declare():
    from policybrief.extract.number_words import number_style_of

    entry = spec("In 2016, {value} immigrations of foreign nationals", unit="count")
    with pytest.raises(InputError) as error:
        extract_facts(BELGIAN, "doc", entry, "seeds/doc.txt", number_style_of(BELGIAN))
    message = str(error.value)
    assert "'f1'" in message and "seeds/doc.txt" in message
    assert "'136.327' reads as 136.327 (in the style 1,234.5) or 136327 (in the style 1.234,5)" in message
    assert "no number of the document settles it" in message
    assert '`number_style: "1,234.5"` if 136.327 is 136.327; or `number_style: "1.234,5"` if 136.327 is 136327' \
        in message


@pytest.mark.parametrize("text", [BELGIAN, BELGIAN + " Their share rose by 12,5%."])
def test_a_declared_or_inferred_style_reads_the_thousands_as_thousands(text):
    from policybrief.extract.number_words import COMMA, number_style_of

    style = number_style_of(text, COMMA if text == BELGIAN else "")
    assert style.style == COMMA
    rows = extract_facts(text, "doc", spec("In 2016, {value} immigrations", unit="count")
                         + spec("Some {value} persons were granted", unit="count", id="f2")
                         + spec("+- {value} Syrians", unit="count", id="f3"), "seeds/doc.txt", style)
    assert [row["value"] for row in rows] == [136327, 17797, 9000]
    assert [row["value_text"] for row in rows] == ["136.327", "17.797", "9.000"]


def test_a_date_written_with_points_is_no_number():
    rows = extract_facts("Published 13.06.2017. The rate was 91.5% in all.", "doc",
                         spec("The rate was {value}%"), "doc.txt")
    assert [row["value"] for row in rows] == [91.5]
    assert not compile_pattern("Published {value}").search("Published 13.06.2017.")
