"""Draw each quoted sentence of a PDF document on its page (rule draw_quote_pages), and an index
of the pictures for the annex."""

import json
from pathlib import Path

from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows
from policybrief.extract.published.page_map import document_of, load_page_map
from policybrief.figures.quote_pages import draw, quote_pages

with pipeline_step(snakemake.log[0], "quote pages") as log:
    out_dir = Path(snakemake.output.folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    page_maps = {document_of(path): load_page_map(path) for path in snakemake.input.page_maps}
    rows = read_rows(snakemake.input.facts) + read_rows(snakemake.input.statements)
    sentences = {(row["document"], int(row["char_start"]), int(row["char_end"])) for row in rows if row["document"]}
    quotes = quote_pages(sentences, page_maps)
    cache, index = {}, {}
    for quote in quotes:
        width = draw(quote, page_maps[quote.document]["file"], page_maps[quote.document], out_dir, cache)
        index[f"{quote.document}:{quote.char_start}:{quote.char_end}"] = {
            "file": f"quotes/{quote.file}", "page": quote.label, "continues": quote.continues, "width": width}
    (out_dir / "index.json").write_text(json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log.info("%d quoted sentences drawn on their pages, from %d PDF documents", len(quotes),
             len({q.document for q in quotes}))
