"""Write one sha256 over the library's modules (rule library_fingerprint)."""

import hashlib
from pathlib import Path

from policybrief.step import pipeline_step

with pipeline_step(snakemake.log[0], "library") as log:
    digest = hashlib.sha256()
    for path in sorted(snakemake.input):
        digest.update(path.encode("utf-8") + b"\0" + Path(path).read_bytes())
    Path(snakemake.output[0]).parent.mkdir(parents=True, exist_ok=True)
    Path(snakemake.output[0]).write_text(digest.hexdigest() + "\n", encoding="utf-8")
    log.info("library fingerprint over %d modules", len(snakemake.input))
