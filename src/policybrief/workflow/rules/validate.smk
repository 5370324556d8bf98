# Validation: one job checks the sources' own arithmetic (config/arithmetic.yaml,
# into data/processed/checks_<stage>.csv) and validates every stage's tables with Great
# Expectations, in one process (one import of Great Expectations per build), beside the figures
# and the brief's source, which are drafted meanwhile; nothing is rendered until the gate has
# passed. The stages run in
# order: the extracted tables ("sources"), then the computed indicators ("indicators"), which
# are not judged when the sources they come from failed. The job always writes its reports
# (Data Docs, <stage>.json and results.json), so a user can read why a table failed; the
# gate then stops the build before the render.


rule validate:
    input:
        unpack(validation_inputs),
        code=code_of("validate_tables"),
        arithmetic="config/arithmetic.yaml",
        facts="data/processed/facts.csv",
        lists="data/processed/lists.csv",
        indicators="data/processed/indicators.csv",
        texts=texts_of(DOCUMENTS),
        data_docs_manifest=DATA_DOCS_MANIFEST,
        data_docs_assets=DATA_DOCS_ASSETS,
        config=CONFIG_FILE,
        units=UNITS_FILE,
    output:
        checks=expand("data/processed/checks_{stage}.csv", stage=VALIDATION_STAGES),
        stages=expand("reports/validation/{stage}.json", stage=VALIDATION_STAGES),
        docs=[
            report(
                directory(f"reports/validation/data_docs/{stage}"),
                htmlindex="index.html",
                caption="../report/captions/validation.rst",
                category="Validation",
                labels={"stage": stage},
            )
            for stage in VALIDATION_STAGES
        ],
        results="reports/validation/results.json",
    log:
        "logs/validate.log",
    benchmark:
        "logs/benchmarks/validate.tsv"
    conda:
        "../envs/brief.yaml"
    # Great Expectations holds every table and its results: 400 MiB with 1,000 documents.
    resources:
        mem_mb=2048,
        runtime=20,
    params:
        **CONFIG_OVERRIDES,
    script:
        "../scripts/validate_tables.py"


rule validation_gate:
    input:
        code=code_of("validation_gate"),
        stages=expand("reports/validation/{stage}.json", stage=VALIDATION_STAGES),
    output:
        passed=expand("data/validated/{stage}.json", stage=VALIDATION_STAGES),
    log:
        "logs/validation_gate.log",
    benchmark:
        "logs/benchmarks/validation_gate.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../scripts/validation_gate.py"
