"""Every number one click from its evidence: the brief links the words of each row it prints
to where the annex gives that row's evidence.

The template prints every number through a call that knows its row (brief/marks.py); the
marks say where each such text is in the brief's source. Here each one becomes a link to the
annex: a fact's words to the fact, with its sentence (`annex.html#fact-…`); a document's year
or citation to the document's row of the sources table; a computed number to the first of
the rows it is computed from; a count to the annex's section that lists what it counts. The
edition's own date and the brief's ranks have no evidence and stay as they are, and so does
text where a link cannot go: the front matter, a heading, a link's text or target, an image,
an attribute (a figure's alt text), a code block. The PDF's links point at the annex's PDF
(report/brief-style.typ), whose fact headings are named destinations.

The link is `[words](annex.html#fact-…){.evidence}`: styled in the page so that it reads as
text (report/brief.css), announced by a screen reader as a link with the words it covers.
"""

import re

from policybrief.core.markup import anchor
from policybrief.core.numbers import indicator_key

EVIDENCE_PAGE = "annex.html"
# What a count counts, by its table: the annex section that lists those rows.
COUNTED = {"recommendations": "sec-all-recommendations", "documents": "sec-sources", "changes": "sec-changes",
           "facts": "sec-plugin-data"}
# Where no link may go in a line of Markdown: a link (its text and target), an image's path,
# an attribute block (a figure's alt text), inline code. An image's text is its caption,
# which may hold links.
_LINK = re.compile(r"(?P<image>!?)\[(?:\\.|[^\]\\])*\]\([^)]*\)")
_OTHER = re.compile(r"\{[#.][^}]*\}|`[^`]*`")


class EvidenceIndex:
    """Where the annex gives each row's evidence."""

    def __init__(self, indicators=(), lists=()):
        # A computed indicator's evidence is its first input's; a list item's, its document's.
        self.first_input = {indicator_key(row): row["inputs"].split(";")[0] for row in indicators if row.get("inputs")}
        self.document_of = {row["item_id"]: row["document"] for row in lists}

    def target(self, mark: dict) -> str:
        """The annex's address of a mark's evidence, or "" where it has none."""
        if mark.get("kind") in ("derived", "span of years"):
            found = (self.target(ref) for ref in mark.get("inputs", {}).values())
            return next((address for address in found if address), "")
        table, key = mark.get("table"), mark.get("id", "")
        if mark.get("kind") == "count":
            section = COUNTED.get(table)
        elif table == "facts" and mark.get("column") == "vintage":
            section = "sec-datasets"  # where each statistics file's date is given
        elif table == "facts":
            section = "fact-" + anchor(key)
        elif table == "documents":
            section = document_anchor(key)
        elif table == "indicators":
            section = "fact-" + anchor(self.first_input[key]) if key in self.first_input else ""
        elif table == "lists":
            section = document_anchor(self.document_of[key]) if key in self.document_of else ""
        else:  # the edition's own date, a rank the brief gives
            section = ""
        return f"{EVIDENCE_PAGE}#{section}" if section else ""


def document_anchor(document: str) -> str:
    """The anchor of a document's row in the annex's table of sources."""
    return "doc-" + anchor(document)


def with_evidence_links(source: str, marks: list[dict], index: EvidenceIndex) -> tuple[str, list[dict]]:
    """The source with each mark's text that has evidence made a link to it, and the marks
    moved to where their text now is (inside the link's text)."""
    lines = source.splitlines(keepends=True)
    closed_lines = _closed_lines(lines)
    by_line = {}
    for position, mark in enumerate(marks):
        by_line.setdefault(mark["line"], []).append(position)
    moved = [dict(mark) for mark in marks]
    for number, positions in by_line.items():
        line = lines[number - 1]
        if number in closed_lines:
            continue
        closed = _closed_spans(line)
        shift, out, last = 0, [], 0
        for position in sorted(positions, key=lambda p: marks[p]["start"]):
            mark = marks[position]
            target = index.target(mark)
            start, end = mark["start"], mark["end"]
            linked = target and not any(s < end and start < e for s, e in closed)
            if linked:  # the text moves by the link's opening "["
                out += [line[last:start], "[", line[start:end], f"]({target}){{.evidence}}"]
                last = end
                shift += 1
            moved[position]["start"], moved[position]["end"] = start + shift, end + shift
            if linked:
                shift += len(f"]({target}){{.evidence}}")
        lines[number - 1] = "".join(out) + line[last:]
    return "".join(lines), moved


def _closed_spans(line: str) -> list[tuple[int, int]]:
    """Where in a line no link may go (_LINK, _OTHER): of an image, only its path."""
    spans = [match.span() for match in _OTHER.finditer(line)]
    for match in _LINK.finditer(line):
        if match.group("image"):
            path_starts = match.group().rindex("](") + match.start()
            spans += [(match.start(), match.start() + 2), (path_starts, match.end())]
        else:
            spans.append(match.span())
    return spans


def _closed_lines(lines: list[str]) -> set[int]:
    """The lines (from 1) where no link may go: the front matter, headings, code and raw blocks."""
    closed, fenced = set(), False
    front = lines and lines[0].strip() == "---"
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if front:
            closed.add(number)
            front = not (number > 1 and stripped == "---")
            continue
        if stripped.startswith("```"):
            fenced = not fenced
            closed.add(number)
        elif fenced or stripped.startswith("#"):
            closed.add(number)
    return closed
