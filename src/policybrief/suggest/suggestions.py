"""Proposed catalogue entries for the numbers of a document that no fact takes yet.

For every substantive number the catalogue does not claim (not a citation's year, a page
number, a footnote, a list marker, a section or article number, a decade, the day of a date or
the document's own date, a code, a telephone number or a running header (identifiers.py); a
year only where it dates something, not where it is the period of another number of its
sentence, nor the date of a cited document), a draft entry in the catalogue's own grammar: a pattern
of the words around the number that finds it and nothing else in the document, the unit,
the bound ("approximately", "up to", "more than", "between ... and ..."), and the period,
geography and group where the sentence states them. What the sentence does
not say is left empty and listed under `to_check`, with why: never guessed silently.
"""

import re
from collections import Counter

from policybrief.extract.catalogue import _VALUE, GAP_SLOT, VALUE_SLOT, compile_pattern
from policybrief.extract.number_words import NUMBER_PATTERN, NUMBER_STYLES, YEAR_PATTERN, plain
from policybrief.suggest.identifiers import names_a_thing, recurring_lines
from policybrief.workflow import engine_file

# Mention kinds (policybrief.extract.mentions) that a brief may state as a fact.
SUBSTANTIVE = ("percent", "count", "duration", "fraction", "multiple", "year", "date")
# The words before a number that bound it, nearest first; the catalogue's qualifiers.
BOUNDS = [
    (r"(?:more likely by|likely by|likely|probably)", "likely"),
    (r"(?:approximately|about|around|roughly|some|nearly|almost|close to|an estimated|circa|ca\.|~|\+/?-|±)",
     "approx"),
    (r"(?:up to|at most|no more than|not more than|no longer than|a maximum of|maximum|at the latest by|"
     r"less than|fewer than|under|below|\\leq|≤|<=?)", "at_most"),
    (r"(?:at least|no less than|not less than|a minimum of|minimum|\\geq|≥|>=)", "at_least"),
    (r"(?:more than|over|above|in excess of|exceeding|>)", "more_than"),
]
# (A LaTeX bound, "$\\leq 35\\%$", may stand just before the number, its $ between them.)
_BOUND_BEFORE = [(re.compile(rf"(?:\b|(?<=\W)){words}\s*\$?\s*$", re.IGNORECASE), qualifier)
                 for words, qualifier in BOUNDS]
# "three or four years": the two ends of a range.
_OR_AFTER = re.compile(rf"\s+or\s+(?:{NUMBER_PATTERN})\b", re.IGNORECASE)
_OR_BEFORE = re.compile(rf"\b(?:{NUMBER_PATTERN})\s+or\s*$", re.IGNORECASE)
_OTHER_END = re.compile(rf"\s*%?\s*(?:or|and|to|-|–)\s*(?:{NUMBER_PATTERN})(?![\w])", re.IGNORECASE)
# "seven partnerships on ten", "seven in ten": a share written per ten.
_PER_TEN = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:in|on|out of)\s+(?:ten|10)\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s*$|\bfrom\s*$", re.IGNORECASE)
_AND_AFTER_BETWEEN = re.compile(rf"\b(?:between|from)\s+(?:{NUMBER_PATTERN})\s*%?\s*(?:and|to)\s*$", re.IGNORECASE)
_DURATION = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_YEAR = YEAR_PATTERN
_SPAN = re.compile(rf"(?<!\d)({_YEAR})\s*(?:-|–|to|and)\s*({_YEAR})(?!\d)")
_SINGLE_YEAR = re.compile(rf"(?<![\d,.])({_YEAR})(?![\d,.]?\d)")
_NUMBER_TOKEN = re.compile(rf"^\W*(?:{NUMBER_PATTERN})\W*$", re.IGNORECASE)
# A number where a catalogue pattern's {value} finds one.
_VALUE_RE = re.compile(_VALUE)
# Mention kinds that are years: a date's value is its year.
YEAR_KINDS = ("year", "date")
# How many words of context a pattern takes at most on each side before it gives up.
MOST_WORDS = 12


# Units of measure a word after the number names (singular -> the unit), and currencies a
# sign or code before it names. The project's own units are in config/units.yaml; one of
# these that it lacks is added there when the suggestion is accepted (its to_check says so).
_MEASURES = {"hour": "hours", "work-hour": "hours", "workhour": "hours", "minute": "minutes", "second": "seconds",
             "knot": "knots", "foot": "feet", "feet": "feet", "degree": "degrees", "metre": "metres",
             "meter": "metres", "kilometre": "kilometres", "kilometer": "kilometres", "km": "kilometres",
             "kilogram": "kilograms", "kg": "kilograms", "tonne": "tonnes", "hectare": "hectares"}
_CURRENCIES = [(re.compile(r"(?:US\s?\$|\$|USD\s?)$"), "US dollars"), (re.compile(r"(?:€|EUR\s?)$"), "euros"),
               (re.compile(r"(?:£|GBP\s?)$"), "pounds sterling")]
# The units unit_of may propose that every project has (config/units.yaml of a new project).
BUILT_IN_UNITS = ("percent", "ratio", "calendar year", "per year", "days", "weeks", "months", "years",
                  "million persons", "count")


def unit_of(mention: dict, text: str) -> str:
    """The unit the mention's kind and the words around it say."""
    kind = mention["kind"]
    if kind in ("percent", "fraction"):
        return "percent"
    if kind == "multiple":
        return "ratio"
    if kind in YEAR_KINDS:
        return "calendar year"
    before = text[max(0, mention["char_start"] - 5):mention["char_start"]]
    currency = next((unit for sign, unit in _CURRENCIES if sign.search(before)), "")
    after = text[mention["char_end"]:mention["char_end"] + 40]
    # "three or four years", "between 70 and 700 million": the unit after the range's other end.
    other_end = _OTHER_END.match(after)
    after = after[other_end.end():] if other_end else after
    if currency:
        return f"{currency} per hour" if re.match(r"\s*(?:per|an|a)\s+(?:work-?)?hour\b", after) else currency
    if re.match(r"\s*(?:times\s+)?(?:a|per|each)\s+year\b", after, re.IGNORECASE):
        return "per year"
    word = re.match(r"\s*(?:-\s*)?([a-z]+(?:-[a-z]+)?)", after, re.IGNORECASE)
    singular = word[1].lower().removesuffix("s") if word else ""
    if singular in _DURATION:
        return _DURATION[singular]
    if singular in _MEASURES:
        return _MEASURES[singular]
    if kind == "duration":
        return "years"
    if _PER_TEN.match(after):
        return "percent"
    return "million persons" if after.lstrip().lower().startswith("million") else "count"


def scale_of(mention: dict, text: str) -> float:
    """10 for a share written per ten ("seven in ten" is 70%), else 1."""
    return 10.0 if mention["kind"] == "count" and _PER_TEN.match(text, mention["char_end"]) else 1.0


def qualifier_of(mention: dict, text: str) -> str:
    """The catalogue's qualifier from the words just before the number."""
    before = " ".join(text[max(mention["sentence_start"], mention["char_start"] - 60):mention["char_start"]].split())
    after = text[mention["char_end"]:mention["sentence_end"]]
    if mention["kind"] not in YEAR_KINDS:
        if _AND_AFTER_BETWEEN.search(before) or _OR_BEFORE.search(before):
            return "range_high"
        if _BETWEEN.search(before) or _OR_AFTER.match(after):
            return "range_low"
    for regex, qualifier in _BOUND_BEFORE:
        if regex.search(before):
            return qualifier
    # "by 2011": a date that may come sooner.
    return "at_most" if mention["kind"] == "year" and re.search(r"\bby\s*$", before, re.IGNORECASE) else ""


# How much text on each side of a number tells whether it names a thing.
AROUND = 80
# The date of a cited document, not of an event: "Service Bulletin 737–31–1860, dated June 12, 2020".
_DATED = re.compile(r"\b(?i:dated|issued(?:\s+on)?|filed|signed(?:\s+on)?)\s+"
                    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s*|\d{1,2}\s+[A-Z][a-z]+\s+)?$")
# The first characters of a document, where its title, authors and date stand.
TITLE_BLOCK = 600
# How near a year must be to a number to be its period (characters), unless it opens the
# sentence ("In 2005, ...").
NEAR = 80
# A year is a number's period where the sentence gives it as one ("in 2005", "during 2006",
# "2001-2005"), not where it dates a thing ("the law of 1999").
_PERIOD_BEFORE = re.compile(r"(?:\b(?:in|during|for|since|until|till|as of|over|around|compared with|compared to|than|"
                            r"against)\s+(?:the\s+year\s+)?|^\W*)$",
                            re.IGNORECASE)
# A date that opens the sentence dates what it tells: "On March 10, 2019, ...", "On 10 March 2019".
_OPENING_DATE = re.compile(r"^\W*(?:on\s+|in\s+)?(?:\d{1,2}\s+[A-Za-z]+\.?\s+|[A-Za-z]+\.?\s+\d{1,2},?\s+|"
                           r"[A-Za-z]+\.?\s+)$", re.IGNORECASE)


def periods_stated(sentence: str, skip: tuple[int, int] = (-1, -1)) -> list[str]:
    """The spans of years and the years the sentence gives as periods, in its order."""
    found, covered = [], []
    for match in _SPAN.finditer(sentence):
        if match[1] < match[2] and not skip[0] <= match.start() < skip[1]:
            found.append(f"{match[1]}-{match[2]}")
        covered.append(range(match.start(), match.end()))
    for match in _SINGLE_YEAR.finditer(sentence):
        opening = _OPENING_DATE.match(sentence[:match.start()]) is not None
        near = skip[0] < 0 or abs(match.start() - skip[0]) <= NEAR or match.start() < 4 or opening
        if not any(match.start() in span for span in covered) and not skip[0] <= match.start() < skip[1] \
                and (_PERIOD_BEFORE.search(sentence[:match.start()]) or opening) and near:
            found.append(match[1])
    return list(dict.fromkeys(found))


def period_candidates(mention: dict, text: str) -> list[str]:
    """The years and spans the sentence gives as periods near the number."""
    sentence = text[mention["sentence_start"]:mention["sentence_end"]]
    return periods_stated(sentence, (mention["char_start"] - mention["sentence_start"],
                                     mention["char_end"] - mention["sentence_start"]))


def period_of(found: list[str]) -> tuple[str, str]:
    """(period, why it is empty) from a number's period candidates: the one year or span of
    years the sentence states as its period; none where it states none or several."""
    if len(found) == 1:
        return found[0], ""
    return "", "the sentence states no period" if not found else f"the sentence states several ({', '.join(found)})"


def _name_regex(name: str) -> re.Pattern:
    """A name as a sentence may write it: "EU foreigners" or "EU-foreigners", any case."""
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(re.escape(word) for word in re.split(r"[\s-]+", name)) + r"(?!\w)",
                      re.IGNORECASE)


def names_near(sentence: str, names, position: int) -> list[str]:
    """The names (places, groups) the sentence states, the one that goes with the number at
    `position` first: one just after it ("5 in Brussels"), else the nearest before it in its
    clause, else the nearest after. None inside a longer one."""
    places = _name_spans(sentence, names)

    def rank(place):
        name, start, end = place
        if start >= position and re.fullmatch(r"\S*\s+(?:\S+\s+){0,2}?in\s+", sentence[position:start]):
            return (0, start - position)
        if end <= position:
            return (1, position - end)
        return (2, start - position)

    return list(dict.fromkeys(name for name, _, _ in sorted(places, key=rank)))


# How far after its number a common name is the number's own: a group within the words it
# counts ("9,000 Syrians", "136,327 immigrations of foreign nationals"), a place within its
# clause after "in" ("... were registered in Wallonia").
_COUNTED = {"group": re.compile(r"^\s*(?:[\w'’-]+\s+){0,3}?$"),
            "geography": re.compile(r"^[^,;:()]*\bin\s+(?:the\s+)?$")}


def counted_names(sentence: str, names, after: int, dimension: str) -> list[str]:
    """The engine's common names (of groups or places) that belong to the number ending at
    `after`: those within its reach (_COUNTED), the nearest first. A common name elsewhere in
    the sentence may be about anything else ("came from Poland", "the OECD's definition")."""
    found = [place for place in _name_spans(sentence, names, after)
             if _COUNTED[dimension].match(sentence[after:place[1]])]
    return [name for name, _, _ in sorted(found, key=lambda item: item[1])]


def _name_spans(sentence: str, names, after: int = 0) -> list[tuple[str, int, int]]:
    """(name, start, end) of each name the sentence states from `after` on, the longest first;
    none inside a longer one."""
    places = []
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        for match in _name_regex(name).finditer(sentence, after):
            if not any(start <= match.start() < end for _, start, end in places):
                places.append((name, match.start(), match.end()))
    return places


def number_span(mention: dict, text: str) -> tuple[int, int]:
    """Where the number itself is (a percentage's mention also holds its sign)."""
    match = _VALUE_RE.match(text, mention["char_start"])
    return (match.start(), match.end()) if match else (mention["char_start"], mention["char_end"])


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


def _context(text: str, spans: list, numeric: bool) -> str:
    """Words of the context as a pattern part: a number among them becomes {...}, so that
    the pattern survives a change of that number."""
    parts = []
    for start, end in spans:
        word = text[start:end]
        if numeric and _NUMBER_TOKEN.match(word) and any(c.isdigit() for c in word):
            if parts[-1:] != [GAP_SLOT]:
                parts.append(GAP_SLOT)
        else:
            parts.append(word.replace("{", "").replace("}", ""))
    return " ".join(parts)


# How far around a number the words of a pattern may reach (characters).
_REACH = 400


def numbers_in(text: str) -> list[tuple[int, str, str]]:
    """Each number of the document as a catalogue pattern's {value} finds it: its start, and
    the text before and after it with each run of whitespace as one space (as the pattern's
    regex reads whitespace), so a pattern's words are compared, not compiled."""
    found = []
    for match in _VALUE_RE.finditer(text):
        start, end = match.span("value")
        head, tail = text[max(0, start - _REACH):start], text[end:end + _REACH]
        found.append((start, " ".join(head.split()) + (" " if head[-1:].isspace() else ""),
                      (" " if tail[:1].isspace() else "") + " ".join(tail.split())))
    return found


def _finds(numbers: list, left: str, core: tuple[str, str], right: str) -> list[int]:
    """The starts of the numbers that `left {value} right` finds: the words before each end
    with `left` and those after it begin with `right`, whitespace between them, as the
    pattern's regex requires (policybrief.extract.catalogue.compile_pattern)."""
    before, after = core
    ending = (f"{left} " if left else "") + before
    beginning = after + (f" {right}" if right else "")
    return [start for start, head, tail in numbers if head.endswith(ending) and tail.startswith(beginning)]


def pattern_for(mention: dict, text: str, numbers_as_gaps: bool = True, numbers: list | None = None) -> str:
    """The shortest pattern of the sentence's words around the number that finds this number
    and no other place of the document: at least two words on each side where the sentence
    has them, more until the pattern is unique; "" if no pattern within the sentence is."""
    numbers = numbers_in(text) if numbers is None else numbers
    start, end = number_span(mention, text)
    sentence_start, sentence_end = mention["sentence_start"], mention["sentence_end"]
    # The characters glued to the number ("27%", "(45") stay with it.
    glued_before = re.search(r"\S*\Z", text[sentence_start:start])[0].replace("{", "")
    glued_after = re.match(r"\S*", text[end:sentence_end])[0].replace("}", "")
    before = [(a + sentence_start, b + sentence_start)
              for a, b in _words(text[sentence_start:start - len(glued_before)])]
    after = [(a + end + len(glued_after), b + end + len(glued_after))
             for a, b in _words(text[end + len(glued_after):sentence_end])]
    core = f"{glued_before}{VALUE_SLOT}{glued_after}"
    # Fewest words first, at least two on a side that has them: a short pattern survives edits
    # to the rest of the sentence.
    sizes = sorted(((left, right) for left in range(min(2, len(before)), min(len(before), MOST_WORDS) + 1)
                    for right in range(min(2, len(after)), min(len(after), MOST_WORDS) + 1)),
                   key=lambda size: (size[0] + size[1], -size[0]))
    for left_size, right_size in sizes:
        left = _context(text, before[len(before) - left_size:], numbers_as_gaps).removeprefix(GAP_SLOT).strip()
        right = _context(text, after[:right_size], numbers_as_gaps).removesuffix(GAP_SLOT).strip()
        pattern = " ".join(part for part in (left, core, right) if part)
        if GAP_SLOT in pattern:  # a gap's reach is the regex's to say
            try:
                finds = [m.start("value") for m in compile_pattern(pattern).finditer(text)]
            except (ValueError, re.error):
                return ""
        else:
            finds = _finds(numbers, left, (glued_before, glued_after), right)
        if finds == [start]:
            return pattern
    return ""


# Words between a subject and its number ("prices rose by approximately 18%").
_LEADING_WORDS = {"by", "of", "to", "at", "was", "were", "is", "are", "approximately", "about", "around", "nearly",
                  "almost", "up", "more", "less", "than", "some", "over", "under"}


def draft_label(mention: dict, text: str) -> str:
    """A label to edit: the words after the number, to the end of its clause (at most eight);
    for a year, the words of its clause before it (what happened then)."""
    start, end = number_span(mention, text)
    if mention["kind"] in YEAR_KINDS:
        clause = re.split(r"[,;:()]", text[mention["sentence_start"]:start])[-1]
        words = [w for w in clause.split() if w][-8:]
        while words and words[-1].lower() in ("in", "of", "since", "by", "during", "from", "the", "year", "until"):
            words = words[:-1]
        label = " ".join(words).strip(" .")
        return label[:1].upper() + label[1:] if re.search(r"[A-Za-z]", label) else ""
    rest = text[end:mention["sentence_end"]]
    clause = re.split(r"[,;:()]|\s(?:and|against|compared|while|whereas|but)\s", rest, maxsplit=1)[0]
    # A period after the number ("18% in 2023") says when, not what.
    clause = re.sub(rf"^\W*(?:in|during|for|since|by)\s+{_YEAR}\b", "", clause.replace("%", " ").strip())
    words = clause.split()[:8]
    other_end = re.match(rf"\W*(?:and|or|to)\s+(?:{NUMBER_PATTERN})\b", rest)
    if not words and other_end:  # "60 and 61 measures": the words after the range's other end
        words = rest[other_end.end():].replace("%", " ").split()[:8]
    while words and words[0].lower() in ("of", "the", "per", "cent", "percent"):
        words = words[1:]
    if not any(re.search(r"[A-Za-z]{3,}", w) for w in words):
        # Nothing after it that says what it counts: the subject before it.
        words = re.split(r"[,;:()]", text[mention["sentence_start"]:start])[-1].split()[-8:]
        while words and words[-1].lower() in _LEADING_WORDS:
            words = words[:-1]
    label = " ".join(words).strip(" .")
    return label[:1].upper() + label[1:] if re.search(r"[A-Za-z]", label) else ""


def slug(text: str, most: int = 6) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    stop = {"the", "of", "a", "an", "in", "on", "to", "for", "and", "with", "by", "at", "from", "that", "were", "was"}
    return "_".join([w for w in words if w not in stop][:most])


def is_substantive(mention: dict, periods_in_sentence: set, text: str) -> bool:
    """A number a brief may state: of a kind that may be one; a year only where it dates
    something (an event, not a cited document), not where it is the period of another number
    of its sentence."""
    before = mention["sentence"][:mention["char_start"] - mention["sentence_start"]]
    # "Article 60", "EU-12", "Flight 610", "737–8", the mid-1980s: names and decades, not
    # quantities. (Read across sentence ends: "49 U.S.C. 106" is not two sentences.)
    if names_a_thing(mention["text"], text[max(0, mention["char_start"] - AROUND):mention["char_start"]],
                     text[mention["char_end"]:mention["char_end"] + AROUND]) \
            or re.search(r"[A-Za-z]-$", before) or mention["text"].endswith("s"):
        return False
    if mention["kind"] in YEAR_KINDS:
        # The day of a date ("15 September") is no year; a date in the title block, on a line
        # without a sentence's end ("..., Juillet 2012"), dates the document, not an event.
        if not re.fullmatch(_YEAR, mention["text"]) or (
                mention["char_start"] < TITLE_BLOCK and not re.search(r"[.!?:;]\W*$", mention["sentence"].strip())):
            return False
        if _DATED.search(before):
            return False
        year = mention["text"][-4:]
        return not any(year in period.split("-") or (len(period) == 9 and period[:4] <= year <= period[5:])
                       for period in periods_in_sentence)
    return mention["kind"] in SUBSTANTIVE


def _before_in_paragraph(text: str, facts: list[dict], position: int) -> dict | None:
    """The catalogued fact nearest before a position in the same paragraph (no blank line
    between them): a number just after it often shares its period, place and group."""
    before = [f for f in facts if int(f["char_end"]) <= position
              and not re.search(r"\n\s*\n", text[int(f["char_end"]):position])]
    return max(before, key=lambda f: int(f["char_end"]), default=None)


def _dimension(dimension: str, named: list, earlier: dict | None, usual: str, common: bool = False) -> tuple[str, str]:
    """(value, why to check it) of a geography or group; `common` when the name is one of the
    engine's common names (workflow/vocabulary/names.yaml), not yet one the catalogue uses."""
    if named:
        if len(named) > 1:
            return named[0], f"the sentence names several ({', '.join(named)}); the nearest is proposed"
        return named[0], "named in the sentence; a name the catalogue does not use yet" if common else ""
    if earlier and earlier.get(dimension):
        return earlier[dimension], f"not in the sentence: that of {earlier['fact_id']}, before it in the paragraph"
    if dimension == "geography" and usual:
        return usual, "not in the sentence: the usual one of the document's facts"
    return "", "not stated in the sentence"


def own_words(text: str, described: dict | None) -> list[tuple[int, int]]:
    """Where the document states its own title (anywhere) or its own date's year (in its
    title block): a number there names or dates the document and is never proposed."""
    if not described:
        return []
    spans = []
    title = (described.get("title") or "").split()
    if title:
        pattern = r"\s+".join(re.escape(word) for word in title)
        spans += [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    year = (described.get("date") or "")[:4]
    if re.fullmatch(_YEAR, year):
        spans += [m.span() for m in re.finditer(rf"(?<!\d){year}(?!\d)", text[:TITLE_BLOCK])]
    return spans


def suggest(text: str, document: str, mentions: list[dict], facts: list[dict], vocabulary: dict,
            described: dict | None = None, common_names: dict | None = None) -> list[dict]:
    """Proposed entries for the document's unclaimed substantive numbers, in document order.
    `facts` are the document's catalogued facts; `vocabulary` the catalogue's geographies and
    groups ({"geography": [...], "group": [...]}), and `common_names` the engine's (the same
    shape, common_names()), read where the sentence names none of the catalogue's;
    `described` its row of the inventory (its title and date, whose numbers are not proposed)."""
    # Its own title and date, and the lines a printed page repeats, are never proposed.
    own = own_words(text, described) + recurring_lines(text)
    places = Counter(f["geography"] for f in facts if f.get("geography"))
    usual = places.most_common(1)[0][0] if places else ""
    # The periods of each sentence's numbers: those of its catalogued facts, and those its
    # other numbers would take; a year among them is a period, not a fact.
    periods = {}
    for fact in facts:
        if fact.get("period") and fact.get("unit") != "calendar year":
            periods.setdefault(int(fact["char_start"]), set()).add(fact["period"])
    candidates = {mention["char_start"]: period_candidates(mention, text) for mention in mentions
                  if mention["kind"] in SUBSTANTIVE and mention["kind"] not in YEAR_KINDS}
    for mention in mentions:
        periods.setdefault(mention["sentence_start"], set()).update(candidates.get(mention["char_start"], ()))
    numbers = numbers_in(text)
    suggestions = []
    for mention in mentions:
        if mention["fact_id"] or not is_substantive(mention, periods.get(mention["sentence_start"], set()), text) \
                or any(start <= mention["char_start"] < end for start, end in own):
            continue
        sentence = text[mention["sentence_start"]:mention["sentence_end"]]
        position = mention["char_start"] - mention["sentence_start"]
        earlier = _before_in_paragraph(text, facts, mention["char_start"])
        to_check = {}
        pattern = pattern_for(mention, text, numbers=numbers)
        if not pattern:
            # Sentences alike but for their numbers ("In 2023, 27% ..." and "In 2019, 16% ..."):
            # the other numbers of the sentence are then words of the pattern.
            pattern = pattern_for(mention, text, numbers_as_gaps=False, numbers=numbers)
            to_check["pattern"] = ("it holds the sentence's other numbers: a new edition that changes them needs "
                                   "a new pattern" if pattern else
                                   "no words of the sentence find this number alone; write one with {...}")
        if mention["kind"] in YEAR_KINDS:
            to_check["kind"] = "a year: keep it if the sentence dates an event by it"
        unit = unit_of(mention, text)
        if unit not in BUILT_IN_UNITS:
            to_check["unit"] = f"{unit!r}, read from the sentence: add it to config/units.yaml if it is not there"
        # A year is a date, and has no period of its own.
        period, why = period_of(candidates[mention["char_start"]]) if mention["char_start"] in candidates else ("", "")
        if why and earlier and earlier.get("period") and mention["kind"] not in YEAR_KINDS:
            period, why = earlier["period"], f"{why}: that of {earlier['fact_id']}, before it in the paragraph"
        if why:
            to_check["period"] = why
        dimensions = {}
        for dimension in ("geography", "group"):
            named = names_near(sentence, vocabulary.get(dimension, ()), position)
            common = not named and bool(common_names)
            if common:
                after = number_span(mention, text)[1] - mention["sentence_start"]
                named = counted_names(sentence, common_names.get(dimension, ()), after, dimension)
            dimensions[dimension], why = _dimension(dimension, named, earlier, usual, common)
            if why:
                to_check[dimension] = why
        label = draft_label(mention, text)
        to_check["label"] = ("a draft from the words before the year" if mention["kind"] in YEAR_KINDS
                             else "a draft from the words after the number")
        to_check["indicator"] = "a draft from the label; the same for every value of one indicator"
        entry = {
            "id": f"{slug(document.replace('-', ' '), 3)}_{mention['char_start']}",
            "document": document, "pattern": pattern, "indicator": slug(label) or f"value_{mention['char_start']}",
            "label": label, "unit": unit, "period": period, "geography": dimensions["geography"],
            "group": dimensions["group"], "qualifier": qualifier_of(mention, text),
        }
        scale = scale_of(mention, text)
        if scale != 1:
            entry["scale"] = scale
        readings = readings_of(mention, scale)
        if readings:
            both = " or ".join(f"{plain(value)} in the style {style}" for style, value in readings.items())
            to_check["value"] = (f"{mention['text']} reads two ways, {both}: declare the number_style of "
                                 f"{document} in config/documents.yaml")
        suggestions.append({
            "entry": entry, "value": None if readings else mention["value"] * scale, "readings": readings,
            "as_written": mention["text"], "kind": mention["kind"],
            "sentence": " ".join(sentence.split()), "char_start": mention["char_start"],
            "sentence_start": mention["sentence_start"], "sentence_end": mention["sentence_end"],
            "to_check": to_check,
        })
    return suggestions


SUGGESTIONS_FILE = "reports/catalogue-suggestions.yaml"
HEADER = """\
# Proposed catalogue entries for the numbers of the documents that no fact of the catalogue
# (config/catalogue/<document>.yaml) takes yet, written by the build (rule suggest_catalogue), by document
# and sentence. Each `entry` is in the catalogue's own grammar: its pattern finds its number
# and no other place of the document. What the sentence does not say is left empty, and
# every field to read before accepting is listed under `to_check`, with why.
#
# Documents that config/documents.yaml does not describe are not read for suggestions (the
# brief uses none of their numbers): describe a new document there first.
#
# To accept one: copy its `entry` under `facts:` in config/catalogue/<document>.yaml, or run
#   policybrief accept <id> [<id> ...]
# then correct what `to_check` names (give values of one indicator the same `indicator`),
# and build again: the fact is extracted with its sentence and validated like any other.
"""


def readings_of(mention: dict, scale: float = 1.0) -> dict:
    """{style: value} of a mention that reads two ways (its `readings`, in the order of the
    styles), scaled as its suggestion is; {} for one that reads one way."""
    if not mention.get("readings"):
        return {}
    return {style: float(value) * scale for style, value in zip(NUMBER_STYLES, mention["readings"].split(";"))}


def mention_from_row(row: dict) -> dict:
    """A row of data/processed/mentions.csv with its numbers as numbers (no value for a
    number that reads two ways)."""
    return {**row, "value": float(row["value"]) if row["value"] != "" else None,
            **{key: int(row[key]) for key in ("char_start", "char_end", "sentence_start", "sentence_end")}}


NAMES_FILE = engine_file("vocabulary/names.yaml")


def common_names(path=NAMES_FILE) -> dict:
    """The engine's names of groups and places ({"geography": [...], "group": [...]}), its
    lists flattened."""
    from policybrief.core.yaml_input import read_yaml

    names = read_yaml(path) or {}
    return {dimension: sorted({name for names in (names.get(key) or {}).values() for name in names})
            for dimension, key in (("geography", "places"), ("group", "groups"))}


def vocabulary_of(facts: list[dict]) -> dict:
    """The geographies and groups the catalogue's facts use: the names a sentence may state."""
    return {dimension: sorted({f[dimension] for f in facts if f.get("document") and f.get(dimension)})
            for dimension in ("geography", "group")}


def suggestions_by_document(texts: dict, mentions: list[dict], facts: list[dict], described=None,
                            names: dict | None = None) -> list[dict]:
    """[{document, numbers, sentences: [{sentence, characters, numbers: [...]}]}] for every
    document with a number to suggest, in the order of the documents' names: those the
    inventory describes (`described`: document -> its row, whose title and date are not
    proposed; all documents when None), as the brief uses only those. `names` are the
    engine's common names of groups and places (common_names())."""
    vocabulary = vocabulary_of(facts)
    by_document = {}
    for mention in mentions:
        if described is None or mention["document"] in described:
            by_document.setdefault(mention["document"], []).append(mention)
    documents = []
    for document in sorted(by_document):
        own_facts = [f for f in facts if f.get("document") == document]
        found = suggest(texts[document], document, sorted(by_document[document], key=lambda m: m["char_start"]),
                        own_facts, vocabulary, described.get(document) if described else None, names)
        sentences = {}
        for suggestion in found:
            key = (suggestion["sentence_start"], suggestion["sentence_end"])
            number = ({"needs_decision": "the number reads two ways: which it is, the document's number style says",
                       "readings": {style: _plain(value) for style, value in suggestion["readings"].items()}}
                      if suggestion["readings"] else {"value": _plain(suggestion["value"])})
            sentences.setdefault(key, {"sentence": suggestion["sentence"],
                                       "characters": f"{key[0]}-{key[1]}", "numbers": []})["numbers"].append({
                **number, "as_written": suggestion["as_written"],
                "to_check": suggestion["to_check"], "entry": suggestion["entry"]})
        if sentences:
            documents.append({"document": document, "numbers": len(found),
                              "sentences": [sentences[key] for key in sorted(sentences)]})
    return documents


def _plain(value: float):
    return int(value) if float(value).is_integer() else round(value, 6)


def suggestions_yaml(documents: list[dict]) -> str:
    import yaml

    body = yaml.safe_dump({"documents": documents}, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + "\n" + body


def proposed_by_document(path) -> list[dict]:
    """The `documents` of a suggestions file the build wrote."""
    from policybrief.core.yaml_input import read_yaml

    return (read_yaml(path) or {}).get("documents", [])


def uncatalogued(suggested: list[dict], documents: list[dict], facts: list[dict]) -> list[dict]:
    """For the annex: each document with numbers no fact takes, in the inventory's order, with
    its title, how many numbers the catalogue takes from it and how many it does not, and,
    for a document it takes none from yet (a new one), those numbers by sentence."""
    taken = Counter(f["document"] for f in facts if f.get("document"))
    by_document = {entry["document"]: entry for entry in suggested}
    rows = []
    for document in documents:
        entry = by_document.get(document["document"])
        if entry:
            rows.append({"document": document["document"], "title": document["title"], "numbers": entry["numbers"],
                         "catalogued": taken[document["document"]], "new": not taken[document["document"]],
                         "sentences": [{"sentence": s["sentence"], "characters": s["characters"],
                                        "numbers": [n["as_written"] for n in s["numbers"]]}
                                       for s in entry["sentences"]]})
    return rows
