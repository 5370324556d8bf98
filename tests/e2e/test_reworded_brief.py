"""An editor may reword any sentence of the brief's template: the ledger reads the marks the
template leaves and the tables, never the brief's words. Every line of config/brief.qmd.j2
with a number in it is reworded here, its template expressions kept, and the brief's every
number still traces."""

import json
import re

import pytest
import yaml

from policybrief.brief.context import EditionTables, brief_context, figure_entry, sic_words
from policybrief.brief.ledger import Sources, check_numbers
from policybrief.brief.source import linked_brief
from policybrief.compute.indicators import declared_indicators
from policybrief.core.tables import read_rows
from policybrief.editions.changes import edition_changes_context

from conftest import FIRST_EDITION

pytestmark = pytest.mark.e2e  # on the shared first-edition build

# What rewording leaves alone: the template's expressions and statements, and the Markdown that
# is not words (link targets, attributes, cross-references, addresses).
KEPT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\]\([^)]*\)|\{[#.][^}]*\}|@[\w-]+|<[^>]*>")
WORD = re.compile(r"[A-Za-z]+")


def reworded_line(line: str) -> str:
    """Each word outside the expressions another word (its letters reversed, a one-letter word
    doubled): no phrase of the sentence is left as it was."""
    def reword(match):
        word = match.group()
        return word * 2 if len(word) == 1 else word[::-1] if word[::-1] != word else word + "x"

    out, position = [], 0
    for kept in KEPT.finditer(line):
        out.append(WORD.sub(reword, line[position:kept.start()]))
        out.append(kept.group())
        position = kept.end()
    out.append(WORD.sub(reword, line[position:]))
    return "".join(out)


def holds_a_number(line: str) -> bool:
    """A line that prints a value from the context or has a digit in its own words, or a table's
    row (its header names what the numbers under it are)."""
    return "{{" in line or bool(re.search(r"\d", KEPT.sub("", line))) or line.startswith("|")


def reworded_template(text: str) -> tuple[str, int]:
    """The template with every line that holds a number reworded; comments and the front
    matter as they are. Returns the template and how many lines were reworded."""
    out, count, front_matter = [], 0, 0
    parts = re.split(r"(\{##.*?##\})", text, flags=re.DOTALL)
    for index, part in enumerate(parts):
        if index % 2:  # a comment
            out.append(part)
            continue
        lines = part.split("\n")
        for number, line in enumerate(lines):
            if line.strip() == "---" and front_matter < 2:
                front_matter += 1
            elif front_matter == 1 or not holds_a_number(line):
                pass
            elif not re.fullmatch(r"\s*(\{%(?:(?!%\}).)*%\}\s*)+", line):  # not statements only
                reworded = reworded_line(line)
                count += reworded != line
                lines[number] = reworded
        out.append("\n".join(lines))
    return "".join(out), count


@pytest.fixture(scope="module")
def tables(built):
    processed = built / "data/processed"
    figures = sorted((built / "reports/figures").glob("*.json"))
    config = yaml.safe_load((built / "config/config.yaml").read_text(encoding="utf-8"))
    return config, EditionTables(
        documents=read_rows(processed / "documents.csv"), facts=read_rows(processed / "facts.csv"),
        recommendations=read_rows(processed / "recommendations.csv"),
        indicators=read_rows(processed / "indicators.csv"), lists=read_rows(processed / "lists.csv"),
        statements=read_rows(processed / "statements.csv"),
        figures=[figure_entry(json.loads(path.read_text(encoding="utf-8")), path.with_suffix(".csv"))
                 for path in figures],
        changes=edition_changes_context(read_rows(processed / "changes.csv"), None),
        declared=declared_indicators(built / "config/indicators.yaml"),
        sic=sic_words(sorted((built / "config/catalogue").glob("*.yaml"))),
        subjects=tuple(config.get("evidence_subjects", ())))


def ledger_of(template, config, tables, built):
    # As the build writes it: each number linked to its evidence.
    qmd, marks = linked_brief(template, brief_context(tables, config["edition"], config.get("limits")), tables)
    sources = Sources(tables.facts, tables.indicators, tables.documents, tables.recommendations, tables.lists,
                      config["edition"], read_rows(built / "data/processed/changes.csv"), None,
                      built / "config/units.yaml")
    return qmd, check_numbers(qmd, sources, marks=marks)  # raises, quoting them, if a number does not trace


def test_the_brief_built_from_the_template_is_the_one_the_build_wrote(tables, built):
    config, edition_tables = tables
    qmd, rows = ledger_of(FIRST_EDITION / "config/brief.qmd.j2", config, edition_tables, built)
    assert qmd == (built / "reports/brief.qmd").read_text(encoding="utf-8")
    assert len(rows) == len(read_rows(built / "reports/brief-numbers.csv"))


def test_every_sentence_with_a_number_reworded_still_traces_every_number(tables, built, tmp_path):
    config, edition_tables = tables
    original = (FIRST_EDITION / "config/brief.qmd.j2").read_text(encoding="utf-8")
    text, count = reworded_template(original)
    assert count >= 40
    # The sentences the ledger once matched are gone, with every other phrase of those lines.
    for phrase in ("years before this brief", "percentage points", "a gap of", "| Priority |", "Gap (", "priority {{"):
        assert phrase in original and phrase not in text, phrase
    template = tmp_path / "brief.qmd.j2"
    template.write_text(text, encoding="utf-8")
    reworded, rows = ledger_of(template, config, edition_tables, built)
    _, before = ledger_of(FIRST_EDITION / "config/brief.qmd.j2", config, edition_tables, built)
    assert reworded != (built / "reports/brief.qmd").read_text(encoding="utf-8")
    assert all(row["kind"] != "untraced" for row in rows)
    # The same numbers, each traced to the same row: what a number is does not hang on its words.
    # (A number matched by its value alone may match another row of that value: the words after
    # it that name its unit, config/units.yaml's, are reworded too.)
    # (The template's own number words are reworded with it.)
    def traced(ledger):
        return sorted((row["shown"], row["kind"], row["table"], row["id"]) if "(by value)" not in row["kind"]
                      else (row["shown"], "by value") for row in ledger if row["kind"] != "the template's words")

    assert traced(rows) == traced(before)
