import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


PROJECT_PARTS = ["Snakefile", "config", "workflow", "scripts", "seeds"]
OUTPUTS = ["data/processed/documents.csv", "data/processed/facts.csv",
           "data/processed/recommendations.csv", "data/processed/indicators.csv",
           "reports/brief.qmd", "reports/brief.html", "reports/brief.pdf"]


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def snakemake(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snakemake", "--cores", "4"], cwd=project,
                          capture_output=True, text=True, timeout=600)


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("first"))
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project


