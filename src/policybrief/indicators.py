"""Indicators computed from facts. Each row says how it was computed and from which facts."""

from collections import defaultdict

from .errors import InputError

RECENT, ESTABLISHED = "high_education_share_recent", "high_education_share_established"
GAP = "high_education_gap_pp"


def indicator_row(indicator, label, value, unit, inputs, formula, period="", geography="", group=""):
    return {"indicator": indicator, "label": label, "value": round(value, 4), "unit": unit,
            "period": period, "geography": geography, "group": group, "formula": formula,
            "inputs": ";".join(inputs)}


def as_number(fact: dict) -> float:
    return float(fact["value"])


def education_gaps(facts: list[dict]) -> list[dict]:
    """Gap between recent (< 10 years' residence) and established migrants, in percentage
    points, for every group and period that has both shares (never across periods). No ratio:
    on shares as small as 3% a ratio says more than the data can."""
    pairs = defaultdict(dict)
    for fact in facts:
        if fact["indicator"] in (RECENT, ESTABLISHED):
            pairs[(fact["period"], fact["geography"], fact["group"])][fact["indicator"]] = fact
    rows = []
    for (period, geography, group), pair in sorted(pairs.items()):
        if RECENT not in pair or ESTABLISHED not in pair:
            continue
        recent, established = pair[RECENT], pair[ESTABLISHED]
        inputs = [recent["fact_id"], established["fact_id"]]
        dims = {"period": period, "geography": geography, "group": group}
        rows.append(indicator_row(
            GAP, "Gap in the share of highly educated, recent minus established",
            as_number(recent) - as_number(established), "percentage points", inputs,
            "share highly educated among those resident under 10 years minus the share among "
            "those resident 10 years or more", **dims))
    return rows


def _by_id(facts):
    return {fact["fact_id"]: fact for fact in facts}


def standardisation_effect(facts: list[dict]) -> list[dict]:
    """The decrease implied by the two stated totals, to set beside the stated decrease."""
    by_id = _by_id(facts)
    standardised, national = by_id.get("immigrants_standardised"), by_id.get("immigrants_national_definition")
    if not standardised or not national:
        return []
    if as_number(national) == 0:
        raise InputError(national.get("origin") or "data/processed/facts.csv",
                         f"fact {national['fact_id']!r} ({national['label']}) is 0; it divides the recomputed "
                         "decrease, which is then undefined.",
                         "correct the value in the plug-in file and row named here (a count of immigrants "
                         "is not 0), or remove that row.")
    value = 100 * (as_number(national) - as_number(standardised)) / as_number(national)
    return [indicator_row(
        "immigration_decrease_recomputed", "Decrease in immigrants when standardised, recomputed",
        value, "percent", [standardised["fact_id"], national["fact_id"]],
        "(immigrants by national definition − standardised permanent immigrants) ÷ immigrants "
        "by national definition × 100", period=national["period"], geography=national["geography"])]


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
