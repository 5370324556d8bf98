"""The figures an edition draws (config/figures.yaml): which, of which kind, in which words
and colours. Light: read at parse time to name the figures' outputs, without matplotlib."""

from functools import cache

import yaml

from policybrief.core.errors import InputError
from policybrief.core.yaml_input import LOADER, load_yaml_input

# Relative to the working directory, as every path of the workflow is.
FIGURES_FILE = "config/figures.yaml"
# A figure of this kind is drawn only when an indicator has values for more than one period.
OVER_PERIODS = "series_panels"


def _colour_names(figure: dict) -> list[tuple[str, str]]:
    """(key, colour name) for each colour a figure's entry names."""
    named = [(f"bars.{bar}.colour", spec["colour"]) for bar, spec in figure.get("bars", {}).items()]
    named += [("colour", figure["colour"])] if "colour" in figure else []
    named += [(f"colour_by_geography.{place}", name) for place, name in figure.get("colour_by_geography", {}).items()]
    return named + ([("other", figure["other"])] if "other" in figure else [])


@cache
def figure_specs(path=FIGURES_FILE) -> dict:
    """{"colours": {meaning: {colour, indicators}}, "figures": {name: entry}}, each colour a
    figure names checked against the colours, and at most one figure over periods."""
    specs = load_yaml_input(path, "figures")
    for name, figure in specs["figures"].items():
        for key, colour in _colour_names(figure):
            if colour not in specs["colours"]:
                raise InputError(path, f"figures.{name}.{key}: {colour!r} is not one of the colours "
                                       f"({', '.join(specs['colours'])}).",
                                 "name one of the colours, or add it under colours with its #RRGGBB value.")
    over_periods = [name for name, figure in specs["figures"].items() if figure["kind"] == OVER_PERIODS]
    if len(over_periods) > 1:
        raise InputError(path, f"figures {', '.join(over_periods)} are both of kind {OVER_PERIODS}.",
                         f"keep one figure of kind {OVER_PERIODS}: it draws every indicator with more than one period.")
    return specs


def figure_kinds(path=FIGURES_FILE) -> dict:
    """name -> kind of each figure, as the workflow needs them while it is parsed: read, not
    checked against the schema (that costs a tenth of a second of every run, and the figures
    job checks the file before it draws); a file it cannot read is checked, for the message."""
    try:
        with open(path, encoding="utf-8") as handle:
            figures = yaml.load(handle, Loader=LOADER)["figures"]
        return {str(name): str(figure["kind"]) for name, figure in figures.items()}
    except (OSError, yaml.YAMLError, TypeError, KeyError, AttributeError):
        specs = figure_specs(path)  # raises the file's first mistake, by line and key
        return {name: figure["kind"] for name, figure in specs["figures"].items()}


def figures_always(kinds: dict) -> list[str]:
    """The figures every build draws, in the file's order (kinds: name -> kind)."""
    return [name for name, kind in kinds.items() if kind != OVER_PERIODS]


def figures_over_periods(kinds: dict) -> list[str]:
    """The figure (none or one) drawn when an indicator has values for more than one period."""
    return [name for name, kind in kinds.items() if kind == OVER_PERIODS]
