"""Propose a mapping for each downloaded statistics file that has none (rule suggest_mappings)."""

import json
from pathlib import Path

from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows
from policybrief.suggest.mappings import mapping_suggestions
from policybrief.suggest.suggestions import common_names

with pipeline_step(snakemake.log[0], "mapping suggestions") as log:
    reports = [json.loads(Path(path).read_text(encoding="utf-8")) for path in snakemake.input.reports]
    # The places the edition speaks of come first: a proposal keeps the one the brief is about.
    places = {fact["geography"] for fact in read_rows(snakemake.input.facts) if fact["geography"]}
    places |= set(common_names(snakemake.input.names)["geography"])
    Path(snakemake.output.suggestions).write_text(mapping_suggestions(reports, places), encoding="utf-8")
    log.info("%d downloaded statistics file(s), %d without a mapping", len(reports),
             sum(1 for report in reports if not report["mapping"]))
