# Merge: one processed table per kind, across all documents, with the plug-in data files
# of data/supplementary/ applied to the facts.


rule merge_tables:
    input:
        library=LIBRARY,
        texts=expand("seeds/{document}.txt", document=DOCUMENTS),
        metadata="config/documents.yaml",
        facts=expand("data/interim/{document}/facts.csv", document=DOCUMENTS),
        lists=expand("data/interim/{document}/lists.csv", document=DOCUMENTS),
        mentions=expand("data/interim/{document}/mentions.csv", document=DOCUMENTS),
        statements=expand("data/interim/{document}/statements.csv", document=DOCUMENTS),
        supplementary=SUPPLEMENTARY_FILES,
        plugin_schema="workflow/schemas/plugin.schema.json",
        units=UNITS_FILE,
    output:
        documents="data/processed/documents.csv",
        facts=report("data/processed/facts.csv", caption="../report/captions/facts.rst", category="Tables"),
        lists="data/processed/lists.csv",
        recommendations="data/processed/recommendations.csv",
        mentions="data/processed/mentions.csv",
        statements="data/processed/statements.csv",
        supplementary="data/processed/supplementary.csv",
    log:
        "logs/merge_tables.log",
    benchmark:
        "logs/benchmarks/merge_tables.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/merge_tables.py"
