"""Marks: what a number is, recorded where the template prints it, for the brief's ledger.

The ledger (brief/ledger.py) traces every number the brief prints to a row. A fact's number
it finds by the fact's wording, a year, a count or a value by what it is. A number the brief
makes itself has no row to be found by: a difference it computes (a gap between two shares,
the years between its newest source and its own date), a span of years it draws from many
rows, a rank it gives. The template prints each of these through a filter that says what it
is, and the ledger reads that, never the words around the number:

    a gap of {{ pair.bound }}{{ pair.derived | derived }} percentage points
    | {{ 1 | rank("priority") }} | Harmonise the work-permit system ... |
    The evidence refers to {{ evidence.span | span }}.

`derived` prints a number the context computed (a Derived: its formula, and the rows of its
inputs) and `span` a span of years (a Span: the rows its first and last years come from);
`rank` prints a rank the template gives, under a name. Each prints what the template printed
before and records a mark. While the template renders, a mark's text sits between two of
Unicode's noncharacters (kept for a program's internal use, never text), with the mark's
index; the source is written without them, and the marks, with the line and columns of each
in the source, beside it (reports/brief-marks.json). The ledger puts them back where the
marks say, reads the brief as its reader sees it, and takes each number inside a mark as what
the mark says, recomputed from the rows it names.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from policybrief.core.errors import InputError
from policybrief.core.formatting import format_number
from policybrief.core.formatting import spelled as spelled_count
from policybrief.core.numbers import MarkedText, Number, Shown, count_mark, span_mark

OPEN, SEP, CLOSE = "\ufdd0", "\ufdd1", "\ufdd2"
_RENDERED = re.compile(f"{OPEN}(\\d+){SEP}([^{OPEN}{SEP}{CLOSE}\\n]*){CLOSE}")
_SPANS = re.compile(f"{OPEN}(\\d+){SEP}|{CLOSE}")


class TemplateMistake(Exception):
    """A template prints a marked number the wrong way; render_source names its line."""

    def __init__(self, problem: str, hint: str):
        self.problem, self.hint = problem, hint
        super().__init__(problem)


@dataclass(frozen=True)
class Ref:
    """A cell of a table: the ledger reads a derived number's inputs from the tables themselves."""

    table: str  # facts, documents or edition
    id: str  # the row: a fact_id, a document; "date" for the edition
    column: str  # value, period or date

    def as_dict(self) -> dict:
        return {"table": self.table, "id": self.id, "column": self.column}


@dataclass(frozen=True)
class Derived:
    """A number the brief computes: a formula over named inputs, each a cell of a table. It is
    printed only through the template's `derived` filter, which marks it."""

    value: float
    formula: str  # arithmetic over the names of `inputs`: "recent - established"
    inputs: dict = field(default_factory=dict)  # name -> Ref
    table: str = ""  # what the ledger says it traces to
    id: str = ""
    period: str = ""
    # Decimals always shown: a difference of values published with one decimal (61.0 − 51.0)
    # is printed with one (10.0), as its inputs are; None prints it as short as it reads.
    fixed: int | None = None

    @property
    def negated(self) -> "Derived":
        """The same difference the other way round: '12 percentage points fewer'."""
        return Derived(0 - self.value, f"-({self.formula})", self.inputs, self.table, self.id, self.period,
                       self.fixed)

    def mark(self) -> dict:
        return {"kind": "derived", "table": self.table, "id": self.id, "period": self.period,
                "formula": self.formula, "inputs": {name: ref.as_dict() for name, ref in self.inputs.items()}}

    def __str__(self) -> str:
        raise TemplateMistake(f"prints a number the brief computes ({self.id}) without saying so.",
                              "print it through the derived filter, as {{ ... | derived }}, so that the "
                              "brief's ledger can recompute it.")


@dataclass(frozen=True)
class Span:
    """A span of years drawn from many rows: the earliest and the latest, each from its row."""

    first: int
    last: int
    first_from: Ref | None = None
    last_from: Ref | None = None

    def mark(self) -> dict:
        return span_mark(*(ref.as_dict() if ref else None for ref in (self.first_from, self.last_from)))

    def __str__(self) -> str:
        raise TemplateMistake("prints a span of years the brief draws from many rows without saying so.",
                              "print it through the span filter, as {{ ... | span }}.")


class Marks:
    """The marks one render records, and the filters that record them."""

    def __init__(self):
        self.recorded: list[dict] = []

    def filters(self) -> dict:
        return {"derived": self.derived, "rank": self.rank, "span": self.span, "count": self.count}

    def count(self, rows, table: str, name: str, spelled: bool = False) -> Shown:
        """How many rows the brief counts, under the name the ledger counts them by:
        {{ recommendations | count("recommendations", "recommendations") }}; `spelled`, in
        words up to ten, as house style writes a count in running text ("five documents").
        Words of the count, marked when printed, so that a capital may still be given."""
        number = len(list(rows))
        return Shown(spelled_count(number) if spelled else str(number), count_mark(table, name, number))

    def row(self, value):
        """What the template prints: words of one row (a Shown, or a Number from the tables)
        marked with their row, and each such part of a MarkedText; anything else as it is."""
        if isinstance(value, MarkedText):
            return "".join(self.row(part) for part in value.parts)
        text = str(value) if isinstance(value, Number) else value
        return self._mark(text, dict(text.mark)) if isinstance(text, Shown) and text else value

    def _mark(self, text: str, mark: dict) -> str:
        self.recorded.append(mark)
        return f"{OPEN}{len(self.recorded) - 1}{SEP}{text}{CLOSE}"

    def derived(self, number) -> str:
        if not isinstance(number, Derived):
            raise TemplateMistake(f"passes {number!r} to the derived filter, which prints a number the brief "
                                  "computes, from the context.",
                                  "pass it a computed entry, such as pair.derived or evidence.years_old.")
        return self._mark(format_number(number.value, fixed=number.fixed), number.mark())

    def span(self, years) -> str:
        if not isinstance(years, Span):
            raise TemplateMistake(f"passes {years!r} to the span filter, which prints a span of years from "
                                  "the context.", "pass it a span, such as evidence.span.")
        return self._mark(f"{years.first}–{years.last}", years.mark())

    def rank(self, value, name: str) -> str:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise TemplateMistake(f"gives the rank {value!r} under {name!r}; a rank is a whole number from 1.",
                                  "write it as {{ 1 | rank(\"priority\") }}.")
        return self._mark(str(value), {"kind": "rank", "table": "brief", "id": name, "period": "", "value": value})

    def take(self, rendered: str) -> tuple[str, list[dict]]:
        """The source without the marks' delimiters, and the marks with where each is in it:
        its line (from 1), the columns it starts and ends at, and the text it covers."""
        lines, located = [], []
        for number, line in enumerate(rendered.splitlines(keepends=True), start=1):
            clean, position = [], 0
            for match in _RENDERED.finditer(line):
                clean.append(line[position:match.start()])
                start = sum(len(part) for part in clean)
                located.append({"line": number, "start": start, "end": start + len(match.group(2)),
                                "shown": match.group(2), **self.recorded[int(match.group(1))]})
                clean.append(match.group(2))
                position = match.end()
            clean.append(line[position:])
            lines.append("".join(clean))
        text = "".join(lines)
        if any(mark in text for mark in (OPEN, SEP, CLOSE)):
            raise TemplateMistake("marks a number across a line break, or inside another mark.",
                                  "print each marked number on one line, and pass a marked number to no filter.")
        return text, located


def marks_file(source: str, marks: list[dict]) -> str:
    """reports/brief-marks.json: the marks, and the checksum of the source they were found in."""
    return json.dumps({"source_sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(), "marks": marks},
                      ensure_ascii=False, indent=1) + "\n"


def read_marks(path, source: str, source_path) -> list[dict]:
    """The marks written with this source; marks written with another source are refused."""
    written = json.loads(Path(path).read_text(encoding="utf-8"))
    if written.get("source_sha256") != hashlib.sha256(source.encode("utf-8")).hexdigest():
        raise InputError(path, f"was written with another version of {source_path}.",
                         "write both again: run snakemake, which reruns the job that writes them.")
    return written["marks"]


def with_marks(lines: list[str], marks: list[dict], path="the brief's marks") -> list[str]:
    """The source's lines with each mark's text between its delimiters again."""
    by_line = {}
    for index, mark in enumerate(marks):
        by_line.setdefault(mark["line"], []).append((index, mark))
    lines = list(lines)
    for number, found in by_line.items():
        line = lines[number - 1] if 0 < number <= len(lines) else ""
        for index, mark in sorted(found, key=lambda item: -item[1]["start"]):  # from the end of the line
            if line[mark["start"]:mark["end"]] != mark["shown"]:
                raise InputError(path, f"mark {index} ({mark['kind']}, {mark['id']}) is not where it says, on line "
                                       f"{number}: {mark['shown']!r}.",
                                 "write the source and its marks again: run snakemake.")
            line = (line[:mark["start"]] + f"{OPEN}{index}{SEP}" + line[mark["start"]:mark["end"]] + CLOSE
                    + line[mark["end"]:])
        lines[number - 1] = line
    return lines


def take_spans(text: str, links=()) -> tuple[str, list, list]:
    """(text without the delimiters, its links' spans moved with it, (start, end, index) of each
    mark's text)."""
    out, removed, spans, open_marks, position = [], [], [], [], 0
    for match in _SPANS.finditer(text):
        out.append(text[position:match.start()])
        at = sum(len(part) for part in out)
        if match.group(1) is not None:
            open_marks.append((at, int(match.group(1))))
        elif open_marks:
            start, index = open_marks.pop()
            spans.append((start, at, index))
        removed.append((match.start(), match.end()))
        position = match.end()
    out.append(text[position:])

    def moved(old: int) -> int:
        return old - sum(min(end, old) - start for start, end in removed if start < old)

    return "".join(out), [(moved(s), moved(e), target) for s, e, target in links], spans
