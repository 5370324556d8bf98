"""What a statistics file holds, gathered while it is read.

The profile keeps, per dimension, its codes with their labels (at most MAX_CODES each: a
dimension with more is cut, and says so), the periods, and the flags with the file's words for
them: little memory however large the file. It names the codes a file has in a mapping's
error messages, and a file without a mapping gets a mapping proposed from it
(policybrief.suggest.mappings).
"""

from dataclasses import dataclass, field

from policybrief.extract.statistics.layouts import FLAG, LABEL, PERIOD, Header

MAX_CODES = 500


@dataclass
class Profile:
    dimensions: dict = field(default_factory=dict)  # dimension → {code: label}
    cut: set = field(default_factory=set)  # dimensions with more than MAX_CODES codes
    periods: set = field(default_factory=set)
    flags: dict = field(default_factory=dict)  # flag → the file's words for it ('' if none)
    rows: int = 0

    def update(self, chunk, dimensions: list[str]) -> None:
        """Add a chunk of observations: its rows, codes, periods and flags."""
        self.rows += len(chunk)
        self.add_codes(chunk, dimensions)
        self.add_measures(chunk)

    def add_codes(self, chunk, dimensions: list[str]) -> None:
        for name in dimensions:
            codes = self.dimensions.setdefault(name, {})
            if len(codes) >= MAX_CODES:
                self.cut.add(name)
                continue
            for code, words in _pairs(chunk, name):
                if code not in codes or (words and not codes[code]):
                    codes[code] = words

    def add_measures(self, chunk) -> None:
        self.periods.update(chunk[PERIOD].unique().tolist())
        for flag, words in _pairs(chunk, FLAG):
            if flag and (flag not in self.flags or words):
                self.flags[flag] = words

    def codes_of(self, dimension: str) -> dict:
        return self.dimensions.get(dimension, {})

    def described(self, dimension: str, limit: int = 12) -> str:
        """'FOR (Foreign country), NAT (Reporting country), TOTAL (Total)' — the codes a file has."""
        codes = self.codes_of(dimension)
        shown = [code_words(code, label) for code, label in sorted(codes.items())]
        more = len(shown) - limit
        return ", ".join(shown[:limit]) + (f", and {more} more" if more > 0 else "")

    def as_dict(self, header: Header) -> dict:
        return {
            "layout": header.layout, "dataset": header.dataset, "agency": header.agency, "title": header.title,
            "last_update": header.last_update, "rows": self.rows,
            "dimensions": [{"dimension": name, "name": header.dimension_names.get(name, name),
                            "codes": dict(sorted(self.codes_of(name).items())), "more": name in self.cut}
                           for name in header.dimensions],
            "periods": sorted(self.periods), "flags": dict(sorted(self.flags.items())),
        }


def code_words(code: str, label: str) -> str:
    """'BE (Belgium)': a code with its label, where the file gives one other than the code."""
    return f"{code} ({label})" if label and label != code else code


def _pairs(chunk, name: str) -> list[tuple[str, str]]:
    """The distinct (code, label) pairs of a column; the label empty where the layout has none."""
    if LABEL + name in chunk.columns:
        return list(chunk[[name, LABEL + name]].drop_duplicates().itertuples(index=False, name=None))
    return [(code, "") for code in chunk[name].unique().tolist()]
