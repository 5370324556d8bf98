"""Publish the edition (rule publish_edition): each rendered document replaces the published
one (reports/rendered/<report>.{html,pdf} -> reports/<report>.{html,pdf}) once both its files
are complete, each in one rename; then the edition's tables, documents and manifest are kept
under editions/<date>/."""

import json
import shutil
from pathlib import Path

from policybrief.editions import manifest, manifest_text, previous_from
from policybrief.publish import publish
from policybrief.step import pipeline_step

with pipeline_step(snakemake.log[0], "publish") as log:
    inputs, outputs = snakemake.input, snakemake.output
    # The records, the rendered pages and the PDFs list the reports in one order.
    for record, html, pdf in zip(outputs.records, inputs.html, inputs.pdf):
        # Published beside the folder of records: reports/.published/brief.json -> reports/brief.html
        folder = Path(record).parent.parent
        published = publish({source: folder / Path(source).name for source in (html, pdf)}, record)
        log.info("published %s", ", ".join(published))
    made = {Path(path).name: path for path in [*inputs.tables, *inputs.reports]}
    for kept in outputs.kept:
        shutil.copyfile(made[Path(kept).name], kept)
    engines = {Path(path).name.removesuffix("-engine.json"): json.loads(Path(path).read_text(encoding="utf-8"))
               for path in inputs.engines}
    edition = snakemake.config["edition"]
    record = manifest(edition, previous_from(inputs.previous), inputs.sources, outputs.kept, engines)
    Path(outputs.manifest).write_text(manifest_text(record), encoding="utf-8")
    log.info("kept %s (%d files, %d inputs checksummed) in %s", edition["name"],
             len(outputs.kept), len(record["inputs"]), Path(outputs.manifest).parent)
