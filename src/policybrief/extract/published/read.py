"""A published document (PDF or saved web page) to its text and page map (rules read_batch_*).
The text is what the catalogue's patterns are matched against and what each quote's offsets
point into; the page map says on which page, and where, each line of it stands."""

from pathlib import Path

from policybrief.core.checksums import sha256_of
from policybrief.extract.published.pdf_text import read_pdf
from policybrief.extract.published.web import read_web_page


def read_published(path) -> tuple[str, dict]:
    """A PDF, or a saved web page (.html, .htm: core.documents.DOCUMENT_SUFFIXES)."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        text, page_map = read_pdf(path)
        page_map["kind"] = "pdf"
        page_map["left_out"] = _pdf_left_out(page_map)
    else:
        text, page_map = read_web_page(path)
    page_map.update({"file": path.as_posix(), "sha256": sha256_of(path)})
    return text, page_map


def _pdf_left_out(page_map: dict) -> list[dict]:
    """What the text leaves out, for the annex: running headers, footers and page numbers, and
    text set at an angle (a note up the margin). Footnotes are not left out: they follow the
    text, each a paragraph of its own with its marker, and the page map gives each its page."""
    furniture = sorted({text for page in page_map["pages"] for text in page["left_out"]})
    if not furniture:
        return []
    return [{"what": "running headers, footers, page numbers and text set up the margin", "words": 0,
             "text": "\n".join(furniture)}]
