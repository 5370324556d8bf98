import pytest

from policybrief.number_words import parse_number


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
