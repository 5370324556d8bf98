"""End to end: plug-in data files in data/supplementary/, good and bad, on a copy of a clean build."""

import re
import shutil

import pytest
from pypdf import PdfReader

from conftest import read_csv, snakemake

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
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


BAD_FILES = {
    "empty": (b"", ["update.csv", "the file is empty"]),
    "not utf-8": ("indicator,geography\nCaf\xe9".encode("latin-1"), ["update.csv", "is not UTF-8"]),
    "semicolons": ("indicator;geography;group;period;value;unit;source\nx;B;;2010;3;count;S\n",
                   ["update.csv", "separated by semicolons; expected commas"]),
    "misspelt column": ("indicator,geography,group,period,valeu,unit,source\nx,Belgium,,2010,3,count,S\n",
                        ["update.csv", "column 'valeu' is not known (did you mean 'value'?)"]),
    "missing column": ("indicator,geography,group,period,value,source\nx,Belgium,,2010,3,S\n",
                       ["update.csv", "missing column(s): unit"]),
    "not a number": (HEADER + "x,Belgium,,2010,about 3,count,S,\n",
                     ["update.csv", "row 2, column value: expected a number", "found 'about 3'"]),
    "percent above 100": (HEADER + "x,Belgium,,2010,120,percent,S,\n",
                          ["update.csv row 2", "column='value'", "max_value=100", "'120'"]),
    "unknown unit": (HEADER + "x,Belgium,,2010,3,kilograms,S,\n",
                     ["update.csv row 2", "column='unit'", "value_set=", "'kilograms'"]),
    "duplicate keys": (HEADER + "x,Belgium,,2010,3,count,S,\nx,Belgium,,2010,4,count,S,\n",
                       ["update.csv row 2", "update.csv row 3", "expect_compound_columns_to_be_unique"]),
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
    project = with_plugin(built, tmp_path, HEADER + "\n".join([
        "sector_permits_share,Brussels,Indian workers in IT,2006,86,percent,Brussels employment register,",
        "high_education_share_recent,Belgium,All foreign residents,2006-2010,38,percent,Labour force survey 2010,",
        "high_education_share_established,Belgium,All foreign residents,2006-2010,23,percent,Labour force survey 2010,",
        'asylum_applications,Belgium,,2010,19941,count,Asylum office,"Asylum <script>alert(1)</script> *files* #tag"',
    ]) + "\n")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    html = " ".join((project / "reports/brief.html").read_text(encoding="utf-8").split())
    pdf = pdf_text(project / "reports/brief.pdf")
    facts = {f["fact_id"]: f for f in read_csv(project / "data/processed/facts.csv")}
    assert facts["permits_brussels_it_share_indian"]["replaced_value"] == "83"
    for text in (html, pdf):
        # the replaced value, marked, with its source
        assert "86% of IT permits in Brussels" in text and "replacing 83" in text and "Brussels employment register" in text
        # headline text uses the latest period; the new period joins the education table
        assert "38% of foreign residents who had lived in Belgium under 10 years were highly educated in 2006-2010" in text
        assert "gap of 15 percentage points" in text
        assert "Asylum" in text and "19,941" in text
    # every anchor once, even for a replaced value listed in both annexes; a note on a value
    # from a plug-in file points to annex E, where that value is listed
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert re.search(r"Labour force survey 2010 \(plug-in data file data/supplementary/update.csv\)\. "
                     r'<a href="#fact-[^"]+">Annex E</a>', html)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; *files* #tag" in html
    assert "<script>alert(1)</script> *files* #tag" in pdf
    alt = re.search(r'<img [^>]*alt="([^"]*Horizontal bar chart comparing[^"]*)"', html).group(1)
    assert "All foreign residents, 2006-2010: 38% vs 23%" in alt
