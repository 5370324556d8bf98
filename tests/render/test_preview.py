"""The preview's watch loop: no change is lost, whenever it is made, and a file the pipeline
only dated again is not a change."""

import os
import threading
from pathlib import Path

from policybrief.render import preview as watch


class Lines:
    def __init__(self):
        self.said = []

    def info(self, message, *arguments):
        self.said.append(message % arguments if arguments else message)


def built_topic(folder: Path) -> Path:
    (folder / "config").mkdir()
    (folder / "config/brief.qmd.j2").write_text("The evidence behind every number", encoding="utf-8")
    (folder / "reports").mkdir()
    (folder / "reports/brief.qmd").write_text("built", encoding="utf-8")
    return folder


def reword(topic: Path, words: str):
    return lambda: (topic / "config/brief.qmd.j2").write_text(words, encoding="utf-8")


def watched(topic: Path, monkeypatch, during: dict, rounds: int) -> list[list[str]]:
    """Runs the preview with a page writer that does during[n]() while the page at position n
    is written; returns what each page was written for."""
    renders = []

    def render_once(topic_, changed, say, rebuild=False):
        renders.append(changed)
        if len(renders) - 1 in during:
            during[len(renders) - 1]()

    monkeypatch.chdir(topic)
    monkeypatch.setattr(watch, "render_once", render_once)
    watcher = threading.Thread(target=watch.preview, kwargs={"port": 0, "interval": 0.01, "rounds": rounds,
                                                            "say": Lines()}, daemon=True)
    watcher.start()
    watcher.join(timeout=10)
    assert not watcher.is_alive(), f"the preview missed a change; pages written for {renders}"
    return renders


def test_a_change_made_while_the_first_page_is_written_is_shown(tmp_path, monkeypatch):
    topic = built_topic(tmp_path)
    renders = watched(topic, monkeypatch, {0: reword(topic, "The proof of every number")}, rounds=1)
    assert renders == [[], ["config/brief.qmd.j2"]]


def test_a_change_made_while_a_page_is_written_is_shown_next(tmp_path, monkeypatch):
    topic = built_topic(tmp_path)
    renders = watched(topic, monkeypatch, {0: reword(topic, "The proof of every number"), 1: reword(topic, "Proof")},
                      rounds=2)
    assert renders == [[], ["config/brief.qmd.j2"], ["config/brief.qmd.j2"]]


def test_a_file_the_pipeline_dated_again_is_not_a_change_and_an_edit_during_it_is(tmp_path, monkeypatch):
    topic = built_topic(tmp_path)
    catalogue = topic / "config/catalogue.yaml"
    catalogue.write_text("wording: among them", encoding="utf-8")

    def edit_the_catalogue():
        catalogue.write_text("wording: of whom", encoding="utf-8")
        os.utime(catalogue, ns=(1, 1))  # older than the outputs, as a file put back from a backup

    def rebuild_while_the_template_is_reworded():
        os.utime(catalogue, ns=(2 * 10**18, 2 * 10**18))  # what policybrief.core.freshness does
        reword(topic, "The proof of every number")()

    renders = watched(topic, monkeypatch, {0: edit_the_catalogue, 1: rebuild_while_the_template_is_reworded},
                      rounds=2)
    assert renders == [[], ["config/catalogue.yaml"], ["config/brief.qmd.j2"]]
