"""Every YAML file a user edits is read through one loader against its JSON Schema
(src/policybrief/schemas/): a mistake names the file, the line, the key and what to do."""

import glob

import pytest

from policybrief.compute.indicators import declared_indicators
from policybrief.core.errors import InputError
from policybrief.core.yaml_input import SCHEMAS, _fast_problem, load_yaml_input, schema_of, schema_problems
from policybrief.extract.extraction import load_catalogue
from policybrief.extract.merge import load_metadata
from policybrief.figures.specs import figure_specs
from policybrief.validate.checks import load_checks
from policybrief.validate.data_docs import load_assets
from policybrief.validate.suites import load_suite
from policybrief.workflow import WORKFLOW

from conftest import ROOT

INPUTS = {"catalogue": sorted(glob.glob("config/catalogue/*.yaml", root_dir=ROOT)),
          "documents": ["config/documents.yaml"],
          "arithmetic": ["config/arithmetic.yaml"],
          "suite": sorted(glob.glob("src/policybrief/workflow/expectations/*/*.yaml", root_dir=ROOT)),
          "assets": ["src/policybrief/workflow/report/data-docs/assets.yaml"], "units": ["config/units.yaml"],
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
         "use only the keys dataset, definition, document, evidence, geography, group, id, indicator"]),
    "an empty arithmetic file": (
        load_checks, "arithmetic.yaml", "# nothing yet\n",
        ["(the whole file): has no 'checks', which is required",
         "add checks: a list of checks, each with id, stage, description, stated and computed."]),
    "a role outside the list and a bad date": (
        load_metadata, "documents.yaml", "report-a:\n  role: reserach\n  date: \"2012/07\"\n",
        ["line 3: report-a.date: '2012/07' does not match",
         "line 2: report-a.role: 'reserach' is not one of ['research', 'context', 'set_aside']",
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
        ["line 5: figures.gap.kind: 'pie' is not one of ['paired_bars', 'shares', 'dated_list', 'series_panels', "
         "'time_series']"]),
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
        ["line 5: computed[0].inputs.period: 'period' should not be valid",
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
    from policybrief.core.units import unit_names, words_after
    from policybrief.extract.supplementary import load_plugin_schema

    names = unit_names()
    assert names[:2] == ["percent", "percentage points"] and words_after("percent") == "%"
    for suite in ("facts", "supplementary"):
        (kwargs,) = [e.kwargs for e in load_suite(WORKFLOW / f"expectations/sources/{suite}.yaml").expectations
                     if e.kwargs.get("column") == "unit"]
        assert kwargs["value_set"] == names, suite
    assert load_plugin_schema(WORKFLOW / "schemas/plugin.schema.json")["properties"]["unit"]["enum"] == names
    other = tmp_path / "units.yaml"
    other.write_text('units:\n  percent: {after: "%"}\n  tonnes: {after: " t"}\n', encoding="utf-8")
    assert words_after("tonnes", other) == " t" and words_after("kilograms", other) == " kilograms"


# ---- A key given twice: YAML keeps the last one silently, so every file the project reads refuses it ----

SUGGESTED = ("documents:\n- document: doc\n  numbers: 1\n  sentences:\n  - sentence: s\n    characters: 0-10\n"
             "    numbers:\n    - value: 5\n      as_written: '5'\n      to_check: {}\n      entry: {id: doc_3}\n")


def accept_into(catalogue):
    from policybrief.suggest.accept import accept

    suggestions = catalogue.with_name("suggestions.yaml")
    suggestions.write_text(SUGGESTED, encoding="utf-8")
    return accept(["doc_3"], suggestions, catalogue.parent)


def told(read, path) -> str:
    """What a reader says of a file: its InputError, or the problem it returns."""
    try:
        said = read(path)
    except InputError as error:
        return str(error)
    assert isinstance(said, str), f"the file was taken: {said!r}"
    return said


def _readers():
    from policybrief.core.configuration import yaml_problem
    from policybrief.core.units import units
    from policybrief.figures.specs import figure_kinds
    from policybrief.render.engines import required_quarto
    from policybrief.suggest.suggestions import proposed_by_document

    return {"config": yaml_problem, "figure_kinds": figure_kinds, "front_matter": required_quarto,
            "suggestions": proposed_by_document, "units": units}


FIGURES = 'colours:\n  blue: {colour: "#0072B2"}\nfigures:\n  gap:\n    kind: shares\n    kind: paired_bars\n'
# Each kind of file: its reader, its name, a text with a key twice, the key and its two lines.
TWICE = {
    "the catalogue: a fact's second pattern": (load_catalogue, "catalogue.yaml",
                                               FACT + '    unit: percent\n    pattern: "some {value}%"\n',
                                               "pattern", 4, 8),
    "the catalogue, as accepting reads it": (accept_into, "doc.yaml",
                                             FACT + '    unit: percent\n    pattern: "some {value}%"\n',
                                             "pattern", 4, 8),
    "the inventory: a document twice": (load_metadata, "documents.yaml",
                                        "nomibe-research-summary:\n  title: A\nother:\n  title: B\n"
                                        "nomibe-research-summary:\n  title: C\n", "nomibe-research-summary", 1, 5),
    "the config: the edition's name": ("config", "config.yaml", "edition:\n  number: 1\n  name: First\n"
                                       "  date: '2026-01-01'\n  name: Second\n", "name", 3, 5),
    "the config: the edition": ("config", "config.yaml", "edition:\n  number: 1\nrender:\n  engine: auto\n"
                                "edition:\n  number: 2\n", "edition", 1, 5),
    "the figures, as the workflow reads them while parsed": ("figure_kinds", "figures.yaml", FIGURES, "kind", 5, 6),
    "the figures, as the figures job reads them": (figure_specs, "figures.yaml", FIGURES, "kind", 5, 6),
    "the indicators": (declared_indicators, "indicators.yaml",
                       "computed:\n  - name: gap\n    label: Gap\n    name: gap2\n", "name", 2, 4),
    "the units": ("units", "units.yaml", 'units:\n  percent: {after: "%"}\n  count: {after: ""}\n'
                  '  percent: {after: " percent"}\n', "percent", 2, 4),
    "the arithmetic checks": (load_checks, "arithmetic.yaml",
                              "checks:\n  - id: a\n    stage: sources\n    computed: x\n    computed: y\n",
                              "computed", 4, 5),
    "an expectation suite": (load_suite, "facts.yaml", "table: facts\ntable: lists\nexpectations: []\n", "table", 1, 2),
    "the vendored assets": (load_assets, "assets.yaml", "assets:\n  - url: a\n    url: b\n", "url", 2, 3),
    "the suggestions": ("suggestions", "catalogue-suggestions.yaml", "documents:\n- document: doc\n"
                        "  document: other\n", "document", 2, 3),
    "a document's front matter": ("front_matter", "brief.qmd", "---\ntitle: A\ntoc: true\ntoc: false\n---\n\nText.\n",
                                  "toc", 3, 4),
}


@pytest.mark.parametrize("case", sorted(TWICE))
def test_a_key_given_twice_is_refused_naming_both_lines(tmp_path, case):
    read, name, text, key, first, second = TWICE[case]
    read = _readers()[read] if isinstance(read, str) else read
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    message = told(read, path)
    assert message.startswith(f"{path}: line {second}: key {key!r} appears twice in the same mapping "
                              f"(lines {first} and {second})"), message
    assert "What to do: keep one" in message, message


def test_a_merged_mapping_s_key_may_be_given_again_and_the_loader_stays_libyaml_s():
    import yaml

    from policybrief.core.yaml_input import LOADER, parse_yaml

    assert parse_yaml("base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  a: 3\n", "f.yaml")["x"] == {"a": 3, "b": 2}
    assert issubclass(LOADER, getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# ---- A mistake in an entry far down the inventory is named at the line of its key ----

INVENTORY = (ROOT / "config/documents.yaml").read_text(encoding="utf-8")
LAST = "foundation-sixty-recommendations"  # the inventory's last entry
# Each mistake: the line as it stands in the inventory's last entry, as it is changed, and the
# words of the line the message must name.
FAR_DOWN = {
    "a date not of its form (the schema)": ('  date: "2005"\n', '  date: "May 2005"\n', "May 2005"),
    "an unknown key (the schema)": ('  origin: "Brochure', '  orgin: "Brochure', "orgin"),
    "a web address that is none (the inventory's own check)": (
        '  date: "2005"\n', '  url: "javascript:alert(1)"\n  date: "2005"\n', "javascript"),
    "a year that is no date (the inventory's own check)": ('  date: "2005"\n', "  date: 20051\n", "20051"),
    "a document's name with a space (the schema of the keys)": ("", "new report:\n  title: X\n", "new report"),
}


@pytest.mark.parametrize("case", sorted(FAR_DOWN))
def test_a_mistake_far_down_the_inventory_is_named_at_its_line(tmp_path, case):
    from policybrief.extract.merge import document_rows

    line_as_is, changed, words = FAR_DOWN[case]
    text = INVENTORY.replace(line_as_is, changed) if line_as_is else INVENTORY + changed
    assert text.count(words) == 1
    line = text[:text.index(words)].count("\n") + 1
    path = tmp_path / "documents.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        document_rows(sorted((ROOT / "seeds").glob("*.txt")), load_metadata(path), path)
    message = str(raised.value)
    assert line > 50 and message.startswith(f"{path}: line {line}: "), message
    assert (LAST if line_as_is else "new report") in message and "What to do: " in message, message


def test_a_unit_the_facts_use_but_the_list_lacks_is_named_with_the_facts_and_what_to_do(tmp_path):
    from policybrief.core.units import check_units

    units = tmp_path / "units.yaml"
    units.write_text('units:\n  count: {after: ""}\n  percentage points: {after: " percentage points"}\n',
                     encoding="utf-8")
    facts = [{"fact_id": f"share_{n}", "unit": "percent"} for n in range(8)] + [{"fact_id": "cases", "unit": "count"}]
    with pytest.raises(InputError) as raised:
        check_units(facts, "config/catalogue.yaml", units)
    message = str(raised.value)
    assert message.startswith(f"{units}: does not list the unit 'percent', which 8 fact(s) of config/catalogue.yaml "
                              "have as their unit (share_0, share_1, share_2, share_3, share_4, share_5 and 2 more)")
    assert f'What to do: add the unit to {units}, with the words the brief writes after a number in it' in message
    check_units(facts[-1:], "config/catalogue.yaml", units)
