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
