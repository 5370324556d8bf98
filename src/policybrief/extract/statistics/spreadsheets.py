"""Spreadsheets (.xlsx) as statistics offices publish them, read as observations.

Two shapes:

- Eurostat's data browser sheet: the title with the dataset code in brackets, "Last update
  of data", the fixed dimensions as name/value rows, then a table: a "TIME" row of periods
  (a flag column after each), a "GEO (Labels)" row naming the row dimension, one row per place;
  ":" where no value is published; the flags explained under "Available flags". A workbook
  may hold several such sheets (one per value of a further dimension); each is read.
- A plain table (Statbel's open data): a header row, one value per row. The mapping's
  `columns:` names the period and value columns (and a flag column, if any); every other
  column is a dimension. Without it, a column named like a year or period and one named like
  a value (MS_…, value) are taken, so that an unmapped file can still be described.

openpyxl reads the workbook in read-only mode, one row at a time, so memory stays bounded.
"""

import re
from pathlib import Path

from policybrief.core.errors import InputError
from policybrief.extract.statistics.layouts import (
    CHUNK_ROWS,
    FLAG,
    LABEL,
    PERIOD,
    ROW,
    STATUS,
    VALUE,
    Header,
    Observations,
    profiled_and_kept,
    split_structure_id,
    table_columns,
)

_TITLE = re.compile(r"^(?P<title>.*?)\s*\[(?P<code>[A-Za-z0-9_]+?)(?:__custom_\d+)?\]\s*$")
_META = ("data extracted on", "last update of data", "last table structure change", "dataset", "source of data",
         "online data code", "special value", "available flags")
_DECIMALS = re.compile(r"0\.(0+)")


def read_spreadsheet(path, columns: dict | None = None) -> Observations:
    path = Path(path)
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(path, f"the file is not a readable .xlsx workbook ({type(error).__name__}: {error}).",
                         "download it again as XLSX, or save it from the spreadsheet program as "
                         "'Excel Workbook (.xlsx)'.") from None
    try:
        sheets = [sheet.title for sheet in workbook.worksheets if _eurostat_table(sheet)]
    finally:
        workbook.close()
    if sheets:
        return _eurostat_workbook(path, sheets)
    return _plain_table(path, columns or {})


def _cells(row) -> list[str]:
    """The text of a row's cells; a number with the decimals its cell's format shows (37.0)."""
    return [_text(cell.value, getattr(cell, "number_format", "")) if hasattr(cell, "value") else _text(cell)
            for cell in row]


def _text(value, number_format: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        decimals = _DECIMALS.search(number_format or "")
        if decimals:
            return f"{value:.{len(decimals[1])}f}"
        return repr(value) if isinstance(value, float) and not value.is_integer() else str(int(value))
    return str(value).strip()


def _eurostat_table(sheet) -> bool:
    """A sheet of the data browser's layout: a "TIME" row within its first 60 rows."""
    return any(row and _text(row[0]).upper() == "TIME" for row in sheet.iter_rows(values_only=True, max_row=60))


def _eurostat_workbook(path: Path, sheets: list[str]) -> Observations:
    import openpyxl

    header = Header(layout="Eurostat data browser spreadsheet (XLSX)")
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        layouts = [_read_sheet_head(workbook[name], header) for name in sheets]
    finally:
        workbook.close()
    dimensions = []
    for fixed, row_dimension, _ in layouts:
        for name in [*fixed, row_dimension]:
            if name not in dimensions:
                dimensions.append(name)
    header.dimensions = dimensions
    header.dimension_names = {name: name for name in dimensions}

    def chunks(profile, keep=None):
        import pandas as pd

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for name, (fixed, row_dimension, start) in zip(sheets, layouts):
                rows, periods, reading = [], [], False
                for number, row in enumerate(book[name].iter_rows(), start=1):
                    cells = _cells(row)
                    first = cells[0] if cells else ""
                    if number < start:
                        continue
                    if number == start:
                        periods = [(index, cell) for index, cell in enumerate(cells) if index and cell]
                        continue
                    if first.endswith("(Labels)"):
                        reading = True
                        continue
                    if not reading:
                        continue
                    if not first or first.lower().startswith(_META):
                        break
                    for index, period in periods:
                        flag = cells[index + 1] if index + 1 < len(cells) else ""
                        rows.append({**fixed, row_dimension: first, PERIOD: period,
                                     VALUE: cells[index] if index < len(cells) else "", FLAG: flag, STATUS: "",
                                     ROW: f"{name}!{number}"})
                    if len(rows) >= CHUNK_ROWS:
                        yield profiled_and_kept(_labelled(pd.DataFrame(rows), dimensions), profile, keep, dimensions)
                        rows = []
                if rows:
                    yield profiled_and_kept(_labelled(pd.DataFrame(rows), dimensions), profile, keep, dimensions)
        finally:
            book.close()

    return Observations(header, chunks)


def _labelled(frame, dimensions):
    # The data browser's sheet gives labels only: a label is its own code.
    for name in dimensions:
        frame[LABEL + name] = frame[name]
    return frame


def _read_sheet_head(sheet, header: Header) -> tuple[dict, str, int]:
    """The sheet's fixed dimensions, its row dimension, and the row number of its TIME row;
    the header gets the title, dataset code, last update and flag explanations."""
    fixed, row_dimension, time_row, after_table = {}, "", 0, False
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = _cells(row)
        first = cells[0] if cells else ""
        rest = [cell for cell in cells[1:] if cell]
        if not time_row:
            match = _TITLE.match(first)
            if match and not header.dataset:
                header.title, header.dataset = match["title"], match["code"].upper()
                header.agency = "ESTAT"
            elif first.lower().startswith("last update of data"):
                header.last_update = rest[0] if rest else first.split(":", 1)[-1].strip()
            elif first.upper() == "TIME":
                time_row = number
            elif first and rest and not first.lower().startswith(_META):
                fixed[first.rstrip(":")] = rest[0]
            continue
        if not row_dimension and first.endswith("(Labels)"):
            row_dimension = first[: -len("(Labels)")].strip()
            continue
        if first.lower().startswith("available flags"):
            after_table = True
            continue
        if after_table and first and rest:
            header.flag_labels[first] = rest[0]
    return fixed, row_dimension or "GEO", time_row


def _plain_table(path: Path, columns: dict) -> Observations:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        names = next((_cells(row) for row in sheet.iter_rows(values_only=True, max_row=1)), [])
    finally:
        workbook.close()
    names = [name for name in names if name]
    if not names:
        raise InputError(path, "the workbook's first sheet has no header row (its first row is empty).",
                         "keep the table's header row (its column names) as the first row of the first sheet.")
    period, value, flag, dimensions = table_columns(path, names, columns)
    header = Header(layout="spreadsheet table (XLSX)", title="", dimensions=dimensions,
                    dimension_names={name: name for name in dimensions})
    header.dataset = split_structure_id(path.stem)[1]

    def chunks(profile, keep=None):
        import pandas as pd

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = []
            for number, row in enumerate(book.worksheets[0].iter_rows(), start=1):
                if number == 1:
                    continue
                cells = dict(zip(names, _cells(row)))
                if not any(cells.values()):
                    continue
                record = {dimension: cells.get(dimension, "") for dimension in dimensions}
                record.update({PERIOD: cells.get(period, "") if period else "",
                               VALUE: cells.get(value, "") if value else "",
                               FLAG: cells.get(flag, "") if flag else "", STATUS: "", ROW: number})
                rows.append(record)
                if len(rows) >= CHUNK_ROWS:
                    yield profiled_and_kept(pd.DataFrame(rows), profile, keep, dimensions)
                    rows = []
            if rows:
                yield profiled_and_kept(pd.DataFrame(rows), profile, keep, dimensions)
        finally:
            book.close()

    return Observations(header, chunks)
