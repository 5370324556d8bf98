"""Time and peak memory of reading a large downloaded statistics file by its mapping.

    python benchmarks/statistics_scale.py [megabytes]   (200 by default)

Writes an SDMX-CSV 2.0 file of codes and labels (the layout of Eurostat's data browser) of
about that size, from the real LFSA_ERGAN extract of tests/extract/statistics-files/: its
rows repeated for made-up places (B0001, B0002, ...) after the real ones, and a TSV file of
the same size made the same way. Then reads each as
the rule read_statistics does, in a fresh process, with a mapping that keeps Belgium's two
series (60 values). Peak memory is the process's
maximum resident set size; the target says that memory is bounded (it does not grow with
the file), the time that a download of this size reads in well under a minute.
"""

import csv
import io
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "extract" / "statistics-files" / "lfsa_ergan.csv"
TARGET_SECONDS = 60.0
TARGET_MEGABYTES = 400.0
# The example mapping of the real file, with what a TSV file does not say (its title, place names).
MAPPING = (REAL.with_suffix(".yaml").read_text(encoding="utf-8")
           + "title: Employment rates by sex, age and citizenship (%)\nplaces: {BE: Belgium}\n")
READ = textwrap.dedent("""\
    import json, resource, sys, time
    from policybrief.extract.statistics.read import read_statistics
    start = time.perf_counter()
    rows, report = read_statistics(sys.argv[1], ["percent"])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": len(rows), "read": report["rows"]}))
""")


def write_sdmx(path: Path, megabytes: float) -> None:
    text = REAL.read_text(encoding="utf-8")
    header, *lines = text.splitlines()
    rows = list(csv.reader(lines))
    geo = header.split(",").index("geo")
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(header + "\n")
        out.write("\n".join(lines) + "\n")
        copy = 0
        while out.tell() < megabytes * 1e6:
            copy += 1
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            for row in rows:
                row = list(row)
                row[geo], row[geo + 1] = f"B{copy:04d}", f"Place {copy}"
                writer.writerow(row)
            out.write(buffer.getvalue())


def write_tsv(path: Path, megabytes: float) -> None:
    """The same values in the TSV bulk layout (one line per series, one column per period),
    the real series first, then copies for made-up places, to about that size."""
    periods = [str(year) for year in range(1995, 2025)]
    dimensions = ("freq", "unit", "sex", "age", "citizen", "geo")
    series = {}
    with open(REAL, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = tuple(row[name] for name in dimensions)
            series.setdefault(key, {})[row["TIME_PERIOD"]] = (row["OBS_VALUE"] or ":") + " " + row["OBS_FLAG"]
    lines = [(key, "\t".join(cells.get(p, ": ") for p in periods)) for key, cells in sorted(series.items())]
    with open(path, "w", encoding="utf-8") as out:
        out.write(",".join(dimensions) + "\\TIME_PERIOD\t" + "\t".join(f"{p} " for p in periods) + "\n")
        out.write("".join(",".join(key) + "\t" + cells + "\n" for key, cells in lines))
        copy = 0
        while out.tell() < megabytes * 1e6:
            copy += 1
            out.write("".join(",".join((*key[:-1], f"B{copy:04d}")) + "\t" + cells + "\n" for key, cells in lines))


def measure(path: Path) -> dict:
    import json

    result = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"reading {path.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def main() -> int:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 200.0
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        sdmx = folder / "lfsa_ergan.csv"
        start = time.perf_counter()
        write_sdmx(sdmx, megabytes)
        print(f"wrote {sdmx.stat().st_size / 1e6:.0f} MB of SDMX-CSV in {time.perf_counter() - start:.1f} s")
        tsv = folder / "estat_lfsa_ergan.tsv"
        write_tsv(tsv, megabytes)
        for path in (sdmx, tsv):
            path.with_name(path.name.split(".")[0] + ".yaml").write_text(MAPPING, encoding="utf-8")
            result = measure(path)
            slow = result["seconds"] > TARGET_SECONDS
            large = result["peak_mb"] > TARGET_MEGABYTES
            failed |= slow or large
            print(f"{path.name} ({path.stat().st_size / 1e6:.0f} MB, {result['read']:,} rows read, "
                  f"{result['rows']} values kept): {result['seconds']:.1f} s (target {TARGET_SECONDS:.0f} s"
                  f"{': missed' if slow else ''}), peak memory {result['peak_mb']:.0f} MB (target "
                  f"{TARGET_MEGABYTES:.0f} MB{': missed' if large else ''})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
