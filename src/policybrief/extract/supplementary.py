"""Plug-in data files (data/supplementary/*.csv) for a new edition.

A plug-in row carries indicator, geography, group, period, value, unit and source (label and
note optional). A file is read as a spreadsheet program writes it: UTF-8 or, failing that,
Windows-1252 (Excel's Western European code page); commas, or semicolons with decimal commas
(Excel in Belgium). Every row is then checked against the row schema
(the engine's schemas/plugin.schema.json) with the jsonschema library. A file that cannot be used
stops with one message naming the file and each row and column that is wrong, what was
expected and what was found. Merging then lets a row replace the extracted fact with the same
key, or join the facts as a new period of a known indicator or as a new indicator, which must
carry a label and must not be a near-copy of a known indicator's name.
"""

import csv
import difflib
import io
import json
import re
from pathlib import Path

from policybrief.core.encodings import conversion, wide_unicode
from policybrief.core.errors import InputError
from policybrief.core.evidence import OFFICIAL_STATISTICS
from policybrief.core.formatting import iso_date
from policybrief.core.tables import columns_of
from policybrief.core.units import UNITS_FILE, unit_names

REQUIRED = ["indicator", "geography", "group", "period", "value", "unit", "source"]
OPTIONAL = ["label", "note"]
KEY = ("indicator", "geography", "group", "period")
SUPPLEMENTARY_COLUMNS = columns_of("supplementary")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^-?\d+(,\d+)?$")
HINT = ("a CSV file with a header row indicator,geography,group,period,value,unit,source (label and note "
        "optional): from Excel, 'CSV UTF-8 (comma delimited)', or 'CSV (semicolon delimited)' with decimal commas")


def load_plugin_schema(path, units_path=UNITS_FILE) -> dict:
    """The schema of a plug-in row, with the units of config/units.yaml as the units it allows."""
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    names = unit_names(units_path)
    schema["properties"]["unit"] = {"enum": names, "description": f"one of {', '.join(names)} ({units_path})"}
    return schema


def decode(path, data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read in."""
    encoding = wide_unicode(data)
    if encoding:  # what Excel writes as "Unicode Text"
        raise InputError(path, f"the file is {encoding} text; a plug-in file is read as UTF-8 (or "
                               "Windows-1252).", f"save it as {HINT}; or convert it: {conversion(encoding, path)}")
    if b"\x00" in data:
        raise InputError(path, "the file holds NUL bytes; it is not a text (CSV) file.", f"save it as {HINT}.")
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"row {line}: byte {data[error.start:error.start + 1]!r} is neither UTF-8 nor "
                               "Windows-1252 text.", f"save the file as {HINT}.") from None


def read_plugin(path, schema: dict) -> list[dict]:
    """The rows of one plug-in file, each with where it is and how the file was read."""
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "the file is empty; expected a header row and at least one data row.",
                         f"write {HINT}, or remove the file.")
    text, encoding = decode(path, data)
    header_line = text.splitlines()[0]
    # Excel in Belgium writes semicolons between columns and a comma as the decimal mark.
    semicolons = header_line.count(";") > header_line.count(",")
    delimiter = ";" if semicolons else ","
    read_as = ", ".join([encoding] + (["semicolons, decimal commas"] if semicolons else []))
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    _check_header(path, header_line, header)
    rows, problems = [], []
    for number, raw in enumerate(reader, start=2):  # the header is row 1
        row = {name.strip(): (value or "").strip() for name, value in raw.items() if name is not None}
        if None in raw:
            problems.append(f"row {number}: {len(raw[None])} more value(s) than the header has columns")
        cells = {column: row.get(column, "") for column in REQUIRED + OPTIONAL}
        value, problem = read_number(cells["value"], semicolons)
        if problem:
            problems.append(f"row {number}, column value: {problem}")
        problems += [f"row {number}, {message}" for message in schema_problems(cells, value, validator)]
        rows.append({"where": f"{path.as_posix()} row {number}", "file": path.as_posix(), "row": number,
                     **cells, "value": value if value is not None else cells["value"], "read_as": read_as})
    if not rows:
        problems.append("no data rows under the header")
    if problems:
        raise InputError(path, "; ".join(problems[:10])
                         + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
                         + ".", f"correct these cells; the file must be {HINT}.")
    return rows


def read_number(text: str, decimal_comma: bool) -> tuple[str | None, str]:
    """('3.5', '') for '3.5' (or '3,5' in a semicolon file); (None, why) when it is no number."""
    if not text:
        return None, "expected a value, found nothing"
    if decimal_comma:
        if _DECIMAL_COMMA.match(text):
            return text.replace(",", "."), ""
        if _NUMBER.match(text):
            return None, (f"found {text!r}: in a semicolon-separated file the decimal mark is a comma "
                          "(3,5), and numbers carry no thousands separator")
    elif _NUMBER.match(text):
        return text, ""
    return None, f"expected a number such as 42 or 3.5, found {text!r}"


def schema_problems(cells: dict, value, validator) -> list[str]:
    """'column unit: expected one of ..., found 'kilograms'' for each way the row breaks the schema."""
    schema = validator.schema
    instance = {name: text for name, text in cells.items() if name in REQUIRED or text}
    if value is None:
        instance.pop("value", None)  # its problem is already told
    else:
        instance["value"] = float(value)
    problems = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        if error.validator == "required":
            continue  # a missing cell is told by the header check or the number check
        column = error.absolute_path[0] if error.absolute_path else ""
        expected = error.schema.get("description") or schema["properties"].get(column, {}).get("description", "")
        found = cells.get(column, "") if column else ""
        problems.append(f"column {column}: expected {expected or error.message}, found {found!r}")
    return problems


def _plugin_column(name: str) -> bool:
    """A header cell that names a plug-in column, or comes close ('Indicator', 'values')."""
    return bool(difflib.get_close_matches(name.strip().lower(), REQUIRED + OPTIONAL, n=1, cutoff=0.8))


def _check_header(path, header_line: str, header: list[str]) -> None:
    """A header of the plug-in columns, separated by commas (or semicolons). A first line that
    names none of them is not echoed: the file is not a plug-in file, and may hold anything."""
    cells = re.split(r"[\t,;]", header_line)
    if not any(_plugin_column(cell) for cell in cells):
        raise InputError(path, "row 1 is not the header of a plug-in file: it names none of the columns "
                               f"{', '.join(REQUIRED)} (nor {' or '.join(OPTIONAL)}), so the file is not read "
                               "(and its content is not shown).",
                         f"every .csv file in {Path(path).parent.as_posix()}/ is read as a plug-in file: make this one "
                         f"{HINT}, or move it out of the folder.")
    if header_line.count("\t") > max(header_line.count(","), header_line.count(";")):
        raise InputError(path, "row 1: the header's columns are separated by tabs, not commas: the file is "
                               "tab-separated text (a spreadsheet's 'Text (Tab delimited)' or 'Unicode "
                               "Text'), which is not read, so that no value is taken from the wrong column.",
                         f"save it as {HINT}.")
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
    known = sorted({fact["indicator"] for fact in facts})
    definitions = {}
    for fact in facts:
        definitions.setdefault(fact["indicator"], fact.get("definition", ""))
    for row in plugin_rows:
        if row["indicator"] not in labels:
            check_new_indicator(row, known)
        else:
            check_definition(row, definitions[row["indicator"]])
        matches = by_key.get(fact_key(row), [])
        if len(matches) > 1:
            raise InputError(row["file"], f"row {row['row']}: the key {fact_key(row)} matches "
                                          f"{len(matches)} facts ({', '.join(f['fact_id'] for f in matches)}).",
                             "plug-in rows can replace facts whose indicator, geography, group and period are unique.")
        if matches:
            _replace(matches[0], row)
        else:
            new = _new_fact(row, labels, wordings, definitions)
            merged.append(new)
            by_key[fact_key(row)] = [new]
            labels.setdefault(new["indicator"], new["label"])  # its other rows are known by now
            definitions.setdefault(new["indicator"], new["definition"])
    return merged


def check_definition(row: dict, known: str) -> None:
    """A statistics file's series joins (or replaces values of) a documents' indicator only if
    it measures the same thing: the indicator's declared definition. A plug-in CSV row, which
    declares none, takes the indicator's."""
    given = row.get("definition", "")
    if given and given != known:
        raise InputError(row["file"], f"row {row['row']}: the series {row['indicator']!r} is named as an indicator of "
                                      "the documents, which measures "
                                      + (f"'{known}'" if known else "something its catalogue entry does not define")
                                      + f"; the file's series measures '{given}'. A new series is not set against a "
                                      "document's number of another definition as if they were one series.",
                         "give the series its own indicator name in its mapping (it then stands as its own series, "
                         "and the brief shows both with their definitions); or, if they truly measure the same "
                         "thing, declare that definition in the catalogue entry (definition:).")


def check_new_indicator(row: dict, known: list[str]) -> None:
    """An indicator the documents do not have must say what it measures (a label), and must not
    be a near-copy of a known name: 'high_educaton_share_recent' is a typing slip, not news."""
    near = [name for name in known if edit_distance(row["indicator"], name) <= 2]
    if near:
        raise InputError(row["file"], f"row {row['row']}, column indicator: {row['indicator']!r} is not a known "
                                      f"indicator; did you mean {near[0]!r}?",
                         f"correct the name to {near[0]!r}; for a new indicator, choose a name that is not a "
                         "near-copy of a known one and give it a label.")
    if not row.get("label"):
        raise InputError(row["file"], f"row {row['row']}, column label: {row['indicator']!r} is an indicator the "
                                      "documents do not have, and a new indicator needs a label; found nothing.",
                         "say in the label column what the indicator measures (the brief shows it), or use the "
                         "name of a known indicator (column indicator of data/processed/facts.csv).")


def edit_distance(a: str, b: str) -> int:
    """Letters to insert, delete or change to turn a into b (Levenshtein distance)."""
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other)))
        previous = current
    return previous[-1]


def _replace(fact: dict, row: dict) -> None:
    if fact["unit"] != row["unit"]:
        raise InputError(row["file"], f"row {row['row']}, column unit: expected {fact['unit']!r} (the unit of "
                                      f"fact {fact['fact_id']!r} it replaces), found {row['unit']!r}.",
                         "give the value in the unit of the fact it replaces.")
    # The file's value is exact: the document's bound ("approximately", "up to") and its
    # words for the number no longer apply, nor a wording that spells them out.
    fact.update(replaced_value=fact["value"], value=row["value"], value_text=row["value"], qualifier="",
                origin=row.get("where", row["file"]), source=row["source"], dataset=row["source"], note=row["note"],
                flag=row.get("flag", ""), definition=fact.get("definition", ""),
                universe=row.get("universe", "") or fact.get("universe", ""), evidence=evidence_of(row),
                vintage=vintage_of(row), dataset_title=row.get("dataset_title", ""),
                wording=fact.get("wording", "") if portable_wording(fact.get("wording", "")) else "")


def portable_wording(wording: str) -> bool:
    """A wording that takes any value: it shows the number only through {value}, which carries
    the row's own qualifier, not through the source's words ({stated}) or a bare {number}."""
    return "{value}" in wording and "{stated}" not in wording and "{number}" not in wording


def _new_fact(row: dict, labels: dict, wordings: dict, definitions: dict) -> dict:
    return {
        "fact_id": plugin_fact_id(row), "document": "", "indicator": row["indicator"],
        "label": row["label"] or labels.get(row["indicator"], row["indicator"].replace("_", " ")),
        "value": row["value"], "unit": row["unit"], "period": row["period"],
        "geography": row["geography"], "group": row["group"], "qualifier": "", "quote": "",
        "char_start": "", "char_end": "", "value_text": row["value"], "value_start": "",
        "origin": row.get("where", row["file"]), "source": row["source"], "replaced_value": "", "note": row["note"],
        "wording": wordings.get(fact_key(row)[:3], ""), "dataset": row["source"], "flag": row.get("flag", ""),
        "definition": row.get("definition", "") or definitions.get(row["indicator"], ""),
        "universe": row.get("universe", ""),
        "evidence": evidence_of(row),
        "vintage": vintage_of(row),
        "dataset_title": row.get("dataset_title", ""),
    }


def vintage_of(row: dict) -> str:
    """When a statistics file's data date from: the last update the file states, else the
    download date its mapping declares (the data were as of then); empty for a plug-in CSV."""
    return iso_date(row.get("last_update")) or iso_date(row.get("downloaded"))


def evidence_of(row: dict) -> str:
    """A value of an official statistics file (it names its dataset) rests on official
    statistics; a plug-in file's row says nothing of what it rests on."""
    return OFFICIAL_STATISTICS if row.get("dataset") else ""
