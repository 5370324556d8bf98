"""`policybrief preview`: a reworded sentence shows in the served page, which reloads itself,
without a build; a change the tables depend on makes the brief's source again first."""

import os
import shutil
import threading
import time
import urllib.request

import pytest

from policybrief.core.errors import InputError
from policybrief.render.preview import PREVIEW, changed_files, files_under, preview

from conftest import catalogue_file_with

pytestmark = pytest.mark.e2e


class Lines:
    def __init__(self):
        self.said = []

    def info(self, message, *arguments):
        self.said.append(message % arguments if arguments else message)


def wait_for(condition, seconds=60):
    started = time.time()
    while not condition():
        assert time.time() - started < seconds, "timed out"
        time.sleep(0.02)


@pytest.fixture
def topic(built, tmp_path, monkeypatch):
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    monkeypatch.chdir(copy)
    return copy


def test_a_reworded_sentence_shows_in_the_served_page_without_a_build(topic):
    say = Lines()
    watcher = threading.Thread(target=preview, kwargs={"port": 0, "interval": 0.05, "rounds": 2, "say": say},
                               daemon=True)
    watcher.start()
    version = topic / PREVIEW / "version.txt"
    wait_for(lambda: any(line.startswith("preview: http://localhost:") for line in say.said))
    url = next(line for line in say.said if line.startswith("preview: ")).split()[1]
    first = urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
    assert 'fetch("version.txt"' in first and "Sources and data annex" in first
    published = (topic / "reports/brief.html").read_bytes()

    shown = version.read_text(encoding="utf-8")
    template = topic / "config/brief.qmd.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "The evidence behind every number", "The proof of every number"), encoding="utf-8")
    wait_for(lambda: version.read_text(encoding="utf-8") != shown)
    page = " ".join(urllib.request.urlopen(url, timeout=10).read().decode("utf-8").split())
    assert "The proof of every number, the sources and all recommendations are in the" in page
    assert not any("snakemake" in line for line in say.said)
    assert (topic / "reports/brief.html").read_bytes() == published  # a preview publishes nothing

    # A change the tables depend on: the brief's source is made again, then the page.
    shown = version.read_text(encoding="utf-8")
    catalogue = catalogue_file_with(topic, '    wording: "among them, only {value} were women"')
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        '    wording: "among them, only {value} were women"', '    wording: "of whom only {value} were women"'),
        encoding="utf-8")
    wait_for(lambda: version.read_text(encoding="utf-8") != shown, seconds=120)
    watcher.join(timeout=30)
    assert any("snakemake makes the brief's source again" in line for line in say.said)
    assert "of whom only" in " ".join((topic / PREVIEW / "brief.html").read_text(encoding="utf-8").split())


def test_the_preview_needs_a_built_topic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="the preview shows the brief of a built topic"):
        preview(port=0, rounds=0, say=Lines())


def test_a_change_is_a_file_written_added_or_removed(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config/a.yaml").write_text("a", encoding="utf-8")
    before = files_under(tmp_path, ["config"])
    (tmp_path / "config/b.yaml").write_text("b", encoding="utf-8")
    os.utime(tmp_path / "config/a.yaml", ns=(1, 1))
    assert changed_files(before, files_under(tmp_path, ["config"])) == ["config/a.yaml", "config/b.yaml"]
