"""Extract one document's facts, lists, mentions and statements (rule extract_document)."""

from policybrief.extraction import extract_document
from policybrief.step import pipeline_step
from policybrief.tables import FACT_COLUMNS, LIST_COLUMNS, MENTION_COLUMNS, STATEMENT_COLUMNS, write_rows

with pipeline_step(snakemake.log[0], "extract") as log:
    facts, items, mentions, statements = extract_document(snakemake.input.text, snakemake.input.catalogue)
    write_rows(snakemake.output.facts, facts, FACT_COLUMNS)
    write_rows(snakemake.output.lists, items, LIST_COLUMNS)
    write_rows(snakemake.output.mentions, mentions, MENTION_COLUMNS)
    write_rows(snakemake.output.statements, statements, STATEMENT_COLUMNS)
    unclaimed = sum(1 for m in mentions if not m["fact_id"] and m["kind"] != "citation")
    log.info("%s: %d facts, %d list items, %d numeric mentions (%d neither a fact nor a citation), %d statements",
             snakemake.input.text, len(facts), len(items), len(mentions), unclaimed, len(statements))
