# Validation with Great Expectations, in two stages: the extracted tables ("sources"), then
# the computed indicators ("indicators"). Each stage's job always writes its report (Data
# Docs and <stage>.json) so a user can read why a table failed; the stage's gate then stops
# the build before anything downstream when a critical expectation failed.


rule check_arithmetic:
    input:
        library=LIBRARY_FINGERPRINT,
        checks="workflow/expectations/arithmetic.yaml",
        facts="data/processed/facts.csv",
        lists="data/processed/lists.csv",
        indicators=indicators_if_stage,
    output:
        checks="data/processed/checks_{stage}.csv",
    log:
        "logs/check_arithmetic_{stage}.log",
    benchmark:
        "logs/benchmarks/check_arithmetic_{stage}.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/check_arithmetic.py"


rule validate:
    input:
        library=LIBRARY_FINGERPRINT,
        tables=validation_tables,
        texts=expand("seeds/{document}.txt", document=DOCUMENTS),
        suites=validation_suites,
        data_docs_manifest=DATA_DOCS_MANIFEST,
        data_docs_assets=DATA_DOCS_ASSETS,
    output:
        results="reports/validation/{stage}.json",
        docs=directory("reports/validation/data_docs/{stage}"),
    log:
        "logs/validate_{stage}.log",
    benchmark:
        "logs/benchmarks/validate_{stage}.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/validate_tables.py"


rule validation_gate:
    input:
        library=LIBRARY_FINGERPRINT,
        results="reports/validation/{stage}.json",
    output:
        passed="data/validated/{stage}.json",
    log:
        "logs/validation_gate_{stage}.log",
    benchmark:
        "logs/benchmarks/validation_gate_{stage}.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/validation_gate.py"


rule validation_results:
    input:
        library=LIBRARY_FINGERPRINT,
        stages=expand("reports/validation/{stage}.json", stage=VALIDATION_STAGES),
    output:
        results="reports/validation/results.json",
    log:
        "logs/validation_results.log",
    benchmark:
        "logs/benchmarks/validation_results.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/validation_results.py"


# When the build stops at a failed validation, results.json says so (the rule that gathers it
# needs every stage, and the stages after the failing one never run), instead of keeping the
# last successful run's summary.
onerror:
    failed = summary_after_failure(
        {stage: f"reports/validation/{stage}.json" for stage in VALIDATION_STAGES}
    )
    if failed:
        write_results("reports/validation/results.json", failed)
        print(
            "Validation failed; reports/validation/results.json says which stage and why.",
            file=sys.stderr,
        )
