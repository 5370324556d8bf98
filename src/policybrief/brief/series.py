"""Series over time from data files, as the brief tells them: the years covered, the latest
value, the change within the latest unbroken stretch of the series, and a change from a
given year that says which breaks in series it crosses.

A statistics office marks a break in series (flag b) where its definitions or methods changed: a value from
the year of the break on is not fully comparable with those before. So the change the brief
computes runs from the latest break (or the series' first year, if it has none) to the
latest year, never across a break; the breaks are named. A value of low reliability (flag u)
is said to be one where it is printed, and is never the end of a change the brief computes.
"""

from dataclasses import dataclass

from policybrief.brief.marks import Derived, Ref, Span, TemplateMistake
from policybrief.core.flags import flagged
from policybrief.core.numbers import Number, cell_words, common_decimals, vintage_shown
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
        return [number for number in self.numbers[1:] if flagged(number.row, "break")]

    @property
    def latest_unreliable(self) -> bool:
        return _unreliable(self.latest)

    @property
    def since(self) -> Number:
        """Where the latest unbroken stretch begins: the latest break, or the first value."""
        return self.breaks[-1] if self.breaks else self.first

    def change_from(self, period: str) -> "SeriesChange":
        """The change from a period's value to the latest, with the breaks in series it crosses:
        key-finding words for a change across a marked break say so."""
        start = next((n for n in self.numbers if n.row["period"] == str(period)), None)
        if start is None:
            raise TemplateMistake(f"asks for the change of {self.latest.row['indicator']!r} from {period!r}, a "
                                  "period the series does not have.",
                                  f"name one of its periods: {', '.join(n.row['period'] for n in self.numbers)}.")
        return SeriesChange(start, self.latest, [b for b in self.breaks if _later(b, start)])

    @property
    def change(self) -> "SeriesChange | None":
        """The change within the latest unbroken stretch (since the latest break, or the first
        value); None when the stretch has one value, or either end is of low reliability."""
        start = self.since
        if start is self.latest or any(_unreliable(n) for n in (start, self.latest)):
            return None
        return SeriesChange(start, self.latest, [])

    @property
    def direction(self) -> str:
        return self.change.direction if self.change else ""

    @property
    def change_unit(self) -> str:
        """The words after a change: a percentage's change is in percentage points."""
        unit = self.latest.row["unit"]
        return " percentage points" if unit == "percent" else words_after(unit)

    @property
    def headline(self) -> str:
        """The latest value, for a key finding or a title: never one of low reliability."""
        if self.latest_unreliable:
            raise TemplateMistake(f"makes a headline of {self.latest.row['indicator']!r} in "
                                  f"{self.latest.row['period']}, a value of low reliability (flag u).",
                                  "state it in the body with its flag (.latest.shown, \"of low reliability\"), "
                                  "or choose a period whose value is reliable.")
        return self.latest.shown

    @property
    def definition(self) -> str:
        """What the series counts, as words of its latest row (digits such as 15-64 traced)."""
        return cell_words(self.latest.row, self.latest.key, "facts", "definition")

    @property
    def universe(self) -> str:
        return cell_words(self.latest.row, self.latest.key, "facts", "universe")

    def stretches_of(self, items) -> "Stretches":
        """Items of this series' years (its values, or an indicator computed from them each
        year) in the stretches between its breaks: each stretch from its first year to the
        year before the next break, the last to the latest year."""
        starts = [period_order(number.row["period"]) for number in (self.first, *self.breaks)]
        grouped = [[] for _ in starts]
        for item in sorted(items, key=lambda item: period_order(_period_of(item))):
            order = period_order(_period_of(item))
            taken = [index for index, start in enumerate(starts) if order >= start]
            if taken:
                grouped[taken[-1]].append(item)
        return Stretches(Stretch(group[0], group[-1]) for group in grouped if group)

    @property
    def stretches(self) -> "Stretches":
        """The series' own values between its breaks."""
        return self.stretches_of(self.numbers)

    @property
    def vintage(self) -> str:
        """When the series' data date from, written out ("June 2025"): its file's last update,
        or the month the file was downloaded (the annex says which)."""
        latest = self.latest
        if not latest.row.get("vintage"):
            raise TemplateMistake(f"asks when the data of {latest.row['indicator']!r} date from, and its file does "
                                  "not say (a plug-in CSV file, or a statistics file with no last update or "
                                  "download date).",
                                  "print .vintage only for a series of a downloaded statistics file.")
        return vintage_shown(latest.row, latest.key)


@dataclass
class SeriesChange:
    """latest − start as a number the brief computes (a Derived the ledger recomputes), its
    direction, and the breaks in series between the two (a change across them says so)."""

    start: Number
    end: Number
    breaks: list

    @property
    def derived(self) -> Derived:
        rising = self.end.value >= self.start.value
        return Derived(abs(self.end.value - self.start.value), "latest - since" if rising else "since - latest",
                       {"latest": Ref("facts", self.end.key, "value"), "since": Ref("facts", self.start.key, "value")},
                       "facts", f"{self.start.key} to {self.end.key}",
                       f"{self.start.row['period']}–{self.end.row['period']}", common_decimals([self.start, self.end]))

    @property
    def value(self) -> float:
        return self.derived.value

    @property
    def direction(self) -> str:
        """'up', 'down' or 'unchanged' (the latest against the start)."""
        if self.end.value == self.start.value:
            return "unchanged"
        return "up" if self.end.value > self.start.value else "down"

    @property
    def across_breaks(self) -> bool:
        return bool(self.breaks)


@dataclass
class Stretch:
    """A stretch of a series between breaks: its first and last values (Numbers, or the rows
    of an indicator computed from them, whose value is their `derived`)."""

    first: object
    last: object

    @property
    def change(self) -> float:
        return _value_of(self.last) - _value_of(self.first)


class Stretches(list):
    """The stretches of a series between its breaks, and how much of its change came within
    them rather than from one stretch to the next, across a break (where methods changed)."""

    @property
    def within(self) -> float:
        return sum(stretch.change for stretch in self)

    @property
    def total(self) -> float:
        return _value_of(self[-1].last) - _value_of(self[0].first) if self else 0.0

    @property
    def mostly_within(self) -> bool:
        """More than half of the change came within the stretches (in its direction)."""
        return self.total != 0 and self.within / self.total > 0.5

    @property
    def mostly_at_breaks(self) -> bool:
        """More than half of the change came across the breaks: within the stretches, less."""
        return self.total != 0 and self.within / self.total < 0.5


def _value_of(item) -> float:
    return item["derived"].value if isinstance(item, dict) else item.value


def _period_of(item) -> str:
    return str(item["period"]) if isinstance(item, dict) else item.row["period"]


def _unreliable(number: Number) -> bool:
    return flagged(number.row, "unreliable")


def _later(number: Number, start: Number) -> bool:
    return period_order(number.row["period"]) > period_order(start.row["period"])


def series_by_indicator(series: list) -> dict:
    """Each series under its indicator's name, for the template's key findings
    (series.employment_rate_foreign); one in several places or groups is under
    <indicator>/<geography>/<group>."""
    counts = {}
    for update in series:
        counts[update.latest.row["indicator"]] = counts.get(update.latest.row["indicator"], 0) + 1
    named = {}
    for update in series:
        row = update.latest.row
        name = row["indicator"] if counts[row["indicator"]] == 1 else "/".join(
            (row["indicator"], row["geography"], row["group"]))
        named[name] = update
    return named


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
