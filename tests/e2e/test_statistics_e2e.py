"""End to end: the two real Eurostat files plugged in as downloaded, each with its mapping,
and a third file with none, on a copy of a clean build: values, flags, definitions and the
datasets' provenance reach the tables, the brief (both rendered files) and the annex; the
unmapped file gets a proposed mapping."""

import hashlib
import json
import shutil

import pytest
from statistics_layouts import FILES, tsv_bulk

from conftest import read_csv, snakemake, without_evidence_links

pytestmark = pytest.mark.e2e


FIGURE = """
  employment:
    kind: time_series
    indicators: [employment_rate_foreign, employment_rate_national]
    axis: "% of persons aged 15-64 in employment"
    caption: Employment rate of foreign citizens and of Belgian nationals, Belgium
"""
FINDING = """{% set e = series.employment_rate_foreign %}{% set c = e.change_from("2006") %}
**Employment now.** The employment rate of foreign citizens was {{ e.headline }} in {{ e.latest.when }} \
({{ e.latest.source | md }}), {{ c.direction }} {{ c.derived | derived }} percentage points on {{ c.start.when }}\
{% if c.across_breaks %}, across breaks in series in {% for b in c.breaks %}{{ b.when }}{{ ", " if not loop.last }}\
{% endfor %} (definitions or methods changed){% endif %} (@fig-employment).

![{{ figures.employment.caption | md }}](figures/employment){#fig-employment \
fig-alt="{{ figures.employment.alt | attr }}"}

"""


@pytest.fixture(scope="module")
def edition(built, tmp_path_factory):
    project = tmp_path_factory.mktemp("statistics") / "edition"
    shutil.copytree(built, project)
    folder = project / "data" / "supplementary"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("lfsa_ergan.csv", "lfsa_ergan.yaml", "edat_lfs_9911.csv", "edat_lfs_9911.yaml"):
        shutil.copy(FILES / name, folder / name)
    tsv_bulk("lfsa_ergan.csv", folder / "estat_lfsa_ergan.tsv.gz")  # as Eurostat's bulk download names it
    # A figure of the two employment series on one axis, and key-finding words for them.
    with open(project / "config/figures.yaml", "a", encoding="utf-8") as figures:
        figures.write(FIGURE)
    template = project / "config/brief.qmd.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("::: {#edition-changes", FINDING + "::: {#edition-changes", 1), encoding="utf-8")
    result = snakemake(project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return project


def test_the_files_values_reach_the_tables_with_flags_definitions_and_provenance(edition):
    facts = {(f["indicator"], f["period"]): f for f in read_csv(edition / "data/processed/facts.csv")}
    assert facts[("employment_rate_foreign", "2024")]["value"] == "61.0"
    assert facts[("employment_rate_foreign", "2021")]["flag"] == "b"
    assert facts[("tertiary_share_foreign", "2014")]["definition"].startswith("share with tertiary education")
    rows = [r for r in read_csv(edition / "data/processed/supplementary.csv") if r["dataset"] == "LFSA_ERGAN"]
    assert len(rows) == 60 and {r["series_key"] for r in rows} == {"A.PC.T.Y15-64.FOR.BE", "A.PC.T.Y15-64.NAT.BE"}
    digest = hashlib.sha256((FILES / "lfsa_ergan.csv").read_bytes()).hexdigest()
    assert {r["sha256"] for r in rows} == {digest} and {r["source"] for r in rows} == {"Eurostat, LFSA_ERGAN"}


def test_the_brief_tells_each_series_with_its_breaks_and_a_change_since_the_latest_one(edition):
    brief = without_evidence_links((edition / "reports/brief.qmd").read_text(encoding="utf-8"))
    assert ("Employment rate of foreign citizens aged 15\\-64 · Foreign citizens · Belgium: **61.0%** in 2024 "
            "(source: Eurostat, LFSA\\_ERGAN; yearly values for 1995–2024), up 1.8 percentage points since "
            "2021; the series breaks in 1999, 2001, 2005, 2011, 2017 and 2021") in brief
    assert ("**38.8%** in 2024 (source: Eurostat, EDAT\\_LFS\\_9911; yearly values for 2014–2024), "
            "down 0.6") in brief
    # Both files reach 2024: the brief's data age names both.
    assert ("the data files added for this edition reach 2024 (Eurostat, LFSA\\_ERGAN\\; Eurostat, "
            "EDAT\\_LFS\\_9911)") in brief
    ledger = read_csv(edition / "reports/brief-numbers.csv")
    assert any(r["shown"] == "61.0" and r["kind"] == "plug-in value" for r in ledger)
    assert any(r["shown"] == "1.8" and r["kind"] == "derived" for r in ledger)
    html = " ".join((edition / "reports/brief.html").read_text(encoding="utf-8").split())
    assert "61.0%" in html and "a dotted line marks a break in series" in html
    figure = read_csv(edition / "reports/figures/periods.csv")
    assert {r["flag"] for r in figure if r["period"] in ("1999", "2021")} == {"b"}


def test_key_finding_words_and_a_time_series_figure_say_which_breaks_a_change_crosses(edition):
    brief = without_evidence_links((edition / "reports/brief.qmd").read_text(encoding="utf-8"))
    assert ("**Employment now.** The employment rate of foreign citizens was 61.0% in 2024 (Eurostat, "
            "LFSA\\_ERGAN), up 10.0 percentage points on 2006, across breaks in series in 2011, 2017, 2021 "
            "(definitions or methods changed)") in brief
    meta = json.loads((edition / "reports/figures/employment.json").read_text(encoding="utf-8"))
    assert meta["caption"].startswith("Employment rate of foreign citizens and of Belgian nationals, Belgium, "
                                      "1995–2024, a dotted line marks a break in series")
    assert "2021 59.2% (break in series), 2022 61.0%, 2023 60.0%, 2024 61.0% (all from Eurostat, LFSA_ERGAN);" \
        in meta["alt"]
    ledger = read_csv(edition / "reports/brief-numbers.csv")
    assert any(r["shown"] == "10.0" and r["kind"] == "derived" for r in ledger)


def test_the_annex_names_each_dataset_file_checksum_series_key_and_flag(edition):
    annex = (edition / "reports/annex.qmd").read_text(encoding="utf-8")
    digest = hashlib.sha256((FILES / "edat_lfs_9911.csv").read_bytes()).hexdigest()
    for piece in ("### Official statistics: datasets and series", "**Eurostat, LFSA\\_ERGAN: Employment rates by sex",
                  f"SHA-256 `{digest}`", "Series key: `A.PC.T.Y15-64.FOR.BE`",
                  "downloaded June 2025 \\(as the mapping declares", "Flagged: 1999 \\(b\\), 2001 \\(b\\)",
                  "**Flags**, as the statistics' publisher marks its values: b\\: break in time series"):
        assert piece in annex, piece
    assert "estat_lfsa_ergan" not in annex  # not plugged in: it has no mapping
    # The documents' measure of education says what it counts too, so the two are told apart.
    assert ("*What they count*: share with a high level of education, as the labour force survey classes it "
            "\\(the summary does not define the levels\\), among naturalised and non\\-naturalised foreigners "
            "resident in Belgium for less than 10 years (approximately 32%)") in annex


def test_a_file_without_a_mapping_gets_one_proposed_and_does_not_stop_the_build(edition):
    proposals = (edition / "reports/mapping-suggestions.yaml").read_text(encoding="utf-8")
    assert "# estat_lfsa_ergan.tsv.gz: Eurostat TSV (bulk download)" in proposals
    assert "save this as estat_lfsa_ergan.yaml beside the file" in proposals
    assert "# Add: title: <the dataset's title" in proposals
