"""Table contracts (public column names) and deterministic CSV reading and writing."""

import csv
import io
from pathlib import Path

DOCUMENT_COLUMNS = ["document", "path", "sha256", "title", "publisher", "date", "language", "words",
                    "authors", "citation", "kind", "role", "original_title", "original_language", "url", "note"]
FACT_COLUMNS = ["fact_id", "document", "indicator", "label", "value", "unit", "period",
                "geography", "group", "qualifier", "quote", "char_start", "char_end", "value_text", "value_start",
                "origin", "source", "replaced_value", "note", "wording", "dataset"]
STATEMENT_COLUMNS = ["statement_id", "document", "about", "quote", "char_start", "char_end"]
RECOMMENDATION_COLUMNS = ["document", "list", "item_id", "number", "audience", "title", "text",
                          "char_start", "char_end", "raw"]
LIST_COLUMNS = ["document", "list", "kind", "item_id", "number", "audience", "title", "text",
                "char_start", "char_end", "raw"]
MENTION_COLUMNS = ["document", "mention_id", "text", "value", "kind", "sentence", "char_start",
                   "char_end", "sentence_start", "sentence_end", "fact_id"]
INDICATOR_COLUMNS = ["indicator", "label", "value", "unit", "period", "geography", "group",
                     "formula", "inputs"]


def format_value(value) -> str:
    """One spelling per number: integers without '.0', others with at most 6 decimals."""
    if isinstance(value, bool) or value is None or value == "":
        return "" if value in (None, "") else str(value)
    if isinstance(value, (int, float)):
        if float(value).is_integer():
            return str(int(value))
        return f"{float(value):.6f}".rstrip("0").rstrip(".")
    return str(value)


def write_rows(path, rows: list[dict], columns: list[str]) -> None:
    """Write rows with exactly these columns, LF line ends, numbers in one spelling."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: format_value(row.get(column, "")) for column in columns})
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")


def read_rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
