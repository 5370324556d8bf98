"""The preview's watch loop: no change is lost, whenever it is made."""

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


def watched(topic: Path, monkeypatch, edits: dict[int, str], rounds: int) -> list[list[str]]:
    """Runs the preview with a page writer that rewords the template while the page at
    position n is written (edits[n]); returns what each page was written for."""
    renders = []

    def render_once(topic_, changed, say):
        renders.append(changed)
        if len(renders) - 1 in edits:
            (topic / "config/brief.qmd.j2").write_text(edits[len(renders) - 1], encoding="utf-8")

    monkeypatch.chdir(topic)
    monkeypatch.setattr(watch, "render_once", render_once)
    watcher = threading.Thread(target=watch.preview, kwargs={"port": 0, "interval": 0.01, "rounds": rounds,
                                                            "say": Lines()}, daemon=True)
    watcher.start()
    watcher.join(timeout=10)
    assert not watcher.is_alive(), f"the preview missed a change; pages written for {renders}"
    return renders


def test_a_change_made_while_the_first_page_is_written_is_shown(tmp_path, monkeypatch):
    renders = watched(built_topic(tmp_path), monkeypatch, {0: "The proof of every number"}, rounds=1)
    assert renders == [[], ["config/brief.qmd.j2"]]


def test_a_change_made_while_a_page_is_written_is_shown_next(tmp_path, monkeypatch):
    renders = watched(built_topic(tmp_path), monkeypatch, {0: "The proof of every number", 1: "Proof"}, rounds=2)
    assert renders == [[], ["config/brief.qmd.j2"], ["config/brief.qmd.j2"]]
