# Config validation and the lists of things the rules iterate over. Parse-time code stays
# light: no pandas, matplotlib or Great Expectations here.

import sys
from pathlib import Path

from snakemake.utils import validate

# Light at parse time: policybrief.render loads only the standard library and PyYAML (a test
# checks it). Where the project is not installed beside Snakemake (--use-conda runs it only
# inside the jobs), the render job makes the same check itself.
try:
    from policybrief.render import forced_engine_problem
except ImportError:
    forced_engine_problem = None


validate(config, schema="../../config/schemas/config.schema.yaml")

# A forced engine that cannot run stops the workflow here, before any job removes an output
# of the last good build. (With engine: auto the render job chooses, falling back to Pandoc.)
if forced_engine_problem:
    problem = forced_engine_problem(config["render"]["engine"], "workflow/report/brief.qmd.j2")
    if problem:
        sys.exit(f"Error: {problem}")

# Every .txt file in seeds/ is a document; a new one is picked up without editing code.
DOCUMENTS = sorted(glob_wildcards("seeds/{document}.txt").document)

# Plug-in data files for a new edition: every CSV in data/supplementary/ (.csv or, as Excel
# on Windows may name it, .CSV).
SUPPLEMENTARY_FILES = sorted(str(path) for path in Path("data/supplementary").glob("*")
                             if path.suffix.lower() == ".csv" and path.is_file())

# The two documents of an edition: the policy brief and its sources and data annex.
REPORTS = ["brief", "annex"]

# Figures of the brief: each is drawn by policybrief.figures.FIGURES[name].
FIGURES = [
    "education_gap",
    "permit_niches",
    "timeline",
]

# The library the scripts call: a change to it reruns the jobs, as a change to a script does,
# through one fingerprint file (rule library_fingerprint) rather than every module as input.
LIBRARY = sorted(str(path) for path in Path("src/policybrief").rglob("*.py"))
LIBRARY_FINGERPRINT = "data/interim/library.sha256"

# Validation runs in stages; each stage validates these tables (data/processed/<table>.csv)
# with the suites in workflow/expectations/<stage>/.
VALIDATION_STAGES = {
    "sources": ["documents", "facts", "supplementary", "recommendations", "lists", "mentions",
                "statements", "checks_sources"],
    "indicators": ["indicators", "checks_indicators"],
}


def validation_tables(wildcards):
    return expand("data/processed/{table}.csv", table=VALIDATION_STAGES[wildcards.stage])


def validation_suites(wildcards):
    return sorted(str(path) for path in Path("workflow/expectations", wildcards.stage).glob("*.yaml"))


def indicators_if_stage(wildcards):
    return ["data/processed/indicators.csv"] if wildcards.stage == "indicators" else []


wildcard_constraints:
    document=r"[A-Za-z0-9_.-]+",
    figure=r"[a-z0-9_]+",
    stage="|".join(VALIDATION_STAGES),
    report="brief|annex",


# What the brief's and the annex's sources are written from (rules write_brief_source and
# write_annex_source, which add each its own template).
SOURCE_TABLES = {
    "library": LIBRARY_FINGERPRINT,
    "catalogue": config["catalogue"],
    "documents": "data/processed/documents.csv",
    "facts": "data/processed/facts.csv",
    "recommendations": "data/processed/recommendations.csv",
    "lists": "data/processed/lists.csv",
    "statements": "data/processed/statements.csv",
    "indicators": "data/processed/indicators.csv",
    "figures": expand("reports/figures/{figure}.json", figure=FIGURES),
    "figure_data": expand("reports/figures/{figure}.csv", figure=FIGURES),
    "validation": "reports/validation/results.json",
    "checks": expand("data/processed/checks_{stage}.csv", stage=VALIDATION_STAGES),
    "passed": "data/validated/indicators.json",
}
