"""The packaged Snakemake workflow: the engine every topic folder builds its brief with.

Laid out as the Snakemake workflow catalog lays out a workflow: ``Snakefile``, ``rules/`` (one
file per stage), ``scripts/`` (thin: read inputs, call the library, write outputs),
``schemas/``, ``expectations/``, ``report/`` and ``envs/``, with ``tables.yaml``, the one
registry of the tables. A topic's own Snakefile includes it::

    from policybrief.workflow import snakefile

    include: snakefile()

Paths to the engine's files are taken from here, never from the working directory, which is
the topic's folder.
"""

import re
from functools import cache
from pathlib import Path

WORKFLOW = Path(__file__).resolve().parent
# The library the workflow's scripts call, by stage (core/, extract/, ... editions/).
PACKAGE = WORKFLOW.parent
SCHEMAS = WORKFLOW / "schemas"


def snakefile() -> str:
    """The engine's Snakefile, for a topic's ``include:``."""
    return str(WORKFLOW / "Snakefile")


def engine_file(relative: str) -> str:
    """A file of the packaged workflow (``report/brief.css``), as a path rules can take as input."""
    return str(WORKFLOW / relative)


# `from policybrief.core.tables import read_rows`, `from policybrief.core import tables`,
# `import policybrief.render.typst_pdf`, at any indentation (imports inside functions count).
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(policybrief(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[\w \t,]+)"
                     r"|import[ \t]+(policybrief(?:\.\w+)+))", re.MULTILINE)


@cache
def _module_file(name: str) -> Path | None:
    path = PACKAGE.parent / Path(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _imports(path: Path) -> frozenset[Path]:
    """The library's modules a file imports, with the packages they sit in."""
    found = set()
    for module, names, plain in _IMPORT.findall(path.read_text(encoding="utf-8")):
        names = [name.split(" as ")[0].strip() for name in names.strip("()").split(",")]
        targets = [plain] if plain else [module, *(f"{module}.{name}" for name in names if name)]
        for target in targets:
            parts = target.split(".")
            for end in range(1, len(parts) + 1):  # policybrief, policybrief.core, policybrief.core.tables
                file = _module_file(".".join(parts[:end]))
                if file:
                    found.add(file)
    return frozenset(found)


# What a module reads besides code: the schemas of the YAML inputs, the table registry.
_DATA = {"core/yaml_input.py": lambda: sorted(SCHEMAS.iterdir()), "core/tables.py": lambda: [WORKFLOW / "tables.yaml"]}


@cache
def code_of(script: str) -> tuple[str, ...]:
    """The code a job runs: its script (scripts/<script>.py), the library modules it imports,
    theirs in turn, and the files those read (schemas, the table registry). A rule takes them as
    input, so that a change to the code a job runs reruns it, and a change elsewhere does not."""
    start = WORKFLOW / "scripts" / f"{script}.py"
    seen, todo = set(), [start]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(_imports(path) - seen)
    seen.discard(start)  # Snakemake reruns a job whose script changed by itself
    data = {file for path in seen for name, files in _DATA.items() if path == PACKAGE / name for file in files()}
    return tuple(sorted(str(path) for path in seen | data))
