"""The workflow's house rules: a log per rule, nothing heavy at parse time, no absolute paths."""

import re

import pytest
import yaml
from jsonschema import validate

from conftest import ROOT

ENGINE = ROOT / "src/policybrief/workflow"
RULE_FILES = sorted((ENGINE / "rules").glob("*.smk"))
PARSED_FILES = [ROOT / "Snakefile", ENGINE / "Snakefile", *RULE_FILES]
# What the workflow imports while it is read: only modules of the library (never pandas,
# matplotlib, Great Expectations), and those must load nothing heavy (tested below).
PARSE_TIME_IMPORT = re.compile(r"^\s*(?:import|from)\s+([\w.]+)", re.MULTILINE)


def rule_blocks(path):
    """Each rule and checkpoint, named or made in a loop (`rule:` with a `name:`), from its header on."""
    return re.split(r"^\s*(?:rule|checkpoint)\b ?", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_has_a_log_and_a_script(path):
    for block in rule_blocks(path):
        name = block.split(":", 1)[0]
        assert re.search(r"\n\s+log:", block), f"rule {name} has no log"
        assert re.search(r"\n\s+script:", block), f"rule {name} has no script"


HEAVY = {"pandas", "numpy", "matplotlib", "great_expectations", "typst", "jinja2", "pypandoc"}


def parse_time_imports() -> list[str]:
    """Each import statement of the workflow's files (one line each: the house style)."""
    statement = re.compile(r"^(?:import|from)\s+policybrief\S*(?: import .+)?$", re.MULTILINE)
    return sorted({line for path in PARSED_FILES for line in statement.findall(path.read_text("utf-8"))})


@pytest.mark.parametrize("path", PARSED_FILES, ids=lambda p: p.name)
def test_nothing_heavy_or_absolute_at_parse_time(path):
    text = path.read_text(encoding="utf-8")
    imported = {module.split(".")[0] for module in PARSE_TIME_IMPORT.findall(text)}
    assert imported <= {"policybrief", "json", "sys", "pathlib", "yaml", "snakemake"}, imported
    assert not re.search(r"[\"']/(work|home|tmp|root|usr)/", text)


def test_what_the_workflow_imports_while_it_is_read_loads_nothing_heavy():
    import subprocess
    import sys

    statements = parse_time_imports()
    assert "from policybrief.editions import publish" in statements
    code = "\n".join(["import sys", *statements,
                      f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(HEAVY)!r}))"])
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_config_matches_its_schema():
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    schema = yaml.safe_load((ENGINE / "schemas/config.schema.yaml").read_text(encoding="utf-8"))
    validate(config, schema)


def test_the_library_limits_are_the_config_schema_defaults():
    from policybrief.core.limits import DEFAULT_LIMITS

    schema = yaml.safe_load((ENGINE / "schemas/config.schema.yaml").read_text(encoding="utf-8"))
    limits = schema["properties"]["limits"]["properties"]
    assert DEFAULT_LIMITS == {name: spec["default"] for name, spec in limits.items()}


def test_config_mistakes_are_named_by_line_or_key(tmp_path):
    from policybrief.core.configuration import config_problems, yaml_problem

    broken = tmp_path / "config.yaml"
    broken.write_text("edition:\n  number: [1\n  name: First edition\n", encoding="utf-8")
    problem = yaml_problem(broken)
    assert "config.yaml: line 3, column 7" in problem and "began on line 2" in problem and "What to do" in problem
    assert yaml_problem(ROOT / "config" / "config.yaml") is None
    schema = yaml.safe_load((ENGINE / "schemas/config.schema.yaml").read_text(encoding="utf-8"))
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

    from policybrief.core.configuration import fill_defaults

    schema_path = ENGINE / "schemas/config.schema.yaml"
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


def test_the_library_the_rules_and_the_tests_show_the_same_stages():
    from policybrief.core.tables import TABLES

    library = {path.name for path in (ROOT / "src/policybrief").iterdir()
               if path.is_dir() and (path / "__init__.py").exists()} - {"workflow"}
    rules = {path.stem for path in RULE_FILES} - {"common", "configuration"}
    tests = {path.name for path in (ROOT / "tests").iterdir() if path.is_dir()}
    assert library - {"core"} == rules == {"extract", "suggest", "validate", "compute", "figures", "brief", "render",
                                           "editions"}
    assert tests == library | {"workflow", "e2e", "topics"}
    # Each table is made by a stage, and validated by a stage of the validation.
    assert {table.stage for table in TABLES.values()} <= rules
    assert {table.validated for table in TABLES.values() if table.validated} == {"sources", "indicators"}


SCRIPTS = sorted(path.stem for path in (ENGINE / "scripts").glob("*.py"))


@pytest.fixture(scope="module")
def modules_loaded() -> dict:
    """script -> the files of the library its imports load, each found in a fresh interpreter
    (all started at once: they are independent)."""
    import ast
    import subprocess
    import sys

    running = {}
    for script in SCRIPTS:
        tree = ast.parse((ENGINE / "scripts" / f"{script}.py").read_text(encoding="utf-8"))
        imports = "\n".join(ast.unparse(node) for node in ast.walk(tree)
                            if isinstance(node, ast.ImportFrom | ast.Import)
                            and any(name.startswith("policybrief") for name in
                                    [getattr(node, "module", "") or "", *(alias.name for alias in node.names)]))
        probe = (f"import sys\n{imports}\n"
                 "print('\\n'.join(sorted(getattr(m, '__file__', '') or '' for n, m in list(sys.modules.items()) "
                 "if n.startswith('policybrief'))))")
        running[script] = subprocess.Popen([sys.executable, "-c", probe], stdout=subprocess.PIPE, text=True)
    return {script: set(process.communicate(timeout=120)[0].split()) for script, process in running.items()}


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_job_takes_as_input_every_module_its_script_loads(script, modules_loaded):
    """code_of reads the imports as text: every module the script's imports load (and the ones
    those import, at once or inside functions) must be among the job's inputs."""
    from policybrief.workflow import PACKAGE, code_of

    inputs = set(code_of(script))
    assert modules_loaded[script] and modules_loaded[script] <= inputs, sorted(modules_loaded[script] - inputs)
    assert all(str(PACKAGE) in path for path in inputs)


def test_the_library_imports_itself_only_in_ways_code_of_reads():
    for path in (ROOT / "src/policybrief").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*from \.", text, re.MULTILINE), f"{path}: a relative import"
        assert "import_module(" not in text and "__import__(" not in text, f"{path}: a dynamic import"
