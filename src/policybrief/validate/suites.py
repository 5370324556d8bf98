"""Expectation suites as reviewable YAML files, one per table (schemas/suite.schema.yaml)."""

from dataclasses import dataclass, replace
from pathlib import Path

from policybrief.core.errors import InputError
from policybrief.core.units import VOCABULARIES
from policybrief.core.yaml_input import load_yaml_input


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


def _listed(value):
    """A value of a suite, with a named list ({vocabulary: whole_units}) written out."""
    return VOCABULARIES[value["vocabulary"]]() if isinstance(value, dict) else value


def load_suite(path) -> Suite:
    data = load_yaml_input(path, "suite", empty={})
    expectations = []
    for index, entry in enumerate(data["expectations"]):
        kwargs = dict(entry.get("kwargs", {}))
        # {vocabulary: units}: the one list of units (config/units.yaml), not a copy of it.
        for name in ("value_set", "regex"):  # {vocabulary: units}, {vocabulary: flag_pattern}
            if name in kwargs:
                kwargs[name] = _listed(kwargs[name])
        if isinstance(kwargs.get("row_condition"), dict) and "parameter" in kwargs["row_condition"]:
            kwargs["row_condition"] = {**kwargs["row_condition"],
                                       "parameter": _listed(kwargs["row_condition"]["parameter"])}
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


def with_required_rows(suite: Suite, requirements: dict) -> Suite:
    """The suite with, first, the fewest rows the edition requires of its table (requirements
    in config/config.yaml): the engine's suites say what a row must hold, the edition how many."""
    required = requirements.get(suite.table)
    if not required or not required["min_rows"]:
        return suite
    rows = required["min_rows"]
    why = (f"the edition requires at least {rows} row{'s' if rows > 1 else ''} of {suite.table} "
           f"(requirements.{suite.table} in config/config.yaml); add the documents that give them, or "
           f"lower min_rows there if this edition has none")
    expectation = Expectation("expect_table_row_count_to_be_between", {"min_value": rows},
                              required.get("severity", "critical"), why)
    return replace(suite, expectations=(expectation, *suite.expectations))
