"""Draw one figure of the brief (rule draw_figure)."""

import json

from policybrief.figures import FIGURES, save_figure
from policybrief.step import pipeline_step
from policybrief.tables import read_rows

with pipeline_step(snakemake.log[0], "figure") as log:
    name = snakemake.wildcards.figure
    fig, meta = FIGURES[name](read_rows(snakemake.input.facts), read_rows(snakemake.input.indicators),
                              read_rows(snakemake.input.documents))
    save_figure(fig, snakemake.output.png, snakemake.output.svg)
    with open(snakemake.output.meta, "w", encoding="utf-8") as handle:
        json.dump({"name": name, **meta}, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    log.info("drew %s", name)
