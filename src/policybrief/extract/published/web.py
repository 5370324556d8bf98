"""A saved web page to the text of its main content, by trafilatura (Apache-2.0; it tells an
article from the navigation, sharing links, comments and footer around it), with what was left
out: the page's comments, quoted, and how many words of page furniture."""

import re
from pathlib import Path

from policybrief.core.errors import InputError

# A page whose main content has fewer words than this has none worth reading.
MIN_WORDS = 30


def read_web_page(path) -> tuple[str, dict]:
    """The page's main content as text (a paragraph, heading or list item per block, blocks
    apart by a blank line; an ordered list's items numbered as a browser shows them) and its
    page map: no pages, and what was left out."""
    import trafilatura
    from lxml import html as lxml_html

    path = Path(path)
    page = _decoded(path)
    document = trafilatura.bare_extraction(page, include_comments=True, include_tables=True, favor_recall=True,
                                           with_metadata=False, deduplicate=False)
    blocks = _blocks(document.body) if document is not None and document.body is not None else []
    text = "\n\n".join(blocks)
    words = len(re.findall(r"\w+", text))
    if words < MIN_WORDS:
        raise InputError(path, f"the page has no main content to read ({words} words found besides its navigation, "
                               "menus and comments): it may be an index page, a page that builds its text with "
                               "JavaScript, or a sign-in page.",
                         "save the page as your browser shows it (File > Save Page As, 'Web Page, Complete', "
                         "after it has loaded), or save it as PDF and put that in seeds/ instead.")
    comments = _blocks(document.commentsbody) if document.commentsbody is not None else []
    page_words = len(re.findall(r"\w+", lxml_html.fromstring(page).text_content()))
    comment_words = len(re.findall(r"\w+", " ".join(comments)))
    left_out = []
    if comments:
        left_out.append({"what": "comments", "words": comment_words, "text": "\n\n".join(comments)})
    rest = max(0, page_words - words - comment_words)
    if rest:
        left_out.append({"what": "navigation, menus, sharing links and other page furniture", "words": rest,
                         "text": ""})
    return text + "\n", {"kind": "web page", "pages": [], "lines": [], "left_out": left_out}


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "the file is empty.", "save the web page again, or remove it from seeds/.")
    declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as error:
        raise InputError(path, f"the page does not decode as {encoding}, the encoding it declares ({error}).",
                         "save the page again from the browser (File > Save Page As).") from None


def _blocks(body) -> list[str]:
    """The text blocks of trafilatura's tree in order: paragraphs, headings, list items, table
    rows (cells apart by ' | ')."""
    blocks = []
    for element in body:
        if element.tag == "list":
            ordered = element.get("rend", "") == "ol"
            items = [_text(item) for item in element.iter("item")]
            blocks += [f"{number}. {item}" if ordered else f"• {item}"
                       for number, item in enumerate(items, start=1) if item]
        elif element.tag == "table":
            rows = [" | ".join(_text(cell) for cell in row.iter("cell")) for row in element.iter("row")]
            blocks += [row for row in rows if row.strip(" |")]
        else:
            text = _text(element)
            if text:
                blocks.append(text)
    return blocks


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()
