import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The engine's end-to-end tests build the first edition as the editor signed it (its config and
# seeds, kept here), so that the project's own edition (config/, seeds/) can move on without
# rewording them.
FIRST_EDITION = ROOT / "tests/topics/belgium-first-edition"
SEEDS = FIRST_EDITION / "seeds"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


# A project: the few-line Snakefile that uses the installed engine (src/policybrief/workflow/)
# and the profiles, from this repository, and a topic's content; the engine is never copied.
PROJECT_PARTS = {"Snakefile": ROOT, "profiles": ROOT, "config": FIRST_EDITION, "seeds": FIRST_EDITION}
ENGINE = ROOT / "src/policybrief/workflow"
OUTPUTS = ["data/processed/documents.csv", "data/processed/facts.csv",
           "data/processed/recommendations.csv", "data/processed/indicators.csv",
           "reports/brief.qmd", "reports/brief.html", "reports/brief.pdf"]


def copy_project(destination: Path, engine: str = "pandoc", parts: dict = PROJECT_PARTS, ignore=None) -> Path:
    """A copy of the project (`parts`: each part, with the folder it is copied from) whose config
    names its render engine, so a test never depends on whether Quarto happens to be on PATH;
    `ignore` leaves files out, as shutil.copytree's does."""
    destination.mkdir(parents=True, exist_ok=True)
    for part, folder in parts.items():
        source = folder / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=ignore)
        else:
            shutil.copy2(source, destination / part)
    set_engine(destination, engine)
    return destination


def copy_edition(destination: Path, edition: Path, engine: str = "pandoc") -> Path:
    """Another topic folder (tests/topics/<topic>/: its Snakefile, config/ and seeds/), copied as it is."""
    shutil.copytree(edition, destination)
    set_engine(destination, engine)
    return destination


def set_engine(project: Path, engine: str) -> None:
    config = project / "config/config.yaml"
    text = config.read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^(\s+engine:\s*)\S+", rf"\g<1>{engine}", text, count=1)
    assert changed != text or f"engine: {engine}" in text
    config.write_text(changed, encoding="utf-8")


def engine_copy(destination: Path) -> Path:
    """A copy of the engine (the policybrief package) to change on purpose; a build given it as
    `engine=` uses it, as a topic uses whichever engine is installed."""
    shutil.copytree(ROOT / "src/policybrief", destination / "policybrief",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return destination / "policybrief"


def snakemake(project: Path, *arguments: str, path_prefix: str | None = None,
              path: str | None = None, engine: Path | None = None) -> subprocess.CompletedProcess:
    """`snakemake --cores 4` in a project; `path_prefix` goes before PATH, `path` replaces it;
    `engine` is a copy of the engine (engine_copy) to build with instead of the installed one."""
    env = dict(os.environ)
    if engine is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(engine.parent), env.get("PYTHONPATH")]))
    if path is not None:
        env["PATH"] = path
    if path_prefix:
        env["PATH"] = path_prefix + os.pathsep + env.get("PATH", "")
    return subprocess.run([sys.executable, "-m", "snakemake", "--cores", "4", *arguments], cwd=project,
                          capture_output=True, text=True, timeout=600, env=env)


def read_catalogue(topic: Path = FIRST_EDITION) -> dict:
    """A topic's whole catalogue (config/catalogue/<document>.yaml), each entry with its document."""
    from policybrief.extract.extraction import whole_catalogue

    return whole_catalogue((topic / "config/catalogue").glob("*.yaml"))


def catalogue_file_with(project: Path, text: str) -> Path:
    """The one document's catalogue (config/catalogue/<document>.yaml) that holds `text`."""
    (found,) = [path for path in sorted((project / "config/catalogue").glob("*.yaml"))
                if text in path.read_text(encoding="utf-8")]
    return found


def without_evidence_links(text: str) -> str:
    """A brief's page or Markdown source with each number's link to its evidence
    (policybrief.brief.evidence) taken out, its text kept."""
    text = re.sub(r'<a href="annex\.html#[^"]*" class="evidence">(.*?)</a>', r"\1", text, flags=re.DOTALL)
    return re.sub(r"\[((?:\\.|[^\[\]\\])*)\]\(annex\.html#[^)]*\)\{\.evidence\}", r"\1", text)


def brief_sentences(qmd: str) -> dict[str, str]:
    """A brief's sentences (a citation's "et al." ends none), each with its line (a paragraph,
    a list item), links to the evidence taken out."""
    body = without_evidence_links(qmd).split("\n---\n", 1)[1]
    return {sentence: line for line in body.splitlines() if line.strip()
            for sentence in re.split(r"(?<=[.!?])(?<!al\.)\s+", " ".join(line.split()))}


def read_csv(path: Path) -> list[dict]:
    """A table as the pipeline reads it: a cell marked against spreadsheet formulas reads back as its text."""
    from policybrief.core.tables import read_rows

    return read_rows(path)


def shared_tree(tmp_path_factory, name: str, make) -> Path:
    """A tree `make(folder)` builds once per test run. pytest-xdist runs the tests in several
    processes (pyproject's addopts), each with its own session: the first to ask builds the tree
    under a lock, in the folder the processes share; the others wait, then use it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.built"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build that failed in another process
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def build_first_edition(folder: Path) -> None:
    project = copy_project(folder)
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    return shared_tree(tmp_path_factory, "first", build_first_edition)




# ---- Quarto, for the tests of the Quarto path ----------------------------------------------

QUARTO_OFFLINE = ROOT.parent / "shared" / "quarto-offline" / "install.sh"


def quarto_or_skip() -> str:
    """The folder holding a `quarto` recent enough for the brief: the one on PATH, else the
    offline Quarto of ../shared/quarto-offline (as on CI), installed on first use. Without
    either the Quarto tests are skipped with the reason; on CI (CI set) they fail instead."""
    from policybrief.render.engines import quarto_version, required_quarto, satisfies

    required = required_quarto(ENGINE / "report/front-matter.yaml.j2")
    found = shutil.which("quarto")
    if found:
        version = quarto_version(found)
        if version and satisfies(version, required):
            return str(Path(found).parent)
        reason = f"the quarto on PATH ({found}, version {version}) does not meet quarto-required {required}"
    elif QUARTO_OFFLINE.exists():
        # One install at a time: the test processes of pytest-xdist may all ask at once.
        with open(Path(tempfile.gettempdir()) / "policybrief-quarto-offline.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            installed = subprocess.run(["bash", str(QUARTO_OFFLINE)], capture_output=True, text=True, timeout=900)
        assert installed.returncode == 0, f"{QUARTO_OFFLINE} failed:\n{installed.stderr[-3000:]}"
        return installed.stdout.strip().splitlines()[-1]
    else:
        reason = (f"Quarto is not on PATH and {QUARTO_OFFLINE} is not beside the project to install it; "
                  "install Quarto >= 1.7 to run the Quarto-path tests")
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the Quarto path, but {reason}")
    pytest.skip(reason)


def path_without_quarto() -> str:
    return os.pathsep.join(folder for folder in os.environ.get("PATH", "").split(os.pathsep)
                           if folder and not (Path(folder) / "quarto").exists())


@pytest.fixture(scope="session")
def quarto_bin() -> str:
    return quarto_or_skip()


@pytest.fixture(scope="session")
def built_quarto(built, quarto_bin, tmp_path_factory) -> Path:
    """The Pandoc tree, re-rendered with Quarto: only the render job runs again."""
    def rerender(folder: Path) -> None:
        shutil.copytree(built, folder, dirs_exist_ok=True)
        set_engine(folder, "quarto")
        result = snakemake(folder, path_prefix=quarto_bin)
        assert result.returncode == 0, result.stderr[-4000:]

    return shared_tree(tmp_path_factory, "quarto", rerender)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Selenium (Debian's chromium and chromium-driver), with the
    network and console logs on."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    driver_path, chromium = shutil.which("chromedriver"), shutil.which("chromium") or shutil.which("chromium-browser")
    if not (driver_path and chromium):
        reason = "headless Chromium is not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser checks, but {reason}")
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()
