"""How numbers and dates are written in the brief."""

import datetime as dt
import re

# The months as a long date names them (long_date), and as the ledger reads them back.
MONTH_NAMES = tuple(dt.date(2000, month, 1).strftime("%B") for month in range(1, 13))


def format_number(value, decimals: int = 1, unit: str = "", fixed: int | None = None) -> str:
    """32.0 -> '32', 91.5 -> '91.5', 35900 -> '35,900', 1.6 -> '1.6', -3 -> '−3'; a calendar year stays 2006.
    With `fixed`, that many decimals always: a statistics file's 61.0 stays 61.0, as published."""
    if fixed is not None:
        number = round(float(value), fixed)
        if number < 0:
            return "\u2212" + format_number(-number, unit=unit, fixed=fixed)
        return f"{number:,.{fixed}f}"
    number = round(float(value), decimals)
    if number < 0:  # a true minus sign, as publications print it
        return "\u2212" + format_number(-number, decimals, unit)
    if number.is_integer():
        return str(int(number)) if unit == "calendar year" else f"{int(number):,}"
    return f"{number:,.{decimals}f}".rstrip("0").rstrip(".")


MULTIPLE_WORDS = {1: "as", 2: "twice", 3: "three times", 4: "four times"}


def times(value) -> str:
    """A multiple in words where English uses them: 2 -> 'twice', 8.4 -> '8.4 times'."""
    number = round(float(value), 1)
    if number.is_integer() and int(number) in MULTIPLE_WORDS:
        return MULTIPLE_WORDS[int(number)]
    return f"{format_number(number)} times"


SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def spelled(value) -> str:
    """A count in running text as house style writes it: words up to ten, digits above."""
    number = float(value)
    if number.is_integer() and 0 <= number < len(SMALL_NUMBERS):
        return SMALL_NUMBERS[int(number)]
    return format_number(number)


def in_words(value_text: str) -> bool:
    """True when a document writes the number in words ('half', 'twice'), not in digits."""
    return bool(value_text) and not value_text[:1].isdigit()


def first_few(names, most: int = 6) -> str:
    """'a, b, c and 4 more': the first `most` names of a list, and a count of the others."""
    names = list(names)
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def lower_first(words: str) -> str:
    """'Public authorities' -> 'public authorities', but 'NGOs' stays 'NGOs'."""
    if len(words) > 1 and words[1].isupper():
        return words
    return words[:1].lower() + words[1:]


def grouped(text: str, size: int) -> str:
    """A long identifier in groups a reader can compare and a line can break between:
    a SHA-256 in four groups of 16."""
    return " ".join(text[i:i + size] for i in range(0, len(text), size))


def grouped_notes(pairs) -> list:
    """(subject, note) pairs as the parts of one caption note, subjects sharing a note named
    together: 'EU foreigners and Turks and Moroccans: the source compares ...'. Empty notes are
    dropped; each note is the first of its text given (words of its row stay so)."""
    subjects = {}
    for subject, note in pairs:
        if note and subject not in subjects.setdefault(note, []):
            subjects[note].append(subject)
    parts = []
    for note, names in subjects.items():
        parts += ["; " if parts else "", f"{' and '.join(names)}: ", note]
    return parts


# A day or a month, as ISO writes them: 2025-06-12, 2025-06.
_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def is_iso_date(text) -> bool:
    return bool(_ISO_DATE.fullmatch(str(text or "")))


def iso_date(text: str) -> str:
    """A file's date as ISO: '2025-06-12' and '2025-06' as they are; Eurostat's LAST UPDATE,
    '12/06/25 23:00:00' (day/month/year), -> '2025-06-12'; '' for anything else."""
    text = str(text or "").strip()
    if is_iso_date(text):
        return text
    found = re.match(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", text)
    if not found:
        return ""
    day, month, year = (int(part) for part in found.groups())
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day).isoformat()
    except ValueError:
        return ""


def long_date(iso: str) -> str:
    """'2026-11-23' -> '23 November 2026'; a month alone, '2025-06' -> 'June 2025'."""
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        day = dt.date.fromisoformat(f"{iso}-01")
        return f"{MONTH_NAMES[day.month - 1]} {day.year}"
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


_DECIMAL_TEXT = re.compile(r"-?\d+\.(\d+)")


def published_decimals(text: str) -> int | None:
    """The decimals a value is published with ('61.0' → 1), or None for a whole number."""
    match = _DECIMAL_TEXT.fullmatch(text or "")
    return len(match[1]) if match else None
