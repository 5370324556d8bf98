"""The brief checks itself: every number it prints traces to a row, derived numbers recompute."""

import pytest

from policybrief.brief.ledger import Sources, build_ledger, check_numbers
from policybrief.core.errors import InputError

FACTS = [
    {"fact_id": "recent", "document": "doc", "indicator": "share_recent", "label": "Recent", "value": "32",
     "unit": "percent", "period": "2001-2005", "qualifier": "approx", "value_text": "32",
     "wording": "{value} of recent migrants"},
    {"fact_id": "old", "document": "doc", "indicator": "share_old", "label": "Old", "value": "20", "unit": "percent",
     "period": "2001-2005", "qualifier": "", "value_text": "20", "wording": "{value} of earlier ones"},
    {"fact_id": "end", "document": "doc", "indicator": "timeline", "label": "End", "value": "1974",
     "unit": "calendar year", "period": "", "qualifier": "", "value_text": "1974", "wording": ""},
]
DOCUMENTS = [{"document": "doc", "date": "2008-10-30"}, {"document": "study", "date": "2012-07"}]
RECOMMENDATIONS = [{"list": "recs", "item_id": "recs:31", "audience": "Public authorities", "number": "31"}]
EDITION = {"date": "2026-11-23"}
FRONT = "---\ntitle: A brief\n---\n\n## Summary {#sec-summary}\n\n"


def sources():
    return Sources(FACTS, [], DOCUMENTS, RECOMMENDATIONS, [], EDITION)


def ledger(body):
    rows, problems = build_ledger(FRONT + body, sources())
    return {(row["shown"], row["kind"], row["id"]) for row in rows}, problems


def test_each_number_is_told_apart_and_traced_to_its_row():
    rows, problems = ledger(
        "In 2001–2005, approximately 32\\% of recent migrants had it, against 20\\% of earlier ones: "
        "a gap of approximately 12 percentage points. "
        "Since 1974 the permit ruled; the newest source was published in 2012, 14 years before this brief. "
        "See [no\\. 31](annex.html#rec-recs-31) and [Author, 2008](annex.html#fact-recent). "
        "Edition of 23 November 2026.\n\n"
        "| Priority | Group | Under | Over | Gap (points) |\n|:--|:--|--:|--:|--:|\n"
        "| 1 | All | approximately 32% | 20% | 12 |\n")
    assert not problems
    assert {("2001–2005", "period", "recent"), ("32", "fact", "recent"), ("20", "fact", "old"),
            ("1974", "year", "end"), ("2012", "year", "study"), ("31", "reference", "recs:31"),
            ("2008", "year", "doc"), ("23", "date", "date"), ("1", "rank", "priority")} <= rows
    assert ("14", "derived", "edition year − newest source's year") in rows
    assert any(shown == "12" and kind == "derived" for shown, kind, _ in rows)


@pytest.mark.parametrize("body, problem", [
    ("In 2019, 42\\% of migrants were women.", "'42' in “In 2019, 42% of migrants were women.”"),
    ("In 2019, nothing happened.", "a year that no fact, period, document or the edition has: '2019'"),
    ("Published in 2012, 9 years before this brief.", "does not recompute (expected 14): '9'"),
    ("| Group | Under | Over | Gap |\n|:--|--:|--:|--:|\n| All | 32% | 20% | 15 |",
     "does not recompute from the shares beside it (expected 12): '15'"),
    ("In 1995–1999 it grew.", "nor a span between two traced years: '1995–1999'"),
    ("Approximately 32\\% of recent migrants, against 20\\% of earlier ones: a gap of 15 percentage points.",
     "does not recompute from the shares beside it (expected 12): '15'"),
])
def test_a_number_that_does_not_trace_or_recompute_is_quoted_with_its_sentence(body, problem):
    _, problems = ledger(body)
    assert any(problem in p for p in problems), problems


def test_check_numbers_stops_the_build_naming_the_brief_and_what_to_do():
    with pytest.raises(InputError) as error:
        check_numbers(FRONT + "Half the centres, 42\\% in all.", sources())
    message = str(error.value)
    assert message.startswith("reports/brief.qmd: 1 number(s) in the brief do not trace")
    assert "“Half the centres, 42% in all.”" in message and "section Summary, line 7" in message
    assert "What to do:" in message


def test_a_number_in_its_facts_words_is_that_facts_even_when_another_has_the_same_value():
    twin = {**FACTS[1], "fact_id": "twin", "wording": ""}
    rows, _ = build_ledger(FRONT + "Against 20\\% of earlier ones.",
                           Sources([twin] + FACTS, [], DOCUMENTS, [], [], EDITION))
    assert [(row["shown"], row["id"], row["kind"]) for row in rows] == [("20", "old", "fact")]


def test_digits_in_a_rows_words_and_a_replaced_value_trace_to_their_row():
    plugin = {**FACTS[1], "fact_id": "plugin_x", "document": "", "label": "Asylum (art. 9) files", "wording": "",
              "value": "86", "replaced_value": "83"}
    rows, problems = build_ledger(FRONT + "Asylum \\(art\\. 9\\) files: 86%, replacing 83 stated in the document.",
                                  Sources([plugin], [], DOCUMENTS, [], [], EDITION))
    assert not problems
    assert {(row["shown"], row["kind"]) for row in rows} == {
        ("9", "text of a row (label)"), ("86", "plug-in value (by value)"), ("83", "replaced value (by value)")}


def test_a_negative_gap_reads_with_its_minus_sign_and_fewer_recomputes_reversed():
    table = ("| Group | Under 10 years | 10 years or more | Gap (percentage points) |\n|:--|--:|--:|--:|\n"
             "| All | 32% | 20% | −12 |\n")
    _, problems = ledger(table)
    assert any("'−12'" in problem and "expected 12" in problem for problem in problems), problems
    _, problems = ledger("On average, 20% of earlier ones had a high level of education, against 32% of "
                         "recent migrants: 12 percentage points fewer.\n")
    assert problems == []
    _, problems = ledger("On average, 32% of recent migrants, against 20% of earlier ones: "
                         "12 percentage points fewer.\n")
    assert len(problems) == 1 and "expected -12" in problems[0]
