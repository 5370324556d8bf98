"""Compute indicators from validated facts (rule compute_indicators)."""

from policybrief.indicators import compute_indicators, declared_indicators
from policybrief.step import pipeline_step
from policybrief.tables import INDICATOR_COLUMNS, read_rows, write_rows

with pipeline_step(snakemake.log[0], "indicators") as log:
    indicators = compute_indicators(read_rows(snakemake.input.facts), read_rows(snakemake.input.recommendations),
                                    declared_indicators(snakemake.input.declarations))
    write_rows(snakemake.output.indicators, indicators, INDICATOR_COLUMNS)
    log.info("%d indicators", len(indicators))
