import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policybrief.extract.number_words import (
    COMMA,
    NUMBER_PATTERN,
    POINT,
    TENS,
    UNITS,
    AmbiguousNumber,
    number_style_of,
    parse_number,
)


@pytest.mark.parametrize("text, value", [
    ("32", 32), ("91.5", 91.5), ("1,234,567", 1234567), ("35,900.5", 35900.5), ("77400", 77400),
    ("1.234.567", 1234567), ("12,5", 12.5), ("1.234,5", 1234.5),
    ("forty", 40), ("six", 6), ("Half", 50), ("one third", 100 / 3), ("twice", 2),
    ("twenty-three", 23), ("seventy five", 75), ("two hundred and five", 205),
    ("one million", 1_000_000), ("thirteen", 13), ("sixty", 60),
])
def test_parses_digits_and_words(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "many", "3 4", "forty-ish", "1.2.3", "1,234.567,8"])
def test_rejects_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


WORDS = {value: word for word, value in {**UNITS, **TENS}.items()}


def spell(n: int) -> str:
    """English words for 0..999,999 (the form sources use: 'two hundred and five')."""
    if n < 20:
        return WORDS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return WORDS[tens * 10] + (f"-{WORDS[units]}" if units else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{WORDS[hundreds]} hundred" + (f" and {spell(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{spell(thousands)} thousand" + (f" {spell(rest)}" if rest else "")


@given(st.integers(min_value=0, max_value=999_999))
def test_spelled_numbers_read_back(n):
    assert parse_number(spell(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_digits_with_thousands_separators_and_decimals_read_back(whole, cents):
    assert parse_number(f"{whole:,}", POINT) == whole
    assert parse_number(f"{whole:,}".replace(",", "."), COMMA) == whole
    assert parse_number(f"{whole}.{cents:02d}") == pytest.approx(whole + cents / 100)


@given(st.integers(min_value=0, max_value=999_999))
def test_the_catalogue_slot_matches_a_whole_spelled_number(n):
    import re

    assert re.fullmatch(f"(?i:{NUMBER_PATTERN})", spell(n))


@pytest.mark.parametrize("text, point, comma", [
    ("136.327", 136.327, 136327), ("17.797", 17.797, 17797), ("9.000", 9, 9000), ("35,900", 35900, 35.9),
])
def test_one_separator_before_three_digits_reads_two_ways_and_is_refused_where_the_style_is_not_known(
        text, point, comma):
    with pytest.raises(AmbiguousNumber) as refused:
        parse_number(text)
    assert refused.value.readings == {POINT: point, COMMA: comma}
    assert parse_number(text, POINT) == point
    assert parse_number(text, COMMA) == comma


def test_digits_that_do_not_fit_the_declared_style_are_refused():
    with pytest.raises(ValueError, match="not a number in the style 1.234,5"):
        parse_number("91.5", COMMA)


def test_the_style_is_inferred_from_numbers_only_one_style_reads_and_said_when_it_is_not_known():
    belgian = "In 2016, 136.327 immigrations were registered, 12,5% more than the 1.234.567 of before."
    assert number_style_of(belgian).style == COMMA
    assert number_style_of(belgian).evidence == ("12,5", "1.234.567")
    assert number_style_of(belgian).says == "1.234,5, inferred from “12,5” and “1.234.567”"
    assert number_style_of("A rate of 91.5% and 35,900 persons.").style == POINT
    # A section number at a line's start says nothing of the style.
    assert number_style_of("3.1 Partnerships\nSome 136.327 persons.").style == ""
    both = number_style_of("Shares of 91.5% and 12,5%.")
    assert both.style == "" and "both styles" in both.says
    assert number_style_of("Some 136.327 persons.").says == "not known: no number of the document settles it"
    assert number_style_of("Some 136.327 persons.", COMMA).basis == "declared"


@given(st.integers(min_value=1000, max_value=10**9), st.integers(min_value=0, max_value=9))
def test_a_number_written_in_either_style_reads_back_in_that_style(whole, tenth):
    written = f"{whole:,}.{tenth}"
    assert parse_number(written, POINT) == pytest.approx(whole + tenth / 10)
    continental = written.replace(",", " ").replace(".", ",").replace(" ", ".")
    assert parse_number(continental, COMMA) == pytest.approx(whole + tenth / 10)
    assert number_style_of(f"It was {continental} in all.").style == COMMA


def test_a_no_break_or_thin_space_between_thousands_reads_in_either_style_and_a_plain_space_does_not():
    assert parse_number("106\u00a0000") == 106000 and parse_number("5\u202f200") == 5200
    assert parse_number("1\u00a0234,5") == 1234.5 and parse_number("1\u2009234.5") == 1234.5
    found = [m.group() for m in re.finditer(f"(?<![\\w.,])(?i:{NUMBER_PATTERN})", "aged 15 to 64 100 firms")]
    assert found == ["15", "64", "100"]
