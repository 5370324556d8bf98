"""Fill the brief's or the annex's template from the tables (rules write_brief_source and
write_annex_source; the source's name says which)."""

import json
from pathlib import Path

from policybrief.brief.brief import build_context, figure_entry, render_source, running_header_typst, sic_words
from policybrief.compute.indicators import declared_indicators
from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows
from policybrief.editions.changes import edition_changes_context
from policybrief.editions.records import previous_from
from policybrief.suggest.suggestions import proposed_by_document

document = Path(snakemake.output.source).stem

with pipeline_step(snakemake.log[0], f"{document} source") as log:
    inputs, outputs, edition = snakemake.input, snakemake.output, snakemake.config["edition"]
    figures = [figure_entry(json.loads(Path(path).read_text(encoding="utf-8")), data)
               for path, data in zip(inputs.figures, inputs.figure_data)]
    # The annex reports the validation, the checks and the ledger; the brief does not wait for them.
    validation = json.loads(Path(inputs.validation).read_text(encoding="utf-8")) if inputs.get("validation") else {}
    checks = [row for path in inputs.get("checks", []) for row in read_rows(path)]
    ledger = read_rows(inputs.ledger) if inputs.get("ledger") else []
    # The numbers the catalogue does not take yet, listed by the annex.
    suggested = proposed_by_document(inputs.suggestions) if inputs.get("suggestions") else []
    context = build_context(edition, read_rows(inputs.documents), read_rows(inputs.facts),
                            read_rows(inputs.recommendations), read_rows(inputs.indicators), figures, validation,
                            checks, read_rows(inputs.lists), sic_words(inputs.catalogue),
                            read_rows(inputs.statements), ledger,
                            edition_changes_context(read_rows(inputs.changes), previous_from(inputs.previous)),
                            snakemake.config["limits"], declared_indicators(inputs.declarations), suggested)
    Path(outputs.source).write_text(render_source(inputs.template, context), encoding="utf-8")
    header = running_header_typst(edition) if document == "brief" else running_header_typst(
        edition, title="Sources and data annex", subtitle=f"To the policy brief “{edition['title']}”",
        long_tables=True)
    Path(outputs.running_header).write_text(header, encoding="utf-8")
    log.info("wrote %s", ", ".join(str(path) for path in outputs))
