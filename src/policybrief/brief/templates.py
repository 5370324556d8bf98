"""The brief's and the annex's templates: the Jinja environment, its filters, and the render of
a document's Quarto source, whose mistakes name their template's file and line."""

from pathlib import Path
from traceback import walk_tb

import jinja2

from policybrief.brief.context import against_overall
from policybrief.brief.marks import Marks, TemplateMistake
from policybrief.core.documents import year_of
from policybrief.core.errors import InputError
from policybrief.core.evidence import evidence_words
from policybrief.core.flags import said_in_text
from policybrief.core.formatting import format_number, grouped, in_words, lower_first, spelled, times
from policybrief.core.markup import anchor, md, md_attribute, one_line, source_text, yaml_string
from policybrief.core.numbers import Number, Shown, part_by_part, row_mark
from policybrief.core.periods import period_shown
from policybrief.core.project_files import file_name
from policybrief.workflow import engine_file

# The engine's templates (the packaged workflow's report/).
ENGINE_TEMPLATES = engine_file("report")


def template_environment(*template_dirs, marks: Marks | None = None) -> jinja2.Environment:
    """Templates found in the edition's folder first, then in the engine's (the front matter
    and the annex's sections that every edition shares). The filters that print a number the
    brief makes itself (derived, span, rank) record their marks in `marks`."""
    recorder = marks if marks is not None else Marks()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in template_dirs]),
        undefined=jinja2.StrictUndefined,
        # Words of one row (a fact's wording, a document's citation) are marked as they are
        # printed, so the ledger traces the numbers in them to that row.
        finalize=recorder.row,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Quarto attributes such as {#fig-x} must not read as Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    environment.filters.update({"md": part_by_part(md), "attr": part_by_part(md_attribute), "meta": yaml_string,
                                "one_line": part_by_part(one_line), "anchor": anchor, "num": format_number,
                                "period": part_by_part(period_shown), "times": _as_value(times),
                                "spelled": _as_value(spelled),
                                "lower_first": part_by_part(lower_first, first_only=True), "groups": grouped,
                                "capitalize_first": part_by_part(capitalize_first, first_only=True),
                                "source_text": source_text, "evidence": lambda kind: evidence_words(str(kind)),
                                "in_words": in_words, "against_overall": against_overall, "published": published,
                                "file_name": part_by_part(file_name),
                                "flags_said": lambda item: said_in_text(item.row if isinstance(item, Number) else item),
                                **recorder.filters()})
    return environment


def capitalize_first(text: str) -> str:
    """A wording at the start of a sentence: 'approximately 32%…' -> 'Approximately 32%…'."""
    return text[:1].upper() + text[1:]


def published(document: dict) -> str:
    """The year a document was published, as words of its row: {{ nomibe | published }}; in
    square brackets where the document does not state it ('[2006]')."""
    return Shown(year_of(document), row_mark(document, document["document"], "documents", "date"))


def _as_value(formatter):
    """Let a filter take a Number from the tables as well as a plain value."""
    return lambda item: formatter(item.value if isinstance(item, Number) else item)


def render_source(template_path, context: dict, engine_dir=ENGINE_TEMPLATES, marks: list | None = None) -> str:
    """The document's Quarto source from its template (config/brief.qmd.j2 or annex.qmd.j2),
    which may include or extend the engine's templates; a template mistake names its file and
    line. The document's running header for print is named after it (brief-running.typ). The
    marks its numbers leave (brief/marks.py) are added to `marks`, each with its line and
    columns in the source; the source itself holds none of them."""
    template_path = Path(template_path)
    recorder = Marks()
    environment = template_environment(template_path.parent, engine_dir, marks=recorder)
    context = {"running_header": f"{template_path.name.split('.')[0]}-running.typ", **context}
    try:
        source, found = recorder.take(environment.get_template(template_path.name).render(**context))
    except jinja2.TemplateSyntaxError as error:
        raise InputError(f"{error.filename or template_path}: line {error.lineno}",
                         f"is not a valid template: {error.message}.",
                         "correct the line named; each {% ... %} needs its {% end... %}.") from None
    except jinja2.TemplateNotFound as error:
        raise InputError(template_path, f"includes or extends {error.name!r}, which is neither beside it nor "
                                        f"among the engine's templates ({engine_dir}).",
                         "name a file that is there, such as front-matter.yaml.j2 or annex-base.qmd.j2.") from None
    except jinja2.UndefinedError as error:
        raise InputError(_template_line(error.__traceback__) or template_path,
                         f"names something the tables do not have: {error.message}.",
                         "check the name against the facts (data/processed/facts.csv, by fact_id), the computed "
                         "indicators (config/indicators.yaml) and the figures (config/figures.yaml).") from None
    except TemplateMistake as error:
        raise InputError(_template_line(error.__traceback__) or template_path, error.problem, error.hint) from None
    if marks is not None:
        marks.extend(found)
    return source


def _template_line(traceback) -> str:
    """'config/brief.qmd.j2: line 12' for the innermost template line a traceback passes."""
    found = ""
    for frame, line in walk_tb(traceback):
        if frame.f_code.co_filename.endswith(".j2"):
            found = f"{frame.f_code.co_filename}: line {line}"
    return found
