"""End to end: editions kept, frozen and compared. Edition 1 (the shared clean build) is
frozen; a rebuild of it with a plug-in file stops; with a new `edition` in config, edition 2
builds: the first edition's record stays byte for byte, the second is kept beside it, and its
brief and annex say what changed."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import read_csv, snakemake, without_evidence_links

pytestmark = pytest.mark.e2e
GROUP = "Naturalised and non-naturalised foreigners"
FIRST = "editions/2026-11-23"
SECOND = "editions/2027-03-01"
PUBLISHED = ("brief.html", "brief.pdf", "annex.html", "annex.pdf")
PLUGIN = ("indicator,geography,group,period,value,unit,source,label\n"
          f"high_education_share_recent,Belgium,{GROUP},2006-2010,36,percent,Labour force survey 2010,\n"
          f"high_education_share_established,Belgium,{GROUP},2006-2010,22,percent,Labour force survey 2010,\n"
          "sector_permits_share,Brussels,Indian workers in IT,2006,86,percent,Brussels employment register,\n")


def set_edition(project, number, name, date):
    config = project / "config/config.yaml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  number: .*$", f"  number: {number}", text, count=1)
    text = re.sub(r"(?m)^  name: .*$", f"  name: {name}", text, count=1)
    text = re.sub(r"(?m)^  date: .*$", f'  date: "{date}"', text, count=1)
    config.write_text(text, encoding="utf-8")


def page_text(path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", without_evidence_links(path.read_text(encoding="utf-8"))).split())


@pytest.fixture(scope="module")
def second_edition(built, tmp_path_factory):
    project = tmp_path_factory.mktemp("editions") / "project"
    shutil.copytree(built, project)
    frozen = subprocess.run([sys.executable, "-m", "policybrief.cli", "freeze", "--signed-by", "A. Editor"],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1796601600"})
    assert frozen.returncode == 0, frozen.stderr
    assert f"Froze edition 1 (First edition) in {FIRST}/, signed by A. Editor" in frozen.stdout
    first = {path.name: path.read_bytes() for path in (project / FIRST).iterdir()}
    published = {name: (project / "reports" / name).read_bytes() for name in PUBLISHED}
    (project / "data/supplementary").mkdir(parents=True, exist_ok=True)
    (project / "data/supplementary/lfs-2010.csv").write_text(PLUGIN, encoding="utf-8")
    # The frozen edition, rebuilt with the new data, would say other things: the build stops.
    refused = snakemake(project)
    assert refused.returncode != 0
    assert ("edition 1 (First edition) was frozen on 2026-12-07, and this build would change what it says"
            in refused.stderr), refused.stderr[-3000:]
    assert "give it the next number and its own date" in refused.stderr
    assert {path.name: path.read_bytes() for path in (project / FIRST).iterdir()} == first
    assert {name: (project / "reports" / name).read_bytes() for name in PUBLISHED} == published
    set_edition(project, 2, "Second edition", "2027-03-01")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project, first


def test_the_first_edition_is_kept_and_says_it_has_no_predecessor(built):
    manifest = json.loads((built / FIRST / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["edition"]["number"] == 1 and manifest["previous_edition"] is None
    kept = {entry["path"]: entry["sha256"] for entry in manifest["kept"]}
    assert set(kept) == {"documents.csv", "facts.csv", "indicators.csv", "supplementary.csv", "recommendations.csv",
                         "changes.csv", "brief.html", "brief.pdf", "annex.html", "annex.pdf", "brief-numbers.csv"}
    made = {"brief.pdf": "reports/brief.pdf", "facts.csv": "data/processed/facts.csv"}
    for name, path in made.items():
        assert (built / FIRST / name).read_bytes() == (built / path).read_bytes()
        assert kept[name] == hashlib.sha256((built / path).read_bytes()).hexdigest()
    inputs = {entry["path"]: entry["sha256"] for entry in manifest["inputs"]}
    documents = {row["path"]: row["sha256"] for row in read_csv(built / "data/processed/documents.csv")}
    assert documents.items() <= inputs.items()
    assert {"config/config.yaml", "config/catalogue/nomibe-research-summary.yaml",
            "config/documents.yaml"} <= inputs.keys()
    assert manifest["software"]["packages"]["snakemake"][0].isdigit()
    assert {"brief", "annex"} == manifest["software"]["render"].keys()
    assert ("This is the first edition of the brief; there is no earlier edition"
            in page_text(built / "reports/brief.html"))
    assert "no earlier edition is kept to compare it with" in page_text(built / "reports/annex.html")
    assert read_csv(built / "data/processed/changes.csv") == []


def test_a_second_edition_keeps_the_first_and_is_kept_beside_it(second_edition):
    project, first = second_edition
    assert {path.name: path.read_bytes() for path in (project / FIRST).iterdir()} == first
    manifest = json.loads((project / SECOND / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["edition"]["number"] == 2
    assert manifest["previous_edition"] == {"number": 1, "name": "First edition", "date": "2026-11-23",
                                            "folder": FIRST}
    inputs = {entry["path"]: entry["sha256"] for entry in manifest["inputs"]}
    assert inputs["data/supplementary/lfs-2010.csv"] == hashlib.sha256(PLUGIN.encode()).hexdigest()
    kept = read_csv(project / SECOND / "supplementary.csv")
    assert len(kept) == 3


def test_the_changes_annex_lists_each_change_with_both_sources(second_edition):
    project, _ = second_edition
    changes = read_csv(project / "data/processed/changes.csv")
    changed = [row for row in changes if row["change"] == "changed"]
    assert [(row["id"], row["old"], row["new"]) for row in changed] == [
        ("permits_brussels_it_share_indian", "83%", "86%")]
    assert changed[0]["old_source"].startswith("Martiniello et al., 2008: “") and \
        changed[0]["new_source"] == "Brussels employment register (data file lfs-2010.csv, row 4)"
    added = {(row["table"], row["period"], row["new"]) for row in changes if row["change"] == "added"}
    assert added == {("facts", "2006-2010", "36%"), ("facts", "2006-2010", "22%"),
                     ("indicators", "2006-2010", "14 percentage points")}
    annex = page_text(project / "reports/annex.html")
    assert "G. Changes since the previous edition" in annex
    assert "Compared with the previous edition, First edition of 23 November 2026, kept" in annex
    assert re.search(r"83% 86% Martiniello et al\., 2008: “[^”]*83%[^”]*” Brussels employment register", annex)
    assert "No recommendation was added." in annex and "byte for byte those of the previous edition" in annex


def test_the_second_brief_points_to_its_changes_and_draws_the_new_period(second_edition):
    project, _ = second_edition
    brief = page_text(project / "reports/brief.html")
    assert ("Since the previous edition (First edition, 23 November 2026), 1 value was changed and 3 added; "
            "the recommendations and the source documents are unchanged.") in brief
    assert "They were better educated than earlier migrants (2006–2010). On average, 36%" in brief
    # Both values from one data file: its source named once, after them.
    assert ("against 22% of those resident for 10 years or longer (Labour force survey 2010): a gap of 14 "
            "percentage points") in brief
    assert "For 2001–2005, the period of their data, the researchers called the difference particularly " \
           "pronounced for EU foreigners (45% against 18%)" in brief
    assert 'id="fig-periods"' in (project / "reports/brief.html").read_text(encoding="utf-8")
    figure = read_csv(project / "reports/figures/periods.csv")
    recent = f"Highly educated, resident under 10 years ({GROUP}, Belgium)"
    assert [(row["series"], row["period"], row["value"]) for row in figure][:2] == [
        (recent, "2001-2005", "32"), (recent, "2006-2010", "36")]
    ledger = read_csv(project / "reports/brief-numbers.csv")
    assert {row["id"] for row in ledger if row["table"] == "changes"} >= {"value/changed", "value/added"}
    assert all(row["kind"] != "untraced" for row in ledger)


def test_two_editions_may_not_share_a_dated_folder(second_edition, tmp_path):
    project = tmp_path / "third"
    shutil.copytree(second_edition[0], project)
    set_edition(project, 3, "Third edition", "2027-03-01")
    result = snakemake(project, "-n")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "edition 3 has the date 2027-03-01, but editions/2027-03-01/ already keeps edition 2" in output
    assert "give the new edition its own date" in output and "Traceback" not in output
