# Before Snakemake reads config/config.yaml: a YAML mistake stops here with its line and
# column (Snakemake's own message names neither). Where the project is not installed beside
# Snakemake (--use-conda installs it only inside the jobs), the library is read from src/.

import sys
from pathlib import Path

try:
    import policybrief
except ImportError:
    sys.path.append(str(Path(workflow.basedir) / "src"))
from policybrief.configuration import config_problems, yaml_problem

CONFIG_PROBLEM = yaml_problem("config/config.yaml")
if CONFIG_PROBLEM:
    sys.exit(f"Error: {CONFIG_PROBLEM}")
