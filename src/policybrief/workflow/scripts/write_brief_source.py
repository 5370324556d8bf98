"""Fill the brief's or the annex's template from the tables (rules write_brief_source and
write_annex_source; the source's name says which). The brief's marks, what its template
says of the numbers it computes, ranks or spans (policybrief.brief.marks), are written beside
it for its ledger."""

import json
from pathlib import Path

from policybrief.brief.context import annex_context, brief_context
from policybrief.brief.datasets import statistics_datasets
from policybrief.brief.marks import marks_file
from policybrief.brief.running_header import running_header_typst
from policybrief.brief.source import edition_tables, linked_brief, paths
from policybrief.brief.templates import render_source
from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows
from policybrief.extract.published.page_map import document_of, load_page_map, read_as_published
from policybrief.suggest.suggestions import proposed_by_document

document = Path(snakemake.output.source).stem


with pipeline_step(snakemake.log[0], f"{document} source") as log:
    inputs, outputs, edition = snakemake.input, snakemake.output, snakemake.config["edition"]
    limits = snakemake.config["limits"]
    tables = edition_tables(inputs, snakemake.config["evidence_subjects"])
    if document == "brief":
        context = brief_context(tables, edition, limits)
    else:
        # The annex reports the validation, the checks and the ledger; the brief does not wait for them.
        context = annex_context(
            tables, edition, limits, validation=json.loads(Path(inputs.validation).read_text(encoding="utf-8")),
            checks=[row for path in paths(inputs.checks) for row in read_rows(path)], ledger=read_rows(inputs.ledger),
            # The numbers the catalogue does not take yet, listed by the annex.
            suggested=proposed_by_document(inputs.suggestions),
            # The downloaded statistics files: their datasets, series and values not published.
            datasets=statistics_datasets(tables.supplementary,
                                         [json.loads(Path(path).read_text(encoding="utf-8"))
                                          for path in paths(inputs.statistics)]),
            # Each quoted sentence of a PDF drawn on its page, and what reading each PDF or web page left out.
            pictures={key: picture for folder in paths(inputs.quotes)
                      for key, picture in json.loads(Path(folder, "index.json").read_text(encoding="utf-8")).items()},
            published=[read_as_published(document_of(path), load_page_map(path))
                       for path in paths(inputs.page_maps)])
    if document == "brief":  # each number linked to its evidence in the annex
        source, marks = linked_brief(inputs.template, context, tables)
    else:
        source, marks = render_source(inputs.template, context), []
    Path(outputs.source).write_text(source, encoding="utf-8")
    if outputs.get("marks"):
        Path(outputs.marks).write_text(marks_file(source, marks), encoding="utf-8")
    header = running_header_typst(edition) if document == "brief" else running_header_typst(
        edition, title="Sources and data annex", subtitle=f"To the policy brief “{edition['title']}”",
        long_tables=True)
    Path(outputs.running_header).write_text(header, encoding="utf-8")
    log.info("wrote %s (%d marks)", ", ".join(str(path) for path in outputs), len(marks))
