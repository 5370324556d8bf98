"""Numbers that name or place a thing (codes, telephone numbers, models, times, running
headers) are never proposed as facts; quantities beside them still are. Measured on the real
public document of tests/suggest/real-documents/ as well as on sentences written to show each case."""

from pathlib import Path

import pytest

from policybrief.core.documents import read_text
from policybrief.core.yaml_input import read_yaml
from policybrief.extract.catalogue import extract_facts, load_fact_specs
from policybrief.extract.extraction import whole_catalogue
from policybrief.extract.mentions import find_mentions
from policybrief.extract.number_words import number_style_of
from policybrief.suggest.identifiers import names_a_thing, recurring_lines
from policybrief.suggest.suggestions import suggest

REAL = Path(__file__).parent / "real-documents"
NOTICE = "federal-register-2020-17221"


def suggested(text):
    return [s["as_written"] for s in suggest(text, "doc", find_mentions(text, "doc"), [], {})]


@pytest.mark.parametrize("sentence, code", [
    ("The FAA issued Emergency AD 2018–23–51 as an interim action.", "23"),
    ("The FAA issued Emergency AD 2018–23–51 as an interim action.", "51"),
    ("It applies to the Boeing Model 737–8 airplanes.", "8"),
    ("It amends Amendment 39–19512 of that rule.", "19512"),
    ("See 14 CFR 25.1301 for the rule.", "14"),
    ("See 14 CFR 25.1301 for the rule.", "25.1301"),
    ("The crew of Flight 610 saw it.", "610"),
    ("Call (816) 329–4148 for the text.", "329"),
    ("Write to 1200 New Jersey Avenue SE, Washington, DC 20590.", "20590"),
    ("The office opens at 9 a.m. on weekdays.", "9"),
    ("It was filed at 16:21 that day.", "16"),
    ("The page is Frm 00011 of the volume.", "00011"),
    ("The part number is 2274–COL–AC2–26 or later.", "26"),
    ("The rule is at § 39.13 of the code.", "39.13"),
    ("■ 2. The FAA amends the rule.", "2"),
    ("Send it by fax: 202–493–2251 today.", "2251"),
])
def test_a_number_that_names_a_thing_is_not_proposed(sentence, code):
    assert code not in suggested(sentence)


@pytest.mark.parametrize("sentence, quantity", [
    ("A 10-year plan was adopted in Brussels.", "10"),
    ("Between 15-64 years of age, 62% were employed.", "62%"),
    ("The accident resulted in 157 fatalities.", "157"),
    ("The proposed AD affects 73 airplanes of U.S. registry.", "73"),
    ("An e-mail survey was sent to 589 centres in Belgium.", "589"),
    ("Phone interviews were held with 40 migrants.", "40"),
    ("• 19,038 persons applied for international protection in 2018.", "19,038"),
    ("Up to 79 work-hours are needed.", "79"),
])
def test_a_quantity_beside_such_words_is_still_proposed(sentence, quantity):
    assert quantity in suggested(sentence)


def test_a_pair_is_a_code_only_where_it_is_no_range():
    assert names_a_thing("737", "the Model ", "–8 airplane")
    assert not names_a_thing("10", "between ", "–15 persons")
    assert not names_a_thing("2015", "in ", "–16, the share")


def test_a_line_the_page_repeats_is_furniture():
    header = "Federal Register / Vol. 85, No. 152\n"
    text = "".join(f"{header}It affects {count} airplanes.\n" for count in (73, 74, 75))
    spans = recurring_lines(text)
    assert len(spans) == 3 and all(text[a:b] == header.strip() for a, b in spans)
    assert [s for s in suggested(text) if s.isdigit()] == ["73", "74", "75"]


@pytest.mark.parametrize("sentence, written, unit", [
    ("Revising it takes an average of 90 work-hours per operator.", "90", "hours"),
    ("The average total cost per operator is $7,650 for the change.", "7,650", "US dollars"),
    ("The labour rate is $85 per hour in the estimate.", "85", "US dollars per hour"),
    ("The two readings disagree by more than 200 feet for a while.", "200", "feet"),
    ("The fee is €120 for each application.", "120", "euros"),
])
def test_a_unit_of_measure_or_currency_is_read_and_left_to_check(sentence, written, unit):
    (found,) = [s for s in suggest(sentence, "doc", find_mentions(sentence, "doc"), [], {})
                if s["as_written"] == written]
    assert found["entry"]["unit"] == unit
    assert "config/units.yaml" in found["to_check"]["unit"]


def test_a_date_that_opens_the_sentence_is_its_period():
    sentence = ("On March 10, 2019, an airplane was involved in an accident after takeoff from Addis Ababa, "
                "resulting in 157 fatalities.")
    (found,) = [s for s in suggest(sentence, "doc", find_mentions(sentence, "doc"), [], {})
                if s["as_written"] == "157"]
    assert found["entry"]["period"] == "2019"


def real_notice():
    text = read_text(REAL / "seeds" / f"{NOTICE}.txt")
    described = read_yaml(REAL / "config/documents.yaml")[NOTICE]
    style = number_style_of(text, described["number_style"])
    catalogue = whole_catalogue((REAL / "config/catalogue").glob("*.yaml"))
    facts = extract_facts(text, NOTICE, load_fact_specs(catalogue), NOTICE, style)
    found = suggest(text, NOTICE, find_mentions(text, NOTICE, style), [], {}, described)
    return text, facts, found


def test_a_real_notice_keeps_every_fact_and_leaves_its_codes_out():
    text, facts, found = real_notice()
    starts = {s["char_start"] for s in found}
    assert len(facts) == 15 and {int(f["value_start"]) for f in facts} <= starts
    proposed = {text[s["char_start"]:s["char_start"] + len(s["as_written"])] + " @" + str(s["char_start"])
                for s in found}
    for code in ("0686", "4702", "00011", "3195", "16:21", "62697", "47703"):
        assert not [p for p in proposed if p.startswith(code.split(":")[0] + " @")], code
    furniture = recurring_lines(text)
    assert len(furniture) > 30
    assert not [s for s in found if any(a <= s["char_start"] < b for a, b in furniture)]
