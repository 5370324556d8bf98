# The brief pipeline: source documents -> validated tables -> indicators -> figures -> brief.
# Stages live in workflow/rules/, one file each; the library they call is src/policybrief/.

from snakemake.utils import min_version

min_version("9.0")


# The config's YAML syntax is checked first, so that a mistake names its line.
include: "workflow/rules/configuration.smk"


configfile: "config/config.yaml"


# `snakemake --report report.zip`: the brief and annex, figures, Data Docs and key tables.
report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/extract.smk"
include: "workflow/rules/merge.smk"
include: "workflow/rules/suggest.smk"
include: "workflow/rules/validate.smk"
include: "workflow/rules/indicators.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/brief.smk"
include: "workflow/rules/editions.smk"


# A finished run exits at once: without the last garbage collections over everything
# Snakemake made, and without the one-second timer its scheduler leaves behind
# (policybrief.process_exit).
skip_final_collection_at_exit()


onsuccess:
    release_pending_timers()


onerror:
    release_pending_timers()


# On a cluster, the jobs that take a fraction of a second run beside Snakemake rather than
# wait in a queue; publishing, which replaces the published documents, stays there too.
localrules:
    all,
    compare_editions,
    validation_gate,
    publish_edition,


rule all:
    default_target: True
    input:
        publish.RECEIPT,
        # Every table and report a user reads, so that one deleted by hand is made again.
        expand("data/processed/{table}.csv", table=PUBLIC_TABLES),
        "reports/brief-numbers.csv",
        figure_files("png", "svg", "csv"),
        "reports/validation/results.json",
        "reports/catalogue-suggestions.yaml",
