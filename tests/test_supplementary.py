import pytest

from policybrief.errors import InputError
from policybrief.supplementary import merge_plugins, read_plugin

HEADER = "indicator,geography,group,period,value,unit,source\n"


def write(tmp_path, content, name="update.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def problem(tmp_path, content) -> str:
    with pytest.raises(InputError) as error:
        read_plugin(write(tmp_path, content))
    message = str(error.value)
    assert "update.csv" in message and "What to do" in message
    return message


def test_a_good_file_reads_with_where_each_row_is(tmp_path):
    rows = read_plugin(write(tmp_path, HEADER + "share,Belgium,All,2010,38,percent,LFS\n"))
    assert rows[0]["where"].endswith("update.csv row 2") and rows[0]["value"] == "38" and rows[0]["label"] == ""


@pytest.mark.parametrize("content, expected", [
    (b"", "the file is empty"),
    ("Caf\xe9".encode("latin-1") + b"\n", "row 1: byte b'\\xe9' is not UTF-8"),
    ("indicator;geography;group;period;value;unit;source\nx;B;;2010;3;count;S\n", "separated by semicolons"),
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
    merged = merge_plugins(FACTS, [plugin("38", period="2010"), plugin("7", indicator="new_thing", unit="count")])
    new = {f["fact_id"]: f for f in merged if not f["document"]}
    assert new["plugin_share_belgium_all_2010"]["label"] == "Share"  # a known indicator keeps its label
    assert new["plugin_new_thing_belgium_all_2005"]["label"] == "new thing"


def test_a_replacement_in_another_unit_is_refused():
    with pytest.raises(InputError, match="column unit: expected 'percent'.*found 'count'"):
        merge_plugins(FACTS, [plugin("35", unit="count")])
