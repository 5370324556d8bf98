"""Suggestions: a proposed catalogue entry for each number no fact takes, with the unit, the
bound, the period, place and group the sentence states, and a pattern that finds that number
alone; what the sentence does not say is left empty and marked."""

import pytest

from policybrief.core.errors import InputError
from policybrief.extract.catalogue import compile_pattern
from policybrief.extract.mentions import find_mentions
from policybrief.suggest.accept import accept, with_entries
from policybrief.suggest.suggestions import suggest

VOCABULARY = {"geography": ["Belgium", "Brussels", "Flanders", "Wallonia"], "group": ["EU foreigners", "Tenants"]}


def suggested(text, facts=(), vocabulary=VOCABULARY):
    return {s["as_written"]: s for s in suggest(text, "doc", find_mentions(text, "doc"), list(facts), vocabulary)}


@pytest.mark.parametrize("sentence, written, unit, qualifier", [
    ("In Brussels, approximately 32% of the permits went to Poles.", "32%", "percent", "approx"),
    ("Up to 42 days were needed in Wallonia.", "42", "days", "at_most"),
    ("More than half of the centres said so.", "half", "percent", "more_than"),
    ("At least forty interviews were held.", "forty", "count", "at_least"),
    ("They stay three or four years in Europe.", "three", "years", "range_low"),
    ("They stay three or four years in Europe.", "four", "years", "range_high"),
    ("An influx of between 70 and 700 million immigrants.", "70", "million persons", "range_low"),
    ("The cell meets 2 or 3 times a year.", "2", "per year", "range_low"),
    ("Flanders issued twice as many permits.", "twice", "ratio", ""),
    ("Close to five times as many persons came.", "five", "ratio", "approx"),
    ("There were +- 9,000 Syrians among them.", "9,000", "count", "approx"),
    ("There were ± 12 Syrians among them.", "12", "count", "approx"),
    ("Some 40 persons came.", "40", "count", "approx"),
    ("Around 40 persons came.", "40", "count", "approx"),
    ("Resident for no longer than 10 years.", "10", "years", "at_most"),
    ("The share was $\\leq 35\\%$ in those countries.", "35\\%", "percent", "at_most"),
])
def test_unit_and_bound_from_the_words_around_the_number(sentence, written, unit, qualifier):
    entry = suggested(sentence)[written]["entry"]
    assert (entry["unit"], entry["qualifier"]) == (unit, qualifier)


def test_a_share_written_per_ten_is_a_percentage():
    found = suggested("Seven partnerships on ten receive public financing.")["Seven"]
    assert found["value"] == 70 and found["entry"]["unit"] == "percent" and found["entry"]["scale"] == 10


def test_period_place_and_group_where_the_sentence_states_them_and_marked_where_not():
    found = suggested("In 2005, 45% of EU-foreigners in Flanders were highly educated. Tenants paid 10% more.")
    first = found["45%"]
    assert (first["entry"]["period"], first["entry"]["geography"], first["entry"]["group"]) == (
        "2005", "Flanders", "EU foreigners")
    assert "period" not in first["to_check"] and "label" in first["to_check"]
    second = found["10%"]
    assert second["entry"]["period"] == "" and second["to_check"]["period"] == "the sentence states no period"
    assert second["entry"]["geography"] == "" and second["to_check"]["geography"] == "not stated in the sentence"


def test_the_number_before_in_takes_the_place_after_it():
    text = "They studied 25 centres (10 in Flanders, 10 in Wallonia and 5 in Brussels)."
    found = suggest(text, "doc", find_mentions(text, "doc"), [], VOCABULARY)
    assert [(s["as_written"], s["entry"]["geography"]) for s in found] == [
        ("25", "Flanders"), ("10", "Flanders"), ("10", "Wallonia"), ("5", "Brussels")]
    assert all("several" in s["to_check"]["geography"] for s in found)


def test_a_year_that_dates_an_event_is_suggested_one_that_is_a_period_is_not():
    found = suggested("The social tariff was introduced in 2004. In 2023, 27% of tenants were in arrears.")
    assert found["2004"]["entry"]["unit"] == "calendar year" and "kind" in found["2004"]["to_check"]
    assert "2023" not in found and found["27%"]["entry"]["period"] == "2023"


@pytest.mark.parametrize("text", [
    "Report for the public planning service, July 2012\n\nThe study found nothing.",  # the document's date
    "Centres use Article 60 measures.",  # a name, not a quantity
    "All the EU-12 member states agreed.",
    "Since the mid-1980s, immigration grew.",  # a decade
    "As Becker (1985) showed, it holds.",  # a citation
])
def test_no_suggestion_for_numbers_that_are_not_facts(text):
    assert suggested(text) == {}


def test_the_pattern_finds_its_number_alone_and_survives_a_new_number():
    text = "In 2023, 27% of tenants were in arrears. In 2019, 16% of tenants were in arrears."
    for written, entry in ((w, s["entry"]) for w, s in suggested(text).items()):
        matches = list(compile_pattern(entry["pattern"]).finditer(text))
        assert len(matches) == 1 and matches[0]["value"] + "%" == written
        changed = text.replace(written, "31%")
        assert len(list(compile_pattern(entry["pattern"]).finditer(changed))) == 1, entry["pattern"]


def test_a_claimed_number_is_not_suggested():
    text = "In 2023, 27% of tenants were in arrears."
    mentions = find_mentions(text, "doc")
    for mention in mentions:
        mention["fact_id"] = "arrears" if mention["text"] == "27%" else ""
    assert suggest(text, "doc", mentions, [], VOCABULARY) == []


CATALOGUE = """# The catalogue
facts:
  - id: a
    document: doc
    pattern: "about {value}%"
    indicator: share
    label: A share
    unit: percent

# Lists: where the recommendations are.
lists: []
"""


def test_accepting_copies_the_entry_under_facts_and_keeps_the_rest(tmp_path):
    suggestions = tmp_path / "suggestions.yaml"
    suggestions.write_text("documents:\n- document: doc\n  numbers: 1\n  sentences:\n  - sentence: s\n"
                           "    characters: 0-10\n    numbers:\n    - value: 5\n      as_written: '5'\n"
                           "      to_check: {}\n      entry: {id: doc_3, document: doc, pattern: 'the {value} cases',"
                           " indicator: cases, label: Cases, unit: count, period: '', geography: '', group: '',"
                           " qualifier: ''}\n", encoding="utf-8")
    folder = tmp_path / "catalogue"
    folder.mkdir()
    catalogue = folder / "doc.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    assert accept(["doc_3"], suggestions, folder) == ["doc_3"]
    text = catalogue.read_text(encoding="utf-8")
    # The entry goes to its document's catalogue, which names the document by its file name.
    assert text == CATALOGUE.replace("    unit: percent\n", "    unit: percent\n  - id: doc_3\n"
                                     "    pattern: the {value} cases\n    indicator: cases\n    label: Cases\n"
                                     "    unit: count\n")
    with pytest.raises(InputError, match="already has a fact 'doc_3'"):
        accept(["doc_3"], suggestions, folder)
    with pytest.raises(InputError, match="has no entry 'doc_9'"):
        accept(["doc_9"], suggestions, folder)


def test_accepting_for_a_document_without_a_catalogue_makes_its_file(tmp_path):
    suggestions = tmp_path / "suggestions.yaml"
    suggestions.write_text("documents:\n- document: new-note\n  numbers: 1\n  sentences:\n  - sentence: s\n"
                           "    characters: 0-10\n    numbers:\n    - value: 5\n      as_written: '5'\n"
                           "      to_check: {}\n      entry: {id: note_5, document: new-note,"
                           " pattern: 'the {value} cases', indicator: cases, label: Cases, unit: count, period: '',"
                           " geography: '', group: '',"
                           " qualifier: ''}\n", encoding="utf-8")
    assert accept(["note_5"], suggestions, tmp_path / "catalogue") == ["note_5"]
    text = (tmp_path / "catalogue/new-note.yaml").read_text(encoding="utf-8")
    assert text.startswith("# The catalogue of seeds/new-note.txt:") and "  - id: note_5\n" in text
    assert "document:" not in text


def test_accepting_into_a_catalogue_without_facts():
    expected = "lists: []\nfacts:\n  - id: x\n    unit: count\n"
    assert with_entries("lists: []\n", [{"id": "x", "unit": "count"}]) == expected


def test_a_number_that_reads_two_ways_is_proposed_with_both_readings_and_marked_for_a_decision():
    from policybrief.suggest.suggestions import suggestions_by_document

    text = "In 2016, 136.327 immigrations of foreign nationals were registered in Belgium."
    mentions = find_mentions(text, "doc")
    [number] = [m for m in mentions if m["text"] == "136.327"]
    assert number["value"] == "" and number["readings"] == "136.327;136327"
    [document] = suggestions_by_document({"doc": text}, mentions, [])
    [proposed] = [n for s in document["sentences"] for n in s["numbers"] if n["as_written"] == "136.327"]
    assert "value" not in proposed and proposed["needs_decision"]
    assert proposed["readings"] == {"1,234.5": 136.327, "1.234,5": 136327}
    assert "declare the number_style of doc in config/documents.yaml" in proposed["to_check"]["value"]


def test_no_number_of_the_document_s_own_title_or_date_is_proposed():
    text = ("Myriatics 8: migration in figures\nBrussels, 2017. Published in 2017 by the centre.\n\n"
            "In 2016, there were 40 new centres, and in 2017 another 12 were opened.\n")
    described = {"title": "Myriatics 8", "date": "2017-06"}
    found = suggest(text, "doc", find_mentions(text, "doc"), [], VOCABULARY, described)
    assert [s["as_written"] for s in found] == ["40", "12"]
    without = [s["as_written"] for s in suggest(text, "doc", find_mentions(text, "doc"), [], VOCABULARY)]
    assert "8" in without and "2017" in without


def test_a_group_or_place_the_catalogue_does_not_use_yet_is_read_from_the_engine_s_common_names():
    from policybrief.suggest.suggestions import common_names

    names = common_names()
    assert {"Syrians", "asylum seekers", "foreign nationals"} <= set(names["group"])
    assert {"Belgium", "Wallonia"} <= set(names["geography"]) and "Poland" not in names["geography"]
    text = ("In 2016, 136,327 immigrations of foreign nationals were registered in Wallonia. Some 9,000 Syrians "
            "applied for asylum. Around 2,500 asylum seekers were housed by EU foreigners' associations.\n")
    found = {s["as_written"]: s for s in suggest(text, "doc", find_mentions(text, "doc"), [], VOCABULARY,
                                                 common_names=names)}
    immigrations, syrians, housed = found["136,327"], found["9,000"], found["2,500"]
    assert (immigrations["entry"]["group"], immigrations["entry"]["geography"]) == ("foreign nationals", "Wallonia")
    assert immigrations["to_check"]["group"] == "named in the sentence; a name the catalogue does not use yet"
    assert syrians["entry"]["group"] == "Syrians" and housed["entry"]["qualifier"] == "approx"
    # A group the catalogue already uses comes first; the common names only where it names none.
    assert housed["entry"]["group"] == "EU foreigners" and "group" not in housed["to_check"]
    # Without the common names, as before.
    assert suggested(text)["136,327"]["entry"]["group"] == ""
