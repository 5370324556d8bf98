import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policybrief.core.errors import InputError
from policybrief.render.engines import (
    choose_engine,
    forced_engine_problem,
    parse_version,
    required_quarto,
    satisfies,
    source_timestamp,
)
from policybrief.render.typst_pdf import command_script, parse_compile_arguments
from policybrief.workflow import WORKFLOW

QUARTO = "/opt/quarto/bin/quarto"


def on_path(name):
    return QUARTO if name == "quarto" else None


def nowhere(name):
    return None


def test_auto_prefers_a_recent_quarto_and_says_why():
    choice = choose_engine("auto", ">=1.7.0", which=on_path, version_of=lambda path: (1, 7, 34))
    assert choice.engine == "quarto" and "Quarto 1.7.34" in choice.reason and QUARTO in choice.reason


@pytest.mark.parametrize("version, expected", [
    ((1, 6, 40), "Quarto 1.6.40 (/opt/quarto/bin/quarto) is older than the brief needs (>=1.7.0)"),
    (None, "did not run or printed no version"),
])
def test_auto_falls_back_to_pandoc_when_quarto_is_too_old_or_broken(version, expected):
    choice = choose_engine("auto", ">=1.7.0", which=on_path, version_of=lambda path: version)
    assert choice.engine == "pandoc" and expected in choice.reason


def test_auto_without_quarto_and_a_forced_pandoc():
    assert choose_engine("auto", ">=1.7.0", which=nowhere).engine == "pandoc"
    forced = choose_engine("pandoc", ">=1.7.0", which=on_path, version_of=lambda path: (1, 7, 34))
    assert forced.engine == "pandoc" and "'pandoc'" in forced.reason


@pytest.mark.parametrize("version, message", [(None, "not on PATH"), ((1, 5, 57), "older than the brief needs")])
def test_a_forced_quarto_that_cannot_render_is_an_error_naming_the_fix(version, message):
    which = nowhere if version is None else on_path
    with pytest.raises(InputError, match=message) as error:
        choose_engine("quarto", ">=1.7.0", which=which, version_of=lambda path: version)
    assert error.value.path == "config/config.yaml" and "render.engine" in error.value.hint


def test_an_unknown_engine_is_an_error():
    with pytest.raises(InputError, match="expected one of auto, quarto, pandoc"):
        choose_engine("latex")


def test_versions_are_read_from_coloured_output_and_compared_as_semver_ranges():
    assert parse_version("\x1b[1mquarto\x1b[22m \x1b[94m99.9.9\n\x1b[39m") == (99, 9, 9)
    assert parse_version("1.7.34\n") == (1, 7, 34) and parse_version("1.4") == (1, 4, 0)
    assert parse_version("no version here") is None
    assert satisfies((1, 7, 0), ">=1.7.0") and not satisfies((1, 6, 40), ">=1.7.0")
    assert satisfies((1, 8, 2), ">=1.7, <2") and not satisfies((2, 0, 0), ">=1.7, <2")
    assert satisfies((1, 7, 5), "1.7") and not satisfies((1, 8, 0), "1.7")


def test_required_quarto_is_read_from_the_template_and_the_filled_document(tmp_path, root):
    assert required_quarto(WORKFLOW / "report/front-matter.yaml.j2") == ">=1.7.0"
    document = tmp_path / "brief.qmd"
    document.write_text('---\ntitle: x\nquarto-required: ">=1.8.1"\n---\n\nquarto-required: no\n', encoding="utf-8")
    assert required_quarto(document) == ">=1.8.1"
    document.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert required_quarto(document) is None


def test_the_forced_engine_check_reads_the_template(root, monkeypatch):
    monkeypatch.setenv("PATH", "")
    problem = forced_engine_problem("quarto", WORKFLOW / "report/front-matter.yaml.j2")
    assert problem.startswith("config/config.yaml: render.engine is 'quarto' but `quarto` is not on PATH")
    assert "What to do: install Quarto >=1.7.0" in problem
    # auto decides in the job
    assert forced_engine_problem("auto", WORKFLOW / "report/front-matter.yaml.j2") is None


def test_timestamp_from_edition_date_or_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_timestamp("2026-11-23") == 1795392000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_timestamp("2026-11-23") == 1700000000


def test_quartos_typst_command_line_is_understood_and_other_flags_refused():
    options = parse_compile_arguments(["--root", "/r", "in.typ", "--font-path", "/f1", "--font-path=/f2", "out.pdf"])
    assert options == {"root": "/r", "font_paths": ["/f1", "/f2"], "files": ["in.typ", "out.pdf"]}
    with pytest.raises(ValueError, match="unsupported option --pdf-standard"):
        parse_compile_arguments(["--pdf-standard", "ua-1", "in.typ"])
    with pytest.raises(ValueError, match="expected an input"):
        parse_compile_arguments([])


def test_the_typst_command_given_to_quarto_compiles_with_the_edition_timestamp(tmp_path):
    script = command_script(tmp_path)
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("typst ")  # Quarto reads "typst X.Y.Z"
    (tmp_path / "doc.typ").write_text("#set document(title: [T])\nHello.\n", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000"}
    subprocess.run([str(script), "compile", "doc.typ", "out.pdf"], cwd=tmp_path, env=env, check=True)
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"20261123" in pdf
    refused = subprocess.run([str(script), "fonts"], capture_output=True, text=True)
    assert refused.returncode == 2 and "only `compile`" in refused.stderr
    assert sys.executable in script.read_text(encoding="utf-8")


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@pytest.mark.parametrize("body, problem", [('= Title\n#image("dot.svg")\n', "missing alt text"),
                                           ("== A section before any level-1 heading\n", "level 1")])
def test_the_pdf_is_compiled_under_pdf_ua_1_which_refuses_what_a_screen_reader_cannot_use(tmp_path, body, problem):
    from policybrief.render.typst_pdf import compile_pdf

    (tmp_path / "dot.svg").write_text(SVG, encoding="utf-8")
    source, pdf = tmp_path / "doc.typ", tmp_path / "doc.pdf"
    header = '#set document(title: "Doc")\n#set text(lang: "en")\n'
    source.write_text(header + body, encoding="utf-8")
    with pytest.raises(Exception, match=problem):
        compile_pdf(source, pdf, tmp_path, timestamp=0)
    source.write_text(header + '= Title\n#image("dot.svg", alt: "A dot")\n', encoding="utf-8")
    compile_pdf(source, pdf, tmp_path, timestamp=0)
    assert re.search(rb"pdfuaid:part(>|=\")1", pdf.read_bytes())


def test_a_missing_typst_package_is_named_with_how_to_install_it(tmp_path, monkeypatch, capsys):
    from policybrief.render import typst_pdf
    from policybrief.render.engines import render_brief

    monkeypatch.setitem(sys.modules, "typst", None)  # `import typst` now fails as if it were not installed
    with pytest.raises(InputError) as raised:
        typst_pdf.compile_pdf(tmp_path / "doc.typ", tmp_path / "doc.pdf", tmp_path, None)
    message = str(raised.value)
    assert message.startswith("the Python package 'typst': cannot be imported") and "whichever render.engine" in message
    assert ('What to do: install it into the Python that runs Snakemake: in the project folder, '
            'pip install -e ".[test]"') in message and "or pip install typst alone" in message
    # The render job says so before it runs Pandoc; Quarto's `typst` command says it too.
    (tmp_path / "brief.qmd").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    with pytest.raises(InputError, match="the Python package 'typst': cannot be imported"):
        render_brief(tmp_path / "brief.qmd", tmp_path / "brief.html", tmp_path / "brief.pdf", {}, "pandoc",
                     "2026-11-23", logging.getLogger("test"))
    assert typst_pdf.main(["--version"]) == 1
    assert "error: the Python package 'typst': cannot be imported" in capsys.readouterr().err


def test_the_pdf_s_fonts_are_found_where_matplotlib_keeps_them_without_importing_it():
    import matplotlib

    from policybrief.render.typst_pdf import matplotlib_font_dir

    assert Path(matplotlib_font_dir()) == Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    assert (Path(matplotlib_font_dir()) / "DejaVuSans.ttf").is_file()
    found = subprocess.run([sys.executable, "-c", "import sys; from policybrief.render.typst_pdf import "
                            "matplotlib_font_dir; matplotlib_font_dir(); print('matplotlib' in sys.modules)"],
                           capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
