"""The brief's source: the template filled with numbers from the tables.

The template (workflow/report/brief.qmd.j2) holds the words; every number comes from
facts.csv, indicators.csv, recommendations.csv or the validation results through the
objects built here. A missing fact stops with a message naming it.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .errors import InputError
from .formatting import format_number, grouped, lower_first, times
from .markup import anchor, md, md_attribute, one_line, typst_markup, yaml_string
from .periods import period_order, series_index, series_key

UNIT_SUFFIX = {"percent": "%", "percentage points": " percentage points", "days": " days",
               "months": " months", "years": " years", "ratio": "×", "count": "", "million persons": " million",
               "calendar year": "", "per year": " a year"}


@dataclass(frozen=True, eq=False)
class Number:
    """A value from a table, with how to show it, where it came from and its other periods."""

    row: dict
    key: str
    series: tuple = ()  # rows of the same indicator, geography and group, by period

    @property
    def value(self) -> float:
        return float(self.row["value"])

    def __str__(self) -> str:
        return format_number(self.value, unit=self.row["unit"])

    @property
    def shown(self) -> str:
        return f"{self}{UNIT_SUFFIX.get(self.row['unit'], ' ' + self.row['unit'])}"

    @property
    def anchor(self) -> str:
        return "fact-" + anchor(self.row.get("fact_id") or self.key)

    @property
    def latest(self) -> "Number":
        """The same indicator, geography and group in the latest period (plug-in files can add one)."""
        last = self.series[-1] if self.series else self.row
        return Number(last, last.get("fact_id") or self.key, self.series)

    @property
    def updated(self) -> bool:
        """True when a plug-in file replaced the value the document states."""
        return bool(self.row.get("replaced_value"))

    def __getattr__(self, name):
        try:
            return self.row[name]
        except KeyError:
            raise AttributeError(name) from None


class Lookup:
    """facts.edu_high_recent_all -> Number; a missing key names itself and its table."""

    def __init__(self, items: dict, table: str, noun: str, wrap=None, series=None):
        self._items, self._table, self._noun = items, table, noun
        self._wrap, self._series = wrap, series or {}

    def _get(self, key):
        item = self._items[key]
        if not self._wrap:
            return item
        return self._wrap(item, key, tuple(self._series.get(series_key(item), ())))

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        if key not in self._items:
            raise InputError(self._table, f"the brief template asks for {self._noun} {key!r}, which is not there.",
                             "restore it in config/catalogue.yaml, or edit workflow/report/brief.qmd.j2.")
        return self._get(key)

    __getitem__ = __getattr__

    def __iter__(self):
        return (self._get(key) for key in self._items)


def indicator_key(row: dict) -> str:
    """'high_education_gap_pp' + group + geography: the latest period answers to it."""
    parts = [row["indicator"], row["group"], row["geography"]]
    return anchor("_".join(p for p in parts if p)).replace("-", "_")


def latest_by_key(rows: list[dict], key) -> dict:
    latest = {}
    for row in sorted(rows, key=lambda r: period_order(r["period"])):
        latest[key(row)] = row
    return latest


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def recommendation_lists(recommendations: list[dict], titles: dict) -> dict:
    """Each list of recommendations with its items and its audiences in document order."""
    lists = {}
    for item in recommendations:
        entry = lists.setdefault(item["list"], {"id": item["list"], "document": item["document"],
                                                "source": titles.get(item["document"], item["document"]),
                                                "items": [], "audiences": {}})
        entry["items"].append(item)
        entry["audiences"].setdefault(item["audience"], []).append(item)
    for entry in lists.values():
        entry["audiences"] = [{"name": name, "items": items, "count": len(items),
                               "first": items[0]["number"], "last": items[-1]["number"]}
                              for name, items in entry["audiences"].items()]
    return lists


def facts_by_sentence(facts: list[dict], titles: dict) -> list[dict]:
    """Facts grouped by document, then by the sentence they quote, in document order."""
    documents = {}
    for fact in (f for f in facts if f["document"]):
        document = documents.setdefault(fact["document"], {"title": titles.get(fact["document"], fact["document"]),
                                                            "sentences": {}})
        sentence = document["sentences"].setdefault((int(fact["char_start"]), int(fact["char_end"])), {
            "quote": fact["quote"], "char_start": fact["char_start"], "char_end": fact["char_end"], "facts": []})
        sentence["facts"].append(Number(fact, fact["fact_id"]))
    return [{"title": d["title"], "sentences": [d["sentences"][k] for k in sorted(d["sentences"])]}
            for _, d in sorted(documents.items())]


def theme_matrix(indicators: list[dict], recommendation_lists: dict) -> dict:
    """Themes (most recommendations first) by recommendation list, from the *_by_theme indicators."""
    totals = {r["group"]: r for r in indicators if r["indicator"] == "recommendations_by_theme"}
    cells = {(r["group"], r["indicator"].removesuffix("_by_theme")): r for r in indicators
             if r["indicator"].endswith("_by_theme") and r["indicator"] != "recommendations_by_theme"}
    themes = sorted(totals, key=lambda theme: (-float(totals[theme]["value"]), theme))
    return {"themes": [{"name": theme, "total": Number(totals[theme], theme),
                        "cells": [Number(cells[(theme, list_id)], theme) for list_id in recommendation_lists
                                  if (theme, list_id) in cells]} for theme in themes],
            "lists": [entry["source"] for entry in recommendation_lists.values()]}


def items_by_list(rows: list[dict]) -> dict:
    """The items of every list found in the documents (lists.csv), in document order."""
    lists = {}
    for row in rows:
        lists.setdefault(row["list"], []).append(row)
    return lists


def build_context(edition, documents, facts, recommendations, indicators, figures, validation, checks=(),
                  lists=()) -> dict:
    titles = {d["document"]: d["title"] for d in documents}
    recommendations_by_list = recommendation_lists(recommendations, titles)
    return {
        "edition": edition,
        "edition_date": long_date(edition["date"]),
        "documents": documents,
        "titles": titles,
        "facts_by_sentence": facts_by_sentence(facts, titles),
        "facts": Lookup({f["fact_id"]: f for f in facts}, "data/processed/facts.csv", "fact",
                        wrap=Number, series=series_index(facts)),
        "fact_rows": facts,
        "indicators": Lookup(latest_by_key(indicators, indicator_key), "data/processed/indicators.csv",
                             "indicator", wrap=Number, series=series_index(indicators)),
        "plugin_facts": [Number(f, f["fact_id"]) for f in facts if not f["document"] or f.get("replaced_value")],
        "recommendations": recommendations,
        "recommendation_lists": Lookup(recommendations_by_list, "data/processed/recommendations.csv", "list",
                                       wrap=None),
        "theme_matrix": theme_matrix(indicators, recommendations_by_list),
        "lists": Lookup(items_by_list(list(lists)), "data/processed/lists.csv", "list", wrap=None),
        "figures": {f["name"]: f for f in figures},
        "validation": validation,
        "checks": list(checks),
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
                                "times": _as_value(times), "lower_first": lower_first, "groups": grouped})
    return environment


def _as_value(formatter):
    """Let a filter take a Number from the tables as well as a plain value."""
    return lambda item: formatter(item.value if isinstance(item, Number) else item)


def running_header_typst(edition: dict) -> str:
    """The Typst definition the shared print style reads for its title block, running header
    and footer; both engines include it just before brief-style.typ. The date is spelled out
    here, so neither engine's own date formatting reaches the PDF."""
    fields = {"title": edition["title"], "subtitle": edition.get("subtitle", ""), "edition": edition["name"],
              "publisher": edition["publisher"], "date": long_date(edition["date"])}
    pairs = [f"{key}: [{typst_markup(value)}]" for key, value in fields.items()]
    # The PDF's author metadata takes a string, not content.
    pairs.append(f"author: {json.dumps(one_line(edition['publisher']), ensure_ascii=False)}")
    return ("// Written with reports/brief.qmd from config/config.yaml (edition).\n"
            f"#let brief-running = ({', '.join(pairs)})\n")


def render_source(template_path, context: dict) -> str:
    template_path = Path(template_path)
    environment = template_environment(template_path.parent)
    return environment.get_template(template_path.name).render(**context)
