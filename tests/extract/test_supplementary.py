import pytest

from policybrief.core.errors import InputError
from policybrief.extract.supplementary import edit_distance, load_plugin_schema, merge_plugins, read_plugin
from policybrief.workflow import WORKFLOW

HEADER = "indicator,geography,group,period,value,unit,source\n"
SCHEMA = load_plugin_schema(WORKFLOW / "schemas/plugin.schema.json")


def write(tmp_path, content, name="update.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def problem(tmp_path, content) -> str:
    with pytest.raises(InputError) as error:
        read_plugin(write(tmp_path, content), SCHEMA)
    message = str(error.value)
    assert "update.csv" in message and "What to do" in message
    return message


def test_a_good_file_reads_with_where_each_row_is(tmp_path):
    rows = read_plugin(write(tmp_path, HEADER + "share,Belgium,All,2010,38,percent,LFS\n"), SCHEMA)
    assert rows[0]["where"].endswith("update.csv row 2") and rows[0]["value"] == "38" and rows[0]["label"] == ""
    assert rows[0]["read_as"] == "UTF-8"


def test_a_file_saved_by_excel_in_belgium_reads_as_the_same_numbers(tmp_path):
    """Semicolons between columns, a decimal comma, Windows-1252 text, an upper-case .CSV name."""
    content = ("indicator;geography;group;period;value;unit;source;label\n"
               "share;Liège;All;2010;38,5;percent;Enquête sur les forces de travail;Part élevée\n").encode("cp1252")
    [row] = read_plugin(write(tmp_path, content, name="MISE-A-JOUR.CSV"), SCHEMA)
    assert (row["value"], row["geography"], row["source"], row["label"]) == (
        "38.5", "Liège", "Enquête sur les forces de travail", "Part élevée")
    assert row["read_as"] == "Windows-1252, semicolons, decimal commas"


@pytest.mark.parametrize("content, expected", [
    (b"", "the file is empty"),
    (b"indicator,value\x00\n", "NUL bytes"),
    ("indicator;geography;group;period;value;unit;source\nx;B;;2010;19.941;count;S\n",
     "row 2, column value: found '19.941': in a semicolon-separated file the decimal mark is a comma"),
    (HEADER + "x,B,,2010,3,kilograms,S\n", "row 2, column unit: expected one of percent, percentage points"),
    (HEADER + "x,B,,2010,120,percent,S\n", "row 2, column value: expected a percentage between 0 and 100, found '120'"),
    (HEADER + "X Y,B,,2010,3,count,S\n", "row 2, column indicator: expected a machine name in lower case"),
    (HEADER + "x,B,,around 2010,3,count,S\n", "row 2, column period: expected a year (2010), a span of years"),
    ("indicator,geography,group,period,valeu,unit,source\nx,B,,2010,3,count,S\n",
     "column 'valeu' is not known (did you mean 'value'?); missing column(s): value"),
    ("indicator,geography,group,period,unit,source\nx,B,,2010,count,S\n", "missing column(s): value"),
    (HEADER + "x,B,,2010,3.5%,percent,S\n", "row 2, column value: expected a number such as 42 or 3.5, found '3.5%'"),
    (HEADER + "x,B,,2010,,count,S\n", "row 2, column value: expected a value, found nothing"),
    (HEADER, "no data rows under the header"),
])
def test_bad_files_say_file_row_column_expected_and_found(tmp_path, content, expected):
    assert expected in problem(tmp_path, content)


FACTS = [{"fact_id": "f1", "document": "doc", "indicator": "share", "label": "Share", "value": "32",
          "unit": "percent", "period": "2005", "geography": "Belgium", "group": "All"}]


def plugin(value, period="2005", unit="percent", indicator="share"):
    return {"indicator": indicator, "geography": "Belgium", "group": "All", "period": period, "value": value,
            "unit": unit, "source": "Survey", "label": "", "note": "", "file": "data/supplementary/u.csv", "row": 2}


def test_same_key_replaces_and_records_the_old_value():
    [fact] = merge_plugins(FACTS, [plugin("35")])
    assert (fact["fact_id"], fact["value"], fact["replaced_value"], fact["source"]) == ("f1", "35", "32", "Survey")
    assert FACTS[0]["value"] == "32"  # the input is not changed


def test_new_period_and_new_indicator_join_the_facts():
    new_thing = {**plugin("7", indicator="new_thing", unit="count"), "label": "New thing"}
    merged = merge_plugins(FACTS, [plugin("38", period="2010"), new_thing])
    new = {f["fact_id"]: f for f in merged if not f["document"]}
    assert new["plugin_share_belgium_all_2010"]["label"] == "Share"  # a known indicator keeps its label
    assert new["plugin_new_thing_belgium_all_2005"]["label"] == "New thing"


def test_a_replacement_in_another_unit_is_refused():
    with pytest.raises(InputError, match="column unit: expected 'percent'.*found 'count'"):
        merge_plugins(FACTS, [plugin("35", unit="count")])


def test_a_misspelt_indicator_is_refused_with_did_you_mean():
    with pytest.raises(InputError, match="column indicator: 'shaer' is not a known indicator; did you mean 'share'"):
        merge_plugins(FACTS, [plugin("35", indicator="shaer")])


def test_a_new_indicator_needs_a_label_and_keeps_it_for_its_other_rows():
    with pytest.raises(InputError, match="row 2, column label: 'asylum_applications' is an indicator the documents "
                                         "do not have, and a new indicator needs a label"):
        merge_plugins(FACTS, [plugin("7", indicator="asylum_applications", unit="count")])
    first = {**plugin("7", indicator="asylum_applications", unit="count"), "label": "Asylum applications"}
    second = {**plugin("9", period="2006", indicator="asylum_applications", unit="count"), "row": 3}
    merged = merge_plugins(FACTS, [first, second])
    assert [f["label"] for f in merged if f["indicator"] == "asylum_applications"] == ["Asylum applications"] * 2


@pytest.mark.parametrize("a, b, distance", [("share", "share", 0), ("shaer", "share", 2),
                                            ("high_educaton_share_recent", "high_education_share_recent", 1),
                                            ("high_education_share_recent_eu", "high_education_share_recent", 3)])
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16 (little-endian, with a byte-order mark)"),
                                             ("utf-16-le", "UTF-16 (little-endian, without a byte-order mark)"),
                                             ("utf-32", "UTF-32 (little-endian, with a byte-order mark)")])
def test_a_file_saved_as_utf16_or_utf32_is_named_so_not_binary(tmp_path, encoding, named):
    message = problem(tmp_path, (HEADER + "share,Liège,All,2010,38,percent,LFS\n").encode(encoding))
    assert f"the file is {named} text" in message and "What to do: save it as a CSV file" in message, message
    assert "iconv -f UTF-" in message and "NUL" not in message and "binary" not in message, message


def test_a_tab_separated_file_is_named_so_not_read_as_one_unknown_column(tmp_path):
    message = problem(tmp_path, (HEADER + "share,Belgium,All,2010,38,percent,LFS\n").replace(",", "\t"))
    assert "row 1: the header's columns are separated by tabs, not commas: the file is tab-separated" in message
    assert "is not known" not in message and "What to do: save it as a CSV file" in message, message


@pytest.mark.parametrize("first_line", ["root:x:0:0:root:/root:/bin/bash", "password,token\tsecret",
                                        "-----BEGIN OPENSSH PRIVATE KEY-----"])
def test_a_file_that_is_not_a_plugin_file_is_refused_without_showing_its_content(tmp_path, first_line):
    message = problem(tmp_path, f"{first_line}\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
    assert "row 1 is not the header of a plug-in file: it names none of the columns indicator, geography" in message
    for part in [*first_line.replace("\t", ",").split(","), "daemon", "/bin/bash"]:
        assert part not in message.replace(str(tmp_path), ""), message
    assert "move it out of the folder" in message


def test_a_misspelt_column_of_a_plugin_header_is_still_named_with_did_you_mean(tmp_path):
    message = problem(tmp_path, HEADER.replace("indicator", "Indicator") + "share,Belgium,All,2010,38,percent,LFS\n")
    assert "column 'Indicator' is not known (did you mean 'indicator'?)" in message


def test_a_statistics_series_of_another_definition_is_not_set_against_a_document_s_indicator():
    series = {**plugin("61.0", period="2024"), "definition": "employed persons as a share of the population (EU-LFS)",
              "file": "data/supplementary/lfsa_ergan.csv"}
    with pytest.raises(InputError, match=r"lfsa_ergan.csv: row 2: the series 'share' is named as an indicator of the "
                                         r"documents, which measures something its catalogue entry does not define"):
        merge_plugins(FACTS, [series])
    defined = [{**FACTS[0], "definition": "share with a high level of education"}]
    with pytest.raises(InputError, match="which measures 'share with a high level of education'"):
        merge_plugins(defined, [series])
    # The same definition joins the documents' series; a plug-in CSV row, which declares none, takes it.
    same = {**series, "definition": "share with a high level of education"}
    merged = merge_plugins(defined, [same, plugin("40", period="2010")])
    assert {f["period"]: f["definition"] for f in merged} == {
        "2005": "share with a high level of education", "2024": "share with a high level of education",
        "2010": "share with a high level of education"}
    # Under its own name, the series stands as its own, with its definition.
    own = merge_plugins(FACTS, [{**series, "indicator": "employment_rate_foreign", "label": "Employment rate"}])
    assert [f["definition"] for f in own if f["indicator"] == "employment_rate_foreign"] == [series["definition"]]


def test_a_statistics_value_dates_from_its_files_last_update_or_download():
    from policybrief.extract.supplementary import vintage_of

    assert vintage_of({"last_update": "12/06/25 23:00:00", "downloaded": "2025-07"}) == "2025-06-12"
    assert vintage_of({"last_update": "", "downloaded": "2025-06"}) == "2025-06"
    assert vintage_of({"where": "update.csv row 2"}) == ""
