"""Compute indicators from validated facts (checkpoint compute_indicators), and name the series
with values for more than one period, which decide the edition's figures."""

import json
from pathlib import Path

from policybrief.compute.indicators import check_inputs, compute_indicators, declared_indicators
from policybrief.core.periods import series_over_periods
from policybrief.core.step import pipeline_step
from policybrief.core.tables import INDICATOR_COLUMNS, read_rows, write_rows

with pipeline_step(snakemake.log[0], "indicators") as log:
    facts = read_rows(snakemake.input.facts)
    declared = declared_indicators(snakemake.input.declarations)
    check_inputs(declared, facts, snakemake.input.declarations)
    indicators = compute_indicators(facts, read_rows(snakemake.input.recommendations), declared)
    write_rows(snakemake.output.indicators, indicators, INDICATOR_COLUMNS)
    series = [list(key) for key in series_over_periods(facts, indicators)]
    Path(snakemake.output.series).write_text(json.dumps({"series_over_periods": series}, indent=1) + "\n",
                                             encoding="utf-8")
    log.info("%d indicators; %d series over periods", len(indicators), len(series))
