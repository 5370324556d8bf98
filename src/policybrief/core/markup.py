"""Escaping strings from data so no markup in a table reaches the brief as code.

Every string from a table passes through one of these filters before it enters the
Markdown source: Pandoc (and so Quarto) then writes it as text in HTML and in Typst.

Quarto runs a shortcode ({{< meta title >}}, {{< include file >}}) wherever it finds one, and
the Markdown escapes do not hide it everywhere. In the text it reads the source, where the
backslash before each character keeps it out. In metadata it looks among the words Pandoc has
read (a word that ends in `{{<` opens a shortcode, one that begins with `>}}` closes one), so
`yaml_string` keeps `{` and `<`, and `>` and `}`, in words of their own with an empty span
between them; the text is unchanged. In an attribute's value it looks at the string itself,
where no escape exists (an unclosed `{{<` even cuts the value, and the document, short
there), so `md_attribute` puts an invisible word joiner (U+2060) between `{` and `<`: the alt
text reads and sounds the same.
"""

import json
import re

# Pandoc Markdown lets a backslash escape any ASCII punctuation character.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~^$@&:;\"'=%/])")


def one_line(text) -> str:
    return " ".join(str(text).split())


# An opening quote follows the start of the text, a space or an opening bracket or dash;
# any other quote closes (or, for ', is an apostrophe, as in "Belgium's").
_OPENS_AFTER = r"(?:(?<=^)|(?<=[\s(\[{‘“–—/-]))"


def typographic(text) -> str:
    """Straight quotes as curly ones: the template's own quotes become curly in Pandoc's
    reading, and escaped text from data would otherwise keep straight ones beside them."""
    text = re.sub(_OPENS_AFTER + '"', "“", str(text))
    text = re.sub(_OPENS_AFTER + "'(?=\\w)", "‘", text)
    return text.replace('"', "”").replace("'", "’")


def md(text) -> str:
    """Inline Markdown text: whitespace folded, quotes curled, every punctuation mark escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", typographic(one_line(text)))


def md_attribute(text) -> str:
    """A value inside a Markdown attribute: key="...", with no Quarto shortcode in it."""
    # Curled, the text holds no " to end the value early.
    return typographic(one_line(text)).replace("{<", "{\u2060<").replace("\\", "\\\\")


def yaml_string(text) -> str:
    """A YAML metadata value; Pandoc reads metadata strings as Markdown, so escape them too,
    and keep Quarto from reading a shortcode in them."""
    apart = md(text).replace(r"\{\<", r"\{[]{}\<").replace(r"\>\}", r"\>[]{}\}")
    return json.dumps(apart, ensure_ascii=False)


def typst_markup(text) -> str:
    """Text inside Typst content brackets [...]: every markup character escaped."""
    return re.sub(r"([\\#\[\]*_`$<>@=~/'\"-])", r"\\\1", typographic(one_line(text)))


# The documents carry a little of their own formatting (Markdown emphasis, a LaTeX symbol, an
# empty link). Shown to readers it is rendered as text; the tables keep the bytes unchanged.
_MATH_SYMBOLS = {r"\leq": "≤", r"\geq": "≥", r"\%": "%", r"\times": "×"}


def source_text(text) -> str:
    """A document's sentence as a reader should see it: '**new migrant**' -> 'new migrant',
    '$\\leq 35\\%$' -> '≤ 35%', '[TA/00/13](#)' -> 'TA/00/13'."""
    def math(match):
        body = match.group(1)
        for symbol, character in _MATH_SYMBOLS.items():
            body = body.replace(symbol, character)
        return body
    text = re.sub(r"\$([^$]{1,40})\$", math, str(text))
    text = re.sub(r"\[([^\]]+)\]\(#?\)", r"\1", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\1", text)
    return re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"\1", text)


def anchor(identifier) -> str:
    """A safe HTML/Typst id made from a data key."""
    return re.sub(r"[^a-z0-9-]+", "-", str(identifier).lower()).strip("-")
