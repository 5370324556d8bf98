import subprocess

import pypandoc

from policybrief.formatting import format_number, lower_first, times
from policybrief.markup import md, md_attribute

HOSTILE = '<script>alert("x")</script> *bold* [link](http://x) #tag $x$ @cite `code` | pipe'


def pandoc(markdown: str, to: str) -> str:
    result = subprocess.run([pypandoc.get_pandoc_path(), "--from", "markdown", "--to", to],
                            input=markdown, capture_output=True, text=True, check=True)
    return result.stdout


def test_data_strings_stay_text_in_html_and_typst():
    html = pandoc(f"Label: {md(HOSTILE)}\n", "html5")
    assert "<script>" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert "&lt;script&gt;" in html
    typst = pandoc(f"Label: {md(HOSTILE)}\n", "typst")
    assert "#strong" not in typst and "#link" not in typst and "#emph" not in typst


def test_attribute_values_cannot_close_the_attribute():
    html = pandoc(f'![c](x.png){{alt="{md_attribute(HOSTILE)}"}}\n', "html5")
    assert "<script>" not in html


def test_number_formats():
    assert [format_number(v) for v in (32.0, 91.5, 35900, 1.6, 53.6176)] == ["32", "91.5", "35,900", "1.6", "53.6"]
    assert format_number(2006, unit="calendar year") == "2006"
    assert [times(v) for v in (2, 8.4)] == ["twice", "8.4 times"]
    assert [lower_first(w) for w in ("Public authorities", "NGOs")] == ["public authorities", "NGOs"]


def test_running_header_values_stay_text_in_typst(tmp_path):
    import typst
    from pypdf import PdfReader

    from policybrief.brief import running_header_typst

    edition = {"title": HOSTILE, "name": "Second edition", "publisher": "Centre #1 // [draft]", "date": "2027-03-01"}
    source = tmp_path / "running.typ"
    source.write_text(running_header_typst(edition) + "#brief-running.title | #brief-running.publisher | "
                      "#brief-running.date\n", encoding="utf-8")
    typst.compile(str(source), output=str(tmp_path / "running.pdf"))
    text = PdfReader(tmp_path / "running.pdf").pages[0].extract_text()
    assert " ".join(text.split()) == f"{HOSTILE} | Centre #1 // [draft] | 1 March 2027"


def test_long_identifiers_are_grouped_for_reading():
    from policybrief.formatting import grouped

    assert grouped("a" * 16 + "b" * 16 + "c" * 4, 16) == "a" * 16 + " " + "b" * 16 + " cccc"


def test_a_documents_own_formatting_is_shown_as_text():
    from policybrief.markup import source_text

    assert source_text("The term **new migrant** is") == "The term new migrant is"
    assert (source_text("(comparing 1995 to 2005: male share $\\leq 35\\%$)")
            == "(comparing 1995 to 2005: male share ≤ 35%)")
    assert source_text("CONTRACT: [TA/00/13](#)") == "CONTRACT: TA/00/13"
    assert source_text("Massey *et al.*, 1993; 2*3*4") == "Massey et al., 1993; 2*3*4"
