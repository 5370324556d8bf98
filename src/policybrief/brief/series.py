"""Series over time from data files, as the brief tells them: the years covered, the latest
value, and the change within the latest unbroken stretch of the series.

A statistics office marks a break in series (flag b) where its method changed: a value from
the year of the break on is not fully comparable with those before. So the change the brief
computes runs from the latest break (or the series' first year, if it has none) to the
latest year, never across a break; the breaks are named. A value of low reliability (flag u)
is said to be one where it is printed, and is never the end of a change the brief computes.
"""

from dataclasses import dataclass

from policybrief.brief.marks import Derived, Ref, Span
from policybrief.core.flags import has
from policybrief.core.numbers import Number
from policybrief.core.periods import period_order
from policybrief.core.units import words_after

# A data file's indicator with at least this many periods is told as a series, in one line.
SERIES_PERIODS = 3


@dataclass
class SeriesUpdate:
    numbers: list  # the series' Numbers, by period

    @property
    def first(self) -> Number:
        return self.numbers[0]

    @property
    def latest(self) -> Number:
        return self.numbers[-1]

    @property
    def span(self) -> Span:
        first, last = self.first, self.latest
        return Span(int(first.row["period"][:4]), int(last.row["period"][-4:]),
                    Ref("facts", first.key, "period"), Ref("facts", last.key, "period"))

    @property
    def breaks(self) -> list:
        """The values from which the series breaks (flag b), after its first."""
        return [number for number in self.numbers[1:] if has(number.row.get("flag", ""), "break")]

    @property
    def unreliable(self) -> list:
        return [number for number in self.numbers if has(number.row.get("flag", ""), "unreliable")]

    @property
    def latest_unreliable(self) -> bool:
        return has(self.latest.row.get("flag", ""), "unreliable")

    @property
    def since(self) -> Number:
        """Where the latest unbroken stretch begins: the latest break, or the first value."""
        return self.breaks[-1] if self.breaks else self.first

    @property
    def change(self) -> Derived | None:
        """latest − since, when the stretch has two values or more and neither end is of low
        reliability; None otherwise (the brief then computes no change)."""
        start, end = self.since, self.latest
        if start is end or any(has(n.row.get("flag", ""), "unreliable") for n in (start, end)):
            return None
        rising = end.value >= start.value
        formula = "latest - since" if rising else "since - latest"
        return Derived(abs(end.value - start.value), formula,
                       {"latest": Ref("facts", end.key, "value"), "since": Ref("facts", start.key, "value")},
                       "facts", f"{start.key} to {end.key}", f"{start.row['period']}–{end.row['period']}")

    @property
    def direction(self) -> str:
        """'up' or 'down' (latest against the start of its stretch), or 'unchanged'."""
        if self.change is None:
            return ""
        if self.change.value == 0:
            return "unchanged"
        return "up" if self.latest.value > self.since.value else "down"

    @property
    def change_unit(self) -> str:
        """The words after a change: a percentage's change is in percentage points."""
        unit = self.latest.row["unit"]
        return " percentage points" if unit == "percent" else words_after(unit)


def series_updates(values: list, facts: list[dict]) -> tuple[list, list]:
    """The data files' values as series (an indicator the documents do not have, with
    SERIES_PERIODS periods or more in one place and group) and the values left to list one by
    one, each list in its order."""
    known = {fact["indicator"] for fact in facts if fact.get("document")}
    grouped = {}
    for number in values:
        row = number.row
        if row.get("document") or row["indicator"] in known:
            continue
        grouped.setdefault((row["indicator"], row["geography"], row["group"]), []).append(number)
    series = {key: sorted(numbers, key=lambda n: period_order(n.row["period"]))
              for key, numbers in grouped.items() if len(numbers) >= SERIES_PERIODS}
    in_series = {id(number) for numbers in series.values() for number in numbers}
    return [SeriesUpdate(numbers) for numbers in series.values()], [n for n in values if id(n) not in in_series]
