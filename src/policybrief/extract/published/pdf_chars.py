"""The characters of a PDF with their boxes, by PDFium (pypdfium2: BSD-3-Clause/Apache-2.0, the
engine of Chromium's PDF viewer; about 140 pages a second with every character's box on this
machine, ten times pdfplumber's pace, benchmarks/pdf_pages.py).

PDFium gives characters in the order of the page's content stream, which is not reading order
(a page's footnotes may come first); policybrief.extract.published.layout rebuilds that order
from the boxes. Boxes are PDFium's loose boxes (the font's ascent to descent), whose height is
the font size as drawn: PDFium's own font size is the size before the text matrix scales it.
"""

import math
from dataclasses import dataclass
from pathlib import Path

from policybrief.core.errors import InputError


@dataclass(frozen=True)
class Char:
    """One character drawn on a page; coordinates in points from the page's top-left corner."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    ink_bottom: float  # the bottom of the glyph as drawn: above the baseline for a superscript glyph

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, as the PDF orders its pages
    width: float
    height: float
    chars: tuple[Char, ...]
    # Text set at an angle (a margin note up the page's edge), left out of the reading.
    rotated: str = ""
    # The page's label in the PDF's own page labels (/PageLabels: "iv", "12"), if it has them.
    label: str = ""


def read_pages(path) -> list[Page]:
    """Every page's characters. An encrypted, damaged or empty PDF, or one with no text layer
    (scanned), stops here, naming the file and what to do."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    path = Path(path)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise InputError(path, _open_problem(path, error), _open_hint(path, error)) from None
    try:
        pages = [_page(document, index, pdfium_c) for index in range(len(document))]
        images = 0 if any(page.chars for page in pages) else _images(document, pdfium_c)
    finally:
        document.close()
    if not pages:
        raise InputError(path, "the PDF has no pages.", "replace it with the document as published, or remove it "
                                                        "from seeds/.")
    if not any(page.chars for page in pages):
        count = f"{len(pages)} page holds" if len(pages) == 1 else f"{len(pages)} pages hold"
        if not images:
            raise InputError(path, f"its {count} no text and no images: the PDF is blank, so there is nothing "
                                   "to read.", "replace it with the document as published, or remove it from seeds/.")
        raise InputError(path, f"its {count} images but no text layer: it is a scanned document, and the "
                               "build does not read images, so the document is not read.",
                         "run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`, which adds a text layer), check the "
                         "text it finds, and put that PDF in seeds/; or ask the publisher for a PDF with text.")
    return pages


def _images(document, pdfium_c) -> int:
    """How many images the document's pages draw."""
    count = 0
    for index in range(len(document)):
        page = document[index]
        try:
            count += sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        finally:
            page.close()
    return count


# Characters whose drawn bottom tells a superscript glyph (a font's own raised figures).
MARKER_CHARACTERS = frozenset("0123456789†‡§¶")
_DROPPED = frozenset((0, 0x0D, 0x0A, 0xFFFE, 0xFFFF))


def _page(document, index: int, pdfium_c) -> Page:
    import ctypes

    page = document[index]
    # PDFium's C calls, not the helpers around them, and only those a character needs: a page
    # has thousands of characters.
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    get_angle, get_loose, get_origin = (pdfium_c.FPDFText_GetCharAngle, pdfium_c.FPDFText_GetLooseCharBox,
                                        pdfium_c.FPDFText_GetCharOrigin)
    origin_x, origin_y, loose = ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_RECTF()
    origin_refs, loose_ref = (ctypes.byref(origin_x), ctypes.byref(origin_y)), ctypes.byref(loose)
    ink = [ctypes.c_double() for _ in range(4)]
    ink_refs = [ctypes.byref(value) for value in ink]
    try:
        width, height = page.get_size()
        text_page = page.get_textpage()
        raw = text_page.raw
        try:
            chars, rotated = [], []
            for i in range(pdfium_c.FPDFText_CountChars(raw)):
                code = get_unicode(raw, i)
                # PDFium's own line ends are dropped (lines are rebuilt from the boxes); the spaces
                # it infers between words that the PDF places apart are kept.
                if code in _DROPPED or (code < 0x21 and code != 0x20 and code != 0x02 and is_generated(raw, i)):
                    continue
                if code == 0x02:  # PDFium's mark for a hyphen that ends a line
                    code = 0x2D
                angle = get_angle(raw, i)
                if 0.01 < angle < 2 * math.pi - 0.01:
                    rotated.append(chr(code))
                    continue
                get_loose(raw, i, loose_ref)
                if loose.right - loose.left <= 0 and code != 0x20:
                    continue
                get_origin(raw, i, *origin_refs)
                text = chr(code)
                baseline = height - origin_y.value
                ink_bottom = baseline
                if text in MARKER_CHARACTERS:
                    pdfium_c.FPDFText_GetCharBox(raw, i, *ink_refs)  # left, right, bottom, top
                    ink_bottom = height - ink[2].value
                chars.append(Char(text, loose.left, height - loose.top, loose.right, height - loose.bottom,
                                  baseline, ink_bottom))
        finally:
            text_page.close()
    finally:
        page.close()
    return Page(index + 1, width, height, tuple(chars), "".join(rotated).strip(), document.get_page_label(index))


def _open_problem(path: Path, error) -> str:
    text = str(error).lower()
    if "password" in text:
        return "the PDF is encrypted (it asks for a password), so its text cannot be read."
    if path.stat().st_size == 0:
        return "the file is empty (0 bytes)."
    return f"the file is not a PDF that can be read ({error}): it is damaged or not a PDF."


def _open_hint(path: Path, error) -> str:
    if "password" in str(error).lower():
        return ("ask the publisher for an unprotected copy, or save one without the password (e.g. `qpdf "
                f"--decrypt --password=... {path.name} out.pdf`), and put that in seeds/.")
    return "download the document again (a download cut short leaves a damaged file), or remove it from seeds/."
