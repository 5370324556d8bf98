# Figures: the edition's figures drawn in one process (matplotlib is imported once), each as
# PNG for the web page, SVG for print, the data it draws as CSV (published with the annex),
# and a JSON of its caption and alt text for the brief. The figure of indicators across
# periods, which only some editions have (checkpoint compute_indicators), has its own job
# (its outputs are lists, as the script draws each figure its outputs name).


rule draw_figures:
    input:
        library=LIBRARY,
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        indicators="data/processed/indicators.csv",
        config=CONFIG_FILE,
    output:
        png=expand("reports/figures/{figure}.png", figure=FIGURES),
        svg=expand("reports/figures/{figure}.svg", figure=FIGURES),
        data=expand("reports/figures/{figure}.csv", figure=FIGURES),
        meta=expand("reports/figures/{figure}.json", figure=FIGURES),
    params:
        **CONFIG_OVERRIDES,
    log:
        "logs/figures/figures.log",
    benchmark:
        "logs/benchmarks/figures/figures.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/draw_figures.py"


use rule draw_figures as draw_periods_figure with:
    output:
        png=["reports/figures/periods.png"],
        svg=["reports/figures/periods.svg"],
        data=["reports/figures/periods.csv"],
        meta=["reports/figures/periods.json"],
    log:
        "logs/figures/periods.log",
    benchmark:
        "logs/benchmarks/figures/periods.tsv"
