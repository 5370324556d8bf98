"""Propose catalogue entries for the numbers no fact takes yet (rule suggest_catalogue)."""

from pathlib import Path

from policybrief.core.documents import document_id, read_text
from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows
from policybrief.suggest.suggestions import common_names, mention_from_row, suggestions_by_document, suggestions_yaml

with pipeline_step(snakemake.log[0], "suggestions") as log:
    # Documents the inventory does not describe yet get their suggestions once it does.
    inventory = read_rows(snakemake.input.documents)
    described = {d["document"]: d for d in inventory if d["role"] != "unclassified"}
    texts = {document_id(path): read_text(path) for path in snakemake.input.texts if document_id(path) in described}
    mentions = [mention_from_row(row) for row in read_rows(snakemake.input.mentions) if row["document"] in described]
    documents = suggestions_by_document(texts, mentions, read_rows(snakemake.input.facts), described,
                                        common_names(snakemake.input.names))
    Path(snakemake.output.suggestions).write_text(suggestions_yaml(documents), encoding="utf-8")
    log.info("%d numbers proposed as catalogue entries, in %d documents (%d documents not described in "
             "config/documents.yaml, so not read for suggestions)",
             sum(d["numbers"] for d in documents), len(documents), len(inventory) - len(described))
