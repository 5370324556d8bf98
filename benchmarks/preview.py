"""How soon a reworded sentence shows in the preview (`policybrief preview`), against the floor
of the render itself (Pandoc writing the brief's web page), on a built copy of the project.

    python benchmarks/preview.py [--edits 5]

Each edit rewords one sentence of config/brief.qmd.j2; the time is from the file's write to
the new page's version (what the open page polls, five times a second, to reload itself), the
best and the worst of the edits. The floor is Pandoc alone on the same source, the best of
five. Targets (issue 27): the page within about a second of the edit (1.0 s, not counting the
page's own poll of at most 0.2 s), and within 3x the floor. Tests do not time; this does.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ["Snakefile", "config", "seeds", "profiles"]
SENTENCE = "The evidence behind every number, the sources and all recommendations are in the"


class Silent:
    def info(self, *arguments):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=5)
    arguments = parser.parse_args()
    from policybrief.render.engines import ASSETS, pandoc_html
    from policybrief.render.preview import PREVIEW, preview
    from policybrief.workflow import engine_file

    with tempfile.TemporaryDirectory(prefix="policybrief-preview-") as folder:
        project = Path(folder) / "project"
        project.mkdir()
        for part in PARTS:
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, project / part)
        subprocess.run([sys.executable, "-m", "snakemake", "--cores", "4", "--quiet"], cwd=project, check=True,
                       capture_output=True)
        os.chdir(project)
        watcher = threading.Thread(target=preview, kwargs={"port": 0, "interval": 0.05, "rounds": arguments.edits,
                                                           "say": Silent()}, daemon=True)
        watcher.start()
        version = project / PREVIEW / "version.txt"
        while not version.exists():
            time.sleep(0.01)
        template = project / "config/brief.qmd.j2"
        text = template.read_text(encoding="utf-8")
        assert SENTENCE in text, f"the benchmark rewords {SENTENCE!r}, which the template no longer has"
        shown = []
        for edit in range(arguments.edits):
            before = version.read_text(encoding="utf-8")
            time.sleep(0.3)
            reworded = f"Edit {edit}: t" + SENTENCE[1:]
            template.write_text(text.replace(SENTENCE, reworded), encoding="utf-8")
            started = time.perf_counter()
            while version.read_text(encoding="utf-8") == before:
                time.sleep(0.005)
            shown.append(time.perf_counter() - started)
            page = " ".join((project / PREVIEW / "brief.html").read_text(encoding="utf-8").split())
            assert f"Edit {edit}: the evidence" in page, "the page does not show the edit"
        watcher.join(timeout=10)
        source = project / PREVIEW / "brief.qmd"
        assets = {name: engine_file(path) for name, path in ASSETS.items()}
        floors = []
        for _ in range(5):
            started = time.perf_counter()
            pandoc_html(source, project / PREVIEW / "floor.html", assets, Silent(), resources=project / "reports")
            floors.append(time.perf_counter() - started)
        floor = min(floors)
    best, worst = min(shown), max(shown)
    rows = [("edit to page, best", best, 1.0), ("edit to page, worst", worst, 1.0),
            ("worst / floor (Pandoc's web page)", worst / floor, 3.0)]
    print(f"floor: Pandoc writes the page in {floor:.2f} s (best of 5)")
    missed = 0
    for name, measured, target in rows:
        ok = measured <= target
        missed += not ok
        print(f"{name:36s} {measured:6.2f}   target {target:4.1f}   {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
