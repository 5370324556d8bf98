import json
from datetime import UTC, datetime

import pandas as pd

from policybrief.validation.report import critical_messages, summarise
from policybrief.validation.runner import run_suites as run_gx
from policybrief.validation.suites import load_suite

from conftest import ROOT


def run_suites(suites, tables, texts, docs):
    return run_gx(suites, tables, texts, docs, run_name="sources", run_time=RUN_TIME)


RUN_TIME = datetime(2026, 11, 23, tzinfo=UTC)
FACTS_SUITE = load_suite(ROOT / "workflow" / "expectations" / "sources" / "facts.yaml")
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
    failed = {f["expectation"]: f for f in summary["suites"]["facts"]["failures"]}
    assert summary["success"] is False
    assert failed["expect_column_values_to_be_unique"]["rows"][0]["key"] == "fact_id=good"
    assert failed["expect_column_values_to_not_be_null"]["rows"][0]["line"] == 4  # "x1" is not a number
    assert [r["key"] for r in failed["expect_column_values_to_be_between"]["rows"]] == ["fact_id=too_big"]
    assert failed["expect_column_values_to_be_in_set"]["rows"][0]["line"] == 2  # quote not verbatim
    message = "\n".join(critical_messages(summary))
    assert str(path) in message and "line 3: fact_id=too_big -> '150'" in message
    assert (tmp_path / "docs" / "index.html").exists()
    json.dumps(summary)  # results.json must be serialisable


def test_a_failed_stage_leaves_the_later_ones_unjudged_and_the_summary_says_so():
    from policybrief.validation.report import first_failure, not_run, overall

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
