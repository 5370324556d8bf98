"""The brief's source: the template filled with numbers from the tables.

The template (workflow/report/brief.qmd.j2) holds the words; every number comes from
facts.csv, indicators.csv, recommendations.csv or the validation results through the
objects built here. A missing fact stops with a message naming it.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .errors import InputError
from .formatting import format_number, lower_first, times
from .markup import anchor, md, md_attribute, one_line, yaml_string

UNIT_SUFFIX = {"percent": "%", "percentage points": " percentage points", "days": " days",
               "years": " years", "ratio": "×", "count": "", "million persons": " million"}


@dataclass(frozen=True)
class Number:
    """A value from a table, with how to show it and where it came from."""

    row: dict
    key: str

    @property
    def value(self) -> float:
        return float(self.row["value"])

    def __str__(self) -> str:
        return format_number(self.value)

    @property
    def shown(self) -> str:
        return f"{self}{UNIT_SUFFIX.get(self.row['unit'], ' ' + self.row['unit'])}"

    @property
    def anchor(self) -> str:
        return "fact-" + anchor(self.key)

    def __getattr__(self, name):
        try:
            return self.row[name]
        except KeyError:
            raise AttributeError(name) from None


class Lookup:
    """facts.edu_high_recent_all -> Number; a missing id names itself in the error."""

    def __init__(self, rows: dict, kind: str):
        self._rows, self._kind = rows, kind

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        if key not in self._rows:
            raise InputError(f"data/processed/{self._kind}.csv",
                             f"the brief template asks for {self._kind[:-1]} {key!r}, which the table does not have.",
                             "restore it in config/catalogue.yaml, or edit workflow/report/brief.qmd.j2.")
        return Number(self._rows[key], key)

    def __iter__(self):
        return (Number(row, key) for key, row in self._rows.items())


def indicator_key(row: dict) -> str:
    parts = [row["indicator"], row["group"], row["geography"], row["period"]]
    return anchor("_".join(p for p in parts if p)).replace("-", "_")


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def audience_counts(recommendations: list[dict]) -> list[tuple[str, int]]:
    """Audiences in the order they first appear, with their number of recommendations."""
    counts = Counter(r["audience"] for r in recommendations)
    order = list(dict.fromkeys(r["audience"] for r in recommendations))
    return [(audience, counts[audience]) for audience in order]


def facts_by_sentence(facts: list[dict], titles: dict) -> list[dict]:
    """Facts grouped by document, then by the sentence they quote, in document order."""
    documents = {}
    for fact in facts:
        document = documents.setdefault(fact["document"], {"title": titles.get(fact["document"], fact["document"]),
                                                            "sentences": {}})
        sentence = document["sentences"].setdefault((int(fact["char_start"]), int(fact["char_end"])), {
            "quote": fact["quote"], "char_start": fact["char_start"], "char_end": fact["char_end"], "facts": []})
        sentence["facts"].append(Number(fact, fact["fact_id"]))
    return [{"title": d["title"], "sentences": [d["sentences"][k] for k in sorted(d["sentences"])]}
            for _, d in sorted(documents.items())]


def build_context(edition, documents, facts, recommendations, indicators, figures, validation) -> dict:
    return {
        "edition": edition,
        "edition_date": long_date(edition["date"]),
        "documents": documents,
        "titles": {d["document"]: d["title"] for d in documents},
        "facts_by_sentence": facts_by_sentence(facts, {d["document"]: d["title"] for d in documents}),
        "facts": Lookup({f["fact_id"]: f for f in facts}, "facts"),
        "fact_rows": facts,
        "indicators": Lookup({indicator_key(i): i for i in indicators}, "indicators"),
        "recommendations": recommendations,
        "audiences": audience_counts(recommendations),
        "figures": {f["name"]: f for f in figures},
        "validation": validation,
    }


def template_environment(template_dir) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Quarto attributes such as {#fig-x} must not read as Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    environment.filters.update({"md": md, "attr": md_attribute, "meta": yaml_string,
                                "one_line": one_line, "anchor": anchor, "num": format_number,
                                "times": _as_value(times), "lower_first": lower_first})
    return environment


def _as_value(formatter):
    """Let a filter take a Number from the tables as well as a plain value."""
    return lambda item: formatter(item.value if isinstance(item, Number) else item)


def render_source(template_path, context: dict) -> str:
    template_path = Path(template_path)
    environment = template_environment(template_path.parent)
    return environment.get_template(template_path.name).render(**context)
