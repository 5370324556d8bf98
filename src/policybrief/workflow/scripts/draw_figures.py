"""Draw figures of the brief (rules draw_figures and draw_periods_figure), each named by its
outputs: PNG, SVG, its caption and alt text (JSON, and reStructuredText for Snakemake's
report), and the data it draws as CSV."""

import json
from pathlib import Path

from policybrief.compute.indicators import declared_indicators
from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows, write_rows
from policybrief.figures.captions import figure_caption
from policybrief.figures.draw import draw_figure, save_figure
from policybrief.figures.specs import figure_specs

with pipeline_step(snakemake.log[0], "figures") as log:
    output = snakemake.output
    tables = {table: read_rows(snakemake.input[table])
              for table in ("documents", "facts", "recommendations", "indicators")}
    tables["limits"] = snakemake.config["limits"]
    tables["declared"] = declared_indicators(snakemake.input.declarations)
    specs = figure_specs(snakemake.input.figures)
    for png, svg, data_path, meta_path, caption_path in zip(output.png, output.svg, output.data, output.meta,
                                                            output.caption):
        name = Path(meta_path).stem
        fig, meta, data = draw_figure(name, tables, specs)
        save_figure(fig, png, svg)
        write_rows(data_path, data, list(data[0]) if data else ["no_data"])
        meta = {"name": name, "data": f"figures/{name}.csv", **meta}
        with open(meta_path, "w", encoding="utf-8") as handle:
            json.dump(meta, handle, indent=2, sort_keys=True, ensure_ascii=False)
            handle.write("\n")
        Path(caption_path).write_text(figure_caption(meta), encoding="utf-8")
        log.info("drew %s (%d rows of data)", name, len(data))
