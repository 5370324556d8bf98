"""End to end: the project's own edition, as a fresh clone builds it. Its config/, seeds/,
data/supplementary/ (Eurostat's files as downloaded, with their mappings) and the committed
record of the frozen first edition (editions/2026-11-23/) are copied as they are; the build
makes the second edition, compares it with the first, and leaves the first's record byte for
byte. The brief is then read for the editor's points: current data with their definitions
and breaks, evidence graded, inferred metadata marked, no claim the sources do not make,
short enough to be read as a brief."""

import html as html_module
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, copy_project, read_csv, snakemake, without_evidence_links

pytestmark = pytest.mark.e2e
PROJECT_FILES = ["Snakefile", "profiles", "config", "seeds", "data/supplementary", "editions"]
FIRST = "editions/2026-11-23"


def frozen_editions() -> list[Path]:
    return sorted(folder for folder in (ROOT / "editions").iterdir() if (folder / "frozen.json").exists())


def drafts(folder: str, names: list[str]) -> list[str]:
    """The editions' folders that are not frozen (a draft is rewritten by every build, never committed)."""
    frozen = {edition.name for edition in frozen_editions()}
    return [name for name in names if Path(folder) == ROOT / "editions" and name not in frozen]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    # Only what a clone holds: the frozen records, not a draft the last local build kept.
    folder = copy_project(tmp_path_factory.mktemp("project-edition") / "project",
                          parts={part: ROOT for part in PROJECT_FILES}, ignore=drafts)
    result = snakemake(folder)
    assert result.returncode == 0, result.stderr[-4000:]
    return folder


@pytest.fixture(scope="module")
def brief(project) -> str:
    """The brief's web page as a reader sees its words."""
    html = without_evidence_links((project / "reports/brief.html").read_text(encoding="utf-8"))
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return reader_text(html)


def reader_text(html: str) -> str:
    """A page's words as a reader sees them, its quotation marks and apostrophes straight."""
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", html))
    return " ".join(text.translate(str.maketrans("“”‘’", "\"\"''")).split())


def test_the_first_edition_is_committed_frozen_and_kept_byte_for_byte(project):
    assert [folder.name for folder in frozen_editions()] == ["2026-11-23"]
    for path in (ROOT / FIRST).iterdir():
        assert (project / FIRST / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_second_edition_is_compared_with_the_first(project, brief):
    config = yaml.safe_load((project / "config/config.yaml").read_text(encoding="utf-8"))["edition"]
    assert config["number"] == 2
    record = project / "editions" / config["date"]
    assert (record / "brief.pdf").exists() and (record / "changes.csv").exists()
    changes = read_csv(project / "data/processed/changes.csv")
    added = [row for row in changes if row["change"] == "added" and row["what"] == "value"]
    assert len(added) == len(changes) > 0
    assert "Since the previous edition (First edition, 23 November 2026)" in brief
    assert f"{len(added)} values were added" in brief
    # The annex lists every change, not the first of them.
    annex = reader_text((project / "reports/annex.html").read_text(encoding="utf-8"))
    assert "Values added in this edition" in annex and "Values added in this edition, the first" not in annex
    # The Eurostat files are copies another organisation keeps: the annex says so.
    assert "obtained from a public data-analysis repository that downloaded the file from Eurostat" in annex


def test_the_message_rests_on_current_data_with_definitions_and_breaks(project, brief):
    facts = {(row["indicator"], row["period"]): row for row in read_csv(project / "data/processed/facts.csv")
             if row["geography"] == "Belgium"}
    latest = max(period for indicator, period in facts if indicator == "employment_rate_foreign")
    foreign, national = (facts[(name, latest)] for name in ("employment_rate_foreign", "employment_rate_national"))
    gap = float(national["value"]) - float(foreign["value"])
    summary = brief.split("Key findings", 1)[0]
    assert (f"in {latest} the gap was {gap:.1f} percentage points ({foreign['value']}% against "
            f"{national['value']}%; Eurostat, LFSA_ERGAN)") in summary
    breaks = [period for (indicator, period), row in sorted(facts.items())
              if indicator == "employment_rate_foreign" and "b" in row["flag"] and period > "2006"]
    assert breaks == ["2011", "2017", "2021"]
    assert "Eurostat marks breaks in series in between, so the two years are not fully comparable" in summary
    assert "across breaks in series in 2011, 2017 and 2021" in brief
    # Eurostat's foreign citizens are not the research's new migrants: the brief says so.
    assert 'they are not the research\'s "new migrants", and the brief never sets one against the other' in summary
    # Where a series falls since its latest break, the brief says so rather than call it a rise.
    tertiary = {period: row for (indicator, period), row in facts.items() if indicator == "tertiary_share_foreign"}
    assert float(tertiary["2024"]["value"]) < float(tertiary["2021"]["value"])
    assert "and not since the latest break (39.4% in 2021)" in summary
    assert "The share was 30.5% in 2014, 39.4% in 2021 and 38.8% in 2024 (Eurostat, EDAT_LFS_9911)" in brief
    assert "naturalised persons count as nationals" in brief
    # The narrowing is approximate and was not steady: each stretch between breaks is told.
    assert ("Nor was it steady: between breaks the gap narrowed from 11.0 in 2006 to 7.9 in 2010, narrowed from "
            "9.6 in 2011 to 7.6 in 2016, widened from 7.5 in 2017 to 8.7 in 2020 and has changed little since 2021 "
            "(7.0 to 6.7)") in brief
    # A rise that came mostly in the years of breaks in series is told as such.
    assert ("Between breaks the share of foreign citizens rose from 30.5% in 2014 to 31.1% in 2016, rose from 33.6% "
            "in 2017 to 36.1% in 2020 and fell from 39.4% in 2021 to 38.8% in 2024 (Eurostat, EDAT_LFS_9911): most of "
            "the rise came in the years of the breaks") in brief
    assert "The file as downloaded has no share for nationals (Eurostat publishes one)." in brief


def test_each_finding_says_what_evidence_it_rests_on(brief):
    findings = brief.split("Key findings", 1)[1].split("Data age and limitations", 1)[0]
    assert findings.count("Evidence: ") == 6
    assert "citing the international literature; its own data point both ways" in findings
    assert "Evidence: administrative data; the literature the researchers cite; interviews and fieldwork." in findings
    assert "the researchers' conclusion, its evidence not shown" in findings
    # Never stated plainly: the claim on women rests on the literature the summary cites.
    assert "more of them were women" not in brief and "more women than before" not in brief


def test_the_editors_corrections_hold(project, brief):
    # The changes box names what this edition corrects; the rest of the brief must not say it.
    corrections = re.search(r"This edition also corrects the first: [^.]*\. The first edition's own reading [^.]*\.",
                            brief)
    assert corrections and "faster recognition of degrees, which no source recommends, is dropped" in corrections[0]
    brief = brief.replace(corrections[0], "")
    for unsupported in ("faster", "federal coordination", "UN High Level", "sixty recommendations",
                        "a federal research programme", "seeds/", "config/", "data/processed"):
        assert unsupported not in brief, unsupported
    assert "organised jointly by Foreign Affairs, Development, Interior, the International Organization for " \
           "Migration (IOM) and the World Bank" in brief
    assert "more than half of the centres that replied to its survey" in brief
    assert "does not say how many centres replied" in brief
    # Metadata the documents do not state is marked where it is given.
    assert "FPS Foreign Affairs [2006]" in brief and "Fondation pour la Solidarité [2005]" in brief
    assert "Not stated in the document: publisher: the summary names its programme" in brief
    documents = {row["document"]: row for row in read_csv(project / "data/processed/documents.csv")}
    assert documents["migrant-integration-blog-post"]["role"] == "set_aside"
    assert "mentions Belgium only in passing, so this brief sets it aside" in brief
    annex = reader_text((project / "reports/annex.html").read_text(encoding="utf-8"))
    assert "Set aside by this edition: it concerns integration policy in the United Kingdom" in annex
    # The annex keeps the evidence, and names files by their names, not their places in the project.
    for folder in ("config/", "seeds/", "data/", "reports/", "editions/", "logs/"):
        assert folder not in annex, folder


def test_the_brief_reads_as_a_brief(project, brief):
    # The main text: from the summary to the end of the recommendations, tables and the figure
    # left out, as a publisher counts a brief's words.
    page = (project / "reports/brief.html").read_text(encoding="utf-8")
    page = re.sub(r"<(table|figure)\b.*?</\1>", " ", page, flags=re.S)
    main_text = reader_text(page).split("Summary", 1)[1].split("About this brief", 1)[0]
    assert len(main_text.split()) <= 2500
    assert "Contents" not in brief
    pages = PdfReader(project / "reports/brief.pdf").pages
    assert len(pages) <= 8
    assert "Contents" not in (pages[0].extract_text() or "")
    for point in ("Policy briefs on migration and integration in Belgium, number 2", "Disclaimer.",
                  "Authors and contact."):
        assert point in brief, point


def test_belgium_is_set_beside_its_neighbours_in_the_latest_year_with_what_makes_the_difference(project, brief):
    facts = {(row["indicator"], row["geography"]): row for row in read_csv(project / "data/processed/facts.csv")
             if row["period"] == "2024"}

    def rate(indicator, place):
        return float(facts[(indicator, place)]["value"])

    def gap(place):
        return rate("employment_rate_national", place) - rate("employment_rate_foreign", place)

    neighbours = ["France", "Germany", "Luxembourg", "the Netherlands"]
    assert {place for _, place in facts} == {"Belgium", *neighbours}
    wider = sorted((p for p in neighbours if gap(p) > gap("Belgium")), key=gap)
    assert wider == ["France", "the Netherlands", "Germany"]
    summary = brief.split("Key findings", 1)[0]
    assert ("In 2024 the overall gap was narrower than in France, the Netherlands and Germany, where nationals "
            "were more often employed than in Belgium, while in Luxembourg it was reversed.") in summary
    assert (f"In 2024 the gap was narrower in Belgium than in France ({gap('France'):.1f} points; Eurostat: "
            f"definition differs), the Netherlands ({gap('the Netherlands'):.1f}) and Germany ({gap('Germany'):.1f}), "
            "and in Luxembourg foreign citizens were more often employed than nationals.") in brief
    # Where foreign citizens are more often employed than in Belgium, a wider gap comes from the nationals' rate.
    assert all(rate("employment_rate_foreign", p) > rate("employment_rate_foreign", "Belgium")
               for p in ("the Netherlands", "Germany"))
    assert ("In the Netherlands and Germany nationals' higher rate more than accounts for the wider gap: 83.2% "
            "and 80.0%, against 67.7% in Belgium (Eurostat, LFSA_ERGAN).") in brief
    # France's values carry Eurostat's flag d: said where they are compared, and in the data's limits.
    assert 'and notes "definition differs" on those for France.' in brief
    assert "so the comparison shows where Belgium stands, not why" in brief
    # The time series stays Belgium's.
    figure = read_csv(project / "reports/figures/employment.csv")
    assert len(figure) == 38 and all(row["series"].endswith(", Belgium)") for row in figure)


def test_the_brief_dates_its_statistics_and_says_why_table_3_leaves_recommendations_out(project, brief):
    # The amnesty is in Table 3, so the summary names it.
    summary = brief.split("Key findings", 1)[0]
    assert "an amnesty for undocumented migrants, on clear criteria and case by case" in summary
    # The data's date is printed, traced by the ledger to the rows' vintage; neither file states
    # its last update, so the date is the month they were downloaded, and the brief says so.
    assert "Eurostat's data as downloaded in June 2025" in brief
    # The list of sources cites each dataset by its code and official title, with its data's date.
    assert ("Eurostat, LFSA_ERGAN. Employment rates by sex, age and citizenship (%). Downloaded June 2025; "
            "the file states no update.") in brief.replace(" .", ".")
    ledger = read_csv(project / "reports/brief-numbers.csv")
    assert [row["id"] for row in ledger if row["kind"] == "date" and row["table"] == "facts"] == [
        "plugin_employment_rate_foreign_belgium_foreign_citizens_2024",
        "plugin_tertiary_share_foreign_belgium_foreign_citizens_2014",
        "plugin_employment_rate_foreign_belgium_foreign_citizens_2006"]
    # Each NOMIBE recommendation is in Table 3 or named in the text that says why it is not.
    section = brief.split("Recommendations of the Belgian research", 1)[1].split("Proposals for Europe", 1)[0]
    for reference in ("integration policy 1", "integration policy 2", "integration policy 3", "integration policy 4",
                      "labour market 1", "labour market 2", "labour market 3", "labour market 4",
                      "other 1", "other 2", "other 3"):
        assert reference in section, reference


def test_the_pages_use_one_kind_of_quotation_mark(project):
    """Curly quotes throughout: the template's (curled by Pandoc) and the data's (core.markup)."""
    for name in ("brief", "annex"):
        html = (project / f"reports/{name}.html").read_text(encoding="utf-8")
        body = html_module.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style|code)[^>]*>.*?</\1>", " ",
                                                                    html.split("<body", 1)[1], flags=re.S)))
        straight = [body[max(0, m.start() - 30):m.end() + 30] for m in re.finditer(r"\w'\w", body)]
        assert straight == [], (name, straight[:5])


@pytest.mark.parametrize("document", ["brief", "annex"])
def test_no_page_scrolls_sideways_on_a_phone(project, browser, document):
    # A phone's viewport, 390 px wide (a headless window cannot be made that narrow).
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get((project / f"reports/{document}.html").as_uri())
        wider = browser.execute_script(
            "const width = document.documentElement.clientWidth;"
            "return [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll'))"
            ".map(e => e.tagName + ': ' + e.textContent.slice(0, 40));")
        widths = browser.execute_script("return [document.documentElement.scrollWidth, "
                                        "document.documentElement.clientWidth]")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert wider == [] and widths[0] <= widths[1], (widths, wider[:5])
