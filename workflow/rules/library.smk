# The library's fingerprint: every job takes it as input, so editing src/policybrief/ reruns
# the jobs that call it.


rule library_fingerprint:
    input:
        LIBRARY,
    output:
        LIBRARY_FINGERPRINT,
    log:
        "logs/library_fingerprint.log",
    benchmark:
        "logs/benchmarks/library_fingerprint.tsv"
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/library_fingerprint.py"
