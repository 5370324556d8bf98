# The brief and its companion "Sources and data annex" as documents: one job fills each
# template from the tables (every number from them), and the brief checks itself (its ledger)
# before anything is rendered (render.smk).


rule write_brief_source:
    input:
        **SOURCE_TABLES,
        template="config/brief.qmd.j2",
        config=CONFIG_FILE,
        previous=PREVIOUS_MANIFEST,
    output:
        source="reports/brief.qmd",
        running_header="reports/brief-running.typ",
        # What the template marked: the numbers the brief computes, ranks and spans (brief/marks.py).
        marks="reports/brief-marks.json",
    log:
        "logs/write_brief_source.log",
    benchmark:
        "logs/benchmarks/write_brief_source.tsv"
    conda:
        "../envs/brief.yaml"
    params:
        **CONFIG_OVERRIDES,
    script:
        "../scripts/write_brief_source.py"


# The brief checks itself: every number it prints traced to its row (reports/brief-numbers.csv);
# an untraced number, or a derived one that does not recompute, stops the build before the
# render, as a failed validation does.
rule check_brief_numbers:
    input:
        code=code_of("check_brief_numbers"),
        brief="reports/brief.qmd",
        marks="reports/brief-marks.json",
        # What the brief calls each document (names), for the check of whose value a sentence gives.
        inventory="config/documents.yaml",
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        lists="data/processed/lists.csv",
        # A cited statement's page, printed in its citation.
        statements="data/processed/statements.csv",
        indicators="data/processed/indicators.csv",
        changes="data/processed/changes.csv",
        config=CONFIG_FILE,
        units=UNITS_FILE,
        previous=PREVIOUS_MANIFEST,
    output:
        ledger=report(
            "reports/brief-numbers.csv",
            caption="../report/captions/ledger.rst",
            category="Tables",
        ),
    log:
        "logs/check_brief_numbers.log",
    benchmark:
        "logs/benchmarks/check_brief_numbers.tsv"
    conda:
        "../envs/brief.yaml"
    params:
        **CONFIG_OVERRIDES,
    script:
        "../scripts/check_brief_numbers.py"


# The annex is written after the ledger, whose totals it shows.
rule write_annex_source:
    input:
        **ANNEX_SOURCE_TABLES,
        template="config/annex.qmd.j2",
        ledger="reports/brief-numbers.csv",
        suggestions="reports/catalogue-suggestions.yaml",
        config=CONFIG_FILE,
        previous=PREVIOUS_MANIFEST,
    output:
        source="reports/annex.qmd",
        running_header="reports/annex-running.typ",
    log:
        "logs/write_annex_source.log",
    benchmark:
        "logs/benchmarks/write_annex_source.tsv"
    conda:
        "../envs/brief.yaml"
    params:
        **CONFIG_OVERRIDES,
    script:
        "../scripts/write_brief_source.py"
