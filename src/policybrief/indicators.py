"""Indicators computed from facts. Each row says how it was computed and from which facts."""

from collections import defaultdict

RECENT, ESTABLISHED = "high_education_share_recent", "high_education_share_established"


def indicator_row(indicator, label, value, unit, inputs, formula, period="", geography="", group=""):
    return {"indicator": indicator, "label": label, "value": round(value, 4), "unit": unit,
            "period": period, "geography": geography, "group": group, "formula": formula,
            "inputs": ";".join(inputs)}


def as_number(fact: dict) -> float:
    return float(fact["value"])


def education_gaps(facts: list[dict]) -> list[dict]:
    """Gap between recent (< 10 years' residence) and established migrants, for every group
    and period that has both shares: in percentage points and as a ratio."""
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
            "high_education_gap_pp", "Gap in the share of highly educated, recent minus established",
            as_number(recent) - as_number(established), "percentage points", inputs,
            "share highly educated among those resident under 10 years minus the share among "
            "those resident 10 years or more", **dims))
        if as_number(established) > 0:
            rows.append(indicator_row(
                "high_education_ratio", "Share of highly educated, recent relative to established",
                as_number(recent) / as_number(established), "ratio", inputs,
                "share highly educated among those resident under 10 years divided by the share "
                "among those resident 10 years or more", **dims))
    return rows


def _by_id(facts):
    return {fact["fact_id"]: fact for fact in facts}


def standardisation_effect(facts: list[dict]) -> list[dict]:
    """The decrease implied by the two stated totals, to set beside the stated decrease."""
    by_id = _by_id(facts)
    standardised, national = by_id.get("immigrants_standardised"), by_id.get("immigrants_national_definition")
    if not standardised or not national or as_number(national) == 0:
        return []
    value = 100 * (as_number(national) - as_number(standardised)) / as_number(national)
    return [indicator_row(
        "immigration_decrease_recomputed", "Decrease in immigrants when standardised, recomputed",
        value, "percent", [standardised["fact_id"], national["fact_id"]],
        "(immigrants by national definition − standardised permanent immigrants) ÷ immigrants "
        "by national definition × 100", period=national["period"], geography=national["geography"])]


def processing_time_ratio(facts: list[dict]) -> list[dict]:
    """How many times longer granting a work permit takes in Wallonia than in Flanders."""
    by_region = {f["geography"]: f for f in facts if f["indicator"] == "permit_processing_days"}
    slow, fast = by_region.get("Wallonia"), by_region.get("Flanders")
    if not slow or not fast or as_number(fast) == 0:
        return []
    return [indicator_row(
        "permit_processing_time_ratio", "Time to grant a work permit, Wallonia relative to Flanders",
        as_number(slow) / as_number(fast), "ratio", [slow["fact_id"], fast["fact_id"]],
        "days to grant a work permit in Wallonia (upper bound) ÷ days in Flanders",
        geography="Wallonia/Flanders")]


def regional_permit_shares(facts: list[dict]) -> list[dict]:
    """Each region's share of work permits implied by 'Flanders issued twice as many as
    Brussels, which issued twice as many as Wallonia': Wallonia = 1, Brussels = r2,
    Flanders = r1 × r2."""
    by_id = _by_id(facts)
    flanders_brussels = by_id.get("permits_ratio_flanders_brussels")
    brussels_wallonia = by_id.get("permits_ratio_brussels_wallonia")
    if not flanders_brussels or not brussels_wallonia:
        return []
    r1, r2 = as_number(flanders_brussels), as_number(brussels_wallonia)
    weights = {"Flanders": r1 * r2, "Brussels": r2, "Wallonia": 1.0}
    total = sum(weights.values())
    inputs = [flanders_brussels["fact_id"], brussels_wallonia["fact_id"]]
    return [indicator_row(
        "work_permits_regional_share", "Share of work permits issued, implied by the stated ratios",
        100 * weight / total, "percent", inputs,
        "Wallonia = 1, Brussels = (Brussels ÷ Wallonia ratio), Flanders = (Flanders ÷ Brussels ratio) × "
        "(Brussels ÷ Wallonia ratio); each region's weight ÷ the sum × 100",
        period=flanders_brussels["period"], geography=region) for region, weight in weights.items()]


def case_study_shares(facts: list[dict]) -> list[dict]:
    """Each region's share of the welfare-centre case studies."""
    regions = [f for f in facts if f["indicator"] == "case_studies" and f["geography"] != "Belgium"]
    total = sum(as_number(f) for f in regions)
    if not regions or total == 0:
        return []
    inputs = [f["fact_id"] for f in regions]
    return [indicator_row(
        "case_study_share", "Share of the welfare-centre case studies", 100 * as_number(f) / total, "percent",
        inputs, "case studies in the region ÷ case studies in all regions × 100", geography=f["geography"])
        for f in regions]


def permit_holder_gender_balance(facts: list[dict]) -> list[dict]:
    """For each group of permit holders whose share of women is stated: the share of men and
    how many men there were for every woman."""
    rows = []
    for fact in sorted((f for f in facts if f["indicator"] == "permit_holders_share_women"),
                       key=lambda f: (f["period"], f["geography"], f["group"])):
        women = as_number(fact)
        dims = {"period": fact["period"], "geography": fact["geography"], "group": fact["group"]}
        rows.append(indicator_row(
            "permit_holders_share_men", "Share of men among the permit holders", 100 - women, "percent",
            [fact["fact_id"]], "100 − share of women", **dims))
        if women > 0:
            rows.append(indicator_row(
                "permit_holders_men_per_woman", "Men for every woman among the permit holders",
                (100 - women) / women, "ratio", [fact["fact_id"]],
                "(100 − share of women) ÷ share of women", **dims))
    return rows


def recommendation_counts(recommendations: list[dict], themes: dict) -> list[dict]:
    """Recommendations of each list by audience and by theme, and by theme across all lists."""
    rows = []
    lists = list(dict.fromkeys(r["list"] for r in recommendations))
    for list_id in lists:
        items = [r for r in recommendations if r["list"] == list_id]
        for audience in dict.fromkeys(r["audience"] for r in items):
            rows.append(indicator_row(
                f"{list_id}_by_audience", "Recommendations under this heading",
                sum(r["audience"] == audience for r in items), "count", [list_id],
                "number of recommendations under the heading", group=audience))
    for theme, regex in themes.items():
        for list_id in lists + [None]:
            items = [r for r in recommendations if list_id in (None, r["list"])]
            rows.append(indicator_row(
                f"{list_id}_by_theme" if list_id else "recommendations_by_theme",
                "Recommendations on this theme", sum(bool(regex.search(r["text"])) for r in items), "count",
                [list_id] if list_id else lists,
                "number of recommendations whose text has one of the theme's keywords (config/themes.yaml)",
                group=theme))
    return rows


def compute_indicators(facts: list[dict], recommendations: list[dict] = (), themes: dict | None = None) -> list[dict]:
    rows = (education_gaps(facts) + standardisation_effect(facts) + processing_time_ratio(facts)
            + regional_permit_shares(facts) + case_study_shares(facts) + permit_holder_gender_balance(facts)
            + recommendation_counts(list(recommendations), themes or {}))
    return sorted(rows, key=lambda r: (r["indicator"], r["period"], r["geography"], r["group"]))
