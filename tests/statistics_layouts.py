"""Write the layouts Eurostat (and Statbel) serve from a real SDMX-CSV 2.0 file of codes and
labels, so that every layout is read against the values of the real file.

Each writer follows the publisher's layout as its download options describe it: SDMX-CSV 2.0
and 1.0 (codes only; labels only, with LAST UPDATE; "code: label" cells), the TSV bulk format
(one row per series, one column per period, "61.0 b", ":" for missing; gzipped), the data
browser's XLSX (fixed dimensions above a table of places by periods, a flag column after each
period) and a plain table with a header row (Statbel's open data)."""

import csv
import gzip
import io
from pathlib import Path

FILES = Path(__file__).parent / "extract" / "statistics-files"
LAST_UPDATE = "12/06/25 23:00:00"
MEASURE_NAMES = {"TIME_PERIOD": "Time", "OBS_VALUE": "Observation value",
                 "OBS_FLAG": "Observation status (Flag) V2 structure", "CONF_STATUS": "Confidentiality status (flag)"}


def real_rows(name: str) -> tuple[list[str], dict, list[dict]]:
    """The dimensions (in order), their names, and the rows of a real file: each dimension's
    code and label, the period, value, flag and its words, and the dataset's id and title."""
    with open(FILES / name, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        pairs = list(zip(header[3::2], header[4::2]))
        dimensions = [code for code, _ in pairs if code not in MEASURE_NAMES]
        names = dict(pairs)
        rows = []
        for cells in reader:
            row = {"STRUCTURE_ID": cells[1], "STRUCTURE_NAME": cells[2]}
            for index, (code, _) in enumerate(pairs):
                row[code] = cells[3 + 2 * index]
                row["label:" + code] = cells[4 + 2 * index]
            rows.append(row)
    return dimensions, names, rows


def _csv(path: Path, header: list[str], records: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def sdmx2_codes(name: str, path: Path) -> Path:
    dimensions, _, rows = real_rows(name)
    measures = ["TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS"]
    return _csv(path, ["STRUCTURE", "STRUCTURE_ID", *dimensions, *measures],
                [["dataflow", row["STRUCTURE_ID"], *(row[d] for d in dimensions), *(row[m] for m in measures)]
                 for row in rows])


def sdmx2_code_and_label_cells(name: str, path: Path) -> Path:
    dimensions, names, rows = real_rows(name)
    measures = ["TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS"]

    def both(row, code):
        return f"{row[code]}: {row['label:' + code]}" if row["label:" + code] else row[code]

    return _csv(path, ["STRUCTURE", "STRUCTURE_ID", *(f"{d}: {names[d]}" for d in dimensions),
                       *(f"{m}: {MEASURE_NAMES[m]}" for m in measures)],
                [["dataflow", row["STRUCTURE_ID"], *(both(row, d) for d in dimensions),
                  *(both(row, m) if m == "OBS_FLAG" else row[m] for m in measures)] for row in rows])


def sdmx1(name: str, path: Path, cells: str) -> Path:
    """SDMX-CSV 1.0 as Eurostat's data browser writes it: DATAFLOW, LAST UPDATE, then the
    dimensions as codes, labels, or "code:label"."""
    dimensions, names, rows = real_rows(name)

    def cell(row, code):
        if cells == "codes":
            return row[code]
        if cells == "labels":
            return row["label:" + code]
        return f"{row[code]}:{row['label:' + code]}"

    header = [f"{d}:{names[d]}" if cells == "both" else d for d in dimensions]
    return _csv(path, ["DATAFLOW", "LAST UPDATE", *header, "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"],
                [[row["STRUCTURE_ID"], LAST_UPDATE, *(cell(row, d) for d in dimensions), row["TIME_PERIOD"],
                  row["OBS_VALUE"], row["OBS_FLAG"]] for row in rows])


def tsv_bulk(name: str, path: Path) -> Path:
    """Eurostat's TSV: "freq,unit,...,geo\\TIME_PERIOD" then the periods; gzipped if the name says."""
    dimensions, _, rows = real_rows(name)
    periods = sorted({row["TIME_PERIOD"] for row in rows})
    series = {}
    for row in rows:
        cell = (row["OBS_VALUE"] or ":") + (" " + row["OBS_FLAG"] if row["OBS_FLAG"] else " ")
        series.setdefault(tuple(row[d] for d in dimensions), {})[row["TIME_PERIOD"]] = cell
    lines = ["\t".join([",".join(dimensions) + "\\TIME_PERIOD", *(f"{p} " for p in periods)])]
    for key, cells in sorted(series.items()):
        lines.append("\t".join([",".join(key), *(cells.get(p, ": ") for p in periods)]))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)
    return path


def xlsx_data_browser(name: str, path: Path, fixed: dict) -> Path:
    """The data browser's spreadsheet: one sheet for the slice `fixed` selects (dimension codes),
    places down, periods across with a flag column after each, labels only."""
    import openpyxl

    dimensions, names, rows = real_rows(name)
    rows = [row for row in rows if all(row[d] == code for d, code in fixed.items())]
    periods = sorted({row["TIME_PERIOD"] for row in rows})
    places = list(dict.fromkeys(row["label:geo"] for row in rows))
    values = {(row["label:geo"], row["TIME_PERIOD"]): row for row in rows}
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Summary"])
    sheet = book.create_sheet("Sheet 1")
    first = rows[0]
    code = first["STRUCTURE_ID"].split(":")[1].split("(")[0].lower()
    sheet.append([f"{first['STRUCTURE_NAME']} [{code}__custom_17190337]"])
    sheet.append([])
    sheet.append(["Data extracted on 13/06/2025 10:12:21 from [ESTAT]"])
    sheet.append(["Last update of data:", "12/06/2025 23:00"])
    sheet.append(["Last table structure change:", "24/04/2025 23:00"])
    sheet.append([])
    for dimension in dimensions:
        if dimension != "geo":
            sheet.append([names[dimension], first["label:" + dimension]])
    sheet.append([])
    time_row = ["TIME"]
    for period in periods:
        time_row += [period, None]
    sheet.append(time_row)
    sheet.append(["GEO (Labels)"])
    for place in places:
        line = [place]
        for period in periods:
            row = values.get((place, period))
            value = row["OBS_VALUE"] if row else ""
            line += [float(value) if value else ":", (row["OBS_FLAG"] if row else "") or None]
        sheet.append(line)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, float):
                cell.number_format = "0.0"  # as the data browser shows one decimal
    sheet.append([])
    sheet.append(["Special value"])
    sheet.append([":", "not available"])
    sheet.append([])
    sheet.append(["Available flags:"])
    sheet.append(["b", "break in time series"])
    sheet.append(["u", "low reliability"])
    book.save(path)
    return path


def xlsx_table(name: str, path: Path) -> Path:
    """A plain table, as Statbel's open data: one value per row under a header of column names."""
    import openpyxl

    dimensions, _, rows = real_rows(name)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*(d.upper() for d in dimensions), "CD_YEAR", "MS_VALUE", "FLAG"])
    for row in rows:
        if row["OBS_VALUE"]:
            sheet.append([*(row[d] for d in dimensions), int(row["TIME_PERIOD"]), float(row["OBS_VALUE"]),
                          row["OBS_FLAG"]])
            sheet.cell(sheet.max_row, len(dimensions) + 2).number_format = "0.0"
    book.save(path)
    return path
