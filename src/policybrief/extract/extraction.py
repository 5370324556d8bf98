"""Extraction of one document: its catalogued facts and its structured lists."""

import time
from dataclasses import dataclass
from pathlib import Path

from policybrief.core.documents import document_id, read_text
from policybrief.core.errors import InputError
from policybrief.core.yaml_input import load_yaml_input
from policybrief.extract.catalogue import extract_facts, load_fact_specs
from policybrief.extract.lists import discover_lists, extract_list, load_list_specs
from policybrief.extract.mentions import attach_facts, find_mentions
from policybrief.extract.number_words import number_style_of
from policybrief.extract.statements import extract_statements, load_statement_specs


def load_catalogue(path) -> dict:
    """One document's catalogue (config/catalogue/<document>.yaml): its entries name their
    document by the file's name; an entry that names another is refused."""
    catalogue = load_yaml_input(path, "catalogue", empty={})
    document = Path(path).stem
    for kind in ("facts", "statements", "lists"):
        for index, entry in enumerate(catalogue.get(kind) or []):
            named = entry.setdefault("document", document)
            if named != document:
                raise InputError(path, f"{kind}[{index}] (id {entry.get('id', '?')!r}) names the document "
                                       f"{named!r}, but this file is the catalogue of {document!r}.",
                                 f"move the entry to config/catalogue/{named}.yaml (its document's), or remove its "
                                 "`document:` line.")
    return catalogue


def whole_catalogue(paths) -> dict:
    """Every document's catalogue in one: facts, statements and lists, each entry with its
    document (for reading a topic's catalogue as a whole, as the tests and benchmarks do)."""
    merged = {"facts": [], "statements": [], "lists": []}
    for path in sorted(map(str, paths)):
        catalogue = load_catalogue(path)
        for kind in merged:
            merged[kind] += catalogue.get(kind) or []
    return merged


@dataclass(frozen=True)
class Specs:
    """What the catalogue asks to extract, read once for many documents."""

    facts: list
    lists: list
    statements: list


def load_specs(catalogue_paths) -> Specs:
    """What the catalogues of some documents ask to extract (one file per document)."""
    specs = Specs([], [], [])
    for path in sorted(map(str, catalogue_paths)):
        catalogue = load_catalogue(path)
        specs.facts.extend(load_fact_specs(catalogue, path))
        specs.lists.extend(load_list_specs(catalogue, path))
        specs.statements.extend(load_statement_specs(catalogue, path))
    return specs


def extract_document(text_path, specs: Specs, declared_style: str = "") -> tuple[list[dict], list[dict], list[dict],
                                                                                 list[dict]]:
    """Facts, list items, numeric mentions and cited statements of one document, in document
    order, its digits read in its number style (declared in the inventory, or inferred)."""
    text = read_text(text_path)
    document = document_id(text_path)
    style = number_style_of(text, declared_style)
    facts = extract_facts(text, document, specs.facts, str(text_path), style)
    lists = [spec for spec in specs.lists if spec.document == document]
    items = [item for spec in lists for item in extract_list(text, spec, str(text_path))]
    if not lists:  # a document the catalogue does not know yet: show the lists it holds
        items = discover_lists(text, document)
    facts.sort(key=lambda row: (row["char_start"], row["value_start"], row["fact_id"]))
    items.sort(key=lambda row: (row["char_start"], row["list"]))
    mentions = attach_facts(find_mentions(text, document, style), facts)
    statements = extract_statements(text, document, specs.statements, str(text_path))
    return facts, items, mentions, statements


class Progress:
    """A line in the job's log every `every` seconds while documents are extracted, and one at
    the end: "extracted 12 of 50 documents (24%), 35 s"."""

    def __init__(self, total: int, log, every: float = 10.0, clock=time.monotonic):
        self.total, self.log, self.every, self.clock = total, log, every, clock
        self.started = self.last = clock()

    def done(self, count: int) -> None:
        now = self.clock()
        if count == self.total or now - self.last >= self.every:
            self.last = now
            self.log.info("extracted %d of %d documents (%d%%), %.0f s", count, self.total,
                          100 * count // max(self.total, 1), now - self.started)
