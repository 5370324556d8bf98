"""Publishing an edition all or nothing: the brief, the annex, the edition's record under
editions/<date>/ and the receipt of what was published are replaced together, or none is.

Snakemake removes a job's outputs when the job starts, so nothing published is a job's
output: the publishing job's one output is the receipt (reports/.published/receipt.json),
which lists every published file with its checksum. A receipt whose files are missing or
changed is dropped when the workflow is read (`receipt_holds`), and the next run publishes
again.

A publication goes in three steps, so that a full disk, a failure or a kill at any moment
leaves every earlier file as it was:

1. **Check and stage.** The free space of each disk is checked first; then every new file is
   written (and flushed to disk) into a staging folder beside its target
   (`<folder>/.publishing/`), on the same disk, so that a full disk stops the publication
   here, with nothing replaced.
2. **Commit.** A journal listing the renames is written in one rename
   (reports/.publish-journal.json): from then on the publication is complete on disk.
3. **Swap.** Each target is moved aside and its new version renamed into place: renames
   need no space. A failure here moves everything back; a process killed here leaves the
   journal, and the next run finishes the renames (`recover`) before anything else.

Light (the standard library and policybrief.core.documents): the workflow calls it while it is read.
"""

import json
import os
import shutil
from pathlib import Path

from policybrief.core.checksums import sha256_of
from policybrief.core.errors import DISK_FULL, InputError
from policybrief.editions.records import ARCHIVE

RECEIPT = "reports/.published/receipt.json"
# The brief as readers have it, once an edition was published.
PUBLISHED_BRIEF = "reports/brief.html"
JOURNAL = "reports/.publish-journal.json"
STAGING = ".publishing"
# The folders this project publishes into: the documents, the receipt, the kept editions
# (`recover` drops what an interrupted publication left in their staging folders).
PUBLISHED_FOLDERS = ("reports", Path(RECEIPT).parent.as_posix(), ARCHIVE)
# Room kept free beyond the files themselves: a block per file, and some for the folders.
BLOCK = 4096
SLACK = 256 * 1024


class PublishError(InputError):
    """The publication could not be made; nothing published was changed."""


def content_of(source) -> bytes:
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def receipt_of(plan: list[dict]) -> dict:
    """Each file a publication writes -> the sha256 of the bytes it will hold."""
    import hashlib

    return dict(sorted(((step["target"] if name is None else step["target"] / name).as_posix(),
                        hashlib.sha256(data).hexdigest())
                       for step in plan for name, data in step["members"].items()))


def publish(files: dict, folders: dict, receipt=RECEIPT, journal=JOURNAL) -> dict:
    """Publish files (target -> source path or bytes) and whole folders (target folder ->
    {name: source}), with the receipt of what was published, all or nothing."""
    plan = _plan(files, folders)
    published = receipt_of(plan)
    plan += _plan({receipt: (json.dumps(published, indent=2, sort_keys=True) + "\n").encode("utf-8")}, {})
    recover(journal, {step["target"].parent for step in plan})
    check_free_space(plan)
    try:
        for step in plan:
            _stage(step)
        _write_atomically(Path(journal), json.dumps(
            {"moves": [[str(s["staged"]), str(s["target"]), str(s["aside"])] for s in plan]}, indent=1).encode())
    except OSError as error:
        _discard(plan)
        raise _disk_error(error, "while preparing the new files") from None
    done = []
    try:
        for step in plan:
            _swap(step["staged"], step["target"], step["aside"], done)
        _sync_folders({step["target"].parent for step in plan})
    except OSError as error:
        for source, destination in reversed(done):
            os.rename(destination, source)
        Path(journal).unlink(missing_ok=True)
        _discard(plan)
        raise _disk_error(error, "while putting the new files in place (every file was put back)") from None
    Path(journal).unlink()
    _discard(plan)
    return published


def recover(journal=JOURNAL, parents=PUBLISHED_FOLDERS) -> list[str]:
    """Finish a publication that was committed but interrupted (the journal is there), or drop
    the files of one that was not; returns the targets put in place."""
    finished = []
    path = Path(journal)
    if path.exists():
        try:
            moves = json.loads(path.read_text(encoding="utf-8"))["moves"]
        except (ValueError, KeyError, TypeError):
            moves = []  # written in one rename: a journal that cannot be read was never committed
        for staged, target, aside in moves:
            if os.path.lexists(staged):
                _swap(Path(staged), Path(target), Path(aside), [])
                finished.append(target)
        _sync_folders({Path(target).parent for _, target, _ in moves})
        path.unlink()
    for parent in parents:
        shutil.rmtree(Path(parent) / STAGING, ignore_errors=True)
    return finished


def receipt_holds(receipt=RECEIPT) -> bool:
    """True when every file the receipt names is there with the bytes it published."""
    try:
        published = json.loads(Path(receipt).read_text(encoding="utf-8"))
        return bool(published) and all(Path(path).is_file() and sha256_of(path) == digest
                                       for path, digest in published.items())
    except (OSError, ValueError, AttributeError):
        return False


def check_free_space(plan: list[dict]) -> None:
    """Stop before writing anything when a disk has less room than the new files need."""
    needed, where = {}, {}
    for step in plan:
        parent = step["target"].parent
        parent.mkdir(parents=True, exist_ok=True)
        device = os.stat(parent).st_dev
        where.setdefault(device, parent)
        needed[device] = needed.get(device, SLACK) + sum(
            -(-len(data) // BLOCK) * BLOCK + BLOCK for data in step["members"].values())
    for device, bytes_needed in needed.items():
        free = shutil.disk_usage(where[device]).free
        if free < bytes_needed:
            raise PublishError(where[device], f"the disk holding this folder has {_size(free)} free, and publishing "
                                              f"the edition needs {_size(bytes_needed)}; nothing was replaced: the "
                                              "published brief, annex and kept editions are as they were.",
                               f"free at least {_size(bytes_needed - free)} on that disk, then run "
                               "`snakemake --cores 4` again.")


def _plan(files: dict, folders: dict) -> list[dict]:
    """One step per target: a file, or a folder replaced whole."""
    plan = []  # each source read once, here
    for target, source in files.items():
        plan.append({"target": Path(target), "members": {None: content_of(source)}})
    for folder, members in folders.items():
        plan.append({"target": Path(folder), "members": {name: content_of(source) for name, source in members.items()}})
    for step in plan:
        staging = step["target"].parent / STAGING
        step["staged"] = staging / step["target"].name
        step["aside"] = staging / ".previous" / step["target"].name
    return plan


def _stage(step: dict) -> None:
    staged = step["staged"]
    if None in step["members"]:
        _write_durably(staged, step["members"][None])
        return
    staged.mkdir(parents=True)
    staged.chmod(PUBLISHED_FOLDER_MODE)
    for name, data in sorted(step["members"].items()):
        _write_durably(staged / name, data)
    _sync_folders({staged})


def _swap(staged: Path, target: Path, aside: Path, done: list) -> None:
    """Move target aside (if it is there) and the staged version in, adding each rename made
    to `done` as it is made (so that a failure halfway can be undone)."""
    aside.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target) and not os.path.lexists(aside):
        os.rename(target, aside)
        done.append((target, aside))
    elif os.path.lexists(target):  # a later run finishing an interrupted swap
        shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
    os.rename(staged, target)
    done.append((staged, target))


# What is published is read by others (a web server, colleagues): ordinary read permissions,
# whatever the umask of the build.
PUBLISHED_FILE_MODE = 0o644
PUBLISHED_FOLDER_MODE = 0o755


def _write_durably(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        os.fchmod(handle.fileno(), PUBLISHED_FILE_MODE)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        _write_durably(partial, data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _sync_folders({path.parent})


def _sync_folders(folders) -> None:
    """Make renames in these folders durable (a crash after this keeps them)."""
    for folder in folders:
        try:
            handle = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(handle)
        except OSError:
            pass
        finally:
            os.close(handle)


def _discard(plan: list[dict]) -> None:
    for staging in {step["staged"].parent for step in plan}:
        shutil.rmtree(staging, ignore_errors=True)


def _disk_error(error: OSError, when: str) -> PublishError:
    what = ("the disk is full" if error.errno in DISK_FULL else f"the system said: {os.strerror(error.errno or 0)}")
    return PublishError(error.filename or "reports/", f"the edition could not be published {when}: {what}. "
                                                      "Nothing was replaced: the published brief, annex and kept "
                                                      "editions are as they were.",
                        "free space on that disk (or correct what the system says), then run "
                        "`snakemake --cores 4` again.")


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count} bytes"
