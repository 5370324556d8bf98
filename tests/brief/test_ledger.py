"""The brief checks itself: every number it prints traces to a row, derived numbers recompute.
What a number the brief makes itself is, its template says through a mark; the ledger reads
the marks, never the brief's words."""

import ast
import re
from pathlib import Path

import pytest

from policybrief.brief import ledger as ledger_module
from policybrief.brief.context import EDITION_DATE
from policybrief.brief.ledger import Sources, build_ledger, check_numbers
from policybrief.brief.marks import Derived, Marks, Ref, Span, marks_file, read_marks
from policybrief.brief.templates import render_source, template_environment
from policybrief.core.errors import InputError
from policybrief.core.numbers import Number, Shown

from conftest import FIRST_EDITION

FACTS = [
    {"fact_id": "recent", "document": "doc", "indicator": "share_recent", "label": "Recent", "value": "32",
     "unit": "percent", "period": "2001-2005", "qualifier": "approx", "value_text": "32",
     "wording": "{value} of recent migrants"},
    {"fact_id": "old", "document": "doc", "indicator": "share_old", "label": "Old", "value": "20", "unit": "percent",
     "period": "2001-2005", "qualifier": "", "value_text": "20", "wording": "{value} of earlier ones"},
    {"fact_id": "end", "document": "doc", "indicator": "timeline", "label": "End", "value": "1974",
     "unit": "calendar year", "period": "", "qualifier": "", "value_text": "1974", "wording": ""},
]
DOCUMENTS = [{"document": "doc", "date": "2008-10-30"}, {"document": "study", "date": "2012-07"}]
RECOMMENDATIONS = [{"list": "recs", "item_id": "recs:31", "audience": "Public authorities", "number": "31"}]
EDITION = {"date": "2026-11-23"}
FRONT = "---\ntitle: A brief\n---\n\n## Summary {#sec-summary}\n\n"
SHARES = {"recent": Ref("facts", "recent", "value"), "old": Ref("facts", "old", "value")}
GAP = Derived(12, "recent - old", SHARES, "indicators", "gap/All", "2001-2005")
YEARS_OLD = Derived(14, "edition - newest", {"edition": Ref("edition", "date", "date"),
                                             "newest": Ref("documents", "study", "date")},
                    "documents", "edition year − newest source's year")
SPAN = Span(1974, 2012, Ref("facts", "end", "value"), Ref("documents", "study", "date"))


def sources():
    return Sources(FACTS, [], DOCUMENTS, RECOMMENDATIONS, [], EDITION)


def rendered(body: str, **context) -> tuple[str, list[dict]]:
    """The source and the marks a template body leaves, as write_brief_source has them."""
    marks = Marks()
    text = template_environment(marks=marks).from_string(FRONT + body).render(**context)
    return marks.take(text)


def ledger(body, **context):
    qmd, marks = rendered(body, **{**TABLES, **context})
    rows, problems = build_ledger(qmd, sources(), marks=marks)
    return {(row["shown"], row["kind"], row["id"]) for row in rows}, problems


# What the template prints from: the facts, the documents and the edition's date.
TABLES = {"facts": {f["fact_id"]: Number(f, f["fact_id"]) for f in FACTS},
          "doc": DOCUMENTS[0], "study": DOCUMENTS[1], "edition_date": Shown("23 November 2026", EDITION_DATE)}
BODY = ("In {{ facts.recent.when }}, {{ facts.recent.says }} had it, against {{ facts.old.says }}: "
        "a gap of approximately {{ gap | derived }} percentage points. "
        "Since {{ facts.end }} the permit ruled; the newest source was published in {{ study | published }}, "
        "{{ years_old | derived }} years before this brief. The evidence refers to {{ span | span }}. "
        "See [no\\. 31](annex.html#rec-recs-31) and [Author, {{ doc | published }}](annex.html#fact-recent). "
        "Edition of {{ edition_date }}.\n\n"
        "| Priority | Group | Under | Over | Gap (points) |\n|:--|:--|--:|--:|--:|\n"
        "| {{ 1 | rank(\"priority\") }} | All | {{ facts.recent.bounded }} | {{ facts.old.shown }} "
        "| {{ gap | derived }} |\n")


def test_each_number_is_told_apart_and_traced_to_its_row():
    rows, problems = ledger(BODY, gap=GAP, years_old=YEARS_OLD, span=SPAN)
    assert not problems
    assert {("2001–2005", "period", "recent"), ("32", "fact", "recent"), ("20", "fact", "old"),
            ("1974", "fact", "end"), ("2012", "year", "study"), ("31", "reference", "recs:31"),
            ("2008", "year", "doc"), ("23", "date", "date"), ("2026", "date", "date"), ("1", "rank", "priority"),
            ("1974–2012", "span of years", "end to study")} <= rows
    assert ("14", "derived", "edition year − newest source's year") in rows
    assert ("12", "derived", "gap/All") in rows


def test_the_words_around_a_marked_number_do_not_matter():
    reworded = (BODY.replace("a gap of approximately", "a difference of some").replace("percentage points", "pp")
                .replace("years before this brief", "years earlier than today").replace("Priority", "Rank")
                .replace("Gap (points)", "Difference"))
    assert ledger(reworded, gap=GAP, years_old=YEARS_OLD, span=SPAN) == ledger(BODY, gap=GAP, years_old=YEARS_OLD,
                                                                              span=SPAN)


def test_a_derived_number_is_recomputed_from_the_rows_its_mark_names():
    wrong = Derived(15, "recent - old", SHARES, "indicators", "gap/All", "2001-2005")
    _, problems = ledger("A gap of {{ gap | derived }} points.", gap=wrong)
    assert any("does not recompute from the rows it names, recent, old (expected 12): '15'" in p for p in problems)
    _, problems = ledger("Published {{ years | derived }} years ago.",
                         years=Derived(9, YEARS_OLD.formula, YEARS_OLD.inputs, "documents", YEARS_OLD.id))
    assert any("(expected 14): '9'" in p for p in problems), problems
    _, problems = ledger("A gap of {{ gap | derived }}.", gap=Derived(12, "recent - old", {
        "recent": Ref("facts", "recent", "value"), "old": Ref("facts", "gone", "value")}))
    assert any("whose input 'old' is no number of the tables" in p for p in problems), problems


def test_a_negative_gap_reads_with_its_minus_sign_and_fewer_recomputes_reversed():
    rows, problems = ledger("| Group | Gap |\n|:--|--:|\n| All | {{ gap | derived }} |\n"
                            "\nAgainst them: {{ gap.negated | derived }} points fewer.\n",
                            gap=Derived(-12, "old - recent", SHARES, "indicators", "gap/All"))
    assert problems == [] and ("−12", "derived", "gap/All") in rows and ("12", "derived", "gap/All") in rows
    _, problems = ledger("| All | {{ gap | derived }} |\n", gap=Derived(-12, "recent - old", SHARES))
    assert len(problems) == 1 and "'−12'" in problems[0] and "expected 12" in problems[0]


def test_a_span_and_a_rank_are_checked_against_their_mark():
    _, problems = ledger("From {{ span | span }}.", span=Span(1975, 2012, SPAN.first_from, SPAN.last_from))
    assert any("expected 1974–2012" in p for p in problems), problems
    assert ledger("| {{ 2 | rank(\"priority\") }} | All |")[1] == []


def test_an_unmarked_number_is_not_taken_for_what_its_words_say():
    # Without a mark, "years before this brief" makes no derived number, nor "Priority" a rank.
    _, problems = ledger("Published in 2012, 9 years before this brief.\n\n| Priority | Group |\n|:--|:--|\n"
                         "| 7 | All |\n")
    assert sum("a number the template printed without saying what it is" in p for p in problems) == 3, problems


@pytest.mark.parametrize("body, problem", [
    # A number that matches a row by its value alone is an error, which names that row.
    ("In 2012, 20\\% of migrants were women.", "printed without saying what it is (it matches facts 'old', but only "
                                              "by its value): '20' in “In 2012, 20% of migrants were women.”"),
    ("In 2012, nothing happened.", "(it matches documents 'study', but only by its value): '2012'"),
    ("In 1995–1999 it grew.", "a number the template printed without saying what it is: '1995–1999'"),
])
def test_a_number_of_the_body_that_no_mark_says_is_an_error_quoted_with_its_sentence(body, problem):
    _, problems = ledger(body)
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize("title, problem", [
    ("In 2019, 42% of migrants were women", "a number that traces to no row of facts, indicators or counts: '42'"),
    ("In 2019, nothing happened", "a year that no fact, period, document or the edition has: '2019'"),
    ("In 1995–1999 it grew", "nor a span between two traced years: '1995–1999'"),
])
def test_a_number_of_the_title_that_does_not_trace_is_quoted_with_its_line(title, problem):
    _, problems = message_ledger(title)
    assert any(problem in p for p in problems), problems


def test_a_computed_number_printed_without_its_mark_stops_the_render_at_its_line(tmp_path):
    template = tmp_path / "brief.qmd.j2"
    template.write_text("---\ntitle: x\n---\n\nA gap of {{ gap }} points.\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        render_source(template, {"gap": GAP})
    message = str(raised.value)
    assert message.startswith(f"{template}: line 5: prints a number the brief computes (gap/All) without saying so")
    assert "| derived" in message


def test_the_marks_are_written_beside_the_source_and_refused_with_another(tmp_path):
    template = tmp_path / "brief.qmd.j2"
    template.write_text("---\ntitle: x\n---\n\nA gap of {{ gap | derived }} points, rank {{ 2 | rank(\"p\") }}.\n",
                        encoding="utf-8")
    marks = []
    source = render_source(template, {"gap": GAP}, marks=marks)
    assert source == "---\ntitle: x\n---\n\nA gap of 12 points, rank 2.\n"  # marks are recorded, not printed
    assert [(m["line"], m["start"], m["end"], m["shown"], m["kind"]) for m in marks] == [
        (5, 9, 11, "12", "derived"), (5, 25, 26, "2", "rank")]
    path = tmp_path / "brief-marks.json"
    path.write_text(marks_file(source, marks), encoding="utf-8")
    assert read_marks(path, source, "brief.qmd") == marks
    with pytest.raises(InputError, match="was written with another version of brief.qmd"):
        read_marks(path, source.replace("12", "13"), "brief.qmd")
    with pytest.raises(InputError, match="is not where it says"):
        build_ledger(source.replace("A gap", "The gap"), sources(), marks=marks)


def test_check_numbers_stops_the_build_naming_the_brief_and_what_to_do():
    with pytest.raises(InputError) as error:
        check_numbers(FRONT + "Half the centres, 42\\% in all.", sources())
    message = str(error.value)
    assert message.startswith("reports/brief.qmd: 1 number(s) in the brief do not trace")
    assert "“Half the centres, 42% in all.”" in message and "section Summary, line 7" in message
    assert "What to do:" in message


def test_a_number_in_its_facts_words_is_that_facts_even_when_another_has_the_same_value():
    twin = {**FACTS[1], "fact_id": "twin", "wording": ""}
    qmd, marks = rendered("Against {{ facts.old.says }}.", **TABLES)
    rows, _ = build_ledger(qmd, Sources([twin] + FACTS, [], DOCUMENTS, [], [], EDITION), marks=marks)
    assert [(row["shown"], row["id"], row["kind"]) for row in rows] == [("20", "old", "fact")]


def test_digits_in_a_rows_words_and_a_replaced_value_trace_to_their_row():
    plugin = {**FACTS[1], "fact_id": "plugin_x", "document": "", "label": "Asylum (art. 9) files", "wording": "",
              "value": "86", "replaced_value": "83"}
    qmd, marks = rendered("{{ f.label | md }}: {{ f.shown }}, replacing {{ f.replaced }} stated in the document.",
                          f=Number(plugin, "plugin_x"))
    rows, problems = build_ledger(qmd, Sources([plugin], [], DOCUMENTS, [], [], EDITION), marks=marks)
    assert not problems
    assert {(row["shown"], row["kind"]) for row in rows} == {
        ("9", "text of a row (label)"), ("86", "plug-in value"), ("83", "plug-in value")}
    _, problems = build_ledger(qmd.replace("83", "84"), Sources([plugin], [], DOCUMENTS, [], [], EDITION),
                               marks=[{**mark, "shown": mark["shown"].replace("83", "84")} for mark in marks])
    assert any("none of its values or years: '84'" in p for p in problems), problems


def _template_words() -> str:
    """The brief template's own words: its text without Jinja tags and comments."""
    text = (FIRST_EDITION / "config/brief.qmd.j2").read_text(encoding="utf-8")
    text = re.sub(r"\{##.*?##\}|\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.DOTALL)
    return " ".join(text.split())


def _literals(path) -> list[str]:
    """The string literals of a module, its docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_sentence_of_the_brief_template_is_a_string_of_the_ledger():
    words = _template_words()
    assert "years before this brief" in words and "Priority" in words  # the check reads the template's words
    found = []
    for literal in _literals(Path(ledger_module.__file__)):
        plain = re.sub(r"\\[a-zA-Z]|\(\?[:!=<]+|[\\^$()?*+\[\]{}|]", " ", literal)  # regular expressions' syntax
        for run in re.findall(r"[A-Za-z][A-Za-z'’]*(?:[ ,;:]+[A-Za-z][A-Za-z'’]*)*", plain):
            run = run.strip(" ,;:")
            several = len(run.split()) >= 2
            if (several and run.lower() in words.lower()) or (not several and run[:1].isupper()
                                                              and re.search(rf"\b{re.escape(run)}\b", words)):
                found.append((literal, run))
    assert not found, found


def message_ledger(title, subtitle="What the evidence showed", short_title="", body="Nothing to count.\n"):
    qmd = f'---\ntitle: "{title}"\nsubtitle: "{subtitle}"\n---\n\n## Summary\n\n{body}'
    rows, problems = build_ledger(qmd, sources(), short_title=short_title)
    return [(row["section"], row["shown"], row["kind"]) for row in rows], problems


def test_the_title_subtitle_and_short_title_are_checked_like_the_body():
    rows, problems = message_ledger("Nine in ten Europeans could not keep their home warm in 2019")
    assert ("title", "2019", "untraced") in rows and ("title", "Nine in ten", "untraced") in rows
    assert any("a year that no fact, period, document or the edition has: '2019'" in p and "section title, line 2" in p
               for p in problems)
    assert any("a number in words that traces to no row" in p and "'Nine in ten'" in p for p in problems)
    rows, problems = message_ledger("Recent migrants since 1974", subtitle="Evidence from 2001–2005",
                                    short_title="Half of 32 centres")
    assert ("title", "1974", "year") in rows and ("subtitle", "2001–2005", "period") in rows
    assert ("short title", "32", "fact (by value)") in rows
    [problem] = problems
    assert "a number in words that traces to no row" in problem and "'Half'" in problem
    assert "section short title" in problem


def test_a_number_in_words_in_the_title_traces_to_a_row_with_its_value():
    rows, problems = message_ledger("Two in ten stayed")
    assert ("title", "Two in ten", "fact (by value)") in rows and problems == []  # the 20% of earlier ones


def test_a_unit_written_twice_stops_the_check():
    _, problems = message_ledger("A brief", body="A gap of 20 percentage points percentage points, and 20% percent.\n")
    doubled = [p for p in problems if p.startswith("a unit written twice")]
    assert len(doubled) == 2 and "'20 percentage points percentage points'" in doubled[0]


def test_words_of_one_row_trace_their_numbers_to_that_row_and_nowhere_else():
    from policybrief.core.numbers import Number, Shown, row_mark

    facts = {f["fact_id"]: Number(f, f["fact_id"]) for f in FACTS}
    study = Shown("Study (2012)", row_mark(DOCUMENTS[1], "study", "documents", "date"))
    rows, problems = ledger("{{ facts.recent.says }}, {{ facts.recent.when }}; see {{ study }}.",
                            facts=facts, study=study)
    assert problems == []
    assert {("32", "fact", "recent"), ("2001–2005", "period", "recent"), ("2012", "year", "study")} <= rows
    # A citation whose year is not its document's: the words and the row disagree.
    wrong = Shown("Study (2011)", row_mark(DOCUMENTS[1], "study", "documents", "date"))
    _, problems = ledger("See {{ study }}.", study=wrong)
    assert any("printed as the words of documents 'study' that is none of its values or years: '2011'" in p
               for p in problems), problems


def test_a_sentence_that_gives_one_document_s_value_to_another_stops_the_check():
    from policybrief.core.numbers import Shown, row_mark

    documents = [{**DOCUMENTS[0], "citation": "Author et al."}, {**DOCUMENTS[1], "citation": "Pauwels et al."}]
    year = Shown("2008", row_mark(documents[0], "doc", "documents", "date"))
    qmd, marks = rendered("The welfare-centre study was published in {{ year }}. Author et al. wrote in {{ year }}.",
                          year=year)
    sources = Sources(FACTS, [], documents, RECOMMENDATIONS, [], EDITION, names={"study": ["welfare-centre study"]})
    _, problems = build_ledger(qmd, sources, marks=marks)
    [problem] = problems
    assert "a value of doc printed in a sentence that names study and not doc" in problem
    assert "“The welfare-centre study was published in 2008.”" in problem


def test_a_count_in_words_is_checked_against_the_ledger_s_own_count():
    rows, problems = ledger("{{ docs | count(\"documents\", \"documents\", spelled=true) | capitalize_first }} "
                            "documents, {{ recs | count(\"recommendations\", \"sources\", spelled=true) }} sources.",
                            docs=DOCUMENTS, recs=["a"])
    assert problems == [] and {("Two", "count", "documents"), ("one", "count", "sources")} <= rows
    _, problems = ledger("The {{ docs | count(\"documents\", \"documents\", spelled=true) }} documents.",
                         docs=DOCUMENTS + [{"document": "third"}])
    assert any("a count of 'documents' that is not 2: 'three'" in p for p in problems), problems


def test_a_change_across_a_break_in_series_must_say_so_in_its_sentence():
    series = [{"fact_id": f"rate_{year}", "document": "", "indicator": "rate", "label": "Rate", "value": value,
               "unit": "percent", "period": str(year), "geography": "Belgium", "group": "All", "qualifier": "",
               "value_text": value, "wording": "", "flag": flag, "source": "Eurostat (X)"}
              for year, value, flag in ((2006, "51.0", ""), (2011, "53.4", "b"), (2024, "61.0", ""))]
    change = Derived(10, "latest - since", {"latest": Ref("facts", "rate_2024", "value"),
                                            "since": Ref("facts", "rate_2006", "value")}, "facts", "rate")
    within = Derived(7.6, "latest - since", {"latest": Ref("facts", "rate_2024", "value"),
                                             "since": Ref("facts", "rate_2011", "value")}, "facts", "rate")

    def problems(body, **context):
        qmd, marks = rendered(body, **context)
        return build_ledger(qmd, Sources(FACTS + series, [], DOCUMENTS, RECOMMENDATIONS, [], EDITION),
                            marks=marks)[1]

    years = {f"y{row['period']}": Number(row, row["fact_id"]).when for row in series}
    said = problems("Up {{ c | derived }} points since {{ y2006 }}.", c=change, **years)
    assert any("a change from 2006 to 2024 across a break in series (2011) printed in a sentence that does not "
               "say so: '10'" in p for p in said), said
    assert problems("Up {{ c | derived }} points since {{ y2006 }}, across a break in series in {{ y2011 }}.",
                    c=change, **years) == []
    # From the break on, one method: nothing to say.
    assert problems("Up {{ c | derived }} points since {{ y2011 }}.", c=within, **years) == []
