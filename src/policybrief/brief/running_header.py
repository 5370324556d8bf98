"""The running header of a document's PDF: its title block, header and footer, in Typst."""

import json

from policybrief.core.formatting import long_date
from policybrief.core.markup import one_line, typst_markup


def running_header_typst(edition: dict, title: str | None = None, subtitle: str | None = None,
                         long_tables: bool = False) -> str:
    """The Typst definition the shared print style reads for its title block, running header
    and footer; both engines include it just before brief-style.typ. The date is spelled out
    here, so neither engine's own date formatting reaches the PDF. The annex passes its own
    title and subtitle, and lets its tables run across pages."""
    fields = {"title": title or edition["title"],
              # The running header carries the short title, so a long message title keeps it to one line.
              "short": title or edition.get("short_title") or edition["title"],
              "subtitle": edition.get("subtitle", "") if subtitle is None else subtitle,
              "edition": edition["name"], "publisher": edition["publisher"], "date": long_date(edition["date"])}
    pairs = [f"{key}: [{typst_markup(value)}]" for key, value in fields.items()]
    # The PDF's author metadata takes a string, not content.
    pairs.append(f"author: {json.dumps(one_line(edition['publisher']), ensure_ascii=False)}")
    pairs.append(f"long-tables: {'true' if long_tables else 'false'}")
    return ("// Written with the document's .qmd from config/config.yaml (edition).\n"
            f"#let brief-running = ({', '.join(pairs)})\n")
