"""Publishing the rendered documents: reports/brief.html and the others are replaced only
when their new version is complete, in one rename each, so a failed or interrupted build
leaves the last good ones byte for byte.

Snakemake removes a job's outputs when the job starts; so the published files are not a
job's outputs. The job `publish_edition` writes a record of what it published
(reports/.published/<report>.json); the workflow drops a record whose files are missing or
changed (policybrief.publish.record_holds, at parse time), and the next run publishes again.
Light (the standard library and policybrief.documents): the workflow calls it while it is parsed.
"""

import json
import os
import tempfile
from pathlib import Path

from .documents import sha256_of


def replace_atomically(source, target) -> None:
    """Copy source to a temporary file beside target, flush it to disk, then rename it over
    target: a reader (or a crash) sees the old file or the new one, never half of one."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(Path(source).read_bytes())
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def publish(files: dict, record) -> dict:
    """Publish each rendered file (source -> target) and write the record of what was published."""
    published = {}
    for source, target in files.items():
        replace_atomically(source, target)
        published[Path(target).as_posix()] = sha256_of(target)
    Path(record).parent.mkdir(parents=True, exist_ok=True)
    Path(record).write_text(json.dumps(published, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return published


def record_holds(record) -> bool:
    """True when every file the record names is there with the bytes it published."""
    try:
        published = json.loads(Path(record).read_text(encoding="utf-8"))
        return all(Path(path).is_file() and sha256_of(path) == digest for path, digest in published.items())
    except (OSError, ValueError, AttributeError):
        return False
