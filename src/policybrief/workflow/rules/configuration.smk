# Before Snakemake reads config/config.yaml. In the one Snakemake process that drives the build
# (not in a cluster job, which reads the workflow again): one build at a time in this folder
# (policybrief.core.build_lock: a second one stops, naming the first); then every input of the
# edition must be a regular file inside the project, refused by its name otherwise and never
# read (policybrief.core.project_files); then a YAML mistake in the config stops here with its line
# and column (Snakemake's own message names neither).

import sys

from policybrief.core.build_lock import hold_build_lock
from policybrief.core.configuration import yaml_problem
from policybrief.core.errors import InputError
from policybrief.core.project_files import check_input_folders

try:
    if workflow.is_main_process:
        hold_build_lock()
    check_input_folders()
except InputError as error:
    sys.exit(f"Error: {error}")

CONFIG_PROBLEM = yaml_problem("config/config.yaml")
if CONFIG_PROBLEM:
    sys.exit(f"Error: {CONFIG_PROBLEM}")
