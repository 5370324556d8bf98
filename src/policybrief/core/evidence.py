"""The kinds of evidence a finding rests on (workflow/vocabulary/evidence.yaml): what a
catalogue entry declares, and the words the brief and the annex use for each."""

import functools
from pathlib import Path

import yaml

EVIDENCE_FILE = Path(__file__).resolve().parents[1] / "workflow" / "vocabulary" / "evidence.yaml"
# What a value of an official statistics file rests on.
OFFICIAL_STATISTICS = "official_statistics"


@functools.cache
def evidence_kinds() -> dict[str, str]:
    """kind -> the words for it ('survey' -> 'a survey')."""
    return yaml.safe_load(EVIDENCE_FILE.read_text(encoding="utf-8"))


def evidence_words(kind) -> str:
    """The words for a kind of evidence; '' for none declared."""
    return evidence_kinds().get(str(kind), "") if kind else ""


def evidence_values() -> list[str]:
    """What an evidence cell may hold: a kind, or nothing (not declared)."""
    return sorted(evidence_kinds()) + [""]
