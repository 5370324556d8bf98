"""A data file's series in the brief: its years, latest value, breaks, and a change computed
only within its latest unbroken stretch, never from a value of low reliability."""

from policybrief.brief.series import series_updates
from policybrief.core.numbers import Number


def row(period, value, flag="", indicator="employment_rate_foreign", document=""):
    return {"fact_id": f"{indicator}_{period}", "document": document, "indicator": indicator, "label": "Rate",
            "value": str(value), "value_text": str(value), "unit": "percent", "period": str(period),
            "geography": "Belgium", "group": "Foreign citizens", "flag": flag, "source": "Eurostat, LFSA_ERGAN"}


def series_of(rows, facts=()):
    numbers = [Number(r, r["fact_id"]) for r in rows]
    return series_updates(numbers, list(facts) + rows)


def test_the_change_runs_from_the_latest_break_to_the_latest_year():
    rows = [row(2019, 58.2), row(2020, 57.1), row(2021, 59.2, "b"), row(2022, 61.0), row(2023, 60.0),
            row(2024, 61.0)]
    [series], listed = series_of(rows)
    assert listed == []
    assert (series.span.first, series.span.last) == (2019, 2024)
    assert [b.row["period"] for b in series.breaks] == ["2021"]
    assert series.since.row["period"] == "2021" and series.direction == "up"
    change = series.change.derived
    assert round(change.value, 1) == 1.8 and change.formula == "latest - since"
    assert {name: ref.id for name, ref in change.inputs.items()} == {
        "latest": "employment_rate_foreign_2024", "since": "employment_rate_foreign_2021"}
    assert series.change_unit == " percentage points"


def test_without_a_break_the_change_runs_from_the_first_year_and_a_fall_is_down():
    [series], _ = series_of([row(2014, 39.4), row(2015, 39.0), row(2016, 38.8)])
    assert series.since.row["period"] == "2014" and series.direction == "down"
    assert series.change.derived.formula == "since - latest" and round(series.change.value, 1) == 0.6


def test_no_change_is_computed_from_a_value_of_low_reliability_or_within_one_year():
    [series], _ = series_of([row(2020, 50), row(2021, 52), row(2022, 55, "u")])
    assert series.change is None and series.latest_unreliable and series.direction == ""
    [series], _ = series_of([row(2020, 50), row(2021, 52), row(2022, 55, "b")])
    assert series.change is None  # the latest stretch has one value


def test_short_runs_and_the_documents_indicators_are_listed_one_by_one():
    document = row(2005, 40, indicator="share", document="nomibe")
    rows = [row(2023, 60.0), row(2024, 61.0), row(2006, 41, indicator="share"), row(2007, 42, indicator="share"),
            row(2008, 43, indicator="share")]
    series, listed = series_of(rows, [document])
    assert series == [] and [n.row["period"] for n in listed] == ["2023", "2024", "2006", "2007", "2008"]


def test_a_change_from_a_year_names_the_breaks_it_crosses_and_a_headline_is_never_unreliable():
    import pytest

    from policybrief.brief.marks import TemplateMistake

    rows = [row(2006, 51.0), row(2011, 53.4, "b"), row(2017, 56.6, "b"), row(2024, 61.0)]
    [series], _ = series_of(rows)
    change = series.change_from("2006")
    assert change.direction == "up" and round(change.value, 1) == 10.0 and change.across_breaks
    assert [b.row["period"] for b in change.breaks] == ["2011", "2017"]
    assert not series.change_from("2017").across_breaks
    with pytest.raises(TemplateMistake, match="a period the series does not have"):
        series.change_from("1990")
    assert "61.0" in series.headline
    [unreliable], _ = series_of([row(2020, 50), row(2021, 52), row(2022, 55, "u")])
    with pytest.raises(TemplateMistake, match="a value of low reliability"):
        print(unreliable.headline)


def test_a_series_says_when_its_data_date_from_and_the_ledger_checks_the_date():
    import pytest

    from policybrief.brief.ledger import Sources, build_ledger
    from policybrief.brief.marks import Marks, TemplateMistake
    from policybrief.brief.templates import template_environment

    rows = [{**row(year, 60 + year - 2020), "vintage": "2025-06"} for year in (2020, 2021, 2022)]
    [series], _ = series_of(rows)
    assert series.vintage == "June 2025"
    assert series.vintage.mark == {"kind": "date", "table": "facts", "id": "employment_rate_foreign_2022",
                                   "column": "vintage", "period": ""}
    marks = Marks()
    text = template_environment(marks=marks).from_string("Data as of {{ s.vintage }}.\n").render(s=series)
    qmd, taken = marks.take(text)
    ledger, problems = build_ledger(qmd, Sources(rows, [], [], [], [], {"date": "2026-12-07"}), marks=taken)
    assert problems == [] and [(r["shown"], r["kind"], r["id"]) for r in ledger] == [
        ("2025", "date", "employment_rate_foreign_2022")]
    # A year the row's date does not hold stops the check.
    wrong = [{**mark, "shown": mark["shown"].replace("2025", "2024")} for mark in taken]
    _, problems = build_ledger(qmd.replace("2025", "2024"), Sources(rows, [], [], [], [], {"date": "2026-12-07"}),
                               marks=wrong)
    assert any("not in the date of facts" in problem for problem in problems), problems
    # A plug-in CSV file's series has no date to give: the template is told so.
    [undated], _ = series_of([row(year, 60) for year in (2020, 2021, 2022)])
    with pytest.raises(TemplateMistake, match="its file does not say"):
        print(undated.vintage)


def test_a_series_is_told_between_its_breaks_and_says_where_its_change_came():
    # The tertiary share: a rise mostly in the years of its breaks (2017, 2021).
    rows = [row(2014, 30.5), row(2016, 31.1), row(2017, 33.6, "b"), row(2020, 36.1), row(2021, 39.4, "b"),
            row(2024, 38.8)]
    [series], _ = series_of(rows)
    stretches = series.stretches
    assert [(s.first.row["period"], s.last.row["period"]) for s in stretches] == [
        ("2014", "2016"), ("2017", "2020"), ("2021", "2024")]
    assert round(stretches.within, 1) == 2.5 and round(stretches.total, 1) == 8.3
    assert stretches.mostly_at_breaks and not stretches.mostly_within
    # An indicator computed each year (the gap's rows) split at the same breaks: its change
    # came within the stretches.
    from policybrief.brief.marks import Derived

    gaps = [{"period": str(year), "derived": Derived(value, "n - f", {}, "indicators", "gap", str(year))}
            for year, value in ((2014, 11.0), (2016, 7.9), (2017, 9.6), (2020, 7.6), (2021, 7.0), (2024, 6.7))]
    of_gap = series.stretches_of(gaps)
    assert [(s.first["period"], s.last["period"]) for s in of_gap] == [("2014", "2016"), ("2017", "2020"),
                                                                       ("2021", "2024")]
    assert of_gap.mostly_within and round(of_gap.within, 1) == -5.4 and round(of_gap.total, 1) == -4.3
    # A series without breaks is one stretch, its change all within it.
    [unbroken], _ = series_of([row(2020, 50.0), row(2021, 52.0), row(2022, 55.0)])
    assert len(unbroken.stretches) == 1 and unbroken.stretches.mostly_within


def test_a_value_s_source_may_follow_a_semicolon_inside_its_parentheses_but_not_outside():
    from policybrief.brief.ledger import Sources, build_ledger
    from policybrief.brief.marks import Marks
    from policybrief.brief.templates import template_environment

    rows = [row(year, 60 + year - 2020) for year in (2020, 2021, 2022)]
    [series], _ = series_of(rows)

    def problems_of(text):
        marks = Marks()
        qmd, taken = marks.take(template_environment(marks=marks).from_string(text).render(s=series))
        return build_ledger(qmd, Sources(rows, [], [], [], [], {"date": "2026-12-07"}), marks=taken)[1]

    assert problems_of("The rate was {{ s.latest.shown }} ({{ s.latest.when }}; {{ s.latest.source | md }}).\n") == []
    # A semicolon outside parentheses ends the sentence: the value is left without its source.
    outside = problems_of("The rate was {{ s.latest.shown }} in {{ s.latest.when }}; {{ s.latest.source | md }}.\n")
    assert any("does not name its source" in problem for problem in outside), outside
