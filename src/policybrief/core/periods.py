"""Periods and series: the same indicator, geography and group over time."""

import re


def period_order(period: str) -> tuple:
    """'2001-2005' sorts by its last year; an empty period sorts first."""
    years = re.findall(r"\d{4}", period or "")
    return (int(years[-1]) if years else -1, period or "")


def series_key(row: dict) -> tuple:
    return (row["indicator"], row["geography"], row["group"])


def series_index(rows: list[dict]) -> dict:
    """(indicator, geography, group) -> its rows from the earliest period to the latest."""
    index = {}
    for row in rows:
        index.setdefault(series_key(row), []).append(row)
    return {key: sorted(members, key=lambda r: period_order(r["period"])) for key, members in index.items()}


def period_shown(period: str) -> str:
    """'2001-2005' -> '2001–2005' (an en dash between years, as publications print spans)."""
    return re.sub(r"(?<=\d)-(?=\d)", "\u2013", period or "")


def series_over_periods(*tables) -> list[tuple]:
    """The series (indicator, geography, group) that have values for more than one period, in
    any of the tables, first to last by key; dates (calendar years) are events, not series."""
    periods = {}
    for rows in tables:
        for row in rows:
            if row.get("period") and row.get("unit") != "calendar year":
                periods.setdefault(series_key(row), set()).add(row["period"])
    return sorted(key for key, found in periods.items() if len(found) > 1)
