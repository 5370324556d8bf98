"""Markup in every free-text field of every input file, on a copy of the shared clean build:
the document inventory, the edition's config, a plug-in data file and the catalogue. Each
field's value reaches the web pages and the PDFs (through Typst) as the text it is, never as
HTML, Markdown or Typst; Data Docs carry no markup from data either. Fields that the brief
does not publish are shown to reach no output at all."""

import csv
import io
import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml
from pypdf import PdfReader

from conftest import set_engine, snakemake

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
    """HTML, Markdown and Typst markup around the field's name (no digits: the brief's own
    check would rightly refuse a number that traces to no table)."""
    return (f'<script>alert("{field}")</script><img src=x onerror=alert(document.cookie)> *{field}* '
            "#tag `code` @cite $x$ [link](javascript:alert(document.cookie)) <!-- c --> \\ = ~")


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
    (project / "data/supplementary").mkdir(parents=True, exist_ok=True)
    (project / "data/supplementary/hostile.csv").write_text(rows.getvalue(), encoding="utf-8")

    catalogue = project / "config/catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    text = replace_once(text, "    label: Share of women among highly qualified work-permit holders\n",
                        "".join(f"    {name}: {scalar(hostile(f'catalogue.{name}'))}\n"
                                for name in ("label", "note", "dataset")))
    text = replace_once(text, '    wording: "among them, only {value} were women"',
                        "    wording: " + scalar("among them, only {value} were women " + hostile("catalogue.wording")))
    text = replace_once(text, "    about: Belgium no longer in a situation of zero immigration",
                        "    about: " + scalar(hostile("catalogue.about")))
    catalogue.write_text(text, encoding="utf-8")


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
    pages = [Page((hostile_build / f"reports/{name}.html").read_text(encoding="utf-8")) for name in ("brief", "annex")]
    return {"web": " ".join(" ".join(" ".join(page.text).split()) for page in pages),
            "printed": "".join(pdf_text(hostile_build / f"reports/{name}.pdf") for name in ("brief", "annex"))}


def test_markup_from_any_input_field_runs_nowhere_in_the_pages_we_write(hostile_build):
    pages = [hostile_build / "reports/brief.html", hostile_build / "reports/annex.html",
             *sorted((hostile_build / "reports/validation/data_docs").rglob("*.html"))]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        running = [item for item in Page(html).running if "alert(" in item or "src=x" in item or "javascript:" in item]
        assert not running, (path, running[:3])
        assert "<img src=x" not in html and '<script>alert("' not in html, path


@pytest.mark.parametrize("field", FIELDS)
def test_each_input_field_is_shown_as_the_text_it_is(shown, field):
    web, printed = shown["web"], shown["printed"]
    if field in NOT_PUBLISHED:
        assert f'alert("{field}")' not in web + printed
        return
    # The whole value as text on the web page: tags, Markdown and Typst marks included.
    assert hostile(field) in web or field in PRINT_ONLY
    # In the PDF, the script's words and the asterisks are printed, not obeyed.
    assert f'alert("{field}")' in printed and f"*{field}*" in printed
