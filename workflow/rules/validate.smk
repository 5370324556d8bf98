# Validation with Great Expectations. The validation job always writes its report (Data Docs
# and results.json) so a user can read why a table failed; the gate job then stops the
# build before the brief when a critical expectation failed.


rule validate_tables:
    input:
        library=LIBRARY,
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        lists="data/processed/lists.csv",
        mentions="data/processed/mentions.csv",
        texts=expand("seeds/{document}.txt", document=DOCUMENTS),
        suites=expand("workflow/expectations/{suite}.yaml", suite=EXPECTATION_SUITES),
    output:
        results="reports/validation/results.json",
        docs=directory("reports/validation/data_docs"),
    log:
        "logs/validate_tables.log",
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/validate_tables.py"


rule validation_gate:
    input:
        library=LIBRARY,
        results="reports/validation/results.json",
    output:
        passed="data/processed/validation_passed.json",
    log:
        "logs/validation_gate.log",
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/validation_gate.py"
