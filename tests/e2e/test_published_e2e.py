"""End to end: two documents as published, on a copy of a clean build. The research summary is
swapped for the same text typeset as a two-column PDF (running header, page numbers, footnotes,
hyphenation) and the blog post for the same text saved as a web page (menu, sharing links,
comments, footer). The facts reach the tables with their pages and positions; the brief cites
key findings by page; the annex cites each sentence by page, shows it on its page, and says what
reading the PDF and the web page left out. A damaged PDF then stops the build, naming the file,
and leaves the brief as it was."""

import hashlib
import json
import re
import shutil

import pytest
from typeset_documents import typeset, web_page

from conftest import read_csv, snakemake

pytestmark = pytest.mark.e2e

RESEARCH = "nomibe-research-summary"
BLOG = "migrant-integration-blog-post"


@pytest.fixture(scope="module")
def published(built, tmp_path_factory):
    project = tmp_path_factory.mktemp("published") / "project"
    shutil.copytree(built, project)
    seeds = project / "seeds"
    typeset(seeds / f"{RESEARCH}.txt", project / f"{RESEARCH}.pdf", columns=2)
    (project / f"{RESEARCH}.pdf").rename(seeds / f"{RESEARCH}.pdf")
    (project / f"{RESEARCH}.typ").unlink()
    blog = (seeds / f"{BLOG}.txt").read_text(encoding="utf-8")
    (seeds / f"{BLOG}.html").write_text(web_page(blog, "belote en ligne"), encoding="utf-8")
    for document in (RESEARCH, BLOG):
        (seeds / f"{document}.txt").unlink()
    # The slides carry no date: the inventory says so, and how it dated them.
    inventory = project / "config/documents.yaml"
    text = inventory.read_text(encoding="utf-8")
    inventory.write_text(text.replace('  date: "2006"\n', '  date: "2006"\n  inferred:\n    date: "the slides carry no '
                                      'date; 2006 from the events they name"\n', 1), encoding="utf-8")
    result = snakemake(project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return project


def test_the_documents_as_published_reach_the_tables_with_pages_and_positions(published, built):
    documents = {row["document"]: row for row in read_csv(published / "data/processed/documents.csv")}
    pdf = published / "seeds" / f"{RESEARCH}.pdf"
    assert documents[RESEARCH]["path"] == f"seeds/{RESEARCH}.pdf"
    assert documents[RESEARCH]["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert documents[BLOG]["path"] == f"seeds/{BLOG}.html"
    before = {row["fact_id"]: row for row in read_csv(built / "data/processed/facts.csv")}
    facts = {row["fact_id"]: row for row in read_csv(published / "data/processed/facts.csv")}
    assert set(facts) == set(before)
    for fact_id, fact in facts.items():
        assert fact["value"] == before[fact_id]["value"], fact_id
        text = (published / "data/interim/text" / f"{fact['document']}.txt").read_text(encoding="utf-8") \
            if fact["document"] in (RESEARCH, BLOG) else None
        if fact["document"] == RESEARCH:
            assert re.fullmatch(r"\d+(–\d+)?", fact["page"]) and len(fact["page_box"].split()) == 4, fact_id
            assert text[int(fact["char_start"]):int(fact["char_end"])] == fact["quote"]
        elif fact["document"] == BLOG:
            assert fact["page"] == "" and text[int(fact["char_start"]):int(fact["char_end"])] == fact["quote"]
        else:
            assert fact["page"] == "" and fact["quote"] == before[fact_id]["quote"]
    statements = read_csv(published / "data/processed/statements.csv")
    assert all(row["page"] for row in statements if row["document"] == RESEARCH)
    page_map = json.loads((published / "data/interim/text" / f"{RESEARCH}.pages.json").read_text(encoding="utf-8"))
    assert page_map["kind"] == "pdf" and sum(len(page["footnotes"]) for page in page_map["pages"]) >= 3


def test_the_brief_cites_key_findings_by_page_and_its_ledger_traces_each_page(published):
    brief = (published / "reports/brief.qmd").read_text(encoding="utf-8")
    cited = re.findall(r"\[Martiniello et al\\\., 2008, pp?\. (\d+(?:–\d+)?)\]\(annex\.html#([\w-]+)\)", brief)
    assert len(cited) >= 3, brief[:3000]
    ledger = read_csv(published / "reports/brief-numbers.csv")
    pages = [row for row in ledger if row["kind"] == "text of a row (page)"]
    assert pages and {row["table"] for row in pages} <= {"facts", "statements"}
    text = (published / "reports/rendered/brief.html").read_text(encoding="utf-8")
    assert re.search(r"Martiniello et al\.,\s+2008,\s+p\.\s+\d+", text)  # (Pandoc ties "p." to its number)


def test_the_annex_cites_by_page_shows_each_sentence_on_its_page_and_says_what_was_left_out(published):
    annex = (published / "reports/annex.qmd").read_text(encoding="utf-8")
    assert re.search(r"\[Martiniello et al\\\. \\\(2008\\\), p\. \d+; characters \d+–\d+ of the text read from it\]"
                     r"\{\.offsets\}", annex)
    pictures = re.findall(r"!\[(.+?)\]\((quotes/[\w.-]+\.png)\)\{fig-alt=\"(.+?)\" width=\"\d+pt\" \.quote-page\}",
                          annex)
    assert len(pictures) >= 10
    for description, file, alt in pictures:
        assert description.replace("\\", "") == alt.replace("\\", "")  # the sentence, seen or read out
        assert (published / "reports" / file).stat().st_size > 1000
        assert file.startswith(f"quotes/{RESEARCH}-")
    facts = [f for f in read_csv(published / "data/processed/facts.csv") if f["document"] == RESEARCH]
    alts = {alt for _, _, alt in pictures}
    assert any(fact["quote"].split()[0] in alt for fact in facts for alt in alts)
    assert "was read from its saved web page: its text leaves out comments (166 words, beginning “belote en" in annex
    assert re.search(r"Martiniello et al\\\. \\\(2008\\\) was read from its PDF \(\d+ pages\)", annex)
    html = (published / "reports/rendered/annex.html").read_text(encoding="utf-8")
    assert html.count('class="quote-page"') == len(pictures) and 'src="data:image/png;base64,' in html


def test_a_damaged_pdf_stops_the_build_naming_it_and_the_brief_stays(published, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(published, project)
    brief = (project / "reports/brief.html").read_bytes()
    pdf = project / "seeds" / f"{RESEARCH}.pdf"
    pdf.write_bytes(pdf.read_bytes()[:3000])  # a download cut short
    result = snakemake(project)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"seeds/{RESEARCH}.pdf: the file is not a PDF that can be read" in said, said[-3000:]
    assert "What to do: download the document again" in said and "Traceback" not in said
    assert (project / "reports/brief.html").read_bytes() == brief


def test_a_catalogued_sentence_missing_from_a_pdf_names_the_pdf_and_its_text(published, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(published, project)
    catalogue = project / "config/catalogue" / f"{RESEARCH}.yaml"
    text = catalogue.read_text(encoding="utf-8")
    pattern = re.search(r'pattern: "([^"]{20,})"', text)[1]
    catalogue.write_text(text.replace(pattern, "A sentence the PDF does not hold {value} times", 1), encoding="utf-8")
    result = snakemake(project)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"seeds/{RESEARCH}.pdf (as read into data/interim/text/{RESEARCH}.txt): catalogue entry") in said, \
        said[-3000:]


def test_a_date_the_document_does_not_state_is_bracketed_and_explained(published):
    brief = (published / "reports/brief.qmd").read_text(encoding="utf-8")
    annex = (published / "reports/annex.qmd").read_text(encoding="utf-8")
    assert "FPS Foreign Affairs \\[2006\\]" in brief and "FPS Foreign Affairs (2006)" not in brief
    assert ("*Not stated in the document, the brief's inference:* date: the slides carry no date; 2006 from the "
            "events they name.") in annex.replace("\\", "")
    ledger = read_csv(published / "reports/brief-numbers.csv")
    assert any(row["table"] == "documents" and row["id"] == "policy-coherence-migration-briefing" for row in ledger)
