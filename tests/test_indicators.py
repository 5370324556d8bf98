import pytest

from policybrief.indicators import compute_indicators, education_gaps


def fact(fact_id, indicator, value, group="All", **extra):
    return {"fact_id": fact_id, "indicator": indicator, "value": str(value), "period": "2001-2005",
            "geography": "Belgium", "group": group, "unit": "percent", **extra}


def test_education_gap_in_points_within_each_period_only():
    rows = education_gaps([
        fact("a", "high_education_share_recent", 32), fact("b", "high_education_share_established", 20),
        fact("c", "high_education_share_recent", 45, group="EU"),  # no established share: no gap
        fact("d", "high_education_share_recent", 38, period="2006-2010"),  # no counterpart in its period
    ])
    assert [(r["indicator"], r["period"], r["value"], r["inputs"]) for r in rows] == [
        ("high_education_gap_pp", "2001-2005", 12, "a;b")]
    assert rows[0]["group"] == "All" and rows[0]["formula"]


def test_recomputed_decrease_only_and_no_misleading_derivations():
    rows = compute_indicators([
        fact("immigrants_standardised", "immigrants_permanent_standardised", 35900, period="2005"),
        fact("immigrants_national_definition", "immigrants_national_definition", 77400, period="2005"),
        # a later national count with no standardised total in its period: nothing recomputed for it
        fact("plugin_national_2010", "immigrants_national_definition", 90000, period="2010"),
        # a maximum and a typical time, "twice as many" ratios and a share of women: nothing derived
        fact("f", "permit_processing_days", 5, geography="Flanders"),
        fact("w", "permit_processing_days", 42, geography="Wallonia", qualifier="at_most"),
        fact("permits_ratio_flanders_brussels", "work_permits_ratio", 2, unit="ratio"),
        fact("permits_ratio_brussels_wallonia", "work_permits_ratio", 2, unit="ratio"),
        fact("b", "permit_holders_share_women", 11, geography="Brussels", period="2006"),
        fact("r", "high_education_share_recent", 12), fact("s", "high_education_share_established", 3),
    ])
    assert {r["indicator"] for r in rows} == {"immigration_decrease_recomputed", "high_education_gap_pp"}
    values = {r["indicator"]: r["value"] for r in rows}
    assert values["immigration_decrease_recomputed"] == pytest.approx(53.6176, abs=1e-4)
    assert [r["period"] for r in rows if r["indicator"] == "immigration_decrease_recomputed"] == ["2005"]
    assert values["high_education_gap_pp"] == 9  # no "4 times" on a 3% base


def test_recommendations_counted_by_heading():
    recommendations = [{"list": "l", "audience": a} for a in ["A", "A", "B"]]
    rows = compute_indicators([], recommendations)
    assert [(r["indicator"], r["group"], r["value"]) for r in rows] == [("l_by_audience", "A", 2),
                                                                         ("l_by_audience", "B", 1)]


def test_a_zero_denominator_stops_with_the_plugin_file_and_row():
    from policybrief.errors import InputError

    with pytest.raises(InputError,
                       match=r"data/supplementary/u\.csv row 2: fact 'immigrants_national_definition'.* is 0"):
        compute_indicators([
            fact("immigrants_standardised", "immigrants_permanent_standardised", 35900, label="Standardised"),
            fact("immigrants_national_definition", "immigrants_national_definition", 0, label="National count",
                 origin="data/supplementary/u.csv row 2"),
        ])
