# This folder's brief: its documents (seeds/), data (data/supplementary/) and edition (config/),
# built by the engine that `pip install` put in place (the policybrief package's workflow).
from policybrief.workflow import snakefile


include: snakefile()


rule all:
    default_target: True
    input:
        rules.edition.input,
