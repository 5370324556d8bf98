"""Fill the brief template with the tables' numbers (rule write_brief_source)."""

import json
from pathlib import Path

from policybrief.brief import build_context, render_source, running_header_typst
from policybrief.step import pipeline_step
from policybrief.tables import read_rows

with pipeline_step(snakemake.log[0], "brief source") as log:
    inputs = snakemake.input
    figures = [json.loads(Path(path).read_text(encoding="utf-8")) for path in inputs.figures]
    validation = json.loads(Path(inputs.validation).read_text(encoding="utf-8"))
    checks = [row for path in inputs.checks for row in read_rows(path)]
    context = build_context(snakemake.params.edition, read_rows(inputs.documents), read_rows(inputs.facts),
                            read_rows(inputs.recommendations), read_rows(inputs.indicators), figures, validation,
                            checks, read_rows(inputs.lists))
    Path(snakemake.output.qmd).write_text(render_source(inputs.template, context), encoding="utf-8")
    Path(snakemake.output.running).write_text(running_header_typst(snakemake.params.edition), encoding="utf-8")
    log.info("wrote %s and %s", snakemake.output.qmd, snakemake.output.running)
