"""Expectation suites as reviewable YAML files, one per table (schemas/suite.schema.yaml)."""

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..units import unit_names
from ..yaml_input import load_yaml_input


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
    data = load_yaml_input(path, "suite", empty={})
    expectations = []
    for index, entry in enumerate(data["expectations"]):
        kwargs = dict(entry.get("kwargs", {}))
        if isinstance(kwargs.get("value_set"), dict):  # {vocabulary: units}: the one list of units
            kwargs["value_set"] = unit_names()
        if "condition_parser" in kwargs:
            raise InputError(path, f"expectations[{index}].kwargs: condition_parser belongs to the string row "
                                   "conditions Great Expectations 1.9 deprecates (2.0 drops them).",
                             "remove condition_parser, and write row_condition as a condition, such as "
                             "{type: comparison, column: {name: unit}, operator: \"==\", parameter: percent}.")
        expectations.append(Expectation(entry["type"], kwargs, entry.get("severity", "critical"),
                                        entry.get("why", "")))
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
