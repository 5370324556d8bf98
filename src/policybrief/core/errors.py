"""Errors meant for a user: they name the file, the place and what to do."""

import errno
import os

# What a disk that is full says (no space left, or over quota).
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


class InputError(Exception):
    """Bad input that the user can fix; the message says where and how."""

    def __init__(self, path, problem, hint=""):
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        message = f"{self.path}: {problem}"
        if hint:
            message += f"\n  What to do: {hint}"
        super().__init__(message)


def disk_full_message(error: OSError) -> str | None:
    """What to tell a user whose disk filled up during a job, or None for any other error."""
    if error.errno not in DISK_FULL:
        return None
    where = f"{error.filename}: " if error.filename else ""
    return (f"{where}the disk is full ({os.strerror(error.errno)}): this step could not write its outputs. The "
            "published brief, annex and kept editions were not touched.\n  What to do: free space on the disk "
            "that holds the project, then run `snakemake --cores 4` again.")
