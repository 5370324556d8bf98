"""What changed since the previous edition: values (facts and indicators), recommendations
and source documents, each as it was and as it is, with both sources.

Values are matched by fact id (stable across runs and editions) and indicators by indicator,
geography, group and period; recommendations by their list and number (by their text when
unnumbered); documents by id, changed when their checksum differs.
"""

from policybrief.core.documents import citation_of
from policybrief.core.formatting import long_date
from policybrief.core.numbers import MarkedText, Number, Shown, common_decimals, count_mark, date_mark, joined_parts
from policybrief.core.project_files import file_name
from policybrief.core.tables import columns_of

CHANGE_COLUMNS = columns_of("changes")
# How the brief names them: (one, several), and the verb of each change.
NOUNS = {"value": ("value", "values"), "recommendation": ("recommendation", "recommendations"),
         "document": ("source document", "source documents")}
VERBS = {"changed": "changed", "added": "added", "removed": "removed"}
REWORDED = "reworded"  # a recommendation changed keeps its list and number, not its words
# The order the annex lists them in.
CHANGE_ORDER = {"changed": 0, "added": 1, "removed": 2}
WHAT_ORDER = {"value": 0, "recommendation": 1, "document": 2}


def value_source(row: dict, table: str, citations: dict) -> str:
    """Where a value comes from, in words: its document and sentence, its data file, or its formula."""
    if table == "indicators":
        return f"computed: {row['formula']}"
    if row.get("document") and not row.get("replaced_value"):
        return f"{citations.get(row['document'], row['document'])}: “{' '.join(row['quote'].split())}”"
    # The data file by its name, not its place in the project: "lfsa_ergan.csv, row 5369".
    path, _, line = row["origin"].partition(" row ")
    return f"{row['source']} (data file {file_name(path)}{', row ' + line if line else ''})"


def _values(facts, indicators) -> dict:
    keyed = {("facts", row["fact_id"]): row for row in facts}
    inputs = {row["fact_id"]: Number(row, row["fact_id"]) for row in facts}
    keyed.update({("indicators", "/".join((row["indicator"], row["geography"], row["group"], row["period"]))):
                  _published_as_inputs(row, inputs) for row in indicators})
    return keyed


def _published_as_inputs(row: dict, facts: dict) -> dict:
    """An indicator computed from data files' values, with the decimals they are published with
    (11.0 from 62.0 and 51.0, as the brief prints it); as it is otherwise."""
    numbers = [facts[key] for key in row.get("inputs", "").split(";") if key in facts]
    decimals = common_decimals(numbers) if numbers else None
    return {**row, "value_text": f"{float(row['value']):.{decimals}f}"} if decimals else row


def _value_row(change, key, old, new, old_citations, new_citations) -> dict:
    table, row_id = key
    row = new or old
    return {"change": change, "what": "value", "table": table, "id": row_id, "label": row["label"],
            "geography": row["geography"], "group": row["group"], "period": row["period"], "unit": row["unit"],
            "old": Number(old, row_id, table=table).bounded if old else "",
            "new": Number(new, row_id, table=table).bounded if new else "",
            "old_value": old["value"] if old else "", "new_value": new["value"] if new else "",
            "old_source": value_source(old, table, old_citations) if old else "",
            "new_source": value_source(new, table, new_citations) if new else ""}


def compared(before: dict, after: dict, same) -> list[tuple]:
    """(change, key, as it was, as it is) for each key of either edition whose rows are not
    the same: 'changed' when both have it, 'added' or 'removed' when one has."""
    found = []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if was and now and same(was, now):
            continue
        found.append(("changed" if was and now else ("added" if now else "removed"), key, was, now))
    return found


def value_changes(old: dict, new: dict) -> list[dict]:
    """Values changed (as shown: value, unit and bound), added and removed between two editions'
    tables ({'facts': rows, 'indicators': rows, 'documents': rows})."""
    before, after = _values(old["facts"], old["indicators"]), _values(new["facts"], new["indicators"])
    old_citations, new_citations = _citations(old["documents"]), _citations(new["documents"])
    return [_value_row(change, key, was, now, old_citations, new_citations)
            for change, key, was, now in compared(before, after,
                                                  lambda a, b: Number(a, "").bounded == Number(b, "").bounded)]


def _citations(documents) -> dict:
    return {row["document"]: citation_of(row, parenthetical=False) for row in documents}


def _recommendation_key(row: dict) -> tuple:
    return (row["list"], row["number"] or " ".join(row["text"].split()))


def recommendation_changes(old: list[dict], new: list[dict], titles: dict) -> list[dict]:
    """Recommendations added, removed or reworded (same list and number, other text)."""
    before = {_recommendation_key(row): row for row in old}
    after = {_recommendation_key(row): row for row in new}
    rows = []
    for change, _, was, now in compared(before, after, lambda a, b: a["text"].split() == b["text"].split()):
        row = now or was
        rows.append({"change": change, "what": "recommendation", "table": "recommendations", "id": row["item_id"],
                     "label": titles.get(row["document"], row["document"]), "group": row["audience"],
                     "period": "", "geography": "", "unit": "",
                     "old": was["text"] if was else "", "new": now["text"] if now else "",
                     "old_value": was["number"] if was else "", "new_value": now["number"] if now else "",
                     "old_source": was["document"] if was else "", "new_source": now["document"] if now else ""})
    return rows


def document_changes(old: list[dict], new: list[dict]) -> list[dict]:
    """Source documents added, removed, or changed (other bytes: another checksum)."""
    before = {row["document"]: row for row in old}
    after = {row["document"]: row for row in new}
    rows = []
    for change, key, was, now in compared(before, after, lambda a, b: a["sha256"] == b["sha256"]):
        row = now or was
        rows.append({"change": change, "what": "document", "table": "documents", "id": key, "label": row["title"],
                     "group": "", "period": "", "geography": "", "unit": "",
                     "old": was["sha256"] if was else "", "new": now["sha256"] if now else "",
                     "old_value": was["date"] if was else "", "new_value": now["date"] if now else "",
                     "old_source": was["path"] if was else "", "new_source": now["path"] if now else ""})
    return rows


def edition_changes(old: dict, new: dict) -> list[dict]:
    """Every change between two editions' tables, values first, in a stable order."""
    titles = {row["document"]: row["title"] for row in old["documents"] + new["documents"]}
    rows = (value_changes(old, new)
            + recommendation_changes(old["recommendations"], new["recommendations"], titles)
            + document_changes(old["documents"], new["documents"]))
    return sorted(rows, key=lambda r: (WHAT_ORDER[r["what"]], CHANGE_ORDER[r["change"]], r["table"], r["id"]))


def change_counts(rows) -> dict:
    """{'value': {'changed': 3, 'added': 1, 'removed': 0}, ...} for the brief's box."""
    counts = {what: {change: 0 for change in CHANGE_ORDER} for what in WHAT_ORDER}
    for row in rows:
        counts[row["what"]][row["change"]] += 1
    return counts


def change_summary(counts: dict) -> MarkedText:
    """'3 values were added and 1 removed; the recommendations and source documents are
    unchanged': what changed, counted (each count marked as one, for the brief's ledger), then
    what did not."""
    said, unchanged = [], []
    for what, by in counts.items():
        one, several = NOUNS[what]
        terms = [(_counted(n, what, change), REWORDED if (what, change) == ("recommendation", "changed")
                  else VERBS[change]) for change, n in by.items() if n]
        if not terms:
            unchanged.append(f"the {several}")
            continue
        (n, verb), rest = terms[0], terms[1:]
        single = n.mark["value"] == 1
        words = ([[n, f" {one if single else several} {'was' if single else 'were'} {verb}"]]
                 + [[m, f" {v}"] for m, v in rest])
        said.append(words[0] if len(words) == 1 else joined_parts(words[:-1], ", ") + [" and "] + words[-1])
    if unchanged:
        listed = unchanged[0] if len(unchanged) == 1 else ", ".join(unchanged[:-1]) + " and " + unchanged[-1]
        said.append([f"{listed} are unchanged"])
    return MarkedText(joined_parts(said, "; "))


def _counted(n: int, what: str, change: str) -> Shown:
    """A count of changes, as the ledger counts them (what/change)."""
    return Shown(str(n), count_mark("changes", f"{what}/{change}", n))


def edition_changes_context(changes, previous) -> dict:
    """The changes since the previous kept edition, by what changed, with that edition's name
    and date; `previous` is empty for a first edition."""
    rows = list(changes)
    counts = change_counts(rows)
    return {"previous": {**previous, "long_date": Shown(long_date(previous["date"]),
                                                        date_mark("editions", previous["folder"]))}
            if previous else None,
            "rows": rows, "counts": counts, "summary": change_summary(counts),
            "by": {what: {change: [r for r in rows if (r["what"], r["change"]) == (what, change)]
                          for change in CHANGE_ORDER} for what in WHAT_ORDER}}
