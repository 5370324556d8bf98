"""The documentation: the README is a short front door with the two quickstart commands, and
the site in docs/ builds with `mkdocs build --strict`, so that no link between its pages breaks."""

import subprocess
import sys

from conftest import ROOT

QUICKSTART = ['pip install -e ".[test]" && snakemake --cores 4', "pytest"]


def test_the_readme_is_a_front_door_with_the_two_quickstart_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines; move the detail to docs/ (at most 150)"
    for command in QUICKSTART:
        assert command in lines, f"README.md's quickstart lacks the line: {command}"


def test_the_documentation_site_builds_strictly(tmp_path):
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.stdout[-3000:]}{built.stderr[-3000:]}"
    assert (site / "index.html").is_file()
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert (site / f"{page.stem}.html").is_file(), f"docs/{page.name} was not built"
