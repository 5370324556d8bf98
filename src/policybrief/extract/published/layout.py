"""A PDF page's characters to lines in reading order: running headers, footers and page numbers
set apart, columns read in order, footnotes and the superscript markers that point to them taken
out of the text. Pure functions of the characters' boxes (policybrief.extract.published.pdf_chars).

How a page is read:

1. Characters in drawing order join into fragments: runs on one line with no wide gap.
2. A fragment near the top or bottom edge is a running header or footer when its words (digits
   aside) recur on several pages, and a page number when it is a number alone.
3. Columns are the page's gutters: vertical strips that (almost) no fragment crosses, with text
   on both sides. A fragment that crosses a gutter (a title over the columns) spans them, and
   ends the columns above it: they are read first, left to right, then it, then what follows.
4. In a column, fragments on one baseline are one line, read left to right.
5. The last lines of a column (or of the page) in a smaller type than the text, the first of
   them starting with a marker, are footnotes; a small raised number inside a line is a marker.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from policybrief.extract.published.pdf_chars import MARKER_CHARACTERS, Char, Page

# Where running headers and footers sit: this share of the page's height from either edge.
EDGE_SHARE = 0.1
# A first page's masthead (the running header's words, in larger type) reaches this far down.
MASTHEAD_SHARE = 0.2
# A running header recurs (digits aside) on at least this share of the pages, and on two.
RECURRING_SHARE = 0.4
# A line in a type smaller than this share of the text's is small print (a footnote, say); a
# character smaller than this share of its line's, and raised, is a superscript.
SMALL_SHARE = 0.9
SUPERSCRIPT_SHARE = 0.8
# A gap wider than this many font sizes ends a fragment (columns sit closer than words never).
FRAGMENT_GAP = 1.2
# A table's columns each hold at least this share of its text.
TABLE_COLUMN_SHARE = 0.05
# Footnotes start in this lower share of the page.
FOOTNOTE_SHARE = 0.6

_PAGE_NUMBER = re.compile(r"(?:page|p\.)?\s*[-–]?\s*(?P<number>\d{1,6})\s*[-–]?(?:\s*(?:/|of)\s*\d+)?", re.IGNORECASE)
_ROMAN = re.compile(r"[ivxlc]{1,7}", re.IGNORECASE)
_FOOTNOTE_MARKER = re.compile(r"(?P<marker>\d{1,3}|[*†‡§¶]+)[.)]?(?=\s|[A-Z(\"“])")


class Fragment:
    """A run of characters on one line with no wide gap; its measures taken once."""

    def __init__(self, chars: list[Char]):
        self.chars = chars
        self.x0 = min(c.x0 for c in chars)
        self.x1 = max(c.x1 for c in chars)
        self.top = min(c.top for c in chars)
        self.bottom = max(c.bottom for c in chars)
        sizes = sorted(c.size for c in chars if not c.text.isspace())
        self.size = sizes[len(sizes) // 2] if sizes else max(c.size for c in chars)
        # The baseline of the fragment's main type (a superscript's is higher).
        main = [c.baseline for c in chars if c.size >= SMALL_SHARE * self.size and not c.text.isspace()]
        self.baseline = max(main) if main else max(c.baseline for c in chars)
        self.text = "".join(c.text for c in chars).strip()


@dataclass
class Line:
    """One line of a column, its characters left to right; superscripts flagged."""

    page: int
    chars: list[Char]
    superscript: list[bool]
    flow: int  # lines of one flow (a column, or a spanning block) read on from each other
    size: float
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    flow_left: float = 0.0
    flow_right: float = 0.0

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line]  # the text, in reading order
    footnotes: list[list[Line]]  # each footnote's lines
    furniture: list[str]  # running headers, footers and page numbers, as printed
    printed_number: int | None = None
    pdf_label: str = ""  # the PDF's own label for the page, if it has page labels


def fragments_of(chars) -> list[Fragment]:
    """Characters in drawing order to fragments: a new one where the next character is not on
    the same line just after the last (another line, a column's gap, a jump back)."""
    runs, current = [], []
    for char in _with_accents(chars):
        if current and not _continues(current[-1], char):
            runs.append(current)
            current = []
        if char.text.isspace() and not current:
            continue
        current.append(char)
    runs.append(current)
    # Trailing spaces go before a fragment is measured.
    fragments = (Fragment(run[:_trimmed_length(run)]) for run in runs if run)
    return [fragment for fragment in fragments if fragment.text]


# Accents some typesetters draw as characters of their own over a letter ("e" then "ˆ"), and
# the combining marks they stand for.
SPACING_ACCENTS = {"ˆ": "\u0302", "˜": "\u0303", "¨": "\u0308", "´": "\u0301", "`": "\u0300", "¸": "\u0327",
                   "ˇ": "\u030c", "˚": "\u030a", "¯": "\u0304", "˘": "\u0306", "˙": "\u0307", "˛": "\u0328"}


def _with_accents(chars) -> list[Char]:
    """An accent drawn over (or under) the letter before or after it joined to that letter, as
    one character ("e" + "ˆ" is "ê"): pdftotext leaves "Ageˆncia"."""
    joined = []
    for char in chars:
        accent = SPACING_ACCENTS.get(char.text)
        if accent and joined and _over(char, joined[-1]):
            letter = unicodedata.normalize("NFC", joined[-1].text + accent)
            if len(letter) == 1:
                joined[-1] = replace(joined[-1], text=letter)
                continue
        previous = joined[-1] if joined else None
        if previous is not None and SPACING_ACCENTS.get(previous.text) and _over(previous, char):
            letter = unicodedata.normalize("NFC", char.text + SPACING_ACCENTS[previous.text])
            if len(letter) == 1:
                joined[-1] = replace(char, text=letter)
                continue
        joined.append(char)
    return joined


def _over(accent: Char, letter: Char) -> bool:
    middle = (accent.x0 + accent.x1) / 2
    return letter.text.isalpha() and letter.x0 - 0.5 <= middle <= letter.x1 + 0.5


def _continues(previous: Char, char: Char) -> bool:
    top, bottom = char.top, char.bottom
    previous_top, previous_bottom = previous.top, previous.bottom
    overlap = (bottom if bottom < previous_bottom else previous_bottom) - (top if top > previous_top else previous_top)
    size, previous_size = bottom - top, previous_bottom - previous_top
    if overlap < 0.5 * (size if size < previous_size else previous_size):
        return False
    gap = char.x0 - previous.x1
    larger = size if size > previous_size else previous_size
    # The letters of a ligature ("ffi") share one box: each starts where the one before did.
    return (-0.5 * larger <= gap or char.x0 >= previous.x0 - 0.5) and gap <= FRAGMENT_GAP * larger


def _trimmed_length(run: list[Char]) -> int:
    """How many characters the run keeps without its trailing spaces."""
    length = len(run)
    while length and run[length - 1].text.isspace():
        length -= 1
    return length


def body_size(pages_fragments) -> float:
    """The text's type size: the size most characters have."""
    counts = {}
    for fragments in pages_fragments:
        for fragment in fragments:
            size = round(fragment.size, 1)
            counts[size] = counts.get(size, 0) + len(fragment.chars)
    return max(counts, key=lambda size: (counts[size], -size)) if counts else 10.0


def furniture_masks(pages: list[Page], pages_fragments) -> set[tuple[str, int]]:
    """The running headers and footers: texts (digits masked) at one place near an edge on
    several pages (a footnote, which starts with a raised marker, is none). Each as (text, band):
    a title that reads as the running header, lower on the first page, is text."""
    seen = {}
    for page, fragments in zip(pages, pages_fragments):
        for key in {(_mask(f.text), _band(f)) for f in fragments if _near_edge(f, page) and not _starts_raised(f)}:
            seen[key] = seen.get(key, 0) + 1
    needed = max(2, RECURRING_SHARE * len(pages))
    return {key for key, count in seen.items() if count >= needed}


def _band(fragment: "Fragment") -> int:
    return round(fragment.baseline / 4)


def is_superscript(char: Char, baseline: float, size: float) -> bool:
    """A character set above its line: in smaller type on a raised baseline, or a superscript
    glyph (a font's own superscript figures sit on the baseline, drawn high)."""
    if char.baseline < baseline - 0.2 * size and char.bottom - char.top < SUPERSCRIPT_SHARE * size:
        return not char.text.isspace()
    return char.ink_bottom < baseline - 0.25 * size and char.text in MARKER_CHARACTERS


def _starts_raised(fragment: Fragment) -> bool:
    return is_superscript(fragment.chars[0], fragment.baseline, fragment.size)


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _recurs(fragment: Fragment, page: Page, masks: set[tuple[str, int]]) -> bool:
    """A running header where the others are, or its words alone anywhere after the first page
    (where the document's title may read as its running header), or a piece of one near the top
    of the first page (a masthead, in larger type)."""
    if _starts_raised(fragment):
        return False
    mask, band = _mask(fragment.text), _band(fragment)
    worded = re.search(r"[^\W\d_]", mask)  # (a lone number is the page number's business)
    if worded and any((mask, near) in masks for near in (band - 1, band, band + 1)):
        return _near_edge(fragment, page)
    if worded and page.number > 1 and any(mask == recurring for recurring, _ in masks):
        return True  # a running header's words alone, elsewhere on a page: a header the text kept
    return (page.number == 1 and len(mask) >= 6 and fragment.bottom <= MASTHEAD_SHARE * page.height
            and any(mask != recurring and re.search(rf"(?:^|\W){re.escape(mask)}(?:\W|$)", recurring)
                    for recurring, _ in masks))


def _near_edge(fragment: Fragment, page: Page) -> bool:
    return fragment.bottom <= EDGE_SHARE * page.height or fragment.top >= (1 - EDGE_SHARE) * page.height


def page_number_of(text: str) -> int | None:
    """'12', '- 12 -', 'Page 12 of 40' -> 12; a roman numeral -> 0 (a number, not a label)."""
    text = text.strip()
    match = _PAGE_NUMBER.fullmatch(text)
    if match:
        return int(match["number"])
    return 0 if _ROMAN.fullmatch(text) else None


def raised_footnotes(pages: list[Page], pages_fragments, text_size: float) -> bool:
    """Whether the document's footnotes start with a raised marker: then a line of small type
    that starts with a number on the line (a table's row) starts none."""
    return any(f.size < SMALL_SHARE * text_size and f.top >= (1 - FOOTNOTE_SHARE) * page.height and _starts_raised(f)
               for page, fragments in zip(pages, pages_fragments) for f in fragments)


def page_number_offset(pages: list[Page], pages_fragments) -> int | None:
    """How the printed page numbers run from the PDF's (printed = PDF page + offset): the offset
    most pages' lone numbers near an edge agree on, if they agree on two pages or on a single
    page's; None where none does."""
    offsets = []
    for page, fragments in zip(pages, pages_fragments):
        numbers = {page_number_of(f.text) for f in fragments if _near_edge(f, page) and not _starts_raised(f)}
        numbers |= {page_number_of(f.text.rpartition(" ")[2]) for f in fragments
                    if _near_edge(f, page) and " " in f.text}
        offsets += {number - page.number for number in numbers if number}
    if not offsets:
        return None
    offset, count = Counter(offsets).most_common(1)[0]
    return offset if count >= 2 or len(pages) == 1 else None


def lay_out(page: Page, fragments: list[Fragment], masks: set[tuple[str, int]], text_size: float,
            raised_markers: bool = False, offset: int | None = None) -> PageLayout:
    """The page read: its text lines in order, its footnotes, what was left out. With
    raised_markers (a document whose footnotes start with a raised number), a line of small
    type that starts with a number on the line (a row of a table, say) starts no footnote."""
    body, furniture, printed = [], [], None
    for fragment in fragments:
        edge = _near_edge(fragment, page) and not _starts_raised(fragment)
        number = page_number_of(fragment.text) if edge else None
        # A lone number near an edge is the page's number where it runs with the others (or is
        # roman, as front matter's); another number there is text (a line of the text, a year).
        folio = number == 0 or number is not None and (offset is None or number == page.number + offset)
        if folio or _recurs(fragment, page, masks):
            furniture.append(fragment.text)
            printed = number or printed
            continue
        if edge:
            # A running header that ends in its page number ("... Proposed Rules 47699").
            head, _, tail = fragment.text.rpartition(" ")
            if head and any(_mask(head) == mask for mask, _ in masks) and page_number_of(tail):
                furniture.append(fragment.text)
                printed = page_number_of(tail)
                continue
        body.append(fragment)
    gutters = _gutters(body, text_size)
    flows = _flows(body, gutters, text_size)
    lines, footnotes = [], []
    for number, flow in enumerate(flows):
        flow_lines = _lines(page.number, flow, number)
        text_lines, notes = _split_footnotes(flow_lines, text_size, page.height, raised_markers)
        lines += text_lines
        footnotes += notes
    if page.rotated:
        furniture.append(page.rotated)
    return PageLayout(page.number, page.width, page.height, lines, footnotes, furniture, printed, page.label)


def _gutters(fragments: list[Fragment], text_size: float, share: float = 0.02) -> list[tuple[float, float]]:
    """Vertical strips that at most a few fragments cross, with text on each side (two fragments
    and a share of the characters at least: a last page's second column may hold two lines)."""
    if len(fragments) < 6:
        return []
    left, right = int(min(f.x0 for f in fragments)), int(max(f.x1 for f in fragments)) + 1
    cover = [0] * (right - left + 1)
    for fragment in fragments:
        for x in range(int(fragment.x0) - left + 1, int(fragment.x1) - left):
            cover[x] += 1
    allowed = max(1, int(0.03 * len(fragments)))
    gutters, start = [], None
    for x, count in enumerate(cover + [allowed + 1]):
        if count <= allowed and start is None:
            start = x
        elif count > allowed and start is not None:
            strip = (left + start, left + x)
            start = None
            if strip[1] - strip[0] < 0.5 * text_size:
                continue
            left_side = [f for f in fragments if f.x1 <= strip[0] + 1]
            right_side = [f for f in fragments if f.x0 >= strip[1] - 1]
            total = sum(len(f.chars) for f in fragments)
            if min(len(left_side), len(right_side)) >= 2 and all(
                    sum(len(f.chars) for f in side) >= share * total for side in (left_side, right_side)):
                gutters.append(strip)
    return gutters


def _spans(fragment: Fragment, gutters) -> bool:
    return any(fragment.x0 < start - 1 and fragment.x1 > end + 1 for start, end in gutters)


def _column(fragment: Fragment, gutters) -> int:
    middle = (fragment.x0 + fragment.x1) / 2
    return sum(1 for start, _ in gutters if middle > start)


def _flows(fragments: list[Fragment], gutters, text_size: float = 0.0) -> list[list[Fragment]]:
    """Fragments grouped into flows in reading order: the columns of each band between spanning
    fragments, left to right, and each run of spanning fragments (its own columns in turn, where
    it has any: a table's)."""
    flows, band = [], []

    def close_band():
        columns = {}
        for fragment in band:
            columns.setdefault(_column(fragment, gutters), []).append(fragment)
        flows.extend(columns[index] for index in sorted(columns))
        band.clear()

    def close_spanning():
        # A block across the columns (a table, say) may have columns of its own, read in turn.
        if len(spanning) >= 6 and text_size:
            flows.extend(_flows(spanning, _gutters(spanning, text_size, share=TABLE_COLUMN_SHARE), 0.0))
        elif spanning:
            flows.append(list(spanning))
        spanning.clear()

    spanning = []
    for fragment in sorted(fragments, key=lambda f: (f.baseline, f.x0)):
        if _spans(fragment, gutters):
            close_band()
            spanning.append(fragment)
        else:
            close_spanning()
            band.append(fragment)
    close_band()
    close_spanning()
    return flows


def _lines(page: int, flow: list[Fragment], number: int) -> list[Line]:
    """A flow's fragments to lines: those on one baseline (a superscript sits above it) joined."""
    groups = []
    for fragment in sorted(flow, key=lambda f: f.baseline):
        if groups and abs(fragment.baseline - groups[-1][-1].baseline) <= 0.5 * min(fragment.size,
                                                                                   groups[-1][-1].size):
            groups[-1].append(fragment)
        else:
            groups.append([fragment])
    lines = []
    for group in groups:
        group.sort(key=lambda f: f.x0)
        size = max(f.size for f in group)
        baseline = max(f.baseline for f in group)
        chars, raised = [], []
        for fragment in group:
            if chars:
                last = chars[-1]
                chars.append(Char(" ", last.x1, last.top, fragment.x0, last.bottom, last.baseline, last.baseline))
                raised.append(False)
            for char in fragment.chars:
                chars.append(char)
                raised.append(is_superscript(char, baseline, size))
        lines.append(Line(page, chars, raised, number, size, min(f.x0 for f in group), min(f.top for f in group),
                          max(f.x1 for f in group), max(f.bottom for f in group), baseline))
    if lines:
        # Where the flow's lines usually end (not its widest line's end: a table's may be wider).
        ends = sorted(line.x1 for line in lines)
        left, right = min(line.x0 for line in lines), ends[int(0.8 * (len(ends) - 1))]
        for line in lines:
            line.flow_left, line.flow_right = left, right
    return lines


def align_column_edges(layouts: list[PageLayout]) -> None:
    """A column of a few lines, all set in (a last page's second column holding two sub-items),
    takes its left edge from the columns of the other pages: its lines' indent is then seen."""
    edges = {round(flow[0].flow_left, 1) for layout in layouts for flow in _by_flow(layout.lines) if len(flow) >= 4}
    for layout in layouts:
        for flow in _by_flow(layout.lines):
            left = flow[0].flow_left
            nearer = [edge for edge in edges if left - 3 * flow[0].size <= edge < left - 0.5]
            if len(flow) < 4 and nearer:
                for line in flow:
                    line.flow_left = max(nearer)


def _by_flow(lines: list[Line]) -> list[list[Line]]:
    flows = {}
    for line in lines:
        flows.setdefault(line.flow, []).append(line)
    return list(flows.values())


def _split_footnotes(lines: list[Line], text_size: float, page_height: float,
                     raised_markers: bool) -> tuple[list[Line], list[list[Line]]]:
    """The flow's last lines in small type, in the lower part of the page and one of them
    starting with a marker, are its footnotes, one per marker (lines before the first marker
    carry on a footnote from the page before)."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < SMALL_SHARE * text_size:
        start -= 1
    small = lines[start:]
    if not any(_starts_footnote(line, raised_markers) for line in small) or \
            small[0].top < (1 - FOOTNOTE_SHARE) * page_height:
        return lines, []
    notes = []
    for line in small:
        if _starts_footnote(line, raised_markers) or not notes:
            notes.append([line])
        else:
            notes[-1].append(line)
    return lines[:start], notes


def _starts_footnote(line: Line, raised_only: bool = False) -> bool:
    if starts_raised(line):
        return True
    return not raised_only and bool(_FOOTNOTE_MARKER.match(line.text.lstrip()))


def starts_raised(line: Line) -> bool:
    return bool(line.superscript and line.superscript[0])


def footnote_marker(line: Line) -> str:
    """A footnote's marker ('' for a footnote carried on from the page before)."""
    if starts_raised(line):
        end = 0
        while end < len(line.chars) and line.superscript[end]:
            end += 1
        return "".join(c.text for c in line.chars[:end]).strip()
    match = _FOOTNOTE_MARKER.match(line.text.lstrip())
    return match["marker"] if match else ""
