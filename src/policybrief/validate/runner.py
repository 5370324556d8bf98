"""Running suites with Great Expectations 1.x and writing its Data Docs.

Great Expectations is imported here only (it takes seconds to import), with analytics and
progress bars off so the run is offline and the log stays readable. It runs on a UTC clock
(`utc_clock`), so its pages say the same time, labelled truly, whatever the machine's zone.
"""

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from policybrief.validate.frames import read_table, validation_frame
from policybrief.validate.report import Outcome

# Back-ends Great Expectations loads at import whenever they are installed (S3 stores, SQL and
# Spark data sources), though it runs without them: the validation reads pandas frames only.
# SQLAlchemy comes with Snakemake and boto3 with many machines' tools; loading them took
# 0.1 s to 0.5 s of the validation job's start.
UNUSED_BACKENDS = ("boto3", "botocore", "s3transfer", "sqlalchemy", "pyspark")


@contextmanager
def without_modules(names) -> Iterator[None]:
    """Inside the block, importing one of `names` fails as if it were not installed (the
    documented meaning of None in sys.modules); after it, they import as usual. A module
    already imported is left as it is."""
    blocked = [name for name in names if name not in sys.modules]
    sys.modules.update(dict.fromkeys(blocked))
    try:
        yield
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


def import_gx():
    """Import Great Expectations offline (analytics off before the first import), without
    the back-ends the validation does not use."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    with without_modules(UNUSED_BACKENDS):
        import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    return gx, ProgressBarsConfig, ExpectationConfiguration


@contextmanager
def utc_clock() -> Iterator[None]:
    """The process's local time zone is UTC inside the block (TZ and time.tzset); TZ is as it
    was after it (tzlocal, which only Great Expectations asks, keeps UTC until it is reloaded).

    Great Expectations writes a run's time in the local zone: its run-id schema converts the
    time to the local zone when it stores a result (`set_run_time_tz(tz=None)`), a validation
    page then prints that wall-clock time followed by 'Z' (a local time labelled UTC), and the
    index page converts to `tzlocal.get_localzone()`. Given no zone to use, it has to be the
    process's.
    """
    import tzlocal

    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    tzlocal.reload_localzone()  # tzlocal keeps the zone it found first
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def run_suites(suites, table_paths: dict, texts: dict, docs_dir, run_name: str,
               run_time: datetime) -> list[Outcome]:
    """Validate each suite's table; build Data Docs into docs_dir; return one Outcome per expectation.

    The run is named and dated (the stage, the edition's date) and runs on a UTC clock, so
    Data Docs are the same bytes for the same tables, in any time zone.
    """
    with utc_clock():
        return _run_suites(suites, table_paths, texts, docs_dir, run_name, run_time)


def _run_suites(suites, table_paths: dict, texts: dict, docs_dir, run_name: str,
                run_time: datetime) -> list[Outcome]:
    gx, ProgressBarsConfig, ExpectationConfiguration = import_gx()
    from great_expectations.core.run_identifier import RunIdentifier

    from policybrief.validate.data_docs import site_config

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    # An ephemeral context comes with a site of its own in a temporary folder, which every
    # build would write and leave behind; only ours is built.
    for site in list(context.get_site_names()):
        context.delete_data_docs_site(site)
    context.add_data_docs_site(site_name="brief_validation", site_config=site_config(docs_dir))
    source = context.data_sources.add_pandas("processed_tables")
    outcomes = []
    for suite in suites:
        path = table_paths[suite.table]
        raw = read_table(path)
        frame = validation_frame(raw, suite.numeric_columns, suite.derived_columns, texts)
        batch = source.add_dataframe_asset(suite.name).add_batch_definition_whole_dataframe("whole_table")
        # The suite is stored once, whole (adding expectations to a stored suite saves it each time).
        gx_suite = context.suites.add(gx.ExpectationSuite(name=suite.name, expectations=[
            ExpectationConfiguration(
                type=expectation.type, kwargs=expectation.kwargs, severity=expectation.severity,
                notes=expectation.why or None, meta={"position": index},
            ).to_domain_obj()
            for index, expectation in enumerate(suite.expectations)
        ]))
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite))
        result = definition.run(batch_parameters={"dataframe": frame}, result_format="COMPLETE",
                                run_id=RunIdentifier(run_name=run_name, run_time=run_time))
        by_position = {r.expectation_config.meta["position"]: r for r in result.results}
        for index, expectation in enumerate(suite.expectations):
            outcomes.append(_outcome(suite, str(path), expectation, by_position[index], raw))
    _date_batches(context.validation_results_store, run_time)
    context.build_data_docs()
    return outcomes


def _date_batches(store, run_time: datetime) -> None:
    """Great Expectations stamps each batch with the moment it was loaded; the pages show it.
    Give it the run's time, so the same tables give the same Data Docs."""
    stamp = run_time.strftime("%Y%m%dT%H%M%S.%fZ")
    for key in store.list_keys():
        result = store.get(key)
        result.meta.get("batch_markers", {})["ge_load_time"] = stamp
        store.set(key, result)


def _outcome(suite, path, expectation, gx_result, raw) -> Outcome:
    error = ""
    if gx_result.exception_info and gx_result.exception_info.get("raised_exception"):
        error = str(gx_result.exception_info.get("exception_message", "")).splitlines()[0]
    # The severity the result carries (Great Expectations' FailureSeverity), as the gate reads it.
    severity = getattr(gx_result.expectation_config.severity, "value", expectation.severity)
    column = expectation.kwargs.get("column")
    rows = []
    for index in gx_result.result.get("unexpected_index_list") or []:
        record = raw.iloc[int(index)]
        key = f"{suite.key}={record[suite.key]}" if suite.key in raw else f"row {int(index) + 1}"
        value = record[column] if column in raw else ""
        context = "; ".join(f"{name}: {record[name]}" for name in suite.shown_columns if name in raw)
        # CSV line numbers: the header is line 1.
        rows.append({"line": int(index) + 2, "key": key, "column": column or "", "value": value,
                     "context": context})
    return Outcome(suite=suite.name, table_path=path, expectation=expectation.type,
                   kwargs=expectation.kwargs, severity=severity, why=expectation.why,
                   success=bool(gx_result.success), rows=rows, error=error,
                   detail=_mismatched_columns(gx_result.result))


def _mismatched_columns(result: dict) -> str:
    """What a table's columns lack and have beyond the suite's set (expect_table_columns_to_match_set)."""
    mismatched = (result.get("details") or {}).get("mismatched") or {}
    parts = [f"{what} columns: {', '.join(map(str, mismatched[key]))}"
             for key, what in (("missing", "missing"), ("unexpected", "unexpected")) if mismatched.get(key)]
    return "; ".join(parts)
