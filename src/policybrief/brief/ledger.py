"""The brief checks itself: every number it prints, traced to the row it came from.

Reads the brief's materialised source (reports/brief.qmd) as its reader will see it (links
by their text, escapes undone, the figures' captions and alt text included) and finds every
number in it. Each is what the template's call that printed it says (brief/marks.py,
reports/brief-marks.json):

- the words of one row (a fact's wording, value or period, a document's date or citation, a
  cell of words with digits, a figure's number as its job marked it) are checked against
  that row: its value, the years of its period or date, the digits of its cell;
- a derived number is recomputed from the cells of the rows its mark names (a gap from the
  two shares it is the difference of, the years before the brief from the edition's date
  and the newest source's), a span of years is checked against the rows of its two ends, a
  rank is the brief's own, a count is the ledger's own count of its table;
- a reference to a recommendation is traced through its link.

A number of the body that no mark says is an error, even where some row has its value:
nothing is traced by coincidence. The title, subtitle and short title are the edition's own
words; their numbers are read by what they are (a period, a date, a year, a value, in digits
or in words) and must each be held by a row.

The ledger reads the tables, the marks and the Markdown, never the brief's words: an editor
who rewords a sentence of the template changes nothing here. A number that traces to no
row, or a derived number that does not equal its recomputation, stops the build with a
message that quotes its sentence. The ledger of all numbers is written to
reports/brief-numbers.csv.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from policybrief.brief.marks import take_spans, with_marks
from policybrief.core.errors import InputError
from policybrief.core.flags import flagged
from policybrief.core.formatting import MONTH_NAMES, format_number, is_iso_date, long_date
from policybrief.core.markup import anchor, typographic
from policybrief.core.numbers import Number, from_data_file, indicator_key
from policybrief.core.periods import period_order, period_shown
from policybrief.core.tables import columns_of
from policybrief.core.units import UNITS_FILE, units
from policybrief.editions.changes import change_counts
from policybrief.extract.number_words import WORDS_PATTERN, parse_number
from policybrief.validate.checks import NotAllowed, evaluate

LEDGER_COLUMNS = columns_of("ledger")
_NUMBER = re.compile(r"(?<![\w.,])(?P<range>\d{4}–\d{4})"
                     r"|(?<![\w.,])(?P<number>[−-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))(?![\w])")
_DATE = re.compile(rf"\b\d{{1,2}} (?:{'|'.join(MONTH_NAMES)}) \d{{4}}\b")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_ATTRIBUTES = re.compile(r"\{[#.][^}]*\}")
TOLERANCE = 0.05 + 1e-9  # the brief shows one decimal at most
# The lines that carry the brief's message: its title and subtitle (front matter), and its
# short title (the PDF's running header). Numbers in words are checked there too: a title
# says "nine in ten" more often than "90%".
MESSAGE = ("title", "subtitle")
_IN_WORDS = re.compile(rf"(?<![\w-])(?P<words>{WORDS_PATTERN})(?P<per_ten>\s+(?:in|out\s+of)\s+(?:ten|10))?(?![\w-])",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Trace:
    kind: str
    table: str
    id: str
    period: str = ""


# A number in words that the template writes itself, of its own enumeration or of the world.
TEMPLATE_WORDS = Trace("the template's words", "template", "", "")


class Sources:
    """What a number in the brief may trace to, indexed by value, year and period."""

    def __init__(self, facts, indicators, documents, recommendations, lists, edition, changes=(), previous=None,
                 units_path=UNITS_FILE, names=None, statements=()):
        self.values: list[tuple[float, str, Trace]] = []  # (value, unit, trace): counts, indicators, then facts
        # The rows a mark may name a cell of (a derived number's inputs, a span's ends).
        self.rows = {"facts": {f["fact_id"]: f for f in facts}, "documents": {d["document"]: d for d in documents},
                     "indicators": {indicator_key(row): row for row in indicators},
                     "edition": {"date": edition, "config": edition},
                     "lists": {row["item_id"]: row for row in lists},
                     "statements": {row["statement_id"]: row for row in statements},
                     "editions": {previous["folder"]: previous} if previous else {}}
        # An indicator's other periods: a mark names the row by its key and its period.
        self.indicator_periods = {(indicator_key(row), row["period"]): row for row in indicators}
        # The words after a number that name its unit ("%", " weeks"), as config/units.yaml has them.
        self.unit_words = sorted(((spec["after"], unit) for unit, spec in units(units_path).items() if spec["after"]),
                                 key=lambda item: -len(item[0]))
        self.years: dict[int, Trace] = {}
        self.periods: dict[str, Trace] = {}
        self.phrases: list[tuple[str, Trace]] = []
        fact_values = []
        for fact in facts:
            kind = "plug-in value" if from_data_file(fact) else "fact"
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
            self._text_of(fact, ("label", "source", "note", "group", "geography", "dataset_title"), "facts",
                          fact["fact_id"])
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
        set_aside = sum(1 for d in documents if d.get("role") == "set_aside")
        counts = [(len(documents), Trace("count", "documents", "documents")),
                  (len(documents) - undescribed, Trace("count", "documents", "described")),
                  # The documents the brief uses: described, and not set aside.
                  (len(documents) - undescribed - set_aside, Trace("count", "documents", "used")),
                  (undescribed, Trace("count", "documents", "undescribed")),
                  (len(recommendations), Trace("count", "recommendations", "recommendations")),
                  (len({r.get("document") for r in recommendations}), Trace("count", "recommendations", "sources"))]
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
        self.recommendations = {"rec-" + anchor(r["item_id"]): r for r in recommendations}
        # How a sentence names each document: its citation's author part, and the names the
        # inventory gives it (config/documents.yaml, names).
        # Compared by their words alone, as escaping and markup may change the rest.
        self.names = {d["document"]: [_words_of(name) for name in (d.get("citation"),
                                                                   *(names or {}).get(d["document"], ())) if name]
                      for d in documents}
        self.phrases.sort(key=lambda item: -len(item[0]))  # the longest wording that covers a number wins

    def _text_of(self, row: dict, columns, table: str, row_id: str) -> None:
        """Digits inside a row's words (a label, a title) that the brief prints as text."""
        for column in columns:
            text = str(row.get(column) or "")
            if re.search(r"\d", text):
                # As printed: the brief curls a row's straight quotes (core.markup.md).
                self.phrases.append((" ".join(typographic(_unescape(text)).split()),
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

    def row_of(self, mark: dict) -> dict | None:
        """The row a mark (or a derived number's input) names; an indicator's in the mark's period."""
        if mark.get("table") == "indicators" and mark.get("period"):
            found = self.indicator_periods.get((mark.get("id"), mark["period"]))
            if found:
                return found
        return self.rows.get(mark.get("table"), {}).get(mark.get("id"))

    def cell(self, ref: dict) -> str | None:
        """The text of a table's cell a mark names, or None when there is no such row."""
        row = self.row_of(ref)
        return None if row is None else str(row.get(ref.get("column"), ""))

    def unit_after(self, text: str) -> str:
        return next((unit for words, unit in self.unit_words if text.startswith(words)), "")

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
    marks: list = field(default_factory=list)  # (start, end, mark) of each marked text in `text`


def message_lines(qmd: str, short_title: str = "") -> list[Line]:
    """The title and subtitle of the front matter, and the short title, as the reader sees them."""
    import yaml

    lines = qmd.splitlines()
    found = []
    if lines and lines[0].strip() == "---":
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        front = yaml.safe_load("\n".join(lines[1:end])) or {}
        for key in MESSAGE:
            number = next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 1)
            if front.get(key):
                found.append(Line(number, key, _unescape(str(front[key])), []))
    if short_title:
        found.append(Line(1, "short title", short_title, []))
    return found


def reader_lines(qmd: str, marks=(), marks_path="the brief's marks") -> list[Line]:
    """The brief's body, line by line, as the reader sees it: front matter, fenced-div markers,
    table rules and attributes dropped, links by their text, escapes undone; a figure's caption
    and alt text kept; where each of the template's marks is."""
    marks = list(marks)
    lines = with_marks(qmd.splitlines(), marks, marks_path)
    start = 0
    if lines and lines[0].strip() == "---":
        start = next(i for i in range(1, len(lines)) if lines[i].strip() == "---") + 1
    section, result = "", []
    for index in range(start, len(lines)):
        raw = lines[index]
        stripped = raw.strip()
        if stripped.startswith("## "):
            section = _unescape(_ATTRIBUTES.sub("", take_spans(stripped[3:])[0])).strip()
        if not stripped or stripped.startswith(":::") or re.fullmatch(r"\|[:\-| ]+\|", stripped):
            continue
        alt = re.findall(r'fig-alt="((?:[^"\\]|\\.)*)"', raw)
        text = _ATTRIBUTES.sub("", re.sub(r'\{#fig-[^}]*\}', "", raw))
        text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", text)  # list markers are not numbers
        text = re.sub(r"!\[", "[", text) + "".join(" " + a for a in alt)
        plain, links, spans = take_spans(*_links_as_text(text))
        result.append(Line(index + 1, section, plain, links, [(s, e, marks[i]) for s, e, i in spans]))
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


def build_ledger(qmd: str, sources: Sources, document: str = "brief", marks=(),
                 marks_path="the brief's marks", short_title: str = "") -> tuple[list[dict], list[str]]:
    """(ledger rows, problems): a row per number the brief prints, its title, subtitle and short
    title included, a problem per number that traces to no row or does not recompute, and per
    unit written twice. `marks` are those its template left (brief/marks.py)."""
    rows, problems = [], []
    message = message_lines(qmd, short_title)
    lines = message + reader_lines(qmd, marks, marks_path)
    sources.keep_phrases_in("\n".join(line.text for line in lines))

    def record(line, shown, position, trace, problem):
        sentence = _sentence(line.text, position)
        if problem:
            problems.append(f"{problem}: {shown!r} in “{sentence}” "
                            f"(section {line.section or 'title'}, line {line.number})")
        rows.append({"document": document, "section": line.section, "line": line.number, "shown": shown,
                     "kind": trace.kind if trace else "untraced", "table": trace.table if trace else "",
                     "id": trace.id if trace else "", "period": trace.period if trace else "",
                     "sentence": sentence})

    captions = table_captions(lines)
    for line in lines:
        dates = [m.span() for m in _DATE.finditer(line.text)]
        # The template prints every number of the body through a call that says what it is;
        # the title lines are the edition's own words, traced by what their numbers are.
        typed = any(line is told for told in message)
        for match in _NUMBER.finditer(line.text):
            trace, problem = _trace(match, line, dates, sources, marked_only=not typed)
            record(line, match.group(), match.start(), trace,
                   problem or _attribution_problem(match, line, sources, captions.get(line.number))
                   or _break_problem(match, line, sources))
        for match in _IN_WORDS.finditer(line.text):
            if typed and match.group().lower() != "one":  # a pronoun in prose: "one of the few"
                record(line, match.group(), match.start(), *_trace_words(match, sources))
            elif (mark := _mark_at(match, line)) and mark.get("kind") == "count":  # a count in words: "five"
                trace, problem = _marked(format_number(parse_number(match.group("words"))), mark, sources)
                record(line, match.group(), match.start(), trace, problem)
            elif not mark and match.group().lower() != "one":
                # The template's own words ("the three regions", "three possible reasons", then
                # listed): no row's number, recorded so that the ledger lists every number.
                record(line, match.group(), match.start(), TEMPLATE_WORDS, "")
        for doubled in doubled_units(line.text, sources.unit_words):
            problems.append(f"a unit written twice: {doubled!r} in “{_sentence(line.text, line.text.find(doubled))}” "
                            f"(section {line.section or 'title'}, line {line.number})")
    return rows, problems


def _mark_at(match, line: Line) -> dict | None:
    """The mark the template left around a number, if any."""
    return next((mark for s, e, mark in line.marks if s <= match.start() and match.end() <= e), None)


def table_captions(lines: list[Line]) -> dict[int, Line]:
    """The caption of each table row's table (line number -> the caption's line): a table
    names the sources of its cells in its caption, as a sentence names its values'."""
    captions, rows = {}, []
    for line in lines:
        if line.text.startswith("|"):
            rows.append(line.number)
        elif line.text.startswith(": ") and rows:
            captions.update(dict.fromkeys(rows, line))
            rows = []
        elif line.text.strip():
            rows = []
    return captions


def _names_source(line: Line, begin: int, end: int, source: str, sources: Sources) -> bool:
    """Whether a stretch of a line prints a data file's source: as words of a row that has
    it (a mark), or in its words."""
    marked = any(begin <= start and stop <= end and other.get("column") == "source"
                 and (sources.row_of(other) or {}).get("source") == source for start, stop, other in line.marks)
    return marked or f" {_words_of(source)} " in f" {_words_of(line.text[begin:end])} "


def _break_problem(match, line: Line, sources: Sources) -> str:
    """A difference between two values of one series is a change over time: if the series breaks
    after the first of them (flag b, up to the second), its sentence says so ("break")."""
    mark = _mark_at(match, line)
    if not mark or mark.get("kind") != "derived":
        return ""
    rows = [sources.row_of(ref) for ref in mark.get("inputs", {}).values()]
    if len(rows) != 2 or any(row is None or "indicator" not in row for row in rows):
        return ""
    first, last = sorted(rows, key=lambda row: period_order(row.get("period", "")))
    if _series_of(first) != _series_of(last) or first.get("period") == last.get("period"):
        return ""
    crossed = sorted(row["period"] for row in sources.rows["facts"].values()
                     if _series_of(row) == _series_of(first) and flagged(row, "break")
                     and period_order(first["period"]) < period_order(row["period"]) <= period_order(last["period"]))
    begin, end = _sentence_bounds(line.text, match.start())
    if crossed and "break" not in line.text[begin:end].lower():
        return (f"a change from {first['period']} to {last['period']} across a break in series "
                f"({', '.join(crossed)}) printed in a sentence that does not say so")
    return ""


def _series_of(row: dict) -> tuple:
    return tuple(row.get(column, "") for column in ("indicator", "geography", "group"))


def _attribution_problem(match, line: Line, sources: Sources, caption: Line | None = None) -> str:
    """A number printed as the words of a row of one document, in a sentence that names other
    documents and not that one: the words around it would give it to the wrong source. A data
    file's value names its source in its sentence, or (in a table's cell) in the table's caption."""
    mark = _mark_at(match, line)
    # Words of one row only: a derived number, a span or a count has no one source.
    if not mark or mark.get("table") not in ("facts", "documents") or mark.get("kind") in ("derived", "span of years"):
        return ""
    row = sources.row_of(mark) or {}
    # A data file's value (not its period, which is the key it shares with a document's row).
    data_file = mark["table"] == "facts" and from_data_file(row) and mark.get("kind") == "plug-in value"
    own = mark["id"] if mark["table"] == "documents" else "" if data_file else row.get("document", "")
    source = row.get("source", "") if data_file else ""
    if not own and not source:
        return ""
    # The sentence as the template wrote it: a full stop inside a row's words (a citation's
    # "et al.", a document's title) ends no sentence.
    words_only = list(line.text)
    for start, end, _ in line.marks:
        words_only[start:end] = re.sub(r"[.!?;:]", ",", line.text[start:end])
    # Nor does a semicolon inside parentheses, which separates a value from its citation
    # ("(61.0% against 67.7%; Eurostat, LFSA_ERGAN)").
    for start, end in _parenthesised(line.text):
        words_only[start:end] = ["," if character == ";" else character for character in words_only[start:end]]
    begin, end = _sentence_bounds("".join(words_only), match.start())
    sentence = line.text[begin:end]
    words = f" {_words_of(sentence)} "
    if source:
        # A data file's value: the sentence prints its source (Number.says does), or it would
        # read as the words of the document around it.
        named = _names_source(line, begin, end, source, sources) or (
            caption is not None and _names_source(caption, 0, len(caption.text), source, sources))
        return "" if named else (
            f"a value of a data file printed in a sentence that does not name its source, {_short(source)!r} "
            "(its words would give the value to another source)")
    named = [document for document, names in sources.names.items() if any(f" {name} " in words for name in names)]
    if named and own not in named:
        return (f"a value of {own} printed in a sentence that names {', '.join(named)} and not {own} "
                "(its words would give the value to another source)")
    return ""


def _parenthesised(text: str) -> list[tuple[int, int]]:
    """Where each outermost pair of parentheses of a line begins and ends (an unclosed one
    is no pair)."""
    pairs, opened, depth = [], 0, 0
    for position, character in enumerate(text):
        if character == "(":
            opened, depth = (position if depth == 0 else opened), depth + 1
        elif character == ")" and depth:
            depth -= 1
            if depth == 0:
                pairs.append((opened, position + 1))
    return pairs


def _short(text: str, most: int = 80) -> str:
    """A source's name as a message quotes it: its first characters."""
    return text if len(text) <= most else text[:most] + "…"


def _words_of(text: str) -> str:
    """The words of a text, lower case, one space apart: "Pauwels et al., 2012" -> "pauwels et al 2012"."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _trace_words(match, sources: Sources) -> tuple[Trace | None, str]:
    """A number in words in the title ("nine in ten", "half"): a row with its value."""
    value = parse_number(match.group("words"))
    per_ten = bool(match.group("per_ten"))
    trace = sources.value(value * 10 if per_ten else value, "percent" if per_ten else "")
    return (trace, "") if trace else (None, "a number in words that traces to no row of facts, indicators or counts")


def doubled_units(text: str, unit_words) -> list[str]:
    """Where a number's unit is written twice ("2.4 percentage points percentage points")."""
    number = r"(?<![\w.,])\d[\d.,]*\s*"
    patterns = [rf"{number}{re.escape(words.strip())}\s+{re.escape(words.strip())}\b"
                for words, _ in unit_words if len(words.strip()) > 1]
    patterns.append(rf"{number}%\s*(?:per\s*cent|percent)\b")
    found = []
    for pattern in patterns:
        found += [m.group() for m in re.finditer(pattern, text, re.IGNORECASE)]
    return found


def _trace(match, line: Line, dates: list, sources: Sources, marked_only: bool) -> tuple[Trace | None, str]:
    """What a number is: what its mark says; a reference, by its link; else, in the title
    lines only, what it is by its kind and value (and in the body, an error that says so)."""
    shown, start = match.group(), match.start()
    mark = _mark_at(match, line)
    if mark is not None:
        return _marked(shown, mark, sources)
    link = next((target for s, e, target in line.links if s <= start < e), "")
    if link.startswith("annex.html#rec-"):
        item = sources.recommendations.get(link.split("#", 1)[1])
        return ((Trace("reference", "recommendations", item["item_id"]), "") if item
                else (None, "a reference to no recommendation"))
    if marked_only:
        guess, _ = _trace_by_value(match, line, dates, sources)
        return None, ("a number the template printed without saying what it is"
                      + (f" (it matches {guess.table} {guess.id!r}, but only by its value)" if guess else ""))
    return _trace_by_value(match, line, dates, sources)


def _trace_by_value(match, line: Line, dates: list, sources: Sources) -> tuple[Trace | None, str]:
    """A number of the title lines by its kind: a period, a date, a year, a row's words, a value."""
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
    date = next((line.text[s:e] for s, e in dates if s <= start < e), "")
    if date:
        trace = sources.dates.get(date)
        return (trace, "") if trace else (None, "a date that is neither the edition's nor the previous edition's")
    trace = sources.phrase(line.text, start)
    if trace:
        return trace, ""
    if re.fullmatch(r"\d{4}", shown) and 1900 <= number <= 2100:
        trace = sources.years.get(int(number))
        return (trace, "") if trace else (None, "a year that no fact, period, document or the edition has")
    trace = sources.value(number, sources.unit_after(line.text[match.end():]), line.text[max(0, start - 24):start],
                          " ".join(line.text[match.end():match.end() + 40].split(" ")[:5]))
    return (trace, "") if trace else (None, "a number that traces to no row of facts, indicators or counts")


def _marked(shown: str, mark: dict, sources: Sources) -> tuple[Trace | None, str]:
    """A number inside a mark is what the mark says: checked against the rows it names."""
    kind = mark.get("kind", "")
    check = _MARK_CHECKS.get(kind) or (_row_problem if kind.startswith("text of a row") else None)
    if check is None:
        return None, f"a mark of a kind the ledger does not know ({mark.get('kind')!r})"
    problem = check(shown, mark, sources)
    if problem:
        return None, problem
    return Trace(mark["kind"], mark.get("table", ""), mark.get("id", ""), mark.get("period", "")), ""


class _Cells:
    """What a derived number's formula can name: its inputs' values."""

    def __init__(self, values: dict):
        self.values = values

    def name(self, identifier: str) -> float:
        return self.values[identifier]


def _derived_problem(shown: str, mark: dict, sources: Sources) -> str:
    """A derived number recomputed from the cells its mark names; a problem if it does not recompute."""
    values = {}
    for name, ref in mark.get("inputs", {}).items():
        value = _cell_number(sources.cell(ref))
        if value is None:
            return (f"a derived number whose input {name!r} is no number of the tables "
                    f"({ref.get('table')} {ref.get('id')!r}, {ref.get('column')})")
        values[name] = value
    try:
        expected = round(evaluate(mark["formula"], _Cells(values)), 1)
    except (SyntaxError, KeyError, NotAllowed, ZeroDivisionError):
        return f"a derived number whose formula cannot be computed from its inputs ({mark.get('formula')!r})"
    if abs(_number(shown) - expected) > TOLERANCE:
        rows = ", ".join(f"{ref.get('id')}" for ref in mark.get("inputs", {}).values())
        return f"a derived number that does not recompute from the rows it names, {rows} (expected {expected:g})"
    return ""


def _span_problem(shown: str, mark: dict, sources: Sources) -> str:
    """A span of years whose first year is the earliest of its first row's cell, its last the
    latest of its last row's."""
    ends = [int(year) for year in re.findall(r"\d{4}", shown)]
    inputs = mark.get("inputs", {})
    if len(ends) != 2 or set(inputs) != {"first", "last"}:
        return "a span of years that does not name the rows of its two ends"
    found = [re.findall(r"\d{4}", sources.cell(inputs[end]) or "") for end in ("first", "last")]
    expected = [min(map(int, found[0]), default=None), max(map(int, found[1]), default=None)]
    if ends != expected:
        return f"a span of years whose ends are not those of the rows it names (expected {expected[0]}–{expected[1]})"
    return ""


def _rank_problem(shown: str, mark: dict, sources: Sources) -> str:
    return "" if _number(shown) == mark.get("value") else f"a rank that is not the one marked ({mark.get('value')})"


def _row_problem(shown: str, mark: dict, sources: Sources) -> str:
    """A number inside the words of one row (a fact's wording, a document's citation) is that
    row's: its value (or the value a data file replaced), a year of its period or its date, or
    a number its catalogue wording itself holds."""
    row = sources.row_of(mark)
    if row is None:
        return f"a number printed as the words of {mark.get('table')} {mark.get('id')!r}, which the tables do not have"
    if mark.get("column") not in ("value", "period", "date"):  # words of a cell: their digits are its own
        own = re.findall(r"\d+(?:\.\d+)?", str(row.get(mark.get("column")) or ""))
        return "" if shown in own else f"a number that is not in the {mark.get('column')} of {mark['id']!r}"
    years = re.findall(r"\d{4}", " ".join(str(row.get(column) or "") for column in ("period", "date")))
    if "–" in shown:
        return "" if all(year in years for year in shown.split("–")) else \
            f"a span of years that is not the period of {mark['id']!r} ({row.get('period', '')})"
    allowed = [float(year) for year in years]
    allowed += [float(row[column]) for column in ("value", "replaced_value")
                if mark.get("table") != "documents" and _cell_number(row.get(column)) is not None]
    own_words = re.sub(r"\{[^}]*\}", "", row.get("wording", ""))  # its catalogue wording, without its slots
    allowed += [float(number) for number in re.findall(r"\d+(?:\.\d+)?", own_words)]
    if not any(abs(_number(shown) - value) <= TOLERANCE for value in allowed):
        return f"a number printed as the words of {mark['table']} {mark['id']!r} that is none of its values or years"
    return ""


def _date_problem(shown: str, mark: dict, sources: Sources) -> str:
    """A day or a year of a date the brief writes out ("23 November 2026"): of the date its row holds."""
    date = sources.cell(mark)
    if not is_iso_date(date):
        return f"a date printed as the date of {mark.get('table')} {mark.get('id')!r}, which has none"
    return "" if shown in re.findall(r"\d+", long_date(date)) else \
        f"a number that is not in the date of {mark.get('table')} {mark.get('id')!r} ({long_date(date)})"


def _count_problem(shown: str, mark: dict, sources: Sources) -> str:
    """A count the template makes of rows is the count the ledger makes of the same table."""
    counted = [value for value, unit, trace in sources.values if trace.kind == "count" and trace.id == mark.get("id")]
    if not counted:
        return f"a count of {mark.get('id')!r}, which the ledger does not count"
    return "" if _number(shown) == counted[0] else f"a count of {mark.get('id')!r} that is not {counted[0]:g}"


_MARK_CHECKS = {"derived": _derived_problem, "span of years": _span_problem, "rank": _rank_problem,
                "count": _count_problem, "date": _date_problem,
                **dict.fromkeys(("fact", "plug-in value", "indicator", "year", "period"), _row_problem)}


def _cell_number(text: str | None) -> float | None:
    """A cell as a number: a value, or a date by its year ('2012-07' -> 2012)."""
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        year = re.fullmatch(r"(\d{4})(?:-\d{2}){0,2}", text.strip())
        return float(year.group(1)) if year else None


def _number(shown: str) -> float:
    """'35,900' -> 35900.0; '−3' (a true minus) -> -3.0."""
    return float(shown.replace(",", "").replace("−", "-"))


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Where the sentence around a position begins and ends."""
    starts = [m.end() for m in re.finditer(r"[.!?;:](?:\s|$)", text[:position])]
    end_match = re.search(r"[.!?;](?:\s|$)", text[position:])
    return (starts[-1] if starts else 0), (position + end_match.end() if end_match else len(text))


def _sentence(text: str, position: int) -> str:
    """The sentence around a position, for messages and the ledger."""
    begin, end = _sentence_bounds(text, position)
    return " ".join(text[begin:end].split())[:240]


def check_numbers(qmd: str, sources: Sources, path: str = "reports/brief.qmd", marks=(),
                  marks_path="reports/brief-marks.json", short_title: str = "") -> list[dict]:
    """The ledger, or an error quoting each number that does not trace."""
    rows, problems = build_ledger(qmd, sources, marks=marks, marks_path=marks_path, short_title=short_title)
    if problems:
        attributed = any("its words would give the value to another source" in problem for problem in problems)
        raise InputError(path, f"{len(problems)} number(s) in the brief do not trace to the tables:\n    "
                               + "\n    ".join(problems),
                         "print each number through the words of its row (a fact's .says, .shown or .when, a "
                         "document's | published, a count's | count(...)), or catalogue the number in the "
                         "document's catalogue file; print a number the brief computes through the template's "
                         "derived filter, whose inputs must recompute it."
                         + (" A value given to another source: name its own source in its sentence (its "
                            "citation, or a name config/documents.yaml gives it), or print it in a sentence of "
                            "its own." if attributed else ""))
    return rows

