"""A big data file: time and peak memory of the build that plugs it in.

    python benchmarks/plugin_scale.py [rows]      (default 100,000)

On a temporary copy of the project: a clean build, then a plug-in file of `rows` values
(half of them a second period of the same series, so the figure of indicators across
periods and every long table of the brief and annex are put to the test) and the build
again. Prints the time and the peak memory of the largest job, beside their targets, the
size of the brief, and exits 1 when a target is missed; tests do not time.
"""

import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A topic folder: its content and the Snakefile that uses the installed engine.
PARTS = ["Snakefile", "config", "seeds", "profiles"]
TARGETS = {"build with the data file": 300.0, "peak memory of a job": 2048.0}  # seconds, MiB


def write_plugin(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "geography", "group", "period", "value", "unit", "source", "label"])
        for i in range(rows):
            writer.writerow(["registered_residents", f"Municipality {i // 2:06d}", "", 2010 + i % 2, 1000 + i,
                             "count", "Population register", "Registered residents"])


def build(project: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "4", "--quiet"], cwd=project,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stdout[-3000:] + result.stderr[-3000:])
    return time.perf_counter() - started


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for part in PARTS:
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
        clean = build(project)
        (project / "data/supplementary").mkdir(parents=True, exist_ok=True)
        write_plugin(project / "data/supplementary/registers.csv", rows)
        seconds = build(project)
        # The largest process the builds waited for (each job is a child of Snakemake's).
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        sizes = {name: (project / "reports" / name).stat().st_size / 1e6
                 for name in ("brief.html", "brief.pdf", "annex.html", "annex.pdf")}
    print(f"{rows:,} plug-in rows; clean build first: {clean:.1f} s")
    missed = 0
    for name, value, unit in (("build with the data file", seconds, "s"), ("peak memory of a job", peak, "MiB")):
        ok = value <= TARGETS[name]
        missed += not ok
        print(f"{name:28s} {value:8.1f} {unit:3s}  target {TARGETS[name]:7.1f} {unit}   {'ok' if ok else 'MISSED'}")
    print("documents: " + ", ".join(f"{name} {size:.2f} MB" for name, size in sizes.items()))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
