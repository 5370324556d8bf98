"""The mapping beside a statistics file: which slice of it becomes which indicator.

    # data/supplementary/lfsa_ergan.yaml, beside lfsa_ergan.csv
    dataset: LFSA_ERGAN
    keep: {geo: BE, sex: T, age: Y15-64, unit: PC}
    unit: percent
    series:
      employment_rate_foreign:
        where: {citizen: FOR}
        label: Employment rate of foreign citizens aged 15-64
        group: Foreign citizens
        universe: persons aged 15-64 living in Belgium with a foreign citizenship
        definition: employed persons as a share of the population of the same age and citizenship (EU-LFS)

The grammar is the schema workflow/schemas/mapping.schema.yaml; docs/official-statistics.md
explains each key. A dimension is named as the file names it (case does not matter); a code
as the file writes it, or by its label where the file gives labels. Reading keeps only the
rows `keep` selects, chunk by chunk, so memory stays bounded. Once the file is read, every
code the mapping names must be in the file, each series must select values, and one value at
most per place and period: otherwise the build stops naming the file, the key and the codes
the file does have.
"""

import re
from dataclasses import dataclass

from policybrief.core.errors import InputError
from policybrief.core.flags import explained, normalised, unknown_flags, unknown_status, vocabulary
from policybrief.core.flags import withheld as withheld_because
from policybrief.core.yaml_input import load_yaml_input
from policybrief.extract.statistics.layouts import FLAG, LABEL, PERIOD, ROW, STATUS, VALUE, Header
from policybrief.extract.statistics.profile import Profile, code_words

HINT = "see docs/official-statistics.md, or the proposed mapping in reports/mapping-suggestions.yaml"


@dataclass(frozen=True)
class Series:
    indicator: str
    where: dict  # dimension → codes
    label: str
    group: str
    universe: str
    definition: str
    unit: str


@dataclass(frozen=True)
class Mapping:
    path: str
    dataset: str
    title: str
    publisher: str
    obtained_from: str  # where the file came from, if not from its publisher directly
    downloaded: str
    geography: str
    places: dict
    keep: dict  # dimension → codes (a list)
    compare: tuple  # place codes set beside the kept places, in their latest year only
    periods: tuple  # (first, last) years, or ()
    series: tuple
    columns: dict


def _codes(value) -> list[str]:
    return [str(code) for code in (value if isinstance(value, list) else [value])]


def load_mapping(path) -> Mapping:
    data = load_yaml_input(path, "mapping")
    unit = data.get("unit", "")
    series = []
    for name, entry in data["series"].items():
        if not entry.get("unit", unit):
            raise InputError(path, f"series {name}: no unit; expected `unit:` on the series or for the whole file "
                                   "(one of config/units.yaml).", "add unit: percent (or the unit the values are in).")
        series.append(Series(name, {key: _codes(value) for key, value in entry.get("where", {}).items()},
                             entry["label"], entry.get("group", ""), entry["universe"], entry["definition"],
                             entry.get("unit", unit)))
    periods = data.get("periods", {})
    geography = data.get("geography", "geo")
    if "compare" in data and geography not in data.get("keep", {}):
        raise InputError(path, f"compare: sets places beside those the mapping keeps, but keep names no {geography}.",
                         f"name the places the brief is about in keep: {{{geography}: BE}}, and those to compare "
                         "them with in compare: [DE, FR].")
    return Mapping(
        path=str(path), dataset=str(data["dataset"]), title=data.get("title", ""), publisher=data.get("publisher", ""),
        obtained_from=data.get("obtained_from", ""),
        downloaded=str(data.get("downloaded", "")), geography=geography,
        places={str(code): name for code, name in data.get("places", {}).items()},
        keep={key: _codes(value) for key, value in data.get("keep", {}).items()},
        compare=tuple(_codes(data["compare"])) if "compare" in data else (),
        periods=(str(periods.get("from", "")), str(periods.get("to", ""))) if periods else (),
        series=tuple(series), columns=dict(data.get("columns", {})),
    )


def resolve_dimensions(mapping: Mapping, header: Header, file) -> dict:
    """The file's name for each dimension the mapping names ('GEO' for 'geo'); a name the file
    does not have stops the build, listing those it has."""
    by_lower = {name.lower(): name for name in header.dimensions}
    named = {mapping.geography, *mapping.keep, *(key for series in mapping.series for key in series.where)}
    resolved = {}
    for name in sorted(named):
        if name.lower() not in by_lower:
            where = "geography" if name == mapping.geography else next(
                (f"keep.{name}" if name in mapping.keep else f"series.{series.indicator}.where.{name}"
                 for series in mapping.series if name in series.where or name in mapping.keep), f"keep.{name}")
            raise InputError(mapping.path, f"{where}: the file {file} has no dimension {name!r}; its dimensions are "
                                           f"{', '.join(header.dimensions)}.",
                             f"name one of those dimensions; {HINT}.")
        resolved[name] = by_lower[name.lower()]
    return resolved


def matches(chunk, conditions: dict, names: dict):
    """The rows of a chunk whose dimensions hold one of the given codes (or labels)."""
    mask = None
    for key, codes in conditions.items():
        column = names[key]
        hit = chunk[column].isin(codes)
        if LABEL + column in chunk.columns:
            hit = hit | chunk[LABEL + column].isin(codes)
        mask = hit if mask is None else mask & hit
    return mask


def select(observations, mapping: Mapping, file) -> tuple[dict, Profile]:
    """Read the file once: the rows of each series (as lists of dicts) and the file's profile."""
    header = observations.header
    if mapping.dataset.upper() != header.dataset.upper() and header.dataset:
        raise InputError(mapping.path, f"dataset: the mapping is for {mapping.dataset!r}, but {file} holds "
                                       f"{header.dataset!r} ({header.title or header.layout}).",
                         f"write dataset: {header.dataset}, or put the mapping beside the file it is for.")
    names = resolve_dimensions(mapping, header, file)
    profile = Profile()
    selected = {series.indicator: [] for series in mapping.series}
    # The places compared are read with the kept ones; plugin_rows keeps their latest year only.
    reading = {**mapping.keep, mapping.geography: [*mapping.keep[mapping.geography], *mapping.compare]} \
        if mapping.compare else mapping.keep
    keep = (lambda chunk: matches(chunk, reading, names)) if reading else None
    for kept in observations.chunks(profile, keep):
        for series in mapping.series:
            rows = kept[matches(kept, series.where, names)] if series.where else kept
            selected[series.indicator].extend(rows.to_dict("records"))
    _check_codes(mapping, names, profile, file)
    return selected, profile


def _check_codes(mapping: Mapping, names: dict, profile: Profile, file) -> None:
    conditions = [(f"keep.{key}", key, codes) for key, codes in mapping.keep.items()]
    conditions += [("compare", mapping.geography, mapping.compare)] if mapping.compare else []
    conditions += [(f"series.{series.indicator}.where.{key}", key, codes)
                   for series in mapping.series for key, codes in series.where.items()]
    for where, key, codes in conditions:
        known = profile.codes_of(names[key])
        absent = [code for code in codes if code not in known and code not in known.values()]
        if absent and names[key] not in profile.cut:
            raise InputError(mapping.path, f"{where}: the file {file} has no code {', '.join(map(repr, absent))} "
                                           f"for {names[key]}; it has {profile.described(names[key])}.",
                             f"use one of the codes the file has; {HINT}.")


def plugin_rows(selected: dict, mapping: Mapping, header: Header, profile: Profile, file, sha256: str):
    """The plug-in rows of each series (one per place and period with a published value), and
    the values the file does not publish (missing or confidential), each with why."""
    names = {key.lower(): key for key in header.dimensions}
    geography = names.get(mapping.geography.lower(), mapping.geography)
    publisher = mapping.publisher or vocabulary()["agencies"].get(header.agency, "")
    title = mapping.title or header.title
    needed = {"publisher": (publisher, "its publisher"), "title": (title, "the dataset's title"),
              "downloaded": (header.last_update or mapping.downloaded, "when its data were last updated")}
    for key, (value, what) in needed.items():
        if not value:
            raise InputError(mapping.path, f"{key}: the file {file} does not say {what}, and the mapping gives "
                                           f"no {key}.",
                             f"add {key}: to the mapping"
                             + (" (the date you downloaded the file, YYYY-MM-DD)" if key == "downloaded" else "")
                             + ".")
    rows, not_published = [], []
    for series in mapping.series:
        records = selected[series.indicator]
        if not records:
            raise InputError(mapping.path, f"series.{series.indicator}: selects nothing in {file}: no row has "
                                           + ", ".join(f"{k}={'|'.join(v)}" for k, v in
                                                       {**mapping.keep, **series.where}.items()) + ".",
                             "check keep: and where: against the codes the file has: "
                             + "; ".join(f"{name}: {profile.described(name, 8)}" for name in header.dimensions)
                             + ".")
        _check_one_value_each(series, records, header, geography, mapping, file)
        for record in _compared_in_latest_year(records, mapping, geography):
            period = record[PERIOD]
            if mapping.periods and not _within(period, mapping.periods):
                continue
            place = _place(record, geography, mapping, file)
            flag = normalised(record[FLAG])
            _check_flags(flag, record[STATUS], record, file)
            why = withheld_because(record[VALUE], flag, record[STATUS])
            key = ".".join(record[name] for name in header.dimensions)
            if why:
                not_published.append({"indicator": series.indicator, "geography": place, "period": period,
                                      "flag": flag, "confidentiality": record[STATUS], "why": why,
                                      "series_key": key})
                continue
            if not _YEAR.match(period):
                raise InputError(mapping.path, f"series.{series.indicator}: {file} row {record[ROW]} has period "
                                               f"{period!r}; only years (2024) are plugged in.",
                                 "keep yearly values only (keep: {freq: A}), or download the annual dataset.")
            rows.append({
                "where": f"{file} row {record[ROW]}", "file": str(file), "row": record[ROW],
                "indicator": series.indicator, "geography": place, "group": series.group, "period": period,
                "value": _number(record[VALUE], record, file), "unit": series.unit,
                "source": f"{publisher}, {mapping.dataset.upper()}", "label": series.label, "note": "",
                "read_as": header.layout, "flag": flag,
                "flag_meaning": explained(flag, {**profile.flags, **header.flag_labels}) if flag else "",
                "confidentiality": record[STATUS], "universe": series.universe, "definition": series.definition,
                "dataset": mapping.dataset.upper(), "dataset_title": title, "publisher": publisher,
                "sha256": sha256, "last_update": header.last_update, "downloaded": mapping.downloaded,
                "obtained_from": mapping.obtained_from, "series_key": key,
            })
    return rows, not_published


def _compared_in_latest_year(records: list, mapping: Mapping, geography: str) -> list:
    """A series' records, those of the places compared only in the latest year a kept place
    publishes a value for (within the mapping's periods): one year, set beside the kept places."""
    if not mapping.compare:
        return records

    def compared(record):
        return bool({record.get(geography), record.get(LABEL + geography)} & set(mapping.compare))

    published = [record[PERIOD] for record in records if not compared(record)
                 and not withheld_because(record[VALUE], normalised(record[FLAG]), record[STATUS])
                 and (not mapping.periods or _within(record[PERIOD], mapping.periods))]
    latest = max(published, default="")
    return [record for record in records if not compared(record) or record[PERIOD] == latest]


def _within(period: str, bounds: tuple) -> bool:
    year = period[:4]
    return (not bounds[0] or year >= bounds[0]) and (not bounds[1] or year <= bounds[1])


def _place(record: dict, geography: str, mapping: Mapping, file) -> str:
    if geography not in record:
        return mapping.places.get("", "")
    code = record[geography]
    name = mapping.places.get(code) or record.get(LABEL + geography) or ""
    if not name:
        raise InputError(mapping.path, f"places: {file} gives no name for the place {code!r} (the file has codes "
                                       "only), and the mapping gives none.",
                         f"add places: {{{code}: <its name, as the brief prints it>}} to the mapping.")
    return name


_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_YEAR = re.compile(r"^\d{4}$")


def _number(text: str, record: dict, file) -> str:
    if not _NUMBER.match(text):
        raise InputError(file, f"row {record[ROW]}: the value {text!r} is not a number (period {record[PERIOD]}).",
                         "download the file again; a published value is a number, ':' where none is published.")
    return text


def _check_flags(flag: str, status: str, record: dict, file) -> None:
    unknown = unknown_flags(flag)
    if unknown or unknown_status(status):
        what = f"flag {''.join(unknown)!r}" if unknown else f"confidentiality status {status!r}"
        raise InputError(file, f"row {record[ROW]}: {what} is not one this pipeline knows, so its meaning would be "
                               "lost.", "add it with its meaning to the engine's workflow/vocabulary/statistics.yaml "
                                        "(as the publisher's code list explains it).")


def _check_one_value_each(series: Series, records: list, header: Header, geography: str, mapping: Mapping, file):
    seen = {}
    for record in records:
        key = (record.get(geography, ""), record[PERIOD])
        if key in seen:
            other = seen[key]
            differ = [name for name in header.dimensions if record[name] != other[name]]
            place = _named(record, geography) or "its place"
            raise InputError(mapping.path, f"series.{series.indicator}: several values where one is meant: {file} "
                                           f"has more than one for {place} in {key[1]} (rows "
                                           f"{other[ROW]} and {record[ROW]}), which differ in "
                                           f"{', '.join(f'{n} ({other[n]}, {record[n]})' for n in differ)}.",
                             f"fix {' and '.join(differ)} in keep: (or the series' where:) to one code.")
        seen[key] = record


def _named(record: dict, dimension: str) -> str:
    """'BE (Belgium)': a record's code of a dimension, with its label where the file gives one."""
    return code_words(record.get(dimension, ""), record.get(LABEL + dimension, ""))
