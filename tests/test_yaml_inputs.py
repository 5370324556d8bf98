"""Every YAML file a user edits is read through one loader against its JSON Schema
(src/policybrief/schemas/): a mistake names the file, the line, the key and what to do."""

import glob

import pytest

from policybrief.checks import load_checks
from policybrief.errors import InputError
from policybrief.extraction import load_catalogue
from policybrief.merge import load_metadata
from policybrief.validation.data_docs import load_assets
from policybrief.validation.suites import load_suite
from policybrief.yaml_input import SCHEMAS, load_yaml_input

from conftest import ROOT

INPUTS = {"catalogue": ["config/catalogue.yaml"], "documents": ["seeds/documents.yaml"],
          "arithmetic": ["workflow/expectations/arithmetic.yaml"],
          "suite": sorted(glob.glob("workflow/expectations/*/*.yaml", root_dir=ROOT)),
          "assets": ["workflow/report/data-docs/assets.yaml"]}


@pytest.mark.parametrize("schema", sorted(INPUTS))
def test_every_yaml_input_of_the_edition_meets_its_schema(schema):
    assert (SCHEMAS / f"{schema}.schema.yaml").is_file()
    for path in INPUTS[schema]:
        assert load_yaml_input(ROOT / path, schema) is not None


def error_of(load, tmp_path, name, text) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and "What to do: " in message, message
    return message


FACT = ("facts:\n  - id: share_a\n    document: doc\n    pattern: \"about {value}%\"\n    indicator: share\n"
        "    label: A share\n")


def test_a_fact_without_its_unit_is_named_with_its_line_and_id(tmp_path):
    message = error_of(load_catalogue, tmp_path, "catalogue.yaml", FACT)
    assert "line 2: facts[0] (id \"share_a\"): has no 'unit', which is required" in message
    assert "What to do: add unit: the unit of the number, such as percent or count." in message


def test_a_misspelt_key_is_named_and_the_known_keys_are_listed(tmp_path):
    message = error_of(load_catalogue, tmp_path, "catalogue.yaml", FACT + "    unit: percent\n    qualifer: approx\n")
    assert "line 8: facts[0] (id \"share_a\"): unknown key ('qualifer')" in message
    assert "use only the keys dataset, document, geography, group, id, indicator" in message


def test_an_empty_arithmetic_file_says_what_it_must_hold(tmp_path):
    message = error_of(load_checks, tmp_path, "arithmetic.yaml", "# nothing yet\n")
    assert "(the whole file): has no 'checks', which is required" in message
    assert "add checks: a list of checks, each with id, stage, description, stated and computed." in message


def test_a_role_outside_the_list_and_a_bad_date_are_named_by_document_and_field(tmp_path):
    message = error_of(load_metadata, tmp_path, "documents.yaml",
                       "report-a:\n  role: reserach\n  date: \"2012/07\"\n")
    assert "line 3: report-a.date: '2012/07' does not match" in message
    assert "line 2: report-a.role: 'reserach' is not one of ['research', 'context']" in message
    assert "What to do: give the date the document was published: YYYY, YYYY-MM or YYYY-MM-DD" in message


def test_a_string_condition_in_a_suite_says_how_to_write_a_condition(tmp_path):
    message = error_of(load_suite, tmp_path, "facts.yaml",
                       "table: facts\nexpectations:\n  - type: expect_column_values_to_be_between\n"
                       "    kwargs: {column: value, row_condition: 'unit == \"percent\"'}\n")
    assert "line 4: expectations[0].kwargs.row_condition: 'unit == \"percent\"' is not of type 'object'" in message
    assert "{type: comparison, column: {name: unit}, operator: \"==\", parameter: percent}" in message


def test_a_vendored_file_without_its_checksum_is_refused(tmp_path):
    message = error_of(load_assets, tmp_path, "assets.yaml",
                       "assets:\n  - url: https://cdn.example/x.js\n    file: x/x.js\n")
    assert "line 2: assets[0]: has no 'sha256', which is required" in message


def test_a_yaml_syntax_error_is_named_by_line_and_column(tmp_path):
    message = error_of(load_catalogue, tmp_path, "catalogue.yaml", "facts:\n  - id: a\n   document: [b\n")
    assert "line 3, column " in message and "the file is not valid YAML" in message
    assert "What to do: correct the line shown" in message
