"""A topic folder written by `policybrief new-topic` builds at once against the installed engine,
with no recommendations and no indicators; an edition that requires them says so, and what to do."""

import re

import pytest

from policybrief.new_topic import new_topic

from conftest import read_csv, set_engine, snakemake, without_evidence_links

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def new_topic_built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("topics") / "rent-arrears"
    new_topic(folder, title="Rent arrears in the region")
    set_engine(folder, "pandoc")
    result = snakemake(folder)
    assert result.returncode == 0, result.stderr[-4000:]
    return folder


def test_the_new_topic_builds_its_brief_with_no_recommendations_and_no_indicators(new_topic_built):
    assert read_csv(new_topic_built / "data/processed/recommendations.csv") == []
    assert read_csv(new_topic_built / "data/processed/indicators.csv") == []
    (fact,) = read_csv(new_topic_built / "data/processed/facts.csv")
    assert (fact["fact_id"], fact["value"], fact["period"]) == ("rent_arrears_2024", "12", "2024")
    page = (new_topic_built / "reports/brief.html").read_text(encoding="utf-8")
    html = " ".join(without_evidence_links(page).split())
    assert "12% of the households surveyed had fallen behind on their rent at least once in 2024" in html
    assert (new_topic_built / "reports/figures/rent_arrears.png").stat().st_size > 5_000
    assert (new_topic_built / "reports/brief.pdf").read_bytes().startswith(b"%PDF")
    ledger = read_csv(new_topic_built / "reports/brief-numbers.csv")
    assert ("12", "rent_arrears_2024") in {(row["shown"], row["id"]) for row in ledger}


def test_an_edition_that_requires_recommendations_says_so_when_it_has_none(new_topic_built, tmp_path):
    import shutil

    folder = tmp_path / "topic"
    shutil.copytree(new_topic_built, folder)
    for path in ("reports/brief.html", "reports/brief.pdf"):
        (folder / path).unlink()
    config = folder / "config/config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nrequirements:\n  recommendations: {min_rows: 1}\n",
                      encoding="utf-8")
    result = snakemake(folder)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "no brief was made (this topic has no earlier brief to keep)" in output
    assert re.search(r"the edition requires at least 1 row of recommendations \(requirements.recommendations in "
                     r"config/config.yaml\)", output), output[-3000:]
    assert not (folder / "reports/brief.html").exists()


def test_a_topic_of_content_and_its_snakefile_alone_builds(new_topic_built, tmp_path):
    """Without profiles/default (run settings only), the folder still builds: what a topic needs
    is its config/, seeds/, data/ and the few-line Snakefile."""
    import shutil

    folder = tmp_path / "bare"
    folder.mkdir()
    for part in ("Snakefile", "config", "seeds", "data"):
        source = new_topic_built / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    shutil.rmtree(folder / "data/processed", ignore_errors=True)
    shutil.rmtree(folder / "data/interim", ignore_errors=True)
    shutil.rmtree(folder / "data/validated", ignore_errors=True)
    result = snakemake(folder)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (folder / "reports/brief.html").read_bytes() == (new_topic_built / "reports/brief.html").read_bytes()
