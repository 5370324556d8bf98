"""What changed since the previous kept edition (rule compare_editions); nothing for a first edition."""

from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows, write_rows
from policybrief.editions.changes import CHANGE_COLUMNS, change_counts, edition_changes
from policybrief.editions.freeze import check_sealed
from policybrief.editions.records import COMPARED_TABLES, previous_from

with pipeline_step(snakemake.log[0], "compare editions") as log:
    inputs = snakemake.input
    previous = previous_from(inputs.previous)
    if previous:
        check_sealed(previous["folder"])
        rows = edition_changes({table: read_rows(inputs[f"previous_{table}"]) for table in COMPARED_TABLES},
                               {table: read_rows(inputs[table]) for table in COMPARED_TABLES})
        counts = change_counts(rows)
        log.info("since edition %s (%s, kept in %s/): %s", previous["number"], previous["date"], previous["folder"],
                 "; ".join(f"{what}s " + ", ".join(f"{n} {change}" for change, n in by.items())
                           for what, by in counts.items()))
    else:
        rows = []
        log.info("no edition is kept under editions/ before this one: it has no predecessor")
    write_rows(snakemake.output.changes, rows, CHANGE_COLUMNS)
