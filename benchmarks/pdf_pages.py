"""How fast PDFs are read, and how well the real one is read, page by page.

    python benchmarks/pdf_pages.py

1. Pages per second: the real Federal Register notice (tests/extract/published-files/, 15
   pages, three columns) repeated to 105 pages, read as rule read_document reads it; the
   target is a 100-page PDF in a few seconds (TARGET_SECONDS). Beside it, the two libraries
   considered, on the same 15 pages, each giving every character with its box: PDFium
   (pypdfium2, BSD-3-Clause/Apache-2.0; what the pipeline uses) and pdfplumber (MIT, over
   pdfminer.six).
2. Page by page, on the real notice: the sentences of the text read from the page (8 words or
   more), how many of them pdftotext's text of the same page holds (tests/suggest/
   real-documents/), how many of those in pdftotext's order, and whether a running header, a
   page number or a footnote marker stands inside the page's text. Where the orders differ,
   the reading here and pdftotext's were compared by hand: pdftotext puts the masthead
   between page 1's second and third columns and reads a last page's two notices in another
   order; the sentences here follow the columns.
3. The round trip: the five seeds typeset by Typst in one and two columns, read back, timed.
"""

import re
import sys
import tempfile
import time
from bisect import bisect_left
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "tests" / "extract" / "published-files" / "federal-register-2020-17221.pdf"
PDFTOTEXT = ROOT / "tests" / "suggest" / "real-documents" / "seeds" / "federal-register-2020-17221.txt"
TARGET_SECONDS = 5.0
sys.path.insert(0, str(ROOT / "tests"))


def pages_per_second() -> None:
    from pypdf import PdfReader, PdfWriter

    from policybrief.extract.published.read import read_published

    with tempfile.TemporaryDirectory() as folder:
        writer = PdfWriter()
        for _ in range(7):
            writer.append(PdfReader(PDF))
        long_pdf = Path(folder) / "notice-x7.pdf"
        with open(long_pdf, "wb") as handle:
            writer.write(handle)
        start = time.perf_counter()
        _, page_map = read_published(long_pdf)
        seconds = time.perf_counter() - start
    pages = len(page_map["pages"])
    verdict = "meets" if seconds <= TARGET_SECONDS else "MISSES"
    print(f"read_published: {pages} pages in {seconds:.2f} s, {pages / seconds:.0f} pages/s "
          f"({verdict} the target of 100 pages in {TARGET_SECONDS:g} s)")
    for name, read in (("pypdfium2 (characters and boxes)", _pdfium_chars), ("pdfplumber (characters)", _plumber)):
        try:
            start = time.perf_counter()
            count = read()
            seconds = time.perf_counter() - start
            print(f"{name}: 15 pages, {count} characters in {seconds:.2f} s, {15 / seconds:.0f} pages/s")
        except ImportError:
            print(f"{name}: not installed (pip install pdfplumber to compare)")


def _pdfium_chars() -> int:
    from policybrief.extract.published.pdf_chars import read_pages

    return sum(len(page.chars) for page in read_pages(PDF))


def _plumber() -> int:
    import pdfplumber

    with pdfplumber.open(PDF) as document:
        return sum(len(page.chars) for page in document.pages)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("-\n", ""))


def _in_order(positions: list[int]) -> int:
    tails = []
    for position in positions:
        index = bisect_left(tails, position)
        tails[index:index + 1] = [position]
    return len(tails)


def per_page() -> None:
    from policybrief.extract.published.read import read_published

    text, page_map = read_published(PDF)
    reference = PDFTOTEXT.read_text(encoding="utf-8").split("\f")
    print("\npage  sentences  in pdftotext's page  in its order  header/number/marker inside")
    totals = [0, 0, 0, 0]
    for page in page_map["pages"]:
        if page["start"] is None:
            print(f"{page['label']:>5}  (figures only: no text)")
            continue
        body = text[page["start"]:page["end"]]
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if len(s.split()) >= 8]
        words = " ".join(_words(reference[page["page"] - 1]))
        found = [p for p in (words.find(" ".join(_words(s)[:6])) for s in sentences) if p >= 0]
        inside = [item for item in page["left_out"] if len(item) > 3 and item in body]
        inside += re.findall(r"[a-z)][,.;’”]?\d{1,2}(?=\s)", body.replace("+41 (0)41", ""))
        print(f"{page['label']:>5}  {len(sentences):>9}  {len(found):>19}  {_in_order(found):>12}  "
              f"{len(inside) or 'none'}")
        for index, value in enumerate((len(sentences), len(found), _in_order(found), len(inside))):
            totals[index] += value
    print(f"  all  {totals[0]:>9}  {totals[1]:>19}  {totals[2]:>12}  {totals[3] or 'none'}")


def round_trip() -> None:
    from typeset_documents import typeset

    from policybrief.extract.published.read import read_published

    with tempfile.TemporaryDirectory() as folder:
        for columns in (1, 2):
            pages, seconds = 0, 0.0
            for seed in sorted((ROOT / "seeds").glob("*.txt")):
                pdf = typeset(seed, Path(folder) / f"{seed.stem}-{columns}.pdf", columns=columns)
                start = time.perf_counter()
                _, page_map = read_published(pdf)
                seconds += time.perf_counter() - start
                pages += len(page_map["pages"])
            print(f"round trip, {columns} column(s): the five seeds, {pages} pages, read in {seconds:.2f} s")


if __name__ == "__main__":
    pages_per_second()
    per_page()
    print()
    round_trip()
