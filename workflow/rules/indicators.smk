# Indicators computed from validated facts; each row names its formula and inputs. A
# checkpoint: once they exist, the edition's figures are known (common.smk, figures_of_edition).


checkpoint compute_indicators:
    input:
        library=LIBRARY_FINGERPRINT,
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        passed="data/validated/sources.json",
    output:
        indicators="data/processed/indicators.csv",
    log:
        "logs/compute_indicators.log",
    benchmark:
        "logs/benchmarks/compute_indicators.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/compute_indicators.py"
