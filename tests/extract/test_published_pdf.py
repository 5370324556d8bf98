"""A real PDF read directly (policybrief.extract.published): the Federal Register notice, three
columns with running headers, a masthead, a note up the margin, footnotes and their raised
markers, tables and hyphenation. Measured on every page: no running header, page number or
footnote marker inside the text, every footnote kept with its page, the hand-written catalogue's
15 facts found with their pages."""

import re
from pathlib import Path

import pytest

from policybrief.extract.extraction import extract_document, load_specs
from policybrief.extract.published.page_map import located, location
from policybrief.extract.published.read import read_published

FILES = Path(__file__).parent / "published-files"
PDF = FILES / "federal-register-2020-17221.pdf"
FIRST_PAGE = 47698


@pytest.fixture(scope="module")
def read():
    text, page_map = read_published(PDF)
    return text, page_map


def body_of(text, page_map) -> str:
    """The text before the footnotes, which follow it."""
    starts = [note["start"] for page in page_map["pages"] for note in page["footnotes"]]
    return text[:min(starts)] if starts else text


def test_pages_are_numbered_as_printed_and_each_page_has_its_range(read):
    text, page_map = read
    assert [page["label"] for page in page_map["pages"]] == [str(FIRST_PAGE + i) for i in range(15)]
    ranges = [(page["start"], page["end"]) for page in page_map["pages"] if page["start"] is not None]
    assert ranges == sorted(ranges) and all(start < end for start, end in ranges)
    # Page 8 holds only figures (images): no text, and it says so by an empty range.
    assert page_map["pages"][7]["start"] is None


def test_no_running_header_page_number_or_margin_note_is_left_in_any_page(read):
    text, page_map = read
    for page in page_map["pages"]:
        assert any("Federal Register" in item for item in page["left_out"]), page["page"]
        assert any(item == page["label"] or item.endswith(page["label"]) for item in page["left_out"]), page["page"]
        if page["start"] is None:
            continue
        words = text[page["start"]:page["end"]]
        for furniture in ("Federal Register / Vol", "VerDate", "Sfmt", "jbell on", "PROPOSALS", "<GPH>"):
            assert furniture not in words, (page["page"], furniture)
        assert not re.search(rf"(?<![\d,$–]){page['label']}(?![\d,])", words), page["page"]


def test_footnote_markers_leave_the_sentences_and_footnotes_follow_the_text_with_their_pages(read):
    text, page_map = read
    body = body_of(text, page_map)
    # A raised marker after a word or a comma ("alert,5") is gone from every page's sentences.
    assert not re.search(r"[a-z)][,.;’”]?\d{1,2}(?=\s)", body.replace("+41 (0)41", ""))
    assert "airspeed disagree alert, and altitude disagree alert, and may affect" in body
    notes = [(page["label"], note) for page in page_map["pages"] for note in page["footnotes"]]
    assert [note["marker"] for _, note in notes] == [str(n) for n in range(1, 16)]
    assert {label for label, _ in notes} == {"47699", "47700"}
    markers = [marker["marker"] for page in page_map["pages"] for marker in page["markers"]]
    assert markers == [str(n) for n in range(1, 16)]
    four = next(note for _, note in notes if note["marker"] == "4")
    assert text[four["start"]:four["end"]].startswith("4 The angle of attack (or AOA) is the angle at which")
    # A footnote carried on to the next page is one footnote.
    twelve = next(note for _, note in notes if note["marker"] == "12")
    assert text[twelve["start"]:twelve["end"]].endswith("using control column inputs only.")


def test_columns_are_read_in_order_and_words_broken_at_line_ends_are_joined(read):
    text, page_map = read
    body = body_of(text, page_map)
    # The Lion Air sentence runs from page 1's third column to page 2's first (pdftotext cuts it).
    assert ("On October 29, 2018, a Boeing Model 737–8 airplane operated by Lion Air (Lion Air Flight 610) was "
            "involved in an accident after takeoff from Soekarno-Hatta International Airport in Jakarta, Indonesia, "
            "resulting in 189 fatalities.") in body
    # Page 1's second column ends mid-sentence; the third goes on (pdftotext puts the masthead between).
    assert "reference a specific portion of the proposal, explain the reason" in body
    assert not re.search(r"[a-z]-\s[a-z]", body)
    assert "flightcrew" in body and "FAA-approved" in body and "\u00ad" not in text
    # Accents drawn over their letters as characters of their own are joined to them.
    assert "Agência Nacional de Aviação Civil (ANAC) Brazil" in body


def test_the_hand_written_catalogue_finds_its_15_facts_each_with_its_page_and_box(read, tmp_path):
    text, page_map = read
    path = tmp_path / "federal-register-2020-17221.txt"
    path.write_text(text, encoding="utf-8")
    facts, _, _, _ = extract_document(path, load_specs([FILES / "federal-register-2020-17221.yaml"]))
    pages = {fact["fact_id"]: fact["page"] for fact in located(facts, page_map)}
    assert len(pages) == 15
    assert pages["lion_air_fatalities"] == "47698–47699"
    assert pages["ethiopian_airlines_fatalities"] == "47699"
    assert pages["aoa_sensors"] == "47699"  # in footnote 4
    assert pages["airplanes_of_us_registry"] == "47702"
    assert pages["aoa_test_hours"] == "47703"  # a table's cell
    for fact in located(facts, page_map):
        assert fact["quote"] == text[fact["char_start"]:fact["char_end"]]
        x0, top, x1, bottom = map(float, fact["page_box"].split())
        assert 0 <= x0 < x1 <= 612 and 0 <= top < bottom <= 792


def test_a_location_covers_the_words_of_the_passage_only(read):
    text, page_map = read
    start = text.index("resulting in 157 fatalities")
    found = location(page_map, start, start + len("resulting in 157 fatalities"))
    assert found["page"] == "47699"
    x0, top, x1, bottom = map(float, found["page_box"].split())
    assert bottom - top < 20  # one line
    assert location(page_map, len(text) + 5, len(text) + 9) == {"page": "", "page_box": ""}
    assert location(None, 0, 10) == {"page": "", "page_box": ""}


def test_pages_without_printed_numbers_take_the_pdf_s_page_labels_or_its_order(tmp_path):
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    from typeset_documents import typeset

    from conftest import FIRST_EDITION

    pdf = typeset(FIRST_EDITION / "seeds/cpas-social-integration-study.txt", tmp_path / "study.pdf", numbered=False)
    _, page_map = read_published(pdf)
    assert [page["label"] for page in page_map["pages"]] == ["1", "2"]
    writer = PdfWriter()
    writer.append(PdfReader(pdf))
    writer.set_page_label(0, 0, style=PageLabelStyle.LOWERCASE_ROMAN)
    writer.set_page_label(1, 1, style=PageLabelStyle.DECIMAL, start=7)
    labelled = tmp_path / "labelled.pdf"
    with open(labelled, "wb") as handle:
        writer.write(handle)
    _, page_map = read_published(labelled)
    assert [page["label"] for page in page_map["pages"]] == ["i", "7"]
