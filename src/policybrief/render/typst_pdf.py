"""Compiling the brief's Typst source to PDF, the same way for both engines.

The Pandoc path calls `compile_pdf` directly. The Quarto path gives Quarto a `typst` command
of ours through QUARTO_TYPST (Quarto's documented switch for the Typst binary it runs), so the
PDF Quarto makes is compiled by the same Typst as the Pandoc path's: fonts embedded from
matplotlib and Typst only (never the machine's), the edition's timestamp, and the tagging of
the project's Typst rather than of the Typst release bundled with the installed Quarto.

    python -m policybrief.render.typst_pdf --version
    python -m policybrief.render.typst_pdf compile [--root DIR] [--font-path DIR]... IN.typ [OUT.pdf]
"""

import os
import shlex
import sys
from pathlib import Path

from policybrief.core.errors import InputError


def matplotlib_font_dir() -> str:
    """DejaVu fonts ship with matplotlib: the PDF uses the figures' typeface, on any machine.
    Found where the package is, without importing it (a quarter of a second per render)."""
    from importlib.util import find_spec

    spec = find_spec("matplotlib")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise InputError("matplotlib", "is not installed; the PDF takes its fonts (DejaVu) from it.",
                         'install the project with pip install -e ".[test]", which installs it.')
    return str(Path(folders[0]) / "mpl-data" / "fonts" / "ttf")


# The PDF is PDF/UA-1 (accessible PDF, ISO 14289-1): Typst tags it and refuses to compile
# what the standard forbids (an image without alt text, a heading level skipped, no title).
PDF_STANDARDS = ["ua-1"]


def typst_module():
    """The `typst` Python package, which compiles every PDF (the Pandoc path calls it, and
    Quarto runs it through QUARTO_TYPST); missing, it is named with how to install it."""
    try:
        import typst
    except ImportError as error:
        raise InputError("the Python package 'typst'", f"cannot be imported ({error}); the PDFs of the brief and "
                         "of its annex are compiled with it, whichever render.engine is set (Quarto too runs "
                         f"it), so nothing can be rendered without it (Python: {sys.executable}).",
                         "install it into the Python that runs Snakemake: in the project folder, "
                         'pip install -e ".[test]" (every package the build needs, at the versions of '
                         "requirements/*.lock), or pip install typst alone (requirements/runtime.lock names the "
                         "version the tests ran with).") from None
    return typst


def compile_pdf(typ, pdf, root, timestamp: int | None, font_paths=()) -> None:
    """Typst source to PDF/UA-1. Raises RuntimeError with Typst's own message on failure."""
    typst_module().compile(str(typ), output=str(pdf), root=str(Path(root).resolve()),
                  font_paths=[*font_paths, matplotlib_font_dir()], ignore_system_fonts=True,
                  timestamp=timestamp, pdf_standards=PDF_STANDARDS)


def typst_version() -> str:
    return getattr(typst_module(), "__version__", "0.0.0")


def command_script(directory: Path) -> Path:
    """An executable `typst` for QUARTO_TYPST that runs this module with this interpreter."""
    script = Path(directory) / "typst"
    script.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m policybrief.render.typst_pdf \"$@\"\n",
                      encoding="utf-8")
    script.chmod(0o755)
    return script


def parse_compile_arguments(arguments: list[str]) -> dict:
    """The subset of `typst compile` that Quarto uses: --root, --font-path, input, output.
    Other flags are refused rather than ignored, so nothing Quarto asks for is dropped silently."""
    options = {"root": None, "font_paths": [], "files": []}
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        name, has_value, value = argument.partition("=")
        if name in ("--root", "--font-path"):
            if not has_value:
                position += 1
                if position == len(arguments):
                    raise ValueError(f"{name} needs a value")
                value = arguments[position]
            if name == "--root":
                options["root"] = value
            else:
                options["font_paths"].append(value)
        elif argument.startswith("-"):
            raise ValueError(f"unsupported option {argument}")
        else:
            options["files"].append(argument)
        position += 1
    if len(options["files"]) not in (1, 2):
        raise ValueError("expected an input .typ file and optionally an output .pdf file")
    return options


def main(arguments: list[str]) -> int:
    try:
        return _run(arguments)
    except InputError as error:  # Quarto shows what its `typst` printed
        print(f"error: {error}", file=sys.stderr)
        return 1


def _run(arguments: list[str]) -> int:
    if not arguments or arguments[0] in ("--version", "-V"):
        # Quarto reads "typst X.Y.Z" from the first line.
        print(f"typst {typst_version()} (the policybrief pipeline's Typst)")
        return 0
    if arguments[0] not in ("compile", "c"):
        print(f"error: only `compile` and `--version` are supported, not {arguments[0]!r}", file=sys.stderr)
        return 2
    try:
        options = parse_compile_arguments(arguments[1:])
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    source = Path(options["files"][0])
    output = Path(options["files"][1]) if len(options["files"]) == 2 else source.with_suffix(".pdf")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    timestamp = int(epoch) if epoch.isdigit() else None  # the render job always sets it
    try:
        compile_pdf(source, output, options["root"] or source.parent, timestamp, options["font_paths"])
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
