# The brief: the template becomes reports/brief.qmd (every number from the tables), which
# renders to HTML and PDF with Quarto when a recent enough one is installed, otherwise with
# Pandoc + Typst (render.engine in config/config.yaml; the log says which engine and why).


rule write_brief_source:
    input:
        library=LIBRARY_FINGERPRINT,
        template="workflow/report/brief.qmd.j2",
        documents="data/processed/documents.csv",
        facts="data/processed/facts.csv",
        recommendations="data/processed/recommendations.csv",
        lists="data/processed/lists.csv",
        indicators="data/processed/indicators.csv",
        figures=expand("reports/figures/{figure}.json", figure=FIGURES),
        validation="reports/validation/results.json",
        checks=expand("data/processed/checks_{stage}.csv", stage=VALIDATION_STAGES),
        passed="data/validated/indicators.json",
    output:
        qmd="reports/brief.qmd",
        running="reports/brief-running.typ",
    params:
        edition=config["edition"],
    log:
        "logs/write_brief_source.log",
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/write_brief_source.py"


rule render_brief:
    input:
        library=LIBRARY_FINGERPRINT,
        qmd="reports/brief.qmd",
        running_header="reports/brief-running.typ",
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
        html="reports/brief.html",
        pdf="reports/brief.pdf",
    params:
        engine=config["render"]["engine"],
        date=config["edition"]["date"],
    log:
        "logs/render_brief.log",
    conda:
        "../envs/brief.yaml"
    script:
        "../../scripts/render_brief.py"
