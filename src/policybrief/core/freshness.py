"""What to redo is decided from content, not only from modification times.

Snakemake reruns a job when an input is newer than its outputs. A file put back with an
older time (a backup restored with `cp -p`, `git stash pop` of an old file, an undo in some
editors) looks older than the outputs built from its other content, so Snakemake would call
them up to date and the wrong brief would stay published. Here each source file's checksum
is recorded when the workflow is read (.snakemake/policybrief-inputs.json, with its size and
modification time, so an unchanged file is not read again); a file whose content differs
from the last one recorded, and whose time is not newer than every output, has its time set
to now (or just after the newest output), so that Snakemake reruns what depends on it.
(When the content is the same again, Snakemake's own checksums keep the jobs built from it.)

Light (standard library only): the workflow calls it while it is read.
"""

import json
import os
import time
from pathlib import Path

from policybrief.core.checksums import sha256_or_none

RECORD = ".snakemake/policybrief-inputs.json"
# Folders of a project that hold sources (what a build reads, never writes) and outputs.
# (The engine's files are the installed package's: pip, not an undo, changes them.)
SOURCE_FOLDERS = ("config", "seeds", "data/supplementary")
SOURCE_FILES = ("Snakefile",)
OUTPUT_FOLDERS = ("data", "reports", "editions")


def source_files(root=".") -> list[str]:
    """Every file a build may read as a source, relative to the project."""
    found = [name for name in SOURCE_FILES if Path(root, name).is_file()]
    for folder in SOURCE_FOLDERS:
        for directory, subfolders, names in os.walk(Path(root, folder)):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__" and not name.startswith("."))
            found += [Path(directory, name).relative_to(root).as_posix() for name in names
                      if not name.startswith(".")]
    return sorted(set(found))


def newest_output_time(root=".", sources=frozenset()) -> int:
    """The modification time of the newest file the builds wrote (sources excluded)."""
    newest = 0
    for folder in OUTPUT_FOLDERS:
        for directory, _, names in os.walk(Path(root, folder)):
            for name in names:
                path = Path(directory, name)
                if path.relative_to(root).as_posix() in sources:
                    continue
                try:
                    newest = max(newest, path.stat().st_mtime_ns)
                except OSError:
                    continue
    return newest


def refresh_changed_sources(root=".", record=RECORD) -> list[str]:
    """Set to now the time of every source whose content changed since the last run while its
    time says it did not; return them. Records every source's checksum for the next run."""
    root = Path(root)
    record_path = root / record
    try:
        known = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    sources = source_files(root)
    newest = None
    touched, seen = [], {}
    for name in sources:
        path = root / name
        try:
            status = path.stat()
        except OSError:
            continue
        before = known.get(name)
        if before and before[:2] == [status.st_size, status.st_mtime_ns]:
            seen[name] = before
            continue
        digest = sha256_or_none(path)
        if digest is None:
            continue
        changed = (before[2] != digest) if before else bool(known)
        if changed:
            if newest is None:
                newest = newest_output_time(root, frozenset(sources))
            if status.st_mtime_ns <= newest:
                # Now, or just after the newest output if a clock put that in the future.
                moment = max(time.time_ns(), newest + 1000)
                os.utime(path, ns=(moment, moment))
                status = path.stat()
                touched.append(name)
        seen[name] = [status.st_size, status.st_mtime_ns, digest]
    if seen != known:
        _write(record_path, json.dumps(seen, indent=0, sort_keys=True))
    return touched


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)  # a record not written costs one rerun's reading, nothing else
