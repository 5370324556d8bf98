"""End to end: the whole DAG on the real seeds, in temporary copies of the project."""

import re
import shutil

import pytest

from conftest import OUTPUTS, copy_project, read_csv, snakemake

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
    assert gaps == {"All foreign residents": 12, "EU foreigners": 27, "Turks and Moroccans": 9}
    assert all(r["formula"] and r["inputs"] for r in indicators)
    men_per_woman = {r["geography"]: float(r["value"]) for r in indicators
                     if r["indicator"] == "permit_holders_men_per_woman"}
    assert men_per_woman == pytest.approx({"Brussels": 89 / 11, "Wallonia": 79 / 21}, abs=1e-4)


def test_html_is_self_contained_with_figures_and_sections(built):
    html = (built / "reports/brief.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="sec-[^>]*>(.*?)</h2>', html)
    assert headings == ["Key findings", "Who the new migrants are", "Work permits and the labour market",
                        "Social integration services", "Policy coherence and coordination", "Recommendations",
                        "Annex A. Sources and methods", "Annex B. Every number and its source",
                        "Annex C. Data quality", "Annex D. All recommendations"]
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 6 and all('src="data:image/png;base64,' in img and 'alt="' in img for img in images)
    assert not re.search(r'(src|href)="https?://', html)
    assert "32%" in html and "First edition" in html
    # tables scroll inside a wrapper (display: table keeps their semantics) and have header rows
    tables = re.findall(r'<div class="table-scroll">\s*<table.*?</table>', html, re.S)
    assert len(tables) == html.count("<table") >= 6 and all("<thead>" in t and "<th" in t for t in tables)
    # annex A gives each document's whole SHA-256; annex C recomputes the sources' arithmetic
    for document in read_csv(built / "data/processed/documents.csv"):
        sha = document["sha256"]
        assert " ".join(sha[i:i + 16] for i in range(0, 64, 16)) in html
    arithmetic = re.search(r"<caption>Table\xa0\d+: The sources.*?</table>", html, re.S).group()
    assert "53.6" in arithmetic and arithmetic.count("<tr") == 1 + len(
        read_csv(built / "data/processed/checks_sources.csv")) + len(read_csv(built / "data/processed/checks_indicators.csv"))


def test_every_number_in_the_key_findings_is_in_the_tables(built):
    html = (built / "reports/brief.html").read_text(encoding="utf-8")
    section = re.search(r'id="sec-key-findings".*?</ul>', html, re.S).group()
    findings = re.sub(r'<a href="#fn\d+"[^>]*>.*?</a>', " ", section)  # footnote markers are not data
    text = re.sub(r"<[^>]+>", " ", findings)
    numbers = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    rows = [row for name in ("facts", "indicators") for row in read_csv(built / f"data/processed/{name}.csv")]
    known = [float(row["value"]) for row in rows] + [float(year) for row in rows
                                                     for year in re.findall(r"\d{4}", row["period"])]
    unmatched = {n for n in numbers if not any(abs(n - value) <= 0.05 + 1e-9 for value in known)}
    assert len(numbers) >= 15 and not unmatched, unmatched
    # each finding has a note quoting its source sentence and linking to it in Annex B
    notes = re.search(r'<section id="footnotes".*?</section>', html, re.S).group()
    assert section.count("<li>") == len(re.findall(r'class="footnote-ref"', section)) >= 5
    assert notes.count('href="#fact-') >= 5 and "approximately 32% with a high level of education" in notes


def test_pdf_is_a_multi_page_pdf_with_embedded_fonts(built):
    pdf = (built / "reports/brief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5
    assert b"/FontFile" in pdf


def test_validation_report_and_a_second_run_that_does_nothing(built):
    for stage in ("sources", "indicators"):
        assert (built / f"reports/validation/data_docs/{stage}/index.html").exists()
    assert '"critical_failures": 0' in (built / "reports/validation/results.json").read_text()
    again = snakemake(built)
    assert again.returncode == 0 and "Nothing to be done" in again.stdout + again.stderr


def test_a_critical_failure_stops_before_the_brief_and_keeps_the_last_one(built, tmp_path):
    project = tmp_path / "broken"
    shutil.copytree(built, project)  # a good build, timestamps kept
    before = {name: (project / name).read_bytes() for name in ("reports/brief.html", "reports/brief.pdf")}
    catalogue = project / "config/catalogue.yaml"
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


def test_two_clean_builds_give_identical_bytes(built, tmp_path):
    project = copy_project(tmp_path / "second")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    for output in OUTPUTS + ["reports/figures/education_gap.svg", "reports/figures/education_gap.png"]:
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
    assert facts["edu_high_recent_all"]["value"] == "36" and facts["permits_flanders_agriculture_share_polish"]["value"] == "95"
    assert facts["cpas_case_studies_total"]["value"] == "25"
    cpas_text = cpas.read_bytes().decode("utf-8")
    quote = facts["cpas_case_studies_total"]
    assert cpas_text[int(quote["char_start"]):int(quote["char_end"])] == quote["quote"]
    gaps = {r["group"]: r["value"] for r in read_csv(project / "data/processed/indicators.csv")
            if r["indicator"] == "high_education_gap_pp"}
    assert gaps["All foreign residents"] == "16"
    html = (project / "reports/brief.html").read_text(encoding="utf-8")
    assert "36%" in html and "95%" in html
    new = [m for m in read_csv(project / "data/processed/mentions.csv") if m["document"] == "regional-integration-update"]
    assert [(m["text"], m["kind"]) for m in new] == [("2013", "year"), ("45%", "percent"), ("twice", "multiple"), ("2010", "year")]
    listed = [i["text"] for i in read_csv(project / "data/processed/lists.csv") if i["document"] == "regional-integration-update"]
    assert listed == ["Recognise foreign diplomas faster", "Open integration courses in the evening"]
    assert "regional-integration-update" in (project / "data/processed/documents.csv").read_text(encoding="utf-8")

    nomibe.write_text(edited.replace("Among them, only 11% were women.", "Few of them were women."), encoding="utf-8")
    result = snakemake(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "'permits_brussels_share_women'" in output and "seeds/nomibe-research-summary.txt" in output
    assert "Closest passage" in output and "What to do" in output


def test_pdf_key_findings_link_to_their_sentences_in_the_annex(built):
    from pypdf import PdfReader

    reader = PdfReader(built / "reports/brief.pdf")
    texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    annex = next(i for i, text in enumerate(texts) if "Annex B. Every number and its source" in text and i > 0)
    findings = next(i for i, text in enumerate(texts) if "Key findings" in text and "Recent migrants" in text)
    targets = []
    for annotation in reader.pages[findings].get("/Annots") or []:
        link = annotation.get_object()
        destination = link.get("/Dest")
        destination = destination.get_object() if destination is not None else None
        if link.get("/Subtype") == "/Link" and isinstance(destination, list):
            targets.append(reader.get_page_number(destination[0].get_object()))
    assert sum(page >= annex for page in targets) >= 5, (annex, targets)
