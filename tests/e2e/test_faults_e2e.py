"""Fault injection on copies of the shared clean build: a render that fails, a run
interrupted or killed during the render, a document that is a link to a file elsewhere or
has an unsafe name, metadata for a missing document, a published brief deleted by hand.
Each case gives a clear message, leaves the published brief and annex byte for byte, and a
plain `snakemake --cores 4` afterwards recovers."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import catalogue_file_with, engine_copy, snakemake

pytestmark = pytest.mark.e2e
PUBLISHED = ("reports/brief.html", "reports/brief.pdf", "reports/annex.html", "reports/annex.pdf")


def published(project) -> dict:
    return {name: (project / name).read_bytes() for name in PUBLISHED}


@pytest.fixture
def project(built, tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def restyle(project) -> None:
    """An edit that reruns the renders and changes the brief's bytes (a comment in its template)."""
    template = project / "config/brief.qmd.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n<!-- fault-injection -->\n", encoding="utf-8")


def interrupt_during_render(project, sig) -> subprocess.CompletedProcess:
    """Start the build, wait until a render job is running, then send `sig` to the whole run."""
    log = project / "logs/render_brief.log"
    started = time.time()
    process = subprocess.Popen([sys.executable, "-m", "snakemake", "--cores", "4"], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    while not (log.exists() and log.stat().st_mtime > started):
        assert process.poll() is None, process.stdout.read()[-3000:]
        assert time.time() - started < 300, "the render did not start"
        time.sleep(0.05)
    time.sleep(0.5)  # inside the render
    os.killpg(process.pid, sig)
    output, _ = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, output, "")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_an_interrupted_render_keeps_the_last_brief_and_a_plain_rerun_recovers(project, sig):
    before = published(project)
    restyle(project)
    interrupted = interrupt_during_render(project, sig)
    assert interrupted.returncode != 0
    assert published(project) == before
    rerun = snakemake(project)  # no --unlock, no --rerun-incomplete: the engine sets them
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    after = published(project)
    assert (after["reports/brief.html"] != before["reports/brief.html"]
            and b"fault-injection" in after["reports/brief.html"])
    assert after["reports/brief.pdf"] == (project / "reports/rendered/brief.pdf").read_bytes()
    assert not list((project / "reports").glob(".*.partial"))


def test_a_failing_render_keeps_the_last_brief(project, tmp_path):
    before = published(project)
    engine = engine_copy(tmp_path / "engine")
    style = engine / "workflow/report/brief-style.typ"
    style.write_text(style.read_text(encoding="utf-8") + "\n#let broken = (\n", encoding="utf-8")
    result = snakemake(project, engine=engine)
    assert result.returncode != 0
    assert "Typst could not compile the brief" in result.stdout + result.stderr
    assert published(project) == before


@pytest.mark.parametrize("case", ["link", "name", "metadata"])
def test_a_document_that_is_not_safe_to_publish_stops_the_build(project, tmp_path, case):
    before = published(project)
    if case == "link":
        secret = tmp_path / "secret.txt"
        secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
        (project / "seeds/notes.txt").symlink_to(secret)
        expected = ["seeds/notes.txt: is a symbolic link", "not a file of the project", "copy the file itself here"]
    elif case == "name":
        shutil.copy(project / "seeds/migrant-integration-blog-post.txt", project / "seeds/Étude sociale.txt")
        expected = ["seeds/Étude sociale.txt: the file name", "rename it to 'Etude-sociale.txt'"]
    else:
        with open(project / "config/documents.yaml", "a", encoding="utf-8") as handle:
            handle.write("\nghost-study:\n  title: A study that is not there\n")
        expected = ["config/documents.yaml: describes 'ghost-study', but seeds/ has no ghost-study.txt"]
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for piece in expected:
        assert piece in output, (piece, output[-3000:])
    assert "Traceback" not in output and "root:x:0:0" not in output
    assert published(project) == before
    assert b"root:x:0:0" not in b"".join(before.values())


def test_a_published_document_deleted_by_hand_is_published_again(project):
    before = published(project)
    (project / "reports/brief.pdf").unlink()
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "publish_edition" in result.stdout + result.stderr
    assert published(project) == before


@pytest.mark.parametrize("case", ["syntax", "value", "date"])
def test_a_config_mistake_is_named_by_its_line_or_key_before_anything_runs(project, case):
    before = published(project)
    config = project / "config/config.yaml"
    text = config.read_text(encoding="utf-8")
    changes = {"syntax": ("  number: 1", "  number: [1"), "value": ("engine: pandoc", "engine: fast"),
               "date": ('date: "2026-11-23"', 'date: "2026-02-30"')}
    old, new = changes[case]
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    expected = {"syntax": "config/config.yaml: line 4, column 7 (what it reads there began on line 3): "
                          "the file is not valid YAML",
                "value": "config/config.yaml: render.engine: 'fast' is not one of ['auto', 'quarto', 'pandoc']",
                "date": "config/config.yaml: edition.date: '2026-02-30' is not a day of the calendar"}[case]
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and expected in output, output[-2000:]
    assert "Traceback" not in output
    assert published(project) == before


@pytest.mark.parametrize("case", ["catalogue", "arithmetic"])
def test_a_yaml_input_that_breaks_its_schema_is_named_by_file_line_and_key(project, case):
    before = published(project)
    if case == "catalogue":
        old = "    label: Highly educated, resident under 10 years\n    unit: percent\n"
        catalogue = catalogue_file_with(project, old)
        text = catalogue.read_text(encoding="utf-8")
        assert old in text
        catalogue.write_text(text.replace(old, "    label: Highly educated, resident under 10 years\n", 1),
                             encoding="utf-8")
        line = text[:text.index("  - id: edu_high_recent_all")].count("\n") + 1
        expected = (f'config/catalogue/nomibe-research-summary.yaml: line {line}: facts[0] (id "edu_high_recent_all"): '
                    "has no 'unit', which is required")
    else:
        (project / "config/arithmetic.yaml").write_text("# to be written\n", encoding="utf-8")
        expected = "config/arithmetic.yaml: (the whole file): has no 'checks', which is required"
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and expected in output, output[-2000:]
    assert "What to do: add" in output and "Traceback" not in output
    assert published(project) == before


# ---- Issue 26: nothing lost, nothing leaked, nothing run --------------------------------------

KEPT = "editions/2026-11-23"


def test_no_published_document_and_no_kept_edition_is_a_job_s_output(built):
    """Snakemake removes a job's outputs when the job starts: none of them may be a published
    document or a file of a kept edition (the publishing job's output is its receipt)."""
    summary = subprocess.run([sys.executable, "-m", "snakemake", "--summary"], cwd=built, capture_output=True,
                             text=True, check=True).stdout
    outputs = [line.split("\t")[0] for line in summary.splitlines()[1:] if line.strip()]
    assert "reports/.published/receipt.json" in outputs and "data/processed/facts.csv" in outputs
    assert not [path for path in outputs if path.startswith("editions/") or path in PUBLISHED]


def kept_and_published(project) -> dict:
    """The published documents and every file of every kept edition, with their bytes."""
    files = {name: (project / name).read_bytes() for name in PUBLISHED}
    files.update({path.relative_to(project).as_posix(): path.read_bytes()
                  for path in sorted((project / "editions").rglob("*")) if path.is_file()})
    return files


@pytest.fixture
def small_disk(project):
    """reports/ of the project on a disk of its own with about 330 KB free (a tmpfs), as a
    nearly full disk leaves it; skipped where this machine may not mount one."""
    reports, moved = project / "reports", project / "reports.before"
    reports.rename(moved)
    reports.mkdir()
    used = sum(path.stat().st_size for path in moved.rglob("*") if path.is_file())
    size_kb = (used + 330 * 1024) // 1024 + 4 * sum(1 for _ in moved.rglob("*"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(reports)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        reports.rmdir()
        moved.rename(reports)
        pytest.skip(f"this machine may not mount a small disk ({mounted.stderr.strip()}); "
                    "tests/editions/test_publish.py injects the full disk instead")
    shutil.copytree(moved, reports, dirs_exist_ok=True, symlinks=True)
    yield reports
    subprocess.run(["umount", str(reports)], check=True)


def test_a_full_disk_while_publishing_keeps_the_last_brief_and_every_kept_edition(project, small_disk):
    before = kept_and_published(project)
    restyle(project)
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "the disk holding this folder has" in output and "nothing was replaced" in output, output[-3000:]
    assert "What to do: free at least" in output and "Traceback" not in output
    assert kept_and_published(project) == before
    assert not list(small_disk.rglob(".publishing"))
    # Space freed: a plain rerun publishes the new brief, and keeps the edition again.
    subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)], check=True)
    rerun = snakemake(project)
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert b"fault-injection" in (project / "reports/brief.html").read_bytes()
    assert (project / KEPT / "brief.html").read_bytes() == (project / "reports/brief.html").read_bytes()


def test_a_second_build_in_the_same_folder_stops_and_names_the_first(project):
    restyle(project)
    log = project / "logs/render_brief.log"
    started = time.time()
    first = subprocess.Popen([sys.executable, "-m", "snakemake", "--cores", "4"], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    while not (log.exists() and log.stat().st_mtime > started):
        assert first.poll() is None, first.stdout.read()[-3000:]
        time.sleep(0.05)
    second = snakemake(project)
    first_output, _ = first.communicate(timeout=300)
    assert first.returncode == 0, first_output[-3000:]
    output = second.stdout + second.stderr
    assert second.returncode != 0
    assert f"another build is running in this folder (process {first.pid}" in output, output[-2000:]
    assert "What to do: wait for it to finish" in output and "Traceback" not in output
    assert b"fault-injection" in (project / "reports/brief.html").read_bytes()


@pytest.mark.parametrize("case", ["link to a data file elsewhere", "link to /etc/passwd", "hard link"])
def test_a_linked_plugin_file_is_refused_by_its_name_and_never_read(project, tmp_path, case):
    before = kept_and_published(project)
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("indicator,geography,group,period,value,unit,source,label\n"
                         "secret_share,Belgium,,2025,42,percent,LEAKED-SECRET-SOURCE,Secret share\n")
    folder = project / "data/supplementary"
    folder.mkdir(parents=True, exist_ok=True)
    if case == "hard link":
        os.link(elsewhere, folder / "update.csv")
        expected = "data/supplementary/update.csv: is a hard link"
    else:
        (folder / "update.csv").symlink_to(elsewhere if case.startswith("link to a") else "/etc/passwd")
        expected = "data/supplementary/update.csv: is a symbolic link (to "
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and expected in output, output[-2000:]
    assert "What to do:" in output and "Traceback" not in output
    assert "LEAKED-SECRET-SOURCE" not in output and "root:x:0:0" not in output
    assert kept_and_published(project) == before
    for path in project.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_nlink == 1 and "logs" not in path.parts:
            assert b"LEAKED-SECRET-SOURCE" not in path.read_bytes(), path


def test_a_change_undone_with_an_older_modification_time_gives_the_first_brief_again(project):
    before = kept_and_published(project)
    config = project / "config/config.yaml"
    backup = project.parent / "config.yaml.backup"
    shutil.copy2(config, backup)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("name: First edition", "name: A changed edition", 1), encoding="utf-8")
    changed = snakemake(project)
    assert changed.returncode == 0, changed.stderr[-3000:]
    assert kept_and_published(project) != before
    shutil.copy2(backup, config)  # the backup put back, with its older time (cp -p)
    undone = snakemake(project)
    assert undone.returncode == 0, undone.stderr[-3000:]
    assert "config/config.yaml: its content changed, but its modification time is older" in undone.stderr
    assert kept_and_published(project) == before


def test_a_failed_extraction_then_a_restored_inventory_converges_to_the_right_brief(project):
    before = kept_and_published(project)
    inventory = project / "config/documents.yaml"
    backup = project.parent / "documents.yaml.backup"
    shutil.copy2(inventory, backup)
    with open(inventory, "a", encoding="utf-8") as handle:
        # The extraction, which reads each document's number style there, fails on it, and
        # Snakemake removes its outputs.
        handle.write("\nbroken: [\n")
    failed = snakemake(project)
    assert failed.returncode != 0 and "config/documents.yaml" in failed.stdout + failed.stderr
    assert not (project / "data/interim/nomibe-research-summary/facts.csv").exists()
    shutil.copy2(backup, inventory)  # older than every output
    rerun = snakemake(project)
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert "Traceback" not in rerun.stdout + rerun.stderr
    assert kept_and_published(project) == before


def test_deleted_tables_and_a_deleted_kept_edition_are_made_again(project):
    tables = {path.name: path.read_bytes() for path in (project / "data/processed").glob("*.csv")}
    before = kept_and_published(project)
    shutil.rmtree(project / "data/processed")
    shutil.rmtree(project / "editions")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert {path.name: path.read_bytes() for path in (project / "data/processed").glob("*.csv")} == tables
    assert kept_and_published(project) == before
