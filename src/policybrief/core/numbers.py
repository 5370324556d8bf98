"""A value from a table and how it is written: with its unit, its bound, as its document states
it, in the words the catalogue allows for it, and its period. The brief shows its numbers
through this, and so do the comparison of editions and the brief's ledger, which reads back
what the brief printed."""

import re
from dataclasses import dataclass

from policybrief.core.formatting import format_number, in_words, lower_first, spelled
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


def of_same_row(text: str, like) -> str:
    """`text`, made from `like`, as words of the same row where `like` is (a filter's result)."""
    return Shown(text, like.mark) if isinstance(like, Shown) and not isinstance(text, Shown) else text


def row_mark(row: dict, key: str, table: str, column: str = "value") -> dict:
    """What a print of a row's words is, for the ledger: a fact's (or a plug-in value's, an
    indicator's) value or period, a document's year."""
    if table == "documents":
        kind = "year"
    elif column == "period":
        kind = "period"
    else:
        kind = {"facts": "fact" if row.get("document") else "plug-in value"}.get(table, "indicator")
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

    def __str__(self) -> str:
        return self._shown(format_number(self.value, unit=self.row["unit"]))

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
        """The fact in the words the catalogue allows for it, as escaped Markdown."""
        wording = self.row.get("wording") or fallback_wording(self.row)
        slots = {"{value}": self.bounded, "{number}": self.shown, "{stated}": self.stated,
                 "{words}": spelled(self.value), "{period}": self.when}
        text = re.sub(r"\{(value|number|stated|words|period)\}", lambda m: slots[m.group()], wording)
        return self._shown(md(text))

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
        try:
            value = self.row[name]
        except KeyError:
            raise AttributeError(name) from None
        # A cell of words with digits in it ("OECD (2006)"): the digits are that row's text.
        if isinstance(value, str) and any(character.isdigit() for character in value):
            return Shown(value, {**row_mark(self.row, self.key, self.table, name), "kind": f"text of a row ({name})"})
        return value
