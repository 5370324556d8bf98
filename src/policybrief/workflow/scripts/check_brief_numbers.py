"""Trace every number the brief prints to its row (rule check_brief_numbers); stop if one does not."""

from pathlib import Path

from policybrief.brief.ledger import LEDGER_COLUMNS, Sources, check_numbers
from policybrief.brief.marks import read_marks
from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows, write_rows
from policybrief.editions.records import previous_from
from policybrief.extract.merge import inventory_field, load_metadata

with pipeline_step(snakemake.log[0], "brief numbers") as log:
    inputs = snakemake.input
    # What the brief calls each document besides its citation (the inventory's names).
    names = inventory_field(load_metadata(inputs.inventory), "names", [])
    sources = Sources(read_rows(inputs.facts), read_rows(inputs.indicators), read_rows(inputs.documents),
                      read_rows(inputs.recommendations), read_rows(inputs.lists), snakemake.config["edition"],
                      read_rows(inputs.changes), previous_from(inputs.previous), inputs.units, names,
                      read_rows(inputs.statements))
    brief = Path(inputs.brief).read_text(encoding="utf-8")
    # What the template marked: the numbers the brief computes, ranks and spans of years.
    marks = read_marks(inputs.marks, brief, inputs.brief)
    # The running header's short title is the edition's; the title and subtitle are the source's own.
    rows = check_numbers(brief, sources, inputs.brief, marks=marks, marks_path=inputs.marks,
                         short_title=snakemake.config["edition"].get("short_title", ""))
    write_rows(snakemake.output.ledger, rows, LEDGER_COLUMNS)
    titles = sum(row["section"] in ("title", "subtitle", "short title") for row in rows)
    log.info("%d numbers in the brief, all traced (%d through the template's marks or links, %d in the title lines "
             "by what they are; %d marks)", len(rows), len(rows) - titles, titles, len(marks))
