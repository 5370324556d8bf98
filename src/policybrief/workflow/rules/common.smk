# Config validation and the lists of things the rules iterate over. Parse-time code stays
# light: no pandas, matplotlib or Great Expectations here.

import json
import sys
from pathlib import Path

# The engine's files (schemas, expectations, report assets) are found beside this file, in the
# installed package; the edition's (config/, seeds/, data/) in the working directory, the topic.
# Light at parse time: the library's modules imported here load only the standard library and
# PyYAML (tests/workflow/test_workflow_conventions.py checks it).
from policybrief.editions import publish
from policybrief.editions import records as editions
from policybrief.core.configuration import settle_config
from policybrief.core.documents import PUBLISHED_TEXTS, catalogue_files, document_files, extraction_batches, text_of
from policybrief.core.errors import InputError
from policybrief.core.failures import clear_failures, end_with_failures, failed_logs
from policybrief.figures.specs import figure_kinds, figures_always, figures_over_periods
from policybrief.core.freshness import refresh_changed_sources
from policybrief.render.engines import ASSETS as RENDER_ASSETS
from policybrief.render.engines import forced_engine_problem
from policybrief.workflow import PACKAGE, SCHEMAS, WORKFLOW, code_of, engine_file
from policybrief.core.process_exit import release_pending_timers, skip_final_collection_at_exit
from policybrief.core.tables import TABLES
from policybrief.core.yaml_input import schema_of
from policybrief.extract.statistics.layouts import statistics_files, statistics_mapping

# Each wrong key or value is named, with what was expected; then the schema's defaults are
# filled in (policybrief.core.configuration.settle_config).
try:
    settle_config(config, schema_of("config"))
except InputError as error:
    sys.exit(f"Error: {error}")

# A forced engine that cannot run stops the workflow here, before any job removes an output
# of the last good build. (With engine: auto the render job chooses, falling back to Pandoc.)
problem = forced_engine_problem(config["render"]["engine"], engine_file("report/front-matter.yaml.j2"))
if problem:
    sys.exit(f"Error: {problem}")

# The published documents and the kept editions are no job's outputs, so that no job start
# removes them (rule publish_edition, policybrief.editions.publish). Here, in the one Snakemake process
# that holds the folder: a publication interrupted after it was complete is finished, one
# interrupted before is dropped; a receipt whose files are gone or changed is dropped, and
# this run publishes again; a source whose content changed while its modification time did
# not (a backup put back) is dated now, so what depends on it is rebuilt (policybrief.core.freshness).
if workflow.is_main_process:
    publish.recover()
    clear_failures()
    if not publish.receipt_holds():
        Path(publish.RECEIPT).unlink(missing_ok=True)
    for source in refresh_changed_sources():
        print(
            f"{source}: its content changed, but its modification time is older than the outputs "
            "(a copy put back?); dated now, so that what depends on it is made again.",
            file=sys.stderr,
        )

# Editions are kept (rule publish_edition) under editions/<date>/; this one is compared with the
# highest-numbered kept edition before it. Two editions may not share a dated folder.
try:
    PREVIOUS_EDITION = editions.previous_edition(config["edition"], editions.archived_editions()) or {}
except InputError as error:
    sys.exit(f"Error: {error}")
# A job that uses the previous edition takes its manifest as input (none for a first edition).
PREVIOUS_MANIFEST = [f"{PREVIOUS_EDITION['folder']}/{editions.MANIFEST}"] if PREVIOUS_EDITION else []

# Jobs that read the config take its file as input, so an edit reruns them; values that a run
# sets over it (--config, --configfile) are those jobs' one parameter, so a change reruns them
# too. Config values are not parameters otherwise: to compare parameters Snakemake imports
# pandas, a third of a second of every run that has nothing to do.
CONFIG_FILE = "config/config.yaml"
# The units and how the brief writes them (policybrief.core.units): an input of each job that
# shows a number, checks a plug-in file or validates the facts.
UNITS_FILE = "config/units.yaml"
# The indicators the edition computes (policybrief.compute.indicators): an input of each job that
# computes, draws or writes them.
INDICATORS_FILE = "config/indicators.yaml"
CONFIG_OVERRIDES = (
    {"config_overrides": dict(workflow.config_settings.overwrite_config)}
    if workflow.config_settings.overwrite_config
    else {}
)

# Every .txt, .pdf, .html or .htm file in seeds/ is a document; a new one is picked up without
# editing code. Each must be a regular file inside the project with a safe name (no link to a
# file elsewhere), as the catalogue the config names must be. A PDF or web page is read to text
# first (rules read_batch_*); that text is what facts are taken from and their quotes point into.
try:
    DOCUMENT_FILES = document_files("seeds")
except InputError as error:
    sys.exit(f"Error: {error}")
DOCUMENTS = sorted(DOCUMENT_FILES)
TEXTS = {document: text_of(path) for document, path in DOCUMENT_FILES.items()}
PUBLISHED = sorted(document for document, path in DOCUMENT_FILES.items() if TEXTS[document] != path)
PAGE_MAPS = {document: f"{PUBLISHED_TEXTS}/{document}.pages.json" for document in PUBLISHED}
# Each quoted sentence of a PDF drawn on its page (rule draw_quote_pages), for the annex; no
# job where no document is a PDF.
QUOTE_PAGES = ["reports/quotes"] if any(path.endswith(".pdf") for path in DOCUMENT_FILES.values()) else []


def texts_of(documents):
    return [TEXTS[document] for document in documents]


# The catalogue: one file per document, <catalogue>/<document>.yaml (config/catalogue/ by
# default). A document's extraction takes its own file only, so that an edit of one document's
# facts reruns that document's extraction only; a document without a file has no facts yet
# (its numbers are suggested). A file whose document is not in seeds/ is a mistake to name.
try:
    CATALOGUE_FILES = catalogue_files(config["catalogue"], DOCUMENTS)
except InputError as error:
    sys.exit(f"Error: {error}")

# Documents are extracted in batches of about DOCUMENTS_PER_JOB, each document in the batch its
# name's hash gives it: a new document joins one batch and reruns only that one (until the
# number of batches grows, which regroups them all once).
DOCUMENTS_PER_JOB = 50
EXTRACTION_BATCHES = extraction_batches(DOCUMENTS, DOCUMENTS_PER_JOB)
# PDFs and web pages are read to text in batches the same way (rules read_batch_*).
READING_BATCHES = extraction_batches(PUBLISHED, DOCUMENTS_PER_JOB)

# Data files for a new edition, in data/supplementary/: official statistics as downloaded
# (SDMX-CSV, TSV, XLSX; each read by the mapping beside it, rule read_statistics), and plug-in
# files, every other CSV (.csv or, as Excel on Windows may name it, .CSV).
try:
    STATISTICS_FILES = statistics_files("data/supplementary")
except InputError as error:
    sys.exit(f"Error: {error}")
SUPPLEMENTARY_FILES = sorted(
    str(path)
    for path in Path("data/supplementary").glob("*")
    if path.suffix.lower() == ".csv" and path.is_file() and str(path) not in STATISTICS_FILES.values()
)

# The two documents of an edition: the policy brief and its sources and data annex.
REPORTS = ["brief", "annex"]

# Figures of the brief, as the edition lists them (config/figures.yaml; each drawn by its kind
# in policybrief.figures.draw). The figure of indicators across periods joins them when an
# indicator has more than one period, which is known once the indicators are computed
# (checkpoint compute_indicators).
FIGURES_FILE = "config/figures.yaml"
try:
    FIGURE_KINDS = figure_kinds(FIGURES_FILE)
except InputError as error:
    sys.exit(f"Error: {error}")
FIGURES = figures_always(FIGURE_KINDS)
FIGURES_OVER_PERIODS = figures_over_periods(FIGURE_KINDS)


def figures_of_edition():
    """The edition's figures: the figure over periods joins them when the checkpoint found an
    indicator with more than one period (it reads only the checkpoint's own output)."""
    with open(checkpoints.compute_indicators.get().output.series, encoding="utf-8") as handle:
        over_periods = json.load(handle)["series_over_periods"]
    return FIGURES + (FIGURES_OVER_PERIODS if over_periods else [])


def figure_outputs(figures):
    """The outputs of a job that draws these figures; each PNG goes into Snakemake's report
    with the caption the job writes beside it (in the topic's reports/, named by its full path:
    a caption's path is otherwise taken relative to the engine's rules/)."""
    # (A line of a rule file may not begin with `report`, which Snakemake reads as its keyword.)
    in_report = lambda figure: report(
        f"reports/figures/{figure}.png",
        caption=str(Path.cwd() / f"reports/figures/{figure}.rst"),
        category="Figures",
        labels={"figure": figure},
    )
    return {
        "png": [in_report(figure) for figure in figures],
        "svg": [f"reports/figures/{figure}.svg" for figure in figures],
        "data": [f"reports/figures/{figure}.csv" for figure in figures],
        "meta": [f"reports/figures/{figure}.json" for figure in figures],
        "caption": [f"reports/figures/{figure}.rst" for figure in figures],
    }


def figure_files(*extensions):
    """An input function: the edition's figures, in these formats."""
    return lambda wildcards: expand("reports/figures/{figure}.{ext}", figure=figures_of_edition(), ext=extensions)


# Each job takes as input the code it runs (policybrief.workflow.code_of: the library modules its
# script imports, theirs in turn, and the schemas and registry they read), so that a change to it
# reruns the job and a change elsewhere does not. The whole library (every module and schema) is
# what an edition's manifest records, with a checksum each.
LIBRARY = sorted(
    str(path)
    for path in PACKAGE.rglob("*")
    if path.is_file() and (path.suffix == ".py" and WORKFLOW not in path.parents or path.parent == SCHEMAS)
)

# The engine's styles, templates and filters a document is rendered with.
RENDER_ASSET_FILES = {name: engine_file(path) for name, path in RENDER_ASSETS.items()}

# The CSS, JavaScript and fonts that Data Docs load, vendored so the pages work offline,
# and the manifest that says which CDN address each file replaces.
DATA_DOCS_MANIFEST = engine_file("report/data-docs/assets.yaml")
DATA_DOCS_ASSETS = sorted(
    str(path)
    for path in (WORKFLOW / "report/data-docs").rglob("*")
    if path.is_file() and str(path) != DATA_DOCS_MANIFEST
)

# Validation runs in stages, in the order of the table registry (the engine's tables.yaml);
# each stage validates its tables with the suites in the engine's expectations/<stage>/.
VALIDATION_STAGES = {}
for table in TABLES.values():
    if table.validated:
        VALIDATION_STAGES.setdefault(table.validated, []).append(table.name)


def validation_inputs(wildcards):
    """Each stage's tables (data/processed/<table>.csv) and suites, named <stage>_tables and
    <stage>_suites for the validation job (which makes the checks_<stage> tables itself)."""
    inputs = {}
    for stage, tables in VALIDATION_STAGES.items():
        made_here = f"checks_{stage}"
        inputs[f"{stage}_tables"] = [TABLES[table].path for table in tables if table != made_here]
        inputs[f"{stage}_suites"] = sorted(str(path) for path in (WORKFLOW / "expectations" / stage).glob("*.yaml"))
    return inputs


wildcard_constraints:
    report="brief|annex",
    name="[^/]+",


# The tables of data/processed/ (public: users and tests read them); the final target asks for
# each, so that one deleted by hand is made again.
PUBLIC_TABLES = [table.path for table in TABLES.values() if table.public]


# The files an edition keeps (tables, then its documents as rendered) and what it is built from.
KEPT_TABLES = [TABLES[name].path for name in editions.KEPT_TABLES]
KEPT_REPORTS = [f"reports/rendered/{name}" for name in editions.KEPT_REPORTS]
EDITION_INPUTS = sorted(
    list(DOCUMENT_FILES.values())
    + [
        "config/documents.yaml",
        CONFIG_FILE,
        UNITS_FILE,
        INDICATORS_FILE,
        FIGURES_FILE,
        *CATALOGUE_FILES.values(),
        engine_file("schemas/plugin.schema.json"),
        *LIBRARY,
    ]
    + SUPPLEMENTARY_FILES
)
# The previous edition's copies of the tables compared (none for a first edition).
PREVIOUS_TABLES = (
    {table: f"{PREVIOUS_EDITION['folder']}/{Path(TABLES[table].path).name}" for table in editions.COMPARED_TABLES}
    if PREVIOUS_EDITION
    else {}
)


# What the brief's source is written from (rule write_brief_source, which adds its template).
SOURCE_TABLES = {
    "code": code_of("write_brief_source"),
    "units": UNITS_FILE,
    "declarations": INDICATORS_FILE,
    "catalogue": list(CATALOGUE_FILES.values()),
    "documents": "data/processed/documents.csv",
    "facts": "data/processed/facts.csv",
    "recommendations": "data/processed/recommendations.csv",
    "lists": "data/processed/lists.csv",
    "statements": "data/processed/statements.csv",
    "indicators": "data/processed/indicators.csv",
    "changes": "data/processed/changes.csv",
    # The data files' rows as read: whether a statistics file states its last update.
    "supplementary": "data/processed/supplementary.csv",
    "figures": figure_files("json"),
    "figure_data": figure_files("csv"),
    # The engine's templates that the edition's include or extend (policybrief.brief.templates).
    "engine_templates": [engine_file("report/front-matter.yaml.j2"), engine_file("report/annex-base.qmd.j2")],
}
# The annex also reports the validation and the arithmetic checks, so it waits for them (not
# for the gate: like the brief, it is rendered only once the gate has passed); the brief does
# not, and is drafted while the tables are validated.
ANNEX_SOURCE_TABLES = {
    **SOURCE_TABLES,
    # What each statistics file holds and does not publish.
    "statistics": expand("data/interim/statistics/{name}/report.json", name=sorted(STATISTICS_FILES)),
    "validation": "reports/validation/results.json",
    # Each quoted sentence of a PDF on its page (rule draw_quote_pages), and the page maps, which
    # say what reading each PDF or web page left out.
    "quotes": QUOTE_PAGES,
    "page_maps": list(PAGE_MAPS.values()),
    "checks": expand("data/processed/checks_{stage}.csv", stage=VALIDATION_STAGES),
}
