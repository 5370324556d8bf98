"""Snakemake's own report (`snakemake --report report.zip`) of the built seeds: the brief and
the annex, the figures with the brief's captions, both stages' Data Docs and the key tables."""

import html
import json
import re
import zipfile

import pytest

from conftest import snakemake

pytestmark = pytest.mark.e2e


def build_report(project, folder) -> dict:
    """`snakemake --report report.zip` in the project: the archive's files by name."""
    path = folder / "report.zip"
    result = snakemake(project, "--report", str(path))
    assert result.returncode == 0, result.stderr[-3000:]
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def captions_in(page: str) -> list[str]:
    """Each result's caption: the report holds it as HTML, in a JSON string."""
    return [json.loads(text) for text in re.findall(r'"caption": ("(?:[^"\\]|\\.)*")', page)]


def description_in(page: str) -> str:
    """The report's description of the workflow (workflow/report/workflow.rst), as HTML."""
    return json.loads(re.search(r'workflow_desc = ("(?:[^"\\]|\\.)*")', page).group(1))


@pytest.fixture(scope="module")
def report_zip(built, tmp_path_factory):
    return build_report(built, tmp_path_factory.mktemp("report"))


def files_named(report_zip, pattern):
    return sorted(re.sub(r"^report/data/raw/[0-9a-f]+/", "", name) for name in report_zip
                  if re.fullmatch(rf"report/data/raw/[0-9a-f]+/{pattern}", name))


def test_the_report_holds_the_brief_the_annex_the_figures_and_the_tables(report_zip, built):
    assert files_named(report_zip, r"(brief|annex)\.(html|pdf)") == ["annex.html", "annex.pdf",
                                                                      "brief.html", "brief.pdf"]
    figures = sorted(path.stem for path in (built / "reports/figures").glob("*.json"))
    assert files_named(report_zip, r"[a-z_]+\.png") == [f"{name}.png" for name in figures]
    assert files_named(report_zip, r"[a-z-]+\.csv") == ["brief-numbers.csv", "facts.csv", "indicators.csv"]
    brief = next(data for name, data in report_zip.items() if name.endswith("/brief.html"))
    assert brief == (built / "reports/rendered/brief.html").read_bytes()


def test_each_stage_of_the_validation_is_there_with_its_data_docs_pages(report_zip, built):
    for stage in ("sources", "indicators"):
        site = built / "reports/validation/data_docs" / stage
        pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
        in_report = files_named(report_zip, r"(index|expectations/.+|validations/.+)\.html")
        assert set(pages) <= set(in_report), stage
        assert any(page.startswith("validations/") for page in pages)


def test_each_figure_is_shown_with_the_caption_the_brief_prints(report_zip, built):
    captions = captions_in(report_zip["report/report.html"].decode("utf-8"))
    for meta_path in sorted((built / "reports/figures").glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        shown = [caption for caption in captions
                 if f"<strong>{html.escape(meta['caption'], quote=False)}</strong>" in caption]
        assert len(shown) == 1, meta["name"]
        assert html.escape(meta["source"], quote=False) in shown[0]
