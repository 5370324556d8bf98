"""Accept proposed catalogue entries: `policybrief accept <id> [<id> ...]` copies
each named entry of reports/catalogue-suggestions.yaml under `facts:` in the catalogue
(config/catalogue.yaml), after the facts already there, and leaves the rest of the file, its
comments included, as it was. The next build extracts the new facts with their sentences."""

from pathlib import Path

import yaml

from policybrief.core.errors import InputError
from policybrief.core.yaml_input import parse_yaml
from policybrief.suggest.suggestions import SUGGESTIONS_FILE, proposed_by_document

CATALOGUE_FILE = "config/catalogue.yaml"
# Left out of an accepted entry when empty: the catalogue reads a missing key as empty.
OPTIONAL = ("period", "geography", "group", "qualifier")


def proposed_entries(suggestions_path) -> dict:
    """id -> entry, for every entry of the suggestions file."""
    path = Path(suggestions_path)
    if not path.is_file():
        raise InputError(path, "is not there.", "build first (snakemake --cores 4): the build writes it.")
    return {number["entry"]["id"]: number["entry"] for document in proposed_by_document(path)
            for sentence in document["sentences"] for number in sentence["numbers"]}


def entry_text(entry: dict) -> str:
    """The entry as the catalogue writes its facts: a list item indented under `facts:`."""
    kept = {key: value for key, value in entry.items() if not (key in OPTIONAL and value == "")}
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


def accept(ids: list[str], suggestions_path=SUGGESTIONS_FILE, catalogue_path=CATALOGUE_FILE) -> list[str]:
    """Copy the named entries into the catalogue; returns their ids."""
    proposed = proposed_entries(suggestions_path)
    unknown = [i for i in ids if i not in proposed]
    if unknown:
        raise InputError(suggestions_path, f"has no entry {', '.join(repr(i) for i in unknown)}.",
                         "give the `id` of an entry in the file, as the last build wrote it.")
    catalogue = Path(catalogue_path)
    text = catalogue.read_text(encoding="utf-8")
    known = {fact.get("id") for fact in (parse_yaml(text, catalogue) or {}).get("facts", [])}
    already = [i for i in ids if i in known]
    if already:
        raise InputError(catalogue, f"already has a fact {', '.join(repr(i) for i in already)}.",
                         "accept each entry once; to take it again, remove the fact first.")
    catalogue.write_text(with_entries(text, [proposed[i] for i in dict.fromkeys(ids)]), encoding="utf-8")
    return list(dict.fromkeys(ids))


def add_arguments(parser) -> None:
    """The arguments of `policybrief accept` (policybrief.cli)."""
    parser.add_argument("ids", nargs="+", help="the id of each entry to accept")
    parser.add_argument("--suggestions", default=SUGGESTIONS_FILE, help=f"default: {SUGGESTIONS_FILE}")
    parser.add_argument("--catalogue", default=CATALOGUE_FILE, help=f"default: {CATALOGUE_FILE}")


def accept_command(ids, suggestions=SUGGESTIONS_FILE, catalogue=CATALOGUE_FILE) -> int:
    """`policybrief accept <id> ...`: accept, then say what was added and what to check."""
    accepted = accept(ids, suggestions, catalogue)
    print(f"Added {len(accepted)} facts to {catalogue}: {', '.join(accepted)}. "
          "Read the fields their suggestions list under to_check, then build again.")
    return 0
