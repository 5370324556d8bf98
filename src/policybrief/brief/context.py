"""What the brief's and the annex's templates are filled from: the edition's tables, read once
into EditionTables, and the entries each document's context holds.

The templates (config/brief.qmd.j2 and annex.qmd.j2) hold the words; every number comes from
facts.csv, indicators.csv, recommendations.csv or the validation results through the objects
built here. In its text the brief shows a fact only through the fact's wording from the
catalogue (Number.says), so the words around a number stay those its sentence supports. A
number the brief computes itself is a Derived, which the template prints only through its
`derived` filter (brief/marks.py). A missing fact stops with a message naming it.
"""

import base64
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policybrief.brief.comparison import places_compared
from policybrief.brief.datasets import dataset_references, flags_explained
from policybrief.brief.marks import Derived, Ref, Span, TemplateMistake
from policybrief.brief.series import series_by_indicator, series_updates
from policybrief.compute.indicators import declared_indicators
from policybrief.core.documents import citation_of
from policybrief.core.errors import InputError
from policybrief.core.flags import flagged
from policybrief.core.formatting import grouped_notes, long_date, lower_first
from policybrief.core.limits import limits_of
from policybrief.core.markup import anchor, md, source_text
from policybrief.core.numbers import (
    MarkedText,
    Number,
    RowWords,
    Shown,
    cell_words,
    common_decimals,
    date_mark,
    indicator_key,
    joined_parts,
    row_mark,
)
from policybrief.core.periods import period_order, period_shown, series_index, series_key
from policybrief.core.tables import read_rows
from policybrief.core.yaml_input import load_yaml_input
from policybrief.editions.records import edition_folder
from policybrief.suggest.suggestions import uncatalogued


@dataclass(frozen=True, eq=False)
class EditionTables:
    """The edition's tables and inputs that both documents are filled from."""

    documents: list
    facts: list
    recommendations: list
    indicators: list
    lists: list = ()
    statements: list = ()
    figures: list = ()  # figure_entry of each figure
    changes: dict | None = None  # editions.changes.edition_changes_context
    declared: dict | None = None  # compute.indicators.declared_indicators (config/indicators.yaml)
    sic: dict = field(default_factory=dict)  # list id -> the source's misspellings (sic_words)
    subjects: tuple = ()  # the evidence's subjects (config evidence_subjects), for the data age
    supplementary: list = ()  # the data files' rows as read (data/processed/supplementary.csv)


# What the edition's date is, for the ledger: the date cell of the edition's row.
EDITION_DATE = date_mark("edition", "date")


class Lookup:
    """facts.edu_high_recent_all -> Number; a missing key names itself and its table."""

    def __init__(self, items: dict, table: str, noun: str, wrap=None, series=None):
        self._items, self._table, self._noun = items, table, noun
        self._wrap, self._series = wrap, series or {}

    def _get(self, key):
        item = self._items[key]
        if not self._wrap:
            return item
        return self._wrap(item, key, tuple(self._series.get(series_key(item), ())) if self._series else ())

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        if key not in self._items:
            raise InputError(self._table, f"the brief template asks for {self._noun} {key!r}, which is not there.",
                             "restore it in the catalogue (config/catalogue/), or edit config/brief.qmd.j2.")
        return self._get(key)

    __getitem__ = __getattr__

    def __iter__(self):
        return (self._get(key) for key in self._items)


def latest_by_key(rows: list[dict], key) -> dict:
    latest = {}
    for row in sorted(rows, key=lambda r: period_order(r["period"])):
        latest[key(row)] = row
    return latest


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


def facts_by_sentence(facts: list[dict], titles: dict, statements=(), pictures=None) -> list[dict]:
    """Facts and cited statements grouped by document, then by the sentence they quote, in
    document order; a sentence of a PDF with its picture on its page (reports/quotes/index.json),
    where one was drawn."""
    pictures = pictures or {}
    documents = {}

    def sentence_of(row):
        document = documents.setdefault(row["document"], {"title": titles.get(row["document"], row["document"]),
                                                           "sentences": {}})
        return document["sentences"].setdefault((int(row["char_start"]), int(row["char_end"])), {
            "quote": row["quote"], "char_start": row["char_start"], "char_end": row["char_end"],
            "page": row.get("page", ""), "facts": [], "statements": [],
            "picture": pictures.get(f"{row['document']}:{row['char_start']}:{row['char_end']}")})

    for fact in (f for f in facts if f["document"]):
        sentence_of(fact)["facts"].append(Number(fact, fact["fact_id"]))
    for statement in statements:
        sentence_of(statement)["statements"].append({**statement,
                                                     "anchor": statement_anchor(statement["statement_id"])})
    grouped = []
    for document, found in sorted(documents.items()):
        sentences = [found["sentences"][key] for key in sorted(found["sentences"])]
        grouped.append({"document": document, "title": found["title"], "sentences": sentences})
    return grouped


def items_by_list(rows: list[dict]) -> dict:
    """The items of every list found in the documents (lists.csv), in document order."""
    lists = {}
    for row in rows:
        lists.setdefault(row["list"], []).append(RowWords(row, row["item_id"], "lists"))
    return lists


def evidence_span(facts: list[dict], documents: list[dict], edition_date: str) -> dict:
    """The years the evidence refers to: from the earliest year a fact's period names to the
    latest publication date (`span`, each end with the row it comes from), how long before the
    edition the newest source appeared (`years_old`, a Derived), and the last year of the
    documents' statistics and of the data files' values. The evidence is the research
    documents' (all documents' where none is research): a context document informs the
    background, and its date or statistics do not make the evidence newer."""
    research = [d for d in documents if d.get("role") == "research"]
    documents = research or documents
    evidence = {d["document"] for d in documents}
    facts = [f for f in facts if not f["document"] or f["document"] in evidence]
    period_years = [(int(y), Ref("facts", f["fact_id"], "period")) for f in facts if f["document"]
                    for y in re.findall(r"\d{4}", f["period"])]
    published = [(int(d["date"][:4]), Ref("documents", d["document"], "date")) for d in documents
                 if re.match(r"\d{4}", d.get("date", ""))]
    published_in = {d["document"]: d.get("date", "")[:4] for d in documents}
    # Statistics, not dates or projections: a period's years up to its document's publication.
    data_years = [(int(y), f) for f in facts if f["document"] and f["unit"] != "calendar year"
                  for y in re.findall(r"\d{4}", f["period"]) if y <= published_in.get(f["document"], "9999")]
    # Values from a new edition's data files, up to the edition's year.
    plugin_years = [(int(y), f) for f in facts if not f["document"] and f["unit"] != "calendar year"
                    for y in re.findall(r"\d{4}", f["period"]) if y <= edition_date[:4]]
    # The first of the rows with the earliest year, and of the documents with the latest.
    first = min(period_years + published, key=lambda item: item[0], default=(0, None))
    last = max(published, key=lambda item: item[0], default=(0, None))
    edition_year = int(edition_date[:4])
    years_old = (Derived(edition_year - last[0], "edition - newest",
                         {"edition": Ref("edition", "date", "date"), "newest": last[1]},
                         "documents", "edition year − newest source's year")
                 if last[1] else Derived(0, "0", {}, "documents", "edition year − newest source's year"))
    newest = next((d for d in documents if last[1] and d["document"] == last[1].id), None)
    return {"first": first[0], "last": year_of(last[0], newest, "documents"),
            "span": Span(first[0], last[0], first[1], last[1]),
            "last_data": latest_year(data_years), "last_plugin": latest_year(plugin_years), "years_old": years_old}


def subject_ends(subjects: list[dict], facts: list[dict], documents: list[dict], cited: dict) -> list[dict]:
    """For each subject of the evidence (config evidence_subjects): its name, the year its
    evidence ends (the latest year of its facts' periods, or its documents' latest publication),
    as words of the row that holds it, and that row's source, cited. A subject none of whose
    rows this edition has is left out."""
    ended = []
    for subject in subjects:
        years = [(int(y), f) for f in facts if f["indicator"] in subject.get("indicators", ())
                 for y in re.findall(r"\d{4}", f["period"])]
        if years:
            year, row = max(years, key=lambda item: item[0])
            # A document's fact is cited by its document; a data file's value by its source.
            ends = year_of(year, row, "facts")
            source = cited[row["document"]] if row.get("document") else row.get("source", "")
        else:
            dated = [(d["date"][:4], d) for d in documents if d["document"] in subject.get("documents", ())
                     and re.match(r"\d{4}", d.get("date", ""))]
            if not dated:
                continue
            year, row = max(dated, key=lambda item: item[0])
            ends, source = year_of(int(year), row, "documents"), cited.get(row["document"], "")
        ended.append({"name": subject["name"], "ends": ends, "published": not years, "source": source})
    return ended


def cited_evidence(evidence: dict, facts: list[dict], cited: dict) -> dict:
    """The evidence's span with the source of its newest document and of its latest statistic,
    cited, so that a sentence that gives those years names whose they are."""
    by_id = {f["fact_id"]: f for f in facts}
    last_data, last_plugin = evidence["last_data"], evidence["last_plugin"]
    data_row = by_id.get(last_data.mark["id"], {}) if isinstance(last_data, Shown) else {}
    plugin_row = by_id.get(last_plugin.mark["id"], {}) if isinstance(last_plugin, Shown) else {}
    newest = evidence["last"].mark["id"] if isinstance(evidence["last"], Shown) else ""
    # The sources of the span's two ends, cited as one names two works: "A, 2008; B, 2012".
    span = evidence["span"]
    ends = [ref.id if ref.table == "documents" else by_id.get(ref.id, {}).get("document", "")
            for ref in (span.first_from, span.last_from) if ref]
    names = list(dict.fromkeys(cited[document] for document in ends if document in cited))
    return {**evidence, "newest_cited": cited.get(newest, ""),
            "last_data_cited": cited.get(data_row.get("document"), data_row.get("source", "")),
            # A data file's value is cited by the source its row gives; every file that reaches
            # the latest year is named ("Eurostat, LFSA_ERGAN; Eurostat, EDAT_LFS_9911").
            "last_plugin_cited": _sources_reaching(plugin_row, facts),
            "span_cited": MarkedText(joined_parts([[name] for name in names], "; "))}


def _sources_reaching(latest: dict, facts: list[dict]):
    """The sources of the data files' new values whose period ends in the year of `latest`,
    each as words of a row it gives, the latest's first."""
    if not latest:
        return ""
    year = re.findall(r"\d{4}", latest["period"])[-1]
    rows = {latest["source"]: latest}
    for fact in facts:
        years = re.findall(r"\d{4}", fact.get("period", ""))
        if not fact["document"] and fact["unit"] != "calendar year" and years and years[-1] == year:
            rows.setdefault(fact["source"], fact)
    return MarkedText(joined_parts([[cell_words(row, row["fact_id"], "facts", "source")] for row in rows.values()],
                                   "; "))


def year_of(year: int, row: dict | None, table: str):
    """A year the brief prints, as words of the row it comes from (0 where there is none)."""
    if not year or row is None:
        return year
    key = row["document"] if table == "documents" else row["fact_id"]
    column = "date" if table == "documents" else "period"
    return Shown(str(year), {**row_mark(row, key, table, column), "kind": "year"})


def latest_year(years: list) -> "Shown | int":
    """The latest of (year, fact row) pairs, as words of the first fact that has it."""
    return year_of(*max(years, key=lambda item: item[0]), "facts") if years else 0


def derived_series(indicators: list[dict], facts: Lookup, declared: dict) -> dict:
    """For each computed indicator the edition declares (config/indicators.yaml), per place
    and group, the latest period with every input: the row names the facts it was computed
    from, so a headline never sets one period's value beside another's. Each entry holds the
    input facts under their names in the formula ("recent"), the computed value (`computed`,
    a Number; `derived`, the same to print through the template's derived filter), its bound
    and its series over periods; entries are ordered by the first input, largest first."""
    derived = {}
    for declaration in declared["computed"]:
        series = {}
        for row in sorted((r for r in indicators if r["indicator"] == declaration["name"]),
                          key=lambda r: period_order(r["period"])):
            fact_ids = row["inputs"].split(";")
            taken = dict(zip(declaration["inputs"], (facts[i] for i in fact_ids)))
            series.setdefault((row["geography"], row["group"]), []).append({
                **taken, "group": row["group"], "geography": row["geography"],
                "period": Shown(period_shown(row["period"]), row_mark(row, indicator_key(row), "indicators", "period")),
                "computed": Number(row, indicator_key(row), table="indicators"),
                "derived": Derived(float(row["value"]), declaration["formula"],
                                   {name: Ref("facts", fact_id, "value")
                                    for name, fact_id in zip(declaration["inputs"], fact_ids)},
                                   "indicators", "/".join(p for p in (row["indicator"], row["group"]) if p),
                                   row["period"], common_decimals(taken.values())),
                # A value computed from a bounded one ("approximately 32%") is itself approximate.
                "bound": "approximately " if any(fact.qualifier for fact in taken.values()) else "",
                # The researchers' judgement on a pair holds for the values their document states.
                "from_document": all(fact.document and not fact.updated for fact in taken.values())})
        first = next(iter(declaration["inputs"]))
        latest = [{**rows[-1], "series": rows} for rows in series.values()]
        derived[declaration["name"]] = sorted(latest, key=lambda entry: (-entry[first].value, entry["group"]))
    return derived


@dataclass(frozen=True, eq=False)
class GroupComparison:
    """A computed indicator's latest entries (derived_series), the overall group's told apart
    from the others', with what the template needs to choose its words: which periods they
    are for, whether the document's own judgement holds for them, which group's difference is
    smaller than the overall one in its period."""

    entries: list  # every group's, as derived_series orders them
    overall: dict
    subgroups: list  # the others', each with own_period: its period differs from the overall's
    earlier: bool  # the other groups' latest values are all of one period, not the overall's
    earlier_period: str  # that period, when earlier
    judged: bool  # every other group's values are those its document states
    all_from_document: bool  # every group's values are those its document states
    all_positive: bool  # every group's difference is above 0
    periods: list  # every period of every group's series, in their order
    smaller: list  # the groups whose difference is smaller than the overall one's of its period
    other_source: Number | None  # the first other group's first input, when its document is not the overall's

    @property
    def one_period(self) -> bool:
        return len(self.periods) == 1

    @property
    def from_data_files(self) -> list:
        """The inputs of every group's series that a data file gives (the table names their
        sources in its caption)."""
        return [value for entry in self.entries for row in entry["series"] for value in row.values()
                if isinstance(value, Number) and value.from_data_file]


def against_overall(entries: list[dict], overall_group: str) -> GroupComparison:
    """The template's `against_overall` filter: derived.<indicator> | against_overall("<group>")."""
    overall = next((entry for entry in entries if entry["group"] == overall_group), None)
    if overall is None:
        raise TemplateMistake(f"compares groups with {overall_group!r}, which has no computed value "
                              f"(data/processed/indicators.csv).",
                              "name a group the indicator is computed for (its group column).")
    others = [entry for entry in entries if entry["group"] != overall_group]
    periods_of_others = list(dict.fromkeys(entry["period"] for entry in others))
    earlier = len(periods_of_others) == 1 and periods_of_others[0] != overall["period"]
    first = next(iter(overall))  # the first input's name: the entries open with their inputs
    smaller = [entry["group"] for entry in others for row in overall["series"]
               if row["period"] == entry["period"] and entry["computed"].value < row["computed"].value]
    other_source = (others[0][first] if others and others[0][first].document != overall[first].document else None)
    return GroupComparison(
        entries=entries, overall=overall,
        subgroups=[{**entry, "own_period": entry["period"] != overall["period"] and not earlier} for entry in others],
        earlier=earlier, earlier_period=periods_of_others[0] if earlier else "",
        judged=all(entry["from_document"] for entry in others),
        all_from_document=all(entry["from_document"] for entry in entries),
        all_positive=all(entry["computed"].value > 0 for entry in entries),
        periods=list(dict.fromkeys(row["period"] for entry in entries for row in entry["series"])),
        smaller=smaller, other_source=other_source)


def input_notes(facts: list[dict], declared: dict) -> dict:
    """For each computed indicator, the catalogue's reading notes of its input facts, by group."""
    return {declaration["name"]: MarkedText(grouped_notes((f["group"], cell_words(f, f["fact_id"], "facts", "note"))
                                                          for f in facts
                                                          if f["indicator"] in declaration["inputs"].values()))
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


def plugin_values(facts: list[dict]) -> list[Number]:
    """The values from data files: those that replace a document's value first, then new periods
    of the documents' indicators, then new indicators; in table order within each (a long list
    is cut after the first ones, config limits)."""
    known = {f["indicator"] for f in facts if f["document"]}
    values = [f for f in facts if not f["document"] or f.get("replaced_value")]
    ranked = sorted(enumerate(values), key=lambda item: (not item[1].get("replaced_value"),
                                                          item[1]["indicator"] not in known, item[0]))
    return [Number(f, f["fact_id"]) for _, f in ranked]


def brief_context(tables: EditionTables, edition: dict, limits=None) -> dict:
    """What the brief's template is filled from (and the annex's, which adds its own parts)."""
    declared = tables.declared if tables.declared is not None else declared_indicators()
    documents, facts, indicators = tables.documents, tables.facts, tables.indicators
    titles = {d["document"]: d["title"] for d in documents}
    recommendations_by_list = recommendation_lists(tables.recommendations, titles)
    fact_lookup = Lookup({f["fact_id"]: f for f in facts}, "data/processed/facts.csv", "fact",
                         wrap=Number, series=series_index(facts))
    cited, cited_in_text = ({d["document"]: Shown(citation_of(d, parenthetical), row_mark(d, d["document"], "documents",
                                                                                       "date")) for d in documents}
                            for parenthetical in (True, False))
    return {
        "edition": edition,
        # The edition's own date and year, as words of the edition's row.
        "edition_date": Shown(long_date(edition["date"]), EDITION_DATE),
        "edition_year": Shown(edition["date"][:4], {**EDITION_DATE, "kind": "year"}),
        # The series the brief belongs to, with its number: words of the edition's config.
        "edition_series": cell_words(edition, "config", "edition", "series") if edition.get("series") else "",
        "documents": [RowWords(d, d["document"], "documents") for d in documents],
        "titles": titles,
        # A citation names its document and prints its year: words of the document's row.
        "cited": cited,
        "cited_in_text": cited_in_text,
        "evidence": cited_evidence(evidence_span(facts, documents, edition["date"]), facts, cited_in_text),
        "subjects": subject_ends(tables.subjects, facts, documents, cited_in_text),
        # A statement's cells print as its words (its page, cited, traced to its row).
        "statements": Lookup({row["statement_id"]: {**row, "anchor": statement_anchor(row["statement_id"])}
                              for row in tables.statements}, "data/processed/statements.csv", "statement",
                             wrap=lambda row, key, _: RowWords(row, key, "statements")),
        "facts": fact_lookup,
        "fact_rows": facts,
        "derived": (derived := derived_series(indicators, fact_lookup, declared)),
        # A computed difference in the brief's place beside other places' in the same year.
        "beside": Lookup(places_compared(derived, declared), "config/indicators.yaml",
                         "the comparison across places of"),
        "input_notes": input_notes(facts, declared),
        "indicators": Lookup(latest_by_key(indicators, indicator_key), "data/processed/indicators.csv",
                             "indicator", wrap=lambda row, key, series: Number(row, key, series, "indicators"),
                             series=series_index(indicators)),
        "plugin_facts": (plugin_facts := plugin_values(facts)),
        # The same values, those of a series over time told in one line each (brief/series.py),
        # and each series by its indicator, for key findings (series.employment_rate_foreign).
        "plugin_series": (plugin_series := series_updates(plugin_facts, facts)),
        "series": Lookup(series_by_indicator(plugin_series[0]), "data/processed/facts.csv", "the series"),
        # The statistics datasets the values come from, as the list of sources cites them, and
        # their values of low reliability (flag u), which the data's limits must not deny.
        "dataset_references": dataset_references(facts, tables.supplementary),
        "unreliable_values": [fact for fact in facts if fact.get("dataset") and flagged(fact, "unreliable")],
        "limits": limits_of(limits),
        "recommendations": tables.recommendations,
        "recommendation_lists": Lookup(recommendations_by_list, "data/processed/recommendations.csv", "list",
                                       wrap=None),
        "rec": Lookup(recommendation_index(recommendations_by_list, tables.sic or {}),
                      "data/processed/recommendations.csv", "recommendation", wrap=None),
        "lists": Lookup(items_by_list(list(tables.lists)), "data/processed/lists.csv", "list", wrap=None),
        "figures": {f["name"]: f for f in tables.figures},
        "changes": tables.changes,
    }


def annex_context(tables: EditionTables, edition: dict, limits=None, validation=None, checks=(), ledger=(),
                  suggested=(), datasets=(), pictures=None, published=()) -> dict:
    """The brief's context, with what only the annex shows: every fact by its sentence, the
    validation and the sources' own arithmetic, the brief's ledger, the numbers the catalogue
    does not take yet (reports/catalogue-suggestions.yaml) and where the edition is kept; for
    documents read from a PDF or web page, each quoted sentence's picture on its page and what
    the reading left out (policybrief.extract.published.page_map.read_as_published)."""
    ledger = list(ledger)
    return {
        **brief_context(tables, edition, limits),
        "facts_by_sentence": facts_by_sentence(tables.facts, {d["document"]: d["title"] for d in tables.documents},
                                               tables.statements, pictures),
        "published": sorted(published, key=lambda entry: entry["document"]),
        "validation": validation or {},
        "checks": list(checks),
        "ledger": {"rows": len(ledger), "by_value": sum("(by value)" in row["kind"] for row in ledger),
                   "totals": ledger_totals(ledger)},
        "uncatalogued": uncatalogued(list(suggested), tables.documents, tables.facts),
        "edition_folder": edition_folder(edition),
        # The downloaded statistics files (policybrief.brief.datasets), and the flags the values carry.
        "datasets": list(datasets),
        "flags_explained": flags_explained(tables.facts),
    }


def ledger_totals(rows) -> list[dict]:
    """The numbers of the brief's ledger (reports/brief-numbers.csv) by kind, for the annex."""
    totals = Counter(row["kind"] for row in rows)
    return [{"kind": kind, "count": count} for kind, count in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]


def sic_words(catalogue_paths) -> dict:
    """list id -> the source's misspellings its catalogue entry names under `sic:`, over every
    catalogue file given (one per document; a single path is read as one file)."""
    if isinstance(catalogue_paths, (str, Path)):
        catalogue_paths = [catalogue_paths]
    words = {}
    for path in catalogue_paths:
        catalogue = load_yaml_input(path, "catalogue", empty={})
        for entry in catalogue.get("lists", []) or []:
            words.setdefault(entry["id"], []).extend(entry.get("sic", []))
    return words


def figure_entry(meta: dict, data_path) -> dict:
    """A figure's caption and alt text with the data it draws: columns, rows, and the CSV as a
    data: URL, so the self-contained web page offers it as a download."""
    data = Path(data_path).read_bytes()
    rows = read_rows(data_path)
    # The caption and alt text print the numbers in them as the words of their rows.
    marked = {key: MarkedText.from_spans(meta[key], meta.get("marks", {}).get(key, [])) for key in ("caption", "alt")}
    return {**meta, **marked, "columns": list(rows[0]) if rows else [], "rows": rows,
            "download": "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")}
