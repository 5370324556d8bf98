"""Validate the processed tables with Great Expectations (rule validate_tables).

Always writes <stage>.json and Data Docs; the validation_gate rule decides whether the
build may go on, so the report survives a failed validation.
"""

import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

from policybrief.errors import InputError
from policybrief.step import pipeline_step
from policybrief.validation.data_docs import harden_site
from policybrief.validation.frames import load_texts
from policybrief.validation.report import summarise, write_results
from policybrief.validation.runner import import_gx, run_suites
from policybrief.validation.suites import load_suite

with pipeline_step(snakemake.log[0], "validate") as log:
    started = time.perf_counter()
    suites = [load_suite(path) for path in sorted(snakemake.input.suites)]
    tables = {Path(path).stem: path for path in snakemake.input.tables}
    missing = [suite for suite in suites if suite.table not in tables]
    if missing:
        raise InputError(missing[0].path, f"validates table {missing[0].table!r}, which stage "
                         f"{snakemake.wildcards.stage!r} does not provide.",
                         "add the table to VALIDATION_STAGES in workflow/rules/common.smk.")
    shutil.rmtree(snakemake.output.docs, ignore_errors=True)
    import_gx()
    imported = time.perf_counter()
    edition_day = datetime.fromisoformat(snakemake.config["edition"]["date"]).replace(tzinfo=timezone.utc)
    outcomes = run_suites(suites, tables, load_texts(snakemake.input.texts), snakemake.output.docs,
                          run_name=snakemake.wildcards.stage, run_time=edition_day)
    manifest = Path(snakemake.input.data_docs_manifest)
    pages = harden_site(snakemake.output.docs, manifest.parent, manifest)
    log.info("Data Docs: %d pages, assets from %s/, no network", len(pages), manifest.parent)
    summary = summarise(outcomes)
    write_results(snakemake.output.results, summary)
    for name, suite in summary["suites"].items():
        log.info("%s: %d evaluated, %d passed, %d failed, %d warnings",
                 name, suite["evaluated"], suite["passed"], suite["failed"], suite["warnings"])
    log.info("validation took %.1f s, of which %.1f s importing Great Expectations",
             time.perf_counter() - started, imported - started)
