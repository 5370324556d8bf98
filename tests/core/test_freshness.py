"""A build decides what to redo from content: a source put back with an older modification time
(a restored backup, an undo) is dated now, so that Snakemake rebuilds what depends on it; an
unchanged or ordinarily edited source is left as it is."""

import json
import os

import pytest

from policybrief.core.freshness import RECORD, refresh_changed_sources, source_files

HOUR = 3600 * 10**9


@pytest.fixture
def project(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "config/config.yaml").write_text("name: A\n")
    (tmp_path / "seeds/a.txt").write_text("a document\n")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports/brief.html").write_text("built from A")
    return tmp_path


def mtime(path) -> int:
    return path.stat().st_mtime_ns


def set_mtime(path, nanoseconds: int) -> None:
    os.utime(path, ns=(nanoseconds, nanoseconds))


def test_the_first_run_records_every_source_and_touches_none(project):
    before = mtime(project / "config/config.yaml")
    assert refresh_changed_sources(project) == []
    record = json.loads((project / RECORD).read_text())
    assert set(record) == {"config/config.yaml", "seeds/a.txt"} == set(source_files(project))
    assert mtime(project / "config/config.yaml") == before


def test_a_copy_put_back_with_an_older_time_is_dated_now(project):
    config = project / "config/config.yaml"
    refresh_changed_sources(project)  # the build of A
    old = mtime(config)
    config.write_text("name: B\n")
    refresh_changed_sources(project)  # the build of B
    set_mtime(project / "reports/brief.html", mtime(config) + HOUR)  # its outputs, written after
    config.write_text("name: A\n")  # the backup of A put back, with A's time (cp -p)
    set_mtime(config, old)
    assert refresh_changed_sources(project) == ["config/config.yaml"]
    assert mtime(config) > mtime(project / "reports/brief.html")  # Snakemake sees it newer than the brief
    assert refresh_changed_sources(project) == []  # once only


def test_a_new_source_with_an_old_time_is_dated_now(project):
    refresh_changed_sources(project)
    plugin = project / "seeds/b.txt"
    plugin.write_text("a document restored from a backup\n")
    set_mtime(plugin, mtime(project / "reports/brief.html") - HOUR)
    assert refresh_changed_sources(project) == ["seeds/b.txt"]


@pytest.mark.parametrize("case", ["edited", "touched", "unchanged"])
def test_an_edit_newer_than_the_outputs_or_no_change_is_left_as_it_is(project, case):
    config = project / "config/config.yaml"
    refresh_changed_sources(project)
    if case == "edited":
        config.write_text("name: C\n")
        set_mtime(config, mtime(project / "reports/brief.html") + HOUR)
    elif case == "touched":  # same content, older time: Snakemake's own checksums keep the outputs
        set_mtime(config, mtime(config) - HOUR)
    before = mtime(config)
    assert refresh_changed_sources(project) == []
    assert mtime(config) == before
