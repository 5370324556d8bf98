"""A computed difference in the brief's place set beside the same difference in other places
in the same year (a mapping's `compare`: Belgium's employment gap beside its neighbours').

The brief's place is the one whose difference runs over the most periods: the others come
from a statistics file's latest year only. What the template may say of the comparison is
computed here, not typed: where the difference is wider or reversed, where each input is
higher or lower, and where a wider difference elsewhere comes from one input alone (the
nationals' rate higher there, the foreign citizens' not lower).

A difference is an indicator of two inputs whose formula is `first - second`
(config/indicators.yaml): its entries are those of compute's derived_series.
"""

import re
from dataclasses import dataclass

from policybrief.brief.marks import TemplateMistake

_DIFFERENCE = re.compile(r"^\s*(\w+)\s*-\s*(\w+)\s*$")


@dataclass(frozen=True)
class PlacesCompared:
    home: dict  # the brief's place's latest entry, with its series over periods
    others: list  # the other places' entries of the same period, narrowest difference first
    first: str  # the input the formula subtracts from ("nationals")
    second: str  # the input it subtracts ("foreign")

    @property
    def wider(self) -> list:
        """The places whose difference is wider than the brief's place's (and of its sign)."""
        return [entry for entry in self.others if _value(entry) > _value(self.home)]

    @property
    def reversed(self) -> list:
        """The places where the difference runs the other way (the foreign citizens' rate the higher)."""
        return [entry for entry in self.others if _value(entry) < 0 <= _value(self.home)]

    def higher(self, name: str) -> list:
        """The places where an input's value is higher than in the brief's place, highest first."""
        return sorted((entry for entry in self.others if entry[name].value > self.home[name].value),
                      key=lambda entry: -entry[name].value)

    def lower(self, name: str) -> list:
        """The places where an input's value is lower than in the brief's place, lowest first."""
        return sorted((entry for entry in self.others if entry[name].value < self.home[name].value),
                      key=lambda entry: entry[name].value)

    def wider_only_from(self, name: str) -> list:
        """The places whose wider difference comes from this input alone: the other input does
        not widen it (for a wider gap: the nationals' rate higher there, the foreign
        citizens' rate not lower)."""
        return [entry for entry in self.wider if self._contribution(entry, self._other(name)) <= 0]

    def wider_with_higher(self, name: str) -> list:
        """The places whose difference is wider and where this input is higher too."""
        return [entry for entry in self.wider if entry[name].value > self.home[name].value]

    def _contribution(self, entry: dict, name: str) -> float:
        """How much an input's value there widens the difference against the brief's place."""
        change = entry[name].value - self.home[name].value
        return change if name == self.first else -change

    def _other(self, name: str) -> str:
        if name not in (self.first, self.second):
            raise TemplateMistake(f"asks for the input {name!r} of a difference of {self.first!r} and "
                                  f"{self.second!r}.", f"name {self.first!r} or {self.second!r}.")
        return self.second if name == self.first else self.first


def places_compared(derived: dict, declared: dict) -> dict:
    """For each computed difference that has values in several places: its brief's place's
    latest entry beside the others' of the same period (PlacesCompared), under its name."""
    formulas = {declaration["name"]: _DIFFERENCE.match(declaration["formula"]) for declaration in declared["computed"]}
    compared = {}
    for name, entries in derived.items():
        places = {entry["geography"] for entry in entries}
        if len(places) < 2 or not formulas.get(name):
            continue
        longest = max(len(entry["series"]) for entry in entries)
        homes = [entry for entry in entries if len(entry["series"]) == longest]
        if len(homes) > 1:  # no one place the brief is about
            continue
        home = homes[0]
        others = [entry for entry in entries
                  if entry["geography"] != home["geography"] and str(entry["period"]) == str(home["period"])
                  and entry["group"] == home["group"]]
        compared[name] = PlacesCompared(home, sorted(others, key=_value), *formulas[name].groups())
    return compared


def _value(entry: dict) -> float:
    return entry["derived"].value
