"""Official statistics as downloaded: every layout read to the same values as the real file,
mappings good and bad, flags kept, missing and confidential values never taken as numbers."""

import csv
import shutil

import pytest
import yaml
from statistics_layouts import (
    FILES,
    sdmx1,
    sdmx2_code_and_label_cells,
    sdmx2_codes,
    tsv_bulk,
    xlsx_data_browser,
    xlsx_table,
)

from policybrief.core.errors import InputError
from policybrief.extract.statistics.layouts import is_statistics_file, read_observations, statistics_files
from policybrief.extract.statistics.profile import Profile
from policybrief.extract.statistics.read import read_statistics
from policybrief.suggest.mappings import mapping_suggestions

UNITS = ["percent", "count"]
EDUCATION = "edat_lfs_9911.csv"
EMPLOYMENT = "lfsa_ergan.csv"
SERIES = {"tertiary_share_foreign": {"where": {"isced11": "ED5-8"}, "label": "Share with tertiary education",
                                     "group": "Foreign citizens", "universe": "foreign citizens aged 15-64",
                                     "definition": "ISCED 5-8 as a share of the population (EU-LFS)"},
          "lower_secondary_share_foreign": {"where": {"isced11": "ED0-2"}, "label": "Share with at most lower "
                                            "secondary education", "group": "Foreign citizens",
                                            "universe": "foreign citizens aged 15-64",
                                            "definition": "ISCED 0-2 as a share of the population (EU-LFS)"}}
CODES = {"dataset": "EDAT_LFS_9911", "downloaded": "2025-06", "keep": {"geo": ["BE", "BG"], "sex": "T"},
         "unit": "percent", "series": SERIES}
ISCED_LABELS = {"ED5-8": "Tertiary education (levels 5-8)",
                "ED0-2": "Less than primary, primary and lower secondary education (levels 0-2)"}
LABELS = {**CODES, "keep": {"geo": ["Belgium", "Bulgaria"], "sex": "Total"},
          "series": {name: {**entry, "where": {"isced11": ISCED_LABELS[entry["where"]["isced11"]]}}
                     for name, entry in SERIES.items()}}


def install(tmp_path, name, mapping=None, source=None):
    """A file in a plug-in folder, with its mapping beside it."""
    folder = tmp_path / "data" / "supplementary"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if source is None:
        shutil.copy(FILES / name, path)
    else:
        source(path)
    if mapping is not None:
        stem = name.split(".")[0]
        (folder / f"{stem}.yaml").write_text(yaml.safe_dump(mapping, allow_unicode=True), encoding="utf-8")
    return path


def values(rows):
    return sorted((r["indicator"], r["geography"], r["period"], r["value"], r["flag"]) for r in rows)


def expected_values():
    """What the real file says for the mapping's slice, read with the csv module alone."""
    with open(FILES / EDUCATION, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {"ED5-8": "tertiary_share_foreign", "ED0-2": "lower_secondary_share_foreign"}
    return sorted((names[r["isced11"]], r["Geopolitical entity (reporting)"], r["TIME_PERIOD"], r["OBS_VALUE"],
                   r["OBS_FLAG"]) for r in rows
                  if r["geo"] in ("BE", "BG") and r["isced11"] in names and r["OBS_VALUE"])


def test_the_real_file_gives_each_published_value_with_its_flag_and_provenance(tmp_path):
    path = install(tmp_path, EDUCATION, CODES)
    rows, report = read_statistics(path, UNITS)
    assert values(rows) == expected_values()
    assert report["layout"] == "SDMX-CSV 2.0, codes and labels"
    belgium_2014 = next(r for r in rows if r["geography"] == "Belgium" and r["period"] == "2014"
                        and r["indicator"] == "tertiary_share_foreign")
    assert belgium_2014["value"] == "30.5" and belgium_2014["flag"] == "b"
    assert belgium_2014["flag_meaning"] == "break in time series"
    assert belgium_2014["source"] == "Eurostat, EDAT_LFS_9911"
    assert belgium_2014["dataset_title"] == "Population by educational attainment level, sex, age and citizenship (%)"
    assert belgium_2014["series_key"] == "A.PC.T.ED5-8.FOR.Y15-64.BE"
    assert belgium_2014["sha256"] == "5057b8f05cbfa61ffece8433f20782c352f044b9bd26467bc070098cea07cee6"
    assert belgium_2014["downloaded"] == "2025-06" and belgium_2014["universe"] == "foreign citizens aged 15-64"
    # Bulgaria's lower-secondary share is not published (an empty value flagged u): never a number.
    withheld = [r for r in report["not_published"] if r["geography"] == "Bulgaria"]
    assert withheld and all(w["why"].startswith("not available") for w in withheld)
    assert not any(r["geography"] == "Bulgaria" and r["period"] == w["period"] and r["indicator"] == w["indicator"]
                   for r in rows for w in withheld)


# Layouts of codes only do not carry the dataset's title: their mapping gives it.
TITLED = {**CODES, "title": "Population by educational attainment level, sex, age and citizenship (%)"}
# Nor do they name places: their mapping does.
NAMED = {**TITLED, "places": {"BE": "Belgium", "BG": "Bulgaria"}}
LAYOUTS = {
    "SDMX-CSV 2.0, codes only": ("x.csv", lambda p: sdmx2_codes(EDUCATION, p), NAMED),
    "SDMX-CSV 2.0, code: label cells": ("x.csv", lambda p: sdmx2_code_and_label_cells(EDUCATION, p),
                                        {**LABELS, "title": TITLED["title"]}),
    "SDMX-CSV 1.0, codes only": ("x.csv", lambda p: sdmx1(EDUCATION, p, "codes"), NAMED),
    "SDMX-CSV 1.0, labels only": ("x.csv", lambda p: sdmx1(EDUCATION, p, "labels"),
                                  {**LABELS, "title": TITLED["title"]}),
    "SDMX-CSV 1.0, code:label cells": ("x.csv", lambda p: sdmx1(EDUCATION, p, "both"), TITLED),
    "TSV bulk, gzipped": ("estat_edat_lfs_9911.tsv.gz", lambda p: tsv_bulk(EDUCATION, p), NAMED),
    "TSV bulk": ("edat_lfs_9911.tsv", lambda p: tsv_bulk(EDUCATION, p), NAMED),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_gives_the_values_of_the_real_file(tmp_path, layout):
    name, write, mapping = LAYOUTS[layout]
    path = install(tmp_path, name, mapping, write)
    rows, _ = read_statistics(path, UNITS)
    assert values(rows) == expected_values()
    assert is_statistics_file(path)


def test_a_codes_only_file_takes_its_place_names_from_the_mapping(tmp_path):
    path = install(tmp_path, "x.csv", TITLED, lambda p: sdmx2_codes(EDUCATION, p))
    with pytest.raises(InputError, match=r"(?s)gives no name for the place 'BE'.*places: \{BE: "):
        read_statistics(path, UNITS)
    install(tmp_path, "x.csv", NAMED, lambda p: sdmx2_codes(EDUCATION, p))
    rows, report = read_statistics(path, UNITS)
    assert values(rows) == expected_values()
    assert report["layout"] == "SDMX-CSV 2.0, codes only"


def test_the_data_browser_spreadsheet_is_read_with_its_flags_and_last_update(tmp_path):
    mapping = {"dataset": "EDAT_LFS_9911", "keep": {"GEO": ["Belgium", "Bulgaria"]}, "unit": "percent",
               "series": {"tertiary_share_foreign": {**SERIES["tertiary_share_foreign"], "where": {}}}}
    path = install(tmp_path, "edat.xlsx", mapping,
                   lambda p: xlsx_data_browser(EDUCATION, p, {"isced11": "ED5-8"}))
    rows, report = read_statistics(path, UNITS)
    assert values(rows) == [row for row in expected_values() if row[0] == "tertiary_share_foreign"]
    assert report["layout"] == "Eurostat data browser spreadsheet (XLSX)"
    assert rows[0]["last_update"] == "12/06/2025 23:00" and rows[0]["dataset_title"].startswith("Population by")
    assert "Sex" in report["dimensions"][2]["dimension"] or any(d["dimension"] == "Sex" for d in report["dimensions"])


def test_a_plain_spreadsheet_table_is_read_by_the_columns_its_mapping_names(tmp_path):
    mapping = {"dataset": "EDAT_TABLE", "title": "Educational attainment (a Statbel-style table)",
               "publisher": "Statbel", "downloaded": "2025-06-13", "geography": "GEO",
               "places": {"BE": "Belgium", "BG": "Bulgaria"},
               "columns": {"period": "CD_YEAR", "value": "MS_VALUE", "flag": "FLAG"},
               "keep": {"GEO": ["BE", "BG"], "SEX": "T"}, "unit": "percent",
               "series": {name: {**entry, "where": {"ISCED11": entry["where"]["isced11"]}}
                          for name, entry in SERIES.items()}}
    path = install(tmp_path, "edat_table.xlsx", mapping, lambda p: xlsx_table(EDUCATION, p))
    rows, report = read_statistics(path, UNITS)
    assert values(rows) == expected_values()
    assert rows[0]["source"] == "Statbel, EDAT_TABLE" and report["layout"] == "spreadsheet table (XLSX)"


MAPPING_ERRORS = {
    "a dimension the file does not have": ({"keep": {"country": "BE", "sex": "T"}},
                                           ["keep.country", "no dimension 'country'", "freq, unit, sex"]),
    "a code the file does not have": ({"keep": {"geo": "XX", "sex": "T"}},
                                      ["keep.geo", "no code 'XX' for geo", "BE (Belgium)"]),
    "a series that selects nothing": ({"keep": {"geo": "BE", "sex": "T"},
                                       "series": {"x_share": {**SERIES["tertiary_share_foreign"],
                                                              "where": {"isced11": "ED5-8", "citizen": "NAT"}}}},
                                      ["series.x_share.where.citizen", "no code 'NAT'", "FOR (Foreign country)"]),
    "several values where one is meant": ({"keep": {"geo": "BE"}},
                                          ["several values where one is meant", "BE (Belgium) in 1995"]),
    "another dataset": ({"dataset": "LFSA_ERGAN"}, ["is for 'LFSA_ERGAN'", "holds 'EDAT_LFS_9911'"]),
    "no download date": ({"downloaded": None}, ["downloaded:", "does not say when its data were last updated"]),
    "a unit not in the list": ({"unit": "kilograms"}, ["unit 'kilograms' is not one of config/units.yaml"]),
    "the old series grammar": ({"series": {"x_share": {"isced11": "ED5-8"}}},
                               ["series", "x_share"]),
}


@pytest.mark.parametrize("case", list(MAPPING_ERRORS))
def test_a_bad_mapping_stops_with_the_file_the_key_and_the_codes_it_has(tmp_path, case):
    change, expected = MAPPING_ERRORS[case]
    mapping = {key: value for key, value in {**CODES, **change}.items() if value is not None}
    if case == "several values where one is meant":
        # LFSA_ERGAN has Females, Males and Total: a mapping that fixes no sex selects three.
        mapping = {"dataset": "LFSA_ERGAN", "downloaded": "2025-06", "keep": {"geo": "BE"}, "unit": "percent",
                   "series": {"employment_rate_foreign": {**SERIES["tertiary_share_foreign"],
                                                          "where": {"citizen": "FOR"}}}}
        path = install(tmp_path, EMPLOYMENT, mapping)
        expected = expected + ["sex (F, M)"]
    else:
        path = install(tmp_path, EDUCATION, mapping)
    with pytest.raises(InputError) as error:
        read_statistics(path, UNITS)
    message = str(error.value)
    for piece in expected:
        assert piece in message, (piece, message)


def test_an_unknown_flag_stops_the_build_and_a_confidential_value_is_never_a_number(tmp_path):
    def with_flag(flag, status=""):
        def write(path):
            text = (FILES / EDUCATION).read_text(encoding="utf-8").splitlines()
            header, first = text[0], text[1:]
            cells = [next(csv.reader([line])) for line in first]
            # geo, TIME_PERIOD, isced11, OBS_FLAG and CONF_STATUS are columns 15, 17, 9, 21 and 23.
            belgium = next(i for i, c in enumerate(cells) if c[15] == "BE" and c[17] == "2015" and c[9] == "ED5-8")
            cells[belgium][21] = flag
            cells[belgium][23] = status
            buffer = [header] + [",".join(f'"{c}"' if "," in c else c for c in row) for row in cells]
            path.write_text("\n".join(buffer) + "\n", encoding="utf-8")
        return write

    path = install(tmp_path, EDUCATION, CODES, with_flag("q"))
    with pytest.raises(InputError, match=r"row \d+: flag 'q' is not one this pipeline knows"):
        read_statistics(path, UNITS)
    install(tmp_path, EDUCATION, CODES, with_flag("", "C"))
    rows, report = read_statistics(path, UNITS)
    assert not [r for r in rows if r["geography"] == "Belgium" and r["period"] == "2015"
                and r["indicator"] == "tertiary_share_foreign"]
    assert any(w["why"].startswith("confidentiality status C") for w in report["not_published"])


def test_an_unmapped_file_gets_a_mapping_that_plugs_it_in_once_saved(tmp_path):
    path = install(tmp_path, EDUCATION)
    rows, report = read_statistics(path, UNITS)
    assert rows == [] and report["mapping"] == ""
    text = mapping_suggestions([report], {"Belgium"})
    assert "# geo (Geopolitical entity (reporting)): AT (Austria), BE (Belgium)" in text
    assert "# flags: b (break in time series), bu (break in time series, low reliability), u (low reliability)" in text
    assert "# Add: downloaded: <the date you downloaded the file, YYYY-MM-DD>" in text
    proposal = yaml.safe_load(text.split("---\n")[1])
    assert proposal["keep"]["geo"] == "BE"
    assert sorted(proposal["series"]) == ["edat_lfs_9911_ed0_2", "edat_lfs_9911_ed3_4", "edat_lfs_9911_ed5_8"]
    install(tmp_path, EDUCATION, {**proposal, "downloaded": "2025-06"})
    rows, _ = read_statistics(path, UNITS)
    assert len(rows) == 33 and {r["geography"] for r in rows} == {"Belgium"}


def test_statistics_files_are_told_from_plug_in_files_by_their_first_line(tmp_path):
    folder = tmp_path / "data" / "supplementary"
    install(tmp_path, EDUCATION)
    (folder / "update.csv").write_text("indicator,geography,group,period,value,unit,source\n", encoding="utf-8")
    (folder / "estat_lfsa_ergan.tsv.gz").write_bytes(b"")
    tsv_bulk(EDUCATION, folder / "estat_lfsa_ergan.tsv.gz")
    assert statistics_files(folder) == {"edat_lfs_9911": f"{folder.as_posix()}/edat_lfs_9911.csv",
                                        "estat_lfsa_ergan": f"{folder.as_posix()}/estat_lfsa_ergan.tsv.gz"}
    tsv_bulk(EDUCATION, folder / "edat_lfs_9911.tsv")
    with pytest.raises(InputError, match="same name before its extension"):
        statistics_files(folder)


def test_reading_filters_chunk_by_chunk(tmp_path, monkeypatch):
    """A file is read in chunks (bounded memory): a small chunk size gives the same rows."""
    from policybrief.extract.statistics import layouts

    path = install(tmp_path, EDUCATION, CODES)
    monkeypatch.setattr(layouts, "CHUNK_ROWS", 50)
    assert sum(1 for _ in read_observations(path).chunks(Profile())) > 10
    rows, _ = read_statistics(path, UNITS)
    assert values(rows) == expected_values()


@pytest.mark.parametrize("name, values", [(EMPLOYMENT, 60), (EDUCATION, 11)])
def test_the_example_mappings_plug_in_the_real_files(tmp_path, name, values):
    path = install(tmp_path, name, yaml.safe_load((FILES / name.replace(".csv", ".yaml")).read_text(encoding="utf-8")))
    rows, report = read_statistics(path, UNITS)
    assert len(rows) == values and report["not_published"] == []
    assert {row["geography"] for row in rows} == {"Belgium"} and all(row["definition"] for row in rows)


def test_a_plain_text_table_is_described_without_a_mapping_and_read_with_one(tmp_path):
    """Statbel's open data as text: bars between columns, one value per row."""

    def write(path):
        with open(FILES / EDUCATION, encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["OBS_VALUE"]]
        lines = ["CD_GEO|CD_SEX|CD_ISCED|CD_YEAR|MS_VALUE"]
        lines += [f"{r['geo']}|{r['sex']}|{r['isced11']}|{r['TIME_PERIOD']}|{r['OBS_VALUE']}" for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    path = install(tmp_path, "edat_statbel.txt", None, write)
    rows, report = read_statistics(path, UNITS)
    assert rows == [] and report["layout"] == "plain table (text)" and "2024" in report["periods"]
    assert [d["dimension"] for d in report["dimensions"]] == ["CD_GEO", "CD_SEX", "CD_ISCED"]
    mapping = {"dataset": "EDAT_STATBEL", "title": "Educational attainment", "publisher": "Statbel",
               "downloaded": "2025-06-13", "geography": "CD_GEO", "places": {"BE": "Belgium", "BG": "Bulgaria"},
               "columns": {"period": "CD_YEAR", "value": "MS_VALUE"}, "keep": {"CD_GEO": ["BE", "BG"]},
               "unit": "percent", "series": {name: {**entry, "where": {"CD_ISCED": entry["where"]["isced11"]}}
                                             for name, entry in SERIES.items()}}
    install(tmp_path, "edat_statbel.txt", mapping, write)
    rows, _ = read_statistics(path, UNITS)
    assert values(rows) == [(i, g, p, v, "") for i, g, p, v, _ in expected_values()]


def test_places_compared_are_taken_in_the_kept_place_s_latest_year_only(tmp_path):
    mapping = {"dataset": "LFSA_ERGAN", "downloaded": "2025-06", "unit": "percent",
               "keep": {"geo": "BE", "age": "Y15-64", "sex": "T"}, "compare": ["DE", "FR", "NL"],
               "places": {"NL": "the Netherlands"}, "periods": {"from": 2006},
               "series": {"employment_rate_foreign": {**SERIES["tertiary_share_foreign"], "where": {"citizen": "FOR"}}}}
    rows, _ = read_statistics(install(tmp_path, EMPLOYMENT, mapping), UNITS)
    with open(FILES / EMPLOYMENT, encoding="utf-8", newline="") as handle:
        file = [r for r in csv.DictReader(handle) if r["citizen"] == "FOR" and r["sex"] == "T"
                and r["age"] == "Y15-64" and r["OBS_VALUE"]]
    belgium = sorted((r["TIME_PERIOD"], r["OBS_VALUE"]) for r in file
                     if r["geo"] == "BE" and r["TIME_PERIOD"] >= "2006")
    assert sorted((r["period"], r["value"]) for r in rows if r["geography"] == "Belgium") == belgium
    latest = belgium[-1][0]
    neighbours = sorted((r["geo"], r["OBS_VALUE"], r["OBS_FLAG"]) for r in file
                        if r["geo"] in ("DE", "FR", "NL") and r["TIME_PERIOD"] == latest)
    taken = sorted((r["geography"], r["value"], r["flag"]) for r in rows if r["geography"] != "Belgium")
    # One year each, the kept place's latest, under the names the mapping or the file gives.
    assert {r["period"] for r in rows if r["geography"] != "Belgium"} == {latest}
    assert taken == sorted(({"DE": "Germany", "FR": "France", "NL": "the Netherlands"}[code], value, flag)
                           for code, value, flag in neighbours)
    assert ("France", "59.3", "d") in taken


@pytest.mark.parametrize("change, expected", [
    ({"keep": {"age": "Y15-64", "sex": "T"}}, ["compare:", "keep names no geo", "keep: {geo: BE}"]),
    ({"compare": ["DE", "XX"]}, ["compare:", "no code 'XX' for geo", "BE (Belgium)"]),
])
def test_places_compared_need_a_kept_place_and_codes_the_file_has(tmp_path, change, expected):
    mapping = {"dataset": "LFSA_ERGAN", "downloaded": "2025-06", "unit": "percent",
               "keep": {"geo": "BE", "age": "Y15-64", "sex": "T"}, "compare": ["DE"],
               "series": {"employment_rate_foreign": {**SERIES["tertiary_share_foreign"], "where": {"citizen": "FOR"}}},
               **change}
    with pytest.raises(InputError) as error:
        read_statistics(install(tmp_path, EMPLOYMENT, mapping), UNITS)
    for piece in expected:
        assert piece in str(error.value), (piece, str(error.value))


def test_a_file_obtained_from_a_copy_says_where_it_came_from(tmp_path):
    mapping = {**CODES, "obtained_from": "a copy a research repository keeps"}
    rows, _ = read_statistics(install(tmp_path, EDUCATION, mapping), UNITS)
    assert {row["obtained_from"] for row in rows} == {"a copy a research repository keeps"}
    rows, _ = read_statistics(install(tmp_path, EDUCATION, CODES), UNITS)
    assert {row["obtained_from"] for row in rows} == {""}
