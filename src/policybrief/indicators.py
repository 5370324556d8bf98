"""Indicators computed from facts. Each row says how it was computed and from which facts."""

from collections import defaultdict

from .errors import InputError

RECENT, ESTABLISHED = "high_education_share_recent", "high_education_share_established"
GAP = "high_education_gap_pp"
STANDARDISED, NATIONAL = "immigrants_permanent_standardised", "immigrants_national_definition"


def indicator_row(indicator, label, value, unit, inputs, formula, period="", geography="", group=""):
    return {"indicator": indicator, "label": label, "value": round(value, 4), "unit": unit,
            "period": period, "geography": geography, "group": group, "formula": formula,
            "inputs": ";".join(inputs)}


def as_number(fact: dict) -> float:
    return float(fact["value"])


def pairs_within(facts: list[dict], first: str, second: str, dimensions: tuple) -> list[tuple]:
    """(dimensions, first fact, second fact) for every combination of the dimensions (period
    first) in which both indicators have a value: an indicator computed from two values never
    takes them from different periods, geographies or groups."""
    found = defaultdict(dict)
    for fact in facts:
        if fact["indicator"] in (first, second):
            found[tuple(fact[d] for d in dimensions)][fact["indicator"]] = fact
    return [(dict(zip(dimensions, key)), pair[first], pair[second])
            for key, pair in sorted(found.items()) if first in pair and second in pair]


def education_gaps(facts: list[dict]) -> list[dict]:
    """Gap between recent (< 10 years' residence) and established migrants, in percentage
    points, for every group and period that has both shares. No ratio: on shares as small as
    3% a ratio says more than the data can."""
    return [indicator_row(
        GAP, "Gap in the share of highly educated, recent minus established",
        as_number(recent) - as_number(established), "percentage points", [recent["fact_id"], established["fact_id"]],
        "share highly educated among those resident under 10 years minus the share among "
        "those resident 10 years or more", **dims)
        for dims, recent, established in pairs_within(facts, RECENT, ESTABLISHED, ("period", "geography", "group"))]


def standardisation_effect(facts: list[dict]) -> list[dict]:
    """The decrease implied by the two stated totals, to set beside the stated decrease, for
    every period and geography that has both."""
    rows = []
    for dims, standardised, national in pairs_within(facts, STANDARDISED, NATIONAL, ("period", "geography")):
        if as_number(national) == 0:
            raise InputError(national.get("origin") or "data/processed/facts.csv",
                             f"fact {national['fact_id']!r} ({national['label']}) is 0; it divides the recomputed "
                             "decrease, which is then undefined.",
                             "correct the value in the plug-in file and row named here (a count of immigrants "
                             "is not 0), or remove that row.")
        rows.append(indicator_row(
            "immigration_decrease_recomputed", "Decrease in immigrants when standardised, recomputed",
            100 * (as_number(national) - as_number(standardised)) / as_number(national), "percent",
            [standardised["fact_id"], national["fact_id"]],
            "(immigrants by national definition − standardised permanent immigrants) ÷ immigrants "
            "by national definition × 100", **dims))
    return rows


def recommendation_counts(recommendations: list[dict]) -> list[dict]:
    """Recommendations of each list by the heading (audience) they sit under."""
    rows = []
    lists = list(dict.fromkeys(r["list"] for r in recommendations))
    for list_id in lists:
        items = [r for r in recommendations if r["list"] == list_id]
        for audience in dict.fromkeys(r["audience"] for r in items):
            rows.append(indicator_row(
                f"{list_id}_by_audience", "Recommendations under this heading",
                sum(r["audience"] == audience for r in items), "count", [list_id],
                "number of recommendations under the heading", group=audience))
    return rows


def compute_indicators(facts: list[dict], recommendations: list[dict] = ()) -> list[dict]:
    rows = education_gaps(facts) + standardisation_effect(facts) + recommendation_counts(list(recommendations))
    return sorted(rows, key=lambda r: (r["indicator"], r["period"], r["geography"], r["group"]))
