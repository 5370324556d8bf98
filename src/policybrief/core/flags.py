"""Observation flags and confidentiality statuses (workflow/vocabulary/statistics.yaml)."""

import functools
import re
from pathlib import Path

import yaml

VOCABULARY_FILE = Path(__file__).resolve().parents[1] / "workflow" / "vocabulary" / "statistics.yaml"
# What a file writes for a value it does not publish.
MISSING = {"", ":", "NaN", "nan"}


@functools.cache
def vocabulary() -> dict:
    return yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))


def observation_flags() -> list[str]:
    return sorted(vocabulary()["observation_status"])


def flag_pattern() -> str:
    """The regular expression a flags cell matches: known flags, each at most once, sorted."""
    return "^" + "".join(f"{flag}?" for flag in observation_flags()) + "$"


def normalised(flag: str) -> str:
    """'ub' and 'b u' are 'bu': each flag once, in alphabetical order."""
    return "".join(sorted(set(flag.replace(" ", "").strip())))


def unknown_flags(flag: str) -> list[str]:
    return [letter for letter in normalised(flag) if letter not in vocabulary()["observation_status"]]


def unknown_status(status: str) -> bool:
    return bool(status) and status not in vocabulary()["confidentiality"]


def has(flag: str, meaning: str) -> bool:
    """Whether a value's flags include one of a meaning ('unreliable', 'break', 'withheld')."""
    return any(letter in flag for letter in vocabulary()["meaning"][meaning])


def flagged(row: dict, meaning: str) -> bool:
    """Whether a table's row (a fact, a plug-in value) carries a flag of a meaning."""
    return has(row.get("flag", ""), meaning)


def withheld(value: str, flag: str, status: str) -> str:
    """Why a value is not a number ('' when it is one): missing, confidential, or not free."""
    if status and status != "F":
        return f"confidentiality status {status} ({vocabulary()['confidentiality'].get(status, 'unknown')})"
    if has(flag, "withheld"):
        return "flagged confidential (c)"
    if value.strip() in MISSING:
        return "not available" if not flag else f"not available ({explained(flag)})"
    return ""


def explained(flag: str, labels: dict | None = None) -> str:
    """'b' → 'break in time series'; 'bu' → 'break in time series, low reliability'. A file's
    own words for a combination come first."""
    if labels and labels.get(flag):
        return labels[flag]
    names = vocabulary()["observation_status"]
    return ", ".join(names.get(letter, letter) for letter in flag)


def said_in_text(row: dict) -> str:
    """What a value's flags say, for a sentence that sets it beside others ('definition
    differs'): every flag but a break in series, which the brief names where it computes a
    change; without the vocabulary's pointers to metadata, which the annex gives."""
    letters = [letter for letter in row.get("flag", "") if not has(letter, "break")]
    return ", ".join(re.sub(r"\s*\(see metadata\)$", "", explained(letter)) for letter in letters)
