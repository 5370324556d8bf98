"""Statements: the sentences the brief cites for a finding that holds no number of its own
("Belgium is no longer in a situation of zero immigration", "highly educated new migrants
are placed less often ... in positions requiring skilled labour").

The catalogue declares them beside the facts (`statements:`), each a pattern of the source's
words with optional `{...}` gaps, found exactly once in its document like a fact's pattern.
The quote is the whole sentence, exactly `text[char_start:char_end]`, so the annex can show
it and the brief's key findings can link to it.
"""

import re
from dataclasses import dataclass

from policybrief.core.errors import InputError
from policybrief.extract.catalogue import compile_pattern, match_once
from policybrief.extract.sentences import sentence_span, sentence_starts


@dataclass(frozen=True)
class StatementSpec:
    statement_id: str
    document: str
    pattern: str
    about: str  # what the sentence says, in a few words, for the annex heading
    source: str = ""  # where the entry is, for messages
    evidence: str = ""  # what it rests on, where declared (core.evidence)


def load_statement_specs(catalogue: dict, source: str = "catalogue") -> list[StatementSpec]:
    specs, seen = [], set()
    for index, entry in enumerate(catalogue.get("statements") or []):
        where = f"{source}, statements[{index}] (id {entry.get('id', '?')!r})"
        missing = [key for key in ("id", "document", "pattern", "about") if not entry.get(key)]
        if missing:
            raise InputError(source, f"{where}: missing {', '.join(missing)}.",
                             "give every statement an id, its document, the pattern of its words and "
                             "what it is about.")
        if entry["id"] in seen:
            raise InputError(source, f"statement id {entry['id']!r} is used twice.",
                             "give every statement its own id.")
        seen.add(entry["id"])
        try:
            compile_pattern(entry["pattern"], value_slots=0)
        except (ValueError, re.error) as error:
            raise InputError(source, f"{where}: {error}",
                             "write the pattern as the source's words, with {...} for words that may change.") from None
        specs.append(StatementSpec(entry["id"], entry["document"], entry["pattern"], entry["about"], where,
                                   str(entry.get("evidence", ""))))
    return specs


def extract_statements(text: str, document: str, specs: list[StatementSpec], path) -> list[dict]:
    """One row per statement of this document: the sentence its pattern lands in."""
    starts = sentence_starts(text)
    rows = []
    for spec in (s for s in specs if s.document == document):
        match = match_once(text, compile_pattern(spec.pattern, value_slots=0), spec.pattern,
                           f"catalogue statement {spec.statement_id!r} ({spec.source})", path, starts)
        char_start, char_end = sentence_span(text, match.start(), match.end(), starts)
        rows.append({"statement_id": spec.statement_id, "document": document, "about": spec.about,
                     "quote": text[char_start:char_end], "char_start": char_start, "char_end": char_end,
                     "evidence": spec.evidence})
    return sorted(rows, key=lambda row: (row["char_start"], row["statement_id"]))
