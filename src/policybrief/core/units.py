"""The units a number may have and how the brief writes each (config/units.yaml): the one
list that the brief, the plug-in files' check and the expectation suites read."""

import difflib
from functools import cache

from policybrief.core.errors import InputError
from policybrief.core.formatting import first_few
from policybrief.core.yaml_input import load_yaml_input

# Relative to the working directory, as every path of the workflow is (jobs run in the
# project folder; the rules that read it take it as input).
UNITS_FILE = "config/units.yaml"


@cache
def units(path=UNITS_FILE) -> dict:
    """unit name -> {"after": the words after a number, "description": ...}, in file order."""
    return load_yaml_input(path, "units")["units"]


def words_after(unit: str, path=UNITS_FILE) -> str:
    """What the brief writes after a number in this unit ("%", " weeks"); a unit the list
    does not have is written out after a space."""
    known = units(path)
    return known[unit]["after"] if unit in known else f" {unit}"


def unit_names(path=UNITS_FILE) -> list[str]:
    return list(units(path))


def whole_units(path=UNITS_FILE) -> list[str]:
    """The units whose values have no fraction (`whole: true`: a count, a calendar year)."""
    return [name for name, unit in units(path).items() if unit.get("whole")]


# The lists a suite may name instead of writing them out ({vocabulary: units}).
def _flag_pattern() -> str:
    from policybrief.core.flags import flag_pattern

    return flag_pattern()


def _evidence() -> list[str]:
    from policybrief.core.evidence import evidence_values

    return evidence_values()


VOCABULARIES = {"units": unit_names, "whole_units": whole_units, "flag_pattern": _flag_pattern, "evidence": _evidence}


# A message names this many facts of each unit it lacks, then counts the others.
NAMED_FACTS = 6


def check_units(facts: list[dict], catalogue: str, path=UNITS_FILE) -> None:
    """Every extracted fact's unit is one the list has: a unit taken out of config/units.yaml
    (or misspelt in the catalogue) stops here, naming it and the facts that use it, before any
    table is validated or any brief written. (A plug-in row's unit is checked by its schema.)"""
    known = units(path)
    missing = {}
    for fact in facts:
        if fact["unit"] not in known:
            missing.setdefault(fact["unit"], []).append(fact["fact_id"])
    if not missing:
        return
    told, hints = [], []
    for unit, ids in missing.items():
        named = first_few(ids, NAMED_FACTS)
        told.append(f"{unit!r}, which {len(ids)} fact(s) of {catalogue} have as their unit ({named})")
        near = difflib.get_close_matches(unit, list(known), n=1)
        if near:
            hints.append(f"if {unit!r} is a slip for {near[0]!r}, correct the unit of those facts in {catalogue}")
    raise InputError(path, f"does not list the unit {'; nor the unit '.join(told)}: the brief could not write "
                           "their numbers, nor the validation accept them.",
                     f"add the unit to {path}, with the words the brief writes after a number in it "
                     '(e.g. percent: {after: "%"})' + "".join(f"; {hint}" for hint in hints) + ".")
