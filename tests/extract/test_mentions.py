from policybrief.extract.mentions import attach_facts, find_mentions

from conftest import seed_text


def kinds(text):
    return [(m["text"], m["kind"]) for m in find_mentions(text, "doc")]


def test_kinds_of_mentions():
    text = ("In 2005 the share was 54% (35900 instead of 77400) (OECD, 2006). Becker (1985) says "
            "it takes up to six weeks, twice as long, for half of them. A male share $\\leq 35\\%$ "
            "held on 15 December 1980; see (1) and (Massey et al., 1993).\n\n24\n\n"
            "He was one of forty.")
    assert kinds(text) == [
        ("2005", "year"), ("54%", "percent"), ("35900", "count"), ("77400", "count"),
        ("2006", "citation"), ("1985", "citation"), ("six", "duration"), ("twice", "multiple"),
        ("half", "fraction"), ("35\\%", "percent"), ("15", "date"), ("1980", "date"),
        ("1", "list_marker"), ("1993", "citation"), ("24", "page_number"), ("forty", "count"),
    ]


def test_mentions_are_verbatim_slices_with_their_sentence():
    text = seed_text("nomibe-research-summary")
    mentions = find_mentions(text, "nomibe")
    assert len(mentions) > 100
    for m in mentions:
        assert text[m["char_start"]:m["char_end"]] == m["text"]
        assert text[m["sentence_start"]:m["sentence_end"]] == m["sentence"]
        assert m["sentence_start"] <= m["char_start"] < m["char_end"] <= m["sentence_end"]


def test_a_fact_claims_the_mention_holding_its_number():
    text = "It takes 5 days here and 42 days there."
    facts = [{"fact_id": "f", "value_start": text.index("42")}]
    mentions = attach_facts(find_mentions(text, "doc"), facts)
    assert [(m["text"], m["fact_id"]) for m in mentions] == [("5", ""), ("42", "f")]
