# Editions kept and compared. What changed since the previous kept edition (values,
# recommendations, source documents) goes to the annex; once both documents are rendered,
# the edition's tables, documents and manifest are kept under editions/<date>/, which a
# later edition reads and never overwrites.


rule compare_editions:
    input:
        unpack(lambda wildcards: {f"previous_{table}": path for table, path in PREVIOUS_TABLES.items()}),
        library=LIBRARY,
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        indicators="data/processed/indicators.csv",
        recommendations="data/processed/recommendations.csv",
        previous=PREVIOUS_MANIFEST,
    output:
        changes="data/processed/changes.csv",
    log:
        "logs/compare_editions.log",
    benchmark:
        "logs/benchmarks/compare_editions.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/compare_editions.py"


rule keep_edition:
    input:
        library=LIBRARY,
        tables=expand("data/processed/{table}.csv", table=KEPT_TABLES),
        reports=[KEPT_REPORT_SOURCES[name] for name in KEPT_REPORTS],
        engines=expand("reports/rendered/{report}-engine.json", report=REPORTS),
        # Kept once published.
        published=expand("reports/.published/{report}.json", report=REPORTS),
        # What the edition is built from, for the manifest's checksums.
        sources=EDITION_INPUTS,
        config=CONFIG_FILE,
        previous=PREVIOUS_MANIFEST,
    output:
        kept=expand(f"{EDITION_FOLDER}/{{name}}", name=KEPT_FILES),
        manifest=f"{EDITION_FOLDER}/manifest.json",
    params:
        **CONFIG_OVERRIDES,
    log:
        "logs/keep_edition.log",
    benchmark:
        "logs/benchmarks/keep_edition.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/keep_edition.py"
