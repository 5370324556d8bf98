"""Each quoted sentence of a PDF document shown where the document has it: the part of its page
around the sentence, rendered from the PDF at build time, with the sentence highlighted (rule
draw_quote_pages). The annex puts each under its sentence, with the sentence as alt text."""

from dataclasses import dataclass
from pathlib import Path

from policybrief.extract.published.page_map import labels_of, line_parts, lines_in

# Rendered at this many pixels per point (108 dpi): legible, and small; shown at SHOWN of the
# document's own size.
SCALE = 1.5
SHOWN = 1.0
# Lines of the page shown above and below the sentence, in line heights.
CONTEXT_LINES = 1.5
MARGIN = 6.0  # points either side of the column
HIGHLIGHT = (255, 214, 10, 90)  # a marker pen's yellow, see-through
OUTLINE = (176, 112, 0, 255)


@dataclass(frozen=True)
class QuotePage:
    """One sentence's picture: the file it is drawn into, and where it stands."""

    document: str
    char_start: int
    char_end: int
    page: int  # the PDF's page, from 1
    label: str  # the page as the document numbers it
    continues: str  # the page label where the sentence goes on, if it does

    @property
    def file(self) -> str:
        return f"{self.document}-{self.char_start}-{self.char_end}.png"


def quote_pages(sentences, page_maps: dict) -> list[QuotePage]:
    """The sentences (document, char_start, char_end) of documents with a PDF page map, each
    once, in document order."""
    chosen = {}
    for document, start, end in sentences:
        page_map = page_maps.get(document)
        if not page_map or page_map.get("kind") != "pdf":
            continue
        parts = line_parts(page_map, start, end)
        if not parts:
            continue
        labels = labels_of(page_map)
        first, last = parts[0][0], parts[-1][0]
        chosen[(document, start, end)] = QuotePage(document, start, end, first, labels[first],
                                                   labels[last] if last != first else "")
    return [chosen[key] for key in sorted(chosen)]


def draw(quote: QuotePage, pdf_path, page_map: dict, out_dir, pages_cache: dict) -> int:
    """The page region around the sentence, the sentence's words highlighted, as PNG; the width
    to show it at, in points."""
    from PIL import Image, ImageDraw

    image = _page_image(pdf_path, quote.page, pages_cache)
    parts = [box for page, box in line_parts(page_map, quote.char_start, quote.char_end) if page == quote.page]
    lines = [line["box"] for line in lines_in(page_map, quote.char_start, quote.char_end) if line["page"] == quote.page]
    height = max(box[3] - box[1] for box in lines)
    left = max(0.0, min(box[0] for box in lines) - MARGIN)
    right = min(image.width / SCALE, max(box[2] for box in lines) + MARGIN)
    top = max(0.0, min(box[1] for box in lines) - CONTEXT_LINES * height)
    bottom = min(image.height / SCALE, max(box[3] for box in lines) + CONTEXT_LINES * height)
    crop = image.crop(tuple(round(v * SCALE) for v in (left, top, right, bottom))).convert("RGBA")
    overlay = Image.new("RGBA", crop.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    for x0, y0, x1, y1 in parts:
        pen.rectangle([round((x0 - left) * SCALE) - 2, round((y0 - top) * SCALE), round((x1 - left) * SCALE) + 2,
                       round((y1 - top) * SCALE)], fill=HIGHLIGHT)
        pen.line([round((x0 - left) * SCALE) - 2, round((y1 - top) * SCALE) - 1, round((x1 - left) * SCALE) + 2,
                  round((y1 - top) * SCALE) - 1], fill=OUTLINE, width=2)
    picture = Image.alpha_composite(crop, overlay).convert("RGB")
    path = Path(out_dir) / quote.file
    picture.save(path, format="PNG", optimize=True)
    return round((right - left) * SHOWN)


def _page_image(pdf_path, page_number: int, cache: dict):
    """The page rendered (each page once per job: a page holds many sentences)."""
    key = (str(pdf_path), page_number)
    if key not in cache:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(pdf_path))
        try:
            page = document[page_number - 1]
            cache.clear()  # one page at a time: sentences come in document order
            cache[key] = page.render(scale=SCALE, draw_annots=False).to_pil()
            page.close()
        finally:
            document.close()
    return cache[key]
