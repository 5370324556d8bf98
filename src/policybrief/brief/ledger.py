"""The brief checks itself: every number it prints, traced to the row it came from.

Reads the brief's materialised source (reports/brief.qmd) as its reader will see it (links
by their text, escapes undone, the figures' captions and alt text included) and finds every
number in it. Each is told apart by what it is and traced to a row:

- a value of a fact (document or plug-in file), an indicator, or a count of a table
  (documents, recommendations per list and heading, items of a list);
- a year or a period (a fact's period, a fact dated by a year, a document's date, the
  edition's date), a date (the edition's), a citation's year (its document's date);
- a reference to a recommendation ("no. 31", "labour market 4"), traced through its link;
- a rank the brief gives (a table's "Priority" column);
- a derived number, recomputed from the numbers shown beside it (a gap from the two shares in
  its table row; "14 years before this brief" from the newest source's year and the
  edition's).

A number that traces to no row, or a derived number that does not equal its recomputation,
stops the build with a message that quotes its sentence. The ledger of all numbers is
written to reports/brief-numbers.csv.
"""

import re
from collections import Counter
from dataclasses import dataclass

from policybrief.brief.brief import Number, long_date
from policybrief.core.errors import InputError
from policybrief.core.markup import anchor
from policybrief.core.periods import period_shown
from policybrief.core.tables import columns_of
from policybrief.editions.changes import change_counts

LEDGER_COLUMNS = columns_of("ledger")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
_NUMBER = re.compile(r"(?<![\w.,])(?P<range>\d{4}–\d{4})"
                     r"|(?<![\w.,])(?P<number>[−-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))(?![\w])")
_DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_ATTRIBUTES = re.compile(r"\{[#.][^}]*\}")
TOLERANCE = 0.05 + 1e-9  # the brief shows one decimal at most


@dataclass(frozen=True)
class Trace:
    kind: str
    table: str
    id: str
    period: str = ""


class Sources:
    """What a number in the brief may trace to, indexed by value, year and period."""

    def __init__(self, facts, indicators, documents, recommendations, lists, edition, changes=(), previous=None):
        self.values: list[tuple[float, str, Trace]] = []  # (value, unit, trace): counts, indicators, then facts
        self.years: dict[int, Trace] = {}
        self.periods: dict[str, Trace] = {}
        self.phrases: list[tuple[str, Trace]] = []
        fact_values = []
        for fact in facts:
            kind = "fact" if fact.get("document") else "plug-in value"
            trace = Trace(kind, "facts", fact["fact_id"], fact.get("period", ""))
            fact_values.append((float(fact["value"]), fact.get("unit", ""), trace))
            # The words the brief prints the fact in: a number inside them is that fact's.
            if fact.get("wording"):
                said = _unescape(Number(fact, fact["fact_id"]).says)
                # As printed mid-sentence, and at the start of one (capitalize_first).
                self.phrases += [(words, trace) for words in dict.fromkeys((said, said[:1].upper() + said[1:]))]
            if fact.get("replaced_value"):  # "replacing 83 stated in the document"
                fact_values.append((float(fact["replaced_value"]), fact.get("unit", ""),
                                    Trace("replaced value", "facts", fact["fact_id"], fact.get("period", ""))))
            self._text_of(fact, ("label", "source", "note", "group", "geography"), "facts", fact["fact_id"])
            if fact.get("unit") == "calendar year":
                self.years.setdefault(int(float(fact["value"])), Trace("year", "facts", fact["fact_id"]))
            self._period(fact.get("period", ""), Trace("period", "facts", fact["fact_id"], fact.get("period", "")))
        for row in indicators:
            trace = Trace("indicator", "indicators", "/".join(p for p in (row["indicator"], row["group"]) if p),
                          row["period"])
            self.values.append((float(row["value"]), row.get("unit", ""), trace))
            self._period(row["period"], Trace("period", "indicators", row["indicator"], row["period"]))
        for document in documents:
            self._text_of(document, ("title", "publisher", "kind", "note", "original_title"), "documents",
                          document["document"])
            if re.match(r"\d{4}", document.get("date", "")):
                self.years.setdefault(int(document["date"][:4]), Trace("year", "documents", document["document"]))
        undescribed = sum(1 for d in documents if d.get("role") == "unclassified")
        counts = [(len(documents), Trace("count", "documents", "documents")),
                  (len(documents) - undescribed, Trace("count", "documents", "described")),
                  (undescribed, Trace("count", "documents", "undescribed")),
                  (len(recommendations), Trace("count", "recommendations", "recommendations"))]
        counts += [(n, Trace("count", "recommendations", name)) for name, n in _counts(recommendations, "list").items()]
        counts += [(n, Trace("count", "recommendations", f"{a}/{b}"))
                   for (a, b), n in _counts(recommendations, "list", "audience").items()]
        counts += [(n, Trace("count", "lists", name)) for name, n in _counts(lists, "list").items()]
        counts.append((sum(1 for f in facts if not f.get("document") or f.get("replaced_value")),
                       Trace("count", "facts", "values from plug-in files")))
        counts += [(n, Trace("count", "changes", f"{what}/{change}"))
                   for what, by in change_counts(changes).items() for change, n in by.items()]
        self.values = [(float(n), "count", trace) for n, trace in counts] + self.values + fact_values
        # By tenths, so that a data file of 100,000 values does not make each number a scan.
        self._tenths: dict[int, list] = {}
        for order, item in enumerate(self.values):
            self._tenths.setdefault(round(item[0] * 10), []).append((order, item))
        self.edition_year = int(edition["date"][:4])
        self.edition_date = long_date(edition["date"])
        self.years.setdefault(self.edition_year, Trace("year", "edition", "date"))
        # The previous edition the brief compares with, by its date and name.
        self.dates = {self.edition_date: Trace("date", "edition", "date")}
        if previous:
            self.dates[long_date(previous["date"])] = Trace("date", "editions", previous["folder"])
            self.years.setdefault(int(previous["date"][:4]), Trace("year", "editions", previous["folder"]))
            self._text_of(previous, ("name",), "editions", previous["folder"])
        self.newest_source = max((int(d["date"][:4]) for d in documents if re.match(r"\d{4}", d.get("date", ""))),
                                 default=self.edition_year)
        self.recommendations = {"rec-" + anchor(r["item_id"]): r for r in recommendations}
        self.phrases.sort(key=lambda item: -len(item[0]))  # the longest wording that covers a number wins

    def _text_of(self, row: dict, columns, table: str, row_id: str) -> None:
        """Digits inside a row's words (a label, a title) that the brief prints as text."""
        for column in columns:
            text = str(row.get(column) or "")
            if re.search(r"\d", text):
                self.phrases.append((" ".join(_unescape(text).split()),
                                     Trace(f"text of a row ({column})", table, row_id)))

    def _period(self, period: str, trace: Trace) -> None:
        if period:
            self.periods.setdefault(period_shown(period), trace)
            for year in re.findall(r"\d{4}", period):
                self.years.setdefault(int(year), Trace("year", trace.table, trace.id, period))

    def value(self, number: float, unit: str = "", before: str = "", after: str = "") -> Trace | None:
        """A row with this value, in the unit the words after the number name when they name one:
        weaker than a phrase, so the ledger says it matched by value."""
        matching = [(u, trace) for value, u, trace in self._near(number) if abs(value - number) <= TOLERANCE]
        # A count named just after the number ("3 values changed") or just before it ("NGOs (5)")
        # is the one it shows.
        named = [trace for _, trace in matching if trace.kind == "count" and "/" in trace.id
                 and trace.id.split("/")[-1].lower() in after.lower()]
        named += [trace for _, trace in matching if trace.kind == "count" and "/" in trace.id
                  and trace.id.split("/")[-1].lower() in before.lower()]
        trace = (named[0] if named else None) or next((trace for u, trace in matching if unit and u == unit), None) \
            or next((trace for _, trace in matching), None)
        return Trace(f"{trace.kind} (by value)", trace.table, trace.id, trace.period) if trace else None

    def _near(self, number: float) -> list[tuple[float, str, Trace]]:
        """The values within a tenth of the number, in table order (counts, indicators, facts)."""
        key = round(number * 10)
        near = [entry for k in (key - 1, key, key + 1) for entry in self._tenths.get(k, [])]
        return [item for _, item in sorted(near, key=lambda entry: entry[0])]

    def keep_phrases_in(self, text: str) -> None:
        """Only the wordings and texts the brief prints can cover one of its numbers."""
        self.phrases = [item for item in self.phrases if item[0] in text]

    def phrase(self, text: str, position: int) -> Trace | None:
        """The fact whose wording, as printed, covers this position of the line."""
        for phrase, trace in self.phrases:
            for found in re.finditer(re.escape(phrase), text):
                if found.start() <= position < found.end():
                    return trace
        return None


def _counts(rows, *columns) -> Counter:
    return Counter(row[columns[0]] if len(columns) == 1 else tuple(row[c] for c in columns) for row in rows)


@dataclass
class Line:
    """A line of the brief as its reader sees it, with where it is and what its links point to."""

    number: int
    section: str
    text: str
    links: list  # (start, end, target) of each link's text in `text`
    table_header: list


def reader_lines(qmd: str) -> list[Line]:
    """The brief's body, line by line, as the reader sees it: front matter, fenced-div markers,
    table rules and attributes dropped, links by their text, escapes undone; a figure's caption
    and alt text kept."""
    lines = qmd.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next(i for i in range(1, len(lines)) if lines[i].strip() == "---") + 1
    section, header, result = "", [], []
    for index in range(start, len(lines)):
        raw = lines[index]
        stripped = raw.strip()
        if stripped.startswith("## "):
            section = _unescape(_ATTRIBUTES.sub("", stripped[3:])).strip()
        if not stripped or stripped.startswith(":::") or re.fullmatch(r"\|[:\-| ]+\|", stripped):
            if not stripped.startswith("|"):
                header = []
            continue
        if stripped.startswith("|") and not header:
            header = [cell.strip() for cell in stripped.strip("|").split("|")]
        alt = re.findall(r'fig-alt="((?:[^"\\]|\\.)*)"', raw)
        text = _ATTRIBUTES.sub("", re.sub(r'\{#fig-[^}]*\}', "", raw))
        text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", text)  # list markers are not numbers
        text = re.sub(r"!\[", "[", text) + "".join(" " + a for a in alt)
        plain, links = _links_as_text(text)
        result.append(Line(index + 1, section, plain, links, header if stripped.startswith("|") else []))
    return result


def _links_as_text(text: str) -> tuple[str, list]:
    """Links replaced by their text (image paths dropped), escapes undone; where each link's text is."""
    out, links, position = [], [], 0
    for match in _LINK.finditer(text):
        out.append(_unescape(text[position:match.start()]))
        start = sum(len(part) for part in out)
        label = _unescape(match.group(1))
        out.append(label)
        links.append((start, start + len(label), match.group(2)))
        position = match.end()
    out.append(_unescape(text[position:]))
    return "".join(out), links


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("*", "")


def build_ledger(qmd: str, sources: Sources, document: str = "brief") -> tuple[list[dict], list[str]]:
    """(ledger rows, problems): a row per number the brief prints, a problem per number that
    traces to no row or does not recompute."""
    rows, problems = [], []
    lines = reader_lines(qmd)
    sources.keep_phrases_in("\n".join(line.text for line in lines))
    for line in lines:
        cells = [cell.strip() for cell in line.text.strip().strip("|").split("|")] if line.table_header else []
        dates = [m.span() for m in _DATE.finditer(line.text)]
        for match in _NUMBER.finditer(line.text):
            shown, sentence = match.group(), _sentence(line.text, match.start())
            trace, problem = _trace(match, line, cells, dates, sources)
            if problem:
                problems.append(f"{problem}: {shown!r} in “{sentence}” "
                                f"(section {line.section or 'title'}, line {line.number})")
            rows.append({"document": document, "section": line.section, "line": line.number, "shown": shown,
                         "kind": trace.kind if trace else "untraced", "table": trace.table if trace else "",
                         "id": trace.id if trace else "", "period": trace.period if trace else "",
                         "sentence": sentence})
    return rows, problems


def _trace(match, line: Line, cells: list, dates: list, sources: Sources) -> tuple[Trace | None, str]:
    shown, start = match.group(), match.start()
    if match.group("range"):
        trace = sources.periods.get(shown)
        if trace:
            return trace, ""
        first, last = (sources.years.get(int(year)) for year in shown.split("–"))
        if first and last:  # a span between two traced years ("the evidence refers to 1995–2012")
            return Trace("span of years", first.table, f"{first.id} to {last.id}"), ""
        return None, "a period that no fact or indicator has, nor a span between two traced years"
    number = _number(shown)
    link = next((target for s, e, target in line.links if s <= start < e), "")
    if link.startswith("annex.html#rec-"):
        item = sources.recommendations.get(link.split("#", 1)[1])
        return ((Trace("reference", "recommendations", item["item_id"]), "") if item
                else (None, "a reference to no recommendation"))
    date = next((line.text[s:e] for s, e in dates if s <= start < e), "")
    if date:
        trace = sources.dates.get(date)
        return (trace, "") if trace else (None, "a date that is neither the edition's nor the previous edition's")
    if cells and line.table_header[0] == "Priority" and _cell_index(line.text, start) == 0:
        return Trace("rank", "brief", "priority"), ""
    if re.search(r"\bpriority $", line.text[max(0, start - 9):start], re.IGNORECASE):
        return Trace("rank", "brief", "priority"), ""
    trace = sources.phrase(line.text, start)
    if trace:
        return trace, ""
    derived = _derived(match, line, cells, sources)
    if derived is not None:
        return derived
    if re.fullmatch(r"\d{4}", shown) and 1900 <= number <= 2100:
        trace = sources.years.get(int(number))
        return (trace, "") if trace else (None, "a year that no fact, period, document or the edition has")
    trace = sources.value(number, _unit_after(line.text[match.end():]), line.text[max(0, start - 24):start],
                          " ".join(line.text[match.end():match.end() + 40].split(" ")[:5]))
    return (trace, "") if trace else (None, "a number that traces to no row of facts, indicators or counts")


UNIT_WORDS = {"%": "percent", " years": "years", " days": "days", " weeks": "weeks", " months": "months"}


def _unit_after(text: str) -> str:
    return next((unit for words, unit in UNIT_WORDS.items() if text.startswith(words)), "")


def _cell_index(text: str, position: int) -> int:
    return text[:position].strip().lstrip("|").count("|")


def _derived(match, line: Line, cells: list, sources: Sources):
    """A derived number, recomputed from what is shown beside it: None when the number is not
    one, else (trace, problem)."""
    shown, start = match.group(), match.start()
    after = line.text[match.end():match.end() + 30]
    if after.startswith(" years before this brief"):
        before = [int(y) for y in re.findall(r"\b(\d{4})\b", line.text[:start])]
        expected = sources.edition_year - (before[-1] if before else sources.newest_source)
        if int(shown) != expected:
            return None, f"a derived number that does not recompute (expected {expected})"
        return Trace("derived", "documents", "edition year − newest source's year"), ""
    fewer = after.startswith(" percentage points fewer")
    lead = r": (?:approximately )?$" if fewer else r"gap of (?:approximately )?$"
    if after.startswith(" percentage points") and re.search(lead, line.text[:start]):
        # "32% ..., against 20% ...: a gap of 12 percentage points" — the two shares just before
        # it; "20% ..., against 30% ...: 10 percentage points fewer" — the second less the first
        sentence_start = start - len(line.text[:start].split(". ")[-1])
        shares = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)%", line.text[sentence_start:start])][-2:]
        if len(shares) < 2:
            return None, "a gap with no two shares before it in its sentence"
        if fewer:
            return _gap(shown, shares[::-1], "gap = second share − first share (fewer)")
        return _gap(shown, shares, "gap = first share − second share")
    if cells and line.table_header[-1].startswith("Gap") and _cell_index(line.text, start) == len(cells) - 1:
        shares = [_share(cell) for cell in cells[-3:-1]]
        if None in shares:
            return None, "a gap beside shares that cannot be read"
        return _gap(shown, shares, "gap = share under 10 years − share 10 years or more")
    return None


def _gap(shown: str, shares: list[float], formula: str):
    """A gap in percentage points checked against the two shares it is the difference of."""
    expected = round(shares[0] - shares[1], 1)
    if abs(_number(shown) - expected) > TOLERANCE:
        return None, f"a derived number that does not recompute from the shares beside it (expected {expected:g})"
    return Trace("derived", "indicators", formula), ""


def _number(shown: str) -> float:
    """'35,900' -> 35900.0; '−3' (a true minus) -> -3.0."""
    return float(shown.replace(",", "").replace("−", "-"))


def _share(cell: str):
    found = re.search(r"(\d+(?:\.\d+)?)\s*%", cell)
    return float(found.group(1)) if found else None


def _sentence(text: str, position: int) -> str:
    """The sentence around a position, for messages and the ledger."""
    starts = [m.end() for m in re.finditer(r"[.!?;:](?:\s|$)", text[:position])]
    begin = starts[-1] if starts else 0
    end_match = re.search(r"[.!?;](?:\s|$)", text[position:])
    end = position + end_match.end() if end_match else len(text)
    return " ".join(text[begin:end].split())[:240]


def check_numbers(qmd: str, sources: Sources, path: str = "reports/brief.qmd") -> list[dict]:
    """The ledger, or an error quoting each number that does not trace."""
    rows, problems = build_ledger(qmd, sources)
    if problems:
        raise InputError(path, f"{len(problems)} number(s) in the brief do not trace to the tables:\n    "
                               + "\n    ".join(problems),
                         "print numbers only from the tables (a fact's wording, an indicator, a count), or "
                         "catalogue the number in config/catalogue.yaml; a derived number must recompute from "
                         "the numbers shown beside it.")
    return rows

