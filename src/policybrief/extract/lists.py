"""Lists found from a document's structure, with clean text and provenance.

A list spec (in the catalogue) says where the list is and how its items are marked:

- numbered: lines numbered 1, 2, 3, ... in sequence, under audience headings; an item runs
  until the next item, heading or numbered section;
- bullet: lines starting with "-", "•" or "➤", under audience headings; an item runs until
  the next bullet, heading or blank line;
- inline: the comma-separated enumeration that follows a phrase, to the end of its sentence.

Each item keeps its raw slice of the document; its clean text drops page numbers, running
headers, footnotes, Markdown emphasis and line-break hyphenation.
"""

import re
from collections import Counter
from dataclasses import dataclass

from policybrief.core.errors import InputError
from policybrief.extract.hyphenation import keeps_hyphen
from policybrief.extract.sentences import SHORT_LINE_SHARE, sentence_span, wrap_width

# "3.", "3.1", "3.1." or "IV." — but not "3 " (a footnote) or "24" (a page number).
_SECTION_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.|[IVX]{1,5}\.)"
_NUMBERED_LINE = re.compile(rf"^[ \t]*{_SECTION_NUMBER}[ \t]+\S", re.MULTILINE)
_ITEM_LINE = re.compile(r"^[ \t]*(?P<number>\d{1,3})\.[ \t]+(?=\S)", re.MULTILINE)
_BULLET_LINE = re.compile(r"^[-•➤*][ \t]+(?=\S)", re.MULTILINE)
_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_FOOTNOTE_START = re.compile(r"^(?P<number>\d{1,2})[ \t]+\S")
_TITLE_END = re.compile(r"[.:;!?](?=\s|$)")
_BOLD_LEAD = re.compile(r"^\*\*(?P<lead>[^*]+?)[:.]?\*\*")
# Markdown emphasis the source kept from its PDF: **bold** and *italic* become plain words.
_EMPHASIS = re.compile(r"(?P<mark>\*\*?)(?=\S)(?P<words>[^*]+?)(?<=\S)(?P=mark)")
_TITLE_MAX_WORDS = 12
MARKERS = ("numbered", "bullet", "inline")


@dataclass(frozen=True)
class ListSpec:
    list_id: str
    document: str
    kind: str
    marker: str
    starts_after: str
    ends_before: str  # empty: the list runs to the end of the document
    audience_headings: tuple  # of (compiled regex, fixed audience or None)


def load_list_specs(catalogue: dict, source: str = "catalogue") -> list[ListSpec]:
    specs = []
    for index, entry in enumerate(catalogue.get("lists", [])):
        marker = entry.get("marker", "numbered")
        if marker not in MARKERS:
            raise InputError(source, f"lists[{index}] (id {entry.get('id')!r}): marker {marker!r} "
                                     f"is not one of {MARKERS}.")
        headings = tuple(
            (_heading_regex(h["heading"]), h.get("audience")) for h in entry.get("audience_headings", [])
        )
        specs.append(ListSpec(entry["id"], entry["document"], entry.get("kind", "recommendation"), marker,
                              entry["starts_after"], entry.get("ends_before") or "", headings))
    return specs


def _heading_regex(heading: str) -> re.Pattern:
    literal = r"\s+".join(re.escape(w) for w in heading.split())
    literal = literal.replace(re.escape("{audience}"), r"(?P<audience>\S.*?)")
    return re.compile(rf"^[ \t]*(?:{_SECTION_NUMBER}[ \t]+)?{literal}[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)


def extract_list(text: str, spec: ListSpec, path: str) -> list[dict]:
    """All items of one list, in document order."""
    begin, end = _section_bounds(text, spec, path)
    if spec.marker == "inline":
        return _inline_items(text, spec, begin)
    headings = _audience_headings(text, spec, begin, end)
    if not headings:
        raise InputError(path, f"list {spec.list_id!r}: no audience heading found after "
                               f"{spec.starts_after!r}.",
                         f"check the audience_headings of this list in config/catalogue/{spec.document}.yaml.")
    stops = {start for start, _, _ in headings} | {end}
    if spec.marker == "numbered":
        stops |= {m.start() for m in _NUMBERED_LINE.finditer(text, begin, end)}
        starts = _numbered_starts(text, headings[0][0], end)
    else:
        stops |= {m.start() for m in _BULLET_LINE.finditer(text, begin, end)}
        stops |= {m.start() for m in _BLANK_LINE.finditer(text, begin, end)}
        starts = [(m.start(), m.end(), "") for m in _BULLET_LINE.finditer(text, headings[0][0], end)]
    cleaner = TextCleaner(text)
    items = []
    for position, (start, body_start, number) in enumerate(starts, 1):
        stop = min(s for s in stops if s > start)
        raw = text[start:stop].rstrip()
        audience = [a for s, _, a in headings if s < start][-1]
        items.append(_item(spec, number, position, audience, raw, start,
                           cleaner.clean(text[body_start:start + len(raw)])))
    return items


def _numbered_starts(text: str, begin: int, end: int) -> list[tuple[int, int, str]]:
    starts, expected = [], 1
    for match in _ITEM_LINE.finditer(text, begin, end):
        if int(match.group("number")) != expected:
            continue  # a numbered section or a footnote, not the next item
        expected += 1
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        starts.append((start, match.end(), match.group("number")))
    return starts


def _inline_items(text: str, spec: ListSpec, begin: int) -> list[dict]:
    """The enumeration after `starts_after`, split on commas and a final 'and' outside brackets."""
    _, sentence_end = sentence_span(text, begin, begin + 1)
    if text[sentence_end - 1] in ".;":
        sentence_end -= 1
    items, cuts, depth, piece_start, index = [], [], 0, begin, begin
    while index < sentence_end:
        char = text[index]
        depth += char == "("
        depth -= char == ")"
        if depth == 0 and char == ",":
            cuts.append((index, index + 1))
        elif depth == 0 and text.startswith(" and ", index):
            cuts.append((index, index + 5))
        index += 1
    for cut_start, cut_end in cuts + [(sentence_end, sentence_end)]:
        raw = text[piece_start:cut_start]
        offset = len(raw) - len(raw.lstrip())
        raw = raw.strip()
        if raw:
            items.append(_item(spec, "", len(items) + 1, "", raw, piece_start + offset, " ".join(raw.split())))
        piece_start = cut_end
    return items


def _item(spec: ListSpec, number: str, position: int, audience: str, raw: str, start: int, body: str) -> dict:
    bold = _BOLD_LEAD.match(body)
    text = _EMPHASIS.sub(r"\g<words>", body)
    return {
        "document": spec.document,
        "list": spec.list_id,
        "kind": spec.kind,
        "item_id": f"{spec.list_id}:{number or position}",
        "number": number,
        "audience": audience,
        "title": " ".join(bold.group("lead").split()) if bold else lead_phrase(text),
        "text": text,
        "raw": raw,
        "char_start": start,
        "char_end": start + len(raw),
    }


def _section_bounds(text: str, spec: ListSpec, path: str) -> tuple[int, int]:
    begin = text.find(spec.starts_after)
    if begin < 0:
        raise InputError(path, f"list {spec.list_id!r}: heading {spec.starts_after!r} not found.",
                         f"update starts_after in config/catalogue/{spec.document}.yaml to the document's heading.")
    if not spec.ends_before:
        return begin + len(spec.starts_after), len(text)
    end = text.find(spec.ends_before, begin)
    if end < 0:
        raise InputError(path, f"list {spec.list_id!r}: heading {spec.ends_before!r} not found "
                               f"after {spec.starts_after!r}.",
                         f"update ends_before in config/catalogue/{spec.document}.yaml to the document's heading.")
    return begin + len(spec.starts_after), end


def _audience_headings(text: str, spec: ListSpec, begin: int, end: int) -> list[tuple]:
    found = []
    for regex, fixed in spec.audience_headings:
        for match in regex.finditer(text, begin, end):
            audience = fixed or _audience_name(match.group("audience"))
            found.append((match.start(), match.end(), audience))
    return sorted(found)


def _audience_name(heading_words: str) -> str:
    """'the labour market (legislation, control)' -> 'Labour market'."""
    words = re.sub(r"\s*\([^()]*\)\s*$", "", " ".join(heading_words.split()))
    words = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE)
    return words[:1].upper() + words[1:]


def lead_phrase(body: str) -> str:
    """The item's lead phrase: its first clause, cut at a word boundary if long."""
    match = _TITLE_END.search(body)
    phrase = body[: match.start()] if match else body
    words = phrase.split()
    if len(words) > _TITLE_MAX_WORDS:
        return " ".join(words[:_TITLE_MAX_WORDS]) + " …"
    return " ".join(words)


class TextCleaner:
    """Turns a raw slice of a PDF-derived text into prose, using the whole document as
    evidence: a line repeated on several pages is a running header, and a hyphenated word
    that the document also spells with a hyphen elsewhere keeps its hyphen."""

    def __init__(self, text: str):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        short = SHORT_LINE_SHARE * (wrap_width(text) or 80)
        repeated = {line for line, n in Counter(lines).items() if n >= 2 and _looks_like_header(line)}
        after_page_number = {line for previous, line in zip(lines, lines[1:])
                             if _PAGE_NUMBER.match(previous) and _looks_like_header(line)
                             and len(line) < short and not re.match(_SECTION_NUMBER, line)}
        self.running_headers = repeated | after_page_number
        self.hyphenated_words = set(re.findall(r"\b\w+-\w+\b", text))
        self.words = {word.lower() for word in re.findall(r"\w+", text)}
        # Footnote numbers are those whose note starts a line somewhere in the document;
        # their markers in the text ("valuable.”3") are dropped.
        self.footnote_numbers = {m.group("number") for m in
                                 re.finditer(_FOOTNOTE_START.pattern, text, re.MULTILINE)}

    def clean(self, raw: str) -> str:
        kept, in_footnote = [], False
        for line in raw.splitlines():
            stripped = line.strip()
            if in_footnote and stripped and not line[:1].isspace():
                continue
            in_footnote = False
            if not stripped or _PAGE_NUMBER.match(stripped) or stripped in self.running_headers:
                continue
            if _FOOTNOTE_START.match(line):
                in_footnote = True
                continue
            kept.append(stripped)
        prose = self._join(kept)
        for number in self.footnote_numbers:
            prose = re.sub(rf"(?<=[.,;:”’\"a-z]){number}(?=[\s.,;:]|$)", "", prose)
        return " ".join(prose.split())

    def _join(self, lines: list[str]) -> str:
        prose = ""
        for line in lines:
            head = re.search(r"(\w+)-$", prose)
            tail = re.match(r"\w+", line)
            if head and tail:
                keep = keeps_hyphen(head.group(1), tail.group(), self.hyphenated_words, self.words)
                prose = (prose if keep else prose[:-1]) + line
            else:
                prose += (" " if prose else "") + line
        return prose

def _looks_like_header(line: str) -> bool:
    """A running header: words, starting with a capital, no sentence punctuation at the end."""
    return (len(line.split()) >= 2 and line[:1].isupper() and not _PAGE_NUMBER.match(line)
            and line[-1:] not in ".,;:!?")


_LIST_LINE = re.compile(r"^(?P<marker>[-•➤*·]|\d{1,2}[.)])[ \t]+(?=\S)")
_SUB_ITEM_LINE = re.compile(r"^[ \t]+(?:[-•➤*·]|\d{1,2}[.)])[ \t]+\S")


def discover_lists(text: str, document: str) -> list[dict]:
    """Lists of a document the catalogue says nothing about: runs of two or more bulleted (or
    numbered) lines, each under the nearest line before it that is not an item. Indented
    sub-items belong to the item above them; a change from bullets to numbers starts a new list.
    Lets a new document's lists show up without a catalogue entry."""
    runs, run, heading = [], [], ""
    for line in re.finditer(r"^.*$", text, re.MULTILINE):
        content = line.group().rstrip("\r")
        marker = _LIST_LINE.match(content)
        if marker and run and _numbered(marker) != _numbered(run[-1][2]):
            runs.append((heading, run))
            run = []
        if marker:
            run.append([line.start(), line.start() + len(content), marker])
        elif run and _SUB_ITEM_LINE.match(content):
            run[-1][1] = line.start() + len(content)
        elif content.strip():
            runs.append((heading, run))
            run, heading = [], content.strip()
    runs.append((heading, run))
    items = []
    for heading, run in (r for r in runs if len(r[1]) >= 2):
        spec = ListSpec(f"{document}_list_{len({i['list'] for i in items}) + 1}", document, "list",
                        "discovered", "", "", ())
        for position, (start, end, marker) in enumerate(run, 1):
            number = marker.group("marker").rstrip(".)") if _numbered(marker) else ""
            raw = text[start:end]
            body = " ".join(raw[marker.end():].replace("\r", "").split())
            item = _item(spec, number, position, _EMPHASIS.sub(r"\g<words>", heading), raw, start, body)
            item["item_id"] = f"{spec.list_id}:{position}"
            items.append(item)
    return items


def _numbered(marker: re.Match) -> bool:
    return marker.group("marker")[0].isdigit()
