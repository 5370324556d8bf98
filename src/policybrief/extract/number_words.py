"""Numbers as sources write them: digits, decimals, and numbers in words.

``parse_number`` turns the text matched by ``NUMBER_PATTERN`` into a float, so the catalogue
can say ``{value}`` and accept "32", "91.5", "35,900", "forty", "six", "half" or "one third".
"""

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Fractions are read as shares of a whole, in percent, because sources use them as shares
# ("half of the permits", "one third, Polish").
FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0,
    "a third": 100 / 3, "one third": 100 / 3, "two thirds": 200 / 3,
    "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
}
MULTIPLIERS = {"twice": 2.0, "double": 2.0, "three times": 3.0, "thrice": 3.0}
MIXED = {"one and a half": 1.5, "two and a half": 2.5}

_CARDINAL_WORDS = sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True)
_CARDINAL = r"(?:{w})(?:(?:[\s-]+|\s+and\s+)(?:{w}))*".format(w="|".join(_CARDINAL_WORDS))
_PHRASES = sorted([*FRACTIONS, *MULTIPLIERS, *MIXED], key=len, reverse=True)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

NUMBER_PATTERN = r"(?:{digits}|{phrases}|{cardinal})".format(
    digits=_DIGITS,
    phrases="|".join(p.replace(" ", r"\s+") for p in _PHRASES),
    cardinal=_CARDINAL,
)
_NUMBER_RE = re.compile(rf"^(?:{NUMBER_PATTERN})$", re.IGNORECASE)


def parse_number(text: str) -> float:
    """Return the value of a number written in digits or words.

    Raises ValueError when the text is not a number, so callers can say which one.
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned or not _NUMBER_RE.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    if cleaned[0].isdigit():
        return float(cleaned.replace(",", ""))
    if cleaned in MIXED:
        return MIXED[cleaned]
    if cleaned in FRACTIONS:
        return FRACTIONS[cleaned]
    if cleaned in MULTIPLIERS:
        return MULTIPLIERS[cleaned]
    return float(_parse_cardinal(cleaned))


def _parse_cardinal(words: str) -> int:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words):
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * SCALES[word]
            current = 0
    return total + current
