"""Numbers as sources write them: digits, decimals, and numbers in words.

``parse_number`` turns the text matched by ``NUMBER_PATTERN`` into a float, so the catalogue
can say ``{value}`` and accept "32", "91.5", "35,900", "forty", "six", "half" or "one third".

Digits are read in the document's number style: "1,234.5" (a decimal point, commas between
thousands) or "1.234,5" (a decimal comma, points between thousands, as in Belgian and most
continental writing). The style is declared in the inventory or inferred from the document
(``number_style_of``). Where it is not known, a number with one separator followed by exactly
three digits ("136.327", "35,900") has two readings, and ``parse_number`` refuses it
(``AmbiguousNumber``) rather than choose one.
"""

import re
from dataclasses import dataclass

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
# Digits in either style: groups of three after a separator, then a decimal part; or a
# decimal part alone. Which separator is which is the document's number style. A no-break
# or thin space between groups of three, as statistics offices print them ("106 000"),
# separates thousands in either style. A plain space does not: "aged 15 to 64 100 firms"
# holds two numbers.
_SPACES = "[\u00a0\u202f\u2009]"
_DIGITS = (rf"\d{{1,3}}(?:{_SPACES}\d{{3}})+(?:[.,]\d+)?"
           r"|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
# A year as the documents write one (1800-2099), digits only.
YEAR_PATTERN = r"(?:1[89]|20)\d\d"
POINT = "1,234.5"
COMMA = "1.234,5"
# Each style: its thousands separator and its decimal mark.
NUMBER_STYLES = {POINT: (",", "."), COMMA: (".", ",")}
_IN_STYLE = {style: re.compile(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?:{re.escape(mark)}\d+)?"
                               rf"|\d+(?:{re.escape(mark)}\d+)?")
             for style, (group, mark) in NUMBER_STYLES.items()}

# A number written in words: "half", "twice", "twenty-three".
WORDS_PATTERN = r"(?:{phrases}|{cardinal})".format(
    phrases="|".join(p.replace(" ", r"\s+") for p in _PHRASES), cardinal=_CARDINAL)
NUMBER_PATTERN = rf"(?:{_DIGITS}|{WORDS_PATTERN})"
_NUMBER_RE = re.compile(rf"^(?:{NUMBER_PATTERN})$", re.IGNORECASE)


class AmbiguousNumber(ValueError):
    """Digits that read as different numbers in the two styles, in a document whose style is not known."""

    def __init__(self, text: str, readings: dict):
        self.text, self.readings = text, readings
        told = " or ".join(f"{plain(value)} (in the style {style})" for style, value in readings.items())
        super().__init__(f"{text!r} reads as {told}")


def readings(digits: str) -> dict:
    """{style: value} for each style in which the digits are a number."""
    digits = re.sub(_SPACES, "", digits)
    found = {}
    for style, (group, mark) in NUMBER_STYLES.items():
        if _IN_STYLE[style].fullmatch(digits):
            found[style] = float(digits.replace(group, "").replace(mark, "."))
    return found


def read_digits(digits: str, style: str = "") -> float:
    """The value of digits in the document's style; where the style is not known, the value
    they have in every style that reads them. Raises AmbiguousNumber where the readings differ,
    ValueError where the style (or none) reads them."""
    found = readings(digits)
    if style:
        if style not in found:
            raise ValueError(f"{digits!r} is not a number in the style {style} of its document")
        return found[style]
    values = set(found.values())
    if len(values) > 1:
        raise AmbiguousNumber(digits, found)
    if not values:
        raise ValueError(f"not a number: {digits!r}")
    return values.pop()


def plain(value: float) -> str:
    """A value as digits with a decimal point and no grouping: 136327, 136.327."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def parse_number(text: str, style: str = "") -> float:
    """Return the value of a number written in digits (in the document's `style`, see the
    module's note) or words.

    Raises ValueError when the text is not a number, and AmbiguousNumber (a ValueError) when
    it has two readings, so callers can say which one.
    """
    # Words are compared with single spaces; digits keep theirs (a no-break space groups thousands).
    cleaned = text.strip() if text.strip()[:1].isdigit() else " ".join(text.strip().lower().split())
    if not cleaned or not _NUMBER_RE.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    if cleaned[0].isdigit():
        return read_digits(cleaned, style)
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


# A digit token of prose: not glued to a word, nor part of a longer run of digits and
# separators (a date written 13.06.2017).
_TOKEN = re.compile(r"(?<![\w.,])(?:\d+(?:[.,]\d+)+)(?![\w]|[.,]\d)")


@dataclass(frozen=True)
class NumberStyle:
    """A document's number style, and how it is known: `basis` is "declared" (the inventory),
    "inferred" (from `evidence`, numbers that only one style reads), or "" (not known:
    `evidence` then holds the numbers that show both styles, if any)."""

    style: str = ""
    basis: str = ""
    evidence: tuple = ()

    @property
    def says(self) -> str:
        """How the annex states it."""
        shown = " and ".join(f"“{token}”" for token in self.evidence)
        if self.basis == "declared":
            return f"{self.style}, declared in the inventory"
        if self.basis == "inferred":
            return f"{self.style}, inferred from {shown}"
        if self.evidence:
            return f"not known: the document writes numbers of both styles ({shown})"
        return "not known: no number of the document settles it"


# A document of which nothing is known yet.
UNKNOWN_STYLE = NumberStyle()


def number_style_of(text: str, declared: str = "") -> NumberStyle:
    """The document's number style: the declared one; else the one style that reads every
    number of the document which only one style reads (outside headings: "3.1 Partnerships"
    numbers a section)."""
    if declared:
        return NumberStyle(declared, "declared")
    shown = {style: [] for style in NUMBER_STYLES}
    for match in _TOKEN.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not text[line_start:match.start()].strip():
            continue  # a section's or a list's number
        found = readings(match.group())
        if len(found) == 1:
            shown[next(iter(found))].append(match.group())
    styles = [style for style, tokens in shown.items() if tokens]
    if len(styles) == 1:
        return NumberStyle(styles[0], "inferred", tuple(dict.fromkeys(shown[styles[0]]))[:3])
    return NumberStyle(evidence=tuple(token for style in styles for token in shown[style][:1]))
