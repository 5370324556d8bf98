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
