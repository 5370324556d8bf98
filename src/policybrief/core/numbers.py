"""A value from a table and how it is written: with its unit, its bound, as its document states
it, in the words the catalogue allows for it, and its period. The brief shows its numbers
through this, and so do the comparison of editions and the brief's ledger, which reads back
what the brief printed."""

import re
from dataclasses import dataclass

from policybrief.core.formatting import format_number, in_words, long_date, lower_first, published_decimals, spelled
from policybrief.core.markup import anchor, md
from policybrief.core.periods import period_shown
from policybrief.core.units import words_after

# How a bound reads in front of a number; a wording that spells its bound in its own words
# ("up to six weeks", "by 2011 at the latest") uses {number} or {stated} instead of {value}.
QUALIFIER_WORDS = {"approx": "approximately", "at_least": "at least", "more_than": "more than",
                   "at_most": "up to", "likely": "likely", "range_low": "", "range_high": ""}
# A bound on a year reads as the sentence puts it: "by 2011 at the latest", "more likely by 2009".
YEAR_BOUNDS = {"at_most": "by {} at the latest", "likely": "more likely by {}", "approx": "around {}"}


class Shown(str):
    """Words the brief prints for one row of a table (a fact's wording, a document's citation).
    They carry the row (`mark`: the ledger's kind, the table, the row's id, the column and the
    period), and the template's print records it (brief/marks.py), so the brief's ledger traces
    a number inside them to that row, not to whatever row has its value."""

    mark: dict

    def __new__(cls, text: str, mark: dict):
        shown = super().__new__(cls, text)
        shown.mark = mark
        return shown


class MarkedText(str):
    """Text that holds words of several rows (a figure's caption or alt text, the summary of
    what changed): its `parts` are plain text or Shown, each printed as the words of its row."""

    parts: tuple

    def __new__(cls, parts):
        # A part that is itself marked text gives its own parts, so that none of its marks is lost.
        parts = tuple(inner for part in parts if part
                      for inner in (part.parts if isinstance(part, MarkedText) else (part,)))
        text = super().__new__(cls, "".join(parts))
        text.parts = parts
        return text

    def spans(self) -> list[dict]:
        """Where each part that is words of a row is, and its row's mark (for a JSON file)."""
        found, position = [], 0
        for part in self.parts:
            if isinstance(part, Shown):
                found.append({"start": position, "end": position + len(part), "mark": part.mark})
            position += len(part)
        return found

    @classmethod
    def from_spans(cls, text: str, spans) -> "MarkedText":
        """The text again, its parts where `spans` (as spans() wrote them) say."""
        parts, position = [], 0
        for span in sorted(spans, key=lambda span: span["start"]):
            parts += [text[position:span["start"]], Shown(text[span["start"]:span["end"]], span["mark"])]
            position = span["end"]
        return cls([*parts, text[position:]])


def span_mark(first: dict | None, last: dict | None) -> dict:
    """The mark of a span of years whose ends are cells of two rows ({table, id, column} each):
    the ledger checks its first year against the first cell, its last against the last."""
    ends = [end for end in (first, last) if end]
    return {"kind": "span of years", "table": ends[0]["table"] if ends else "",
            "id": " to ".join(end["id"] for end in ends),
            "inputs": {name: end for name, end in (("first", first), ("last", last)) if end}}


def joined_parts(groups: list[list], separator: str) -> list:
    """Lists of a MarkedText's parts joined into one, a separator between each two."""
    parts = []
    for index, group in enumerate(groups):
        parts += ([separator] if index else []) + list(group)
    return parts


def of_same_row(text: str, like) -> str:
    """`text`, made from `like`, as words of the same row where `like` is (a filter's result)."""
    return Shown(text, like.mark) if isinstance(like, Shown) and not isinstance(text, Shown) else text


def part_by_part(formatter, first_only: bool = False):
    """A formatter of words applied to each part of a MarkedText (or, `first_only`, to its first:
    a capital), each part keeping its row; to other words as they are, keeping their row. An
    escape folds white space, so a part keeps one space at an edge where it had some."""
    def edges_kept(part, *arguments):
        text = formatter(part, *arguments)
        return f"{' ' if part[:1].isspace() else ''}{text}{' ' if part[-1:].isspace() and text else ''}"

    def apply(text, *arguments):
        if not isinstance(text, MarkedText):
            return of_same_row(formatter(text, *arguments), text)
        parts = [of_same_row(edges_kept(part, *arguments) if index == 0 or not first_only else part, part)
                 for index, part in enumerate(text.parts)]
        return MarkedText(parts)
    return apply


def indicator_key(row: dict) -> str:
    """'high_education_gap_pp' + group + geography: the latest period answers to it."""
    parts = [row["indicator"], row["group"], row["geography"]]
    return anchor("_".join(p for p in parts if p)).replace("-", "_")


def text_mark(row: dict, key: str, table: str, column: str) -> dict:
    """What a print of words of a row's cell (or made from it) is: that row's text, whose
    digits the ledger finds in the cell."""
    return {**row_mark(row, key, table, column), "kind": f"text of a row ({column})"}


def count_mark(table: str, name: str, value: int) -> dict:
    """What a print of a count is: the ledger's own count of a table, under its name."""
    return {"kind": "count", "table": table, "id": name, "period": "", "value": value}


def date_mark(table: str, key: str, column: str = "date") -> dict:
    """What a print of a date written out is ("23 November 2026", "June 2025"): the date cell
    of a row (the edition's, a previous edition's; a statistics value's vintage)."""
    return {"kind": "date", "table": table, "id": key, "column": column, "period": ""}


def vintage_shown(row: dict, key: str) -> "Shown":
    """When a statistics value's data date from, written out ("June 2025"): its facts row's
    vintage cell (the file's last update, or the month it was downloaded)."""
    return Shown(long_date(row["vintage"]), date_mark("facts", key, "vintage"))


def cell_words(row: dict, key: str, table: str, column: str):
    """A cell of a row as the template prints it: a cell of words with digits in it ("OECD
    (2006)", "the 1999 law") is that row's text, so the ledger traces its digits to the row."""
    value = row[column]
    if isinstance(value, str) and any(character.isdigit() for character in value):
        return Shown(value, text_mark(row, key, table, column))
    return value


class RowWords(dict):
    """A row (of lists.csv, documents.csv) whose cells of words the template prints as that
    row's words (cell_words)."""

    def __init__(self, row: dict, key: str, table: str):
        super().__init__(row)
        self._row, self._key, self._table = dict(row), key, table

    def __getitem__(self, column):
        return cell_words(self._row, self._key, self._table, column)


def from_data_file(row: dict) -> bool:
    """True for a row of facts whose value a plug-in data file gives: a value no document
    states, or one that replaced the value a document states."""
    return not row.get("document") or bool(row.get("replaced_value"))


def source_words(row: dict, key: str, table: str, markdown: bool = False) -> Shown:
    """A row's source, as words of that row (escaped for Markdown, or plain for a figure's text)."""
    return Shown(md(row["source"]) if markdown else row["source"], text_mark(row, key, table, "source"))


def with_source(shown: Shown, row: dict, key: str, table: str, markdown: bool = False) -> str:
    """A value as shown, and, where a data file gives it, its source: "37.5% (Register)". So no
    sentence gives it to the document whose value it replaced (the brief's ledger fails one
    that does)."""
    if table != "facts" or not from_data_file(row) or not row.get("source"):
        return shown
    return MarkedText([shown, " (", source_words(row, key, table, markdown), ")"])


def row_mark(row: dict, key: str, table: str, column: str = "value") -> dict:
    """What a print of a row's words is, for the ledger: a fact's (or a plug-in value's, an
    indicator's) value or period, a document's year."""
    if table == "documents":
        kind = "year"
    elif column == "period":
        kind = "period"
    else:
        kind = {"facts": "plug-in value" if from_data_file(row) else "fact"}.get(table, "indicator")
    return {"kind": kind, "table": table, "id": key, "column": column, "period": row.get("period", "")}


def fallback_wording(row: dict) -> str:
    """Words for a value that has none in the catalogue (a plug-in file's new indicator)."""
    dims = ", ".join(d for d in (row.get("group"), row.get("geography"), row.get("period")) if d)
    return f"{{value}} ({lower_first(row['label'])}{', ' + dims if dims else ''})"


@dataclass(frozen=True, eq=False)
class Number:
    """A value from a table, with how to show it, where it came from and its other periods."""

    row: dict
    key: str
    series: tuple = ()  # rows of the same indicator, geography and group, by period
    table: str = "facts"

    @property
    def value(self) -> float:
        return float(self.row["value"])

    def _shown(self, text: str, column: str = "value") -> Shown:
        return Shown(text, row_mark(self.row, self.key, self.table, column))

    @property
    def fixed_decimals(self) -> int | None:
        """A data file's value keeps the decimals it is published with (Eurostat's 61.0), and so
        does an indicator given them (editions.changes: 11.0 from 62.0 − 51.0); None for a
        document's number, printed as short as it reads."""
        published = self.from_data_file or self.table == "indicators"
        return published_decimals(self.row.get("value_text", "")) if published else None

    def __str__(self) -> str:
        return self._shown(format_number(self.value, unit=self.row["unit"], fixed=self.fixed_decimals))

    @property
    def shown(self) -> str:
        return self._shown(f"{self}{words_after(self.row['unit'])}")

    @property
    def bounded(self) -> str:
        """The number with its bound: 'approximately 32%', 'by 2011 at the latest'."""
        qualifier = self.row.get("qualifier", "")
        if self.row["unit"] == "calendar year" and qualifier in YEAR_BOUNDS:
            return self._shown(YEAR_BOUNDS[qualifier].format(self.shown))
        words = QUALIFIER_WORDS.get(qualifier, "")
        return self._shown(f"{words} {self.shown}") if words else self.shown

    @property
    def stated(self) -> str:
        """The number as the document writes it ('half', 'twice', 'six'); digits as the brief shows them."""
        text = self.row.get("value_text", "")
        return self._shown(text.lower()) if in_words(text) else str(self)

    @property
    def says(self) -> str:
        """The fact in the words the catalogue allows for it, as escaped Markdown; a data
        file's value with its source."""
        # Words made for a value with no catalogue wording already hold a file's source.
        said = self.says_without_source
        return self._cited(said) if self.row.get("wording") else said

    @property
    def says_without_source(self) -> str:
        """The fact's words without a data file's source, for a sentence that names its
        sources once for several values (the brief's ledger checks that it does)."""
        wording = self.row.get("wording") or fallback_wording(self.row)
        slots = {"{value}": self.bounded, "{number}": self.shown, "{stated}": self.stated,
                 "{words}": spelled(self.value), "{period}": self.when}
        text = md(re.sub(r"\{(value|number|stated|words|period)\}", lambda m: slots[m.group()], wording))
        if self.from_data_file and not self.row.get("wording"):
            # Words made for a value no catalogue words: "37.5% (share of ..., Flanders, 2006,
            # source: Register)", its source always inside.
            return MarkedText([self._shown(text[:-1]), ", source: ", self._source, ")"])
        return self._shown(text)

    @property
    def cited(self) -> str:
        """The number with its bound, and, for a data file's value, its source: "37.5% (Register)"."""
        return self._cited(self.bounded)

    def _cited(self, shown: Shown) -> str:
        return with_source(shown, self.row, self.key, self.table, markdown=True)

    @property
    def _source(self) -> Shown:
        return source_words(self.row, self.key, self.table, markdown=True)

    @property
    def from_data_file(self) -> bool:
        """True for a value a plug-in data file gives (not one a document states)."""
        return self.table == "facts" and from_data_file(self.row) and bool(self.row.get("source"))

    @property
    def replaced(self) -> str:
        """The value a data file replaced, as the document stated it."""
        return self._shown(format_number(float(self.row["replaced_value"]), unit=self.row["unit"]))

    @property
    def when(self) -> str:
        return self._shown(period_shown(self.row.get("period", "")), "period")

    @property
    def anchor(self) -> str:
        return "fact-" + anchor(self.row.get("fact_id") or self.key)

    @property
    def latest(self) -> "Number":
        """The same indicator, geography and group in the latest period (plug-in files can add one)."""
        last = self.series[-1] if self.series else self.row
        return Number(last, last.get("fact_id") or self.key, self.series, self.table)

    @property
    def updated(self) -> bool:
        """True when a plug-in file replaced the value the document states."""
        return bool(self.row.get("replaced_value"))

    def __getattr__(self, name):
        if name not in self.row:
            raise AttributeError(name)
        if name == "source" and self.row["source"]:
            # Always marked, so that the ledger sees which row's source a sentence names.
            return source_words(self.row, self.key, self.table)
        return cell_words(self.row, self.key, self.table, name)


def common_decimals(numbers) -> int | None:
    """The decimals a number computed from these is printed with: those its inputs are
    published with, when every input is a data file's value (61.0 − 51.0 = 10.0); else None."""
    fixed = [number.fixed_decimals for number in numbers]
    return None if any(decimals is None for decimals in fixed) else max(fixed)
