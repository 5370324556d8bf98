"""A new document's numbers arrive as ready-to-accept catalogue entries: drop the file in
seeds/, describe it in the inventory, build; the suggestions file and the annex list its
numbers; `policybrief accept` copies the chosen entries into the catalogue; the next
build extracts them with their sentences and validates them like any other fact."""

import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, copy_edition, read_csv, snakemake

pytestmark = pytest.mark.e2e
NOTE = """ENERGY PRICES NOTE

Household electricity prices rose by approximately 18% in 2023 compared with 2022. Up to
40,000 households received the social tariff in 2023, and more than half of them were tenants.
"""
INVENTORY = """energy-prices-note:
  citation: "Energy regulator"
  kind: "Short note, written for the project's tests"
  role: research
  title: "Energy prices note"
  publisher: "Energy regulator (a test document)"
  date: "2024-04"
  language: en
"""


def test_a_new_document_s_numbers_are_suggested_accepted_and_extracted(tmp_path):
    project = copy_edition(tmp_path / "project", ROOT / "tests/topics/energy-poverty")
    (project / "seeds/energy-prices-note.txt").write_text(NOTE, encoding="utf-8")
    with open(project / "config/documents.yaml", "a", encoding="utf-8") as handle:
        handle.write(INVENTORY)
    first = snakemake(project)
    assert first.returncode == 0, first.stderr[-3000:]

    suggested = yaml.safe_load((project / "reports/catalogue-suggestions.yaml").read_text(encoding="utf-8"))
    (note,) = [d for d in suggested["documents"] if d["document"] == "energy-prices-note"]
    numbers = {n["as_written"]: n for s in note["sentences"] for n in s["numbers"]}
    assert set(numbers) == {"18%", "40,000", "half"}  # not 2023 or 2022, the periods of its numbers
    prices, households = numbers["18%"]["entry"], numbers["40,000"]["entry"]
    # Nothing in the note says whether 40,000 is forty thousand or forty: both are proposed.
    assert numbers["40,000"]["needs_decision"] and "value" not in numbers["40,000"]
    assert numbers["40,000"]["readings"] == {"1,234.5": 40000, "1.234,5": 40}
    assert (prices["unit"], prices["qualifier"], prices["period"]) == ("percent", "approx", "")
    assert "several (2023, 2022)" in numbers["18%"]["to_check"]["period"]
    assert (households["unit"], households["qualifier"], households["period"]) == ("count", "at_most", "2023")
    assert (numbers["half"]["value"], numbers["half"]["entry"]["qualifier"]) == (50, "more_than")
    annex = (project / "reports/annex.qmd").read_text(encoding="utf-8")
    assert "### Energy prices note: numbers the edition does not use yet" in annex
    assert "**40,000, half**: Up to 40,000 households received the social tariff in 2023" in " ".join(annex.split())

    accepted = subprocess.run([sys.executable, "-m", "policybrief.cli", "accept", prices["id"], households["id"]],
                              cwd=project, capture_output=True, text=True)
    assert accepted.returncode == 0 and "Added 2 facts to config/catalogue/" in accepted.stdout, accepted.stderr
    assert f"Decide first: {households['id']} takes 40,000, which reads as 40000 (1,234.5) or 40 (1.234,5)" \
        in accepted.stdout
    # The editor decides: the note writes numbers the English way.
    with open(project / "config/documents.yaml", "a", encoding="utf-8") as handle:
        handle.write('  number_style: "1,234.5"\n')
    again = subprocess.run([sys.executable, "-m", "policybrief.cli", "accept", prices["id"]], cwd=project,
                           capture_output=True, text=True)
    assert again.returncode == 1 and "already has a fact" in again.stderr

    second = snakemake(project)
    assert second.returncode == 0, second.stderr[-3000:]
    facts = {f["fact_id"]: f for f in read_csv(project / "data/processed/facts.csv")}
    assert facts[households["id"]]["value"] == "40000" and facts[households["id"]]["qualifier"] == "at_most"
    assert facts[households["id"]]["quote"].startswith("Up to\n40,000 households received the social tariff")
    assert facts[prices["id"]]["origin"].endswith("seeds/energy-prices-note.txt")
    results = (project / "reports/validation/results.json").read_text(encoding="utf-8")
    assert '"success": true' in results.replace(" ", "") or "passed" in results
    left = yaml.safe_load((project / "reports/catalogue-suggestions.yaml").read_text(encoding="utf-8"))
    still = {n["as_written"] for d in left["documents"] if d["document"] == "energy-prices-note"
             for s in d["sentences"] for n in s["numbers"]}
    assert still == {"half"}
