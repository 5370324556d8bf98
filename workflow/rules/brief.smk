# The brief and its companion "Sources and data annex": one job fills both templates from the
# tables (every number from them), then each document renders to HTML and PDF with Quarto
# when a recent enough one is installed, otherwise with Pandoc + Typst (render.engine in
# config/config.yaml; the log says which engine and why).


rule write_brief_source:
    input:
        library=LIBRARY_FINGERPRINT,
        brief_template="workflow/report/brief.qmd.j2",
        annex_template="workflow/report/annex.qmd.j2",
        catalogue=config["catalogue"],
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        lists="data/processed/lists.csv",
        statements="data/processed/statements.csv",
        indicators="data/processed/indicators.csv",
        figures=expand("reports/figures/{figure}.json", figure=FIGURES),
        figure_data=expand("reports/figures/{figure}.csv", figure=FIGURES),
        validation="reports/validation/results.json",
        checks=expand("data/processed/checks_{stage}.csv", stage=VALIDATION_STAGES),
        passed="data/validated/indicators.json",
    output:
        brief="reports/brief.qmd",
        annex="reports/annex.qmd",
        brief_running="reports/brief-running.typ",
        annex_running="reports/annex-running.typ",
    params:
        edition=config["edition"],
    log:
        "logs/write_brief_source.log",
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/write_brief_source.py"


rule render_document:
    input:
        library=LIBRARY_FINGERPRINT,
        qmd="reports/{report}.qmd",
        running_header="reports/{report}-running.typ",
        figures=expand(
            "reports/figures/{figure}.{ext}", figure=FIGURES, ext=["png", "svg"]
        ),
        css="workflow/report/brief.css",
        page_css="workflow/report/brief-page.css",
        typst_template="workflow/report/brief.typ",
        typst_style="workflow/report/brief-style.typ",
        lua_filter="workflow/report/quarto-compat.lua",
        quarto_partial="workflow/report/quarto/typst-show.typ",
    output:
        html="reports/{report}.html",
        pdf="reports/{report}.pdf",
    params:
        engine=config["render"]["engine"],
        date=config["edition"]["date"],
    log:
        "logs/render_{report}.log",
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/render_document.py"
