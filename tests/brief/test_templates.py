"""The edition's templates: the engine's front matter and annex sections found beside them,
and a template mistake named by its file and line."""

import pytest

from policybrief.brief.templates import render_source
from policybrief.core.errors import InputError
from policybrief.workflow import WORKFLOW

ENGINE = WORKFLOW / "report"
EDITION = {"title": "T", "subtitle": "S", "publisher": "P", "language": "en", "name": "First edition"}


def write(tmp_path, text, name="brief.qmd.j2"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_engine_s_front_matter_is_included_with_the_document_s_running_header(tmp_path):
    path = write(tmp_path, '---\ntitle: x\n{% include "front-matter.yaml.j2" %}\n---\nText.\n', "annex.qmd.j2")
    source = render_source(path, {"edition": EDITION}, ENGINE)
    assert source.startswith("---\ntitle: x\n") and source.endswith("---\nText.\n")
    assert 'quarto-required: ">=1.7.0"' in source and "- annex-running.typ" in source


@pytest.mark.parametrize("text, line, said", [
    ("---\ntitle: x\n---\n\n{{ facts.no_such_fact }}\n", 5, "names something the tables do not have: "
                                                           "'dict object' has no attribute 'no_such_fact'"),
    ("# A brief\n\n{% if true %}\nText.\n", 4, "is not a valid template: Unexpected end of template"),
])
def test_a_template_mistake_names_the_file_and_line(tmp_path, text, line, said):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as raised:
        render_source(path, {"facts": {}}, ENGINE)
    message = str(raised.value)
    assert message.startswith(f"{path}: line {line}: ") and said in message and "What to do: " in message


def test_a_template_that_extends_a_missing_one_says_where_it_looked(tmp_path):
    path = write(tmp_path, '{% extends "annex-bsae.qmd.j2" %}\n')
    with pytest.raises(InputError, match=r"extends 'annex-bsae\.qmd\.j2', which is neither beside it nor among "
                                         r"the engine's templates"):
        render_source(path, {}, ENGINE)
