"""Keep the built edition under editions/<date>/: its tables, documents and manifest (rule keep_edition)."""

import json
import shutil
from pathlib import Path

from policybrief.editions import manifest, manifest_text, previous_from
from policybrief.step import pipeline_step

with pipeline_step(snakemake.log[0], "keep edition") as log:
    inputs, outputs = snakemake.input, snakemake.output
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
