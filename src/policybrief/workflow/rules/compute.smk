# Indicators computed from the facts (validated beside them, rule validate: nothing is rendered
# before the facts have passed); each row names its formula and inputs. A
# checkpoint: once they exist, the edition's figures are known (common.smk, figures_of_edition).


checkpoint compute_indicators:
    input:
        code=code_of("compute_indicators"),
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        declarations=INDICATORS_FILE,
    output:
        indicators=report(
            "data/processed/indicators.csv",
            caption="../report/captions/indicators.rst",
            category="Tables",
        ),
        # The series with values for more than one period, which decide the figures
        # (common.smk, figures_of_edition): the checkpoint's own output, so that deciding
        # never reads a table another job may be rewriting or may have removed.
        series="data/interim/series_over_periods.json",
    log:
        "logs/compute_indicators.log",
    benchmark:
        "logs/benchmarks/compute_indicators.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../scripts/compute_indicators.py"
