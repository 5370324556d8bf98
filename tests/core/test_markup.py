import html
import json
import os
import re
import subprocess

import pypandoc
import pytest

from policybrief.core.formatting import format_number, lower_first, times
from policybrief.core.markup import md, md_attribute, typographic, yaml_string

HOSTILE = ('<script>alert("x")</script> *bold* [link](http://x) #tag $x$ @cite `code` | pipe '
           '#read("/etc/passwd") #import "other.typ": * {{ 7*7 }} {{< meta title >}}')
# Quarto's shortcodes, whole, cut short, escaped and closing alone.
SHORTCODES = ["{{< meta title >}}", "{{< include /etc/passwd >}}", "a {{< var x", "{{{< meta title >}}}",
              "x >}} y", "{{</* meta title */>}}", "{<>}"]


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
    assert not re.search(r"(?<!\\)#(read|import)", typst)


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

    from policybrief.brief.running_header import running_header_typst

    edition = {"title": HOSTILE, "name": "Second edition", "publisher": "Centre #1 // [draft]", "date": "2027-03-01"}
    source = tmp_path / "running.typ"
    source.write_text(running_header_typst(edition) + "#brief-running.title | #brief-running.publisher | "
                      "#brief-running.date\n", encoding="utf-8")
    typst.compile(str(source), output=str(tmp_path / "running.pdf"))
    text = PdfReader(tmp_path / "running.pdf").pages[0].extract_text()
    assert " ".join(text.split()) == f"{typographic(HOSTILE)} | Centre #1 // [draft] | 1 March 2027"


def test_long_identifiers_are_grouped_for_reading():
    from policybrief.core.formatting import grouped

    assert grouped("a" * 16 + "b" * 16 + "c" * 4, 16) == "a" * 16 + " " + "b" * 16 + " cccc"


def test_a_documents_own_formatting_is_shown_as_text():
    from policybrief.core.markup import source_text

    assert source_text("The term **new migrant** is") == "The term new migrant is"
    assert (source_text("(comparing 1995 to 2005: male share $\\leq 35\\%$)")
            == "(comparing 1995 to 2005: male share ≤ 35%)")
    assert source_text("CONTRACT: [TA/00/13](#)") == "CONTRACT: TA/00/13"
    assert source_text("Massey *et al.*, 1993; 2*3*4") == "Massey et al., 1993; 2*3*4"


def pandoc_ast(markdown: str) -> dict:
    return json.loads(pandoc(markdown, "json"))


def strs(node) -> list[str]:
    """Every Str of a Pandoc AST (the words Quarto looks through for shortcodes in metadata)."""
    if isinstance(node, dict):
        return [node["c"]] if node.get("t") == "Str" else [s for value in node.values() for s in strs(value)]
    return [s for value in node for s in strs(value)] if isinstance(node, list) else []


def stringify(node) -> str:
    if isinstance(node, dict):
        kind = node.get("t")
        return node["c"] if kind == "Str" else " " if kind == "Space" else "".join(map(stringify, node.values()))
    return "".join(map(stringify, node)) if isinstance(node, list) else ""


@pytest.mark.parametrize("text", SHORTCODES)
def test_metadata_holds_no_word_quarto_reads_as_a_shortcode(text):
    """Quarto reads a shortcode in metadata from Pandoc's words: one ending in '{{<' opens it,
    one beginning with '>}}' closes it (filters/modules/astshortcode.lua)."""
    ast = pandoc_ast(f"---\ntitle: {yaml_string(text)}\n---\n")
    title = ast["meta"]["title"]
    assert stringify(title) == text
    assert not [word for word in strs(title) if re.search(r"\{\{<$|\{<", word) or word.startswith(">}}")]


@pytest.mark.parametrize("text", SHORTCODES)
def test_an_attribute_holds_no_shortcode_and_reads_the_same(text):
    """Quarto reads a shortcode in an attribute's value whatever it is escaped with: the value
    carries a word joiner between '{' and '<', which shows and sounds as nothing."""
    ast = pandoc_ast(f'Image: ![c](x.png){{fig-alt="{md_attribute(text)}"}}\n')
    image = next(node for node in ast["blocks"][0]["c"] if node["t"] == "Image")
    value = dict(image["c"][0][2])["fig-alt"]  # [identifier, classes, attributes]
    assert "{<" not in value and value.replace("\u2060", "") == text


def test_quarto_shows_shortcodes_in_the_data_as_text(quarto_bin, tmp_path):
    """The three places, rendered by Quarto: the title (metadata), the text and a figure's alt text."""
    text = "{{< meta secret >}} and {{< var x >}} and {{< include other.qmd >}} and a {{< cut"
    (tmp_path / "other.qmd").write_text("INCLUDED", encoding="utf-8")
    (tmp_path / "x.png").write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))
    (tmp_path / "page.qmd").write_text(
        f"---\ntitle: {yaml_string(text)}\nsecret: SECRET\n---\n\nText: {md(text)}\n\n"
        f'![Caption: {md(text)}](x.png){{#fig-x fig-alt="{md_attribute(text)}"}}\n\nThe end.\n', encoding="utf-8")
    env = {**os.environ, "PATH": quarto_bin + os.pathsep + os.environ["PATH"]}
    result = subprocess.run(["quarto", "render", "page.qmd", "--to", "html"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "SECRET" not in shown and "INCLUDED" not in page and "?var" not in shown and "?meta" not in shown
    title = re.search(r'<h1 class="title">(.*?)</h1>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", title)) == text
    assert f"Text: {text}" in shown and "The end." in shown
    alt = html.unescape(re.search(r'<img [^>]*alt="([^"]*)"', page).group(1))
    assert alt.replace("\u2060", "") == text


def test_quotes_from_data_are_curled_as_the_templates_are():
    assert typographic("Belgium's 'female countries' and \"zero immigration\" (\"new\")") == (
        "Belgium\u2019s \u2018female countries\u2019 and \u201czero immigration\u201d (\u201cnew\u201d)")
    html = pandoc(f"{md(chr(39) + 'x' + chr(39))} and Belgium's\n", "html5")
    assert "\u2018x\u2019 and Belgium\u2019s" in html


def test_dates_are_written_out_whole_or_by_month():
    from policybrief.core.formatting import iso_date, long_date

    assert [long_date(d) for d in ("2026-12-07", "2025-06")] == ["7 December 2026", "June 2025"]
    assert [iso_date(d) for d in ("12/06/25 23:00:00", "1/2/2024", "2025-06", "31/02/25", "soon")] == [
        "2025-06-12", "2024-02-01", "2025-06", "", ""]
