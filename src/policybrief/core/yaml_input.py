"""Reading the YAML files a user edits, each checked against its JSON Schema
(the engine's schemas/<name>.schema.yaml): a mistake stops with the file, the line, the
key, what was expected and what to do, never a traceback. (The edition's config has a schema
of its own, schemas/config.schema.yaml, checked before anything runs.)"""

from functools import cache
from pathlib import Path

import yaml

from policybrief.core.errors import InputError
from policybrief.workflow import SCHEMAS

# A file with many mistakes shows this many, so that one run shows most of what to fix.
SHOWN_PROBLEMS = 5
YAML_SYNTAX_HINT = ("correct the line shown; keep the indentation of the lines around it (spaces, not tabs), "
                    "and quote a value holding ': ' or '#'.")
DUPLICATE_KEY_HINT = ("keep one: remove the line you do not mean, or merge the two into one (a key holds one "
                      "value; a YAML reader keeps the last one and drops the other without a word).")
_MERGE_TAG = "tag:yaml.org,2002:merge"


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping that holds a key twice: YAML would keep the second value and drop the first."""

    def __init__(self, key, first: yaml.Node, second: yaml.Node):
        self.key, self.first_line, self.line = key, first.start_mark.line + 1, second.start_mark.line + 1
        super().__init__(None, None, f"key {key!r} appears twice in the same mapping (lines {self.first_line} "
                                     f"and {self.line})", second.start_mark)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (libyaml's where PyYAML has it: the catalogue is read once per
    extraction job, and the pure-Python loader takes a fifth of a second over it) that refuses
    a key a mapping holds twice, naming both lines, rather than keep the last one silently."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for key_node, _ in node.value:  # before `<<` merges are flattened: their keys may be overridden
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE_TAG:
                    key = self.construct_object(key_node)
                    if seen.setdefault(key, key_node) is not key_node:
                        raise DuplicateKeyError(key, seen[key], key_node)
        return super().construct_mapping(node, deep=deep)


# The one loader of every YAML file the project reads.
LOADER = _Loader


def yaml_syntax_problem(error: yaml.YAMLError) -> str:
    """A YAML syntax error in words, with its line and column: "line 3, column 9: the file ..."."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    began = getattr(error, "context_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    if began and mark and began.line != mark.line:
        where += f" (what it reads there began on line {began.line + 1})"
    what = " ".join(part for part in (getattr(error, "context", None), getattr(error, "problem", None)) if part)
    return f"{where + ': ' if where else ''}the file is not valid YAML ({what or error})."


def yaml_error(path, error: yaml.YAMLError) -> InputError:
    """A YAML file that cannot be read, as a message naming the file, the line and what to do."""
    if isinstance(error, DuplicateKeyError):
        return InputError(path, f"line {error.line}: {error.problem}.", DUPLICATE_KEY_HINT)
    return InputError(path, yaml_syntax_problem(error), YAML_SYNTAX_HINT)


def parse_yaml(text: str, path):
    """The content of a YAML text read from `path`, through the project's one loader."""
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as error:
        raise yaml_error(path, error) from None


def read_yaml(path):
    """The content of a YAML file, through the project's one loader."""
    return parse_yaml(_text_of(path), path)


def _text_of(path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot be read ({error}).",
                         "check that the file is there and is UTF-8 text.") from None


@cache
def schema_of(name: str) -> dict:
    with open(SCHEMAS / f"{name}.schema.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=LOADER)


def load_yaml_input(path, schema: str, empty=None):
    """The content of a YAML input that meets its schema (`empty` stands for an empty file)."""
    text = _text_of(path)
    data = parse_yaml(text, path)
    data = empty if data is None else data
    first = _fast_problem(schema, data)
    if first is None:
        return data
    problems = schema_problems(data, schema_of(schema), text) or [(first, "")]
    shown = problems[:SHOWN_PROBLEMS]
    more = [f"... and {len(problems) - SHOWN_PROBLEMS} more"] if len(problems) > SHOWN_PROBLEMS else []
    hints = list(dict.fromkeys(hint for _, hint in shown if hint))
    raise InputError(path, "\n  ".join([problem for problem, _ in shown] + more),
                     "\n  Also: ".join(hints)
                     or f"correct the keys named; {schema}.schema.yaml in {SCHEMAS} says what each holds.")


# Checking that a file meets its schema is fastjsonschema's (compiled once, 10 ms to import);
# saying what is wrong with it is jsonschema's (every error, with its path), imported only
# then: its import alone takes 0.14 s of each job that reads a YAML input.
@cache
def _compiled(schema: str):
    import fastjsonschema

    return fastjsonschema.compile(schema_of(schema))


def _fast_problem(schema: str, data) -> str | None:
    """The first place where the data breaks a schema of the engine's schemas/; None if none."""
    return first_problem(_compiled(schema), data)


def first_problem(check, data) -> str | None:
    """The first place where the data breaks a compiled fastjsonschema check, in its words;
    None if none."""
    import fastjsonschema

    try:
        check(data)
    except fastjsonschema.JsonSchemaException as error:
        return f"{error.path or '(the whole file)'}: {error.message}"
    return None


def schema_problems(data, schema: dict, text: str) -> list[tuple[str, str]]:
    """Each place where the data breaks the schema: ("line L: key: what is wrong", what to do)."""
    import jsonschema

    lines = _node_lines(text)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data),
                    key=lambda error: [str(part) for part in error.absolute_path])
    problems = []
    for error in errors:
        where = list(error.absolute_path)
        line = lines.get(tuple(where))
        unknown = _unknown_keys(error)
        if unknown:  # the line of the first unknown key, rather than of the entry it is in
            line = lines.get((*where, unknown[0]), line)
        if "propertyNames" in error.schema_path:  # a key's name: its line, not that of the mapping it is in
            where.append(error.instance)
            line = lines.get(tuple(where), line)
        problems.append((f"{'line ' + str(line) + ': ' if line else ''}{_key(data, where)}: {_message(error)}",
                         _hint(error)))
    return problems


def key_line(path, keys) -> str:
    """Where a key (or a list's item) stands in a YAML file, as a message begins: "line 62: ";
    keys from the top: ("nomibe-research-summary", "date"), ("checks", 1, "computed"). "" when
    the file or the key is not found."""
    try:
        line = _node_lines(Path(path).read_text(encoding="utf-8")).get(tuple(keys))
    except (OSError, UnicodeDecodeError):
        line = None
    return f"line {line}: " if line else ""


def _key(data, path: list) -> str:
    """facts[3] (id "edu_high_recent_all").unit: the key, with the id of the entry it is in."""
    text, node = "", data
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        node = node[part] if isinstance(node, (dict, list)) else None
        if isinstance(part, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            text += f' (id "{node["id"]}")'
    return text or "(the whole file)"


def _missing_key(error) -> str:
    """The first required key an object lacks (a "required" error)."""
    return next((key for key in error.validator_value if key not in error.instance), "")


def _unknown_keys(error) -> list:
    """The keys of an object that its schema does not know (an "additionalProperties" error)."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    return [key for key in error.instance if key not in error.schema.get("properties", {})]


def _message(error) -> str:
    if error.validator == "required":
        return f"has no {_missing_key(error)!r}, which is required"
    if _unknown_keys(error):
        return f"unknown key ({', '.join(repr(key) for key in _unknown_keys(error))})"
    return error.message


def _hint(error) -> str:
    """What to write instead, from the schema's description of the key at fault."""
    if error.validator == "required":
        missing = _missing_key(error)
        described = error.schema.get("properties", {}).get(missing, {}).get("description")
        return f"add {missing}: {described}." if described else ""
    if error.validator == "additionalProperties":
        known = ", ".join(sorted(error.schema.get("properties", {})))
        return f"use only the keys {known} (a misspelt key is read as an unknown one)." if known else ""
    described = error.schema.get("description")
    return f"give {described}." if described else ""


def _node_lines(text: str) -> dict:
    """(key, index, ...) -> the line where that node begins, from the YAML's node tree."""
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError:
        return {}
    lines = {}

    def walk(node, path):
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
                lines[(*path, key.value)] = key.start_mark.line + 1  # the key's line, not its value's
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    if root is not None:
        walk(root, ())
    return lines
