"""The units a number may have and how the brief writes each (config/units.yaml): the one
list that the brief, the plug-in files' check and the expectation suites read."""

from functools import cache

from .yaml_input import load_yaml_input

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
