"""Read one downloaded statistics file into plug-in rows by its mapping (rule read_statistics)."""

import json
from pathlib import Path

from policybrief.core.step import pipeline_step
from policybrief.core.tables import columns_of, write_rows
from policybrief.core.units import unit_names
from policybrief.extract.statistics.read import read_statistics

with pipeline_step(snakemake.log[0], "official statistics") as log:
    rows, report = read_statistics(snakemake.input.file, unit_names(snakemake.input.units))
    write_rows(snakemake.output.rows, rows, columns_of("supplementary"))
    Path(snakemake.output.report).write_text(json.dumps(report, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    if report["mapping"]:
        log.info("%s (%s, dataset %s): %d values plugged in by %s; %d not published (missing or confidential)",
                 report["file"], report["layout"], report["dataset"], len(rows), report["mapping"],
                 len(report["not_published"]))
    else:
        log.warning("%s (%s, dataset %s) has no mapping (%s), so it is not plugged in: a proposed mapping is in "
                    "reports/mapping-suggestions.yaml", report["file"], report["layout"], report["dataset"],
                    report["mapping_file"])
