"""Editions kept and compared: which kept edition is the previous one, the manifest, and what
changed between two editions' tables."""

import json

import pytest

from policybrief.brief.ledger import Sources, build_ledger
from policybrief.brief.marks import Marks
from policybrief.brief.templates import template_environment
from policybrief.core.checksums import sha256_of
from policybrief.core.errors import InputError
from policybrief.editions.changes import change_summary, edition_changes, edition_changes_context
from policybrief.editions.freeze import (
    DRAFT_IGNORE,
    DRAFT_IGNORE_TEXT,
    check_sealed,
    freeze,
    frozen_refusal,
    has_address,
    seal_of,
    seal_text,
    would_change,
)
from policybrief.editions.records import archived_editions, manifest, previous_edition

FIRST = {"number": 1, "name": "First edition", "date": "2026-11-23", "title": "T",
         "contact": "briefs@centre.example"}
EDITOR = "A. Editor"
SECOND = {"number": 2, "name": "Second edition", "date": "2027-03-01", "title": "T",
          "contact": "briefs@centre.example"}
THIRD = {"number": 3, "name": "Third edition", "date": "2027-09-01", "title": "T"}


def frozen(edition):
    return {**edition, "frozen_on": "2026-12-06"}


def test_the_previous_edition_is_the_highest_numbered_frozen_one_before_this():
    kept = {"editions/2026-11-23": frozen(FIRST), "editions/2027-03-01": frozen(SECOND)}
    assert previous_edition(THIRD, kept) == {**SECOND, "folder": "editions/2027-03-01"}
    assert previous_edition(SECOND, kept) == {**FIRST, "folder": "editions/2026-11-23"}  # a rebuild of edition 2
    assert previous_edition(FIRST, kept) is None
    assert previous_edition(FIRST, {}) is None
    # A draft was never published: the next edition is compared with the last frozen one.
    drafted = {"editions/2026-11-23": frozen(FIRST), "editions/2027-03-01": SECOND}
    assert previous_edition(THIRD, drafted) == {**FIRST, "folder": "editions/2026-11-23"}


def test_two_editions_may_not_share_a_date():
    with pytest.raises(InputError, match="already keeps edition 1 .First edition. of that date"):
        previous_edition({**SECOND, "date": "2026-11-23"}, {"editions/2026-11-23": FIRST})


def test_kept_editions_are_read_from_their_manifests(tmp_path):
    for folder, edition in (("2026-11-23", FIRST), ("2027-03-01", SECOND)):
        (tmp_path / "editions" / folder).mkdir(parents=True)
        (tmp_path / "editions" / folder / "manifest.json").write_text(json.dumps({"edition": edition}))
    (tmp_path / "editions" / "notes").mkdir()  # a folder without a manifest is not an edition
    assert archived_editions(tmp_path) == {"editions/2026-11-23": FIRST, "editions/2027-03-01": SECOND}
    (tmp_path / "editions/2026-11-23/frozen.json").write_text(seal_text(tmp_path / "editions/2026-11-23", FIRST,
                                                                        "2026-12-06", EDITOR))
    assert archived_editions(tmp_path)["editions/2026-11-23"] == frozen(FIRST)
    (tmp_path / "editions" / "2027-03-01" / "manifest.json").write_text("{not json")
    with pytest.raises(InputError, match="2027-03-01/manifest.json: the manifest of this kept edition cannot be read"):
        archived_editions(tmp_path)


@pytest.fixture
def draft(tmp_path, monkeypatch):
    """A topic folder with a built draft of the first edition."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config").mkdir()
    (tmp_path / "config/config.yaml").write_text("edition: {}\n")
    folder = tmp_path / "editions/2026-11-23"
    folder.mkdir(parents=True)
    (folder / "facts.csv").write_text("fact_id,value\na,32\n")
    (folder / "brief.html").write_text("<p>32%</p>")
    (folder / DRAFT_IGNORE).write_text(DRAFT_IGNORE_TEXT)  # as the build writes a draft
    inputs = [{"path": "config/config.yaml", "sha256": sha256_of("config/config.yaml")}]
    (folder / "manifest.json").write_text(json.dumps({"edition": FIRST, "inputs": inputs}))
    return "editions/2026-11-23"


def test_freezing_seals_every_file_of_the_draft_and_is_refused_where_it_would_not_hold(draft, tmp_path):
    with pytest.raises(InputError, match="not what the last build published"):
        freeze(FIRST, draft, receipt_holds=False, frozen_on="2026-12-06", signed_by=EDITOR)
    with pytest.raises(InputError, match="keeps edition 1 .First edition., but config/config.yaml is edition 2"):
        freeze(SECOND, draft, receipt_holds=True, frozen_on="2026-12-06", signed_by=EDITOR)
    with pytest.raises(InputError, match="holds no record of edition 2"):
        freeze(SECOND, "editions/2027-03-01", receipt_holds=True, frozen_on="2026-12-06", signed_by=EDITOR)
    (tmp_path / "config/config.yaml").write_text("edition: {changed: 1}\n")
    with pytest.raises(InputError, match="built from other versions of config/config.yaml"):
        freeze(FIRST, draft, receipt_holds=True, frozen_on="2026-12-06", signed_by=EDITOR)
    (tmp_path / "config/config.yaml").write_text("edition: {}\n")
    assert freeze(FIRST, draft, receipt_holds=True, frozen_on="2026-12-06", signed_by=EDITOR) == f"{draft}/frozen.json"
    seal = seal_of(draft)
    assert seal["frozen_on"] == "2026-12-06" and set(seal["files"]) == {"facts.csv", "brief.html", "manifest.json"}
    # The sealed record is no longer ignored by git: it is there to commit.
    assert not (tmp_path / draft / DRAFT_IGNORE).exists()
    assert seal["signed_by"] == "A. Editor"
    with pytest.raises(InputError, match="was frozen on 2026-12-06 already"):
        freeze(FIRST, draft, receipt_holds=True, frozen_on="2026-12-07", signed_by=EDITOR)


def test_a_frozen_edition_refuses_a_build_that_changes_what_it_says_and_a_record_edited_by_hand(draft, tmp_path):
    freeze(FIRST, draft, receipt_holds=True, frozen_on="2026-12-06", signed_by=EDITOR)
    seal = seal_of(draft)
    (tmp_path / "same.csv").write_text("fact_id,value\na,32\n")
    (tmp_path / "other.csv").write_text("fact_id,value\na,36\n")
    (tmp_path / "page.html").write_text("<p>32% (another engine's bytes)</p>")
    assert would_change(seal, {"facts.csv": tmp_path / "same.csv", "brief.html": tmp_path / "page.html"}) == []
    changed = would_change(seal, {"facts.csv": tmp_path / "other.csv"})
    assert changed == ["facts.csv"]
    message = str(frozen_refusal(draft, seal, changed))
    assert "edition 1 (First edition) was frozen on 2026-12-06" in message and "(facts.csv)" in message
    assert "give it the next number and its own date" in message
    check_sealed(draft)
    (tmp_path / draft / "facts.csv").write_text("fact_id,value\na,40\n")
    with pytest.raises(InputError, match="no longer as it was sealed on 2026-12-06: facts.csv changed or gone"):
        check_sealed(draft)


def test_the_manifest_checksums_inputs_and_kept_files(tmp_path):
    (tmp_path / "seed.txt").write_bytes(b"abc")
    (tmp_path / "brief.pdf").write_bytes(b"%PDF")
    record = manifest(SECOND, {**FIRST, "folder": "editions/2026-11-23"}, [tmp_path / "seed.txt"],
                      {"brief.pdf": tmp_path / "brief.pdf"}, {"brief": {"engine": "pandoc"}})
    assert record["edition"] == {key: SECOND[key] for key in ("number", "name", "date", "title")}
    assert record["previous_edition"] == {"number": 1, "name": "First edition", "date": "2026-11-23",
                                          "folder": "editions/2026-11-23"}
    assert record["inputs"][0]["sha256"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert record["kept"] == [{"path": "brief.pdf", "sha256": record["kept"][0]["sha256"], "bytes": 4}]
    assert record["software"]["render"] == {"brief": {"engine": "pandoc"}}
    assert record["software"]["packages"]["python"][0].isdigit()


DOCS = [{"document": "doc", "title": "A study", "citation": "Author et al.", "date": "2008-10-30", "sha256": "aa",
         "path": "seeds/doc.txt"}]


def fact(fact_id, value, period="2001-2005", qualifier="", document="doc", **extra):
    return {"fact_id": fact_id, "document": document, "indicator": fact_id, "label": f"Label {fact_id}",
            "value": str(value), "unit": "percent", "period": period, "geography": "Belgium", "group": "",
            "qualifier": qualifier, "quote": f"It was {value}%.", "source": extra.get("source", ""),
            "origin": extra.get("origin", ""), "replaced_value": extra.get("replaced_value", ""),
            "value_text": str(value)}


def rec(number, text, list_id="recs"):
    return {"document": "doc", "list": list_id, "item_id": f"{list_id}:{number}", "number": number,
            "audience": "Authorities", "text": text}


def tables(facts, recommendations=(), documents=DOCS, indicators=()):
    return {"facts": facts, "indicators": list(indicators), "recommendations": list(recommendations),
            "documents": documents}


def test_values_changed_added_and_removed_with_both_sources():
    old = tables([fact("a", 32, qualifier="approx"), fact("b", 20), fact("gone", 5)])
    new = tables([fact("a", 36, document="doc", replaced_value="32", source="LFS 2010", origin="x.csv row 2"),
                  fact("b", 20),
                  fact("new", 7, period="2006-2010", document="", source="Register", origin="y.csv row 2")])
    rows = {(r["change"], r["id"]): r for r in edition_changes(old, new)}
    assert set(rows) == {("changed", "a"), ("added", "new"), ("removed", "gone")}
    changed = rows[("changed", "a")]
    assert (changed["old"], changed["new"]) == ("approximately 32%", "36%")
    assert changed["old_source"] == "Author et al., 2008: “It was 32%.”"
    assert changed["new_source"] == "LFS 2010 (data file x.csv, row 2)"
    assert rows[("added", "new")]["old"] == "" and rows[("removed", "gone")]["new"] == ""


def test_a_value_that_only_loses_its_bound_has_changed():
    rows = edition_changes(tables([fact("a", 32, qualifier="approx")]), tables([fact("a", 32)]))
    assert [(r["old"], r["new"]) for r in rows] == [("approximately 32%", "32%")]


def test_indicators_are_matched_by_their_dimensions_and_period():
    gap = {"indicator": "gap", "label": "Gap", "value": "12", "unit": "percentage points", "period": "2001-2005",
           "geography": "Belgium", "group": "All", "formula": "a minus b", "inputs": "a;b"}
    rows = edition_changes(tables([], indicators=[gap]), tables([], indicators=[gap, {**gap, "period": "2006-2010",
                                                                                       "value": "14"}]))
    assert [(r["change"], r["id"], r["new"], r["new_source"]) for r in rows] == [
        ("added", "gap/Belgium/All/2006-2010", "14 percentage points", "computed: a minus b")]


def test_an_indicator_of_published_values_keeps_their_decimals():
    """62.0 − 51.0 is 11.0, as the brief prints it; from a document's 32 and 20, 12."""
    published = [fact(name, value, period="2006", document="", source="Eurostat, LFSA_ERGAN",
                      origin="lfsa_ergan.csv row 2") for name, value in (("n", "62.0"), ("f", "51.0"))]
    gap = {"indicator": "gap", "label": "Gap", "value": "11", "unit": "percentage points", "period": "2006",
           "geography": "Belgium", "group": "", "formula": "n minus f", "inputs": "n;f"}
    rows = edition_changes(tables([]), tables(published, indicators=[gap]))
    assert [r["new"] for r in rows if r["table"] == "indicators"] == ["11.0 percentage points"]
    stated = [fact("n", 32), fact("f", 20)]
    rows = edition_changes(tables([]), tables(stated, indicators=[{**gap, "value": "12"}]))
    assert [r["new"] for r in rows if r["table"] == "indicators"] == ["12 percentage points"]


def test_recommendations_added_removed_and_reworded():
    old = tables([], [rec("1", "Harmonise the permits."), rec("2", "Share data."), rec("", "Talk more.")])
    new = tables([], [rec("1", "Harmonise  the permits."), rec("2", "Share the data."), rec("3", "Train staff.")])
    rows = [(r["change"], r["id"]) for r in edition_changes(old, new)]
    # whitespace is not a rewording; an unnumbered item is known by its text
    assert rows == [("changed", "recs:2"), ("added", "recs:3"), ("removed", "recs:")]


def test_a_document_with_other_bytes_has_changed():
    rows = edition_changes(tables([]), tables([], documents=[{**DOCS[0], "sha256": "bb"}]))
    assert [(r["what"], r["change"], r["old"], r["new"]) for r in rows] == [("document", "changed", "aa", "bb")]


def test_the_summary_counts_what_changed_and_names_what_did_not():
    counts = {"value": {"changed": 1, "added": 3, "removed": 0},
              "recommendation": {"changed": 2, "added": 0, "removed": 1},
              "document": {"changed": 0, "added": 0, "removed": 0}}
    assert change_summary(counts) == ("1 value was changed and 3 added; 2 recommendations were reworded and 1 "
                                      "removed; the source documents are unchanged")
    context = edition_changes_context([], {**FIRST, "folder": "editions/2026-11-23"})
    assert context["previous"]["long_date"] == "23 November 2026" and context["rows"] == []
    assert edition_changes_context([], None)["previous"] is None


def test_the_ledger_traces_counts_of_changes_and_the_previous_edition_date():
    changes = edition_changes(tables([fact("a", 32)]), tables([fact("a", 36), fact("b", 5)]))
    sources = Sources([], [], DOCS, [], [], {"date": "2027-03-01"}, changes,
                      {**FIRST, "folder": "editions/2026-11-23"})
    marks = Marks()
    context = edition_changes_context(changes, {**FIRST, "folder": "editions/2026-11-23"})
    qmd, found = marks.take(template_environment(marks=marks).from_string(
        "---\ntitle: T\n---\n\n## Summary\n\nSince the previous edition (First edition, "
        "{{ changes.previous.long_date }}), "
        "{{ changes.summary | md }}.\n").render(changes=context))
    assert "(First edition, 23 November 2026), 1 value was changed and 1 added" in qmd
    rows, problems = build_ledger(qmd, sources, marks=found)
    assert problems == []
    assert {(r["shown"], r["kind"], r["id"]) for r in rows} >= {
        ("23", "date", "editions/2026-11-23"), ("2026", "date", "editions/2026-11-23"), ("1", "count", "value/changed"),
        ("1", "count", "value/added")}
    # A date in the title is read by what it is: neither edition's date stops the check.
    _, problems = build_ledger("---\ntitle: Since 2 March 2026\n---\n\n## Summary\n\nNo number.\n", sources)
    assert problems and "neither the edition's nor the previous edition's" in problems[0]


def test_a_document_must_be_a_regular_file_with_a_safe_name_inside_seeds(tmp_path, monkeypatch):
    from policybrief.core.documents import check_documents_folder, safe_name

    monkeypatch.chdir(tmp_path)  # the project folder
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "study-2012.txt").write_text("text")
    (seeds / "notes.md").symlink_to(tmp_path)  # not a document: left alone
    check_documents_folder(seeds)
    (seeds / "x.txt").symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(InputError, match="x.txt: is a symbolic link"):
        check_documents_folder(seeds)
    (seeds / "x.txt").unlink()
    (seeds / "Étude sociale.txt").write_text("text")
    with pytest.raises(InputError, match="rename it to 'Etude-sociale.txt'"):
        check_documents_folder(seeds)
    assert safe_name("Rapport (final) 2012") == "Rapport-final-2012"


def test_an_edition_is_signed_by_a_named_editor_and_gives_readers_an_address(draft):
    with pytest.raises(InputError, match="names no editor to sign edition 1") as refused:
        freeze(FIRST, draft, receipt_holds=True, frozen_on="2026-12-06", signed_by="  ")
    assert "--signed-by" in str(refused.value)
    team = {**FIRST, "contact": "Policy analysis team, Migration research centre"}
    with pytest.raises(InputError, match="gives readers no address to write to") as refused:
        freeze(team, draft, receipt_holds=True, frozen_on="2026-12-06", signed_by=EDITOR)
    assert "config/config.yaml" in str(refused.value) and seal_of(draft) is None
    for contact in ("briefs@centre.example", "https://centre.example/briefs", "Rue Royale 1, 1000 Brussels"):
        assert has_address(contact), contact
