"""Captions for Snakemake's own report (`snakemake --report report.zip`), in reStructuredText.

A figure's caption in the report is the one the brief prints, with its source line, its alt
text and the data it draws, written by the job that draws the figure from the same metadata
(reports/figures/<name>.json), so the two cannot disagree.

Snakemake reads a caption file as a Jinja2 template (with the run's config in reach), and
then as reStructuredText, whose directives can include files and raw HTML. The caption holds
data (a plug-in file's source, a catalogue's note), so each string from the data is made
literal for both, here where the caption is written: for reStructuredText, white space is
folded into one line and every character other than a letter, a digit or a space is escaped
with a backslash, so that no inline markup, role, reference or standalone link can begin
(no line begins with data, so no directive either); then for Jinja, every `{`, which begins
each of its delimiters, is written as an expression that prints it.
"""

# How Jinja writes a "{" that begins none of its delimiters ({{, {%, {#).
JINJA_BRACE = "{{ '{' }}"


def rst_literal(text) -> str:
    """Text shown as written by reStructuredText, whatever characters it holds (one paragraph)."""
    return "".join(character if character.isalnum() or character == " " else "\\" + character
                   for character in " ".join(str(text).split()))


def jinja_literal(text: str) -> str:
    """Text that Jinja2 prints as it is."""
    return text.replace("{", JINJA_BRACE)


def figure_caption(meta: dict) -> str:
    """The report's caption of one figure, from its metadata (caption, source, alt, data)."""
    paragraphs = [f"**{rst_literal(meta['caption'])}**"]
    if meta.get("source"):
        paragraphs.append(f"Source: {rst_literal(meta['source'])}")
    paragraphs.append(f"Text alternative: {rst_literal(meta['alt'])}")
    paragraphs.append(f"The values drawn are in ``reports/{meta['data']}``; the brief prints this figure "
                      "with the same caption.")
    return jinja_literal("\n\n".join(paragraphs) + "\n")
