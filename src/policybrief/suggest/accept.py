"""Accept proposed catalogue entries: `policybrief accept <id> [<id> ...]` copies
each named entry of reports/catalogue-suggestions.yaml under `facts:` in its document's
catalogue (config/catalogue/<document>.yaml, made if the document has none yet), after the
facts already there, and leaves the rest of the file, its comments included, as it was. The
next build extracts the new facts with their sentences."""

from pathlib import Path

import yaml

from policybrief.core.errors import InputError
from policybrief.core.yaml_input import parse_yaml
from policybrief.suggest.suggestions import SUGGESTIONS_FILE, proposed_by_document

CATALOGUE = "config/catalogue"
# The first lines of a document's catalogue that accepting makes.
NEW_CATALOGUE = """# The catalogue of seeds/{document}.txt: the numbers the brief takes from it (facts),
# the sentences it cites without a number (statements), and where its lists are (lists).
# The grammar of each entry: docs/adding-a-document.md, "The catalogue".
"""
# Left out of an accepted entry when empty: the catalogue reads a missing key as empty.
OPTIONAL = ("period", "geography", "group", "qualifier")


def proposed_numbers(suggestions_path) -> dict:
    """id -> (document, the proposed number: its entry, and its readings where it reads two
    ways), for every entry of the suggestions file."""
    path = Path(suggestions_path)
    if not path.is_file():
        raise InputError(path, "is not there.", "build first (snakemake --cores 4): the build writes it.")
    return {number["entry"]["id"]: (document["document"], number) for document in proposed_by_document(path)
            for sentence in document["sentences"] for number in sentence["numbers"]}


def proposed_entries(suggestions_path) -> dict:
    """id -> (document, entry), for every entry of the suggestions file."""
    return {i: (document, number["entry"]) for i, (document, number) in proposed_numbers(suggestions_path).items()}


def entry_text(entry: dict) -> str:
    """The entry as the catalogue writes its facts: a list item indented under `facts:`."""
    # The document is the catalogue file's own (its name).
    kept = {key: value for key, value in entry.items()
            if key != "document" and not (key in OPTIONAL and value == "")}
    lines = yaml.safe_dump([kept], sort_keys=False, allow_unicode=True, width=1000).splitlines()
    return "".join(f"  {line}\n" for line in lines)


def with_entries(catalogue_text: str, entries: list[dict]) -> str:
    """The catalogue's text with the entries after its last fact (before the next top-level key)."""
    lines = catalogue_text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "facts:"), None)
    if start is None:
        return catalogue_text + ("" if catalogue_text.endswith("\n") or not catalogue_text else "\n") + \
            "facts:\n" + "".join(entry_text(e) for e in entries)
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1].isalpha()), len(lines))
    # After the last fact: before the blank lines and the comments (at the margin) that open
    # the next key, which are that key's.
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return "".join(lines[:end]) + "".join(entry_text(e) for e in entries) + "".join(lines[end:])


def accept(ids: list[str], suggestions_path=SUGGESTIONS_FILE, catalogue_folder=CATALOGUE) -> list[str]:
    """Copy the named entries into their documents' catalogues; returns their ids."""
    proposed = proposed_entries(suggestions_path)
    unknown = [i for i in ids if i not in proposed]
    if unknown:
        raise InputError(suggestions_path, f"has no entry {', '.join(repr(i) for i in unknown)}.",
                         "give the `id` of an entry in the file, as the last build wrote it.")
    ids = list(dict.fromkeys(ids))
    by_document = {}
    for i in ids:
        by_document.setdefault(proposed[i][0], []).append(proposed[i][1])
    texts = {}
    for document in by_document:
        catalogue = Path(catalogue_folder, f"{document}.yaml")
        text = catalogue.read_text(encoding="utf-8") if catalogue.is_file() else NEW_CATALOGUE.format(document=document)
        known = {fact.get("id") for fact in (parse_yaml(text, catalogue) or {}).get("facts", [])}
        already = [entry["id"] for entry in by_document[document] if entry["id"] in known]
        if already:
            raise InputError(catalogue, f"already has a fact {', '.join(repr(i) for i in already)}.",
                             "accept each entry once; to take it again, remove the fact first.")
        texts[catalogue] = with_entries(text, by_document[document])
    # Every file is checked before any is written: an entry refused leaves every catalogue as it was.
    for catalogue, text in texts.items():
        catalogue.parent.mkdir(parents=True, exist_ok=True)
        catalogue.write_text(text, encoding="utf-8")
    return ids


def add_arguments(parser) -> None:
    """The arguments of `policybrief accept` (policybrief.cli)."""
    parser.add_argument("ids", nargs="+", help="the id of each entry to accept")
    parser.add_argument("--suggestions", default=SUGGESTIONS_FILE, help=f"default: {SUGGESTIONS_FILE}")
    parser.add_argument("--catalogue", default=CATALOGUE, help=f"the catalogue's folder (default: {CATALOGUE})")


def accept_command(ids, suggestions=SUGGESTIONS_FILE, catalogue=CATALOGUE) -> int:
    """`policybrief accept <id> ...`: accept, then say what was added and what to check,
    first what must be decided (a number that reads two ways)."""
    accepted = accept(ids, suggestions, catalogue)
    print(f"Added {len(accepted)} facts to {catalogue}/: {', '.join(accepted)}. "
          "Read the fields their suggestions list under to_check, then build again.")
    numbers = proposed_numbers(suggestions)
    for i in accepted:
        document, number = numbers[i]
        if number.get("needs_decision"):
            readings = " or ".join(f"{value} ({style})" for style, value in number["readings"].items())
            print(f"Decide first: {i} takes {number['as_written']}, which reads as {readings}; say how {document} "
                  f"writes numbers (number_style under {document}: in config/documents.yaml), or the build stops.")
    return 0
