import json
from datetime import datetime, timezone

import pandas as pd

from conftest import ROOT
from policybrief.validation.report import critical_messages, summarise
from policybrief.validation.runner import run_suites as run_gx


def run_suites(suites, tables, texts, docs):
    return run_gx(suites, tables, texts, docs, run_name="sources", run_time=RUN_TIME)
from policybrief.validation.suites import load_suite

RUN_TIME = datetime(2026, 11, 23, tzinfo=timezone.utc)
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


def test_a_failed_stage_writes_a_summary_that_says_so(tmp_path):
    import json

    from policybrief.validation.report import summary_after_failure

    good = {"success": True, "critical_failures": 0, "totals": {}, "suites": {
        "facts": {"table": "t", "evaluated": 1, "passed": 1, "failed": 0, "warnings": 0, "failures": []}}}
    bad = {"success": False, "critical_failures": 1, "totals": {}, "suites": {
        "facts": {"table": "t", "evaluated": 1, "passed": 0, "failed": 1, "warnings": 0, "failures": []}}}
    (tmp_path / "sources.json").write_text(json.dumps(bad))
    (tmp_path / "indicators.json").write_text(json.dumps(good))  # from an earlier build
    paths = {"sources": tmp_path / "sources.json", "indicators": tmp_path / "indicators.json"}
    summary = summary_after_failure(paths)
    assert summary["success"] is False and summary["stages_not_run"] == ["indicators"]
    assert list(summary["suites"]) == ["sources/facts"]
    (tmp_path / "sources.json").write_text(json.dumps(good))
    assert summary_after_failure(paths) is None  # no stage failed: the build stopped elsewhere
    (tmp_path / "indicators.json").unlink()
    assert summary_after_failure(paths) is None
