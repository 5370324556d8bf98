import pytest
from hypothesis import given
from hypothesis import strategies as st

from policybrief.extract.number_words import NUMBER_PATTERN, TENS, UNITS, parse_number


@pytest.mark.parametrize("text, value", [
    ("32", 32), ("91.5", 91.5), ("35,900", 35900), ("77400", 77400),
    ("forty", 40), ("six", 6), ("Half", 50), ("one third", 100 / 3), ("twice", 2),
    ("twenty-three", 23), ("seventy five", 75), ("two hundred and five", 205),
    ("one million", 1_000_000), ("thirteen", 13), ("sixty", 60),
])
def test_parses_digits_and_words(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "many", "3 4", "forty-ish", "1.2.3"])
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
    assert parse_number(f"{whole:,}") == whole
    assert parse_number(f"{whole}.{cents:02d}") == pytest.approx(whole + cents / 100)


@given(st.integers(min_value=0, max_value=999_999))
def test_the_catalogue_slot_matches_a_whole_spelled_number(n):
    import re

    assert re.fullmatch(f"(?i:{NUMBER_PATTERN})", spell(n))
