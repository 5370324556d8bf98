"""What stopped a build, said once, short, and last.

A step that fails (policybrief.core.step) writes what went wrong, for a person, to a note of
its own under .snakemake/policybrief-failures/: the file, the place, what was expected and
what to do, and where the step's full log is. When the build ends in failure the workflow
prints the notes as one block, the last thing on the terminal, in place of Snakemake's lists
of each job's inputs and outputs (which the topic's profile keeps quiet) and of its closing
lines; the full logs stay in logs/.

Light (standard library only): the workflow calls it while it is read and when it ends.
"""

import os
import re
import sys
from contextlib import suppress
from pathlib import Path

FAILURES = ".snakemake/policybrief-failures"

HEADER = ("Error: the build stopped. Nothing that was published or kept was changed "
          "(reports/brief.*, reports/annex.*, editions/).")


def note_name(log_path: str) -> str:
    """The note's file name, from the step's log: logs/extract/batch_1.log -> extract_batch_1.txt."""
    stem = re.sub(r"^logs/|\.log$", "", Path(log_path).as_posix())
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("._") + ".txt"


def clear_failures(folder=FAILURES) -> None:
    """Forget the notes of earlier runs (when the workflow is read, in the main process)."""
    for note in Path(folder).glob("*"):
        with suppress(OSError):
            note.unlink(missing_ok=True)


def forget_failure(log_path: str | None, step: str, folder=FAILURES) -> None:
    """Drop a step's own note when it starts again (a job Snakemake retries in the same run)."""
    with suppress(OSError):
        Path(folder, note_name(log_path or step)).unlink(missing_ok=True)


def record_failure(log_path: str | None, step: str, message: str, folder=FAILURES) -> bool:
    """Write the note of a failed step, named by its log (one per job). Returns False when it
    could not be written (a full disk, a read-only folder): the step then says it itself."""
    name = note_name(log_path or step)
    text = message.rstrip("\n") + (f"\n  Full log: {log_path}" if log_path else "") + "\n"
    # Written beside its place and renamed, so the end of the build never reads half a note.
    partial = Path(folder, f".{name}.{os.getpid()}.partial")
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        partial.replace(Path(folder, name))
    except OSError:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True


def failed_logs(workflow) -> list[tuple[str, str]]:
    """(rule, log) of each job that failed in this run, as far as Snakemake says (its scheduler's
    failed jobs; none where a version of Snakemake keeps them elsewhere)."""
    jobs = getattr(getattr(workflow, "scheduler", None), "failed", None) or ()
    failed = []
    for job in jobs:
        for one in getattr(job, "jobs", None) or [job]:  # a group job fails as a whole
            logs = [str(path) for path in (getattr(one, "log", None) or [])]
            rule = getattr(getattr(one, "rule", None), "name", "a step")
            failed.append((rule, logs[0] if logs else ""))
    return sorted(failed)


def failure_block(folder=FAILURES, failed=()) -> str:
    """Every note of this run, as one block ('' when no step left one). A failed job that left
    no note (`failed`: its rule and log) is named after them, with its log."""
    notes, noted = [], set()
    for path in sorted(Path(folder).glob("*.txt")):
        try:
            notes.append(path.read_text(encoding="utf-8", errors="replace").rstrip("\n"))
        except OSError:  # a note that cannot be read is no reason to hide the others
            continue
        noted.add(path.name)
    if not notes:
        return ""
    for rule, log_path in failed:
        if not log_path or note_name(log_path) not in noted:
            where = f"\n  Full log: {log_path}" if log_path else ""
            notes.append(f"{rule}: the step failed without saying why.\n"
                         f"  What to do: read its full log; if it does not explain it, report it with the log.{where}")
    return "\n\n".join([HEADER, *notes]) + "\n"


def end_with_failures(folder=FAILURES, failed=()) -> None:
    """At the end of a failed build (the workflow's onerror): print the block and end the process
    with exit status 1, so that the block is the last thing printed (Snakemake's own closing
    lines, which would follow, are not). Without notes (a failure no step explained), return:
    Snakemake ends as it does."""
    block = failure_block(folder, failed)
    if not block:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    sys.stderr.write("\n" + block)
    sys.stderr.flush()
    raise SystemExit(1)
