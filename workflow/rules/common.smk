# Config validation and the lists of things the rules iterate over. Parse-time code stays
# light: no pandas, matplotlib or Great Expectations here.

from pathlib import Path

from snakemake.utils import validate


validate(config, schema="../../config/schemas/config.schema.yaml")

# Every .txt file in seeds/ is a document; a new one is picked up without editing code.
DOCUMENTS = sorted(glob_wildcards("seeds/{document}.txt").document)

# Figures of the brief: each is drawn by policybrief.figures.FIGURES[name].
FIGURES = ["education_gap", "work_permit_profiles"]

# The library the scripts call: a change to it reruns the jobs, as a change to a script does.
LIBRARY = sorted(str(path) for path in Path("src/policybrief").rglob("*.py"))

EXPECTATION_SUITES = sorted(glob_wildcards("workflow/expectations/{suite}.yaml").suite)


wildcard_constraints:
    document=r"[A-Za-z0-9_.-]+",
    figure=r"[a-z0-9_]+",
