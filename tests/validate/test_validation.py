import json
from datetime import UTC, datetime

import pandas as pd

from policybrief.validate.report import critical_messages, summarise
from policybrief.validate.runner import run_suites as run_gx
from policybrief.validate.suites import load_suite
from policybrief.workflow import WORKFLOW


def run_suites(suites, tables, texts, docs):
    return run_gx(suites, tables, texts, docs, run_name="sources", run_time=RUN_TIME)


RUN_TIME = datetime(2026, 11, 23, tzinfo=UTC)
FACTS_SUITE = load_suite(WORKFLOW / "expectations" / "sources" / "facts.yaml")
TEXT = "Intro. The share was 32% in all. Another 150% claim."


def fact(fact_id, value, unit="percent", start=7, end=33):
    return {"fact_id": fact_id, "document": "doc", "indicator": "i", "label": "l", "value": value,
            "unit": unit, "period": "", "geography": "", "group": "", "qualifier": "",
            "quote": TEXT[start:end], "char_start": start, "char_end": end, "value_text": value}


def test_bad_facts_fail_with_table_expectation_and_rows_named(tmp_path):
    rows = [fact("good", "32"), fact("too_big", "150", start=34, end=53), fact("good", "x1")]
    rows[0]["quote"] = "not what the document says"
    path = tmp_path / "facts.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    outcomes = run_suites([FACTS_SUITE], {"facts": path}, {"doc": TEXT}, tmp_path / "docs")
    summary = summarise(outcomes)
    failures = summary["suites"]["facts"]["failures"]
    failed = {f["expectation"]: f for f in failures}
    assert summary["success"] is False
    assert failed["expect_column_values_to_be_unique"]["rows"][0]["key"] == "fact_id=good"
    assert failed["expect_column_values_to_not_be_null"]["rows"][0]["line"] == 4  # "x1" is not a number
    assert [r["key"] for r in failed["expect_column_values_to_be_between"]["rows"]] == ["fact_id=too_big"]
    verbatim = [f for f in failures if f["expectation"] == "expect_column_values_to_be_in_set" and f["rows"]]
    assert verbatim[0]["rows"][0]["line"] == 2  # quote not verbatim
    message = "\n".join(critical_messages(summary))
    assert str(path) in message and "line 3: fact_id=too_big -> '150'" in message
    assert (tmp_path / "docs" / "index.html").exists()
    json.dumps(summary)  # results.json must be serialisable


def test_a_failed_stage_leaves_the_later_ones_unjudged_and_the_summary_says_so():
    from policybrief.validate.report import first_failure, not_run, overall

    good = {"success": True, "critical_failures": 0, "totals": {}, "suites": {
        "facts": {"table": "t", "evaluated": 1, "passed": 1, "failed": 0, "warnings": 0, "failures": []}}}
    bad = {"success": False, "critical_failures": 1, "totals": {}, "suites": {
        "facts": {"table": "t", "evaluated": 1, "passed": 0, "failed": 1, "warnings": 0, "failures": [
            {"severity": "critical", "message": "facts.csv: critical expectation failed"}]}}}
    assert first_failure({"sources": good, "indicators": good}) is None
    assert first_failure({"sources": bad, "indicators": not_run("sources")}) == "sources"
    summary = overall({"sources": bad, "indicators": not_run("sources")})
    assert summary["success"] is False and summary["stages_not_run"] == ["indicators"]
    assert list(summary["suites"]) == ["sources/facts"] and "did not run" in summary["note"]
    passed = overall({"sources": good, "indicators": good})
    assert passed["success"] is True and passed["stages_not_run"] == [] and "note" not in passed
    assert list(passed["suites"]) == ["indicators/facts", "sources/facts"]


def test_validation_leaves_nothing_outside_its_data_docs(tmp_path, monkeypatch):
    """Great Expectations' ephemeral context has a site of its own in a temporary folder; it
    must not be built (it was, once per build, and stayed behind)."""
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    path = tmp_path / "facts.csv"
    pd.DataFrame([fact("good", "32")]).to_csv(path, index=False)
    run_suites([FACTS_SUITE], {"facts": path}, {"doc": TEXT}, tmp_path / "docs")
    assert (tmp_path / "docs" / "index.html").is_file()
    assert list(temporary.rglob("*.html")) == []


def test_each_suite_expects_exactly_the_columns_its_table_is_written_with():
    from policybrief.core import tables
    from policybrief.extract.supplementary import SUPPLEMENTARY_COLUMNS
    from policybrief.validate.checks import CHECK_COLUMNS

    written = {"documents": tables.DOCUMENT_COLUMNS, "facts": tables.FACT_COLUMNS,
               "statements": tables.STATEMENT_COLUMNS, "recommendations": tables.RECOMMENDATION_COLUMNS,
               "lists": tables.LIST_COLUMNS, "mentions": tables.MENTION_COLUMNS,
               "indicators": tables.INDICATOR_COLUMNS, "supplementary": SUPPLEMENTARY_COLUMNS,
               "checks_sources": CHECK_COLUMNS, "checks_indicators": CHECK_COLUMNS}
    paths = sorted((WORKFLOW / "expectations").glob("*/*.yaml"))
    assert len(paths) == len(written)
    for path in paths:
        suite = load_suite(path)
        (columns,) = [e.kwargs for e in suite.expectations if e.type == "expect_table_columns_to_match_set"]
        assert columns == {"column_set": [*written[suite.table], *suite.derived_columns], "exact_match": True}, path
        assert not [e for e in suite.expectations if e.type == "expect_column_to_exist"], path


def test_a_missing_column_is_named_and_conditions_are_read_without_deprecated_strings(tmp_path):
    import warnings

    row = fact("only", "150")
    del row["label"]
    path = tmp_path / "facts.csv"
    pd.DataFrame([row]).to_csv(path, index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary = summarise(run_suites([FACTS_SUITE], {"facts": path}, {"doc": TEXT}, tmp_path / "docs"))
    assert not [w for w in caught if "row_condition" in str(w.message) or "condition_parser" in str(w.message)]
    message = "\n".join(critical_messages(summary))
    assert "expect_table_columns_to_match_set(column_set=[31 columns], exact_match=True) failed" in message
    assert ("missing columns: dataset, dataset_title, definition, evidence, flag, label, note, origin, page, page_box, "
            "replaced_value, source, universe, value_start, vintage, wording") in message
    # A failed percentage says which rows it was about, in words.
    assert "expect_column_values_to_be_between(column='value', max_value=100, min_value=0) on the rows where " \
           "unit == 'percent' failed" in message


def test_a_failed_warning_is_reported_with_its_severity_and_fails_no_stage(tmp_path):
    from policybrief.core.tables import FACT_COLUMNS

    quote = "32% here"  # shorter than a sentence: a warning, not a failure
    row = {**fact("short", "32"), "quote": quote, "char_start": 0, "char_end": len(quote)}
    full = {name: row.get(name, "") for name in FACT_COLUMNS}
    path = tmp_path / "facts.csv"
    pd.DataFrame([full]).to_csv(path, index=False)
    summary = summarise(run_suites([FACTS_SUITE], {"facts": path}, {"doc": quote}, tmp_path / "docs"))
    facts = summary["suites"]["facts"]
    assert [f["severity"] for f in facts["failures"]] == ["warning"], facts["failures"]
    assert summary["success"] is True and facts["warnings"] == 1 and critical_messages(summary) == []


def test_a_string_row_condition_is_refused_with_what_to_write_instead(tmp_path):
    import pytest

    from policybrief.core.errors import InputError

    suite = tmp_path / "facts.yaml"
    suite.write_text("table: facts\nexpectations:\n  - type: expect_column_values_to_be_between\n"
                     "    kwargs: {column: value, min_value: 0, row_condition: 'unit == \"percent\"', "
                     "condition_parser: pandas}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_suite(suite)
    assert str(suite) in str(error.value) and "expectations[0]" in str(error.value)
    assert "{type: comparison, column: {name: unit}" in str(error.value)


def test_the_unused_back_ends_are_not_importable_during_the_import_and_are_afterwards(tmp_path, monkeypatch):
    import importlib
    import sys

    from policybrief.validate.runner import without_modules

    (tmp_path / "policybrief_backend_probe.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    name = "policybrief_backend_probe"
    with without_modules([name, "json"]):
        try:
            importlib.import_module(name)
        except ImportError:
            blocked = True
        else:
            blocked = False
        assert sys.modules["json"] is json  # a module already imported stays as it is
    assert blocked
    assert importlib.import_module(name).LOADED
    monkeypatch.delitem(sys.modules, name)


def test_a_fractional_count_is_refused_as_a_thousands_separator_read_as_a_decimal(tmp_path):
    text = "Intro. In 2016, 136.327 immigrations were registered. End."
    rows = [fact("immigrations", "136.327", unit="count", start=7, end=53),
            fact("share", "32.5", unit="percent", start=7, end=53), fact("year", "2016", unit="calendar year",
                                                                          start=7, end=53)]
    path = tmp_path / "facts.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    summary = summarise(run_suites([FACTS_SUITE], {"facts": path}, {"doc": text}, tmp_path / "docs"))
    [failure] = [f for f in summary["suites"]["facts"]["failures"] if f["kwargs"].get("column") == "value_is_whole"]
    assert failure["kwargs"]["row_condition"]["parameter"] == ["count", "calendar year"]
    assert [row["key"] for row in failure["rows"]] == ["fact_id=immigrations"]
    assert "thousands separator read as a decimal point" in "\n".join(critical_messages(summary))
