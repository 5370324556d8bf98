"""Published documents that cannot be read stop with a message that names the file, says what
is wrong and what to do: an encrypted, scanned (no text layer), damaged or empty PDF, and a web
page with no main content."""

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from policybrief.core.errors import InputError
from policybrief.extract.published.read import read_published

PDF = Path(__file__).parent / "published-files" / "federal-register-2020-17221.pdf"


def refusal(path) -> str:
    with pytest.raises(InputError) as caught:
        read_published(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "What to do:" in message
    return message


def test_an_encrypted_pdf_is_refused_with_how_to_get_an_open_copy(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(PDF), pages=(0, 1))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    message = refusal(path)
    assert "encrypted" in message and "password" in message and "qpdf --decrypt" in message


def test_a_scanned_pdf_is_refused_and_says_ocr_is_needed(tmp_path):
    page = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(page).text((100, 100), "In 2016, 136,327 immigrations were registered.", fill="black")
    path = tmp_path / "scanned.pdf"
    page.save(path, "PDF", resolution=150)
    message = refusal(path)
    assert "images but no text layer" in message and "scanned" in message and "OCR" in message
    assert "not read" in message


@pytest.mark.parametrize("damage", ["cut short", "not a pdf", "empty"])
def test_a_damaged_or_empty_pdf_is_refused_with_what_to_do(damage, tmp_path):
    path = tmp_path / "report.pdf"
    data = PDF.read_bytes()
    path.write_bytes({"cut short": data[:2000], "not a pdf": b"<html>Not found</html>", "empty": b""}[damage])
    message = refusal(path)
    assert ("empty" if damage == "empty" else "damaged") in message
    assert "download the document again" in message


def test_a_pdf_of_blank_pages_is_refused_as_having_no_text(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    path = tmp_path / "blank.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    assert "its 1 page holds no text and no images: the PDF is blank" in refusal(path)


def test_a_web_page_with_no_main_content_is_refused(tmp_path):
    path = tmp_path / "index.html"
    path.write_text('<html><body><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>'
                    '<div id="app"></div><script>render()</script></body></html>', encoding="utf-8")
    message = refusal(path)
    assert "no main content" in message and "JavaScript" in message


def test_a_copy_of_the_real_pdf_reads(tmp_path):
    path = shutil.copy(PDF, tmp_path / "notice.pdf")
    text, page_map = read_published(path)
    assert page_map["kind"] == "pdf" and len(page_map["pages"]) == 15 and len(text) > 40000
