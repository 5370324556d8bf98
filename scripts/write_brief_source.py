"""Fill the brief's and the annex's templates from the tables (rule write_brief_source)."""

import json
from pathlib import Path

from policybrief.brief import build_context, figure_entry, render_source, running_header_typst, sic_words
from policybrief.step import pipeline_step
from policybrief.tables import read_rows

with pipeline_step(snakemake.log[0], "brief source") as log:
    inputs, outputs, edition = snakemake.input, snakemake.output, snakemake.params.edition
    figures = [figure_entry(json.loads(Path(path).read_text(encoding="utf-8")), data)
               for path, data in zip(inputs.figures, inputs.figure_data)]
    validation = json.loads(Path(inputs.validation).read_text(encoding="utf-8"))
    checks = [row for path in inputs.checks for row in read_rows(path)]
    context = build_context(edition, read_rows(inputs.documents), read_rows(inputs.facts),
                            read_rows(inputs.recommendations), read_rows(inputs.indicators), figures, validation,
                            checks, read_rows(inputs.lists), sic_words(inputs.catalogue),
                            read_rows(inputs.statements))
    Path(outputs.brief).write_text(render_source(inputs.brief_template, context), encoding="utf-8")
    Path(outputs.annex).write_text(render_source(inputs.annex_template, context), encoding="utf-8")
    Path(outputs.brief_running).write_text(running_header_typst(edition), encoding="utf-8")
    Path(outputs.annex_running).write_text(
        running_header_typst(edition, title="Sources and data annex",
                             subtitle=f"To the policy brief “{edition['title']}”", long_tables=True),
        encoding="utf-8")
    log.info("wrote %s", ", ".join(str(path) for path in outputs))
