"""Plug-in data files (data/supplementary/*.csv) for a new edition.

A plug-in row carries indicator, geography, group, period, value, unit and source (label and
note optional). Reading stops at the first file that cannot be read as such a table, with one
message naming the file and listing each row and column that is wrong, what was expected and
what was found. Merging then lets a row replace the extracted fact with the same key, or join
the facts as a new period of a known indicator or as a new indicator.
"""

import csv
import difflib
import io
import re
from pathlib import Path

from .errors import InputError

REQUIRED = ["indicator", "geography", "group", "period", "value", "unit", "source"]
OPTIONAL = ["label", "note"]
KEY = ("indicator", "geography", "group", "period")
SUPPLEMENTARY_COLUMNS = ["where", "file", "row", *REQUIRED, *OPTIONAL]
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
HINT = ("a UTF-8 CSV file with commas and the header "
        "indicator,geography,group,period,value,unit,source (label and note optional)")


def read_plugin(path) -> list[dict]:
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "the file is empty; expected a header row and at least one data row.",
                         f"write {HINT}, or remove the file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"row {line}: byte {data[error.start:error.start + 1]!r} is not UTF-8; "
                               "expected UTF-8 text.", "re-save the file as UTF-8 CSV.") from None
    header_line = text.splitlines()[0]
    if ";" in header_line and "," not in header_line:
        raise InputError(path, f"the header {header_line!r} is separated by semicolons; expected commas.",
                         f"save it as {HINT}.")
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    _check_header(path, header)
    rows, problems = [], []
    for number, raw in enumerate(reader, start=2):  # the header is row 1
        row = {name.strip(): (value or "").strip() for name, value in raw.items() if name is not None}
        if None in raw:
            problems.append(f"row {number}: {len(raw[None])} more value(s) than the header has columns")
        for column in REQUIRED:
            if column not in ("group", "period") and not row.get(column):
                problems.append(f"row {number}, column {column}: expected a value, found nothing")
        if row.get("value") and not _NUMBER.match(row["value"]):
            problems.append(f"row {number}, column value: expected a number such as 42 or 3.5, "
                            f"found {row['value']!r}")
        rows.append({"where": f"{path.as_posix()} row {number}", "file": path.as_posix(), "row": number,
                     **{column: row.get(column, "") for column in REQUIRED + OPTIONAL}})
    if not rows:
        problems.append("no data rows under the header")
    if problems:
        raise InputError(path, "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
                         + ".", f"correct these cells; the file must be {HINT}.")
    return rows


def _check_header(path, header: list[str]) -> None:
    known = REQUIRED + OPTIONAL
    unknown = [name for name in header if name not in known]
    missing = [name for name in REQUIRED if name not in header]
    if not unknown and not missing:
        return
    parts = []
    for name in unknown:
        guess = difflib.get_close_matches(name, known, n=1)
        parts.append(f"column {name!r} is not known" + (f" (did you mean {guess[0]!r}?)" if guess else ""))
    if missing:
        parts.append("missing column(s): " + ", ".join(missing))
    raise InputError(path, "; ".join(parts) + f"; found header {','.join(header)!r}.", f"the file must be {HINT}.")


def fact_key(row: dict) -> tuple:
    return tuple(row[name] for name in KEY)


def plugin_fact_id(row: dict) -> str:
    words = "_".join(part for part in fact_key(row) if part)
    return "plugin_" + re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")


def merge_plugins(facts: list[dict], plugin_rows: list[dict]) -> list[dict]:
    """Facts with plug-in rows applied: a row whose key is that of one extracted fact replaces
    its value (and says so); any other row joins the facts with its file as origin."""
    merged = [dict(fact) for fact in facts]
    by_key = {}
    for fact in merged:
        by_key.setdefault(fact_key(fact), []).append(fact)
    labels = {fact["indicator"]: fact["label"] for fact in facts}
    # A new period of a known series speaks with that series' words, when they hold for any value.
    wordings = {fact_key(fact)[:3]: fact["wording"] for fact in facts if portable_wording(fact.get("wording", ""))}
    for row in plugin_rows:
        matches = by_key.get(fact_key(row), [])
        if len(matches) > 1:
            raise InputError(row["file"], f"row {row['row']}: the key {fact_key(row)} matches "
                                          f"{len(matches)} facts ({', '.join(f['fact_id'] for f in matches)}).",
                             "plug-in rows can replace facts whose indicator, geography, group and period are unique.")
        if matches:
            _replace(matches[0], row)
        else:
            new = _new_fact(row, labels, wordings)
            merged.append(new)
            by_key[fact_key(row)] = [new]
    return merged


def _replace(fact: dict, row: dict) -> None:
    if fact["unit"] != row["unit"]:
        raise InputError(row["file"], f"row {row['row']}, column unit: expected {fact['unit']!r} (the unit of "
                                      f"fact {fact['fact_id']!r} it replaces), found {row['unit']!r}.",
                         "give the value in the unit of the fact it replaces.")
    # The file's value is exact: the document's bound ("approximately", "up to") and its
    # words for the number no longer apply, nor a wording that spells them out.
    fact.update(replaced_value=fact["value"], value=row["value"], value_text=row["value"], qualifier="",
                origin=row["file"], source=row["source"], dataset=row["source"], note=row["note"],
                wording=fact.get("wording", "") if portable_wording(fact.get("wording", "")) else "")


def portable_wording(wording: str) -> bool:
    """A wording that takes any value: it shows the number only through {value}, which carries
    the row's own qualifier, not through the source's words ({stated}) or a bare {number}."""
    return "{value}" in wording and "{stated}" not in wording and "{number}" not in wording


def _new_fact(row: dict, labels: dict, wordings: dict) -> dict:
    return {
        "fact_id": plugin_fact_id(row), "document": "", "indicator": row["indicator"],
        "label": row["label"] or labels.get(row["indicator"], row["indicator"].replace("_", " ")),
        "value": row["value"], "unit": row["unit"], "period": row["period"],
        "geography": row["geography"], "group": row["group"], "qualifier": "", "quote": "",
        "char_start": "", "char_end": "", "value_text": row["value"], "value_start": "",
        "origin": row["file"], "source": row["source"], "replaced_value": "", "note": row["note"],
        "wording": wordings.get(fact_key(row)[:3], ""), "dataset": row["source"],
    }
