"""The tables of a build (the one registry, the engine's workflow/tables.yaml: path, columns,
stage, validated, kept, compared) and deterministic CSV reading and writing.

Every CSV the project writes goes through `write_rows`, and every one it reads back through
`read_rows` (or, for validation, `validation.frames.read_table`), both by way of the two cell
functions below, so that no cell runs as a spreadsheet formula (CSV injection, as OWASP
describes it):

- A cell that a spreadsheet would take for a formula, one beginning with `=`, `+`, `-`, `@`,
  a tab, a carriage return or a line feed, is written with an apostrophe before it
  (`'=HYPERLINK(...)`, `'- a bullet`), which spreadsheets read as "this is text". A plain
  number (`-3.5`, `+2`, the only spellings `format_value` and the plug-in files give a
  number) is left as it is: a spreadsheet reads it as the number, not as a formula.
  `|` and `%` start no formula in Excel, LibreOffice or Google Sheets (`|` is dangerous only
  inside a formula, `=cmd|' /C calc'!A0`, which begins with `=`), so they are left alone.
- So that this can be undone exactly, a cell of apostrophes followed by one of those
  characters (`'=x`, as written by someone) is written with one apostrophe more, and reading
  takes exactly one apostrophe off a cell that begins with apostrophes followed by one of them.
  Every text thus reads back as it was written (a quote is still `text[char_start:char_end]`
  of its document), while what a spreadsheet opens holds no formula.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from policybrief.workflow import WORKFLOW


@dataclass(frozen=True)
class Table:
    """A table of the build, as the registry (the engine's workflow/tables.yaml) declares it."""

    name: str
    path: str
    stage: str
    columns: tuple
    validated: str = ""  # the validation stage whose suites judge it ("": none)
    kept: bool = False  # copied into the edition's record when it is published
    compared: bool = False  # compared with the previous edition's copy

    @property
    def public(self) -> bool:
        """Users and tests read it; the final target asks for it (data/processed/)."""
        return self.path.startswith("data/processed/")


def _registry() -> dict[str, Table]:
    import yaml

    with open(WORKFLOW / "tables.yaml", encoding="utf-8") as handle:
        declared = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {name: Table(name=name, **{**entry, "columns": tuple(entry["columns"])}) for name, entry in declared.items()}


# Every table of a build, by name, in the registry's order.
TABLES = _registry()


def columns_of(name: str) -> list[str]:
    return list(TABLES[name].columns)


DOCUMENT_COLUMNS = columns_of("documents")
FACT_COLUMNS = columns_of("facts")
STATEMENT_COLUMNS = columns_of("statements")
RECOMMENDATION_COLUMNS = columns_of("recommendations")
LIST_COLUMNS = columns_of("lists")
MENTION_COLUMNS = columns_of("mentions")
INDICATOR_COLUMNS = columns_of("indicators")


def format_value(value) -> str:
    """One spelling per number: integers without '.0', others with at most 6 decimals."""
    if isinstance(value, bool) or value is None or value == "":
        return "" if value in (None, "") else str(value)
    if isinstance(value, (int, float)):
        if float(value).is_integer():
            return str(int(value))
        return f"{float(value):.6f}".rstrip("0").rstrip(".")
    return str(value)


# What begins a formula in a spreadsheet; a cell that begins with apostrophes and then one of
# these is marked with one more apostrophe (see the module's docstring).
FORMULA_STARTS = "=+-@\t\r\n"
_MARKED_FIRST = frozenset("'" + FORMULA_STARTS)
_NEEDS_MARK = re.compile(f"'*[{re.escape(FORMULA_STARTS)}]")
_MARKED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def neutralised(cell: str) -> str:
    """The cell as written into a CSV file: an apostrophe before a formula, a number as it is."""
    if cell[:1] in _MARKED_FIRST and _NEEDS_MARK.match(cell) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restored(cell: str) -> str:
    """The text of a cell as neutralised() wrote it."""
    return cell[1:] if cell[:1] == "'" and _MARKED.match(cell) else cell


class _LineFeeds(io.StringIO):
    """Records ended by LF. The csv writer quotes a field that holds a character of its line
    terminator; given LF, a field holding a lone CR (a document with old Mac line ends) would be
    written bare and read back as two records. So the writer is given CR LF, which makes it
    quote both, and each record (one write() per row) is ended by LF instead."""

    def write(self, record: str) -> int:
        return super().write(record[:-2] + "\n")


def write_rows(path, rows: list[dict], columns: list[str]) -> None:
    """Write rows with exactly these columns, LF line ends, numbers in one spelling, no formulas."""
    buffer = _LineFeeds()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralised(column) for column in columns])
    for row in rows:
        writer.writerow([neutralised(format_value(row.get(column, ""))) for column in columns])
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")


def read_rows(path) -> list[dict]:
    """The rows of a CSV file that write_rows wrote, each cell's text as it was given."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = [restored(name) for name in next(reader, [])]
        return [dict(zip(header, map(restored, row), strict=True)) for row in reader if row]
