"""Extraction of one document: its catalogued facts and its structured lists."""

import yaml

from .catalogue import extract_facts, load_fact_specs
from .documents import document_id, read_text
from .errors import InputError
from .lists import discover_lists, extract_list, load_list_specs
from .mentions import attach_facts, find_mentions
from .statements import extract_statements, load_statement_specs


def load_catalogue(path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            catalogue = yaml.safe_load(handle) or {}
    except yaml.YAMLError as error:
        raise InputError(path, f"is not valid YAML: {error}", "fix the YAML syntax at the line shown.") from None
    if not isinstance(catalogue, dict):
        raise InputError(path, "must be a mapping with 'facts' and 'lists'.")
    return catalogue


def extract_document(text_path, catalogue_path) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """Facts, list items, numeric mentions and cited statements of one document, in document order."""
    text = read_text(text_path)
    document = document_id(text_path)
    catalogue = load_catalogue(catalogue_path)
    facts = extract_facts(text, document, load_fact_specs(catalogue, str(catalogue_path)), str(text_path))
    specs = [spec for spec in load_list_specs(catalogue, str(catalogue_path)) if spec.document == document]
    items = [item for spec in specs for item in extract_list(text, spec, str(text_path))]
    if not specs:  # a document the catalogue does not know yet: show the lists it holds
        items = discover_lists(text, document)
    facts.sort(key=lambda row: (row["char_start"], row["value_start"], row["fact_id"]))
    items.sort(key=lambda row: (row["char_start"], row["list"]))
    mentions = attach_facts(find_mentions(text, document), facts)
    statements = extract_statements(text, document, load_statement_specs(catalogue, str(catalogue_path)),
                                    str(text_path))
    return facts, items, mentions, statements
