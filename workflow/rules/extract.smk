# Extraction: facts and cited statements by the catalogue, lists by structure, each document to
# its own tables in data/interim/<document>/. Documents are extracted in batches, one job per
# batch (common.smk, EXTRACTION_BATCHES): a process costs more than a document, and an edited
# document reruns only its batch.


for batch, batch_documents in EXTRACTION_BATCHES.items():

    rule:
        name:
            f"extract_{batch}"
        input:
            library=LIBRARY,
            texts=expand("seeds/{document}.txt", document=batch_documents),
            catalogue=config["catalogue"],
        output:
            facts=expand("data/interim/{document}/facts.csv", document=batch_documents),
            lists=expand("data/interim/{document}/lists.csv", document=batch_documents),
            mentions=expand("data/interim/{document}/mentions.csv", document=batch_documents),
            statements=expand("data/interim/{document}/statements.csv", document=batch_documents),
        log:
            f"logs/extract/{batch}.log",
        benchmark:
            f"logs/benchmarks/extract/{batch}.tsv"
        conda:
            "../envs/brief.yaml"
        script:
            "../../scripts/extract_documents.py"
