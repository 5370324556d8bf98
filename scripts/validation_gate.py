"""Stop the build before the brief when a critical expectation failed (rule validation_gate)."""

import json
import sys

from policybrief.step import pipeline_step
from policybrief.validation.report import critical_messages

with pipeline_step(snakemake.log[0], "validation gate") as log:
    with open(snakemake.input.results, encoding="utf-8") as handle:
        summary = json.load(handle)
    messages = critical_messages(summary)
    if messages:
        log.error("Validation failed: the brief was not rebuilt; the last good brief is unchanged.")
        for message in messages:
            log.error("%s", message)
        # The stage's own report, written by its validation job whatever the outcome.
        stage = snakemake.wildcards.stage
        log.error("Details: %s (this stage's results) and reports/validation/data_docs/%s/index.html "
                  "(its Data Docs)", snakemake.input.results, stage)
        sys.exit(1)
    passed = {name: {k: suite[k] for k in ("evaluated", "passed", "warnings")}
              for name, suite in summary["suites"].items()}
    with open(snakemake.output.passed, "w", encoding="utf-8") as handle:
        json.dump(passed, handle, indent=2, sort_keys=True)
        handle.write("\n")
    log.info("all critical expectations passed")
