# Figures: the edition's figures drawn in one process (matplotlib is imported once), each as
# PNG for the web page, SVG for print, the data it draws as CSV (published with the annex),
# a JSON of its caption and alt text for the brief, and the same as reStructuredText for
# Snakemake's report (`snakemake --report`), which shows each PNG with it. The figure of indicators across
# periods, which only some editions have (checkpoint compute_indicators), has its own job
# (its outputs are lists, as the script draws each figure its outputs name).


rule draw_figures:
    input:
        code=code_of("draw_figures"),
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        indicators="data/processed/indicators.csv",
        declarations=INDICATORS_FILE,
        figures=FIGURES_FILE,
        units=UNITS_FILE,
        config=CONFIG_FILE,
    output:
        **figure_outputs(FIGURES),
    log:
        "logs/figures/figures.log",
    benchmark:
        "logs/benchmarks/figures/figures.tsv"
    conda:
        "../envs/brief.yaml"
    params:
        **CONFIG_OVERRIDES,
    script:
        "../scripts/draw_figures.py"


use rule draw_figures as draw_periods_figure with:
    output:
        **figure_outputs(FIGURES_OVER_PERIODS),
    log:
        "logs/figures/periods.log",
    benchmark:
        "logs/benchmarks/figures/periods.tsv"


# Each quoted sentence of a PDF document drawn on its page, the sentence highlighted, for the
# annex (an empty folder where no document is a PDF).


rule draw_quote_pages:
    input:
        code=code_of("draw_quote_pages"),
        facts="data/processed/facts.csv",
        statements="data/processed/statements.csv",
        page_maps=list(PAGE_MAPS.values()),
        documents=[DOCUMENT_FILES[document] for document in PUBLISHED],
    output:
        folder=directory("reports/quotes"),
    log:
        "logs/figures/quote_pages.log",
    benchmark:
        "logs/benchmarks/figures/quote_pages.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../scripts/draw_quote_pages.py"
