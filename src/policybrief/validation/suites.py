"""Expectation suites as reviewable YAML files, one per table."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError

SEVERITIES = ("critical", "warning")


@dataclass(frozen=True)
class Expectation:
    type: str
    kwargs: dict
    severity: str
    why: str


@dataclass(frozen=True)
class Suite:
    name: str
    table: str
    key: str
    numeric_columns: tuple
    derived_columns: tuple
    expectations: tuple
    shown_columns: tuple = ()  # shown beside an offending row's key in messages
    path: str = ""


def load_suite(path) -> Suite:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    expectations = []
    for index, entry in enumerate(data.get("expectations", [])):
        severity = entry.get("severity", "critical")
        if severity not in SEVERITIES:
            raise InputError(path, f"expectations[{index}]: severity {severity!r} is not one of {SEVERITIES}.")
        if not str(entry.get("type", "")).startswith("expect_"):
            raise InputError(path, f"expectations[{index}]: 'type' must name a Great Expectations "
                                   "expectation such as expect_column_values_to_be_unique.")
        kwargs = dict(entry.get("kwargs", {}))
        if isinstance(kwargs.get("row_condition"), str) or "condition_parser" in kwargs:
            raise InputError(path, f"expectations[{index}]: row_condition must be a condition, not a string "
                                   "with a condition_parser (Great Expectations 1.9 deprecates those, and 2.0 "
                                   "drops them).",
                             "write it as {type: comparison, column: {name: unit}, operator: \"==\", "
                             "parameter: percent}, and remove condition_parser.")
        expectations.append(Expectation(entry["type"], kwargs, severity, entry.get("why", "")))
    return Suite(
        name=Path(path).stem,
        table=data["table"],
        key=data.get("key", ""),
        numeric_columns=tuple(data.get("numeric_columns", [])),
        derived_columns=tuple(data.get("derived_columns", [])),
        expectations=tuple(expectations),
        shown_columns=tuple(data.get("show", [])),
        path=str(path),
    )
