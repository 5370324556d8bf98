"""Extract one document's facts and lists (rule extract_document)."""

from policybrief.extraction import extract_document
from policybrief.step import pipeline_step
from policybrief.tables import FACT_COLUMNS, RECOMMENDATION_COLUMNS, write_rows

with pipeline_step(snakemake.log[0], "extract") as log:
    facts, items = extract_document(snakemake.input.text, snakemake.input.catalogue)
    write_rows(snakemake.output.facts, facts, FACT_COLUMNS)
    write_rows(snakemake.output.recommendations, items, RECOMMENDATION_COLUMNS)
    log.info("%s: %d facts, %d list items", snakemake.input.text, len(facts), len(items))
