"""How fast the pipeline is against its floor: a clean build, a no-op, each kind of edit, and a
corpus of many documents, on temporary copies of the project, in one run (the machines are
noisy, so each figure is a ratio to a floor measured in the same run).

    python benchmarks/speed.py [--documents 1000]

Floors: the start-ups no design can avoid on the critical path (Snakemake, one import of
Great Expectations, one of matplotlib, the render: the brief and the annex render side by
side, so the slower of the two render jobs). Each is the best of several runs taken beside
what it is compared with (the no-op in turns with the trivial Snakefile's), and each measured
figure is the best of two (the no-op the best of ten: it is short enough for the noise to
be most of it). Per-job times come from the Snakemake `benchmark:` file of each job
(logs/benchmarks/). Every floor, the trivial Snakefile's too, exits without Python's last
garbage collections, as the workflow's processes do (policybrief.core.process_exit). Targets
(issue 14):

- clean build within 1.5x its floor;
- no-op within 1.2x a trivial one-rule Snakefile;
- an edited document, a template change, a stylesheet change and a new plug-in file each
  rerun only what depends on them (the jobs are listed, from `snakemake -n`) and finish
  within 2x the floor of what they rerun;
- N documents: each added document costs at most 0.1 s of build time; the brief does not
  grow with the corpus.

Prints one table and exits 1 when a target is missed; tests never time anything.
"""

import argparse
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A topic folder: its content and the Snakefile that uses the installed engine.
PARTS = ["Snakefile", "config", "seeds", "profiles"]
SNAKEMAKE = [sys.executable, "-m", "snakemake", "--cores", "4", "--quiet", "all"]
TRIVIAL = [sys.executable, "-m", "snakemake", "--cores", "1", "--quiet"]
# The floors exit the way the workflow's own processes do, without the last garbage collections
# (policybrief.core.process_exit): an exit's cost is avoidable, so no floor may include it.
SKIP_FINAL_COLLECTION = "import gc; gc.freeze()"
IMPORT_GX = [sys.executable, "-c", f"import great_expectations; {SKIP_FINAL_COLLECTION}"]
IMPORT_MATPLOTLIB = [sys.executable, "-c",
                     f"import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot; {SKIP_FINAL_COLLECTION}"]
QUIET_ENV = {**os.environ, "GX_ANALYTICS_ENABLED": "false"}
# Every build uses a copy of the engine (the policybrief package, put first on PYTHONPATH), so
# that the stylesheet change edits the copy, not the installed engine.
ENGINE = {}


def use_engine_copy(folder: Path) -> None:
    ENGINE["folder"] = folder
    shutil.copytree(ROOT / "src/policybrief", folder / "policybrief", ignore=shutil.ignore_patterns("__pycache__"))
    QUIET_ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True)
    for part in PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, destination / part)
    (destination / "data/supplementary").mkdir(parents=True, exist_ok=True)
    return destination


def seconds(command, cwd) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=QUIET_ENV)
    return time.perf_counter() - started


def best_of(command, cwd, runs=3) -> float:
    return min(seconds(command, cwd) for _ in range(runs))


def trivial_snakefile(folder: Path) -> Path:
    """Snakemake's own start-up: a one-rule Snakefile whose output exists."""
    folder.mkdir()
    (folder / "Snakefile").write_text('import atexit\nimport gc\n\natexit.register(gc.freeze)\n\n'
                                      'rule all:\n    output: "done.txt"\n    shell: "touch {output}"\n')
    subprocess.run(TRIVIAL, cwd=folder, check=True, capture_output=True)
    return folder


def interleaved_best(commands, runs=5) -> list[float]:
    """The best time of each (command, folder), run in turn, so that a slow spell of the
    machine weighs on all of them alike."""
    times = [[] for _ in commands]
    for _ in range(runs):
        for index, (command, cwd) in enumerate(commands):
            times[index].append(seconds(command, cwd))
    return [min(each) for each in times]


def job_times(project: Path) -> dict:
    """Wall-clock seconds and peak memory (MiB) of each job, from its benchmark file."""
    times = {}
    for path in sorted((project / "logs/benchmarks").rglob("*.tsv")):
        with open(path, newline="", encoding="utf-8") as handle:
            row = next(csv.DictReader(handle, delimiter="\t"))
        name = path.relative_to(project / "logs/benchmarks").with_suffix("").as_posix()
        times[name] = (float(row["s"]), float(row["max_rss"]) if row["max_rss"] not in ("", "-") else 0.0)
    return times


def planned_rules(project: Path) -> Counter:
    """The jobs a run would do, by rule (`snakemake -n`)."""
    result = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "4", "-n"], cwd=project, check=True,
                            capture_output=True, text=True, env=QUIET_ENV)
    output = result.stdout + result.stderr
    table = output.split("Job stats:")[-1] if "Job stats:" in output else ""
    return Counter({rule: int(count) for rule, count in re.findall(r"(?m)^(\w+)\s+(\d+)$", table)
                    if rule not in ("total", "all")})


def rules_run_since(project: Path, started: float) -> Counter:
    """The jobs a run did, by rule: those whose benchmark file it wrote (the jobs after a
    checkpoint, such as the figures, are not known to `snakemake -n` beforehand)."""
    ran = Counter()
    for path in (project / "logs/benchmarks").rglob("*.tsv"):
        if path.stat().st_mtime >= started:
            name = path.relative_to(project / "logs/benchmarks").with_suffix("").as_posix()
            ran[RULE_OF.get(name, RULE_OF.get(name.split("/")[0], name))] += 1
    return ran


# Benchmark file names that are not the rule's name.
RULE_OF = {"extract": "extract_batch", "figures/figures": "draw_figures", "figures/periods": "draw_periods_figure"}
for report in ("brief", "annex"):
    RULE_OF[f"render_{report}"] = "render_document"


def slower_render(times: dict) -> float:
    return max(times["render_brief"][0], times["render_annex"][0])


def floor_of(rules, floors) -> float:
    """The start-ups a set of jobs cannot avoid: Snakemake, and one of each heavy tool it needs."""
    total = floors["snakemake"]
    total += floors["great_expectations"] if rules.get("validate") else 0
    total += floors["matplotlib"] if rules.get("draw_figures") or rules.get("draw_periods_figure") else 0
    total += floors["render"] if rules.get("render_document") else 0
    return total


# Each edit is made twice (round 0 and 1), each time changing the file again; the faster run counts.
EDITS = {
    "edited document": lambda project, round_: _append(project / "seeds/migrant-integration-blog-post.txt", "\n"),
    "template change": lambda project, round_: _append(project / "config/brief.qmd.j2",
                                                       f"\n{{## benchmark {round_} ##}}\n"),
    # The engine's stylesheet, in the copy of the engine the benchmark builds with (ENGINE).
    "stylesheet change": lambda project, round_: _append(ENGINE["folder"] / "policybrief/workflow/report/brief.css",
                                                         f"\n/* benchmark {round_} */\n"),
    "new plug-in file": lambda project, round_: (project / "data/supplementary/benchmark.csv").write_text(
        "indicator,geography,group,period,value,unit,source,label\n"
        f"benchmark_indicator,Belgium,,2010,{round_ + 1},count,Benchmark,A value for the benchmark\n",
        encoding="utf-8"),
}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def corpus(project: Path, documents: int) -> None:
    """Seed documents copied under new names, each made unique by its first line, up to `documents`."""
    seeds = sorted((project / "seeds").glob("*.txt"))
    for number in range(documents - len(seeds)):
        source = seeds[number % len(seeds)]
        target = project / "seeds" / f"corpus-{number:04d}.txt"
        target.write_text(f"Copy {number} of {source.stem} for the speed benchmark.\n"
                          + source.read_text(encoding="utf-8"), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000, help="size of the synthetic corpus (default 1000)")
    arguments = parser.parse_args()
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="policybrief-speed-") as folder:
        folder = Path(folder)
        use_engine_copy(folder / "engine")
        # Two clean builds; the faster counts (the machines are noisy), and its jobs' times. The
        # imports' floors are taken beside each build, the best of all.
        builds, imports = [], []
        for name in ("project", "second"):
            copy = copy_project(folder / name)
            builds.append((seconds(SNAKEMAKE, copy), copy))
            imports.append([best_of(IMPORT_GX, copy), best_of(IMPORT_MATPLOTLIB, copy)])
        clean, project = min(builds)
        jobs = job_times(project)
        renders = [slower_render(job_times(copy)) for _, copy in builds]
        trivial = trivial_snakefile(folder / "trivial")
        trivial_noop, noop = interleaved_best([(TRIVIAL, trivial), (SNAKEMAKE, project)], runs=10)
        floors = {
            "snakemake": trivial_noop,
            "great_expectations": min(gx for gx, _ in imports),
            "matplotlib": min(matplotlib for _, matplotlib in imports),
        }
        edits = []
        for name, edit in EDITS.items():
            runs = []
            for round_ in (0, 1):
                edit(project, round_)
                planned = planned_rules(project)
                started = time.time()
                took = seconds(SNAKEMAKE, project)
                runs.append((took, planned, rules_run_since(project, started)))
                if runs[-1][2].get("render_document") == 2:
                    renders.append(slower_render(job_times(project)))
            edits.append((name, *min(runs, key=lambda run: run[0])))
        # The render's floor: the brief and the annex render side by side, so the slower of the
        # two render jobs, in the run where it was fastest.
        floors["render"] = min(renders)
        clean_floor = sum(floors.values())
        rows.append(("clean build (best of 2)", clean, clean_floor, 1.5))
        notes.append(f"floor: Snakemake {floors['snakemake']:.2f} s"
                     f" + Great Expectations {floors['great_expectations']:.2f} s"
                     f" + matplotlib {floors['matplotlib']:.2f} s + render {floors['render']:.2f} s")
        notes.append(f"validation job (both stages, one import): {jobs['validate'][0]:.1f} s; "
                     f"figures job: {jobs['figures/figures'][0]:.1f} s")
        rows.append(("no-op", noop, floors["snakemake"], 1.2))
        for name, took, planned, ran in edits:
            rows.append((f"{name} (best of 2)", took, floor_of(ran, floors), 2.0))
            notes.append(f"{name} reruns ({sum(planned.values())} jobs planned by -n, {sum(ran.values())} run): "
                         + ", ".join(f"{rule} x{count}" if count > 1 else rule for rule, count in sorted(ran.items())))
        brief_bytes = (project / "reports/brief.html").stat().st_size, (project / "reports/brief.pdf").stat().st_size
        annex_bytes = (project / "reports/annex.html").stat().st_size
        small_jobs = job_times(project)

        many = copy_project(folder / "corpus")
        corpus(many, arguments.documents)
        many_build = seconds(SNAKEMAKE, many)
        many_jobs = job_times(many)
        added = arguments.documents - len(list((project / "seeds").glob("*.txt")))
        per_document = (many_build - clean) / added
        rows.append((f"per added document ({arguments.documents} documents)", per_document, None, 0.1))
        for rule in ("merge_tables", "validate", "compute_indicators", "render_annex"):
            notes.append(f"{rule}: {small_jobs[rule][0]:.1f} s with 5 documents, "
                         f"{many_jobs[rule][0]:.1f} s with {arguments.documents}")
        peak = max(many_jobs.items(), key=lambda item: item[1][1])
        notes.append(f"{arguments.documents} documents: build {many_build:.1f} s; largest job memory "
                     f"{peak[1][1]:.0f} MiB ({peak[0]}; max_rss of Snakemake's benchmark file)")
        extraction = [seconds_ for name, (seconds_, _) in many_jobs.items() if name.startswith("extract/")]
        notes.append(f"extraction jobs: {len(extraction)}, median {statistics.median(extraction):.2f} s each")
        many_brief = (many / "reports/brief.html").stat().st_size, (many / "reports/brief.pdf").stat().st_size
        many_annex = (many / "reports/annex.html").stat().st_size
        rows.append(("brief size, corpus / seeds", many_brief[0] / brief_bytes[0], None, 1.05))
        notes.append(f"brief: {brief_bytes[0] / 1e6:.2f} MB HTML, {brief_bytes[1] / 1e6:.2f} MB PDF with 5 documents; "
                     f"{many_brief[0] / 1e6:.2f} MB and {many_brief[1] / 1e6:.2f} MB with {arguments.documents}; "
                     f"annex {annex_bytes / 1e6:.2f} MB and {many_annex / 1e6:.2f} MB")

    missed = 0
    print(f"{'measure':44s} {'measured':>9s} {'floor':>8s} {'ratio':>7s} {'target':>7s}")
    for name, measured, floor, target in rows:
        ratio = measured / floor if floor else measured
        ok = ratio <= target
        missed += not ok
        floor_text = f"{floor:7.2f}s" if floor else "        "
        unit = "s" if floor or "per added" in name else "x"
        print(f"{name:44s} {measured:8.2f}{unit} {floor_text} {ratio:6.2f}{'x' if floor else ' '} "
              f"{target:6.2f}{'x' if floor or unit == 'x' else 's'}  {'ok' if ok else 'MISSED'}")
    for note in notes:
        print("  " + note)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
