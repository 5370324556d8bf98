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

from conftest import snakemake

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
    """An edit that reruns both renders and changes their bytes (a rule in the page style)."""
    css = project / "workflow/report/brief.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.fault-injection { color: inherit; }\n", encoding="utf-8")


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
    rerun = snakemake(project)  # no --unlock, no --rerun-incomplete: the workflow profile has them
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    after = published(project)
    assert (after["reports/brief.html"] != before["reports/brief.html"]
            and b".fault-injection" in after["reports/brief.html"])
    assert after["reports/brief.pdf"] == (project / "reports/rendered/brief.pdf").read_bytes()
    assert not list((project / "reports").glob(".*.partial"))


def test_a_failing_render_keeps_the_last_brief(project):
    before = published(project)
    style = project / "workflow/report/brief-style.typ"
    style.write_text(style.read_text(encoding="utf-8") + "\n#let broken = (\n", encoding="utf-8")
    result = snakemake(project)
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
        expected = ["seeds/notes.txt: is a symbolic link", "not a document", "copy the document itself into seeds/"]
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
        catalogue = project / "config/catalogue.yaml"
        text = catalogue.read_text(encoding="utf-8")
        old = "    label: Highly educated, resident under 10 years\n    unit: percent\n"
        assert old in text
        catalogue.write_text(text.replace(old, "    label: Highly educated, resident under 10 years\n", 1),
                             encoding="utf-8")
        line = text[:text.index("  - id: edu_high_recent_all")].count("\n") + 1
        expected = (f'config/catalogue.yaml: line {line}: facts[0] (id "edu_high_recent_all"): '
                    "has no 'unit', which is required")
    else:
        (project / "config/arithmetic.yaml").write_text("# to be written\n", encoding="utf-8")
        expected = "config/arithmetic.yaml: (the whole file): has no 'checks', which is required"
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and expected in output, output[-2000:]
    assert "What to do: add" in output and "Traceback" not in output
    assert published(project) == before
