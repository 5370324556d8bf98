"""The edition's config (config/config.yaml), checked before anything runs: its YAML syntax
(with the line and column of a mistake), its keys and values against
the engine's schemas/config.schema.yaml (which key, what was expected), and a real calendar date.
Light on purpose (PyYAML and jsonschema): the workflow calls it while it is parsed."""

import datetime as dt

from policybrief.core.errors import InputError
from policybrief.core.yaml_input import first_problem, read_yaml


def yaml_problem(path) -> str | None:
    """Why a YAML file cannot be read, with its line and column and what to do; None if it can.
    A key given twice is refused too: Snakemake's own reader would keep the last one silently."""
    try:
        read_yaml(path)
    except InputError as error:
        return str(error)
    return None


def _key(path) -> str:
    return ".".join(str(part) for part in path) or "(the whole file)"


def config_problems(config: dict, schema: dict, path="config/config.yaml") -> list[str]:
    """Each value that breaks the schema, by its key, and an edition date that is no day."""
    import fastjsonschema

    meets = first_problem(fastjsonschema.compile(schema), config) is None
    problems = [] if meets else _schema_problems(config, schema, path)
    date = (config.get("edition") or {}).get("date") if isinstance(config, dict) else None
    if not problems and isinstance(date, str):
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            problems.append(f"{path}: edition.date: {date!r} is not a day of the calendar (expected YYYY-MM-DD).")
    return problems


def fill_defaults(config: dict, schema: dict) -> None:
    """Put the schema's defaults into the config, in place, as Snakemake's validate() does
    (a config that meets the schema). A default object gets its own defaults on the next pass."""
    import copy

    import fastjsonschema

    fill = fastjsonschema.compile(schema, use_default=True)
    before = None
    while before != config:
        before = copy.deepcopy(config)
        fill(config)


# The workflow checks its config while it is parsed, on every run (a no-op too): the check that
# it meets its schema is fastjsonschema's (10 ms to import, policybrief.core.yaml_input.first_problem);
# jsonschema (0.14 s to import) is imported only to name every key at fault.
def _schema_problems(config: dict, schema: dict, path) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    return [f"{path}: {_key(error.absolute_path)}: {error.message}"
            for error in sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.absolute_path)))]


def settle_config(config: dict, schema: dict, path="config/config.yaml") -> dict:
    """The config as the workflow uses it: each wrong key or value named, with what was expected
    (one InputError for all of them), then the schema's defaults filled in, in place (what
    Snakemake's validate() does, at twice the cost on every run)."""
    problems = config_problems(config, schema, path)
    if problems:
        raise InputError(path, "\n       ".join(problems).removeprefix(f"{path}: "),
                         "correct these keys (the engine's schemas/config.schema.yaml says what each holds).")
    fill_defaults(config, schema)
    return config


def edition_config(path="config/config.yaml") -> dict:
    """The edition's settings read from their file and settled as the workflow settles them (for
    the commands that run beside the workflow, such as the preview)."""
    from policybrief.core.yaml_input import schema_of

    return settle_config(read_yaml(path) or {}, schema_of("config"), path)
