"""A PDF to the text that provenance points into, and its page map (policybrief.extract.published.
page_map): lines in reading order (policybrief.extract.published.layout) joined into paragraphs,
words broken at line ends joined, footnote markers taken out of sentences and footnotes kept
apart, by page."""

import re
import statistics
from collections import Counter

from policybrief.extract.hyphenation import keeps_hyphen
from policybrief.extract.published.layout import (
    Line,
    align_column_edges,
    body_size,
    footnote_marker,
    fragments_of,
    furniture_masks,
    lay_out,
    page_number_offset,
    raised_footnotes,
)
from policybrief.extract.published.pdf_chars import read_pages

# A line further below the one before than the usual distance and this many font sizes starts a
# paragraph.
PARAGRAPH_GAP = 0.25
HYPHENS = ("-", "\u2010", "\u00ad")
_WORD = re.compile(r"\w+(?:[-\u2010]\w+)*")
_LONE_NUMBER = re.compile(r"\d{1,4}")
_LIST_MARK = re.compile(r"[-•·➤▪◦*]\s|\d{1,2}[.)]\s")


def read_pdf(path) -> tuple[str, dict]:
    """The PDF's text and its page map."""
    pages = read_pages(path)
    pages_fragments = [fragments_of(page.chars) for page in pages]
    text_size = body_size(pages_fragments)
    masks = furniture_masks(pages, pages_fragments)
    offset = page_number_offset(pages, pages_fragments)
    raised = raised_footnotes(pages, pages_fragments, text_size)
    layouts = [lay_out(page, fragments, masks, text_size, raised_markers=raised, offset=offset)
               for page, fragments in zip(pages, pages_fragments)]
    align_column_edges(layouts)
    return assemble(layouts)


def assemble(layouts) -> tuple[str, dict]:
    """The text: each page's lines in reading order, then the footnotes, each a paragraph that
    starts with its marker (so that a number a footnote states can be taken and cited too, and
    none interrupts a sentence); the page map: each page's range, its footnotes and markers and
    what was left out, and each line's page, box and words."""
    body = [(line, *_visible(line)) for layout in layouts for line in layout.lines]
    body = [item for item in body if item[1].strip()]
    notes = [(layout.number, note, footnote_marker(note[0])) for layout in layouts for note in layout.footnotes]
    note_lines = [[(line, *_visible(line)) for line in note] for _, note, _ in notes]
    words = _document_words(item[1] for item in body + [i for lines in note_lines for i in lines])
    pitch = _usual_pitch([line for line, *_ in body])
    bottoms = _text_bottoms(layouts, pitch)
    text = _Text()
    body_lines = [item[0] for item in body]
    list_left = None  # how far in from their column the items of the list being read start
    for index, item in enumerate(body):
        joint = _joint(body[index - 1][0], text.last, item[0], item[1], pitch, words,
                       _right_edge(body_lines, index - 1)) if index else ""
        if joint == " " and _ends_early(body[index - 1][0], item[0], item[1], text.last, bottoms, pitch):
            joint = "\n\n"
        prefix, line = "", item[0]
        indent = line.x0 - line.flow_left  # from its column's left edge
        if _LIST_MARK.match(item[1].lstrip()) and joint.startswith("\n"):
            # An item set further in than the list's items is one of its sub-items, indented as such.
            if list_left is not None and indent > list_left + 0.5 * line.size:
                prefix = " "
            else:
                list_left = indent
        elif joint.startswith("\n"):
            # A line set in from its column starts with a space, as a text keeps an indent.
            prefix = " " if indent > 0.5 * line.size else ""
            if joint == "\n\n":
                list_left = None
        text.add(item, joint, prefix=prefix)
    footnotes = []
    for (page, _, marker), lines in zip(notes, note_lines):
        lines = [item for item in lines if item[1].strip()]
        if not lines:
            continue
        start = text.position + (2 if text.position else 0)
        for index, item in enumerate(lines):
            if index:
                joint = _joint(lines[index - 1][0], text.last, item[0], item[1], pitch, words,
                               _right_edge([i[0] for i in lines], index - 1))
            elif not marker and footnotes:  # carried on from the page before: one footnote
                joint = " "
            else:
                joint = "\n\n" if text.position else ""
            raised = not item[1].lstrip().startswith(marker)
            # (A footnote's own marker is its first word, not a marker in the text.)
            text.add(item[:3] + ([],), joint, prefix=f"{marker} " if index == 0 and marker and raised else "")
        if not marker and footnotes:
            footnotes[-1]["end"] = text.position
        else:
            footnotes.append({"page": page, "marker": marker, "start": start, "end": text.position})
    return text.joined(), {"pages": _pages(layouts, text.line_map, text.markers, footnotes), "lines": text.line_map}


class _Text:
    """The text as it is written, line by line, with the map of where each line went."""

    def __init__(self):
        self.pieces, self.line_map, self.markers, self.position, self.last = [], [], [], 0, ""

    def add(self, item, joint: str, prefix: str = "") -> None:
        line, raw, xs, line_markers = item
        if joint == "-":  # a word broken at the line's end: its hyphen goes
            self.pieces[-1] = self.pieces[-1][:-1]
            self.line_map[-1]["end"] -= 1
            self.position -= 1
            joint = ""
        self.pieces.append(joint)
        self.position += len(joint)
        lead = len(raw) - len(raw.lstrip())
        words = raw.strip()
        line_text = prefix + words
        boxes = [(line.x0, line.x0)] * len(prefix) + xs[lead:lead + len(words)]
        self.pieces.append(line_text)
        self.line_map.append({"page": line.page, "start": self.position, "end": self.position + len(line_text),
                              "box": [round(v, 1) for v in (line.x0, line.top, line.x1, line.bottom)],
                              "words": _word_boxes(line_text, boxes)})
        start = self.position + len(prefix)
        self.markers += [{"page": line.page, "marker": marker, "offset": start + max(0, at - lead)}
                         for at, marker in line_markers]
        self.position += len(line_text)
        self.last = line_text

    def joined(self) -> str:
        return "".join(self.pieces) + "\n"


def _visible(line: Line) -> tuple[str, list[tuple[float, float]], list[tuple[int, str]]]:
    """The line's text without its superscript markers (a space left doubled by one is dropped),
    each character's horizontal extent, and the markers with where they stood."""
    text, xs, markers = [], [], []
    index = 0
    while index < len(line.chars):
        if line.superscript[index]:
            end = index
            while end < len(line.chars) and line.superscript[end]:
                end += 1
            markers.append((len(text), "".join(c.text for c in line.chars[index:end]).strip()))
            index = end
            continue
        char = line.chars[index]
        if not (char.text.isspace() and (not text or text[-1] == " ")):
            text.append(" " if char.text.isspace() else char.text)
            xs.append((char.x0, char.x1))
        index += 1
    return "".join(text), xs, markers


def _document_words(texts) -> tuple[set, set]:
    """The document's words and its hyphenated compounds (lower case), to tell a word broken at
    a line's end from a compound that breaks at its own hyphen."""
    plain, compounds = set(), set()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if "-" in word or "\u2010" in word:
                compounds.add(word.replace("\u2010", "-"))
            plain.update(re.split(r"[-\u2010]", word))
    return plain, compounds


def _usual_pitch(lines: list[Line]) -> float:
    """The distance between lines of a paragraph, in font sizes: the smallest distance between
    lines of one flow that is common (not the most common: a text of one-line paragraphs has
    more distances between paragraphs than within them; nor the smallest: a superscript line)."""
    ratios = [round((line.baseline - previous.baseline) / line.size / 0.02) * 0.02
              for previous, line in zip(lines, lines[1:])
              if previous.flow == line.flow and previous.page == line.page
              and 0.8 * line.size < line.baseline - previous.baseline < 3 * line.size]
    counts = Counter(ratios)
    common = [ratio for ratio, count in counts.items() if count >= max(3, 0.02 * len(ratios))]
    return min(common) if common else (statistics.median(ratios) if ratios else 1.2)


def _text_bottoms(layouts, pitch: float) -> dict[int, float]:
    """How far down each page's text may go: the lowest baseline of the document's text, or on a
    page with footnotes, a line above its first."""
    lowest = max((line.baseline for layout in layouts for line in layout.lines), default=0.0)
    return {layout.number: min([lowest] + [note[0].top - pitch * note[0].size for note in layout.footnotes])
            for layout in layouts}


def _ends_early(previous: Line, line: Line, text: str, previous_text: str, bottoms: dict, pitch: float) -> bool:
    """A column that ends with room for another line of its paragraph ended the paragraph, where
    the words agree (a full stop before, or a capital after): a page that ends a line early to
    keep a paragraph's last line company is not taken for a paragraph's end mid-sentence."""
    if previous.flow == line.flow and previous.page == line.page:
        return False
    room = bottoms.get(previous.page, previous.baseline) - previous.baseline
    agree = previous_text.rstrip().endswith((".", "!", "?", ":", ";")) or text[:1].isupper() or text[:1].isdigit()
    return room >= pitch * previous.size - 1 and agree


def _right_edge(lines: list[Line], index: int) -> float:
    """Where the column of lines[index] ends: where its flow's lines usually end, or further right
    where it or the lines either side reach further."""
    line = lines[index]
    near = [other for other in lines[max(0, index - 1):index + 2]
            if other.page == line.page and other.flow == line.flow]
    return max(line.flow_right, *(other.x1 for other in near))


def _joint(previous: Line, previous_text: str, line: Line, text: str, pitch: float, words, right: float) -> str:
    """What joins two lines: '\\n\\n' between paragraphs, '\\n' after a line that ends short of
    its column (a heading, a list item, a paragraph's last line), '-' where a word was broken
    (its hyphen goes), '' where a compound breaks at its hyphen, otherwise a space."""
    same_flow = previous.flow == line.flow and previous.page == line.page
    if same_flow and line.baseline - previous.baseline > (pitch + PARAGRAPH_GAP) * max(line.size, previous.size):
        return "\n\n"
    if not same_flow and (_LONE_NUMBER.fullmatch(text.strip()) or _LONE_NUMBER.fullmatch(previous_text.strip())):
        return "\n\n"  # a number alone on a line where a column starts or ends continues no sentence
    room = right - previous.x1
    first_word = text.split(" ", 1)[0]
    if room > _width_of(line, len(first_word)) + 0.5 * line.size:
        return "\n" if same_flow else "\n\n"
    if not same_flow and (previous.flow_right - previous.flow_left) < 0.5 * (line.flow_right - line.flow_left):
        return "\n\n"
    if _LIST_MARK.match(text):
        return "\n"
    head = previous_text.rstrip()
    if head.endswith(HYPHENS) and len(head) > 1 and head[-2].isalpha() and text[:1].isalnum():
        if head.endswith("\u00ad"):
            return "-"
        broken = re.search(r"(\w+)[-\u2010\u00ad]$", head)
        tail = re.match(r"\w+", text)
        if broken and tail and not keeps_hyphen(broken[1], tail[0], words[1], words[0]):
            return "-"
        return ""  # a compound's own hyphen (or one before a capital or a digit: "non-EU") stays
    if head.endswith(("–", "—")) and len(head) > 1 and head[-2].isalnum():
        return ""
    if head.endswith(("/", "\\")):  # a line broken inside an address or "and/or": no space was there
        return ""
    return " "


def _width_of(line: Line, characters: int) -> float:
    chars = [c for c, raised in zip(line.chars, line.superscript) if not raised][:characters]
    return (chars[-1].x1 - chars[0].x0) if chars else 0.0


def _word_boxes(text: str, xs) -> list[list[float]]:
    """[offset in the line, left, right] of each word, for highlighting part of a line."""
    boxes = []
    for match in re.finditer(r"\S+", text):
        start, end = match.start(), match.end() - 1
        if end < len(xs):
            boxes.append([start, round(xs[start][0], 1), round(xs[end][1], 1)])
    return boxes


def _pages(layouts, line_map, markers, footnotes) -> list[dict]:
    labels = _labels(layouts)
    pages = []
    for layout in layouts:
        ranges = [entry for entry in line_map if entry["page"] == layout.number]
        body = [entry for entry in ranges if not any(n["start"] <= entry["start"] < n["end"] for n in footnotes)]
        pages.append({
            "page": layout.number,
            "label": labels[layout.number],
            "width": round(layout.width, 1),
            "height": round(layout.height, 1),
            "start": body[0]["start"] if body else None,
            "end": body[-1]["end"] if body else None,
            "footnotes": [{key: note[key] for key in ("marker", "start", "end")}
                          for note in footnotes if note["page"] == layout.number],
            "markers": [m for m in markers if m["page"] == layout.number],
            "left_out": layout.furniture,
        })
    return pages


def _labels(layouts) -> dict[int, str]:
    """Each page's number as printed, where the printed numbers run with the PDF's pages (a
    report's page 1 may be the PDF's third); else the PDF's own page labels, where it has them;
    else the PDF's order."""
    offsets = [layout.printed_number - layout.number for layout in layouts if layout.printed_number]
    if offsets:
        offset = statistics.mode(offsets)
        if offsets.count(offset) >= max(2, 0.5 * len(layouts)) or len(layouts) == 1 == len(offsets):
            return {layout.number: str(layout.number + offset) for layout in layouts}
    if all(layout.pdf_label for layout in layouts):
        return {layout.number: layout.pdf_label for layout in layouts}
    return {layout.number: str(layout.number) for layout in layouts}
