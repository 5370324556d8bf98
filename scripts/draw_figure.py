"""Draw one figure of the brief (rule draw_figure): PNG, SVG, its caption and alt text, and
the data it draws as CSV."""

import json

from policybrief.figures import FIGURES, save_figure
from policybrief.step import pipeline_step
from policybrief.tables import read_rows, write_rows

with pipeline_step(snakemake.log[0], "figure") as log:
    name = snakemake.wildcards.figure
    tables = {table: read_rows(snakemake.input[table])
              for table in ("documents", "facts", "recommendations", "indicators")}
    tables["limits"] = snakemake.params.limits
    fig, meta, data = FIGURES[name](tables)
    save_figure(fig, snakemake.output.png, snakemake.output.svg)
    write_rows(snakemake.output.data, data, list(data[0]) if data else ["no_data"])
    with open(snakemake.output.meta, "w", encoding="utf-8") as handle:
        json.dump({"name": name, "data": f"figures/{name}.csv", **meta}, handle, indent=2, sort_keys=True,
                  ensure_ascii=False)
        handle.write("\n")
    log.info("drew %s (%d rows of data)", name, len(data))
