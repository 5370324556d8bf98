"""Rendering (rule render_document): Quarto, or Pandoc and Typst, from the brief's source to HTML
and PDF."""
