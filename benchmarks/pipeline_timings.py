"""Time the pipeline on the seeds: a clean build, a no-op rerun, the GX import, and the
validation job (from its log).

    python benchmarks/pipeline_timings.py

Targets (on a 2-core machine): clean build under 60 s, no-op rerun under 10 s. The script
prints each timing beside its target and exits 1 when one is missed; tests do not time.
"""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A topic folder: its content and the Snakefile that uses the installed engine.
PARTS = ["Snakefile", "config", "seeds", "profiles"]
TARGETS = {"clean build": 60.0, "no-op rerun": 10.0, "import great_expectations": 15.0}


def timed(command, cwd) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for part in PARTS:
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
        snakemake = [sys.executable, "-m", "snakemake", "--cores", "4", "--quiet"]
        timings = {
            "clean build": timed(snakemake, project),
            "no-op rerun": timed(snakemake, project),
            "import great_expectations": timed([sys.executable, "-c", "import great_expectations"], project),
        }
        validation = [path.read_text(encoding="utf-8").strip().splitlines()[-1]
                      for path in sorted((project / "logs").glob("validate.log"))]
    missed = 0
    for name, seconds in timings.items():
        ok = seconds <= TARGETS[name]
        missed += not ok
        print(f"{name:28s} {seconds:6.1f} s   target {TARGETS[name]:5.1f} s   {'ok' if ok else 'MISSED'}")
    for line in validation:
        print(line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
