"""A downloaded statistics file, whatever its layout, read as observations.

Every layout becomes the same thing: a header (dataset, title, last update, dimensions) and
chunks of observations, one row per value, with a column per dimension (its code), the
dimension's label where the file gives one (column "label:<dimension>"), TIME_PERIOD,
OBS_VALUE (the text as written), OBS_FLAG, CONF_STATUS and the row of the file it came from.
Chunks keep memory bounded: a caller filters each before the next is read.

Layouts read (docs/official-statistics.md shows each):

- SDMX-CSV 2.0 (first column STRUCTURE): codes only; codes and labels (a label column after
  each code column, as Eurostat's data browser writes it); or "code: label" cells.
- SDMX-CSV 1.0 (first column DATAFLOW, often with LAST UPDATE): codes only, labels only, or
  "code:label" cells.
- Eurostat's TSV bulk format: one row per series, its key comma-separated in the first column
  ("freq,unit,geo\\TIME_PERIOD"), one column per period, a value followed by its flags
  ("61.0 b"), ":" for a value not published. Gzipped (.tsv.gz) as downloaded.
- A plain table in a text file (.csv, .txt; commas, semicolons, tabs or bars between
  columns, as Statbel's open data writes it): a header row, one value per row, its period
  and value columns named by the mapping's `columns:` (or guessed from their names).
- Spreadsheets (.xlsx): Eurostat's data browser sheets (the fixed dimensions above a table of
  places by periods, a flag column after each period's column), or a plain table with a
  header row and one value per row (Statbel's open data), whose period and value columns the
  mapping names.

pandas reads the CSV and TSV layouts in chunks (its C parser; every cell as text, nothing
guessed); openpyxl streams a spreadsheet's rows in read-only mode. sdmx1 is not used for
reading: its SDMX-CSV reader needs the dataset's structure definition (fetched from the
publisher's web service) and reads a whole file into memory.
"""

import csv
import gzip
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from policybrief.core.errors import InputError

PERIOD, VALUE, FLAG, STATUS, ROW = "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS", "row"
MEASURES = (PERIOD, VALUE, FLAG, STATUS)
LABEL = "label:"  # prefix of a dimension's label column in a chunk
CHUNK_ROWS = 100_000
STATISTICS_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt", ".xlsx")
# A plain table's period and value columns, where the mapping does not name them.
_PERIOD_NAMES = re.compile(r"^(time_period|time|period|year|years|jaar|annee|année|cd_year|refyear|ref_year)$", re.I)
_VALUE_NAMES = re.compile(r"^(obs_value|value|values|ms_.*|waarde|valeur)$", re.I)
# SDMX-CSV columns that describe the file, not an observation.
_SDMX_FILE_COLUMNS = {"STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "DATAFLOW", "LAST UPDATE"}
# "ESTAT:LFSA_ERGAN(1.0)" → agency ESTAT, dataset LFSA_ERGAN
_STRUCTURE_ID = re.compile(
    r"^(?:(?P<agency>[A-Za-z0-9_.]+):)?(?P<dataset>[A-Za-z0-9_.\-]+?)(?:\((?P<version>[^)]*)\))?$")
_FREQUENCY_CODES = {"A", "S", "Q", "M", "W", "D", "H", "B"}
# A TSV value cell: "61.0", "61.0 b", ": ", ": c", "12 bu".
_TSV_CELL = re.compile(r"^\s*(?P<value>[^\s]*)\s*(?P<flag>[a-z ]*)\s*$")


@dataclass
class Header:
    layout: str  # as the annex names it: "SDMX-CSV 2.0, codes and labels"
    dataset: str = ""  # LFSA_ERGAN
    agency: str = ""  # ESTAT
    title: str = ""
    last_update: str = ""
    dimensions: list = field(default_factory=list)  # dimension ids in file order (not the period)
    dimension_names: dict = field(default_factory=dict)  # id → the file's name for it
    flag_labels: dict = field(default_factory=dict)  # the file's words for a flag: {"bu": "break ..., low ..."}


@dataclass
class Observations:
    """A file's header, and `chunks(profile, keep)`, which reads the file chunk by chunk (pandas
    DataFrames): every chunk is added to the profile, then only the rows keep(chunk) selects
    (all without keep) are yielded, so that memory holds one chunk and what is kept."""

    header: Header
    chunks: Callable[..., Iterator]


def profiled_and_kept(chunk, profile, keep, dimensions: list[str]):
    profile.update(chunk, dimensions)
    return chunk[keep(chunk)] if keep else chunk


def is_statistics_file(path) -> bool:
    """A downloaded statistics file (as opposed to a plug-in CSV written to the plug-in columns):
    a TSV, text table or spreadsheet, a CSV whose first column is SDMX-CSV's STRUCTURE or
    DATAFLOW, or any file with a mapping beside it. (A plain table saved as .csv is read as one
    once its mapping is beside it; until then it is taken for a plug-in file.)"""
    path = Path(path)
    name = path.name.lower()
    if not name.endswith(STATISTICS_SUFFIXES):
        return False
    if mapping_path(path).exists() or name.endswith((".tsv", ".tsv.gz", ".txt", ".xlsx")):
        return True
    return _first_line(path).split(",")[0].strip().strip('"').upper() in ("STRUCTURE", "DATAFLOW")


def statistics_files(folder) -> dict[str, str]:
    """{name: path} of the downloaded statistics files in a folder (parse time: reads first lines
    only). Two files of one name (lfsa_ergan.csv and lfsa_ergan.tsv) would share a mapping: refused."""
    files = {}
    for path in sorted(Path(folder).glob("*")):
        if not path.is_file() or not is_statistics_file(path):
            continue
        name = file_stem(path)
        if name in files:
            raise InputError(path, f"{files[name]} has the same name before its extension, so both would be read by "
                                   f"one mapping ({name}.yaml).", "keep one of the two files, or rename one.")
        files[name] = path.as_posix()
    return files


def statistics_mapping(path) -> list[str]:
    """The mapping beside a file, as a rule's input (none when there is none yet)."""
    mapping = mapping_path(path)
    return [mapping.as_posix()] if mapping.exists() else []


def file_stem(path) -> str:
    """lfsa_ergan.tsv.gz → lfsa_ergan: the name its mapping and its tables go by."""
    name = Path(path).name
    for suffix in sorted(STATISTICS_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(path).stem


def mapping_path(path) -> Path:
    return Path(path).with_name(file_stem(path) + ".yaml")


def _open_text(path):
    path = Path(path)
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _first_line(path) -> str:
    try:
        with _open_text(path) as handle:
            return handle.readline(65536)
    except (OSError, UnicodeDecodeError, EOFError):
        return ""


def read_observations(path, columns: dict | None = None) -> Observations:
    """The file's header and a reader of its observations, by the layout the file has."""
    path = Path(path)
    name = path.name.lower()
    try:
        if name.endswith(".xlsx"):
            from policybrief.extract.statistics.spreadsheets import read_spreadsheet

            return read_spreadsheet(path, columns)
        first = _first_line(path)
        if not first.strip():
            raise InputError(path, "the file is empty (or not text); expected a statistics file as downloaded.",
                             "download the file again, or remove it from data/supplementary/.")
        if "\t" in first and "\\" in first.split("\t")[0]:
            return _tsv(path, first)
        cells = next(csv.reader([first]))
        if cells and cells[0].strip().upper() in ("STRUCTURE", "DATAFLOW"):
            return _sdmx_csv(path, [cell.strip() for cell in cells])
        if columns is not None or name.endswith(".txt"):
            return _plain_text_table(path, first, columns or {})
    except UnicodeDecodeError as error:
        raise InputError(path, f"the file is not UTF-8 text ({error.reason} at byte {error.start}).",
                         "download it again as CSV or TSV from the publisher; a statistics file is UTF-8.") from None
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise InputError(path, f"the file cannot be read ({error}).", "download it again.") from None
    raise InputError(path, "the file is not in a statistics layout this pipeline reads: its first line is neither "
                           "an SDMX-CSV header (STRUCTURE or DATAFLOW first) nor a TSV bulk header "
                           "(\"freq,unit,geo\\TIME_PERIOD\" then periods).",
                     "download it from Eurostat as SDMX-CSV, TSV or XLSX; a plain table with a header row needs "
                     "its mapping's `columns:` (docs/official-statistics.md).")


def table_columns(path, names: list[str], columns: dict) -> tuple[str, str, str, list[str]]:
    """A plain table's period, value and flag columns (as the mapping names them, or guessed
    from their names), and its dimensions: every other column."""
    period = columns.get("period") or next((name for name in names if _PERIOD_NAMES.match(name)), "")
    value = columns.get("value") or next((name for name in names if _VALUE_NAMES.match(name)), "")
    flag = columns.get("flag", "")
    for role, name in (("period", period), ("value", value), ("flag", flag)):
        if name and name not in names:
            raise InputError(path, f"the mapping's columns.{role} is {name!r}, which the table's header does not "
                                   f"have; it has {', '.join(names)}.", f"set columns.{role} to one of those names.")
    return period, value, flag, [name for name in names if name not in (period, value, flag)]


def _plain_text_table(path: Path, first: str, columns: dict) -> Observations:
    separator = max(",;\t|", key=first.count)
    names = [name.strip() for name in next(csv.reader([first], delimiter=separator))]
    period, value, flag, dimensions = table_columns(path, names, columns)
    result = Header(layout="plain table (text)", dataset=split_structure_id(file_stem(path))[1],
                    dimensions=dimensions, dimension_names={name: name for name in dimensions})
    renamed = {period: PERIOD, value: VALUE, flag: FLAG}

    def chunks(profile, keep=None):
        import pandas as pd

        reader = pd.read_csv(path, sep=separator, header=None, skiprows=1, names=names, dtype=str,
                             keep_default_na=False, na_filter=False, chunksize=CHUNK_ROWS, encoding="utf-8-sig",
                             compression="infer")
        start = 2
        for chunk in reader:
            chunk = chunk.rename(columns={name: role for name, role in renamed.items() if name})
            for role in (PERIOD, VALUE):
                if role not in chunk.columns:
                    chunk[role] = ""
            yield profiled_and_kept(_completed(chunk, start), profile, keep, dimensions)
            start += len(chunk)

    return Observations(result, chunks)


def split_structure_id(text: str) -> tuple[str, str]:
    """'ESTAT:LFSA_ERGAN(1.0)' → ('ESTAT', 'LFSA_ERGAN'); 'lfsa_ergan' → ('', 'LFSA_ERGAN')."""
    match = _STRUCTURE_ID.match(text.strip())
    if not match:
        return "", text.strip()
    return match["agency"] or "", match["dataset"].upper()


def _sdmx_csv(path: Path, header: list[str]) -> Observations:
    version = "2.0" if header[0].upper() == "STRUCTURE" else "1.0"
    roles = [name.upper() for name in header]
    with_names = "STRUCTURE_NAME" in roles
    both = any(":" in name for name in header[1:])
    # Columns that describe an observation: the dimensions, then the period, value and flags.
    columns, labels_of, internal = [], {}, []
    for name in header:
        if name.upper() in _SDMX_FILE_COLUMNS:
            internal.append(name.upper())
            continue
        if with_names and internal and internal[-1] in columns and internal[-1] not in labels_of:
            # Eurostat's "codes and labels": this column is the label of the code column before it.
            labels_of[internal[-1]] = name
            internal.append(LABEL + internal[-1])
            continue
        identifier = name.split(":", 1)[0].strip() if both else name
        identifier = identifier.upper() if identifier.upper() in MEASURES else identifier
        columns.append(identifier)
        internal.append(identifier)
        if both and ":" in name:
            labels_of[identifier] = name.split(":", 1)[1].strip()
    missing = [name for name in (PERIOD, VALUE) if name not in columns]
    if missing:
        raise InputError(path, f"the SDMX-CSV header has no {' or '.join(missing)} column; found "
                               f"{', '.join(header)}.", "download the file again as SDMX-CSV from the publisher.")
    dimensions = [name for name in columns if name not in MEASURES]
    first_rows = _peek_rows(path, 2)
    first = dict(zip(internal, first_rows[1])) if len(first_rows) > 1 else {}
    agency, dataset = split_structure_id(first.get("STRUCTURE_ID") or first.get("DATAFLOW") or "")
    labels_only = not with_names and not both and _looks_like_labels(first, dimensions)
    kind = "codes and labels" if with_names or both else ("labels only" if labels_only else "codes only")
    result = Header(
        layout=f"SDMX-CSV {version}, {kind}" + (", code: label cells" if both else ""),
        dataset=dataset, agency=agency, title=first.get("STRUCTURE_NAME", ""),
        last_update=first.get("LAST UPDATE", ""), dimensions=dimensions,
        dimension_names={name: labels_of.get(name, name) for name in dimensions},
    )

    def chunks(profile, keep=None):
        import pandas as pd

        reader = pd.read_csv(path, header=None, skiprows=1, names=internal, dtype=str, keep_default_na=False,
                             na_filter=False, chunksize=CHUNK_ROWS, encoding="utf-8-sig", compression="infer")
        start = 2  # the header is row 1
        for chunk in reader:
            chunk = chunk.drop(columns=[name for name in chunk.columns if name in _SDMX_FILE_COLUMNS])
            if both:
                for name in columns:
                    split = chunk[name].str.partition(":")
                    has_label = split[1] == ":"
                    chunk[LABEL + name] = split[2].str.strip().where(has_label, "")
                    chunk[name] = split[0].str.strip().where(has_label, chunk[name])
            if labels_only:
                for name in dimensions:
                    chunk[LABEL + name] = chunk[name]
            yield profiled_and_kept(_completed(chunk, start), profile, keep, dimensions)
            start += len(chunk)

    return Observations(result, chunks)


def _looks_like_labels(first: dict, dimensions: list[str]) -> bool:
    """Whether the cells of a file without label columns are labels ('Annual') or codes ('A')."""
    frequency = next((first[name] for name in dimensions if name.lower() == "freq" and name in first), None)
    if frequency is not None:
        return frequency not in _FREQUENCY_CODES
    return any(" " in first.get(name, "") for name in dimensions)


def _peek_rows(path: Path, count: int) -> list[list[str]]:
    with _open_text(path) as handle:
        lines = [handle.readline() for _ in range(count)]
    return list(csv.reader([line for line in lines if line]))


def _completed(chunk, start: int):
    """The chunk with every measure column (empty where the layout has none) and its file rows."""
    for name in (FLAG, STATUS):
        if name not in chunk.columns:
            chunk[name] = ""
    chunk[FLAG] = chunk[FLAG].str.strip()
    chunk[VALUE] = chunk[VALUE].str.strip()
    chunk[PERIOD] = chunk[PERIOD].str.strip()
    chunk[ROW] = range(start, start + len(chunk))
    return chunk.reset_index(drop=True)


def _tsv(path: Path, first: str) -> Observations:
    key_cell, *periods = first.rstrip("\r\n").split("\t")
    key_names, _, _ = key_cell.partition("\\")
    dimensions = [name.strip() for name in key_names.split(",")]
    periods = [period.strip() for period in periods]
    dataset = re.sub(r"^estat_", "", file_stem(path), flags=re.IGNORECASE).upper()
    result = Header(layout="Eurostat TSV (bulk download)", dataset=dataset, agency="ESTAT", dimensions=dimensions,
                    dimension_names={name: name for name in dimensions})

    def chunks(profile, keep=None):
        import pandas as pd

        profile.periods.update(periods)
        reader = pd.read_csv(path, sep="\t", header=None, skiprows=1, names=["key", *periods], dtype=str,
                             keep_default_na=False, na_filter=False, chunksize=max(1, CHUNK_ROWS // len(periods)),
                             encoding="utf-8-sig", compression="infer", quoting=csv.QUOTE_NONE)
        start = 2
        for chunk in reader:
            chunk[ROW] = range(start, start + len(chunk))
            start += len(chunk)
            keys = chunk["key"].str.split(",", expand=True)
            if keys.shape[1] != len(dimensions):
                raise InputError(path, f"a series key has {keys.shape[1]} parts where the header names "
                                       f"{len(dimensions)} dimensions ({', '.join(dimensions)}).",
                                 "download the file again; a TSV file's keys have one code per dimension.")
            keys.columns = dimensions
            # The series are described and filtered before their cells are split: one line holds
            # every period of a series, so a large file is mostly lines that are not kept.
            profile.rows += len(chunk) * len(periods)
            profile.add_codes(keys, dimensions)
            if keep:
                kept = keep(keys)
                keys, chunk = keys[kept], chunk[kept]
            long = pd.concat([keys, chunk[[ROW, *periods]]], axis=1).melt(
                id_vars=[*dimensions, ROW], value_vars=periods, var_name=PERIOD, value_name="cell")
            parts = long["cell"].str.extract(_TSV_CELL)
            long[VALUE] = parts["value"].fillna("")
            long[FLAG] = parts["flag"].fillna("").str.replace(" ", "")
            long[STATUS] = ""
            long = long.drop(columns=["cell"]).reset_index(drop=True)
            profile.add_measures(long)
            yield long

    return Observations(result, chunks)
