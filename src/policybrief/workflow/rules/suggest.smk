# Suggestions: a proposed catalogue entry for every substantive number of the documents that
# no fact takes yet (reports/catalogue-suggestions.yaml), so that a new document's numbers
# are ready to accept (policybrief accept <id>). The brief does not wait for it.


rule suggest_catalogue:
    input:
        code=code_of("suggest_catalogue"),
        texts=texts_of(DOCUMENTS),
        documents="data/processed/documents.csv",
        mentions="data/processed/mentions.csv",
        facts="data/processed/facts.csv",
        # The engine's common names of groups and places.
        names=engine_file("vocabulary/names.yaml"),
    output:
        suggestions="reports/catalogue-suggestions.yaml",
    log:
        "logs/suggest_catalogue.log",
    benchmark:
        "logs/benchmarks/suggest_catalogue.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../scripts/suggest_catalogue.py"


# A proposed mapping for each downloaded statistics file that has none
# (reports/mapping-suggestions.yaml); such a file is described but not plugged in.


rule suggest_mappings:
    input:
        code=code_of("suggest_mappings"),
        reports=expand("data/interim/statistics/{name}/report.json", name=sorted(STATISTICS_FILES)),
        facts="data/processed/facts.csv",
        names=engine_file("vocabulary/names.yaml"),
    output:
        suggestions="reports/mapping-suggestions.yaml",
    log:
        "logs/suggest_mappings.log",
    benchmark:
        "logs/benchmarks/suggest_mappings.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../scripts/suggest_mappings.py"
