"""Check the sources' arithmetic and validate the processed tables of every stage with Great
Expectations, in one process (rule validate).

Always writes <stage>.json, each stage's Data Docs and results.json; the validation_gate
rule decides whether the build may go on, so the report survives a failed validation.
"""

import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from policybrief.core.errors import InputError
from policybrief.core.step import pipeline_step
from policybrief.core.tables import read_rows, write_rows
from policybrief.validate.checks import CHECK_COLUMNS, Scope, load_checks, run_checks
from policybrief.validate.data_docs import harden_site, not_run_page
from policybrief.validate.frames import load_texts
from policybrief.validate.report import first_failure, not_run, overall, summarise, write_results
from policybrief.validate.runner import run_suites
from policybrief.validate.suites import load_suite, with_required_rows

with pipeline_step(snakemake.log[0], "validate") as log:
    started = time.perf_counter()
    texts = load_texts(snakemake.input.texts)
    edition_day = datetime.fromisoformat(snakemake.config["edition"]["date"]).replace(tzinfo=UTC)
    manifest = Path(snakemake.input.data_docs_manifest)
    inputs = snakemake.input
    scope = Scope(read_rows(inputs.facts), read_rows(inputs.lists), read_rows(inputs.indicators))
    arithmetic = load_checks(inputs.arithmetic)
    stages = {}
    # The outputs list the stages in order, each its checks, its results and its Data Docs.
    for checks, results, docs in zip(snakemake.output.checks, snakemake.output.stages, snakemake.output.docs):
        stage = Path(results).stem
        rows = run_checks(arithmetic, stage, scope)
        write_rows(checks, rows, CHECK_COLUMNS)
        log.info("%s: %d arithmetic checks, %d outside their tolerance", stage, len(rows),
                 sum(row["within_tolerance"] != "true" for row in rows))
        shutil.rmtree(docs, ignore_errors=True)
        failed = first_failure(stages)
        if failed:
            stages[stage] = not_run(failed)
            not_run_page(docs, stage, failed)
            log.info("%s: not validated, as the stage %s failed", stage, failed)
        else:
            suites = [with_required_rows(load_suite(path), snakemake.config["requirements"])
                      for path in sorted(snakemake.input[f"{stage}_suites"])]
            tables = {Path(path).stem: path for path in [*inputs[f"{stage}_tables"], checks]}
            missing = [suite for suite in suites if suite.table not in tables]
            if missing:
                raise InputError(missing[0].path, f"validates table {missing[0].table!r}, which stage "
                                 f"{stage!r} does not provide.",
                                 f"declare the table with `validated: {stage}` in the engine's workflow/tables.yaml.")
            outcomes = run_suites(suites, tables, texts, docs, run_name=stage, run_time=edition_day)
            pages = harden_site(docs, manifest.parent, manifest)
            log.info("%s Data Docs: %d pages, assets from %s/, no network", stage, len(pages), manifest.parent)
            stages[stage] = summarise(outcomes)
            for name, suite in stages[stage]["suites"].items():
                log.info("%s/%s: %d evaluated, %d passed, %d failed, %d warnings", stage,
                         name, suite["evaluated"], suite["passed"], suite["failed"], suite["warnings"])
        write_results(results, stages[stage])
    write_results(snakemake.output.results, overall(stages))
    log.info("validation took %.1f s", time.perf_counter() - started)
