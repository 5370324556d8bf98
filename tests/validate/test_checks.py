import pytest

from policybrief.validate.checks import Scope, evaluate, load_checks, run_checks

from conftest import FIRST_EDITION

FACTS = [{"fact_id": "total", "value": "25"}, {"fact_id": "a", "value": "10"}, {"fact_id": "b", "value": "14"}]
ITEMS = [{"list": "recs", "audience": "NGOs"}] * 5 + [{"list": "recs", "audience": "Enterprises"}] * 2


def test_expressions_name_facts_list_items_and_indicator_sums():
    scope = Scope(FACTS, ITEMS, [{"indicator": "share", "value": "60"}, {"indicator": "share", "value": "40"}])
    assert evaluate("a + b", scope) == 24
    assert evaluate("100 * (total - a) / total", scope) == 60
    assert evaluate('items("recs", "NGOs")', scope) == 5 and evaluate('items("recs")', scope) == 7
    assert evaluate('indicator_sum("share")', scope) == 100


@pytest.mark.parametrize("expression", ["__import__('os')", "a.real", "open('x')", "[a]", "a ** 2"])
def test_anything_but_arithmetic_is_refused(expression):
    with pytest.raises(ValueError):
        evaluate(expression, Scope(FACTS))


def test_a_check_outside_its_tolerance_and_a_missing_fact_are_reported():
    checks = [{"id": "sum", "stage": "s", "stated": "total", "computed": "a + b"},
              {"id": "gone", "stage": "s", "stated": "total", "computed": "c"},
              {"id": "close", "stage": "s", "stated": "total", "computed": "a + b", "tolerance": 1,
               "severity": "warning"}]
    rows = {r["check"]: r for r in run_checks(checks, "s", Scope(FACTS))}
    assert rows["sum"]["within_tolerance"] == "false" and rows["sum"]["difference"] == -1
    assert rows["gone"]["within_tolerance"] == "false" and "'c'" in rows["gone"]["description"]
    assert rows["close"]["within_tolerance"] == "true" and rows["close"]["severity"] == "warning"
    assert rows["sum"]["inputs"] == "total;a;b"


def test_the_declared_checks_are_well_formed():
    checks = load_checks(FIRST_EDITION / "config" / "arithmetic.yaml")
    assert {c["stage"] for c in checks} == {"sources", "indicators"}
    assert len({c["id"] for c in checks}) == len(checks)


def test_a_zero_denominator_names_the_value_and_the_plugin_row_it_came_from():
    facts = FACTS + [{"fact_id": "zero", "value": "0", "origin": "data/supplementary/u.csv row 3"}]
    [row] = run_checks([{"id": "share", "stage": "s", "stated": "a", "computed": "100 * a / zero"}], "s", Scope(facts))
    assert row["within_tolerance"] == "false"
    assert "division by zero: zero is 0 (data/supplementary/u.csv row 3)" in row["description"]


CHECKS = """checks:
  - id: total
    stage: sources
    description: The parts add up to the total
    stated: total
    computed: a + b
  - id: by_region
    stage: sources
    description: The regions add up to the total
    stated: total
    computed: {computed}
"""


@pytest.mark.parametrize("computed, problem", [
    ("__import__('os')", "{expression} is not arithmetic"),
    ("1 +", "{expression} is not a complete expression (invalid syntax)"),
    ("a + open('x')", "{expression} holds \"open('x')\", which is not arithmetic"),
    ('items("recs", "NGOs", "more")', "{expression} calls items() or indicator_sum() with the wrong number of names"),
    ("a ** 2", "{expression} is not arithmetic"),
])
def test_an_expression_that_is_not_arithmetic_stops_at_its_line_naming_the_check(tmp_path, computed, problem):
    from policybrief.core.errors import InputError

    path = tmp_path / "arithmetic.yaml"
    path.write_text(CHECKS.format(computed=f"'{computed}'" if '"' in computed else f'"{computed}"'), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_checks(path)
    message = str(raised.value)
    assert message.startswith(f'{path}: line 11: checks[1] (id "by_region").computed: '), message
    assert problem.format(expression=repr(computed)) in message, message
    assert ('What to do: write arithmetic only: fact ids (the fact_id column of data/processed/facts.csv), numbers, '
            '+ - * / and brackets, items("<list id>")') in message, message
