"""Sentence boundaries, so that a fact's quote is the sentence that states it.

Sources are plain text taken from PDFs. Some keep one paragraph per line; others are
hard-wrapped (often with a blank line after every line). In hard-wrapped text a blank line
ends a paragraph only where the line before it is short, as a paragraph's last line is.
"""

import bisect
import re
import statistics

# A sentence ends at . ! ? (plus closing quotes or brackets) followed by a space and a
# capital, a digit or an opening mark; "i.e. those" or "et al., 1993" do not end one.
_END_OF_SENTENCE = re.compile(r"[.!?][\"”’)\]*]*(?=\s+[\"“‘(\[*]?[A-Z0-9])")
_BLANK_LINE = re.compile(r"\r?\n[ \t\r]*\n\s*")
# A list item or a numbered heading ("3.1 For the attention of") starts a sentence.
_LINE_START_MARK = re.compile(r"\n[ \t\ufeff]*(?P<mark>(?:[-•·➤*]|\d{1,2}(?:\.\d{1,2})*[.)]?)[ \t]+\S)")
# A line numbered as a subsection ("3.1 For the attention of") before a blank line is a heading.
_SECTION_HEADING = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?[ \t]+\S")
SHORT_LINE_SHARE = 0.7  # a line shorter than this share of the wrap width ends a paragraph


def wrap_width(text: str) -> int | None:
    """The line width of a hard-wrapped text, or None when paragraphs are single lines."""
    lengths = [len(line.strip()) for line in text.splitlines() if line.strip()]
    if len(lengths) < 20:
        return None
    lengths.sort()
    p90 = lengths[int(len(lengths) * 0.9)]
    return p90 if p90 <= 100 and statistics.median(lengths) >= 0.5 * p90 else None


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin, sorted, starting with 0."""
    starts = {0}
    for match in _END_OF_SENTENCE.finditer(text):
        starts.add(_skip_space(text, match.end()))
    width = wrap_width(text)
    for match in _BLANK_LINE.finditer(text):
        if width is None or _ends_paragraph(text, match.start(), width):
            starts.add(match.end())
    for match in _LINE_START_MARK.finditer(text):
        starts.add(match.start("mark"))
    return sorted(s for s in starts if s < len(text))


def _ends_paragraph(text: str, line_end: int, width: int) -> bool:
    line_start = text.rfind("\n", 0, line_end) + 1
    line = text[line_start:line_end].strip()
    return (len(line) < SHORT_LINE_SHARE * width or line.endswith((".", "!", "?", ":"))
            or bool(_SECTION_HEADING.match(line)))


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def sentence_span(text: str, start: int, end: int, starts: list[int] | None = None) -> tuple[int, int]:
    """The span of the sentence(s) that contain text[start:end], without outer whitespace."""
    starts = sentence_starts(text) if starts is None else starts
    # starts is sorted: bisection, as a document has as many numbers as sentences (a scan per
    # number made a document of 50 MB take hours).
    before = bisect.bisect_right(starts, start)
    begin = starts[before - 1] if before else 0
    following = bisect.bisect_left(starts, end)
    finish = starts[following] if following < len(starts) else len(text)
    while finish > begin and text[finish - 1].isspace():
        finish -= 1
    return begin, finish
