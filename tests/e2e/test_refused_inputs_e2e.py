"""Bad input, as the build tells it, on copies of the shared clean build: an arithmetic check that
is not arithmetic, and a unit taken out of config/units.yaml, each stop the build with one message
that says what is wrong (and no traceback after it); a check that cannot be computed from the
tables is shown as such in the annex."""

import shutil

import pytest

from conftest import snakemake

pytestmark = pytest.mark.e2e


@pytest.fixture
def project(built, tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_expression_that_is_not_arithmetic_stops_the_build_with_one_message(project):
    checks = project / "config/arithmetic.yaml"
    edit(checks, "computed: cpas_case_studies_flanders + cpas_case_studies_wallonia + cpas_case_studies_brussels",
         "computed: __import__('os')")
    line = checks.read_text(encoding="utf-8").split("__import__")[0].count("\n") + 1
    result = snakemake(project)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"config/arithmetic.yaml: line {line}: checks[1] (id \"case_studies_by_region\").computed: "
            "\"__import__('os')\" is not arithmetic") in said, said[-3000:]
    assert "What to do: write arithmetic only" in said
    assert "Traceback" not in said and "could not convert" not in said, said[-3000:]


def test_a_unit_taken_out_of_the_list_is_the_first_thing_the_build_says(project):
    edit(project / "config/units.yaml", '  percent: {after: "%"', '  # percent: {after: "%"')
    result = snakemake(project)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    # The build says it in its closing block (policybrief.core.failures), as the block's first note.
    assert "Error: the build stopped." in said, said[-3000:]
    notes = said.split("Error: the build stopped.", 1)[1].split("\n\n")[1:]
    assert notes[0].startswith("config/units.yaml: does not list the unit 'percent', which "), said[-3000:]
    assert "edu_high_recent_all" in said and "What to do: add the unit to config/units.yaml" in said
    assert "do not trace" not in said and "Traceback" not in said, said[-3000:]


def test_a_check_that_cannot_be_computed_is_shown_so_in_the_annex(project):
    edit(project / "config/arithmetic.yaml", "stated: cpas_case_studies_total", "stated: cpas_case_studies_all")
    result = snakemake(project, "reports/annex.qmd")
    assert result.returncode == 0, result.stderr[-3000:]
    annex = (project / "reports/annex.qmd").read_text(encoding="utf-8")
    row = next(line for line in annex.splitlines() if "could not be computed" in line)
    assert "cpas\\_case\\_studies\\_all" in row and "is not in facts" in row, row
    assert "| not computed | not computed |" in row, row
