"""Publishing is all or nothing: the brief, the annex, the edition's record and the receipt are
replaced together; a full disk, a failure or a kill at any moment leaves every earlier file as
it was, or (once the publication was complete on disk) is finished by the next run."""

import errno
import json
import os

import pytest

from policybrief.core.errors import InputError
from policybrief.editions import publish as publishing
from policybrief.editions.publish import publish, receipt_holds, recover


class Killed(BaseException):
    """The process ending at this point (kill -9): nothing after it runs, no handler catches it."""


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A project folder with a published brief and a kept edition, and the new versions."""
    monkeypatch.chdir(tmp_path)
    for name, text in {"reports/brief.html": "old brief", "reports/annex.html": "old annex",
                       "editions/2026-11-23/facts.csv": "old facts", "editions/2026-11-23/stale.csv": "old stale",
                       "reports/rendered/brief.html": "new brief", "reports/rendered/annex.html": "new annex",
                       "data/processed/facts.csv": "new facts"}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


FILES = {"reports/brief.html": "reports/rendered/brief.html", "reports/annex.html": "reports/rendered/annex.html"}
FOLDERS = {"editions/2026-11-23": {"facts.csv": "data/processed/facts.csv", "manifest.json": b'{"new": 1}\n'}}
PARENTS = ["reports", "reports/.published", "editions"]


def tree(root) -> dict:
    """Every file under reports/ and editions/ with its text (the staging folders included)."""
    return {path.relative_to(root).as_posix(): path.read_text() for folder in ("reports", "editions")
            for path in sorted((root / folder).rglob("*")) if path.is_file()}


def published_state(root) -> dict:
    return {name: text for name, text in tree(root).items() if not name.startswith("reports/rendered/")}


OLD = {"reports/brief.html": "old brief", "reports/annex.html": "old annex",
       "editions/2026-11-23/facts.csv": "old facts", "editions/2026-11-23/stale.csv": "old stale"}


def new_state(root) -> dict:
    receipt = json.loads((root / publishing.RECEIPT).read_text())
    return {"reports/brief.html": "new brief", "reports/annex.html": "new annex",
            "editions/2026-11-23/facts.csv": "new facts", "editions/2026-11-23/manifest.json": '{"new": 1}\n',
            publishing.RECEIPT: (root / publishing.RECEIPT).read_text()} if receipt else {}


def test_a_publication_replaces_the_files_and_the_folder_whole_and_its_receipt_holds(site):
    published = publish(FILES, FOLDERS)
    assert published_state(site) == new_state(site)  # the stale file of the old record is gone with it
    assert set(published) == {"reports/brief.html", "reports/annex.html", "editions/2026-11-23/facts.csv",
                              "editions/2026-11-23/manifest.json"}
    assert receipt_holds() and not (site / publishing.JOURNAL).exists()
    (site / "reports/brief.html").write_text("edited by hand")
    assert not receipt_holds()  # the next run publishes again
    (site / "reports/brief.html").unlink()
    assert not receipt_holds() and not receipt_holds("no-receipt.json")


def test_what_is_published_can_be_read_by_others_whatever_the_umask(site):
    before = os.umask(0o077)
    try:
        publish(FILES, FOLDERS)
    finally:
        os.umask(before)
    for name in ("reports/brief.html", "reports/annex.html", "editions/2026-11-23/facts.csv"):
        assert (site / name).stat().st_mode & 0o777 == 0o644, name
    assert (site / "editions/2026-11-23").stat().st_mode & 0o777 == 0o755


def fail_at(monkeypatch, owner, name: str, count: int, error: BaseException):
    """The count-th call (from 0) of owner.name raises error; returns what puts it back."""
    real, calls = getattr(owner, name), []

    def failing(*arguments):
        calls.append(arguments)
        if len(calls) == count + 1:
            raise error
        return real(*arguments)

    monkeypatch.setattr(owner, name, failing)
    return lambda: monkeypatch.setattr(owner, name, real)


# A publication of FILES and FOLDERS writes six files (the journal last) and makes seven renames.
WRITES, RENAMES = 6, 7


@pytest.mark.parametrize("count", range(WRITES))
def test_a_disk_that_fills_while_the_new_files_are_written_changes_nothing(site, monkeypatch, count):
    fail_at(monkeypatch, publishing, "_write_durably", count, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "x"))
    with pytest.raises(InputError, match="the disk is full. Nothing was replaced") as error:
        publish(FILES, FOLDERS)
    assert "What to do: free space" in str(error.value)
    assert published_state(site) == OLD  # no staging folder left behind either


@pytest.mark.parametrize("count", range(RENAMES))
def test_a_failure_while_the_files_are_swapped_puts_every_file_back(site, monkeypatch, count):
    restore = fail_at(monkeypatch, publishing.os, "rename", count, OSError(errno.EIO, os.strerror(errno.EIO), "x"))
    with pytest.raises(InputError, match="every file was put back"):
        publish(FILES, FOLDERS)
    restore()
    assert published_state(site) == OLD
    assert not (site / publishing.JOURNAL).exists()


@pytest.mark.parametrize("count", range(WRITES))
def test_a_kill_before_the_publication_is_complete_leaves_the_last_one(site, monkeypatch, count):
    restore = fail_at(monkeypatch, publishing, "_write_durably", count, Killed())
    with pytest.raises(Killed):
        publish(FILES, FOLDERS)
    restore()
    recover(parents=PARENTS)  # what the next run does first
    assert published_state(site) == OLD


@pytest.mark.parametrize("count", range(RENAMES))
def test_a_kill_once_the_publication_is_complete_is_finished_by_the_next_run(site, monkeypatch, count):
    restore = fail_at(monkeypatch, publishing.os, "rename", count, Killed())
    with pytest.raises(Killed):
        publish(FILES, FOLDERS)
    restore()
    assert (site / publishing.JOURNAL).exists()
    recover(parents=PARENTS)
    assert published_state(site) == new_state(site)
    assert receipt_holds()


def test_too_little_free_space_stops_before_anything_is_written(site, monkeypatch):
    monkeypatch.setattr(publishing.shutil, "disk_usage", lambda path: type("usage", (), {"free": 1000})())
    with pytest.raises(InputError) as error:
        publish(FILES, FOLDERS)
    message = str(error.value)
    assert "has 1000 bytes free, and publishing the edition needs" in message
    assert "nothing was replaced" in message and "What to do: free at least" in message
    assert published_state(site) == OLD
