from collections import Counter

from policybrief.extract.lists import extract_list, lead_phrase, load_list_specs

from conftest import read_catalogue, seed_text

CATALOGUE = read_catalogue()
[FOUNDATION] = [s for s in load_list_specs(CATALOGUE) if s.list_id == "foundation_recommendations"]
TEXT = seed_text(FOUNDATION.document)
ITEMS = {item["number"]: item for item in extract_list(TEXT, FOUNDATION, "seeds/x.txt")}


def test_sixty_recommendations_in_order_with_their_audiences():
    assert list(ITEMS) == [str(n) for n in range(1, 61)]
    assert Counter(item["audience"] for item in ITEMS.values()) == {
        "All partners": 16, "Public authorities": 23, "Enterprises": 7, "NGOs": 5,
        "Trade-unions": 6, "Target public": 3}


def test_raw_slices_are_verbatim():
    for item in ITEMS.values():
        assert TEXT[item["char_start"]:item["char_end"]] == item["raw"]
        assert item["raw"].startswith(item["number"] + ".")


def test_text_is_clean_prose():
    for item in ITEMS.values():
        assert "\n" not in item["text"] and "  " not in item["text"]
        assert "Immigrant population and the labour market" not in item["text"]
    assert "Fondation pour la Solidarité" not in ITEMS["19"]["text"]  # running header
    assert ITEMS["19"]["text"].endswith("are so valuable.”")  # footnote marker dropped
    assert "Commission européenne" not in ITEMS["34"]["text"]  # footnote text dropped
    assert "the ROM must be included in the conception" in ITEMS["34"]["text"].replace("The ROM", "the ROM")
    assert "CONFREP" not in ITEMS["23"]["text"] and not ITEMS["23"]["text"].endswith("24")
    assert "particularly those who take care" in ITEMS["33"]["text"]  # hyphenation joined
    assert "trade-union stewards" in ITEMS["55"]["text"]  # a real hyphen kept
    assert "consciousness-raising" in ITEMS["54"]["text"]  # a compound split at its hyphen
    assert "every form of discrimination" in ITEMS["56"]["text"] and "collaborators" in ITEMS["56"]["text"]
    assert ITEMS["1"]["title"] == "Encourage the multi-partnership"


def test_lead_phrase_is_cut_at_the_first_clause_or_twelve_words():
    assert lead_phrase("Do this: and that.") == "Do this"
    assert lead_phrase(" ".join(["word"] * 20) + ".").endswith("…")


SPECS = {s.list_id: s for s in load_list_specs(CATALOGUE)}
NOMIBE = seed_text("nomibe-research-summary")


def test_nomibe_recommendations_under_their_three_headings_with_bold_leads():
    items = extract_list(NOMIBE, SPECS["nomibe_policy_recommendations"], "x")
    assert Counter(i["audience"] for i in items) == {"Integration policy": 4, "Labour market": 4, "Other": 3}
    assert items[0]["title"] == "Improving cooperation between regions"
    assert all("**" not in i["text"] and NOMIBE[i["char_start"]:i["char_end"]] == i["raw"] for i in items)
    assert items[-1]["text"] == "Encouraging research on the role of new migrants' religious networks."


def test_nomibe_six_target_groups_from_the_inline_enumeration():
    items = extract_list(NOMIBE, SPECS["nomibe_target_groups"], "x")
    assert [i["text"] for i in items] == [
        "migrant workers (with residence permits)",
        "migrants who come for reasons of family reunion (including marriage)",
        "asylum seekers", "recognised refugees",
        "persons whose status has been regularised (particularly following the 1999 law)",
        "undocumented migrants"]
    assert all(NOMIBE[i["char_start"]:i["char_end"]] == i["raw"] for i in items)
