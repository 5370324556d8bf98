"""Validation outcomes: results.json for machines, messages for people."""

import json
from dataclasses import dataclass, field
from pathlib import Path

MAX_ROWS_SHOWN = 10


@dataclass
class Outcome:
    """One expectation's result on one table."""

    suite: str
    table_path: str
    expectation: str
    kwargs: dict
    severity: str
    why: str
    success: bool
    rows: list = field(default_factory=list)  # [{"line": n, "key": ..., "value": ...}]
    error: str = ""
    detail: str = ""  # what a table-level expectation found (say, the columns missing)

    def message(self) -> str:
        # The whole column set is in the suite; the message says what differs (detail).
        shown = {k: f"[{len(v)} columns]" if k == "column_set" else repr(v) for k, v in self.kwargs.items()}
        args = ", ".join(f"{k}={v}" for k, v in sorted(shown.items()) if k != "row_condition")
        text = f"{self.table_path}: {self.severity} expectation {self.expectation}({args})"
        if self.kwargs.get("row_condition"):
            text += f" on the rows where {condition_text(self.kwargs['row_condition'])}"
        text += " failed"
        if self.why:
            text += f" — {self.why}"
        if self.error:
            text += f"\n    could not be evaluated: {self.error}"
        if self.detail:
            text += f"\n    {self.detail}"
        shown = self.rows[:MAX_ROWS_SHOWN]
        if shown:
            text += f"\n    offending rows ({len(self.rows)}):"
            for row in shown:
                text += f"\n      line {row['line']}: {row['key']} -> {row['value']!r}"
                if row.get("context"):
                    text += f" ({row['context']})"
            if len(self.rows) > MAX_ROWS_SHOWN:
                text += f"\n      ... and {len(self.rows) - MAX_ROWS_SHOWN} more"
        return text


def condition_text(condition) -> str:
    """A row condition of a suite (Great Expectations' serialised Condition) in words."""
    if isinstance(condition, dict) and condition.get("type") == "comparison":
        return f"{condition['column']['name']} {condition['operator']} {condition['parameter']!r}"
    if isinstance(condition, dict) and condition.get("type") in ("and", "or"):
        return f" {condition['type']} ".join(condition_text(part) for part in condition["conditions"])
    return str(condition)


def summarise(outcomes: list[Outcome]) -> dict:
    suites = {}
    for outcome in outcomes:
        entry = suites.setdefault(outcome.suite, {
            "table": outcome.table_path, "evaluated": 0, "passed": 0, "failed": 0,
            "warnings": 0, "failures": [],
        })
        entry["evaluated"] += 1
        if outcome.success:
            entry["passed"] += 1
            continue
        entry["failed" if outcome.severity == "critical" else "warnings"] += 1
        entry["failures"].append({
            "expectation": outcome.expectation,
            "kwargs": outcome.kwargs,
            "severity": outcome.severity,
            "why": outcome.why,
            "rows": outcome.rows,
            "message": outcome.message(),
        })
    return _with_totals(suites)


def combine(stages: dict) -> dict:
    """One summary over all validation stages: per suite, named <stage>/<suite>."""
    return _with_totals({f"{stage}/{name}": suite for stage, summary in stages.items()
                         for name, suite in summary["suites"].items()})


def _with_totals(suites: dict) -> dict:
    totals = {count: sum(suite[count] for suite in suites.values())
              for count in ("evaluated", "passed", "failed", "warnings")}
    return {"success": totals["failed"] == 0, "critical_failures": totals["failed"], "totals": totals,
            "suites": dict(sorted(suites.items()))}


def write_results(path, summary: dict) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(summary, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")


def critical_messages(summary: dict) -> list[str]:
    return [failure["message"] for suite in summary["suites"].values()
            for failure in suite["failures"] if failure["severity"] == "critical"]


def not_run(failed: str) -> dict:
    """<stage>.json for a stage left unjudged because an earlier stage failed: its tables
    were computed from tables that did not pass."""
    return {**_with_totals({}), "success": False, "not_run": True,
            "note": f"not validated: the stage {failed!r} before it failed, and its tables come from that stage's"}


def overall(stages: dict) -> dict:
    """results.json: every stage that ran, per suite (named <stage>/<suite>), and the stages
    left unjudged after a failing one."""
    ran = {stage: summary for stage, summary in stages.items() if not summary.get("not_run")}
    summary = {**combine(ran), "stages_not_run": [stage for stage in stages if stage not in ran]}
    if not summary["success"]:
        summary["note"] = "validation failed: the brief was not rebuilt; the stages after the failing one did not run"
    return summary


def first_failure(stages: dict) -> str | None:
    """The first stage, in order, with a critical failure (None when all passed)."""
    return next((stage for stage, summary in stages.items() if critical_messages(summary)), None)
