"""Stop the build before the render when a critical expectation failed (rule validation_gate)."""

import json
import sys
from pathlib import Path

from policybrief.core.step import pipeline_step
from policybrief.editions.publish import PUBLISHED_BRIEF
from policybrief.validate.report import critical_messages, first_failure

with pipeline_step(snakemake.log[0], "validation gate") as log:
    stages = {Path(path).stem: json.loads(Path(path).read_text(encoding="utf-8"))
              for path in snakemake.input.stages}
    failed = first_failure(stages)
    if failed:
        if Path(PUBLISHED_BRIEF).exists():
            log.error("Validation failed: the brief was not rebuilt; the last good brief is unchanged.")
        else:
            log.error("Validation failed: no brief was made (this topic has no earlier brief to keep). What to do: "
                      "correct what is named below and run the same command again.")
        for message in critical_messages(stages[failed]):
            log.error("%s", message)
        # The stage's own report, written by the validation job whatever the outcome.
        log.error("Details: reports/validation/%s.json (this stage's results) and "
                  "reports/validation/data_docs/%s/index.html (its Data Docs)", failed, failed)
        sys.exit(1)
    for path in snakemake.output.passed:
        summary = stages[Path(path).stem]
        passed = {name: {k: suite[k] for k in ("evaluated", "passed", "warnings")}
                  for name, suite in summary["suites"].items()}
        Path(path).write_text(json.dumps(passed, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    log.info("all critical expectations passed")
