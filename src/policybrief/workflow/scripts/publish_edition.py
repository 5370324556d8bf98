"""Publish the edition (rule publish_edition): the rendered brief and annex
(reports/rendered/<report>.{html,pdf} -> reports/<report>.{html,pdf}) and the edition's record
(its tables, documents and manifest, under editions/<date>/), all or nothing
(policybrief.editions.publish); the receipt of what was published is the job's one output."""

import json
from pathlib import Path

from policybrief.core.step import pipeline_step
from policybrief.editions.freeze import DRAFT_IGNORE, DRAFT_IGNORE_TEXT, frozen_refusal, seal_of, would_change
from policybrief.editions.publish import publish
from policybrief.editions.records import edition_folder, manifest, manifest_text, previous_from

with pipeline_step(snakemake.log[0], "publish") as log:
    inputs = snakemake.input
    edition = snakemake.config["edition"]
    reports = {Path("reports") / Path(source).name: source for source in [*inputs.html, *inputs.pdf]}
    kept = {Path(path).name: path for path in [*inputs.tables, *inputs.reports]}
    engines = {Path(path).name.removesuffix("-engine.json"): json.loads(Path(path).read_text(encoding="utf-8"))
               for path in inputs.engines}
    record = manifest(edition, previous_from(inputs.previous), inputs.sources, kept, engines)
    folder = edition_folder(edition)
    seal = seal_of(folder)
    if seal:
        # A frozen edition is never rewritten: what it says must be what was sealed.
        changed = would_change(seal, kept)
        if changed:
            raise frozen_refusal(folder, seal, changed)
        records = {}
    else:
        records = {folder: {**kept, "manifest.json": manifest_text(record).encode("utf-8"),
                            DRAFT_IGNORE: DRAFT_IGNORE_TEXT.encode("utf-8")}}
    published = publish(reports, records, receipt=snakemake.output.receipt)
    log.info("published %s", ", ".join(str(path) for path in reports))
    if seal:
        log.info("%s was frozen on %s: its record stays as sealed (this build says the same)", edition["name"],
                 seal["frozen_on"])
    else:
        log.info("kept %s as a draft (%d files, %d inputs checksummed) in %s; "
                 "`policybrief freeze --signed-by \"Editor\"` publishes it",
                 edition["name"], len(kept) + 1, len(record["inputs"]), folder)
    log.info("receipt: %d files", len(published))
