"""The brief and the annex as every reader can use them, checked by outside checkers on the
shared builds of both engines: axe-core in headless Chromium for the web pages (WCAG 2.x A
and AA, WCAG 2.2 AA and axe's best practices, at desktop and phone width), and the PDFs'
structure read with pikepdf (PDF/UA-1 declared, tagged, language, title shown, headings in
order, every figure described, every table with header cells)."""

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

DOCUMENTS = ["brief", "annex"]
ENGINES = ["pandoc", "quarto"]
WIDTHS = [1280, 390]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Where .ci/run installs axe-core from npm (AXE_CORE_JS may name another copy).
AXE_DEFAULT = Path.home() / ".cache/policybrief-axe/node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="module")
def trees(built, built_quarto):
    return {"pandoc": built, "quarto": built_quarto}


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = Path(os.environ.get("AXE_CORE_JS", AXE_DEFAULT))
    if not path.is_file():
        reason = (f"axe-core is not installed at {path} (npm install --prefix ~/.cache/policybrief-axe axe-core@4, "
                  "as .ci/run does)")
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the accessibility checks, but {reason}")
        pytest.skip(reason)
    return path.read_text(encoding="utf-8")


def axe_violations(browser, axe_source, page: Path, width: int) -> list[str]:
    browser.set_window_size(width, 900)
    browser.get(page.as_uri())
    browser.execute_script(axe_source)
    browser.set_script_timeout(120)
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(result => done(result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
        " + v.nodes.slice(0, 3).map(node => node.target.join(' ')).join(', '))))"
        ".catch(error => done(['axe-core did not run: ' + error]));", AXE_TAGS)
    return violations


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("engine", ENGINES)
def test_axe_core_finds_no_violation(trees, browser, axe_source, engine, document, width):
    assert axe_violations(browser, axe_source, trees[engine] / f"reports/{document}.html", width) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_keyboard_reaches_the_skip_link_first_and_every_scrolling_table(trees, browser, engine):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(390, 900)
    browser.get((trees[engine] / "reports/annex.html").as_uri())
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.execute_script("return document.activeElement.className") == "skip-link"
    assert browser.execute_script("return document.getElementById('main-content') !== null")
    regions = browser.execute_script("return [...document.querySelectorAll('.table-scroll')]"
                                     ".map(e => [e.tabIndex, e.getAttribute('role'), e.getAttribute('aria-label')])")
    assert len(regions) >= 9
    assert all(index == 0 and role == "region" and label and label != "Table"
               for index, role, label in regions), regions
    assert len({label for _, _, label in regions}) == len(regions)


def elements_under(node) -> list:
    """The tagged PDF's structure elements under a node, in reading order: (tag, element)."""
    import pikepdf

    found = []
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append((str(node.S)[1:], node))
        if "/K" in node:
            found += elements_under(node.K)
    elif isinstance(node, pikepdf.Array):
        for child in node:
            found += elements_under(child)
    return found


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("engine", ENGINES)
def test_the_pdf_is_pdf_ua_1_tagged_described_and_in_order(trees, engine, document):
    pikepdf = pytest.importorskip("pikepdf")
    project = trees[engine]
    with pikepdf.open(project / f"reports/{document}.pdf") as pdf:
        metadata = pdf.open_metadata()
        assert metadata.get("pdfuaid:part") == "1"
        assert metadata.get("dc:title"), "the PDF has no title"
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True  # viewers show the title, not the file name
        elements = elements_under(pdf.Root.StructTreeRoot)
        tags = [tag for tag, _ in elements]
        levels = [int(tag[1]) for tag in tags if re.fullmatch(r"H[1-6]", tag)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:])), levels
        figures = [element for tag, element in elements if tag == "Figure"]
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures)
        tables = [element for tag, element in elements if tag == "Table"]
        assert tables and all("TH" in [tag for tag, _ in elements_under(element.K)] for element in tables)
        if document == "brief":
            # one description per figure of the brief, each giving the figure's numbers
            alts = [str(figure.Alt) for figure in figures]
            assert len(alts) == len(list((project / "reports/figures").glob("*.svg")))
            assert all(re.search(r"\d+%|\d{4}", alt) for alt in alts), alts

