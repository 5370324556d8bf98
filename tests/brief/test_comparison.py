"""A computed difference in the brief's place beside other places' in the same year: what the
brief may say of it is computed (wider, reversed, which input makes the difference), never typed."""

from types import SimpleNamespace

import pytest

from policybrief.brief.comparison import places_compared
from policybrief.brief.marks import Derived, TemplateMistake

DECLARED = {"computed": [{"name": "employment_gap_pp", "formula": "nationals - foreign"},
                         {"name": "ratio", "formula": "nationals / foreign"}]}


def entry(place, nationals, foreign, period="2024", years=1):
    row = {"geography": place, "group": "", "period": period, "nationals": SimpleNamespace(value=nationals),
           "foreign": SimpleNamespace(value=foreign), "derived": Derived(round(nationals - foreign, 1), "x")}
    return {**row, "series": [row] * years}


# Eurostat's LFSA_ERGAN, 2024: Belgium's series over the years, its neighbours in 2024 only.
ENTRIES = [entry("the Netherlands", 83.2, 72.0), entry("Belgium", 67.7, 61.0, years=19), entry("Germany", 80.0, 66.0),
           entry("France", 69.9, 59.3), entry("Luxembourg", 65.7, 73.6), entry("Austria", 75.7, 68.9, period="2023")]


def places(entries):
    return [e["geography"] for e in entries]


def test_the_brief_s_place_is_the_one_with_a_series_and_the_others_are_of_its_year():
    compared = places_compared({"employment_gap_pp": ENTRIES}, DECLARED)["employment_gap_pp"]
    assert compared.home["geography"] == "Belgium"
    # Austria's value is of another year: it is not set beside Belgium's 2024.
    assert places(compared.others) == ["Luxembourg", "France", "the Netherlands", "Germany"]
    assert places(compared.wider) == ["France", "the Netherlands", "Germany"]
    assert places(compared.reversed) == ["Luxembourg"]
    assert places(compared.higher("foreign")) == ["Luxembourg", "the Netherlands", "Germany"]
    assert places(compared.lower("foreign")) == ["France"]
    assert places(compared.higher("nationals")) == ["the Netherlands", "Germany", "France"]


def test_a_wider_gap_elsewhere_is_said_to_come_from_the_input_that_makes_it():
    compared = places_compared({"employment_gap_pp": ENTRIES}, DECLARED)["employment_gap_pp"]
    # Foreign citizens were more often employed in the Netherlands and Germany than in Belgium:
    # their wider gap comes from the nationals' rate alone. France's comes from both.
    assert places(compared.wider_only_from("nationals")) == ["the Netherlands", "Germany"]
    assert places(compared.wider_only_from("foreign")) == []
    # Nationals were more often employed in each place where the gap is wider, France included.
    assert compared.wider_with_higher("nationals") == compared.wider
    lower_france = [e if e["geography"] != "France" else entry("France", 66.9, 56.3) for e in ENTRIES]
    compared = places_compared({"employment_gap_pp": lower_france}, DECLARED)["employment_gap_pp"]
    assert places(compared.wider_with_higher("nationals")) == ["the Netherlands", "Germany"]
    with pytest.raises(TemplateMistake, match="of a difference of 'nationals' and 'foreign'"):
        compared.wider_only_from("women")


def test_no_comparison_without_one_place_to_compare_from_or_a_difference():
    one_place = [entry("Belgium", 67.7, 61.0, years=19)]
    no_home = [entry("Belgium", 67.7, 61.0), entry("Germany", 80.0, 66.0)]
    assert places_compared({"employment_gap_pp": one_place, "ratio": ENTRIES}, DECLARED) == {}
    assert places_compared({"employment_gap_pp": no_home}, DECLARED) == {}
