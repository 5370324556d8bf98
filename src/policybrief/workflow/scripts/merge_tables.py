"""Merge per-document tables into data/processed/ (rule merge_tables)."""

from policybrief.core.step import pipeline_step
from policybrief.core.tables import (
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    LIST_COLUMNS,
    MENTION_COLUMNS,
    RECOMMENDATION_COLUMNS,
    STATEMENT_COLUMNS,
    read_rows,
    write_rows,
)
from policybrief.core.units import check_units
from policybrief.extract.merge import (
    concatenate,
    document_rows,
    fact_order,
    list_order,
    load_metadata,
    mention_order,
    recommendations_of,
    statement_order,
    with_sources,
)
from policybrief.extract.supplementary import SUPPLEMENTARY_COLUMNS, load_plugin_schema, merge_plugins, read_plugin

with pipeline_step(snakemake.log[0], "merge") as log:
    documents = document_rows(snakemake.input.texts, load_metadata(snakemake.input.metadata), snakemake.input.metadata,
                              snakemake.input.files)
    extracted = with_sources(concatenate(snakemake.input.facts, fact_order), documents)
    # The catalogue's units first: a unit taken out of the list is told as such, not as a plug-in row's.
    check_units(extracted, snakemake.config["catalogue"], snakemake.input.units)
    schema = load_plugin_schema(snakemake.input.plugin_schema, snakemake.input.units)
    plugin_rows = [row for path in sorted(snakemake.input.supplementary) for row in read_plugin(path, schema)]
    # Downloaded statistics files, each already read by its mapping (rule read_statistics).
    plugin_rows += [row for path in sorted(snakemake.input.statistics) for row in read_rows(path)]
    for path, read_as in sorted({(row["file"], row["read_as"]) for row in plugin_rows}):
        if read_as != "UTF-8":
            log.info("%s read as %s", path, read_as)
    facts = sorted(merge_plugins(extracted, plugin_rows), key=fact_order)
    lists = concatenate(snakemake.input.lists, list_order)
    mentions = concatenate(snakemake.input.mentions, mention_order)
    write_rows(snakemake.output.documents, documents, DOCUMENT_COLUMNS)
    write_rows(snakemake.output.facts, facts, FACT_COLUMNS)
    write_rows(snakemake.output.supplementary, plugin_rows, SUPPLEMENTARY_COLUMNS)
    write_rows(snakemake.output.lists, lists, LIST_COLUMNS)
    recommendations = recommendations_of(lists)
    write_rows(snakemake.output.recommendations, recommendations, RECOMMENDATION_COLUMNS)
    write_rows(snakemake.output.mentions, mentions, MENTION_COLUMNS)
    write_rows(snakemake.output.statements, concatenate(snakemake.input.statements, statement_order),
               STATEMENT_COLUMNS)
    log.info("%d documents, %d facts (%d from %d plug-in files and %d statistics files), %d recommendations, "
             "%d mentions", len(documents), len(facts), len(plugin_rows), len(snakemake.input.supplementary),
             len(snakemake.input.statistics),
             len(recommendations), len(mentions))
