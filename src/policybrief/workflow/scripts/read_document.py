"""Read one published document (PDF or saved web page) to its text and page map (rule
read_document)."""

from pathlib import Path

from policybrief.core.step import pipeline_step
from policybrief.extract.published.page_map import write_page_map
from policybrief.extract.published.read import read_published

with pipeline_step(snakemake.log[0], "read document") as log:
    text, page_map = read_published(snakemake.input.file)
    Path(snakemake.output.text).write_text(text, encoding="utf-8")
    write_page_map(snakemake.output.pages, page_map)
    notes = sum(len(page["footnotes"]) for page in page_map["pages"])
    log.info("%s (%s): %d characters of text from %d pages, %d footnotes; left out: %s", snakemake.input.file,
             page_map["kind"], len(text), len(page_map["pages"]), notes,
             "; ".join(item["what"] for item in page_map["left_out"]) or "nothing")
