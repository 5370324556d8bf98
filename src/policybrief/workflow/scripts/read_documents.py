"""Read a batch of published documents (PDFs, saved web pages), each to its text and page map
(rules read_batch_*)."""

from pathlib import Path

from policybrief.core.step import pipeline_step
from policybrief.extract.published.page_map import write_page_map
from policybrief.extract.published.read import read_published

with pipeline_step(snakemake.log[0], "read documents") as log:
    # The outputs list the documents in the order of the files.
    for file, text_path, pages_path in zip(snakemake.input.files, snakemake.output.texts, snakemake.output.pages):
        text, page_map = read_published(file)
        Path(text_path).write_text(text, encoding="utf-8")
        write_page_map(pages_path, page_map)
        notes = sum(len(page["footnotes"]) for page in page_map["pages"])
        log.info("%s (%s): %d characters of text from %d pages, %d footnotes; left out: %s", file,
                 page_map["kind"], len(text), len(page_map["pages"]), notes,
                 "; ".join(item["what"] for item in page_map["left_out"]) or "nothing")
