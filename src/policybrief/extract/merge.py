"""Merging per-document tables into the processed tables."""

from pathlib import Path

from policybrief.core.documents import METADATA_FILE, document_id, document_row, read_text
from policybrief.core.errors import InputError
from policybrief.core.tables import read_rows
from policybrief.core.yaml_input import load_yaml_input
from policybrief.extract.number_words import number_style_of


def load_metadata(path) -> dict:
    return load_yaml_input(path, "documents", empty={})


def inventory_field(metadata: dict, field: str, default) -> dict:
    """document -> one field of its entry in the inventory (config/documents.yaml), such as its
    number_style or its names; `default` where the entry does not give it."""
    return {document: (entry or {}).get(field, default) for document, entry in metadata.items()}


def document_rows(text_paths, metadata: dict, metadata_path=METADATA_FILE, files=None) -> list[dict]:
    """A row per document; a document described in the metadata but not on disk stops here,
    naming both, rather than as a missing fact later. `files` are the documents as they came
    (a PDF, a web page), in the order of their texts; a .txt document is its own file."""
    ids = {document_id(path) for path in text_paths}
    missing = sorted(set(metadata) - ids)
    if missing:
        raise InputError(metadata_path, f"describes {', '.join(repr(m) for m in missing)}, but seeds/ has no "
                                        f"{', '.join(m + '.txt (or .pdf, .html)' for m in missing)}.",
                         "put the document in seeds/ under that name, or remove its entry from config/documents.yaml.")
    styles = inventory_field(metadata, "number_style", "")
    sources = dict(zip(text_paths, files or text_paths))
    rows = []
    for path in sorted(text_paths, key=document_id):
        text = read_text(path)
        style = number_style_of(text, styles.get(document_id(path), ""))
        rows.append({**document_row(path, Path(sources[path]).as_posix(), metadata.get(document_id(path)) or {},
                                    metadata_path, text, sources[path]),
                     "number_style": style.style, "number_style_from": style.says})
    return rows


def concatenate(paths, sort_key) -> list[dict]:
    rows = [row for path in paths for row in read_rows(path)]
    return sorted(rows, key=sort_key)


def fact_order(row: dict):
    """Document facts in document order, then plug-in facts by key."""
    position = (int(row["char_start"]), int(row["value_start"])) if row["document"] else (0, 0)
    return (row["document"] == "", row["document"], *position, row["indicator"], row["period"], row["fact_id"])


def list_order(row: dict):
    return (row["document"], int(row["char_start"]), row["list"])


def recommendations_of(list_items: list[dict]) -> list[dict]:
    return [item for item in list_items if item["kind"] == "recommendation"]


def mention_order(row: dict):
    return (row["document"], int(row["char_start"]))


def statement_order(row: dict):
    return (row["document"], int(row["char_start"]), row["statement_id"])


def with_sources(facts: list[dict], documents: list[dict]) -> list[dict]:
    """Extracted facts cite their document's title as source."""
    titles = {d["document"]: d["title"] for d in documents}
    return [{**fact, "source": fact.get("source") or titles.get(fact["document"], "")} for fact in facts]
