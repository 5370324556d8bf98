"""A file's SHA-256 checksum: what the edition records, the annex prints and the build and
the preview compare to tell a changed file from one that was only dated again."""

import hashlib


def sha256_of(path) -> str:
    """The file's checksum, read in blocks: a downloaded data file may be hundreds of megabytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_or_none(path) -> str | None:
    """The checksum, or None for a file removed or unreadable while it was looked at."""
    try:
        return sha256_of(path)
    except OSError:
        return None
