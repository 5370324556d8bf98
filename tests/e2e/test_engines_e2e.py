"""The two engines give the same brief: the Pandoc + Typst tree (`built`) and the same tree
re-rendered by Quarto (`built_quarto`), compared as a reader would meet them: the text and
numbers of both web pages and both PDFs, their sections, figures, tables and anchors, the
links from the key findings to their sentences, and nothing loaded from the network."""

import difflib
import json
import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml

from conftest import path_without_quarto, set_engine, snakemake

pytestmark = pytest.mark.e2e

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class PageReader(HTMLParser):
    """Visible text, ids, headings (with their own or their section's id), images, tables and
    fetched resource URLs of an HTML page."""

    HIDDEN = {"script", "style", "head", "title", "noscript", "template"}
    VOID = {"img", "link", "meta", "br", "hr", "input", "source", "col", "base", "wbr"}
    # Attributes whose URL the browser fetches (a link's href is fetched only on a click).
    FETCHED = {("img", "src"), ("img", "srcset"), ("script", "src"), ("iframe", "src"), ("embed", "src"),
               ("object", "data"), ("source", "src"), ("source", "srcset"), ("video", "src"),
               ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src")}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.text, self.ids, self.h2, self.images, self.resources, self.styles = [], [], [], [], [], []
        self.tables = 0
        self._heading = None
        self._sections = []  # ids of the open <section>s: Quarto puts a heading's id there
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.HIDDEN and tag not in self.VOID:
            self.hidden += 1
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "section":
            self._sections.append(attributes.get("id", ""))
        if tag == "h2":
            self._heading = [attributes.get("id") or (self._sections[-1] if self._sections else ""), ""]
        if tag == "img":
            self.images.append(attributes.get("alt") or attributes.get("aria-label") or "")
        if tag == "table":
            self.tables += 1
        for name, value in attrs:
            if (tag, name) in self.FETCHED or (tag == "link" and name == "href"
                                                and "stylesheet" in attributes.get("rel", "") + "preload icon"):
                self.resources.append(value or "")
            if name == "style":
                self.styles.append(value or "")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        if tag == "section" and self._sections:
            self._sections.pop()
        if tag == "h2" and self._heading:
            self.h2.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None

    def handle_data(self, data):
        if self.lasttag == "style":
            self.styles.append(data)
        if not self.hidden:
            self.text.append(data)
            if self._heading:
                self._heading[1] += data

    @property
    def words(self) -> list[str]:
        return " ".join(self.text).split()


DOCUMENTS = ["brief", "annex"]


def page(project, document="brief") -> PageReader:
    return PageReader((project / f"reports/{document}.html").read_text(encoding="utf-8"))


def pdf_pages(project, document="brief") -> list[str]:
    from pypdf import PdfReader

    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(project / f"reports/{document}.pdf").pages]


def first_difference(a: list[str], b: list[str], context=8) -> str:
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            return (f"Pandoc: …{' '.join(a[max(0, i1 - context):i2 + context])}…\n"
                    f"Quarto: …{' '.join(b[max(0, j1 - context):j2 + context])}…")
    return ""


@pytest.fixture(scope="module")
def trees(built, built_quarto):
    return {"pandoc": built, "quarto": built_quarto}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_each_tree_was_rendered_by_its_engine(trees, document):
    assert "engine: Pandoc + Typst" in (trees["pandoc"] / f"logs/render_{document}.log").read_text(encoding="utf-8")
    log = (trees["quarto"] / f"logs/render_{document}.log").read_text(encoding="utf-8")
    assert "engine: Quarto" in log and f"quarto render {document}.qmd --to all" in log
    assert "compiles the PDF with the pipeline's Typst" in log


@pytest.mark.parametrize("document", DOCUMENTS)
def test_both_web_pages_carry_the_same_numbers_in_the_same_order(trees, document):
    pandoc, quarto = page(trees["pandoc"], document), page(trees["quarto"], document)
    numbers = {engine: NUMBER.findall(" ".join(reader.text)) for engine, reader in (("pandoc", pandoc),
                                                                                   ("quarto", quarto))}
    assert len(numbers["pandoc"]) > 100
    assert numbers["pandoc"] == numbers["quarto"], first_difference(pandoc.words, quarto.words)
    # Beyond the numbers, the words differ only by Quarto's labels of its title block and notes.
    extra = [words for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, pandoc.words, quarto.words, autojunk=False).get_opcodes() if tag != "equal"
        for words in [(pandoc.words[i1:i2], quarto.words[j1:j2])]]
    assert all(not ours and set(theirs) <= {"Author", "Published"} for ours, theirs in extra), extra


@pytest.mark.parametrize("document", DOCUMENTS)
def test_both_pdfs_carry_the_same_text_page_for_page(trees, document):
    pandoc, quarto = pdf_pages(trees["pandoc"], document), pdf_pages(trees["quarto"], document)
    assert len(pandoc) == len(quarto) >= 6
    for number, (ours, theirs) in enumerate(zip(pandoc, quarto), start=1):
        assert NUMBER.findall(ours) == NUMBER.findall(theirs), (number, first_difference(ours.split(), theirs.split()))
        assert ours == theirs, (number, first_difference(ours.split(), theirs.split()))
    # the first page opens with the document's own title block and contents
    edition = yaml.safe_load((trees["pandoc"] / "config/config.yaml").read_text(encoding="utf-8"))["edition"]
    title = " ".join(edition["title"].split()[:4]) if document == "brief" else "Sources and data annex"
    assert pandoc[0].startswith(f"Migration research centre · First edition · 23 November 2026 {title}")
    assert "Contents" in pandoc[0] and "Page 1 of" in pandoc[0]
    if document == "brief":  # the message and the first findings on page 1
        assert "Summary Belgium was no longer in a situation of “zero immigration”" in pandoc[0]
        assert "Key findings •" in pandoc[0]


@pytest.mark.parametrize("engine", ["pandoc", "quarto"])
def test_no_figure_or_table_stands_inside_a_sentence_of_the_brief_pdf(trees, engine):
    """Read back with the pipeline's own PDF reader (policybrief.extract.published): each figure's
    and table's caption follows a finished sentence, never one that runs on across it."""
    from policybrief.extract.published.read import read_published

    text, _ = read_published(trees[engine] / "reports/brief.pdf")
    captions = list(re.finditer(r"(?:Figure|Table) \d+:", text))
    assert len(captions) >= 4
    for caption in captions:
        before = text[:caption.start()].rstrip()
        assert before[-1:] in ".!?)”:", (engine, caption.group(), before[-80:])


@pytest.mark.parametrize("document", DOCUMENTS)
def test_same_sections_figures_tables_and_anchors_in_both_web_pages(trees, document):
    pandoc, quarto = page(trees["pandoc"], document), page(trees["quarto"], document)
    sections = [heading for heading in pandoc.h2 if heading[0].startswith("sec-")]
    assert len(sections) >= 6 and sections == [h for h in quarto.h2 if h[0].startswith("sec-")]
    for prefix in ("sec-", "tbl-", *(("fig-",) if document == "brief" else ("fact-", "rec-"))):
        # (Quarto also gives each caption an id of its own, "<float id>-caption-<hash>".)
        ours, theirs = ({i for i in reader.ids if i.startswith(prefix) and "-caption-" not in i}
                        for reader in (pandoc, quarto))
        assert ours and ours == theirs, (prefix, ours ^ theirs)
    figures = 3 if document == "brief" else 0
    assert len(pandoc.images) == len(quarto.images) == figures and pandoc.images == quarto.images and all(pandoc.images)
    assert pandoc.tables == quarto.tables >= 2
    for reader in (pandoc, quarto):
        captions = " ".join(reader.text)
        assert all(f"Figure\xa0{n}:" in captions for n in range(1, figures + 1)), "figures numbered as Quarto does"
        assert all(f"Table\xa0{n}:" in captions for n in range(1, pandoc.tables + 1))


@pytest.mark.parametrize("engine", ["pandoc", "quarto"])
def test_every_link_between_and_within_the_two_pages_has_its_target(trees, engine):
    ids = {document: set(page(trees[engine], document).ids) for document in DOCUMENTS}
    for document in DOCUMENTS:
        html = (trees[engine] / f"reports/{document}.html").read_text(encoding="utf-8")
        for target_document, anchor in re.findall(r'href="(brief\.html|annex\.html|)#([^"]+)"', html):
            assert anchor in ids[target_document.removesuffix(".html") or document], (document, target_document, anchor)
    brief = (trees[engine] / "reports/brief.html").read_text(encoding="utf-8")
    assert re.search(r'href="annex\.html#fact-', brief) and re.search(r'href="annex\.html#rec-', brief)


@pytest.mark.parametrize("engine", ["pandoc", "quarto"])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_web_page_requests_nothing_from_the_network(trees, engine, document):
    reader = page(trees[engine], document)
    remote = re.compile(r"^\s*(?:https?:)?//", re.I)
    assert (reader.resources or document == "annex") and not [url for url in reader.resources if remote.match(url)]
    css = "\n".join(reader.styles)
    urls = re.findall(r"""url\(\s*['"]?([^'")]+)""", css) + re.findall(r"""@import\s+['"]([^'"]+)""", css)
    assert not [url for url in urls if remote.match(url)]


@pytest.mark.parametrize("engine", ["pandoc", "quarto"])
def test_pdf_sections_and_key_finding_links_land_on_their_numbers_in_the_annex(trees, engine):
    from pypdf import PdfReader

    project = trees[engine]
    for document in DOCUMENTS:
        outline = [entry.title for entry in PdfReader(project / f"reports/{document}.pdf").outline
                   if not isinstance(entry, list)]
        assert outline == [title for _, title in page(project, document).h2 if title != "Contents"]
    brief, annex = PdfReader(project / "reports/brief.pdf"), PdfReader(project / "reports/annex.pdf")
    destinations = annex.named_destinations
    # The key findings' source links are links of the brief's PDF into the annex's; each lands on its number.
    uris = {str((annotation.get_object().get("/A") or {}).get("/URI", ""))
            for brief_page in brief.pages[:2] for annotation in brief_page.get("/Annots") or []}
    expected = key_finding_numbers(project)
    assert len(expected) == 6
    for anchor, shown, label in expected:
        assert f"annex.pdf#{anchor}" in uris, anchor
        destination = destinations[anchor]
        landing = text_below(annex, annex.get_page_number(destination.page), float(destination.top))
        assert landing.split()[:len(shown.split())] == shown.split() and label in landing, (shown, landing)


def text_below(reader, page_index: int, top: float, depth: float = 24) -> str:
    """The text set within `depth` points below a link's landing point."""
    found = []

    def visit(text, matrix, text_matrix, font, size):
        y = text_matrix[5] * matrix[3] + matrix[5]
        if text.strip() and top - depth <= y <= top + 2:
            found.append(text)

    reader.pages[page_index].extract_text(visitor_text=visit)
    return " ".join(" ".join(found).split())


def key_finding_numbers(project) -> list[tuple[str, str, str]]:
    """(anchor, number as shown, first words of its label) for each key finding's source link
    (not a number's link to its evidence), from the two sources: the link's anchor in the
    brief, then that anchor's heading in Annex B."""
    brief = (project / "reports/brief.qmd").read_text(encoding="utf-8")
    annex = (project / "reports/annex.qmd").read_text(encoding="utf-8")
    findings = brief[brief.index("## Key findings"):brief.index("\n:::", brief.index("## Key findings"))]
    numbers = []
    for anchor in re.findall(r"\]\(annex\.html#((?:fact|statement)-[a-z0-9-]+)\)(?!\{\.evidence\})", findings):
        # a number's heading (**32%**, maybe with the words the source writes it in) or a statement's
        line = re.search(rf"#### (?:\*\*(.+?)\*\*|\*(Statement)\*)(?: \(“[^”]*”\))? · (.+?) \{{#{anchor} ", annex)
        number, statement, label = line.groups()
        shown, label = (re.sub(r"\\(.)", r"\1", part) for part in (number or statement, label))
        numbers.append((anchor, shown, " ".join(label.split()[:3])))
    return numbers


def test_auto_falls_back_to_pandoc_when_quarto_is_too_old(built, tmp_path):
    """A Quarto older than the document's quarto-required is passed over, with the reason in
    the log."""
    project = tmp_path / "old-quarto"
    shutil.copytree(built, project)
    set_engine(project, "auto")
    old = tmp_path / "bin"
    old.mkdir()
    (old / "quarto").write_text("#!/bin/sh\necho 1.6.40\n", encoding="utf-8")
    (old / "quarto").chmod(0o755)
    result = snakemake(project, "--forcerun", "render_document", path_prefix=str(old))
    assert result.returncode == 0, result.stderr[-3000:]
    log = (project / "logs/render_brief.log").read_text(encoding="utf-8")
    assert "engine: Pandoc + Typst (render.engine is 'auto' and Quarto 1.6.40" in log
    assert "is older than the brief needs (>=1.7.0)" in log
    assert (project / "reports/brief.pdf").read_bytes() == (built / "reports/brief.pdf").read_bytes()


def test_a_forced_quarto_that_is_missing_stops_before_any_output_is_touched(built, tmp_path):
    project = tmp_path / "no-quarto"
    shutil.copytree(built, project)
    outputs = [path for path in sorted(project.rglob("*")) if path.is_file() and ".snakemake" not in path.parts]
    before = {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in outputs}
    result = snakemake(project, "--config", "render={engine: quarto}", "--forcerun", "render_document",
                       path=path_without_quarto())
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "render.engine is 'quarto' but `quarto` is not on PATH" in output and "What to do" in output
    assert "Traceback" not in output
    assert {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in outputs} == before


@pytest.mark.parametrize("engine", ["pandoc", "quarto"])
def test_a_browser_opening_the_page_makes_no_network_request(trees, engine, browser):
    browser.get_log("performance")  # drop what an earlier page left
    browser.get((trees[engine] / "reports/brief.html").as_uri())
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")  # lazy content, if any
    browser.execute_async_script("setTimeout(arguments[arguments.length - 1], 500)")
    requested = [json.loads(entry["message"])["message"]["params"]["request"]["url"]
                 for entry in browser.get_log("performance")
                 if '"Network.requestWillBeSent"' in entry["message"]]
    assert requested, "the browser log recorded no request at all (not even the page)"
    assert not [url for url in requested if not url.startswith(("file:", "data:", "blob:", "about:"))], requested
