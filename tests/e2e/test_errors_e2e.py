"""End to end: a failed build ends with one short block a person can read (the file, the row and
column, what was expected, what to do, and where the full log is), printed once and last,
without Snakemake's lists of each job's inputs (policybrief.core.failures)."""

import re
import shutil

import pytest

from policybrief.core.failures import FAILURES, HEADER, failure_block

from conftest import engine_copy, snakemake

pytestmark = pytest.mark.e2e
PLUGIN = "indicator,geography,group,period,value,unit,source,label\n"
GROUP = "Naturalised and non-naturalised foreigners"
MISSPELT_INDICATOR = PLUGIN + f"high_educaton_share_recent,Belgium,{GROUP},2006-2010,38,percent,LFS,\n"
PUBLISHED = ("reports/brief.html", "reports/brief.pdf", "reports/annex.html", "reports/annex.pdf")


def copy_of(built, tmp_path):
    """The session's built tree, copied: only the jobs an edit touches run again."""
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    return project


def with_plugin(project, content):
    folder = project / "data/supplementary"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "update.csv").write_text(content, encoding="utf-8")


def block_of(project, result) -> str:
    """The block the failed build printed, checked to be the last thing on the terminal."""
    assert result.returncode == 1, result.stderr[-3000:]
    block = failure_block(project / FAILURES)
    assert block.startswith(HEADER + "\n"), result.stderr[-3000:]
    assert result.stderr.endswith("\n" + block), result.stderr[-3000:]
    assert "WorkflowError" not in result.stderr and "Complete log" not in result.stderr
    return block


def lines_after_the_job_stats(result) -> list[str]:
    """What the build printed once Snakemake's header (its banner and the table of jobs) was out."""
    return re.split(r"(?m)^total\s+\d+$", result.stderr, maxsplit=1)[1].strip("\n").splitlines()


def test_a_misspelt_indicator_ends_the_build_with_one_short_block(built, tmp_path):
    project = copy_of(built, tmp_path)
    before = {name: (project / name).read_bytes() for name in PUBLISHED}
    with_plugin(project, MISSPELT_INDICATOR)
    result = snakemake(project)
    output = result.stdout + result.stderr
    block = block_of(project, result)
    assert "data/supplementary/update.csv: row 2, column indicator" in block
    assert "is not a known indicator; did you mean 'high_education_share_recent'?" in block
    assert "What to do: correct the name" in block
    assert block.rstrip("\n").endswith("Full log: logs/merge_tables.log")
    assert "did you mean" in (project / "logs/merge_tables.log").read_text(encoding="utf-8")
    # Said once: neither the job's own stderr nor Snakemake's copy of its log says it again.
    assert output.count("did you mean") == 1
    # No list of a job's inputs (every library module), when it starts or when it fails.
    assert not [line for line in output.splitlines() if re.match(r"\s*(input|output):", line)]
    # Short: 13 lines after Snakemake's header here (35 before: the job's lists twice, its message twice).
    assert len(lines_after_the_job_stats(result)) < 30, result.stderr
    assert "Traceback" not in output
    assert {name: (project / name).read_bytes() for name in PUBLISHED} == before


def test_a_misspelt_input_of_a_computed_indicator_ends_with_the_block(built, tmp_path):
    project = copy_of(built, tmp_path)
    indicators = project / "config/indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    assert "recent: high_education_share_recent" in text
    indicators.write_text(text.replace("recent: high_education_share_recent", "recent: high_educaton_share_recent"),
                          encoding="utf-8")
    result = snakemake(project)
    block = block_of(project, result)
    assert ("config/indicators.yaml: computed[0] (name 'high_education_gap_pp'), input 'recent': "
            "'high_educaton_share_recent' is not an indicator of the facts; did you mean "
            "'high_education_share_recent'?") in block, block
    assert "What to do: correct it to 'high_education_share_recent'" in block
    assert block.endswith("Full log: logs/compute_indicators.log\n")
    assert (result.stdout + result.stderr).count("did you mean") == 1
    assert not [line for line in result.stderr.splitlines() if re.match(r"\s*(input|output):", line)]


@pytest.mark.parametrize("content, expected", [
    (PLUGIN + "x,Belgium,,2010,about 3,count,S,X\n",
     ["data/supplementary/update.csv: row 2, column value: expected a number", "found 'about 3'"]),
    ("indicator,geography,group,period,valeu,unit,source\nx,Belgium,,2010,3,count,S\n",
     ["data/supplementary/update.csv: column 'valeu' is not known (did you mean 'value'?)"]),
], ids=["a value that is not a number", "a misspelt column"])
def test_a_bad_data_file_is_named_by_file_row_and_column_in_the_block(built, tmp_path, content, expected):
    project = copy_of(built, tmp_path)
    with_plugin(project, content)
    result = snakemake(project)
    block = block_of(project, result)
    for piece in expected:
        assert piece in block
        assert (result.stdout + result.stderr).count(piece) == 1
    assert "What to do:" in block and "Full log: logs/merge_tables.log" in block


def test_each_run_shows_its_own_failures_only(built, tmp_path):
    project = copy_of(built, tmp_path)
    with_plugin(project, MISSPELT_INDICATOR)
    first = snakemake(project)
    assert "did you mean" in block_of(project, first)
    # The next run fails in another step: the merge's note, of the run before, is gone.
    with_plugin(project, PLUGIN + "x,Belgium,,2010,3,count,S,X\nx,Belgium,,2010,4,count,S,X\n")
    second = snakemake(project)
    block = block_of(project, second)
    assert "expect_compound_columns_to_be_unique" in block and "Full log: logs/validation_gate.log" in block
    assert "did you mean" not in second.stderr and "logs/merge_tables.log" not in block
    assert [note.name for note in (project / FAILURES).iterdir()] == ["validation_gate.txt"]
    # A run that succeeds shows no block, and leaves no note behind.
    (project / "data/supplementary/update.csv").unlink()
    third = snakemake(project)
    assert third.returncode == 0, third.stderr[-3000:]
    assert HEADER not in third.stderr and "expect_compound_columns_to_be_unique" not in third.stderr
    assert list((project / FAILURES).iterdir()) == []


def test_a_step_that_fails_unexpectedly_says_it_is_not_the_input(built, tmp_path):
    project = copy_of(built, tmp_path)
    engine = engine_copy(tmp_path / "engine")
    script = engine / "workflow/scripts/compute_indicators.py"
    script.write_text(script.read_text(encoding="utf-8").replace(
        "    facts = read_rows(", "    raise RuntimeError('a bug in the engine')\n    facts = read_rows(", 1),
        encoding="utf-8")
    result = snakemake(project, engine=engine)
    block = block_of(project, result)
    assert "failed unexpectedly: RuntimeError: a bug in the engine" in block
    assert "This is not a mistake in your input." in block and "What to do: report it" in block
    assert "Full log: logs/compute_indicators.log" in block
    log = (project / "logs/compute_indicators.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: a bug in the engine" in log
