"""A brief on another topic from its own edition folder: the engine (Snakefile, workflow/,
scripts/, the library) as it is, and tests/topics/energy-poverty/ (config/ and seeds/) in
place of the first edition's. No Python is written for it; every number still traces to its
sentence, the declared indicator is computed within each period, and each kind of figure is
drawn from the edition's words."""

import shutil
import subprocess

import pytest

from conftest import FIRST_EDITION, ROOT, copy_edition, read_csv, snakemake, without_evidence_links

pytestmark = pytest.mark.e2e
EDITION = ROOT / "tests/topics/energy-poverty"


@pytest.fixture(scope="module")
def another_topic(tmp_path_factory):
    project = copy_edition(tmp_path_factory.mktemp("energy") / "project", EDITION)
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project


def test_the_edition_folder_holds_no_code():
    assert sorted(path.name for path in EDITION.rglob("*.py")) == []
    assert {path.name for path in (EDITION / "config").iterdir()} == {
        path.name for path in (FIRST_EDITION / "config").iterdir()} - {"README.md"}


def test_the_declared_indicator_is_computed_within_each_period(another_topic):
    indicators = read_csv(another_topic / "data/processed/indicators.csv")
    gaps = {r["period"]: (float(r["value"]), r["inputs"]) for r in indicators
            if r["indicator"] == "tenant_owner_gap_pp"}
    assert gaps == {"2019": (7.0, "burden_tenants_2019;burden_owners_2019"),
                    "2023": (16.0, "burden_tenants_2023;burden_owners_2023")}
    counts = {r["group"]: float(r["value"]) for r in indicators
              if r["indicator"] == "observatory_recommendations_by_audience"}
    assert counts == {"Public authorities": 2.0, "Energy suppliers": 1.0}


def test_every_number_has_its_sentence(another_topic):
    facts = {f["fact_id"]: f for f in read_csv(another_topic / "data/processed/facts.csv")}
    assert len(facts) == 9
    assert facts["burden_owners_2023"]["quote"] == "Among\nowner-occupiers the share was 11% in 2023."
    ledger = read_csv(another_topic / "reports/brief-numbers.csv")
    # Each number of the findings' text by the wording of its fact: the 9% of the capital is not
    # the owners' 9% of 2019, which has the same value.
    in_text = {(row["shown"], row["kind"], row["id"]) for row in ledger
               if row["section"] == "Key findings" and not row["sentence"].startswith(("Households", "Bar chart"))}
    assert {("27", "fact", "burden_tenants_2023"), ("11", "fact", "burden_owners_2023"),
            ("9", "fact", "arrears_capital"), ("16", "derived", "tenant_owner_gap_pp")} <= in_text
    assert not [row for row in ledger if row["kind"].endswith("(by value)") and row["sentence"].startswith("Approx")]


def test_the_brief_says_the_edition_s_findings_in_its_words(another_topic):
    html = " ".join(without_evidence_links((another_topic / "reports/brief.html").read_text(encoding="utf-8")).split())
    assert "Tenants bore more of the energy burden than owners" in html
    assert "27% of tenant households in 2023 spent more than a tenth of their income on energy, against 11% of " \
           "owner-occupiers: a gap of 16 percentage points" in html
    assert "Approximately 9% of households in the capital" in html
    assert "migra" not in html.lower() and "NOMIBE" not in html
    pdf = subprocess.run(["pdftotext", str(another_topic / "reports/brief.pdf"), "-"], capture_output=True,
                         text=True).stdout if shutil.which("pdftotext") else ""
    assert not shutil.which("pdftotext") or "a gap of 16 percentage points" in " ".join(pdf.split())


def test_each_kind_of_figure_is_drawn_from_the_edition_s_words(another_topic):
    figures = another_topic / "reports/figures"
    assert {path.stem for path in figures.glob("*.png")} == {"tenure_gap", "arrears", "policy_dates", "trends"}
    tenure = read_csv(figures / "tenure_gap.csv")
    assert [(r["period"], r["tenants_percent"], r["owners_percent"]) for r in tenure] == [
        ("2019", "16", "9"), ("2023", "27", "11")]
    arrears = read_csv(figures / "arrears.csv")
    assert [(r["area"], r["measure"], r["as_stated"]) for r in arrears] == [
        ("Capital", "Households in arrears", "9%"), ("Southern provinces", "Households in arrears", "7%"),
        ("Northern provinces", "Households in arrears", "6%")]
    assert [r["year"] for r in read_csv(figures / "policy_dates.csv")] == ["2004", "2012"]
    caption = (figures / "tenure_gap.json").read_text(encoding="utf-8")
    assert "Households spending more than a tenth of their income on energy, by tenure, 2019 to 2023" in caption


def test_the_annex_s_default_words_list_the_declared_indicator(another_topic):
    annex = (another_topic / "reports/annex.qmd").read_text(encoding="utf-8")
    assert "Gap in the share spending over a tenth of income on energy, tenants minus owners" in annex
    assert "Every recommendation, in the words of its source." in annex
    assert "NOMIBE" not in annex and (another_topic / "reports/annex.pdf").stat().st_size > 10_000
