"""Check the sources' own arithmetic for one validation stage (rule check_arithmetic)."""

from policybrief.checks import CHECK_COLUMNS, Scope, load_checks, run_checks
from policybrief.step import pipeline_step
from policybrief.tables import read_rows, write_rows

with pipeline_step(snakemake.log[0], "arithmetic") as log:
    inputs = snakemake.input
    scope = Scope(read_rows(inputs.facts), read_rows(inputs.lists),
                  read_rows(inputs.indicators[0]) if inputs.indicators else [])
    rows = run_checks(load_checks(inputs.checks), snakemake.wildcards.stage, scope)
    write_rows(snakemake.output.checks, rows, CHECK_COLUMNS)
    log.info("%d checks, %d outside their tolerance", len(rows), sum(r["within_tolerance"] != "true" for r in rows))
