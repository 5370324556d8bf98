"""The workflow's house rules: a log per rule, nothing heavy at parse time, no absolute paths."""

import re

import pytest
import yaml
from jsonschema import validate

from conftest import ROOT

RULE_FILES = sorted((ROOT / "workflow" / "rules").glob("*.smk"))
PARSED_FILES = [ROOT / "Snakefile", *RULE_FILES]


def rule_blocks(path):
    """Each rule and checkpoint, named or made in a loop (`rule:` with a `name:`), from its header on."""
    return re.split(r"^\s*(?:rule|checkpoint)\b ?", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_has_a_log_and_a_script(path):
    for block in rule_blocks(path):
        name = block.split(":", 1)[0]
        assert re.search(r"\n\s+log:", block), f"rule {name} has no log"
        assert re.search(r"\n\s+script:", block), f"rule {name} has no script"


# The library modules the workflow may import while it is parsed: the engine check, the
# editions kept, publishing, the build's lock, the inputs' checks and their checksums, which
# must run before any job (they load only the standard library and
# PyYAML, tested below).
LIGHT_AT_PARSE_TIME = ["import policybrief",
                       "from policybrief import editions, publish",
                       "from policybrief.build_lock import hold_build_lock",
                       "from policybrief.freshness import refresh_changed_sources",
                       "from policybrief.project_files import check_input_folders",
                       "from policybrief.project_files import check_input_file",
                       "from policybrief.configuration import config_problems, yaml_problem",
                       "from policybrief.configuration import fill_defaults",
                       "from policybrief.documents import check_documents_folder, extraction_batches",
                       "from policybrief.errors import InputError",
                       "from policybrief.figure_specs import figure_kinds, figures_always, figures_over_periods",
                       "from policybrief.render import forced_engine_problem",
                       "from policybrief.process_exit import release_pending_timers, skip_final_collection_at_exit"]


@pytest.mark.parametrize("path", PARSED_FILES, ids=lambda p: p.name)
def test_nothing_heavy_or_absolute_at_parse_time(path):
    text = path.read_text(encoding="utf-8")
    for allowed in LIGHT_AT_PARSE_TIME:
        text = text.replace(allowed, "")
    assert not re.search(r"^\s*(import|from)\s+(pandas|matplotlib|great_expectations|policybrief)", text, re.MULTILINE)
    assert not re.search(r"[\"']/(work|home|tmp|root|usr)/", text)


def test_the_engine_check_loads_nothing_heavy():
    import subprocess
    import sys

    code = (f"import sys; {'; '.join(LIGHT_AT_PARSE_TIME)}; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'pandas', 'numpy', 'matplotlib', 'great_expectations', 'typst', 'jinja2', 'pypandoc'}))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_config_matches_its_schema():
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    schema = yaml.safe_load((ROOT / "workflow" / "schemas" / "config.schema.yaml").read_text(encoding="utf-8"))
    validate(config, schema)


def test_the_library_limits_are_the_config_schema_defaults():
    from policybrief.limits import DEFAULT_LIMITS

    schema = yaml.safe_load((ROOT / "workflow" / "schemas" / "config.schema.yaml").read_text(encoding="utf-8"))
    limits = schema["properties"]["limits"]["properties"]
    assert DEFAULT_LIMITS == {name: spec["default"] for name, spec in limits.items()}


def test_config_mistakes_are_named_by_line_or_key(tmp_path):
    from policybrief.configuration import config_problems, yaml_problem

    broken = tmp_path / "config.yaml"
    broken.write_text("edition:\n  number: [1\n  name: First edition\n", encoding="utf-8")
    problem = yaml_problem(broken)
    assert "config.yaml: line 3, column 7" in problem and "began on line 2" in problem and "What to do" in problem
    assert yaml_problem(ROOT / "config" / "config.yaml") is None
    schema = yaml.safe_load((ROOT / "workflow" / "schemas" / "config.schema.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    assert config_problems(config, schema) == []
    wrong = {**config, "render": {"engine": "fast"}, "edition": {**config["edition"], "number": "one"}}
    assert config_problems(wrong, schema) == [
        "config/config.yaml: edition.number: 'one' is not of type 'integer'",
        "config/config.yaml: render.engine: 'fast' is not one of ['auto', 'quarto', 'pandoc']"]
    impossible = {**config, "edition": {**config["edition"], "date": "2026-02-30"}}
    assert config_problems(impossible, schema) == [
        "config/config.yaml: edition.date: '2026-02-30' is not a day of the calendar (expected YYYY-MM-DD)."]


@pytest.mark.parametrize("limits", [None, {}, {"annex_rows": 5}], ids=["no limits", "empty", "one set"])
def test_the_config_gets_the_defaults_snakemake_validate_would_give_it(limits):
    import copy

    from snakemake.utils import validate as snakemake_validate

    from policybrief.configuration import fill_defaults

    schema_path = ROOT / "workflow" / "schemas" / "config.schema.yaml"
    schema = yaml.safe_load(schema_path.read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    config.pop("limits")
    if limits is not None:
        config["limits"] = limits
    ours, snakemakes = copy.deepcopy(config), copy.deepcopy(config)
    fill_defaults(ours, schema)
    snakemake_validate(snakemakes, schema=str(schema_path))
    assert ours == snakemakes and set(ours["limits"]) == {"annex_rows", "brief_listed_values", "figure_panels",
                                                                   "document_megabytes"}
