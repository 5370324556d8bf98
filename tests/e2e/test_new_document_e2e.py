"""End to end: a newer, short document written the way a Belgian body writes English (points
between thousands) is added to the first edition. Its numbers are read as thousands once its
style is declared, and refused while it is not; the brief's sentences that name a source keep
that source's own year, the data age says per subject when each ends, and the sentences the
new data do not feed stay as they were."""

import re
import shutil

import pytest

from conftest import read_csv, snakemake, without_evidence_links

pytestmark = pytest.mark.e2e
# Written for the project's tests, in the form of a statistics office's news item.
NOTE = """MIGRATION IN FIGURES 8

Brussels, June 2017

In 2016, 136.327 immigrations of foreign nationals were registered in Belgium, against 128.500
in 2015. Some 17.797 persons were granted international protection in 2016.
"""
INVENTORY = """migration-figures-note:
  citation: "Migration Office"
  names: ["migration figures"]
  kind: "Statistical news item, written for the project's tests"
  role: research
  title: "Migration in figures 8"
  publisher: "Migration Office (a test document)"
  date: "2017-06"
  language: en
"""
CATALOGUE = """facts:
  - id: note_immigrations_2016
    pattern: "In 2016, {value} immigrations of foreign nationals"
    indicator: immigrations_foreign_nationals
    label: Immigrations of foreign nationals registered
    unit: count
    period: "2016"
    geography: Belgium
    wording: "{number} immigrations of foreign nationals"
"""


def sentences(project) -> dict:
    """The brief's sentences as its source has them, by their first five words."""
    text = without_evidence_links((project / "reports/brief.qmd").read_text(encoding="utf-8"))
    body = text.split("\n---\n", 1)[1]
    found = {}
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(body.split())):
        found.setdefault(" ".join(sentence.split()[:5]), sentence)
    return found


@pytest.fixture(scope="module")
def with_note(built, tmp_path_factory):
    project = tmp_path_factory.mktemp("note") / "project"
    shutil.copytree(built, project)
    (project / "seeds/migration-figures-note.txt").write_text(NOTE, encoding="utf-8")
    with open(project / "config/documents.yaml", "a", encoding="utf-8") as handle:
        handle.write(INVENTORY)
    (project / "config/catalogue/migration-figures-note.yaml").write_text(CATALOGUE, encoding="utf-8")
    refused = snakemake(project)
    with open(project / "config/documents.yaml", "a", encoding="utf-8") as handle:
        handle.write('  number_style: "1.234,5"\n')
    accepted = snakemake(project)
    assert accepted.returncode == 0, accepted.stderr[-4000:]
    return project, refused


def test_a_number_that_reads_two_ways_is_refused_until_the_style_is_declared(with_note):
    project, refused = with_note
    assert refused.returncode != 0
    assert ("'136.327' reads as 136.327 (in the style 1,234.5) or 136327 (in the style 1.234,5)"
            in refused.stderr), refused.stderr[-3000:]
    facts = {row["fact_id"]: row for row in read_csv(project / "data/processed/facts.csv")}
    assert facts["note_immigrations_2016"]["value"] == "136327"
    documents = {row["document"]: row for row in read_csv(project / "data/processed/documents.csv")}
    assert documents["migration-figures-note"]["number_style_from"] == "1.234,5, declared in the inventory"


def test_each_source_keeps_its_own_year_and_the_new_one_changes_only_what_it_feeds(built, with_note):
    project, _ = with_note
    before, after = sentences(built), sentences(project)
    # Named sources keep their own years: the welfare-centre study was published in 2012.
    assert "the welfare-centre study describes the years before its publication" in after[
        "The research summary's education shares"]
    assert "(study published 2012)" in " ".join(after.values())
    assert after["The welfare-centre evidence dates from"].startswith("The welfare-centre evidence dates from 2012")
    # What the new document feeds: the span of the evidence, its newest source, its statistics.
    # The span names the sources of its two ends.
    assert "The evidence refers to 1995–2017 (Martiniello et al\\., 2008\\; Migration Office, 2017)." in " ".join(
        after.values())
    assert "its newest source (Migration Office, 2017) was published 9 years before this brief" in " ".join(
        after.values())
    assert "its statistics end in 2016 (Migration Office, 2017)" in " ".join(after.values())
    # Sentences the note does not feed are as they were.
    unchanged = [key for key in before if key in after and before[key] == after[key]]
    assert len(unchanged) >= len(before) - 8
    ledger = read_csv(project / "reports/brief-numbers.csv")
    newest = [row for row in ledger if row["shown"] == "2017"]
    assert newest and all(row["id"] in ("migration-figures-note", "note_immigrations_2016") or
                          row["kind"].startswith("span") for row in newest), newest
