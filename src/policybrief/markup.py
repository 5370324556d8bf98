"""Escaping strings from data so no markup in a table reaches the brief as code.

Every string from a table passes through one of these filters before it enters the
Markdown source: Pandoc (and so Quarto) then writes it as text in HTML and in Typst.
"""

import json
import re

# Pandoc Markdown lets a backslash escape any ASCII punctuation character.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~^$@&:;\"'=%/])")


def one_line(text) -> str:
    return " ".join(str(text).split())


def md(text) -> str:
    """Inline Markdown text: whitespace folded, every punctuation mark escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def md_attribute(text) -> str:
    """A value inside a Markdown attribute: key="..."."""
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def yaml_string(text) -> str:
    """A YAML metadata value; Pandoc reads metadata strings as Markdown, so escape them too."""
    return json.dumps(md(text), ensure_ascii=False)


def typst_markup(text) -> str:
    """Text inside Typst content brackets [...]: every markup character escaped."""
    return re.sub(r"([\\#\[\]*_`$<>@=~/'\"-])", r"\\\1", one_line(text))


def anchor(identifier) -> str:
    """A safe HTML/Typst id made from a data key."""
    return re.sub(r"[^a-z0-9-]+", "-", str(identifier).lower()).strip("-")
