# The brief and its companion "Sources and data annex": one job fills both templates from the
# tables (every number from them), then each document renders to HTML and PDF with Quarto
# when a recent enough one is installed, otherwise with Pandoc + Typst (render.engine in
# config/config.yaml; the log says which engine and why), into reports/rendered/, from where
# it is published.


rule write_brief_source:
    input:
        **SOURCE_TABLES,
        template="config/brief.qmd.j2",
        config=CONFIG_FILE,
        previous=PREVIOUS_MANIFEST,
    output:
        source="reports/brief.qmd",
        running_header="reports/brief-running.typ",
    log:
        "logs/write_brief_source.log",
    benchmark:
        "logs/benchmarks/write_brief_source.tsv"
    conda:
        "../envs/brief.yaml"
    params:
        **CONFIG_OVERRIDES,
    script:
        "../../scripts/write_brief_source.py"


# The brief checks itself: every number it prints traced to its row (reports/brief-numbers.csv);
# an untraced number, or a derived one that does not recompute, stops the build before the
# render, as a failed validation does.
rule check_brief_numbers:
    input:
        library=LIBRARY,
        brief="reports/brief.qmd",
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        lists="data/processed/lists.csv",
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
        "../../scripts/check_brief_numbers.py"


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
        "../../scripts/write_brief_source.py"


rule render_document:
    input:
        library=LIBRARY,
        qmd="reports/{report}.qmd",
        ledger="reports/brief-numbers.csv",
        running_header="reports/{report}-running.typ",
        figures=figure_files("png", "svg"),
        css="workflow/report/brief.css",
        page_css="workflow/report/brief-page.css",
        typst_template="workflow/report/brief.typ",
        typst_style="workflow/report/brief-style.typ",
        lua_filter="workflow/report/quarto-compat.lua",
        accessibility_filter="workflow/report/accessibility.lua",
        skip_link="workflow/report/skip-link.html",
        quarto_partial="workflow/report/quarto/typst-show.typ",
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
        "../../scripts/render_document.py"
