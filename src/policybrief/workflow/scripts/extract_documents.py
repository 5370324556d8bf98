"""Extract a batch of documents, each to its own facts, lists, mentions and statements tables
(rules extract_batch_*): many documents per process, as a process costs more than a document."""

from policybrief.core.documents import check_sizes, document_id
from policybrief.core.errors import InputError
from policybrief.core.step import pipeline_step
from policybrief.core.tables import FACT_COLUMNS, LIST_COLUMNS, MENTION_COLUMNS, STATEMENT_COLUMNS, write_rows
from policybrief.extract.extraction import Progress, extract_document, load_specs
from policybrief.extract.merge import inventory_field, load_metadata
from policybrief.extract.published.page_map import load_page_map, located, page_map_path

with pipeline_step(snakemake.log[0], "extract") as log:
    output = snakemake.output
    check_sizes(snakemake.input.texts, snakemake.config["limits"]["document_megabytes"])
    specs = load_specs(snakemake.input.catalogue)
    styles = inventory_field(load_metadata(snakemake.input.inventory), "number_style", "")
    # A PDF's text has a page map beside it: each fact, item and statement is then located on its page.
    page_maps = {str(page_map_path(text)): text for text in snakemake.input.texts}
    page_maps = {page_maps[path]: load_page_map(path) for path in snakemake.input.page_maps}
    progress = Progress(len(snakemake.input.texts), log)
    # The outputs list the documents in the order of the texts.
    files = dict(zip(snakemake.input.texts, snakemake.input.files))
    for count, (text, *tables) in enumerate(zip(snakemake.input.texts, output.facts, output.lists, output.mentions,
                                                 output.statements), start=1):
        try:
            facts, items, mentions, statements = extract_document(text, specs, styles.get(document_id(text), ""))
        except InputError as error:
            # A PDF's or web page's text is named as what it is: the document, as read.
            if error.path != text or files[text] == text:
                raise
            raise InputError(f"{files[text]} (as read into {text})", error.problem, error.hint) from None
        facts, items, statements = (located(rows, page_maps.get(text)) for rows in (facts, items, statements))
        for path, rows, columns in zip(tables, (facts, items, mentions, statements),
                                       (FACT_COLUMNS, LIST_COLUMNS, MENTION_COLUMNS, STATEMENT_COLUMNS)):
            write_rows(path, rows, columns)
        unclaimed = sum(1 for m in mentions if not m["fact_id"] and m["kind"] != "citation")
        log.info("%s: %d facts, %d list items, %d numeric mentions (%d neither a fact nor a citation), "
                 "%d statements", text, len(facts), len(items), len(mentions), unclaimed, len(statements))
        progress.done(count)
