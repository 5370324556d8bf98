"""Tables as DataFrames for validation: text as read, numbers coerced, derived checks added.

Columns are read as text so that a bad value is seen as written (a cell marked against
spreadsheet formulas is read back as its text, as tables.read_rows reads it); declared numeric
columns are then coerced (a non-number becomes empty, which an expectation reports). Derived
columns hold checks that need more than one column or the source document.
"""

from pathlib import Path

import pandas as pd

from policybrief.core.documents import read_text
from policybrief.core.tables import restored


def read_table(path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame.columns = [restored(name) for name in frame.columns]
    for column in frame.columns:
        marked = frame[column].str.startswith("'")  # the few cells restored() may change
        if marked.any():
            frame.loc[marked, column] = frame.loc[marked, column].map(restored)
    return frame


def validation_frame(raw: pd.DataFrame, numeric_columns, derived_columns, texts: dict) -> pd.DataFrame:
    frame = raw.copy()
    for column in numeric_columns:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column].str.strip(), errors="coerce")
    for name in derived_columns:
        frame[name] = DERIVED[name](raw, texts)
    return frame


def _slice_matches(raw: pd.DataFrame, texts: dict, column: str) -> list[bool]:
    matches = []
    for row in raw.to_dict("records"):
        text = texts.get(row.get("document", ""))
        try:
            start, end = int(row["char_start"]), int(row["char_end"])
        except (KeyError, ValueError):
            matches.append(False)
            continue
        matches.append(text is not None and text[start:end] == row.get(column))
    return matches


def _whole_values(raw: pd.DataFrame, texts: dict) -> list[bool]:
    """True where the value has no fraction (or is empty: another expectation tells that)."""
    values = pd.to_numeric(raw["value"].str.strip(), errors="coerce")
    return [float(value).is_integer() if value == value else True for value in values]


DERIVED = {
    # quote == text[char_start:char_end] of the document: the provenance rule.
    "quote_is_verbatim": lambda raw, texts: _slice_matches(raw, texts, "quote"),
    "raw_is_verbatim": lambda raw, texts: _slice_matches(raw, texts, "raw"),
    "text_is_verbatim": lambda raw, texts: _slice_matches(raw, texts, "text"),
    # A count has no fraction (units marked whole in config/units.yaml).
    "value_is_whole": _whole_values,
}


def load_texts(paths) -> dict:
    return {Path(path).stem: read_text(path) for path in paths}
