"""Publish one rendered document (rule publish_document): reports/rendered/<report>.{html,pdf}
replace reports/<report>.{html,pdf} only once both are complete, each in one rename."""

from pathlib import Path

from policybrief.publish import publish
from policybrief.step import pipeline_step

with pipeline_step(snakemake.log[0], "publish") as log:
    # Published beside the folder of records: reports/.published/brief.json -> reports/brief.html
    folder = Path(snakemake.output.record).parent.parent
    files = {source: folder / Path(source).name for source in (snakemake.input.html, snakemake.input.pdf)}
    published = publish(files, snakemake.output.record)
    log.info("published %s", ", ".join(published))
