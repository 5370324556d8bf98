"""Render one document of the edition (reports/brief.qmd or annex.qmd) to HTML and PDF (rule render_document)."""

import json
from pathlib import Path

from policybrief.core.step import pipeline_step
from policybrief.render.engines import engine_versions, render_brief

with pipeline_step(snakemake.log[0], "render") as log:
    assets = {name: snakemake.input[name]
              for name in ("css", "page_css", "typst_template", "running_header", "typst_style", "lua_filter",
                           "accessibility_filter", "skip_link")}
    engine = render_brief(snakemake.input.qmd, snakemake.output.html, snakemake.output.pdf, assets,
                          snakemake.config["render"]["engine"], snakemake.config["edition"]["date"], log)
    # What rendered it, for the edition's manifest (rule publish_edition).
    Path(snakemake.output.engine_record).write_text(json.dumps(engine_versions(engine), indent=2) + "\n",
                                                    encoding="utf-8")
    log.info("rendered %s and %s with %s", snakemake.output.html, snakemake.output.pdf, engine)
