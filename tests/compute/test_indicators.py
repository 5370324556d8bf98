"""Indicators: computed as the edition declares them (config/indicators.yaml), within one
period, place and group, each row naming its formula and inputs; a declaration that cannot be
computed is refused with the file and the key."""

import pytest

from policybrief.compute.indicators import compute_indicators, declared_indicators
from policybrief.core.errors import InputError

from conftest import FIRST_EDITION

DECLARED = declared_indicators(FIRST_EDITION / "config/indicators.yaml")


def fact(fact_id, indicator, value, group="All", **extra):
    return {"fact_id": fact_id, "indicator": indicator, "value": str(value), "period": "2001-2005",
            "geography": "Belgium", "group": group, "unit": "percent", "label": fact_id, **extra}


def test_education_gap_in_points_within_each_period_only():
    rows = compute_indicators([
        fact("a", "high_education_share_recent", 32), fact("b", "high_education_share_established", 20),
        fact("c", "high_education_share_recent", 45, group="EU"),  # no established share: no gap
        fact("d", "high_education_share_recent", 38, period="2006-2010"),  # no counterpart in its period
    ], declared=DECLARED)
    assert [(r["indicator"], r["period"], r["value"], r["inputs"]) for r in rows] == [
        ("high_education_gap_pp", "2001-2005", 12, "a;b")]
    assert rows[0]["group"] == "All" and rows[0]["formula"].startswith("share highly educated")
    assert rows[0]["unit"] == "percentage points"


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
    ], declared=DECLARED)
    assert {r["indicator"] for r in rows} == {"immigration_decrease_recomputed", "high_education_gap_pp"}
    values = {r["indicator"]: r["value"] for r in rows}
    assert values["immigration_decrease_recomputed"] == pytest.approx(53.6176, abs=1e-4)
    decrease = [r for r in rows if r["indicator"] == "immigration_decrease_recomputed"]
    assert [(r["period"], r["group"]) for r in decrease] == [("2005", "")]  # matched on period and place only
    assert values["high_education_gap_pp"] == 9  # no "4 times" on a 3% base


def test_recommendations_counted_by_heading():
    recommendations = [{"list": "l", "audience": a} for a in ["A", "A", "B"]]
    rows = compute_indicators([], recommendations, DECLARED)
    assert [(r["indicator"], r["group"], r["value"]) for r in rows] == [("l_by_audience", "A", 2),
                                                                         ("l_by_audience", "B", 1)]


def test_a_zero_denominator_stops_with_the_plugin_file_and_row():
    with pytest.raises(InputError, match=r"data/supplementary/u\.csv row 2: fact 'immigrants_national_definition' "
                                         r"\(National count\) is 0; it divides the indicator "
                                         r"'immigration_decrease_recomputed'"):
        compute_indicators([
            fact("immigrants_standardised", "immigrants_permanent_standardised", 35900, label="Standardised"),
            fact("immigrants_national_definition", "immigrants_national_definition", 0, label="National count",
                 origin="data/supplementary/u.csv row 2"),
        ], declared=DECLARED)


def write(tmp_path, text):
    path = tmp_path / "indicators.yaml"
    path.write_text(text, encoding="utf-8")
    declared_indicators.cache_clear()
    return path


def test_an_indicator_on_another_topic_is_declared_not_programmed(tmp_path):
    """A brief on housing declares its own indicator; the library knows no name."""
    path = write(tmp_path, """
computed:
  - name: rent_burden_change_pp
    label: Change in the share of income spent on rent
    unit: percentage points
    inputs: {later: rent_share_2020, earlier: rent_share_2010}
    formula: later - earlier
    described: share of income spent on rent in 2020 minus the share in 2010
    matched_on: [geography, group]
""")
    rows = compute_indicators([fact("x", "rent_share_2020", 31.5, period="2020"),
                               fact("y", "rent_share_2010", 27.25, period="2010"),
                               fact("z", "rent_share_2020", 40, geography="Brussels")], (), declared_indicators(path))
    assert [(r["indicator"], r["geography"], r["period"], r["value"], r["inputs"]) for r in rows] == [
        ("rent_burden_change_pp", "Belgium", "", 4.25, "x;y")]


@pytest.mark.parametrize("declaration, expected", [
    ("formula: recent -", "formula 'recent -' is not arithmetic"),
    ("formula: recent - others", "names 'others', which is not one of its inputs (recent, established)"),
    ("formula: items('x')", "may use only + - * / parentheses, numbers and its inputs' names"),
])
def test_a_formula_that_cannot_be_computed_names_the_file_and_indicator(tmp_path, declaration, expected):
    path = write(tmp_path, f"""
computed:
  - name: gap
    label: Gap
    unit: percentage points
    inputs: {{recent: a, established: b}}
    {declaration}
    described: a minus b
    matched_on: [period]
""")
    with pytest.raises(InputError, match=r"indicators\.yaml: computed\[0\] \(name 'gap'\): ") as raised:
        declared_indicators(path)
    assert expected in str(raised.value)


def test_a_declaration_without_a_unit_names_the_key(tmp_path):
    path = write(tmp_path, """
computed:
  - name: gap
    label: Gap
    inputs: {a: x}
    formula: a
    described: a
    matched_on: [period]
""")
    with pytest.raises(InputError, match=r"line 3: computed\[0\]: has no 'unit', which is required"):
        declared_indicators(path)


def test_a_name_declared_twice_is_refused(tmp_path):
    entry = """
  - name: gap
    label: Gap
    unit: count
    inputs: {a: x}
    formula: a
    described: a
    matched_on: [period]"""
    with pytest.raises(InputError, match="declares 'gap' more than once"):
        declared_indicators(write(tmp_path, "computed:" + entry + entry))


def test_a_misspelt_input_indicator_is_named_with_the_nearest_known_one():
    from policybrief.compute.indicators import check_inputs

    declared = {"computed": [{"name": "gap", "inputs": {"tenants": "burden_tenant", "owners": "burden_owners"},
                              "formula": "tenants - owners"}], "counted": []}
    facts = [{"indicator": "burden_tenants"}, {"indicator": "burden_owners"}]
    with pytest.raises(InputError, match=r"computed\[0\] \(name 'gap'\), input 'tenants': 'burden_tenant' is not an "
                                         r"indicator of the facts; did you mean 'burden_tenants'\?"):
        check_inputs(declared, facts)
    check_inputs(declared, facts + [{"indicator": "burden_tenant"}])


def test_a_gap_between_values_of_different_definitions_is_refused():
    recent = fact("a", "high_education_share_recent", 32, definition="ISCED 5-8 among foreign citizens (EU-LFS)",
                  source="Eurostat, EDAT_LFS_9911")
    established = fact("b", "high_education_share_established", 20, document="nomibe")
    with pytest.raises(InputError, match=r"(?s)config/indicators.yaml: indicator 'high_education_gap_pp' .* would "
                                         r"compare values of different definitions: .*'ISCED 5-8 among foreign "
                                         r"citizens \(EU-LFS\)'.*no definition declared"):
        compute_indicators([recent, established], declared=DECLARED)
    same = fact("b", "high_education_share_established", 20, definition=recent["definition"])
    assert [r["value"] for r in compute_indicators([recent, same], declared=DECLARED)] == [12]
