# Extraction: one job per document, facts and cited statements by the catalogue, lists by structure.


rule extract_document:
    input:
        library=LIBRARY_FINGERPRINT,
        text="seeds/{document}.txt",
        catalogue=config["catalogue"],
    output:
        facts="data/interim/{document}/facts.csv",
        lists="data/interim/{document}/lists.csv",
        mentions="data/interim/{document}/mentions.csv",
        statements="data/interim/{document}/statements.csv",
    log:
        "logs/extract/{document}.log",
    benchmark:
        "logs/benchmarks/extract/{document}.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/extract_document.py"
