"""The catalogue of facts: which number to take from which sentence of which document.

A catalogue entry holds a pattern made of the words around a number, with a ``{value}`` slot
for the number and optional ``{...}`` gaps for words that may change. The pattern is
anchored on words, not on the number, so a new edition with a new number still matches; a
sentence that is gone raises an error naming the entry and the closest passage found.
"""

import difflib
import re
from dataclasses import dataclass, field

from policybrief.core.errors import InputError
from policybrief.extract.number_words import (
    NUMBER_PATTERN,
    UNKNOWN_STYLE,
    AmbiguousNumber,
    NumberStyle,
    parse_number,
    plain,
)
from policybrief.extract.sentences import sentence_span, sentence_starts

VALUE_SLOT = "{value}"
GAP_SLOT = "{...}"
# A gap never crosses a sentence end, so "{...}" cannot jump to a far sentence.
_GAP = r"[^.!?]{0,240}?"
# Not part of a longer run of digits and separators (a date written 13.06.2017).
_VALUE = rf"(?<![\w.,])(?P<value>(?i:{NUMBER_PATTERN}))(?![\w]|[.,]\d)"

# Slots of a wording: {value} the number as the brief shows it, with its bound ("approximately
# 32%"); {number} the same without the bound, for wordings that spell the bound in their own
# words; {stated} the number as the document writes it ("half"); {words} the number in words
# up to ten ("six"); {period} the fact's period.
WORDING_SLOTS = ("{value}", "{number}", "{stated}", "{words}", "{period}")

FACT_DIMENSIONS = ("indicator", "label", "unit", "period", "geography", "group", "qualifier")


@dataclass(frozen=True)
class FactSpec:
    """One catalogue entry."""

    fact_id: str
    document: str
    pattern: str
    indicator: str
    label: str
    unit: str
    period: str = ""
    geography: str = ""
    group: str = ""
    qualifier: str = ""
    scale: float = 1.0
    wording: str = ""  # the words the brief may use for this fact (see WORDING_SLOTS)
    dataset: str = ""  # the survey or dataset the document cites for the number
    note: str = ""  # what a reader must know to read the number right, shown with tables and figures
    definition: str = ""  # what the number measures, where declared: a comparison needs the same on both sides
    universe: str = ""  # who or what it counts, where declared
    evidence: str = ""  # what it rests on, where declared (core.evidence)
    source: str = field(default="", compare=False)  # where the entry is, for messages

    def regex(self) -> re.Pattern:
        return compile_pattern(self.pattern)


def compile_pattern(pattern: str, value_slots: int = 1) -> re.Pattern:
    """Turn 'approximately {value}% with a {...} level' into a whitespace-tolerant regex. A
    fact's pattern holds one {value} slot; a statement's (value_slots=0) holds none."""
    if pattern.count(VALUE_SLOT) != value_slots:
        raise ValueError(f"pattern must hold exactly {value_slots or 'no'} {VALUE_SLOT} slot: {pattern!r}")
    if not pattern.replace(VALUE_SLOT, "").replace(GAP_SLOT, "").strip():
        raise ValueError(f"pattern must hold the source's words: {pattern!r}")
    parts = re.split(r"(\{value\}|\{\.\.\.\})", pattern)
    regex = []
    for part in parts:
        if part == VALUE_SLOT:
            regex.append(_VALUE)
        elif part == GAP_SLOT:
            regex.append(_GAP)
        elif part:
            words = part.split()
            literal = r"\s+".join(re.escape(word) for word in words)
            # Keep the spaces the pattern has at its ends: they separate words from the slot.
            lead = r"\s+" if part[:1].isspace() else ""
            trail = r"\s+" if part[-1:].isspace() and words else ""
            regex.append(lead + literal + trail if words else r"\s+")
    return re.compile("".join(regex))


def load_fact_specs(catalogue: dict, source: str = "catalogue") -> list[FactSpec]:
    specs, seen = [], set()
    for index, entry in enumerate(catalogue.get("facts", [])):
        where = f"{source}, facts[{index}] (id {entry.get('id', '?')!r})"
        if entry["id"] in seen:
            raise InputError(source, f"fact id {entry['id']!r} is used twice.",
                             "give every catalogue entry its own id.")
        seen.add(entry["id"])
        try:
            compile_pattern(entry["pattern"])
        except (ValueError, re.error) as error:
            raise InputError(source, f"{where}: {error}",
                             "write the pattern as the source's words with one {value} slot.") from None
        wording = str(entry.get("wording", ""))
        slots = set(re.findall(r"\{[^}]*\}", wording))
        unknown = slots - set(WORDING_SLOTS)
        if wording and (unknown or not {"{value}", "{number}", "{stated}", "{words}"} & slots):
            raise InputError(source, f"{where}: the wording {wording!r} must show the number through one of "
                                     f"{{value}}, {{number}}, {{stated}} or {{words}}"
                                     + (f"; unknown slot(s) {sorted(unknown)}" if unknown else "") + ".",
                             "write the words the brief may use, with " + ", ".join(WORDING_SLOTS) + " as slots.")
        specs.append(FactSpec(
            fact_id=entry["id"], document=entry["document"], pattern=entry["pattern"],
            indicator=entry["indicator"], label=entry["label"], unit=entry["unit"],
            period=str(entry.get("period", "")), geography=entry.get("geography", ""),
            group=entry.get("group", ""), qualifier=entry.get("qualifier", ""),
            scale=float(entry.get("scale", 1.0)), wording=wording, dataset=str(entry.get("dataset", "")),
            note=str(entry.get("note", "")), definition=str(entry.get("definition", "")),
            universe=str(entry.get("universe", "")), evidence=str(entry.get("evidence", "")), source=where,
        ))
    return specs


def extract_facts(text: str, document: str, specs: list[FactSpec], path: str,
                  style: NumberStyle = UNKNOWN_STYLE) -> list[dict]:
    """Apply every spec for this document; each must match exactly once, and its number read
    in the document's number style."""
    starts = sentence_starts(text)
    rows = []
    for spec in specs:
        if spec.document != document:
            continue
        entry = f"catalogue entry {spec.fact_id!r} ({spec.source})"
        match = match_once(text, spec.regex(), spec.pattern, entry, path, starts)
        try:
            value = parse_number(match.group("value"), style.style)
        except AmbiguousNumber as ambiguous:
            raise InputError(path, f"{entry} takes the number {ambiguous}, and how the document writes numbers "
                                   f"is {style.says}; neither reading is taken.",
                             f"say how {document} writes numbers, under {document}: in config/documents.yaml: "
                             + "; or ".join(f"`number_style: \"{name}\"` if {ambiguous.text} is {plain(value)}"
                                            for name, value in ambiguous.readings.items()) + ".") from None
        except ValueError as error:
            raise InputError(path, f"{entry}: {error}.",
                             f"check the document's number_style in config/documents.yaml ({style.says}).") from None
        rows.append({**fact_row(spec, text, match, starts, value), "origin": str(path)})
    return rows


def match_once(text: str, regex: re.Pattern, pattern: str, entry: str, path, starts: list[int]) -> re.Match:
    """The one place a catalogue pattern matches; none or several stop with a message that
    names the entry (and, for none, the closest passage in the document)."""
    matches = list(regex.finditer(text))
    if not matches:
        raise InputError(
            path,
            f"{entry} found no sentence matching\n"
            f"    {pattern!r}\n  Closest passage in the document:\n    {closest_passage(text, pattern, starts)!r}",
            "if the document's wording changed, update the pattern of that entry to the document's new words.",
        )
    if len(matches) > 1:
        places = ", ".join(str(m.start()) for m in matches)
        raise InputError(
            path,
            f"{entry} matches {len(matches)} places (offsets {places}).",
            "add more of the surrounding words to its pattern so it matches one sentence.",
        )
    return matches[0]


def fact_row(spec: FactSpec, text: str, match: re.Match, starts: list[int], value: float) -> dict:
    char_start, char_end = sentence_span(text, match.start(), match.end(), starts)
    return {
        "fact_id": spec.fact_id,
        "document": spec.document,
        "indicator": spec.indicator,
        "label": spec.label,
        "value": round(value * spec.scale, 6),
        "unit": spec.unit,
        "period": spec.period,
        "geography": spec.geography,
        "group": spec.group,
        "qualifier": spec.qualifier,
        "wording": spec.wording,
        "dataset": spec.dataset,
        "note": spec.note,
        "definition": spec.definition,
        "universe": spec.universe,
        "evidence": spec.evidence,
        "value_text": match.group("value"),
        "value_start": match.start("value"),
        "quote": text[char_start:char_end],
        "char_start": char_start,
        "char_end": char_end,
    }


def closest_passage(text: str, pattern: str, starts: list[int]) -> str:
    """The sentence sharing most of the pattern's words, to show where the wording drifted."""
    wanted = _words(pattern.replace(VALUE_SLOT, " ").replace(GAP_SLOT, " "))
    bounds = starts + [len(text)]
    best, best_score = "", (-1.0, 0.0)
    for begin, end in zip(bounds, bounds[1:]):
        sentence = " ".join(text[begin:end].split())
        shared = len(wanted & _words(sentence)) / max(len(wanted), 1)
        if shared < best_score[0]:
            continue
        likeness = difflib.SequenceMatcher(None, pattern.lower(), sentence.lower(), autojunk=False).ratio()
        if (shared, likeness) > best_score:
            best, best_score = sentence, (shared, likeness)
    return best[:300]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))
