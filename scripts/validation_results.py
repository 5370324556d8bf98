"""Gather the validation stages into reports/validation/results.json (rule validation_results)."""

import json
from pathlib import Path

from policybrief.step import pipeline_step
from policybrief.validation.report import combine, write_results

with pipeline_step(snakemake.log[0], "validation results") as log:
    stages = {Path(path).stem: json.loads(Path(path).read_text(encoding="utf-8")) for path in snakemake.input.stages}
    summary = combine(stages)
    write_results(snakemake.output.results, summary)
    log.info("%d suites, %d critical failures", len(summary["suites"]), summary["critical_failures"])
