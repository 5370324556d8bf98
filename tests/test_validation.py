import json

import pandas as pd

from conftest import ROOT
from policybrief.validation.report import critical_messages, summarise
from policybrief.validation.runner import run_suites
from policybrief.validation.suites import load_suite

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
