"""Where a passage of a published document's text stands in the document: the page or pages
(as printed), and the box it covers on its first page, from the page map written beside the
text (policybrief.extract.published.read)."""

import json
from pathlib import Path

SUFFIX = ".pages.json"


def page_map_path(text_path) -> Path:
    """data/interim/text/<document>.txt -> data/interim/text/<document>.pages.json"""
    text_path = Path(text_path)
    return text_path.with_name(f"{text_path.stem}{SUFFIX}")


def document_of(page_map_file) -> str:
    """data/interim/text/<document>.pages.json -> <document>"""
    return Path(page_map_file).name.removesuffix(SUFFIX)


def load_page_map(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_page_map(path, page_map: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(page_map, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write("\n")


def located(rows: list[dict], page_map: dict | None) -> list[dict]:
    """Each row (with char_start and char_end) with its page and page_box; empty for a text
    document, which has no pages."""
    return [{**row, **location(page_map, int(row["char_start"]), int(row["char_end"]))} for row in rows]


def location(page_map: dict | None, start: int, end: int) -> dict:
    """{'page': '7' or '7–8' (as printed), 'page_box': 'x0 top x1 bottom' in points on the first
    of them}, for text[start:end]."""
    lines = lines_in(page_map or {}, start, end)
    if not lines:
        return {"page": "", "page_box": ""}
    labels = labels_of(page_map)
    first, last = labels[lines[0]["page"]], labels[lines[-1]["page"]]
    boxes = [_part(line, start, end) for line in lines if line["page"] == lines[0]["page"]]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return {"page": first if first == last else f"{first}–{last}", "page_box": " ".join(f"{v:g}" for v in box)}


def lines_in(page_map: dict, start: int, end: int) -> list[dict]:
    """The lines of the page map that text[start:end] touches, in order."""
    return [line for line in page_map.get("lines", []) if line["start"] < end and line["end"] > start]


def labels_of(page_map: dict) -> dict[int, str]:
    """The PDF's page (from 1) -> its number as the document prints it."""
    return {page["page"]: page["label"] for page in page_map["pages"]}


def line_parts(page_map: dict, start: int, end: int) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page, box) of each line's part that text[start:end] covers: what a highlight draws."""
    return [(line["page"], _part(line, start, end)) for line in lines_in(page_map, start, end)]


def _part(line: dict, start: int, end: int) -> tuple[float, float, float, float]:
    """The box of the words of the line that fall within text[start:end]."""
    x0, top, x1, bottom = line["box"]
    words = [(line["start"] + offset, left, right) for offset, left, right in line.get("words", [])]
    ends = [following[0] for following in words[1:]] + [line["end"]]
    covered = [(left, right) for (offset, left, right), word_end in zip(words, ends)
               if offset < end and word_end > start]
    if covered:
        x0, x1 = min(left for left, _ in covered), max(right for _, right in covered)
    return (x0, top, x1, bottom)


def read_as_published(document: str, page_map: dict) -> dict:
    """What the annex says of a document read from its PDF or web page: its kind, pages and
    footnotes, and what its text leaves out (each with its words, the comments' opening)."""
    return {
        "document": document,
        "kind": page_map.get("kind", ""),
        "pages": len(page_map.get("pages", [])),
        "footnotes": sum(len(page["footnotes"]) for page in page_map.get("pages", [])),
        "left_out": [{"what": item["what"], "words": item["words"],
                      "opening": " ".join(item["text"].split()[:12])} for item in page_map.get("left_out", [])],
    }
