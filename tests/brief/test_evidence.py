"""Every number one click from its evidence: the words of each row the brief prints link to the
annex, where the row's sentence (or the document, or what is counted) is; the ledger reads the
linked source as it read the plain one."""

from test_ledger import DOCUMENTS, FACTS, FRONT, sources

from policybrief.brief.context import EDITION_DATE
from policybrief.brief.evidence import EvidenceIndex, with_evidence_links
from policybrief.brief.ledger import build_ledger
from policybrief.brief.marks import Derived, Marks, Ref
from policybrief.brief.templates import template_environment
from policybrief.core.numbers import Number, Shown

FACT = {f["fact_id"]: Number(f, f["fact_id"]) for f in FACTS}
INDICATORS = [{"indicator": "gap", "group": "All", "geography": "", "period": "2001-2005", "inputs": "recent;old"}]
LISTS = [{"item_id": "groups:1", "document": "doc"}]


def linked(body: str, **context):
    marks = Marks()
    source, found = marks.take(template_environment(marks=marks).from_string(FRONT + body).render(
        facts=FACT, doc=DOCUMENTS[0], edition_date=Shown("23 November 2026", EDITION_DATE), **context))
    return with_evidence_links(source, found, EvidenceIndex(INDICATORS, LISTS))


def test_each_rows_words_link_to_their_evidence_and_the_ledger_reads_them_as_before():
    source, marks = linked("In {{ facts.recent.when }}, {{ facts.recent.says }} had it (published "
                           "{{ doc | published }}); edition of {{ edition_date }}, rank {{ 1 | rank(\"p\") }}.")
    assert ("In [2001–2005](annex.html#fact-recent){.evidence}, [approximately 32\\% of recent migrants]"
            "(annex.html#fact-recent){.evidence} had it (published [2008](annex.html#doc-doc){.evidence}); "
            "edition of 23 November 2026, rank 1.") in source  # the edition's date and a rank have no evidence
    line = source.splitlines()[marks[0]["line"] - 1]
    assert [line[m["start"]:m["end"]] for m in marks] == [m["shown"] for m in marks]
    rows, problems = build_ledger(source, sources(), marks=marks)
    assert problems == [] and {(r["shown"], r["kind"]) for r in rows} >= {("32", "fact"), ("2008", "year"),
                                                                         ("23", "date")}


def test_a_computed_number_links_to_the_first_row_it_comes_from_and_a_count_to_its_section():
    gap = Derived(12, "recent - old", {"recent": Ref("facts", "recent", "value"), "old": Ref("facts", "old", "value")})
    source, _ = linked("A gap of {{ gap | derived }}; {{ rows | count(\"recommendations\", \"recs\") }} of them.",
                       gap=gap, rows=[1, 2])
    assert "[12](annex.html#fact-recent){.evidence}" in source
    assert "[2](annex.html#sec-all-recommendations){.evidence}" in source
    index = EvidenceIndex(INDICATORS, LISTS)
    assert index.target({"table": "indicators", "id": "gap_all", "kind": "indicator"}) == "annex.html#fact-recent"
    assert index.target({"table": "lists", "id": "groups:1", "kind": "text of a row (text)"}) == "annex.html#doc-doc"


def test_no_link_goes_where_markdown_cannot_hold_one():
    body = ("## In {{ facts.recent.when }}\n\n"
            "See [the study of {{ doc | published }}](annex.html#sec-sources).\n\n"
            "![Shares, {{ facts.recent.when }}](figures/x){#fig-x fig-alt=\"Bar chart, {{ facts.recent.when }}.\"}\n")
    source, marks = linked(body)
    lines = source.splitlines()
    assert "## In 2001–2005" in lines  # a heading
    assert "See [the study of 2008](annex.html#sec-sources)." in lines  # inside a link
    # A figure's caption links; its alt text (an attribute) and its path do not.
    assert ('![Shares, [2001–2005](annex.html#fact-recent){.evidence}](figures/x){#fig-x fig-alt="Bar chart, '
            '2001–2005."}') in lines
    for mark in marks:
        assert lines[mark["line"] - 1][mark["start"]:mark["end"]] == mark["shown"]
