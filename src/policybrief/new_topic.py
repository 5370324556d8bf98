"""Start a topic: `policybrief new-topic <folder>` writes a folder with a minimal working
edition (one document, one fact, one figure, a short brief) from the engine's template
(workflow/topic/), which `snakemake --cores 4` in that folder builds at once. The folder holds
only content: config/, seeds/, data/supplementary/, the few-line Snakefile that uses the
installed engine, and the run settings of profiles/default/."""

import datetime as dt
import shutil
from pathlib import Path

from policybrief.core.errors import InputError
from policybrief.workflow import WORKFLOW

TEMPLATE = WORKFLOW / "topic"
# The words of the new edition's config/config.yaml that the command fills in.
FILLED = "config/config.yaml"


def title_of(folder: Path) -> str:
    """A working title from the folder's name: energy-poverty -> Energy poverty."""
    words = folder.name.replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else "A new brief"


def yaml_text(value: str) -> str:
    """A value for a double-quoted YAML string."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


def new_topic(folder, title: str | None = None, publisher: str = "Policy analysis team",
              today: dt.date | None = None) -> list[Path]:
    """Write the topic folder; return the files written. An existing folder that holds
    anything is refused, so that nothing of a user's is overwritten."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(folder, "already exists and is not an empty folder; nothing was written.",
                         "name a new folder (policybrief new-topic <folder>), or empty this one.")
    shutil.copytree(TEMPLATE, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    config = folder / FILLED
    text = config.read_text(encoding="utf-8")
    for key, value in {"date": (today or dt.date.today()).isoformat(), "title": title or title_of(folder.resolve()),
                       "publisher": publisher}.items():
        text = text.replace("{" + key + "}", yaml_text(value))
    config.write_text(text, encoding="utf-8")
    return sorted(path for path in folder.rglob("*") if path.is_file())
