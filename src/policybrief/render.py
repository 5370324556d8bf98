"""Rendering reports/brief.qmd to HTML and PDF.

Quarto renders it when `quarto` is on PATH (or when config forces it). Otherwise Pandoc
(from pypandoc_binary) writes the HTML and a Typst source, and Typst (the `typst` wheel)
compiles the PDF. A Lua filter gives the few Quarto features the brief uses the same
meaning on the Pandoc path. Nothing is fetched from the network by either path.
"""

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from .errors import InputError

ENGINES = ("auto", "quarto", "pandoc")


def choose_engine(preference: str, which=shutil.which) -> str:
    if preference not in ENGINES:
        raise InputError("config/config.yaml", f"render.engine is {preference!r}; expected one of {ENGINES}.")
    if preference == "quarto" and not which("quarto"):
        raise InputError("config/config.yaml", "render.engine is 'quarto' but `quarto` is not on PATH.",
                         "install Quarto (pip install quarto-cli, or Quarto's installer), or set engine: auto.")
    if preference == "auto":
        return "quarto" if which("quarto") else "pandoc"
    return preference


def source_timestamp(edition_date: str) -> int:
    """SOURCE_DATE_EPOCH when set (reproducible-builds convention), else the edition date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    day = dt.date.fromisoformat(edition_date)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def _run(command: list[str], log, env=None) -> None:
    log.info("$ %s", " ".join(command))
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    for line in (result.stdout + result.stderr).splitlines():
        log.info("  %s", line)
    if result.returncode != 0:
        raise InputError(command[0], f"exited with status {result.returncode} while rendering the brief.",
                         "see logs/render_brief.log for its messages.")


def render_with_quarto(qmd: Path, html: Path, pdf: Path, timestamp: int, log) -> None:
    log.info("engine: Quarto (%s)", shutil.which("quarto"))
    # Typst, which Quarto runs, reads SOURCE_DATE_EPOCH for the PDF's date.
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(timestamp)}
    for target, fmt in ((html, "html"), (pdf, "typst")):
        _run(["quarto", "render", str(qmd), "--to", fmt], log, env=env)
        produced = qmd.with_suffix(target.suffix)
        if produced.resolve() != target.resolve():
            shutil.move(produced, target)


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def render_with_pandoc(qmd: Path, html: Path, pdf: Path, assets: dict, timestamp: int, log) -> None:
    import typst

    pandoc = pandoc_path()
    log.info("engine: Pandoc %s + Typst (typst-py %s)", _pandoc_version(pandoc), getattr(typst, "__version__", "?"))
    common = [pandoc, str(qmd), "--from", "markdown", "--lua-filter", str(assets["lua_filter"]),
              "--resource-path", str(qmd.parent), "--toc", "--toc-depth", "2"]
    _run(common + ["--to", "html5", "--standalone", "--embed-resources",
                   "--css", str(assets["page_css"]), "--css", str(assets["css"]),
                   "--metadata", "document-css=false", "--default-image-extension", "png",
                   "--output", str(html)], log)
    typ = qmd.with_suffix(".typ")
    _run(common + ["--to", "typst", "--standalone", "--template", str(assets["typst_template"]),
                   "--include-in-header", str(assets["running_header"]),
                   "--include-in-header", str(assets["typst_style"]),
                   "--default-image-extension", "svg", "--output", str(typ)], log)
    try:
        typst.compile(str(typ), output=str(pdf), root=str(qmd.parent.resolve()),
                      font_paths=[matplotlib_font_dir()], ignore_system_fonts=True, timestamp=timestamp)
    except RuntimeError as error:
        raise InputError(typ, f"Typst could not compile the brief: {error}",
                         "see the Typst source next to the .qmd and logs/render_brief.log.") from None
    finally:
        typ.unlink(missing_ok=True)


def matplotlib_font_dir() -> str:
    """DejaVu fonts ship with matplotlib: the PDF uses the figures' typeface, on any machine."""
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")


def _pandoc_version(pandoc: str) -> str:
    return subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0].split()[-1]


def render_brief(qmd, html, pdf, assets: dict, preference: str, edition_date: str, log) -> str:
    qmd, html, pdf = Path(qmd), Path(html), Path(pdf)
    engine = choose_engine(preference)
    timestamp = source_timestamp(edition_date)
    if engine == "quarto":
        render_with_quarto(qmd, html, pdf, timestamp, log)
    else:
        render_with_pandoc(qmd, html, pdf, assets, timestamp, log)
    return engine
