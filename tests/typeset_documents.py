"""Typeset a text document as a published PDF, with Typst: one or two columns, a running header,
page numbers, footnotes and hyphenation, so that reading it back can be checked against the text
it was made from (tests/extract/test_published_round_trip.py)."""

import re
from pathlib import Path

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Footnotes the typesetting adds, after every FOOTNOTE_EVERY-th paragraph that ends in a period.
FOOTNOTE_EVERY = 4
NUMBERED = '"1"'
FOOTNOTE_TEXT = "Note {number} on the paragraph that begins “{opening}”: its source is page 12 of a 2031 report."


def typst_source(text: str, title: str, columns: int = 1, footnotes: bool = True, numbered: bool = True) -> str:
    """Typst markup: each block of the text (lines between blank lines) a paragraph whose lines
    keep their breaks; the text itself inserted as string literals, so nothing in it is markup."""
    paragraphs, notes = [], 0
    for index, block in enumerate(b for b in _BLANK_LINE.split(text) if b.strip()):
        # A line set in (a sub-item of a list) keeps its indent, as a typesetter sets it.
        lines = [_indent(line) + _string(line.strip()) for line in block.splitlines() if line.strip()]
        paragraph = "#linebreak()".join(lines)
        if footnotes and index % FOOTNOTE_EVERY == FOOTNOTE_EVERY - 1 and block.rstrip().endswith("."):
            notes += 1
            opening = " ".join(block.split()[:4])
            paragraph += f"#footnote[{_string(FOOTNOTE_TEXT.format(number=notes, opening=opening))}]"
        paragraphs.append(paragraph)
    justify = "true" if columns > 1 else "false"
    return "\n".join([
        f'#set document(title: {_string(title)[1:]})',
        '#set page(paper: "a4", margin: (x: 2cm, top: 2.5cm, bottom: 2.5cm),',
        f'  numbering: {NUMBERED if numbered else "none"},',
        f'  columns: {columns},',
        f'  header: [#set text(size: 8pt); {_string(title)} #h(1fr) Migration research series])',
        f'#set text(font: "Libertinus Serif", size: 10.5pt, lang: "en", hyphenate: {justify})',
        f'#set par(justify: {justify}, spacing: 1.1em)',
        # Words in capitals are not hyphenated, as word processors leave them: a hyphen at the end
        # of a line in "CIATTEH-IAMM" is then the document's own.
        '#show regex("\\b\\p{Lu}{2,}\\b"): set text(hyphenate: false)',
        "",
        "\n\n".join(paragraphs),
        "",
    ])


def _indent(line: str) -> str:
    spaces = len(line) - len(line.lstrip(" \t"))
    return f"#h({1.5 * spaces}em)" if spaces else ""


def _string(text: str) -> str:
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typeset(text_path, pdf_path, columns: int = 1, footnotes: bool = True, numbered: bool = True) -> Path:
    """The text file typeset to pdf_path (`numbered`: page numbers in the footer)."""
    import typst

    text = Path(text_path).read_text(encoding="utf-8")
    title = next(line.strip(" *#") for line in text.splitlines() if line.strip())[:60]
    source = Path(pdf_path).with_suffix(".typ")
    source.write_text(typst_source(text, title, columns, footnotes, numbered), encoding="utf-8")
    typst.compile(str(source), output=str(pdf_path), root=str(source.parent))
    return Path(pdf_path)


def web_page(text: str, comments_from: str) -> str:
    """The text as a blog's saved web page: a site menu, the post in an <article> (its first
    line the title), sharing links, the comments (from the paragraph that starts with
    `comments_from` on) and the site's footer, as a browser's "Save Page As" keeps them."""
    from html import escape

    post, _, comments = text.partition(comments_from)
    blocks = [" ".join(b.split()) for b in _BLANK_LINE.split(post) if b.strip()]
    title, paragraphs = blocks[0], blocks[1:]
    comment_blocks = [" ".join(b.split()) for b in _BLANK_LINE.split(comments_from + comments) if b.strip()]
    menu = "".join(f'<li><a href="/{slug}">{name}</a></li>' for slug, name in
                   (("", "Home"), ("news", "News"), ("blog", "Blog"), ("about", "About us"), ("contact", "Contact")))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)} | Migration blog</title>",
        '<link rel="stylesheet" href="site.css"></head><body>',
        f'<header class="site-header"><a class="logo" href="/">Migration blog</a><nav><ul>{menu}</ul></nav></header>',
        '<main><article class="post">',
        f'<h1 class="entry-title">{escape(title)}</h1>',
        *(f"<p>{escape(p)}</p>" for p in paragraphs),
        "</article>",
        '<div class="share-buttons"><span>Share this:</span> <a href="https://twitter.com/intent/tweet">Twitter</a> '
        '<a href="https://www.facebook.com/sharer.php">Facebook</a> <a href="mailto:?subject=post">Email</a></div>',
        '<section id="comments" class="comments-area"><h2 class="comments-title">Comments</h2>',
        '<ol class="comment-list">',
        *(f'<li class="comment"><div class="comment-content"><p>{escape(c)}</p></div></li>' for c in comment_blocks),
        "</ol></section></main>",
        '<aside class="widget-area"><h2>Recent posts</h2><ul><li><a href="/a">Integration toolkits</a></li>'
        '<li><a href="/b">Local projects</a></li></ul></aside>',
        '<footer class="site-footer"><p>© Migration blog. All rights reserved. Privacy policy. Cookie settings.</p>'
        "</footer></body></html>",
        "",
    ])
