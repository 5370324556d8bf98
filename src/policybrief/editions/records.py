"""The record of each built edition: a dated folder under editions/ that a later edition
never overwrites, and the manifest that says what went into it. A record is a draft until it
is frozen (policybrief.editions.freeze); a later edition compares with the last frozen one.

Light on purpose (standard library only): the workflow reads the archive at parse time to
find the previous edition, before any job runs.
"""

import json
import platform
from importlib import metadata
from pathlib import Path

from policybrief.core.checksums import sha256_of
from policybrief.core.errors import InputError
from policybrief.core.tables import TABLES
from policybrief.editions.freeze import seal_of
from policybrief.workflow import PACKAGE

ARCHIVE = "editions"
MANIFEST = "manifest.json"
CONFIG = "config/config.yaml"
# The tables an edition keeps (kept in the table registry, the engine's workflow/tables.yaml)
# and the tables it compares with the previous edition's copies (compared there).
KEPT_TABLES = tuple(name for name, table in TABLES.items() if table.kept)
COMPARED_TABLES = tuple(name for name, table in TABLES.items() if table.compared)
# The documents it keeps, as rendered (reports/rendered/<file>).
KEPT_REPORTS = ("brief.html", "brief.pdf", "annex.html", "annex.pdf")
# The software whose version can change a number or a page.
SOFTWARE = ("policybrief", "snakemake", "pandas", "matplotlib", "great_expectations", "jinja2", "jsonschema", "PyYAML",
            "pypandoc_binary", "typst")


def edition_folder(edition: dict) -> str:
    """editions/2026-11-23: one folder per edition, named by its date, as OWID dates a dataset's versions."""
    return f"{ARCHIVE}/{edition['date']}"


def archived_editions(root=".") -> dict[str, dict]:
    """Folder -> the edition its manifest records, for every edition kept under editions/,
    with the day it was frozen (`frozen_on`) where it is."""
    found = {}
    for path in sorted(Path(root, ARCHIVE).glob(f"*/{MANIFEST}")):
        try:
            edition = json.loads(path.read_text(encoding="utf-8"))["edition"]
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(path, f"the manifest of this kept edition cannot be read ({error}).",
                             "restore the folder from your copy of the archive, or move it out of editions/.") from None
        seal = seal_of(path.parent)
        frozen = {"frozen_on": seal["frozen_on"]} if seal else {}
        found[path.parent.relative_to(root).as_posix()] = {**edition, **frozen}
    return found


def previous_edition(edition: dict, archived: dict[str, dict]) -> dict | None:
    """The kept edition this one is compared with: the highest-numbered frozen one before it,
    with its folder (a draft record, never published, is not compared with); None for a first
    edition. Two editions may not share a dated folder."""
    folder = edition_folder(edition)
    kept = archived.get(folder)
    if kept and int(kept["number"]) != int(edition["number"]):
        raise InputError(CONFIG, f"edition {edition['number']} has the date {edition['date']}, but {folder}/ "
                                 f"already keeps edition {kept['number']} ({kept['name']}) of that date.",
                         "give the new edition its own date (edition.date), so the last edition's record stays.")
    earlier = [(int(e["number"]), path, e) for path, e in archived.items()
               if int(e["number"]) < int(edition["number"]) and e.get("frozen_on")]
    if not earlier:
        return None
    _, path, kept = max(earlier, key=lambda item: item[0])
    return {key: value for key, value in kept.items() if key != "frozen_on"} | {"folder": path}


def previous_from(manifests) -> dict:
    """The previous edition as previous_edition() gives it, read back from its kept manifest
    (a job's input; none for a first edition: {})."""
    if not manifests:
        return {}
    path = Path(manifests[0])
    return {**json.loads(path.read_text(encoding="utf-8"))["edition"], "folder": path.parent.as_posix()}


def recorded_path(path) -> str:
    """A path as the manifest records it: the edition's files relative to the topic folder, the
    engine's inside the installed package (policybrief/core/errors.py), wherever it is installed."""
    path = Path(path)
    if path.is_absolute() and PACKAGE in path.parents:
        return path.relative_to(PACKAGE.parent).as_posix()
    return path.as_posix()


def file_entries(paths) -> list[dict]:
    return sorted(({"path": recorded_path(path), "sha256": sha256_of(path), "bytes": Path(path).stat().st_size}
                   for path in paths), key=lambda entry: entry["path"])


def software_versions(engines: dict) -> dict:
    """Python and the libraries that make the tables and pages, with the engine each document
    was rendered with (from the render jobs)."""
    versions = {"python": platform.python_version()}
    for name in SOFTWARE:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"packages": versions, "render": engines}


def manifest(edition: dict, previous: dict | None, inputs, kept: dict, engines: dict) -> dict:
    """What the edition was built from (inputs with checksums), what it keeps (name in its
    folder -> the file it is a copy of), and with what."""
    return {
        "edition": {key: edition[key] for key in ("number", "name", "date", "title")},
        "previous_edition": {key: previous[key] for key in ("number", "name", "date", "folder")} if previous else None,
        "inputs": file_entries(inputs),
        "kept": [{**entry, "path": name} for name, entry in sorted(
            (name, file_entries([source])[0]) for name, source in kept.items())],
        "software": software_versions(engines),
    }


def manifest_text(record: dict) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
