"""Captions for Snakemake's own report (`snakemake --report report.zip`), in reStructuredText.

A figure's caption in the report is the one the brief prints, with its source line, its alt
text and the data it draws, written by the job that draws the figure from the same metadata
(reports/figures/<name>.json), so the two cannot disagree.
"""

import re

# Characters that start inline markup in reStructuredText; a backslash makes them literal.
_RST_SPECIAL = re.compile(r"([\\*`_|\[\]<>])")


def rst_literal(text: str) -> str:
    """Text shown as written, whatever characters it holds (one paragraph)."""
    return _RST_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def figure_caption(meta: dict) -> str:
    """The report's caption of one figure, from its metadata (caption, source, alt, data)."""
    paragraphs = [f"**{rst_literal(meta['caption'])}**"]
    if meta.get("source"):
        paragraphs.append(f"Source: {rst_literal(meta['source'])}")
    paragraphs.append(f"Text alternative: {rst_literal(meta['alt'])}")
    paragraphs.append(f"The values drawn are in ``reports/{meta['data']}``; the brief prints this figure "
                      "with the same caption.")
    return "\n\n".join(paragraphs) + "\n"
