"""End to end: the whole DAG on the real seeds, in temporary copies of the project."""

import json
import re
import shutil

import pytest

from conftest import OUTPUTS, catalogue_file_with, copy_project, read_csv, snakemake

pytestmark = pytest.mark.e2e
def test_facts_follow_the_contract_and_quote_their_documents(built):
    facts = read_csv(built / "data/processed/facts.csv")
    assert len(facts) >= 40
    assert list(facts[0])[:13] == ["fact_id", "document", "indicator", "label", "value", "unit", "period",
                                   "geography", "group", "qualifier", "quote", "char_start", "char_end"]
    for fact in facts:
        text = (built / "seeds" / f"{fact['document']}.txt").read_text(encoding="utf-8")
        assert text[int(fact["char_start"]):int(fact["char_end"])] == fact["quote"], fact["fact_id"]
        float(fact["value"])
    documents = read_csv(built / "data/processed/documents.csv")
    assert len(documents) == 5 and all(len(d["sha256"]) == 64 for d in documents)


def test_recommendations_and_indicators(built):
    recommendations = read_csv(built / "data/processed/recommendations.csv")
    foundation = [r for r in recommendations if r["list"] == "foundation_recommendations"]
    assert [r["number"] for r in foundation] == [str(n) for n in range(1, 61)]
    nomibe = [r["audience"] for r in recommendations if r["list"] == "nomibe_policy_recommendations"]
    assert nomibe == ["Integration policy"] * 4 + ["Labour market"] * 4 + ["Other"] * 3
    groups = [r for r in read_csv(built / "data/processed/lists.csv") if r["kind"] == "target_group"]
    assert len(groups) == 6 and groups[-1]["text"] == "undocumented migrants"
    mentions = read_csv(built / "data/processed/mentions.csv")
    claimed = {m["fact_id"] for m in mentions if m["fact_id"]}
    assert claimed == {f["fact_id"] for f in read_csv(built / "data/processed/facts.csv")}
    indicators = read_csv(built / "data/processed/indicators.csv")
    gaps = {r["group"]: float(r["value"]) for r in indicators if r["indicator"] == "high_education_gap_pp"}
    assert gaps == {"Naturalised and non-naturalised foreigners": 12, "EU foreigners": 27, "Turks and Moroccans": 9}
    assert all(r["formula"] and r["inputs"] for r in indicators)
    # no derived number that misleads: no ratio of a maximum to a typical time, no shares from
    # "twice as many", no ratios on tiny bases, no keyword counts
    assert not {r["indicator"] for r in indicators} & {"permit_processing_time_ratio", "work_permits_regional_share",
                                                         "high_education_ratio", "recommendations_by_theme"}


def brief_and_annex(built):
    return ((built / "reports/brief.html").read_text(encoding="utf-8"),
            (built / "reports/annex.html").read_text(encoding="utf-8"))


def test_the_brief_reads_as_a_policy_brief_and_the_evidence_is_in_the_annex(built):
    brief, annex = brief_and_annex(built)
    headings = re.findall(r'<h2 id="sec-[^>]*>(.*?)</h2>', brief)
    assert headings == ["Summary", "Key findings", "Who the new migrants are", "Work permits and labour markets",
                        "Integration in practice: the welfare centres", "Coordination of migration policy",
                        "Policy implications", "Recommendations", "About this brief"]
    assert 'id="data-age"' in brief and "Data age and limitations" in brief
    box = re.search(r'id="data-age".*?</div>', brief, re.S).group()
    assert box.count("<li>") == 5  # period, what the sources can say, research or not, coverage, definitions
    # no internals for policy readers: no paths, checksums or tool names
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", brief, flags=re.S))
    for internal in ("seeds/", ".csv", "config/", "SHA-256", "Great Expectations", "Snakemake", "catalogue"):
        assert internal not in text, internal
    for document in read_csv(built / "data/processed/documents.csv"):
        assert document["sha256"] not in brief and document["sha256"][:16] in annex
    # raw markup of the sources never reaches the page
    assert "**new migrant**" not in brief + annex and "\\leq" not in brief and "$" not in text
    images = re.findall(r"<img [^>]*>", brief)
    assert len(images) == 3 and all('src="data:image/png;base64,' in img and 'alt="' in img for img in images)
    # nothing is loaded from the network: no remote src, and a remote href only on a link a reader follows
    assert not re.search(r'src="https?://', brief + annex)
    assert all(tag.startswith("<a ") for tag in re.findall(r'<[^>]*href="https?://[^>]*>', brief + annex))
    annex_headings = re.findall(r'<h2 id="sec-[^>]*>(.*?)</h2>', annex)
    assert annex_headings == ["A. Source documents", "B. Every number and its source", "C. Methods",
                              "D. Data quality", "E. All recommendations", "F. Data behind the figures",
                              "G. Changes since the previous edition", "H. Numbers not yet in the catalogue"]
    # each document links to the other
    assert 'href="annex.html' in brief and 'href="brief.html"' in annex
    # every recommendation verbatim, the source's errors marked
    assert "romote [sic] and support" in annex and annex.count("[sic]") >= 5
    # the data behind each figure, as a table and as a CSV download
    assert annex.count('download="') == 3 and 'href="data:text/csv;charset=utf-8;base64,' in annex
    arithmetic = re.search(r"<caption>Table\xa0\d+: The sources.*?</table>", annex, re.S).group()
    assert "53.6" in arithmetic and arithmetic.count("<tr") == (
        1 + len(read_csv(built / "data/processed/checks_sources.csv"))
        + len(read_csv(built / "data/processed/checks_indicators.csv")))


def test_every_key_finding_is_dated_and_links_to_its_sentence_in_the_annex(built):
    brief, annex = brief_and_annex(built)
    section = re.search(r'id="sec-key-findings".*?</ul>', brief, re.S).group()
    findings = re.findall(r"<li>(.*?)</li>", section, re.S)
    assert len(findings) == 6
    annex_ids = set(re.findall(r' id="([^"]+)"', annex))
    for finding in findings:
        text = re.sub(r"<[^>]+>", " ", finding)
        assert re.search(r"\b(19|20)\d\d\b", text), text  # each finding says when
        # a number's sentence, or the sentence of a statement for a finding without a number
        links = re.findall(r'href="annex\.html#((?:fact|statement)-[^"]+)"', finding)
        assert links and set(links) <= annex_ids, finding
    # every number in the findings is in the tables (years as fact values or in periods)
    text = re.sub(r"<[^>]+>", " ", section)
    numbers = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    rows = [row for name in ("facts", "indicators") for row in read_csv(built / f"data/processed/{name}.csv")]
    documents = read_csv(built / "data/processed/documents.csv")
    known = ([float(row["value"]) for row in rows]
             + [float(y) for row in rows for y in re.findall(r"\d{4}", row["period"])]
             + [float(d["date"][:4]) for d in documents])
    unmatched = {n for n in numbers if not any(abs(n - value) <= 0.05 + 1e-9 for value in known)}
    assert len(numbers) >= 12 and not unmatched, unmatched


def test_pdf_is_a_multi_page_pdf_with_embedded_fonts(built):
    pdf = (built / "reports/brief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and 6 <= len(re.findall(rb"/Type\s*/Page\b", pdf)) <= 9  # about 6-8 pages
    assert b"/FontFile" in pdf
    annex = (built / "reports/annex.pdf").read_bytes()
    assert annex.startswith(b"%PDF") and b"/FontFile" in annex


def test_validation_report_and_a_second_run_that_does_nothing(built):
    for stage in ("sources", "indicators"):
        assert (built / f"reports/validation/data_docs/{stage}/index.html").exists()
    assert '"critical_failures": 0' in (built / "reports/validation/results.json").read_text()
    again = snakemake(built)
    assert again.returncode == 0 and "Nothing to be done" in again.stdout + again.stderr


def test_a_critical_failure_stops_before_the_brief_and_keeps_the_last_one(built, tmp_path):
    project = tmp_path / "broken"
    shutil.copytree(built, project)  # a good build, timestamps kept
    before = {name: (project / name).read_bytes() for name in ("reports/brief.html", "reports/brief.pdf",
                                                                "reports/annex.html", "reports/annex.pdf")}
    catalogue = catalogue_file_with(project, "  - id: edu_high_recent_all\n")
    text = catalogue.read_text(encoding="utf-8")
    broken = text.replace("  - id: edu_high_recent_all\n", "  - id: edu_high_recent_all\n    scale: 10\n", 1)
    assert broken != text
    catalogue.write_text(broken, encoding="utf-8")
    result = snakemake(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/processed/facts.csv" in output and "expect_column_values_to_be_between" in output
    assert "fact_id=edu_high_recent_all -> '320'" in output
    after = {name: (project / name).read_bytes() for name in before}
    assert after == before
    # the message names reports that exist, and the summary says this build failed
    assert "Details: reports/validation/sources.json" in output
    assert (project / "reports/validation/data_docs/sources/index.html").is_file()
    summary = json.loads((project / "reports/validation/results.json").read_text(encoding="utf-8"))
    assert summary["success"] is False and summary["stages_not_run"] == ["indicators"]
    assert summary["critical_failures"] >= 1 and not any(name.startswith("indicators/") for name in summary["suites"])


def test_two_clean_builds_give_identical_bytes(built, tmp_path):
    project = copy_project(tmp_path / "second")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    for output in OUTPUTS + ["reports/annex.qmd", "reports/annex.html", "reports/annex.pdf",
                             "reports/figures/education_gap.svg", "reports/figures/education_gap.png",
                             "reports/figures/education_gap.csv"]:
        assert (project / output).read_bytes() == (built / output).read_bytes(), output


def test_a_new_edition_flows_through_and_a_lost_sentence_stops_the_build(built, tmp_path):
    project = tmp_path / "edition"
    shutil.copytree(built, project)
    seeds = project / "seeds"
    nomibe = seeds / "nomibe-research-summary.txt"
    text = nomibe.read_text(encoding="utf-8")
    edited = text.replace("approximately 32% with a high level", "approximately 36% with a high level")
    edited = edited.replace("Moreover, 97% of the work permits", "Moreover, 95% of the work permits")
    assert edited.count("36%") == 1 and edited != text
    nomibe.write_text(edited, encoding="utf-8")
    # A document saved on Windows (BOM, CRLF) and a new document nobody catalogued.
    cpas = seeds / "cpas-social-integration-study.txt"
    cpas.write_bytes(b"\xef\xbb\xbf" + cpas.read_bytes().replace(b"\n", b"\r\n"))
    (seeds / "regional-integration-update.txt").write_text(
        "Regional integration update\n\nIn 2013, 45% of newcomers took a language course, twice as many as "
        "in 2010.\n\nPriorities:\n\n- Recognise foreign diplomas faster\n- Open integration courses in the evening\n",
        encoding="utf-8")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    facts = {f["fact_id"]: f for f in read_csv(project / "data/processed/facts.csv")}
    assert (facts["edu_high_recent_all"]["value"] == "36"
            and facts["permits_flanders_agriculture_share_polish"]["value"] == "95")
    assert facts["cpas_case_studies_total"]["value"] == "25"
    cpas_text = cpas.read_bytes().decode("utf-8")
    quote = facts["cpas_case_studies_total"]
    assert cpas_text[int(quote["char_start"]):int(quote["char_end"])] == quote["quote"]
    gaps = {r["group"]: r["value"] for r in read_csv(project / "data/processed/indicators.csv")
            if r["indicator"] == "high_education_gap_pp"}
    assert gaps["Naturalised and non-naturalised foreigners"] == "16"
    html = (project / "reports/brief.html").read_text(encoding="utf-8")
    assert "36%" in html and "95%" in html
    # the uncatalogued document is counted, not cited, and not called a source of the background
    page_text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert ("folder also holds one document that its inventory does not describe; the brief does not use it, "
            "and the annex lists it." in page_text)
    assert "The brief draws on the five documents below" in page_text and "Regional integration update" not in page_text
    new = [m for m in read_csv(project / "data/processed/mentions.csv")
           if m["document"] == "regional-integration-update"]
    assert [(m["text"], m["kind"]) for m in new] == [("2013", "year"), ("45%", "percent"), ("twice", "multiple"),
                                                     ("2010", "year")]
    listed = [i["text"] for i in read_csv(project / "data/processed/lists.csv")
              if i["document"] == "regional-integration-update"]
    assert listed == ["Recognise foreign diplomas faster", "Open integration courses in the evening"]
    assert "regional-integration-update" in (project / "data/processed/documents.csv").read_text(encoding="utf-8")

    nomibe.write_text(edited.replace("Among them, only 11% were women.", "Few of them were women."), encoding="utf-8")
    result = snakemake(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "'permits_brussels_share_women'" in output and "seeds/nomibe-research-summary.txt" in output
    assert "Closest passage" in output and "What to do" in output


def test_pdf_key_findings_link_to_named_destinations_of_the_annex(built):
    from pypdf import PdfReader

    brief, annex = PdfReader(built / "reports/brief.pdf"), PdfReader(built / "reports/annex.pdf")
    destinations = set(annex.named_destinations)
    targets = []
    for page in brief.pages[:2]:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if str(action.get("/URI", "")).startswith(("annex.pdf#fact-", "annex.pdf#statement-")):
                targets.append(str(action["/URI"]).split("#", 1)[1])
    assert len(targets) >= 6 and set(targets) <= destinations, set(targets) - destinations


def test_each_number_of_the_brief_links_to_its_evidence_in_both_documents(built):
    from pypdf import PdfReader

    brief, annex = brief_and_annex(built)
    links = re.findall(r'<a href="annex\.html#([^"]+)" class="evidence">', brief)
    ids = set(re.findall(r'id="([^"]+)"', annex))
    assert len(links) >= 120 and set(links) <= ids, set(links) - ids
    assert {target.split("-")[0] for target in links} >= {"fact", "doc", "sec"}
    # Each marked number of the body has its link, but the edition's own date and the ranks.
    marks = json.loads((built / "reports/brief-marks.json").read_text(encoding="utf-8"))["marks"]
    qmd = (built / "reports/brief.qmd").read_text(encoding="utf-8").splitlines()

    def linked_or_alt_text(mark):
        line = qmd[mark["line"] - 1]
        return line[mark["end"]:].startswith("](annex.html#") or 'fig-alt="' in line[:mark["start"]]

    unlinked = {(m["kind"], m["table"]) for m in marks if not linked_or_alt_text(m)}
    assert unlinked <= {("date", "edition"), ("year", "edition"), ("rank", "brief")}, unlinked
    # In print, to the annex's PDF: a fact to its named destination, a document to the sources.
    destinations = set(PdfReader(built / "reports/annex.pdf").named_destinations)
    targets = [str((annotation.get_object().get("/A") or {}).get("/URI", ""))
               for page in PdfReader(built / "reports/brief.pdf").pages for annotation in page.get("/Annots") or []]
    anchors = {target.split("#", 1)[1] for target in targets if target.startswith("annex.pdf#")}
    assert len(targets) >= 120 and anchors <= destinations, anchors - destinations


def test_the_ledger_traces_every_number_of_the_brief_and_the_annex_shows_its_totals(built):
    rows = read_csv(built / "reports/brief-numbers.csv")
    assert len(rows) >= 150 and all(row["kind"] != "untraced" and row["table"] for row in rows)
    kinds = {row["kind"] for row in rows}
    assert {"fact", "year", "period", "reference", "rank", "date", "derived"} <= kinds
    # every table row's gap recomputes, and the data of the summary's first sentence is a fact
    assert sum(row["kind"] == "derived" for row in rows) >= 4
    annex = " ".join((built / "reports/annex.html").read_text(encoding="utf-8").split())
    assert f"The ledger of this edition holds {len(rows)} numbers" in annex


def test_a_number_typed_into_the_template_stops_the_build_before_the_render(built, tmp_path):
    project = tmp_path / "typed"
    shutil.copytree(built, project)
    before = {name: (project / name).read_bytes() for name in ("reports/brief.html", "reports/brief.pdf")}
    template = project / "config/brief.qmd.j2"
    text = template.read_text(encoding="utf-8")
    typed = text.replace("## Who the new migrants are {#sec-who}\n",
                         "## Who the new migrants are {#sec-who}\n\nIn 2019, 42% of new migrants were women.\n", 1)
    assert typed != text
    template.write_text(typed, encoding="utf-8")
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "reports/brief.qmd: 2 number(s) in the brief do not trace" in output
    assert "a number the template printed without saying what it is" in output
    assert "“In 2019, 42% of new migrants were women.”" in output and "section Who the new migrants are" in output
    assert {name: (project / name).read_bytes() for name in before} == before


def test_every_table_has_the_columns_the_registry_declares(built):
    from policybrief.core.tables import TABLES

    for table in TABLES.values():
        with open(built / table.path, encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split(",")
        assert header == list(table.columns), table.name
