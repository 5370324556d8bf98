"""The edition's config (config/config.yaml), checked before anything runs: its YAML syntax
(with the line and column of a mistake), its keys and values against
config/schemas/config.schema.yaml (which key, what was expected), and a real calendar date.
Light on purpose (PyYAML and jsonschema): the workflow calls it while it is parsed."""

import datetime as dt
from pathlib import Path

import yaml


def yaml_problem(path) -> str | None:
    """Why a YAML file cannot be read, with its line and column and what to do; None if it can."""
    try:
        yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark, began = error.problem_mark or error.context_mark, error.context_mark
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        if began and mark and began.line != mark.line:
            where += f" (what it reads there began on line {began.line + 1})"
        what = " ".join(part for part in (error.context, error.problem) if part)
        return (f"{path}{where}: the file is not valid YAML ({what}).\n  What to do: correct the line shown; keep "
                "the indentation of the lines around it (spaces, not tabs), and quote a value holding ': ' or '#'.")
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return f"{path}: cannot be read ({error})."
    return None


def _key(path) -> str:
    return ".".join(str(part) for part in path) or "(the whole file)"


def config_problems(config: dict, schema: dict, path="config/config.yaml") -> list[str]:
    """Each value that breaks the schema, by its key, and an edition date that is no day."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    problems = [f"{path}: {_key(error.absolute_path)}: {error.message}"
                for error in sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.absolute_path)))]
    date = (config.get("edition") or {}).get("date") if isinstance(config, dict) else None
    if not problems and isinstance(date, str):
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            problems.append(f"{path}: edition.date: {date!r} is not a day of the calendar (expected YYYY-MM-DD).")
    return problems
