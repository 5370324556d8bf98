"""What stopped a build, said once, short and last: the notes of failed steps
(policybrief.core.failures), and how a step writes its note (policybrief.core.step)."""

import subprocess
import sys
from types import SimpleNamespace

import pytest

from policybrief.core.failures import (
    HEADER,
    clear_failures,
    end_with_failures,
    failed_logs,
    failure_block,
    note_name,
    record_failure,
)


@pytest.mark.parametrize("log_path, name", [("logs/merge_tables.log", "merge_tables.txt"),
                                            ("logs/extract/batch_1.log", "extract_batch_1.txt"),
                                            ("brief source", "brief_source.txt")])
def test_a_note_is_named_after_the_step_s_log(log_path, name):
    assert note_name(log_path) == name


def test_a_note_holds_the_message_and_where_the_full_log_is(tmp_path):
    folder = tmp_path / "failures"
    assert record_failure("logs/merge_tables.log", "merge", "x.csv: row 2: wrong\n  What to do: fix it", folder)
    assert (folder / "merge_tables.txt").read_text(encoding="utf-8") == (
        "x.csv: row 2: wrong\n  What to do: fix it\n  Full log: logs/merge_tables.log\n")
    assert [path.name for path in folder.iterdir()] == ["merge_tables.txt"]  # no partial file left


def test_a_note_that_cannot_be_written_is_reported_not_raised(tmp_path):
    blocked = tmp_path / "failures"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    assert record_failure("logs/merge_tables.log", "merge", "message", blocked) is False


def test_the_block_is_a_header_then_each_note(tmp_path):
    folder = tmp_path / "failures"
    assert failure_block(folder) == ""
    record_failure("logs/validation_gate.log", "validation gate", "Validation failed", folder)
    record_failure("logs/merge_tables.log", "merge", "x.csv: row 2: wrong", folder)
    assert failure_block(folder) == (
        f"{HEADER}\n\n"
        "x.csv: row 2: wrong\n  Full log: logs/merge_tables.log\n\n"
        "Validation failed\n  Full log: logs/validation_gate.log\n")
    assert "nothing that was published or kept was changed" in HEADER.lower()


def test_a_failed_step_without_a_note_is_named_in_the_block_with_its_log(tmp_path):
    folder = tmp_path / "failures"
    failed = [("merge_tables", "logs/merge_tables.log"), ("suggest_catalogue", "logs/suggest_catalogue.log")]
    # No note at all: the block is empty, and Snakemake ends the build as it does.
    assert failure_block(folder, failed) == ""
    record_failure("logs/merge_tables.log", "merge", "x.csv: row 2: wrong", folder)
    block = failure_block(folder, failed)
    assert block.count("x.csv: row 2: wrong") == 1 and "merge_tables: the step" not in block
    assert block.endswith("suggest_catalogue: the step failed without saying why.\n"
                          "  What to do: read its full log; if it does not explain it, report it with the log.\n"
                          "  Full log: logs/suggest_catalogue.log\n")


def test_notes_of_an_earlier_run_are_cleared(tmp_path):
    folder = tmp_path / "failures"
    clear_failures(folder)  # nothing to clear: no error
    record_failure("logs/merge_tables.log", "merge", "old", folder)
    (folder / ".merge_tables.txt.1.partial").write_text("half", encoding="utf-8")
    clear_failures(folder)
    assert list(folder.iterdir()) == [] and failure_block(folder) == ""


def test_the_end_of_a_failed_build_prints_the_block_last_and_exits_1(tmp_path, capsys):
    folder = tmp_path / "failures"
    assert end_with_failures(folder) is None  # no note: Snakemake ends as it does
    assert capsys.readouterr() == ("", "")
    record_failure("logs/merge_tables.log", "merge", "x.csv: row 2: wrong", folder)
    with pytest.raises(SystemExit) as stopped:
        end_with_failures(folder)
    assert stopped.value.code == 1
    out, err = capsys.readouterr()
    assert out == "" and err == "\n" + failure_block(folder)


def test_the_failed_jobs_are_read_from_snakemake_s_scheduler():
    def job(rule, *logs):
        return SimpleNamespace(rule=SimpleNamespace(name=rule), log=list(logs))

    group = SimpleNamespace(jobs=[job("render_document", "logs/render_brief.log"), job("no_log")])
    workflow = SimpleNamespace(scheduler=SimpleNamespace(failed=[group, job("merge_tables", "logs/merge_tables.log")]))
    assert failed_logs(workflow) == [("merge_tables", "logs/merge_tables.log"), ("no_log", ""),
                                     ("render_document", "logs/render_brief.log")]
    # Another Snakemake that keeps them elsewhere, or a build that failed before scheduling.
    assert failed_logs(SimpleNamespace()) == []
    assert failed_logs(SimpleNamespace(scheduler=None)) == []


def test_the_failures_module_is_light():
    code = ("import sys\nimport policybrief.core.failures\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'pandas', 'numpy', 'jinja2')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


# ---- A step's failure: said once, in its log and its note, never on the terminal twice ----

def run_step(tmp_path, body: str) -> subprocess.CompletedProcess:
    """A step (policybrief.core.step.pipeline_step) in tmp_path, logging to logs/demo.log."""
    (tmp_path / "logs").mkdir(exist_ok=True)
    program = ("import errno, sys\n"
               "from policybrief.core.errors import InputError\n"
               "from policybrief.core.step import pipeline_step\n"
               "with pipeline_step('logs/demo.log', 'demo') as log:\n"
               "    log.info('started')\n"
               + "".join(f"    {line}\n" for line in body.splitlines()))
    return subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=60)


def note_of(tmp_path) -> str:
    return (tmp_path / ".snakemake/policybrief-failures/demo.txt").read_text(encoding="utf-8")


def test_bad_input_goes_to_the_log_and_the_note_only(tmp_path):
    result = run_step(tmp_path, "raise InputError('data/x.csv', 'row 2, column value: expected a number', 'fix it')")
    assert result.returncode == 1
    assert result.stderr == "[demo] started\n"  # progress stays; the message waits for the block
    message = "data/x.csv: row 2, column value: expected a number\n  What to do: fix it"
    assert (tmp_path / "logs/demo.log").read_text(encoding="utf-8") == f"[demo] started\n[demo] ERROR: {message}\n"
    assert note_of(tmp_path) == f"{message}\n  Full log: logs/demo.log\n"


def test_a_full_disk_is_said_like_bad_input(tmp_path):
    result = run_step(tmp_path, "raise OSError(errno.ENOSPC, 'No space left on device', 'reports/x.csv')")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert note_of(tmp_path).startswith("reports/x.csv: the disk is full")
    assert "What to do: free space" in note_of(tmp_path)


def test_an_unexpected_failure_is_said_to_be_no_input_mistake_with_its_traceback_in_the_log(tmp_path):
    result = run_step(tmp_path, "raise RuntimeError('boom')")
    assert result.returncode == 1
    assert "RuntimeError: boom" in result.stderr  # re-raised: Python prints it
    note = note_of(tmp_path)
    assert note.startswith("The step 'demo' failed unexpectedly: RuntimeError: boom\n")
    assert "This is not a mistake in your input." in note and "What to do: report it" in note
    assert note.endswith("Full log: logs/demo.log\n")
    log = (tmp_path / "logs/demo.log").read_text(encoding="utf-8")
    assert "[demo] ERROR: the step failed unexpectedly\nTraceback" in log and "RuntimeError: boom" in log


def test_a_step_that_logs_its_errors_and_exits_has_them_as_its_note(tmp_path):
    result = run_step(tmp_path, "log.error('Validation failed')\nlog.error('facts.csv: line 3: too big')\nsys.exit(1)")
    assert result.returncode == 1 and result.stderr == "[demo] started\n"
    assert note_of(tmp_path) == "Validation failed\nfacts.csv: line 3: too big\n  Full log: logs/demo.log\n"
    assert "[demo] Validation failed" in (tmp_path / "logs/demo.log").read_text(encoding="utf-8")


def test_a_step_run_again_in_the_same_build_drops_its_own_note(tmp_path):
    assert run_step(tmp_path, "raise InputError('data/x.csv', 'row 2: wrong')").returncode == 1
    assert note_of(tmp_path)
    assert run_step(tmp_path, "log.info('retried')").returncode == 0  # as a job Snakemake retries
    assert list((tmp_path / ".snakemake/policybrief-failures").iterdir()) == []


def test_an_error_logged_by_a_step_that_succeeds_still_reaches_the_terminal(tmp_path):
    result = run_step(tmp_path, "log.error('one row was odd')")
    assert result.returncode == 0 and result.stderr == "[demo] started\n[demo] one row was odd\n"
    assert not (tmp_path / ".snakemake/policybrief-failures").exists()


def test_a_note_that_cannot_be_written_leaves_the_message_on_the_terminal(tmp_path):
    (tmp_path / ".snakemake").mkdir()
    (tmp_path / ".snakemake/policybrief-failures").write_text("not a folder", encoding="utf-8")
    result = run_step(tmp_path, "raise InputError('data/x.csv', 'row 2: wrong', 'fix it')")
    assert result.returncode == 1
    assert "[demo] ERROR: data/x.csv: row 2: wrong\n  What to do: fix it" in result.stderr
