# Figures: one job per figure, PNG for the web page, SVG for print, the data it draws as CSV
# (published with the annex), and a JSON of its caption and alt text for the brief.


rule draw_figure:
    input:
        library=LIBRARY_FINGERPRINT,
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        indicators="data/processed/indicators.csv",
        passed="data/validated/indicators.json",
    output:
        png="reports/figures/{figure}.png",
        svg="reports/figures/{figure}.svg",
        data="reports/figures/{figure}.csv",
        meta="reports/figures/{figure}.json",
    params:
        limits=config["limits"],
    log:
        "logs/figures/{figure}.log",
    benchmark:
        "logs/benchmarks/figures/{figure}.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/draw_figure.py"
