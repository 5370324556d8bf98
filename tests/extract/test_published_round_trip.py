"""The round trip: each of the five seeds typeset as a PDF (Typst, one and two columns, with a
running header, page numbers, footnotes and, in two columns, justified and hyphenated lines)
and read back gives the same facts, statements and recommendations as its text (values, quotes
up to whitespace and the hyphens of words broken at line ends, the recommendations by audience
and number), each on the page that holds it; and the blog post saved as a web page gives the
same facts, its comments left out and said to be."""

import re
from pathlib import Path

import pytest
from typeset_documents import FOOTNOTE_EVERY, typeset, web_page

from policybrief.extract.extraction import extract_document, load_specs
from policybrief.extract.published.page_map import located
from policybrief.extract.published.read import read_published

from conftest import FIRST_EDITION

SEEDS = sorted(path.stem for path in (FIRST_EDITION / "seeds").glob("*.txt"))
BLOG = "migrant-integration-blog-post"


def comparable(text: str) -> str:
    """A quote up to whitespace and the hyphen of a word broken at a line's end (the text seeds,
    made by pdftotext, keep "particu-\\nlarly"; a PDF reader joins it)."""
    return re.sub(r"\s+", "", re.sub(r"-\s+", "", text)).replace("-", "")


def tables(text_path: Path, document: str):
    specs = load_specs([FIRST_EDITION / "config/catalogue" / f"{document}.yaml"])
    facts, items, _, statements = extract_document(text_path, specs)
    return facts, items, statements


def summary(facts, items, statements) -> dict:
    return {
        "facts": {f["fact_id"]: (f["value"], f["unit"], f["period"], comparable(f["quote"])) for f in facts},
        "statements": {s["statement_id"]: comparable(s["quote"]) for s in statements},
        "items": {i["item_id"]: (i["list"], comparable(i["audience"]), i["number"], comparable(i["text"]))
                  for i in items},
    }


@pytest.fixture(scope="module")
def expected():
    return {document: summary(*tables(FIRST_EDITION / "seeds" / f"{document}.txt", document)) for document in SEEDS}


def page_words(pdf: Path) -> list[str]:
    """Each page's characters as PDFium gives them, letters and digits only: what the page
    holds, by a reading independent of ours."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [re.sub(r"[\W_]+", "", page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


@pytest.mark.parametrize("columns", [1, 2])
@pytest.mark.parametrize("document", SEEDS)
def test_a_seed_typeset_as_pdf_reads_back_to_the_same_tables_on_the_right_pages(document, columns, expected,
                                                                              tmp_path):
    pdf = typeset(FIRST_EDITION / "seeds" / f"{document}.txt", tmp_path / f"{document}.pdf", columns=columns)
    text, page_map = read_published(pdf)
    text_path = tmp_path / f"{document}.txt"
    text_path.write_text(text, encoding="utf-8")
    facts, items, statements = tables(text_path, document)
    assert summary(facts, items, statements) == expected[document]
    # Each fact, statement and item lies on the pages its row gives: its first words on the first,
    # its last on the last (the typesetting numbers pages from 1, as the PDF does).
    pages = page_words(pdf)
    for row in located(facts + statements + items, page_map):
        first, _, last = row["page"].partition("–")
        words = [re.sub(r"[\W_]+", "", word) for word in (row.get("quote") or row["raw"]).split()]
        words = [word for word in words if word]
        span = 1 if last else 3  # a passage across pages may break after its first word
        assert "".join(words[:span]) in pages[int(first) - 1], (row["page"], words[:span])
        assert "".join(words[-span:]) in pages[int(last or first) - 1], (row["page"], words[-span:])
    # The footnotes the typesetting added are out of the sentences, each kept with its page.
    notes = [note for page in page_map["pages"] for note in page["footnotes"]]
    assert len(notes) >= 1 and all(text[n["start"]:n["end"]].startswith(f"{n['marker']} Note ") for n in notes)
    body = text[:notes[0]["start"]]
    assert "Note 1 on the paragraph" not in body and "Migration research series" not in body
    assert len(page_map["pages"]) > 1 and FOOTNOTE_EVERY


def test_the_blog_post_saved_as_a_web_page_gives_the_same_facts_without_its_comments(expected, tmp_path):
    seed = (FIRST_EDITION / "seeds" / f"{BLOG}.txt").read_text(encoding="utf-8")
    page = tmp_path / f"{BLOG}.html"
    page.write_text(web_page(seed, "belote en ligne"), encoding="utf-8")
    text, page_map = read_published(page)
    text_path = tmp_path / f"{BLOG}.txt"
    text_path.write_text(text, encoding="utf-8")
    facts, items, statements = tables(text_path, BLOG)
    assert summary(facts, [], statements) == {**expected[BLOG], "items": {}}
    assert "belote en ligne" not in text and "Share this" not in text and "Recent posts" not in text
    comments = next(item for item in page_map["left_out"] if item["what"] == "comments")
    assert comments["text"].startswith("belote en ligne") and comments["words"] > 100
    assert page_map["kind"] == "web page" and page_map["pages"] == []
