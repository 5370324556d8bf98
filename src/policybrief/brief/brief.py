"""The sources of the brief and its companion annex: templates filled from the tables.

The templates (config/brief.qmd.j2 and annex.qmd.j2) hold the words; every number
comes from facts.csv, indicators.csv, recommendations.csv or the validation results through
the objects built here. In its text the brief shows a fact only through the fact's wording
from the catalogue (Number.says), so the words around a number stay those its sentence
supports. A missing fact stops with a message naming it.
"""

import base64
import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from traceback import walk_tb

import jinja2

from policybrief.compute.indicators import declared_indicators
from policybrief.core.documents import citation_of
from policybrief.core.errors import InputError
from policybrief.core.formatting import format_number, grouped, grouped_notes, in_words, lower_first, spelled, times
from policybrief.core.limits import limits_of
from policybrief.core.markup import anchor, md, md_attribute, one_line, source_text, typst_markup, yaml_string
from policybrief.core.periods import period_order, period_shown, series_index, series_key
from policybrief.core.tables import read_rows
from policybrief.core.units import words_after
from policybrief.core.yaml_input import load_yaml_input
from policybrief.editions.records import edition_folder
from policybrief.suggest.suggestions import uncatalogued
from policybrief.workflow import engine_file

# How a bound reads in front of a number; a wording that spells its bound in its own words
# ("up to six weeks", "by 2011 at the latest") uses {number} or {stated} instead of {value}.
QUALIFIER_WORDS = {"approx": "approximately", "at_least": "at least", "more_than": "more than",
                   "at_most": "up to", "likely": "likely", "range_low": "", "range_high": ""}
# A bound on a year reads as the sentence puts it: "by 2011 at the latest", "more likely by 2009".
YEAR_BOUNDS = {"at_most": "by {} at the latest", "likely": "more likely by {}", "approx": "around {}"}


def fallback_wording(row: dict) -> str:
    """Words for a value that has none in the catalogue (a plug-in file's new indicator)."""
    dims = ", ".join(d for d in (row.get("group"), row.get("geography"), row.get("period")) if d)
    return f"{{value}} ({lower_first(row['label'])}{', ' + dims if dims else ''})"


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
        return f"{self}{words_after(self.row['unit'])}"

    @property
    def bounded(self) -> str:
        """The number with its bound: 'approximately 32%', 'by 2011 at the latest'."""
        qualifier = self.row.get("qualifier", "")
        if self.row["unit"] == "calendar year" and qualifier in YEAR_BOUNDS:
            return YEAR_BOUNDS[qualifier].format(self.shown)
        words = QUALIFIER_WORDS.get(qualifier, "")
        return f"{words} {self.shown}" if words else self.shown

    @property
    def stated(self) -> str:
        """The number as the document writes it ('half', 'twice', 'six'); digits as the brief shows them."""
        text = self.row.get("value_text", "")
        return text.lower() if in_words(text) else str(self)

    @property
    def says(self) -> str:
        """The fact in the words the catalogue allows for it, as escaped Markdown."""
        wording = self.row.get("wording") or fallback_wording(self.row)
        slots = {"{value}": self.bounded, "{number}": self.shown, "{stated}": self.stated,
                 "{words}": spelled(self.value), "{period}": self.when}
        text = re.sub(r"\{(value|number|stated|words|period)\}", lambda m: slots[m.group()], wording)
        return md(text)

    @property
    def when(self) -> str:
        return period_shown(self.row.get("period", ""))

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
                             "restore it in config/catalogue.yaml, or edit config/brief.qmd.j2.")
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


def statement_anchor(statement_id: str) -> str:
    return "statement-" + anchor(statement_id)


def facts_by_sentence(facts: list[dict], titles: dict, statements=()) -> list[dict]:
    """Facts and cited statements grouped by document, then by the sentence they quote, in
    document order."""
    documents = {}

    def sentence_of(row):
        document = documents.setdefault(row["document"], {"title": titles.get(row["document"], row["document"]),
                                                           "sentences": {}})
        return document["sentences"].setdefault((int(row["char_start"]), int(row["char_end"])), {
            "quote": row["quote"], "char_start": row["char_start"], "char_end": row["char_end"],
            "facts": [], "statements": []})

    for fact in (f for f in facts if f["document"]):
        sentence_of(fact)["facts"].append(Number(fact, fact["fact_id"]))
    for statement in statements:
        sentence_of(statement)["statements"].append({**statement,
                                                     "anchor": statement_anchor(statement["statement_id"])})
    return [{"title": d["title"], "sentences": [d["sentences"][k] for k in sorted(d["sentences"])]}
            for _, d in sorted(documents.items())]


def items_by_list(rows: list[dict]) -> dict:
    """The items of every list found in the documents (lists.csv), in document order."""
    lists = {}
    for row in rows:
        lists.setdefault(row["list"], []).append(row)
    return lists


def evidence_span(facts: list[dict], documents: list[dict], edition_date: str) -> dict:
    """The years the evidence refers to: from the earliest year a fact's period names to the
    latest publication date, how long before the edition the newest source appeared, and the
    last year of the documents' statistics and of the data files' values."""
    period_years = [int(y) for f in facts if f["document"] for y in re.findall(r"\d{4}", f["period"])]
    published = [int(d["date"][:4]) for d in documents if re.match(r"\d{4}", d.get("date", ""))]
    published_in = {d["document"]: d.get("date", "")[:4] for d in documents}
    # Statistics, not dates or projections: a period's years up to its document's publication.
    data_years = [int(y) for f in facts if f["document"] and f["unit"] != "calendar year"
                  for y in re.findall(r"\d{4}", f["period"]) if y <= published_in.get(f["document"], "9999")]
    # Values from a new edition's data files, up to the edition's year.
    plugin_years = [int(y) for f in facts if not f["document"] and f["unit"] != "calendar year"
                    for y in re.findall(r"\d{4}", f["period"]) if y <= edition_date[:4]]
    last = max(published, default=0)
    return {"first": min(period_years + published, default=0), "last": last,
            "last_data": max(data_years, default=0), "last_plugin": max(plugin_years, default=0),
            "years_old": int(edition_date[:4]) - last if last else 0}


def derived_series(indicators: list[dict], facts: Lookup, declared: dict) -> dict:
    """For each computed indicator the edition declares (config/indicators.yaml), per place
    and group, the latest period with every input: the row names the facts it was computed
    from, so a headline never sets one period's value beside another's. Each entry holds the
    input facts under their names in the formula ("recent"), the computed value, its bound
    and its series over periods; entries are ordered by the first input, largest first."""
    derived = {}
    for declaration in declared["computed"]:
        series = {}
        for row in sorted((r for r in indicators if r["indicator"] == declaration["name"]),
                          key=lambda r: period_order(r["period"])):
            taken = dict(zip(declaration["inputs"], (facts[i] for i in row["inputs"].split(";"))))
            series.setdefault((row["geography"], row["group"]), []).append({
                **taken, "group": row["group"], "geography": row["geography"], "period": period_shown(row["period"]),
                "computed": Number(row, indicator_key(row)),
                # A value computed from a bounded one ("approximately 32%") is itself approximate.
                "bound": "approximately " if any(fact.qualifier for fact in taken.values()) else "",
                # The researchers' judgement on a pair holds for the values their document states.
                "from_document": all(fact.document and not fact.updated for fact in taken.values())})
        first = next(iter(declaration["inputs"]))
        latest = [{**rows[-1], "series": rows} for rows in series.values()]
        derived[declaration["name"]] = sorted(latest, key=lambda entry: (-entry[first].value, entry["group"]))
    return derived


def input_notes(facts: list[dict], declared: dict) -> dict:
    """For each computed indicator, the catalogue's reading notes of its input facts, by group."""
    return {declaration["name"]: grouped_notes((f["group"], f.get("note", "")) for f in facts
                                               if f["indicator"] in declaration["inputs"].values())
            for declaration in declared["computed"]}


def recommendation_index(recommendation_lists: dict, sic: dict) -> dict:
    """item_id -> the recommendation with its reference ('no. 31', or 'labour market, 4th'),
    its anchor in the annex, and its text with the source's errors marked [sic]."""
    index = {}
    for entry in recommendation_lists.values():
        for audience in entry["audiences"]:
            for position, item in enumerate(audience["items"], start=1):
                reference = f"no. {item['number']}" if item["number"] else f"{lower_first(audience['name'])} {position}"
                index[item["item_id"]] = {**item, "reference": reference, "anchor": "rec-" + anchor(item["item_id"]),
                                          "marked": mark_sic(item["text"], sic.get(item["list"], ()))}
    return index


def mark_sic(text: str, words) -> str:
    """Escaped Markdown of the text with ' [sic]' after each of the source's errors named in
    the catalogue's list entry (whole words, as printed)."""
    marked = md(source_text(text))
    for word in words:
        marked = re.sub(rf"(?<!\w){re.escape(md(word))}(?!\w)", lambda m: m.group() + " \\[sic\\]", marked)
    return marked


def build_context(edition, documents, facts, recommendations, indicators, figures, validation, checks=(),
                  lists=(), sic=None, statements=(), ledger=(), changes=None, limits=None, declared=None,
                  suggested=()) -> dict:
    declared = declared if declared is not None else declared_indicators()
    titles = {d["document"]: d["title"] for d in documents}
    recommendations_by_list = recommendation_lists(recommendations, titles)
    fact_lookup = Lookup({f["fact_id"]: f for f in facts}, "data/processed/facts.csv", "fact",
                         wrap=Number, series=series_index(facts))
    return {
        "edition": edition,
        "edition_date": long_date(edition["date"]),
        "edition_year": edition["date"][:4],
        "documents": documents,
        "titles": titles,
        "cited": {d["document"]: citation_of(d) for d in documents},
        "cited_in_text": {d["document"]: citation_of(d, parenthetical=False) for d in documents},
        "evidence": evidence_span(facts, documents, edition["date"]),
        "facts_by_sentence": facts_by_sentence(facts, titles, statements),
        "statements": Lookup({row["statement_id"]: {**row, "anchor": statement_anchor(row["statement_id"])}
                              for row in statements}, "data/processed/statements.csv", "statement", wrap=None),
        "facts": fact_lookup,
        "fact_rows": facts,
        "derived": derived_series(indicators, fact_lookup, declared),
        "input_notes": input_notes(facts, declared),
        "indicators": Lookup(latest_by_key(indicators, indicator_key), "data/processed/indicators.csv",
                             "indicator", wrap=Number, series=series_index(indicators)),
        "plugin_facts": plugin_values(facts),
        "limits": limits_of(limits),
        "recommendations": recommendations,
        "recommendation_lists": Lookup(recommendations_by_list, "data/processed/recommendations.csv", "list",
                                       wrap=None),
        "rec": Lookup(recommendation_index(recommendations_by_list, sic or {}),
                      "data/processed/recommendations.csv", "recommendation", wrap=None),
        "lists": Lookup(items_by_list(list(lists)), "data/processed/lists.csv", "list", wrap=None),
        "figures": {f["name"]: f for f in figures},
        "validation": validation,
        "checks": list(checks),
        "changes": changes,
        "edition_folder": edition_folder(edition),
        # The numbers the catalogue does not take yet (reports/catalogue-suggestions.yaml).
        "uncatalogued": uncatalogued(list(suggested), documents, facts),
        "ledger": {"rows": len(ledger), "by_value": sum("(by value)" in row["kind"] for row in ledger),
                   "totals": ledger_totals(ledger)},
    }


def plugin_values(facts: list[dict]) -> list[Number]:
    """The values from data files: those that replace a document's value first, then new periods
    of the documents' indicators, then new indicators; in table order within each (a long list
    is cut after the first ones, config limits)."""
    known = {f["indicator"] for f in facts if f["document"]}
    values = [f for f in facts if not f["document"] or f.get("replaced_value")]
    ranked = sorted(enumerate(values), key=lambda item: (not item[1].get("replaced_value"),
                                                          item[1]["indicator"] not in known, item[0]))
    return [Number(f, f["fact_id"]) for _, f in ranked]


def ledger_totals(rows) -> list[dict]:
    """The numbers of the brief's ledger (reports/brief-numbers.csv) by kind, for the annex."""
    totals = Counter(row["kind"] for row in rows)
    return [{"kind": kind, "count": count} for kind, count in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]


def sic_words(catalogue_path) -> dict:
    """list id -> the source's misspellings its catalogue entry names under `sic:`."""
    catalogue = load_yaml_input(catalogue_path, "catalogue", empty={})
    return {entry["id"]: list(entry.get("sic", [])) for entry in catalogue.get("lists", [])}


def figure_entry(meta: dict, data_path) -> dict:
    """A figure's caption and alt text with the data it draws: columns, rows, and the CSV as a
    data: URL, so the self-contained web page offers it as a download."""
    data = Path(data_path).read_bytes()
    rows = read_rows(data_path)
    return {**meta, "columns": list(rows[0]) if rows else [], "rows": rows,
            "download": "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")}


# The engine's templates (the packaged workflow's report/).
ENGINE_TEMPLATES = engine_file("report")


def template_environment(*template_dirs) -> jinja2.Environment:
    """Templates found in the edition's folder first, then in the engine's (the front matter
    and the annex's sections that every edition shares)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in template_dirs]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Quarto attributes such as {#fig-x} must not read as Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    environment.filters.update({"md": md, "attr": md_attribute, "meta": yaml_string,
                                "one_line": one_line, "anchor": anchor, "num": format_number, "period": period_shown,
                                "times": _as_value(times), "spelled": _as_value(spelled), "lower_first": lower_first,
                                "groups": grouped, "capitalize_first": capitalize_first, "source_text": source_text,
                                "in_words": in_words})
    return environment


def capitalize_first(text: str) -> str:
    """A wording at the start of a sentence: 'approximately 32%…' -> 'Approximately 32%…'."""
    return text[:1].upper() + text[1:]


def _as_value(formatter):
    """Let a filter take a Number from the tables as well as a plain value."""
    return lambda item: formatter(item.value if isinstance(item, Number) else item)


def running_header_typst(edition: dict, title: str | None = None, subtitle: str | None = None,
                         long_tables: bool = False) -> str:
    """The Typst definition the shared print style reads for its title block, running header
    and footer; both engines include it just before brief-style.typ. The date is spelled out
    here, so neither engine's own date formatting reaches the PDF. The annex passes its own
    title and subtitle, and lets its tables run across pages."""
    fields = {"title": title or edition["title"],
              # The running header carries the short title, so a long message title keeps it to one line.
              "short": title or edition.get("short_title") or edition["title"],
              "subtitle": edition.get("subtitle", "") if subtitle is None else subtitle,
              "edition": edition["name"], "publisher": edition["publisher"], "date": long_date(edition["date"])}
    pairs = [f"{key}: [{typst_markup(value)}]" for key, value in fields.items()]
    # The PDF's author metadata takes a string, not content.
    pairs.append(f"author: {json.dumps(one_line(edition['publisher']), ensure_ascii=False)}")
    pairs.append(f"long-tables: {'true' if long_tables else 'false'}")
    return ("// Written with the document's .qmd from config/config.yaml (edition).\n"
            f"#let brief-running = ({', '.join(pairs)})\n")


def render_source(template_path, context: dict, engine_dir=ENGINE_TEMPLATES) -> str:
    """The document's Quarto source from its template (config/brief.qmd.j2 or annex.qmd.j2),
    which may include or extend the engine's templates; a template mistake names its file and
    line. The document's running header for print is named after it (brief-running.typ)."""
    template_path = Path(template_path)
    environment = template_environment(template_path.parent, engine_dir)
    context = {"running_header": f"{template_path.name.split('.')[0]}-running.typ", **context}
    try:
        return environment.get_template(template_path.name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise InputError(f"{error.filename or template_path}: line {error.lineno}",
                         f"is not a valid template: {error.message}.",
                         "correct the line named; each {% ... %} needs its {% end... %}.") from None
    except jinja2.TemplateNotFound as error:
        raise InputError(template_path, f"includes or extends {error.name!r}, which is neither beside it nor "
                                        f"among the engine's templates ({engine_dir}).",
                         "name a file that is there, such as front-matter.yaml.j2 or annex-base.qmd.j2.") from None
    except jinja2.UndefinedError as error:
        raise InputError(_template_line(error.__traceback__) or template_path,
                         f"names something the tables do not have: {error.message}.",
                         "check the name against the facts (data/processed/facts.csv, by fact_id), the computed "
                         "indicators (config/indicators.yaml) and the figures (config/figures.yaml).") from None


def _template_line(traceback) -> str:
    """'config/brief.qmd.j2: line 12' for the innermost template line a traceback passes."""
    found = ""
    for frame, line in walk_tb(traceback):
        if frame.f_code.co_filename.endswith(".j2"):
            found = f"{frame.f_code.co_filename}: line {line}"
    return found
