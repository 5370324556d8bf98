"""Indicators computed from facts, as the edition declares them (config/indicators.yaml):
each a formula over named inputs, computed within one period, place and group, or a count of
list items by heading. Each row says how it was computed and from which facts."""

from collections import defaultdict
from functools import cache

from policybrief.core.errors import InputError
from policybrief.core.flags import normalised
from policybrief.core.yaml_input import load_yaml_input
from policybrief.validate.checks import evaluate

# Relative to the working directory, as every path of the workflow is.
INDICATORS_FILE = "config/indicators.yaml"


def indicator_row(indicator, label, value, unit, inputs, formula, period="", geography="", group="", flag=""):
    return {"indicator": indicator, "label": label, "value": round(value, 4), "unit": unit,
            "period": period, "geography": geography, "group": group, "formula": formula,
            "inputs": ";".join(inputs), "flag": flag}


def flags_of(facts) -> str:
    """The flags of an indicator: every flag of a value it is computed from ('b' and 'u': 'bu')."""
    return normalised("".join(fact.get("flag", "") for fact in facts))


class _Inputs:
    """What a formula can name: its inputs' values."""

    def __init__(self, values: dict):
        self.values = values

    def name(self, identifier: str) -> float:
        return self.values[identifier]


def formula_problem(declaration: dict) -> str | None:
    """Why the formula cannot be computed from its inputs, or None."""
    try:
        evaluate(declaration["formula"], _Inputs(dict.fromkeys(declaration["inputs"], 1.0)))
    except SyntaxError:
        return f"formula {declaration['formula']!r} is not arithmetic"
    except KeyError as error:
        return (f"formula {declaration['formula']!r} names {error.args[0]!r}, which is not one of its inputs "
                f"({', '.join(declaration['inputs'])})")
    except (ValueError, AttributeError):
        return f"formula {declaration['formula']!r} may use only + - * / parentheses, numbers and its inputs' names"
    except ZeroDivisionError:  # a denominator that is 0 only for these trial values
        pass
    return None


@cache
def declared_indicators(path=INDICATORS_FILE) -> dict:
    """{"computed": [...], "counted": [...]}, every formula checked against its inputs."""
    declared = load_yaml_input(path, "indicators", empty={})
    declared = {"computed": declared.get("computed", []), "counted": declared.get("counted", [])}
    names = [d["name"] for kind in declared.values() for d in kind]
    for index, declaration in enumerate(declared["computed"]):
        problem = formula_problem(declaration)
        if problem:
            raise InputError(path, f"computed[{index}] (name {declaration['name']!r}): {problem}.",
                             "write the formula with the names under its inputs, such as: recent - established.")
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InputError(path, f"declares {', '.join(repr(n) for n in twice)} more than once.",
                         "give each indicator one declaration, under a name of its own.")
    return declared


def check_inputs(declared: dict, facts: list[dict], path=INDICATORS_FILE) -> None:
    """Every input of a computed indicator is an indicator the facts have (the catalogue's or a
    data file's): a misspelt one would compute nothing and leave the brief without its number."""
    import difflib

    known = sorted({fact["indicator"] for fact in facts})
    for index, declaration in enumerate(declared["computed"]):
        for name, indicator in declaration["inputs"].items():
            if indicator in known:
                continue
            near = difflib.get_close_matches(indicator, known, n=1, cutoff=0.8)
            guess = f"; did you mean {near[0]!r}?" if near else "."
            raise InputError(path, f"computed[{index}] (name {declaration['name']!r}), input {name!r}: "
                                   f"{indicator!r} is not an indicator of the facts{guess}",
                             f"correct it to {near[0]!r}" if near else
                             "name an indicator of the catalogue's facts (the indicator column of "
                             "data/processed/facts.csv) or of a data file in data/supplementary/.")


def inputs_within(facts: list[dict], inputs: dict, matched_on: list) -> list[tuple]:
    """(dimensions, {input name: fact}) for every combination of the dimensions (period
    first) in which every input has a value."""
    dimensions = [d for d in ("period", "geography", "group") if d in matched_on]
    wanted = set(inputs.values())
    found = defaultdict(dict)
    for fact in facts:
        if fact["indicator"] in wanted:
            found[tuple(fact[d] for d in dimensions)][fact["indicator"]] = fact
    return [(dict(zip(dimensions, key)), {name: by_indicator[indicator] for name, indicator in inputs.items()})
            for key, by_indicator in sorted(found.items()) if wanted <= set(by_indicator)]


def computed_rows(facts: list[dict], declaration: dict) -> list[dict]:
    rows = []
    for dims, taken in inputs_within(facts, declaration["inputs"], declaration["matched_on"]):
        check_same_definition(declaration, taken)
        values = {name: float(fact["value"]) for name, fact in taken.items()}
        try:
            value = evaluate(declaration["formula"], _Inputs(values))
        except ZeroDivisionError:
            zero = next(fact for fact in taken.values() if float(fact["value"]) == 0)
            raise InputError(zero.get("origin") or "data/processed/facts.csv",
                             f"fact {zero['fact_id']!r} ({zero['label']}) is 0; it divides the indicator "
                             f"{declaration['name']!r} ({declaration['label']}), which is then undefined.",
                             "correct the value in the plug-in file and row named here, or remove that row.") from None
        rows.append(indicator_row(declaration["name"], declaration["label"], value, declaration["unit"],
                                  [fact["fact_id"] for fact in taken.values()], declaration["described"], **dims,
                                  flag=flags_of(taken.values())))
    return rows


def check_same_definition(declaration: dict, taken: dict) -> None:
    """A comparison, gap or change is computed only between values that measure the same thing:
    the same definition (a statistics file's series declares one; a catalogue entry may). A
    value without a declared definition is not set against one with a definition."""
    definitions = {fact.get("definition", "") for fact in taken.values()}
    if len(definitions) < 2:
        return
    sides = "; ".join(f"{name} = {fact['indicator']} ({fact.get('source') or fact.get('document')}): "
                      + (f"'{fact['definition']}'" if fact.get("definition") else "no definition declared")
                      for name, fact in taken.items())
    raise InputError(INDICATORS_FILE, f"indicator {declaration['name']!r} ({declaration['label']}) would compare "
                                      f"values of different definitions: {sides}.",
                     "compute it only from values of the same definition: plug a statistics series in under its own "
                     "indicator name, or, where the measures are truly the same, declare the same definition for "
                     "both (the mapping's series, the catalogue entry's definition:).")


def counted_rows(recommendations: list[dict], declaration: dict) -> list[dict]:
    """Items of each list by the heading (audience) they sit under."""
    rows = []
    for list_id in dict.fromkeys(r["list"] for r in recommendations):
        items = [r for r in recommendations if r["list"] == list_id]
        for audience in dict.fromkeys(r["audience"] for r in items):
            rows.append(indicator_row(
                declaration["name"].replace("{list}", list_id), declaration["label"],
                sum(r["audience"] == audience for r in items), declaration["unit"], [list_id],
                declaration["described"], group=audience))
    return rows


def compute_indicators(facts: list[dict], recommendations: list[dict] = (), declared: dict | None = None) -> list[dict]:
    declared = declared if declared is not None else declared_indicators()
    rows = [row for declaration in declared["computed"] for row in computed_rows(facts, declaration)]
    rows += [row for declaration in declared["counted"] for row in counted_rows(list(recommendations), declaration)]
    return sorted(rows, key=lambda r: (r["indicator"], r["period"], r["geography"], r["group"]))

