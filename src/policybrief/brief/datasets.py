"""The downloaded statistics files behind an edition, as the annex shows them: for each, its
dataset (code, title, publisher), the file (name, checksum, last update or declared download
date, layout), each series it gives (what it counts, its key, periods, flags) and the values
the file does not publish; and the flags explained, as statistics offices explain them."""

from pathlib import Path

from policybrief.core.flags import explained, vocabulary
from policybrief.core.formatting import iso_date, long_date
from policybrief.core.numbers import cell_words, vintage_shown
from policybrief.core.periods import period_order


def statistics_datasets(supplementary: list[dict], reports: list[dict]) -> list[dict]:
    """One entry per statistics file, in the order of their datasets."""
    by_file = {}
    for row in supplementary:
        if row.get("series_key"):
            by_file.setdefault(row["file"], []).append(row)
    withheld = {report["file"]: report.get("not_published", []) for report in reports}
    datasets = []
    for file, rows in by_file.items():
        first = rows[0]
        datasets.append({
            "dataset": first["dataset"], "title": first["dataset_title"], "publisher": first["publisher"],
            "file": Path(file).name, "sha256": first["sha256"], "layout": first["read_as"],
            "updated": (f"last updated {_written(first['last_update'])} (as the file says)" if first["last_update"]
                        else f"downloaded {_written(first['downloaded'])} (as the mapping declares; the file does "
                             "not say when its data were last updated)"),
            "obtained_from": first.get("obtained_from", ""),
            "series": _series(rows), "not_published": withheld.get(file, []),
            "not_published_words": "; ".join(f"{w['indicator']}, {w['geography']}, {w['period']} ({w['why']})"
                                             for w in withheld.get(file, [])),
        })
    return sorted(datasets, key=lambda d: (d["dataset"], d["file"]))


def _written(date: str) -> str:
    """A date as the annex writes it ('June 2025'); as given if it reads as no date."""
    return long_date(iso) if (iso := iso_date(date)) else date


def _series(rows: list[dict]) -> list[dict]:
    by_indicator = {}
    for row in rows:
        by_indicator.setdefault(row["indicator"], []).append(row)
    series = []
    for indicator, taken in by_indicator.items():
        periods = sorted({row["period"] for row in taken}, key=period_order)
        first = taken[0]
        # Where the series covers several places, a flag says whose value it is on.
        places = sorted({row["geography"] for row in taken})
        flagged = sorted(((row["period"], row["geography"], row["flag"]) for row in taken if row["flag"]),
                         key=lambda item: (period_order(item[0]), item[1]))
        series.append({
            "indicator": indicator, "label": first["label"], "group": first["group"],
            "geographies": places,
            "universe": first["universe"], "definition": first["definition"], "unit": first["unit"],
            "series_keys": sorted({row["series_key"] for row in taken}),
            "periods": f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else periods[0], "count": len(taken),
            "flagged": [f"{place} {period} ({flag})" if len(places) > 1 else f"{period} ({flag})"
                        for period, place, flag in flagged],
        })
    return series


def flags_explained(rows: list[dict]) -> list[dict]:
    """Each flag letter the rows carry, with what it means ('b': break in time series)."""
    letters = sorted({letter for row in rows for letter in row.get("flag", "")})
    return [{"flag": letter, "meaning": explained(letter), "legend": f"{letter}: {explained(letter)}"}
            for letter in letters
            if letter in vocabulary()["observation_status"]]


def dataset_references(facts: list[dict], supplementary=()) -> list[dict]:
    """Each dataset the facts' values come from, as the brief's list of sources cites it: the
    source its values are cited by ("Eurostat, LFSA_ERGAN"), the dataset's title and when its
    data date from, each printed as the words of a facts row (so the ledger traces them), in
    the order of their sources; `updated` says whether that date is the last update its file
    states, rather than the month it was downloaded (supplementary.csv's rows say which)."""
    updated = {row["source"] for row in supplementary if row.get("last_update")}
    first_of = {}
    for fact in facts:
        if fact.get("dataset") and fact.get("dataset_title"):
            first_of.setdefault((fact["source"], fact.get("vintage", "")), fact)
    return [{"source": cell_words(fact, fact["fact_id"], "facts", "source"),
             "title": cell_words(fact, fact["fact_id"], "facts", "dataset_title"),
             "as_of": vintage_shown(fact, fact["fact_id"]) if vintage else "",
             "updated": fact["source"] in updated}
            for (_, vintage), fact in sorted(first_of.items())]
