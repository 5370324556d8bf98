# Rendering: each document to HTML and PDF with Quarto when a recent enough one is installed,
# otherwise with Pandoc + Typst (render.engine in config/config.yaml; the log says which engine
# and why), into reports/rendered/, from where it is published (editions.smk).


rule render_document:
    input:
        # The engine's styles, templates and filters (policybrief.render.engines.ASSETS).
        **RENDER_ASSET_FILES,
        code=code_of("render_document"),
        qmd="reports/{report}.qmd",
        ledger="reports/brief-numbers.csv",
        running_header="reports/{report}-running.typ",
        figures=figure_files("png", "svg"),
        # The annex shows each quoted sentence of a PDF on its page.
        quotes=lambda wildcards: QUOTE_PAGES if wildcards.report == "annex" else [],
        # Nothing is rendered before every validation gate has passed.
        passed=expand("data/validated/{stage}.json", stage=VALIDATION_STAGES),
        config=CONFIG_FILE,
    output:
        html=report(
            "reports/rendered/{report}.html",
            caption="../report/captions/document.rst",
            category="Brief and annex",
            labels={"document": "{report}", "format": "web page"},
        ),
        pdf=report(
            "reports/rendered/{report}.pdf",
            caption="../report/captions/document.rst",
            category="Brief and annex",
            labels={"document": "{report}", "format": "PDF"},
        ),
        engine_record="reports/rendered/{report}-engine.json",
    log:
        "logs/render_{report}.log",
    benchmark:
        "logs/benchmarks/render_{report}.tsv"
    conda:
        "../envs/brief.yaml"
    # Quarto or Pandoc, then Typst, each a process of its own.
    resources:
        mem_mb=2048,
        runtime=20,
    params:
        **CONFIG_OVERRIDES,
    script:
        "../scripts/render_document.py"
