"""Many editions, generated: plug-in sets (replacements, new periods for one or both sides of
a comparison, new indicators, misspellings, a zero denominator, several files at once) run
through the stages from the merge to the brief's self-check, as functions on the first
edition's tables. Each set either fails with a message naming its file and row, or gives a
brief whose every number traces (the self-check passes) and whose every comparison is
within one period."""

import csv
import io
import json
import re
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policybrief.brief.context import EditionTables, annex_context, brief_context, figure_entry, sic_words
from policybrief.brief.ledger import Sources, check_numbers
from policybrief.brief.source import linked_brief
from policybrief.brief.templates import render_source
from policybrief.compute.indicators import compute_indicators, declared_indicators
from policybrief.core.errors import InputError
from policybrief.core.formatting import format_number
from policybrief.core.periods import period_order, period_shown
from policybrief.core.tables import write_rows
from policybrief.editions.changes import edition_changes, edition_changes_context
from policybrief.extract.merge import fact_order
from policybrief.extract.supplementary import load_plugin_schema, merge_plugins, read_plugin
from policybrief.figures.draw import draw_figure
from policybrief.figures.specs import figure_kinds, figure_specs, figures_always, figures_over_periods
from policybrief.workflow import WORKFLOW

from conftest import FIRST_EDITION, brief_sentences, read_csv, without_evidence_links

pytestmark = pytest.mark.e2e  # on the shared first-edition build
HEADER = ["indicator", "geography", "group", "period", "value", "unit", "source", "label"]
# The edition's computed indicators, and the facts the education gap is computed from.
DECLARED = declared_indicators(FIRST_EDITION / "config/indicators.yaml")
RECENT, ESTABLISHED = DECLARED["computed"][0]["inputs"].values()
OVERALL = "Naturalised and non-naturalised foreigners"
GROUPS = [OVERALL, "EU foreigners", "Turks and Moroccans"]
EDITION = {"number": 2, "name": "Second edition", "date": "2027-03-01", "title": "T", "short_title": "T",
           "subtitle": "S", "publisher": "P", "author": "A", "contact": "C", "language": "en"}
FIRST = {"number": 1, "name": "First edition", "date": "2026-11-23", "folder": "editions/2026-11-23"}

percent = st.decimals(min_value=0, max_value=100, places=1).map(lambda d: f"{d.normalize():f}")
count = st.integers(min_value=1, max_value=2_000_000).map(str)


def education_rows():
    """A share of the highly educated for one side of the comparison, one group, one period."""
    return st.builds(lambda side, group, period, value: [side, "Belgium", group, period, value, "percent",
                                                         "Labour force survey", ""],
                     st.sampled_from([RECENT, ESTABLISHED]), st.sampled_from(GROUPS),
                     st.sampled_from(["2001-2005", "2006-2010", "2011-2015"]), percent)


def replacement_rows(facts, sources=("Register",), values=None):
    """A new value for a statistic a document states (same key, same unit), from one of
    `sources`; `values` the strategies of a percent and a count."""
    known = [f for f in facts if f["document"] and f["period"] and f["unit"] in ("percent", "count")]
    shares, counts = values or (percent, count)
    return st.tuples(st.sampled_from(known), st.sampled_from(sources)).flatmap(
        lambda pair: (shares if pair[0]["unit"] == "percent" else counts).map(
            lambda value: [pair[0]["indicator"], pair[0]["geography"], pair[0]["group"], pair[0]["period"], value,
                           pair[0]["unit"], pair[1], ""]))


new_indicator_rows = st.builds(lambda name, label, value: [name, "Belgium", "", "2010", value, "count",
                                                            "Office", label],
                               st.sampled_from(["asylum_applications", "naturalisations"]),
                               st.sampled_from(["", "Applications filed"]), count)
misspelt_rows = st.builds(lambda value: ["high_educaton_share_recent", "Belgium", OVERALL, "2006-2010", value,
                                         "percent", "LFS", ""], percent)
zero_rows = st.just(["immigrants_national_definition", "Belgium", "", "2005", "0", "count", "Register", ""])


class Tables(dict):
    """The first edition's tables; short in Hypothesis' report of a failing example."""

    def __repr__(self):
        return "<the first edition's tables>"


@pytest.fixture(scope="module")
def first_edition(built):
    tables = Tables({name: read_csv(built / f"data/processed/{name}.csv")
              for name in ("documents", "facts", "recommendations", "lists", "statements", "indicators")})
    tables["facts"] = [f for f in tables["facts"] if f["document"]]  # as extracted, before any plug-in
    tables["validation"] = json.loads((built / "reports/validation/results.json").read_text(encoding="utf-8"))
    tables["checks"] = [row for path in sorted(built.glob("data/processed/checks_*.csv")) for row in read_csv(path)]
    return tables


def plugin_sets(facts):
    row = st.one_of(education_rows(), education_rows(), replacement_rows(facts), new_indicator_rows,
                    misspelt_rows, zero_rows)
    rows = st.lists(row, min_size=1, max_size=8, unique_by=lambda r: tuple(r[:4]))
    return rows.flatmap(lambda rs: st.lists(st.integers(0, 2), min_size=len(rs), max_size=len(rs)).map(
        lambda files: [[r for r, f in zip(rs, files) if f == n] for n in range(3) if n in files]))


def write_plugins(folder: Path, files) -> list[Path]:
    paths = []
    for number, rows in enumerate(files, start=1):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows([HEADER, *rows])
        path = folder / f"update-{number}.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        paths.append(path)
    return paths


def figure_entries(tables, folder: Path) -> list[dict]:
    from policybrief.core.periods import series_over_periods

    specs = figure_specs(FIRST_EDITION / "config/figures.yaml")
    kinds = figure_kinds(FIRST_EDITION / "config/figures.yaml")
    names = figures_always(kinds)
    names += figures_over_periods(kinds) if series_over_periods(tables["facts"], tables["indicators"]) else []
    entries = []
    for name in names:
        figure, meta, rows = draw_figure(name, {**tables, "declared": DECLARED}, specs)
        plt.close(figure)
        data = folder / f"{name}.csv"
        write_rows(data, rows, list(rows[0]) if rows else ["no_data"])
        entries.append(figure_entry({"name": name, "data": f"figures/{name}.csv", **meta}, data))
    return entries


def brief_of(first, paths, folder, limits=None, template=FIRST_EDITION / "config/brief.qmd.j2"):
    """The stages merge → indicators → figures → brief source → self-check, as the DAG runs them."""
    schema = load_plugin_schema(WORKFLOW / "schemas/plugin.schema.json")
    plugin_rows = [row for path in paths for row in read_plugin(path, schema)]
    facts = sorted(merge_plugins(first["facts"], plugin_rows), key=fact_order)
    indicators = compute_indicators(facts, first["recommendations"], DECLARED)
    tables = {**first, "facts": facts, "indicators": indicators, "limits": limits}
    changes = edition_changes(first, tables)
    edition_tables = EditionTables(
        documents=first["documents"], facts=facts, recommendations=first["recommendations"], indicators=indicators,
        lists=first["lists"], statements=first["statements"], figures=figure_entries(tables, folder),
        changes=edition_changes_context(changes, FIRST), declared=DECLARED,
        sic=sic_words(sorted((FIRST_EDITION / "config/catalogue").glob("*.yaml"))))
    context = annex_context(edition_tables, EDITION, limits, first["validation"], first["checks"])
    # As the build writes it: each number linked to its evidence.
    qmd, marks = linked_brief(template, brief_context(edition_tables, EDITION, limits),
                              edition_tables)
    sources = Sources(facts, indicators, first["documents"], first["recommendations"], first["lists"], EDITION,
                      changes, FIRST)
    return without_evidence_links(qmd), check_numbers(qmd, sources, marks=marks), context, facts


def latest_common_period(facts, group):
    sides = {side: {f["period"] for f in facts if f["indicator"] == side and f["group"] == group
                    and f["geography"] == "Belgium"} for side in (RECENT, ESTABLISHED)}
    return max(sides[RECENT] & sides[ESTABLISHED], key=period_order)


@settings(max_examples=30, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_every_plugin_set_builds_a_brief_that_checks_itself_or_fails_clearly(first_edition, data):
    files = data.draw(plugin_sets(first_edition["facts"]))
    with tempfile.TemporaryDirectory() as folder:
        paths = write_plugins(Path(folder), files)
        try:
            qmd, ledger, context, facts = brief_of(first_edition, paths, Path(folder))
        except InputError as error:
            # A clear failure names a plug-in file and its row, and says what to do.
            assert any(path.as_posix() in str(error) for path in paths), str(error)
            assert "row " in str(error) and "What to do" in str(error), str(error)
            return
    # Every number traces (check_numbers raised otherwise); now every comparison is within one period.
    for pair in context["derived"]["high_education_gap_pp"]:
        for row in pair["series"]:
            assert row["recent"].period == row["established"].period == row["computed"].row["period"]
            assert row["computed"].value == pytest.approx(row["recent"].value - row["established"].value)
    period = latest_common_period(facts, OVERALL)
    headline = next(line for line in qmd.splitlines()
                    if line.startswith("- **They were ") and " earlier migrants (" in line)
    assert f"migrants ({period_shown(period)}).**" in headline
    # the words of the headline follow the sign of the gap it prints
    overall = next(pair for pair in context["derived"]["high_education_gap_pp"] if pair["group"] == OVERALL)
    words = ("better educated than" if overall["computed"].value > 0 else "less often highly educated than"
             if overall["computed"].value < 0 else "as often highly educated as")
    assert headline.startswith(f"- **They were {words} earlier migrants")
    in_headline = [row for row in ledger if row["section"] == "Key findings"
                   and "had a high level of education, against" in row["sentence"]
                   and row["table"] in ("facts", "indicators") and row["kind"] not in ("period", "derived")]
    assert len(in_headline) >= 2 and {row["period"] for row in in_headline} == {period}, in_headline


@pytest.fixture(scope="module")
def first_brief(first_edition, tmp_path_factory):
    """The first edition's brief, written from its tables with no data file."""
    return Brief(brief_of(first_edition, [], tmp_path_factory.mktemp("no-data-file"))[0])


class Brief(str):
    """A brief's source; short in Hypothesis' report of a failing example."""

    def __repr__(self):
        return "<the first edition's brief>"


# Sources named by words that no brief of the first edition uses, so that a sentence names one
# only where it prints that source's value.
SOURCES = ("Register", "Statbel labour survey", "Ministry of Work")
# The lines that count or list the data files' values: each names the sources in its items.
# Values no sentence of the first edition holds ("37.3%", "123,457"), so that a sentence holds
# one only where it prints it.
DISTINCT = (st.integers(1, 999).filter(lambda tenths: tenths % 10).map(lambda tenths: f"{tenths / 10:.1f}"),
            st.integers(100_001, 2_000_000).map(str))
BOXES = ("::: {#data-updates", "**Data updates in this edition.**", "**Changes since the previous edition.**")


@settings(max_examples=12, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_replaced_value_is_printed_only_in_sentences_that_name_its_source(first_edition, first_brief, data):
    rows = data.draw(st.lists(replacement_rows(first_edition["facts"], SOURCES, DISTINCT), min_size=1, max_size=3,
                              unique_by=lambda row: tuple(row[:4])))
    with tempfile.TemporaryDirectory() as folder:
        qmd, *_ = brief_of(first_edition, write_plugins(Path(folder), [rows]), Path(folder))
    old, new = brief_sentences(first_brief), brief_sentences(qmd)
    sources_of = {}  # each value as the brief prints it -> the sources of the rows that give it
    for row in rows:
        sources_of.setdefault(format_number(float(row[4]), unit=row[5]), set()).add(row[6])
    for sentence in new.keys() - old.keys():
        if sentence.startswith(BOXES) or new[sentence].startswith(BOXES):
            continue
        shown = [value for value in sources_of
                 if re.search(rf"(?<![\d.,]){re.escape(value)}(?![\d]|[.,]\d)", sentence)]
        # A sentence that prints a data file's value names that file's source (a table's
        # cell, in the table's caption)...
        named_in = sentence + (caption_of(qmd, new[sentence]) if new[sentence].startswith("|") else "")
        assert all(any(source in named_in for source in sources_of[value]) for value in shown), (shown, sentence)
        # ...and one that prints none says what the data files show, naming them, or is a
        # judgement that follows the data in a paragraph of the first edition (no paragraph
        # is new but the boxes that list the data files' values).
        if not shown:
            assert any(source in sentence for source in SOURCES) or lead(new[sentence]) in {
                lead(line) for line in old.values()}, sentence


def caption_of(qmd: str, row: str) -> str:
    """The caption of the table that holds a row (the first caption line after it)."""
    lines = without_evidence_links(qmd).splitlines()
    after = next(index for index, line in enumerate(lines) if " ".join(line.split()) == row)
    return next(line for line in lines[after:] if line.startswith(": "))


def lead(line: str) -> str:
    """How a paragraph or list item begins: its bold lead-in ("**Education.**"), else its first words."""
    bold = re.match(r"(?:- )?\*\*[^*]+\*\*", line)
    return bold.group() if bold else " ".join(line.split()[:3])


def test_a_data_file_s_value_printed_without_its_source_fails_the_check(first_edition, tmp_path):
    (fact,) = [f for f in first_edition["facts"] if f["fact_id"] == "permits_brussels_share_women"]
    row = [fact["indicator"], fact["geography"], fact["group"], fact["period"], "37.5", "percent", "Register", ""]
    template = tmp_path / "brief.qmd.j2"
    added = "\nThe study found {{ facts.permits_brussels_share_women.bounded }} women.\n"
    template.write_text((FIRST_EDITION / "config/brief.qmd.j2").read_text(encoding="utf-8") + added, encoding="utf-8")
    with pytest.raises(InputError, match="a value of a data file printed in a sentence that does not name its "
                                         "source, 'Register'"):
        brief_of(first_edition, write_plugins(tmp_path, [[row]]), tmp_path, template=template)


def test_a_long_data_file_is_summarised_in_the_brief_and_the_figure(first_edition, tmp_path):
    rows = [["permit_holders_share_women", "Brussels", "Highly qualified work-permit holders", "2006", "25",
             "percent", "Register", ""]]
    rows += [["registered_residents", f"Municipality {i // 2:03d}", "", str(2010 + i % 2), str(1000 + i), "count",
              "Population register", "Registered residents"] for i in range(40)]
    limits = {"brief_listed_values": 3, "figure_panels": 2, "annex_rows": 5}
    qmd, ledger, context, _ = brief_of(first_edition, write_plugins(tmp_path, [rows]), tmp_path, limits)
    box = qmd[qmd.index("**Data updates in this edition.**"):qmd.index(":::", qmd.index("**Data updates"))]
    assert "41 values come from data files" in box and "those that replace a document's value come first" in box
    listed = [line for line in box.splitlines() if line.startswith("- ")]
    assert len(listed) == 4 and "replacing 11 stated in the document" in listed[0]
    assert listed[-1] == "- The others are listed in the [annex](annex.html#sec-plugin-data)."
    figure = context["figures"]["periods"]
    assert len({row["series"] for row in figure["rows"]}) == 2 and "the first ones" in figure["caption"]
    annex = render_source(FIRST_EDITION / "config/annex.qmd.j2", context, WORKFLOW / "report")
    assert "the first 5 of 41" in annex and "All 41 are in the table `facts.csv`" in annex
