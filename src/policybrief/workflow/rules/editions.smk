# Editions compared, published and kept. What changed since the previous kept edition (values,
# recommendations, source documents) goes to the annex; once both documents are rendered they
# are published, and the edition's tables, documents and manifest are kept under
# editions/<date>/, which a later edition reads and never overwrites.


rule compare_editions:
    input:
        unpack(lambda wildcards: {f"previous_{table}": path for table, path in PREVIOUS_TABLES.items()}),
        code=code_of("compare_editions"),
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        indicators="data/processed/indicators.csv",
        recommendations="data/processed/recommendations.csv",
        units=UNITS_FILE,
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
        "../scripts/compare_editions.py"


# Publishing the edition, once both documents are rendered: the brief, the annex and the
# edition's record (its tables, documents and manifest, under editions/<date>/, which a later
# edition reads) replace the published ones together or not at all (policybrief.editions.publish): a
# failure, a full disk or a kill at any moment leaves the last good ones byte for byte. None of
# them is an output, which Snakemake would remove when the job starts: the job's output is the
# receipt of what it published, dropped when the workflow is read if a published file is
# missing or changed (common.smk), so that the next run publishes again.
rule publish_edition:
    input:
        code=code_of("publish_edition"),
        html=expand("reports/rendered/{report}.html", report=REPORTS),
        pdf=expand("reports/rendered/{report}.pdf", report=REPORTS),
        tables=KEPT_TABLES,
        reports=KEPT_REPORTS,
        engines=expand("reports/rendered/{report}-engine.json", report=REPORTS),
        # What the edition is built from, for the manifest's checksums.
        sources=EDITION_INPUTS,
        config=CONFIG_FILE,
        previous=PREVIOUS_MANIFEST,
    output:
        receipt=publish.RECEIPT,
    log:
        "logs/publish_edition.log",
    benchmark:
        "logs/benchmarks/publish_edition.tsv"
    conda:
        "../envs/brief.yaml"
    params:
        **CONFIG_OVERRIDES,
    script:
        "../scripts/publish_edition.py"
