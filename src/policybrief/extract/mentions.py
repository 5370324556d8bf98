"""Every numeric mention of a document, classified, so an editor sees which numbers a new
edition holds that the catalogue does not yet claim.

Kinds: percent, year, date, duration, count, fraction, multiple, citation (a year in a
reference such as "(Becker, 1985)"), page_number, footnote, list_marker, section_number.
A lone "one" is left out: in prose it is nearly always a pronoun ("one of the most ...").
"""

import re

from policybrief.extract.number_words import (
    FRACTIONS,
    MIXED,
    MULTIPLIERS,
    NUMBER_PATTERN,
    UNKNOWN_STYLE,
    YEAR_PATTERN,
    AmbiguousNumber,
    NumberStyle,
    parse_number,
    plain,
)
from policybrief.extract.sentences import sentence_span, sentence_starts

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december",
          # French, as in the sources' own dates ("Juillet 2012", "27 septembre 2012")
          "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
_MONTH = rf"(?:{'|'.join(MONTHS)})"
_DURATION_UNITS = re.compile(r"\s*(?:-\s*)?(?:days?|weeks?|months?|years?)\b", re.IGNORECASE)
# "five times" (as many): a ratio; "three times a year" is a frequency.
_TIMES = re.compile(r"\s+times\b(?!\s+(?:a|per|each)\s+(?:year|month|week|day)\b)", re.IGNORECASE)
_PERCENT_SIGN = re.compile(r"\s?(?:%|\\%|per\s?cent\b|percent\b)", re.IGNORECASE)

_MENTION = re.compile(
    r"(?P<slashdate>(?<![\w/])\d{1,2}/\d{1,2}/\d{2,4}(?![\w/]))"
    r"|(?P<decade>(?<![\w.,/])\d{4}s(?!\w))"
    rf"|(?P<number>(?<![\w.,/\-])(?i:{NUMBER_PATTERN})(?![\w]|[.,]\d))"
    r"|(?P<hyphenated>(?<=-)\d+(?![\w]))"  # "15-16 September", "EU-12"
)

def find_mentions(text: str, document: str, style: NumberStyle = UNKNOWN_STYLE) -> list[dict]:
    """Every number of the text, read in the document's number style. A number with two
    readings (its style not known) has no value, and its `readings`, "136.327;136327", say
    what it may be; a run of digits no style reads is no mention."""
    starts = sentence_starts(text)
    mentions = []
    for match in _MENTION.finditer(text):
        written = match.group()
        if written.lower() == "one":
            continue
        start, end = match.span()
        kind = classify(text, start, end, match.lastgroup)
        if kind == "percent":
            end += len(_PERCENT_SIGN.match(text, end).group())
        try:
            value, ambiguous = _value(written, match.lastgroup, style.style), ""
        except AmbiguousNumber as two:
            value, ambiguous = "", ";".join(plain(reading) for reading in two.readings.values())
        except ValueError:
            continue
        sentence_start, sentence_end = sentence_span(text, start, end, starts)
        mentions.append({
            "document": document, "mention_id": f"{document}:{start}", "text": text[start:end],
            "value": value, "kind": kind, "sentence": text[sentence_start:sentence_end],
            "char_start": start, "char_end": end, "sentence_start": sentence_start,
            "sentence_end": sentence_end, "fact_id": "", "readings": ambiguous,
        })
    return mentions


def _value(written: str, group: str, style: str):
    if group == "slashdate":
        return float(written.rsplit("/", 1)[1])  # a date's value is its year
    if group == "decade":
        return float(written[:-1])
    return parse_number(written, style)


def classify(text: str, start: int, end: int, group: str) -> str:
    written = text[start:end].lower()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    before, after = text[max(0, start - 60):start], text[end:end + 40]
    if group == "slashdate" or re.match(rf"\s*(?:-\s*\d+\s+)?{_MONTH}\b", after, re.IGNORECASE) \
            or re.search(rf"\b{_MONTH}\s*$", before, re.IGNORECASE):
        return "date"
    if line.strip() == text[start:end] and written.isdigit():
        return "page_number"
    if start == line_start and written.isdigit() and re.match(r"[ \t]+[A-Z]", after):
        return "footnote"
    if written.isdigit() and before[-1:] in "”\"’" :
        return "footnote"
    at_line_start = re.search(r"(?:^|\n)[ \t]*$", before) is not None
    if at_line_start and re.match(r"\.\d", after):
        return "section_number"
    if at_line_start and re.match(r"[.)][ \t]", after):
        return "list_marker"
    if before.endswith("(") and after.startswith(")") and len(written) <= 2:
        return "list_marker"
    if _PERCENT_SIGN.match(text, end):
        return "percent"
    if re.fullmatch(rf"{YEAR_PATTERN}s?", written):
        return "citation" if _is_citation(text, start) else "year"
    if written in FRACTIONS:
        return "fraction"
    if written in MULTIPLIERS or _TIMES.match(after):
        return "multiple"
    if _DURATION_UNITS.match(after) or written in MIXED:
        return "duration"
    return "count"


def _is_citation(text: str, start: int) -> bool:
    """A year in a reference: '(Becker, 1985)', '(Massey et al., 1993; ...)', 'Becker (1985)'."""
    opening = text.rfind("(", 0, start)
    closing = text.rfind(")", 0, start)
    if opening < 0 or closing > opening or start - opening > 200:
        return False
    inside = text[opening + 1:start]
    if re.search(r"[A-Z][\w*.]+[^()]*,\s*(?:\d{4}[a-z]?;\s*[^()]*,\s*)*$", inside):
        return True
    return inside.strip() == "" and bool(re.search(r"(?:[A-Z][\w-]+|al\.\*?)\s*$", text[max(0, opening - 40):opening]))


def attach_facts(mentions: list[dict], facts: list[dict]) -> list[dict]:
    """Mark each mention a catalogued fact claims (its number lies inside the mention)."""
    claims = {}
    for fact in facts:
        start = int(fact["value_start"])
        claims[start] = fact["fact_id"]
    for mention in mentions:
        owners = [fid for start, fid in claims.items() if mention["char_start"] <= start < mention["char_end"]]
        mention["fact_id"] = ";".join(sorted(owners))
    return mentions
