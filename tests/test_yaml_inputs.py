"""Every YAML file a user edits is read through one loader against its JSON Schema
(src/policybrief/schemas/): a mistake names the file, the line, the key and what to do."""

import glob

import pytest

from policybrief.checks import load_checks
from policybrief.errors import InputError
from policybrief.extraction import load_catalogue
from policybrief.figure_specs import figure_specs
from policybrief.indicators import declared_indicators
from policybrief.merge import load_metadata
from policybrief.validation.data_docs import load_assets
from policybrief.validation.suites import load_suite
from policybrief.yaml_input import SCHEMAS, _fast_problem, load_yaml_input, schema_of, schema_problems

from conftest import ROOT

INPUTS = {"catalogue": ["config/catalogue.yaml"], "documents": ["config/documents.yaml"],
          "arithmetic": ["config/arithmetic.yaml"],
          "suite": sorted(glob.glob("workflow/expectations/*/*.yaml", root_dir=ROOT)),
          "assets": ["workflow/report/data-docs/assets.yaml"], "units": ["config/units.yaml"],
          "indicators": ["config/indicators.yaml"], "figures": ["config/figures.yaml"]}


@pytest.mark.parametrize("schema", sorted(INPUTS))
def test_every_yaml_input_of_the_edition_meets_its_schema(schema):
    assert (SCHEMAS / f"{schema}.schema.yaml").is_file()
    for path in INPUTS[schema]:
        assert load_yaml_input(ROOT / path, schema) is not None
        # The fast check and the one that explains agree (they are two libraries).
        data = load_yaml_input(ROOT / path, schema)
        assert _fast_problem(schema, data) is None and schema_problems(data, schema_of(schema), "") == []


FACT = ("facts:\n  - id: share_a\n    document: doc\n    pattern: \"about {value}%\"\n    indicator: share\n"
        "    label: A share\n")

# Each broken input: the loader, the file, its text, and what the message must say.
BROKEN = {
    "a fact without its unit": (
        load_catalogue, "catalogue.yaml", FACT,
        ["line 2: facts[0] (id \"share_a\"): has no 'unit', which is required",
         "What to do: add unit: the unit of the number, such as percent or count."]),
    "a misspelt key": (
        load_catalogue, "catalogue.yaml", FACT + "    unit: percent\n    qualifer: approx\n",
        ["line 8: facts[0] (id \"share_a\"): unknown key ('qualifer')",
         "use only the keys dataset, document, geography, group, id, indicator"]),
    "an empty arithmetic file": (
        load_checks, "arithmetic.yaml", "# nothing yet\n",
        ["(the whole file): has no 'checks', which is required",
         "add checks: a list of checks, each with id, stage, description, stated and computed."]),
    "a role outside the list and a bad date": (
        load_metadata, "documents.yaml", "report-a:\n  role: reserach\n  date: \"2012/07\"\n",
        ["line 3: report-a.date: '2012/07' does not match",
         "line 2: report-a.role: 'reserach' is not one of ['research', 'context']",
         "What to do: give the date the document was published: YYYY, YYYY-MM or YYYY-MM-DD"]),
    "a string condition in a suite": (
        load_suite, "facts.yaml", "table: facts\nexpectations:\n  - type: expect_column_values_to_be_between\n"
                                  "    kwargs: {column: value, row_condition: 'unit == \"percent\"'}\n",
        ["line 4: expectations[0].kwargs.row_condition: 'unit == \"percent\"' is not of type 'object'",
         "{type: comparison, column: {name: unit}, operator: \"==\", parameter: percent}"]),
    "a vendored file without its checksum": (
        load_assets, "assets.yaml", "assets:\n  - url: https://cdn.example/x.js\n    file: x/x.js\n",
        ["line 2: assets[0]: has no 'sha256', which is required"]),
    "a figure of a kind the engine has not": (
        figure_specs, "figures.yaml", "colours:\n  blue: {colour: \"#0072B2\"}\nfigures:\n  gap:\n"
                                      "    kind: pie\n    caption: Gaps\n",
        ["line 5: figures.gap.kind: 'pie' is not one of ['paired_bars', 'shares', 'dated_list', 'series_panels']"]),
    "a figure's key that its kind has not": (
        figure_specs, "figures.yaml", "colours:\n  blue: {colour: \"#0072B2\"}\nfigures:\n  events:\n"
                                      "    kind: dated_list\n    indicator: timeline\n    colour: blue\n"
                                      "    colour_by_geography: {Belgium: blue}\n    other: blue\n"
                                      "    caption: Dates\n",
        ["line 7: figures.events: unknown key ('colour')", "use only the keys caption, colour_by_geography"]),
    "a colour that is not among the colours": (
        figure_specs, "figures.yaml", "colours:\n  blue: {colour: \"#0072B2\"}\nfigures:\n  events:\n"
                                      "    kind: dated_list\n    indicator: timeline\n"
                                      "    colour_by_geography: {Belgium: blue}\n    other: purple\n"
                                      "    caption: Dates\n",
        ["figures.events.other: 'purple' is not one of the colours (blue)",
         "What to do: name one of the colours, or add it under colours"]),
    "an indicator input named like a key of the brief's entry": (
        declared_indicators, "indicators.yaml", "computed:\n  - name: gap\n    label: Gap\n    unit: count\n"
                                                "    inputs: {period: a, b: c}\n    formula: period - b\n"
                                                "    described: a minus b\n    matched_on: [group]\n",
        ["line 5: computed[0].inputs: 'period' should not be valid",
         "other than group, geography, period, computed, bound, from_document and series"]),
    "a YAML syntax error": (
        load_catalogue, "catalogue.yaml", "facts:\n  - id: a\n   document: [b\n",
        ["line 3, column ", "the file is not valid YAML", "What to do: correct the line shown"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_input_is_named_by_file_line_and_key_with_what_to_do(tmp_path, case):
    load, name, text, expected = BROKEN[case]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and "What to do: " in message, message
    if "not valid YAML" not in message:
        # The fast check refuses what the one that explains refuses.
        import yaml

        schema = {load_catalogue: "catalogue", load_checks: "arithmetic", load_metadata: "documents",
                  load_suite: "suite", load_assets: "assets", figure_specs: "figures",
                  declared_indicators: "indicators"}[load]
        if "is not one of the colours" not in message:  # a check beyond the schema
            assert _fast_problem(schema, yaml.safe_load(text) or {}) is not None
    for fragment in expected:
        assert fragment in message, message


def test_the_units_are_one_list_read_by_the_brief_the_suites_and_the_plugin_check(tmp_path):
    from policybrief.supplementary import load_plugin_schema
    from policybrief.units import unit_names, words_after

    names = unit_names()
    assert names[:2] == ["percent", "percentage points"] and words_after("percent") == "%"
    for suite in ("facts", "supplementary"):
        (kwargs,) = [e.kwargs for e in load_suite(ROOT / f"workflow/expectations/sources/{suite}.yaml").expectations
                     if e.kwargs.get("column") == "unit"]
        assert kwargs["value_set"] == names, suite
    assert load_plugin_schema(ROOT / "workflow/schemas/plugin.schema.json")["properties"]["unit"]["enum"] == names
    other = tmp_path / "units.yaml"
    other.write_text('units:\n  percent: {after: "%"}\n  tonnes: {after: " t"}\n', encoding="utf-8")
    assert words_after("tonnes", other) == " t" and words_after("kilograms", other) == " kilograms"
