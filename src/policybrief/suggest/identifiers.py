"""Numbers that name or place a thing rather than count it, which a catalogue never takes.

Real documents are full of them: "Article 60", "Flight 610", "14 CFR 25.1707", a docket or
telephone number ("FAA–2020–0686", "206–231–3195"), a model ("737–8"), a time of day ("9
a.m.", "16:21"), a number with leading zeros ("Frm 00011"), and the lines a printed page
repeats on every page (running headers and footers, whose numbers are page furniture). The
suggestions leave them out, so that a document as published does not bury its facts among
hundreds of codes.
"""

import re

from policybrief.extract.number_words import YEAR_PATTERN

# The word before the number says it names a thing: "Article 60", "No. 5", "Flight 610".
_NAMING_WORD = re.compile(
    r"(?:\b(?:articles?|art\.|no\.|nos\.|number|chapter|section|page|pp?\.|table|figures?|annex|point|part|title|"
    r"vol\.|volume|flight|model|revision|amendment|note|paragraph|room|box|code|order|version|cfr|fr|u\.s\.c\.|"
    r"doc\.|telephone|phone|fax|tel\.|frm|fmt|sfmt|jkt|po)|§)\s*$", re.IGNORECASE)
# A list's number after a bullet: "■ 2. The FAA amends" (not "• 19.038 persons applied").
_BULLET_BEFORE = re.compile(r"[■•▪]\s*$")
# The words after it say it is the number of a code of law: "14 CFR", "83 FR", "5 U.S.C.".
_CODE_AFTER = re.compile(r"\s*(?:CFR|FR|U\.S\.C\.|USC|OJ)\b")
# Joined to letters or to two other numbers by dashes or slashes, with no space between:
# "M–30", "FAA–2020–0686", "22–11–08–01A", "2018–23–51", "8–5–20".
_CODE_JOIN = "[-–/]"
_IN_CODE_BEFORE = re.compile(rf"(?:[A-Za-z]\d*{_CODE_JOIN}\s?|\d{_CODE_JOIN}\s?\d+{_CODE_JOIN}\s?)$")
# (A capital after the dash: "10-year" is a quantity's compound, "2274–COL" a code.)
_IN_CODE_AFTER = re.compile(rf"^(?:\s?{_CODE_JOIN}\s?[A-Z]|\s?{_CODE_JOIN}\s?\d+\s?{_CODE_JOIN}\s?[\dA-Za-z])")
# "737–8", "M–30": a pair whose second number is not a range's higher end.
_PAIR_AFTER = re.compile(r"^\s?[-–]\s?(\d+)(?!\d|[.,]\d)")
_PAIR_BEFORE = re.compile(r"(?<![\d.,])(\d+)\s?[-–]\s?$")
# A time of day: "16:21", "9 a.m.", "8:45 am".
_TIME_AFTER = re.compile(r"^(?::\d\d|\s*[ap]\.?m\.?(?!\w))", re.IGNORECASE)
_TIME_BEFORE = re.compile(r"\d:$")
# A clause of contact details, whose numbers are telephone numbers, street numbers and
# postcodes: "telephone: (816) 329–4059", "1200 New Jersey Avenue SE, Washington, DC 20590".
_CONTACT = re.compile(r"\b(?:telephone|phone|fax|tel|e-?mail)\s*[:.]|@|https?://|www\.|\bP\.\s?O\.\s?Box\b|"
                      r"\b(?:St|Blvd|Ave|Rd)\.|\b(?:Avenue|Street|Road|Boulevard|Suite)\b", re.IGNORECASE)
_PHONE = re.compile(r"\(\d{3}\)\s?\d{3}[–-]\d{4}|\+\d{1,3}\s?\(0\)\d+(?:\s\d+)*")
_CLAUSE_END = r"[;•]|[.!?]\s+(?=[A-Z(‘“])"
# How many times a line must recur to be the page's furniture, not the document's text.
RECURRING = 3


def recurring_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines that recur, identical, at least RECURRING times and hold a digit:
    a printed page's running header or footer ("Federal Register / Vol. 85, No. 152 / ...")."""
    spans, seen = {}, {}
    for match in re.finditer(r"[^\n]+", text):
        line = " ".join(match[0].split())
        if re.search(r"\d", line):
            seen[line] = seen.get(line, 0) + 1
            spans.setdefault(line, []).append(match.span())
    return sorted(span for line, count in seen.items() if count >= RECURRING for span in spans[line])


def _pair_is_no_range(low: str, high: str) -> bool:
    """"737–8" is no range (its second number is below its first); "2015–16" and "10–15" are."""
    if re.fullmatch(YEAR_PATTERN, low) and len(high) == 2:
        return False
    return int(high) < int(low)


def in_contact_details(written: str, before: str, after: str) -> bool:
    """Whether the number stands in a clause of contact details, or in a telephone number."""
    clause = re.split(_CLAUSE_END, before)[-1] + written + re.split(_CLAUSE_END, after)[0]
    if _CONTACT.search(clause):
        return True
    near = before[-20:] + written + after[:20]
    start = len(before[-20:])
    return any(m.start() <= start < m.end() for m in _PHONE.finditer(near))


def names_a_thing(written: str, before: str, after: str) -> bool:
    """Whether a number, written `written` between the text `before` and `after` it, names
    or places a thing rather than counts it."""
    digits = re.sub(r"\D", "", written)
    if _NAMING_WORD.search(before) or _CODE_AFTER.match(after) or in_contact_details(written, before, after):
        return True
    if len(digits) > 1 and digits.startswith("0") and not re.match(r"0[.,]", written):
        return True  # "00011": a count is never written with a leading zero
    if _IN_CODE_BEFORE.search(before) or _IN_CODE_AFTER.match(after):
        return True
    if _TIME_AFTER.match(after) or _TIME_BEFORE.search(before):
        return True
    if _BULLET_BEFORE.search(before) and re.match(r"[.)]\s", after):
        return True
    if not written.isdigit():
        return False
    pair_after, pair_before = _PAIR_AFTER.match(after), _PAIR_BEFORE.search(before)
    if pair_after and pair_before:
        return True  # the middle of "2018–23–51"
    if pair_after and _pair_is_no_range(written, pair_after[1]):
        return True
    # "737–8", and "Amendment 39–19512", a code whose first number a naming word names.
    return bool(pair_before and (_pair_is_no_range(pair_before[1], written)
                                 or _NAMING_WORD.search(before[:pair_before.start()])))
