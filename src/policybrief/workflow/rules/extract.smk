# Extraction: facts and cited statements by the catalogue, lists by structure, each document to
# its own tables in data/interim/<document>/. Documents are extracted in batches, one job per
# batch (common.smk, EXTRACTION_BATCHES): a process costs more than a document, and an edited
# document reruns only its batch.


for batch, batch_documents in EXTRACTION_BATCHES.items():

    rule:
        name:
            f"extract_{batch}"
        input:
            code=code_of("extract_documents"),
            texts=texts_of(batch_documents),
            # Each document as it came, which a message about its text names.
            files=[DOCUMENT_FILES[document] for document in batch_documents],
            # Where each line of a PDF's text stands on its pages (none for a .txt document).
            page_maps=[PAGE_MAPS[document] for document in batch_documents if document in PAGE_MAPS],
            catalogue=[CATALOGUE_FILES[document] for document in batch_documents if document in CATALOGUE_FILES],
            # Each document's number style, where the inventory declares it.
            inventory="config/documents.yaml",
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
            "../scripts/extract_documents.py"


# Documents as published (a PDF, a saved web page): each read to the text the catalogue is
# matched against, with its page map (where each line stands, footnotes, what was left out).
# In batches, as extraction is, by a hash of each name: an edited PDF rereads its batch only.


for batch, batch_documents in READING_BATCHES.items():

    rule:
        name:
            f"read_{batch}"
        input:
            code=code_of("read_documents"),
            files=[DOCUMENT_FILES[document] for document in batch_documents],
        output:
            texts=[f"{PUBLISHED_TEXTS}/{document}.txt" for document in batch_documents],
            pages=[PAGE_MAPS[document] for document in batch_documents],
        log:
            f"logs/read/{batch}.log",
        benchmark:
            f"logs/benchmarks/read/{batch}.tsv"
        conda:
            "../envs/brief.yaml"
        script:
            "../scripts/read_documents.py"


# Official statistics as downloaded: each file read by the mapping beside it into plug-in rows
# (a file without one is described, and a mapping proposed: rule suggest_mappings).


rule read_statistics:
    input:
        code=code_of("read_statistics"),
        file=lambda wildcards: STATISTICS_FILES[wildcards.name],
        mapping=lambda wildcards: statistics_mapping(STATISTICS_FILES[wildcards.name]),
        units=UNITS_FILE,
    output:
        rows="data/interim/statistics/{name}/rows.csv",
        report="data/interim/statistics/{name}/report.json",
    log:
        "logs/read_statistics/{name}.log",
    benchmark:
        "logs/benchmarks/read_statistics/{name}.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../scripts/read_statistics.py"


# Merge: one processed table per kind, across all documents, with the plug-in data files
# of data/supplementary/ applied to the facts.


rule merge_tables:
    input:
        code=code_of("merge_tables"),
        texts=texts_of(DOCUMENTS),
        # Each document as it came (a PDF's checksum is the PDF's, not its text's).
        files=[DOCUMENT_FILES[document] for document in DOCUMENTS],
        metadata="config/documents.yaml",
        facts=expand("data/interim/{document}/facts.csv", document=DOCUMENTS),
        lists=expand("data/interim/{document}/lists.csv", document=DOCUMENTS),
        mentions=expand("data/interim/{document}/mentions.csv", document=DOCUMENTS),
        statements=expand("data/interim/{document}/statements.csv", document=DOCUMENTS),
        supplementary=SUPPLEMENTARY_FILES,
        statistics=expand("data/interim/statistics/{name}/rows.csv", name=sorted(STATISTICS_FILES)),
        plugin_schema=engine_file("schemas/plugin.schema.json"),
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
        "../scripts/merge_tables.py"
