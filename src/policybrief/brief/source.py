"""The tables a document of the brief is written from, read from the files a build made: one
reader for the rule that writes the brief's source and for the preview, so that both fill the
template from the same context."""

import json
from pathlib import Path

from policybrief.brief.context import EditionTables, brief_context, figure_entry, sic_words
from policybrief.brief.evidence import EvidenceIndex, with_evidence_links
from policybrief.brief.templates import render_source
from policybrief.compute.indicators import declared_indicators
from policybrief.core.tables import TABLES, read_rows
from policybrief.editions.changes import edition_changes_context
from policybrief.editions.records import archived_editions, previous_edition, previous_from


def paths(named) -> list:
    """A named input's files: Snakemake gives a list, or a path when there is one."""
    return list(named) if isinstance(named, (list, tuple)) else [named]


def edition_tables(inputs, subjects=()) -> EditionTables:
    """The tables, figures, declared indicators, [sic] words and changes, from the files named
    as the rule write_brief_source names its inputs (attributes or keys); the evidence's
    subjects are the edition's settings (config evidence_subjects)."""
    get = inputs.get if isinstance(inputs, dict) else lambda name: getattr(inputs, name)
    return EditionTables(
        documents=read_rows(get("documents")), facts=read_rows(get("facts")),
        recommendations=read_rows(get("recommendations")), indicators=read_rows(get("indicators")),
        lists=read_rows(get("lists")), statements=read_rows(get("statements")),
        figures=[figure_entry(json.loads(Path(path).read_text(encoding="utf-8")), data)
                 for path, data in zip(paths(get("figures")), paths(get("figure_data")))],
        changes=edition_changes_context(read_rows(get("changes")), previous_from(paths(get("previous")))),
        declared=declared_indicators(get("declarations")),
        # The catalogue is one file per document; their lists' [sic] words are merged.
        sic=sic_words(paths(get("catalogue"))), subjects=tuple(subjects),
        supplementary=read_rows(get("supplementary")))


def built_inputs(config: dict) -> dict:
    """The files the last build of the topic in the working folder wrote the brief from."""
    figures = sorted(Path("reports/figures").glob("*.json"))
    previous = previous_edition(config["edition"], archived_editions())
    return {
        **{name: TABLES[name].path for name in ("documents", "facts", "recommendations", "indicators", "lists",
                                                "statements", "changes", "supplementary")},
        "figures": [str(path) for path in figures], "figure_data": [str(path.with_suffix(".csv")) for path in figures],
        "previous": [f"{previous['folder']}/manifest.json"] if previous else [],
        "declarations": "config/indicators.yaml",
        "catalogue": sorted(str(path) for path in Path(config["catalogue"]).glob("*.yaml")),
    }


def linked_brief(template, context: dict, tables: EditionTables) -> tuple[str, list[dict]]:
    """The brief's Quarto source and its marks, each number linked to its evidence in the annex."""
    marks = []
    source = render_source(template, context, marks=marks)
    return with_evidence_links(source, marks, EvidenceIndex(tables.indicators, tables.lists))


def brief_source(config: dict, template="config/brief.qmd.j2") -> str:
    """The brief's Quarto source from the built tables and the template as it is now."""
    tables = edition_tables(built_inputs(config), config.get("evidence_subjects", ()))
    return linked_brief(template, brief_context(tables, config["edition"], config.get("limits")), tables)[0]
