"""One build at a time in a project folder.

Two builds in one folder write the same files (one removes a job's outputs while the other
reads them). Snakemake's own lock is off (the topic's profiles/default/config.yaml, `nolock`) because a
killed run leaves it behind and every later run then needs `--unlock`; this lock is held by
the operating system for the life of the Snakemake process (flock), so a run killed outright
releases it and the next run starts at once.

Light (standard library only): the workflow takes it while it is read.
"""

import fcntl
import os
import sys
import time
from pathlib import Path

from policybrief.core.errors import InputError

LOCK_FILE = ".snakemake/policybrief-build.lock"
# The open lock of this process: held until the process ends.
_held = {}


def hold_build_lock(path=LOCK_FILE) -> None:
    """Take the folder's build lock for the rest of this process, or stop with a message
    naming the build that holds it."""
    path = Path(path)
    if str(path) in _held:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "a build whose details are not recorded"
        handle.close()
        raise InputError(Path.cwd(), f"another build is running in this folder ({holder}); two builds at once "
                                     "would write the same files.",
                         "wait for it to finish (or stop it), then run `snakemake --cores 4` again; to build "
                         "two editions at once, build them in two copies of the project.") from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"process {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}: "
                 f"snakemake {' '.join(sys.argv[1:])}".rstrip() + "\n")
    handle.flush()
    _held[str(path)] = handle
