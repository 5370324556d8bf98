"""End to end: plug-in data files in data/supplementary/, good and bad, on a copy of a clean build."""

import re
import shutil
from collections import Counter

import pytest
from pypdf import PdfReader

from conftest import read_csv, snakemake, without_evidence_links

pytestmark = pytest.mark.e2e
HEADER = "indicator,geography,group,period,value,unit,source,label\n"
BRIEF = ("reports/brief.html", "reports/brief.pdf")


def with_plugin(built, tmp_path, content, name="update.csv"):
    project = tmp_path / "edition"
    shutil.copytree(built, project)
    folder = project / "data" / "supplementary"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return project


def pdf_text(path) -> str:
    """The PDF's text without its running header and footer (lines on most pages, page numbers
    aside), so that a sentence a page break cuts still reads as one."""
    pages = [(page.extract_text() or "").splitlines() for page in PdfReader(path).pages]
    seen = Counter(shape for lines in pages for shape in {re.sub(r"\d+", "#", line) for line in lines})
    furniture = {shape for shape, count in seen.items() if count > len(pages) / 2}
    return " ".join(" ".join(" ".join(line for line in lines if re.sub(r"\d+", "#", line) not in furniture).split())
                    for lines in pages)


BAD_FILES = {
    "empty": (b"", ["update.csv", "the file is empty"]),
    "neither utf-8 nor windows-1252": (b"indicator,geography\nCaf\x81",
                                       ["update.csv", "neither UTF-8 nor Windows-1252"]),
    "semicolons with a decimal point": ("indicator;geography;group;period;value;unit;source;label\n"
                                        "x;Belgium;;2010;19.941;count;S;X\n",
                                        ["update.csv", "row 2, column value", "the decimal mark is a comma"]),
    "misspelt column": ("indicator,geography,group,period,valeu,unit,source\nx,Belgium,,2010,3,count,S\n",
                        ["update.csv", "column 'valeu' is not known (did you mean 'value'?)"]),
    "missing column": ("indicator,geography,group,period,value,source\nx,Belgium,,2010,3,S\n",
                       ["update.csv", "missing column(s): unit"]),
    "not a number": (HEADER + "x,Belgium,,2010,about 3,count,S,X\n",
                     ["update.csv", "row 2, column value: expected a number", "found 'about 3'"]),
    "percent above 100": (HEADER + "x,Belgium,,2010,120,percent,S,X\n",
                          ["update.csv", "row 2, column value: expected a percentage between 0 and 100, found '120'"]),
    "unknown unit": (HEADER + "x,Belgium,,2010,3,kilograms,S,X\n",
                     ["update.csv", "row 2, column unit: expected one of percent", "found 'kilograms'"]),
    "duplicate keys": (HEADER + "x,Belgium,,2010,3,count,S,X\nx,Belgium,,2010,4,count,S,X\n",
                       ["update.csv row 2", "update.csv row 3", "expect_compound_columns_to_be_unique"]),
    "misspelt indicator": (HEADER + "high_educaton_share_recent,Belgium,Naturalised and non-naturalised foreigners,"
                                    "2006-2010,38,percent,LFS,\n",
                           ["update.csv", "row 2, column indicator", "did you mean 'high_education_share_recent'?"]),
    "new indicator without a label": (HEADER + "asylum_applications,Belgium,,2010,19941,count,Asylum office,\n",
                                      ["update.csv", "row 2, column label", "a new indicator needs a label"]),
    "zero denominator": (HEADER + "immigrants_national_definition,Belgium,,2005,0,count,Register,\n",
                         # Said by the indicator it divides, computed before the arithmetic checks.
                         ["data/supplementary/update.csv row 2", "'immigrants_national_definition'", "is 0",
                          "it divides"]),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_plugin_file_stops_the_build_and_keeps_the_last_brief(built, tmp_path, case):
    content, expected = BAD_FILES[case]
    project = with_plugin(built, tmp_path, content)
    before = {name: (project / name).read_bytes() for name in BRIEF}
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for piece in expected:
        assert piece in output, (piece, output[-3000:])
    assert "Traceback" not in output
    assert {name: (project / name).read_bytes() for name in BRIEF} == before


def test_replacement_new_period_and_new_indicator_reach_both_rendered_files(built, tmp_path):
    group = "Naturalised and non-naturalised foreigners"
    project = with_plugin(built, tmp_path, HEADER + "\n".join([
        "sector_permits_share,Brussels,Indian workers in IT,2006,86,percent,Brussels employment register,",
        f"high_education_share_recent,Belgium,{group},2006-2010,38,percent,Labour force survey 2010,",
        f"high_education_share_established,Belgium,{group},2006-2010,23,percent,Labour force survey 2010,",
        'asylum_applications,Belgium,,2010,19941,count,Asylum office,"Asylum <script>alert(1)</script> *files* #tag"',
    ]) + "\n")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    html = " ".join(without_evidence_links((project / "reports/brief.html").read_text(encoding="utf-8")).split())
    annex = " ".join((project / "reports/annex.html").read_text(encoding="utf-8").split())
    pdf = pdf_text(project / "reports/brief.pdf")
    facts = {f["fact_id"]: f for f in read_csv(project / "data/processed/facts.csv")}
    assert facts["permits_brussels_it_share_indian"]["replaced_value"] == "83"
    page_text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    for text in (page_text, pdf):
        # the replaced value, marked, with its source
        assert "86% of the work permits in IT (Brussels employment register) were granted to Indians" in text
        assert "replacing 83" in text and "Brussels employment register" in text
        # the headline uses the latest period in which both shares exist, in the series' own
        # words but without the document's "approximately" (the file's value is its own)
        assert "They were better educated than earlier migrants (2006–2010). On average, 38% of naturalised and" in text
        # the document's subgroup shares keep their own period beside the new headline
        # (in two pieces: a page of the PDF may end between them)
        assert "2001–2005, the period of their data" in text
        assert ("the researchers called the difference particularly pronounced for EU foreigners (45% against 18%)"
                in text)
        # both shares from one data file: its source named once, after them
        assert ("against 23% of those resident for 10 years or longer (Labour force survey 2010): a gap of 15 "
                "percentage points") in text
        assert "Asylum" in text and "19,941" in text
    assert ("38% of naturalised and non-naturalised foreigners resident in Belgium for less than 10 years had a high "
            "level of education, against 23%") in page_text
    assert "<script>" not in html
    # the new period joins the education table, with its gap computed within its own period
    assert re.search(r"2006–2010</td>\s*<td[^>]*>38%</td>\s*<td[^>]*>23%</td>\s*<td[^>]*>15</td>", html)
    # the table's caption names the file's source for the cells it gives
    assert "(labour force survey; 2006–2010: Labour force survey 2010, a data file;" in html
    # every anchor once in each document; the key finding's link lands on the value in the annex
    for page in (html, annex):
        ids = re.findall(r' id="([^"]+)"', page)
        assert len(ids) == len(set(ids))
    # the finding cites the data file for its shares and the document for the groups' shares
    link = re.search(r'\(<a href="annex\.html#(fact-plugin[^"]+)">Labour force survey 2010</a>; <a href="annex\.html#'
                     r'fact-edu-high-recent-eu">Martiniello et al\., 2008</a>\)', html).group(1)
    assert f'id="{link}"' in annex
    assert "<script>" not in html + annex and "&lt;script&gt;alert(1)&lt;/script&gt; *files* #tag" in html
    assert "<script>alert(1)</script> *files* #tag" in pdf
    alt = re.search(r'<img [^>]*alt="(Bar chart, 2001–2005 to 2006–2010[^"]*)"', html).group(1)
    assert (f"{group}, 2006–2010: 38% (Labour force survey 2010) of those resident under 10 years, "
            "23% (Labour force survey 2010) of those resident 10 years or more") in alt


def test_an_upper_case_csv_from_excel_is_picked_up(built, tmp_path):
    project = with_plugin(built, tmp_path, HEADER + "sector_permits_share,Brussels,Indian workers in IT,2006,86,"
                                                    "percent,Brussels employment register,\n", name="UPDATE.CSV")
    # A dry run that lists each job with its inputs (a build keeps them quiet: the topic's profile).
    result = snakemake(project, "-n", "--quiet", "host")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "rule merge_tables" in result.stdout and "data/supplementary/UPDATE.CSV" in result.stdout


def test_a_unit_added_to_the_vocabulary_is_accepted_and_written_as_it_says(built, tmp_path):
    """config/units.yaml is the one list of units: a new unit there reaches the plug-in check,
    the validation of the facts and the brief's words, with no other file touched."""
    line = "asylum_spending,Belgium,,2010,412,million euros,Federal budget 2010,Spending on asylum reception\n"
    refused = with_plugin(built, tmp_path / "before", HEADER + line)
    result = snakemake(refused)
    assert result.returncode != 0 and "found 'million euros'" in result.stdout + result.stderr
    project = with_plugin(built, tmp_path / "after", HEADER + line)
    units = project / "config/units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + '  million euros: {after: " million euros"}\n',
                     encoding="utf-8")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    page_text = " ".join(re.sub(r"<[^>]+>", "", (project / "reports/brief.html").read_text(encoding="utf-8")).split())
    assert "412 million euros" in page_text
    assert "412 million euros" in pdf_text(project / "reports/brief.pdf")
