"""Rendering reports/brief.qmd to HTML and PDF.

Quarto renders it when a recent enough `quarto` is on PATH (or when config forces it).
Otherwise Pandoc (from pypandoc_binary) writes the HTML and a Typst source, and Typst (the
`typst` wheel) compiles the PDF. A Lua filter gives the few Quarto features the brief uses the
same meaning on the Pandoc path. Both engines compile the PDF with the same Typst
(policybrief.render.typst_pdf). Nothing is fetched from the network by either path.
"""

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from policybrief.core.errors import InputError
from policybrief.core.yaml_input import LOADER, parse_yaml
from policybrief.render.typst_pdf import command_script, compile_pdf, typst_version
from policybrief.workflow import WORKFLOW

ENGINES = ("auto", "quarto", "pandoc")
CONFIG = "config/config.yaml"


@dataclass(frozen=True)
class EngineChoice:
    engine: str  # "quarto" or "pandoc"
    reason: str  # one line for the log: why this engine


# ---- Quarto's version against the document's `quarto-required` ------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?")
_CONSTRAINT = re.compile(r"(>=|<=|==|=|>|<)?\s*v?(\d+(?:\.\d+){0,2})")


def parse_version(text: str) -> tuple[int, int, int] | None:
    """The first X.Y[.Z] in a tool's output (colour codes removed); None when there is none."""
    match = _VERSION.search(_ANSI.sub("", text or ""))
    return (int(match[1]), int(match[2]), int(match[3] or 0)) if match else None


def satisfies(version: tuple[int, int, int], required: str) -> bool:
    """Whether `version` meets a constraint such as ">=1.7.0" or ">=1.7, <2" (all must hold),
    read as Quarto reads `quarto-required` (a semver range)."""
    compare = {">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b,
               "<": lambda a, b: a < b, "==": lambda a, b: a == b, "=": lambda a, b: a == b}
    parts = [part for part in re.split(r"[,\s]+(?=[<>=v\d])", required.strip()) if part]
    for part in parts:
        match = _CONSTRAINT.fullmatch(part.strip())
        if not match:
            raise ValueError(f"cannot read the version constraint {required!r}")
        numbers = [int(n) for n in match[2].split(".")]
        if not match[1]:  # a bare version is a range, as in semver: "1.7" is any 1.7.x
            if list(version[:len(numbers)]) != numbers:
                return False
            continue
        if not compare[match[1]](version, tuple((numbers + [0, 0])[:3])):
            return False
    return True


def front_matter(document) -> dict | None:
    """The front matter of a written document (reports/brief.qmd), read through the project's
    YAML loader (a key written twice is refused, naming both lines, rather than left to each
    engine's reader to take one); None for a file that has none."""
    text = Path(document).read_text(encoding="utf-8")
    front = re.search(r"^---\n(.*?)\n---\n", text, re.S | re.M)
    if not front:
        return None
    try:  # the lines before it kept, so that a line number is the document's
        matter = parse_yaml("\n" * text.count("\n", 0, front.start(1)) + front[1], document)
    except InputError as error:
        raise InputError(document, error.problem, f"{error.hint} The front matter is written from the "
                         f"edition's template (config/{Path(document).stem}.qmd.j2) and the engine's front "
                         "matter (the engine's report/front-matter.yaml.j2): correct the one that writes this "
                         "line.") from None
    return matter if isinstance(matter, dict) else {}


def required_quarto(document) -> str | None:
    """The `quarto-required` of a document's front matter (front_matter), or of the engine's
    front matter that every document's template includes (the engine's
    report/front-matter.yaml.j2, front matter throughout), read as text: the template holds
    Jinja expressions, so it is not YAML until it is filled in."""
    matter = front_matter(document)
    if matter is not None:
        required = matter.get("quarto-required")
        return None if required is None else str(required)
    match = re.search(r"^quarto-required:\s*(.+?)\s*$", Path(document).read_text(encoding="utf-8"), re.M)
    return yaml.load(match[1], Loader=LOADER) if match else None


def wants_contents(qmd: Path) -> bool:
    """Whether a document's front matter asks for a contents list (`toc`), as Quarto reads it:
    Pandoc is then given --toc, so that both engines list the same contents or none."""
    return bool((front_matter(qmd) or {}).get("toc", False))


def quarto_version(quarto: str) -> tuple[int, int, int] | None:
    """`quarto --version`, or None when Quarto does not run."""
    try:
        result = subprocess.run([quarto, "--version"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return parse_version(result.stdout) if result.returncode == 0 else None


def _show(version) -> str:
    return ".".join(map(str, version))


def choose_engine(preference: str, required: str | None = None, which=shutil.which,
                  version_of=quarto_version) -> EngineChoice:
    """Which engine renders the brief, and why. `auto` falls back to Pandoc + Typst when Quarto
    is missing, does not run or is older than the document needs; a forced engine that cannot
    run is an error (common.smk reports it before the job starts)."""
    if preference not in ENGINES:
        raise InputError(CONFIG, f"render.engine is {preference!r}; expected one of {', '.join(ENGINES)}.")
    if preference == "pandoc":
        return EngineChoice("pandoc", "render.engine is 'pandoc' in config/config.yaml")
    quarto = which("quarto")
    if not quarto:
        problem = "`quarto` is not on PATH"
    else:
        version = version_of(quarto)
        if version is None:
            problem = f"`{quarto} --version` did not run or printed no version"
        elif required and not satisfies(version, required):
            problem = f"Quarto {_show(version)} ({quarto}) is older than the brief needs ({required})"
        else:
            how = "render.engine is 'quarto'" if preference == "quarto" else "render.engine is 'auto'"
            return EngineChoice("quarto", f"{how} and Quarto {_show(version)} is on PATH ({quarto})")
    if preference == "quarto":
        raise InputError(CONFIG, f"render.engine is 'quarto' but {problem}.",
                         f"install Quarto {required or ''} (quarto.org, or `pip install quarto-cli` where it can "
                         "download), put it on PATH, or set render.engine to auto or pandoc.")
    return EngineChoice("pandoc", f"render.engine is 'auto' and {problem}")


def forced_engine_problem(preference: str, template) -> str | None:
    """Before any job runs (common.smk): why a forced Quarto cannot render, as the message for
    the user, or None. Stopping the workflow then leaves every output of the last good build
    untouched. The constraint is read from the template, whose front matter the .qmd copies."""
    if preference != "quarto":
        return None
    try:
        choose_engine(preference, required_quarto(template))
    except InputError as error:
        return str(error)
    return None


# ---- Rendering ------------------------------------------------------------------------------

def source_timestamp(edition_date: str) -> int:
    """SOURCE_DATE_EPOCH when set (reproducible-builds convention), else the edition date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    day = dt.date.fromisoformat(edition_date)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _run(command: list[str], log, env=None, cwd=None) -> None:
    log.info("$ %s", " ".join(command))
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)
    for line in _ANSI.sub("", result.stdout + result.stderr).splitlines():
        log.info("  %s", line)
    if result.returncode != 0:
        raise InputError(command[0], f"exited with status {result.returncode} while rendering the brief.",
                         "see the render log (logs/render_brief.log or logs/render_annex.log) for its messages.")


def render_with_quarto(qmd: Path, html: Path, pdf: Path, timestamp: int, log) -> None:
    """Quarto writes its outputs beside the .qmd (and moves, with --output-dir, what it wrote
    there), so it renders a scratch copy: the published documents beside reports/brief.qmd
    are never touched by a render that may fail or be interrupted."""
    with tempfile.TemporaryDirectory(prefix="policybrief-quarto-") as scratch:
        copy = scratch_copy(qmd, Path(scratch))
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(timestamp),
               "QUARTO_TYPST": str(command_script(Path(scratch)))}
        log.info("Quarto compiles the PDF with the pipeline's Typst %s (QUARTO_TYPST)", typst_version())
        # One call renders both formats of the front matter (html, then typst).
        _run(["quarto", "render", copy.name, "--to", "all"], log, env=env, cwd=copy.parent)
        for target in (html, pdf):
            shutil.move(copy.with_suffix(target.suffix), target)


def scratch_copy(qmd: Path, scratch: Path) -> Path:
    """The .qmd with what it names beside it (its running header, its figures) copied into
    scratch/<its folder>/, and the folders it reaches with ../ linked beside that: ../workflow/
    is the engine's packaged workflow (the front matter names its styles and filters so, the
    same bytes wherever the engine is installed), any other the topic's folder of that name."""
    folder = scratch / qmd.parent.name
    folder.mkdir()
    text = qmd.read_text(encoding="utf-8")
    for sibling in sorted(qmd.parent.iterdir()):
        if sibling.is_dir() and f"{sibling.name}/" in text:
            shutil.copytree(sibling, folder / sibling.name)
        elif sibling.is_file() and (sibling == qmd or sibling.name in text) and sibling.suffix not in (".html", ".pdf"):
            shutil.copy2(sibling, folder / sibling.name)
    for name in sorted(set(re.findall(r"\.\./([\w.-]+)/", text))):
        target = WORKFLOW if name == "workflow" else (qmd.parent.parent / name).resolve()
        (scratch / name).symlink_to(target, target_is_directory=True)
    return folder / qmd.name


# The engine's files a document is rendered with (the packaged workflow's report/): the rule
# render_document takes them as inputs, and the preview renders with the same.
ASSETS = {
    "css": "report/brief.css",
    "page_css": "report/brief-page.css",
    "typst_template": "report/brief.typ",
    "typst_style": "report/brief-style.typ",
    "lua_filter": "report/quarto-compat.lua",
    "accessibility_filter": "report/accessibility.lua",
    "skip_link": "report/skip-link.html",
    "quarto_partial": "report/quarto/typst-show.typ",
}


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _pandoc_common(pandoc: str, qmd: Path, assets: dict, resources: Path) -> list[str]:
    return [pandoc, str(qmd), "--from", "markdown", "--lua-filter", str(assets["lua_filter"]),
            "--lua-filter", str(assets["accessibility_filter"]),
            "--resource-path", str(resources),
            *(["--toc", "--toc-depth", "2"] if wants_contents(qmd) else [])]


def pandoc_html(qmd: Path, html: Path, assets: dict, log, resources: Path | None = None, pandoc: str = "") -> None:
    """The web page of a document with Pandoc (self-contained); `resources` is the folder its
    figures are found from (the document's own by default)."""
    pandoc = pandoc or pandoc_path()
    _run(_pandoc_common(pandoc, qmd, assets, resources or qmd.parent)
         + ["--to", "html5", "--standalone", "--embed-resources",
            "--include-before-body", str(assets["skip_link"]),
            "--css", str(assets["page_css"]), "--css", str(assets["css"]),
            "--metadata", "document-css=false", "--default-image-extension", "png",
            "--output", str(html)], log)


def render_with_pandoc(qmd: Path, html: Path, pdf: Path, assets: dict, timestamp: int, log) -> None:
    pandoc = pandoc_path()
    log.info("Pandoc %s writes the HTML and the Typst source; Typst %s compiles the PDF",
             _pandoc_version(pandoc), typst_version())
    pandoc_html(qmd, html, assets, log, pandoc=pandoc)
    common = _pandoc_common(pandoc, qmd, assets, qmd.parent)
    typ = qmd.with_suffix(".typ")
    _run(common + ["--to", "typst", "--standalone", "--template", str(assets["typst_template"]),
                   "--include-in-header", str(assets["running_header"]),
                   "--include-in-header", str(assets["typst_style"]),
                   "--default-image-extension", "svg", "--output", str(typ)], log)
    try:
        compile_pdf(typ, pdf, qmd.parent, timestamp)
    except RuntimeError as error:
        raise InputError(typ, f"Typst could not compile the brief: {error}",
                         "see the render log (logs/render_brief.log or logs/render_annex.log).") from None
    finally:
        typ.unlink(missing_ok=True)


def _pandoc_version(pandoc: str) -> str:
    return subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0].split()[-1]


def render_brief(qmd, html, pdf, assets: dict, preference: str, edition_date: str, log) -> str:
    qmd, html, pdf = Path(qmd), Path(html), Path(pdf)
    choice = choose_engine(preference, required_quarto(qmd))
    log.info("engine: %s (%s)", "Quarto" if choice.engine == "quarto" else "Pandoc + Typst", choice.reason)
    timestamp = source_timestamp(edition_date)
    if choice.engine == "quarto":
        render_with_quarto(qmd, html, pdf, timestamp, log)
    else:
        render_with_pandoc(qmd, html, pdf, assets, timestamp, log)
    return choice.engine


def engine_versions(engine: str) -> dict:
    """The engine that rendered a document and the versions of its programs, for the edition's manifest."""
    if engine == "quarto":
        version = quarto_version(shutil.which("quarto") or "quarto")
        programs = {"quarto": _show(version) if version else "unknown"}
    else:
        programs = {"pandoc": _pandoc_version(pandoc_path())}
    return {"engine": engine, **programs, "typst": typst_version()}
