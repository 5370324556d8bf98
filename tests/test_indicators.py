import pytest

from policybrief.indicators import compute_indicators, education_gaps


def fact(fact_id, indicator, value, group="All", **extra):
    return {"fact_id": fact_id, "indicator": indicator, "value": str(value), "period": "2001-2005",
            "geography": "Belgium", "group": group, "unit": "percent", **extra}


def test_education_gap_in_points_and_as_ratio_with_inputs():
    rows = education_gaps([
        fact("a", "high_education_share_recent", 32), fact("b", "high_education_share_established", 20),
        fact("c", "high_education_share_recent", 45, group="EU"),  # no established share: no gap
    ])
    by_kind = {r["indicator"]: r for r in rows}
    assert by_kind["high_education_gap_pp"]["value"] == 12
    assert by_kind["high_education_ratio"]["value"] == pytest.approx(1.6)
    assert by_kind["high_education_gap_pp"]["inputs"] == "a;b"
    assert all(r["group"] == "All" and r["formula"] for r in rows)


def test_recomputed_decrease_and_processing_ratio():
    rows = compute_indicators([
        fact("immigrants_standardised", "x", 35900, period="2005"),
        fact("immigrants_national_definition", "y", 77400, period="2005"),
        fact("f", "permit_processing_days", 5, geography="Flanders"),
        fact("w", "permit_processing_days", 42, geography="Wallonia"),
    ])
    values = {r["indicator"]: r["value"] for r in rows}
    assert values["immigration_decrease_recomputed"] == pytest.approx(53.6176, abs=1e-4)
    assert values["permit_processing_time_ratio"] == pytest.approx(8.4)


def test_regional_permit_shares_follow_the_ratios_and_add_up_to_100():
    rows = compute_indicators([
        fact("permits_ratio_flanders_brussels", "work_permits_ratio", 2, unit="ratio"),
        fact("permits_ratio_brussels_wallonia", "work_permits_ratio", 2, unit="ratio"),
    ])
    shares = {r["geography"]: r["value"] for r in rows if r["indicator"] == "work_permits_regional_share"}
    assert shares == pytest.approx({"Flanders": 57.1429, "Brussels": 28.5714, "Wallonia": 14.2857}, abs=1e-4)
    assert sum(shares.values()) == pytest.approx(100)


def test_men_per_woman_among_permit_holders_and_no_ratio_when_no_women():
    rows = compute_indicators([
        fact("b", "permit_holders_share_women", 11, geography="Brussels", period="2006"),
        fact("z", "permit_holders_share_women", 0, geography="Wallonia", period="2006"),
    ])
    by_key = {(r["indicator"], r["geography"]): r for r in rows}
    assert by_key[("permit_holders_share_men", "Brussels")]["value"] == 89
    assert by_key[("permit_holders_men_per_woman", "Brussels")]["value"] == pytest.approx(8.0909, abs=1e-4)
    assert by_key[("permit_holders_men_per_woman", "Brussels")]["inputs"] == "b"
    assert by_key[("permit_holders_share_men", "Wallonia")]["value"] == 100
    assert ("permit_holders_men_per_woman", "Wallonia") not in by_key
