"""The statistics datasets in the brief's list of sources: one entry per dataset its values
come from, printed as the words of a facts row, so the ledger traces their digits and date."""

from policybrief.brief.datasets import dataset_references
from policybrief.brief.ledger import Sources, build_ledger
from policybrief.brief.marks import Marks
from policybrief.brief.templates import template_environment


def fact(fact_id, source, title, vintage="2025-06", document=""):
    return {"fact_id": fact_id, "document": document, "indicator": "rate", "label": "Rate", "value": "60.0",
            "value_text": "60.0", "unit": "percent", "period": "2024", "geography": "Belgium", "group": "",
            "source": source, "dataset": source if not document else "", "dataset_title": title,
            "vintage": vintage}


LIST = ("{% for d in refs %}- {{ d.source | md }}. *{{ d.title | md }}*."
        "{% if d.as_of %} Data as of {{ d.as_of }}.{% endif +%}\n{% endfor %}")


def test_each_dataset_is_listed_once_with_its_title_and_date_traced_to_a_row():
    facts = [fact("lfs_2024", "Eurostat, LFSA_ERGAN", "Employment rates by sex, age and citizenship (%)"),
             fact("lfs_2023", "Eurostat, LFSA_ERGAN", "Employment rates by sex, age and citizenship (%)"),
             fact("edat_2024", "Eurostat, EDAT_LFS_9911", "Population by educational attainment (ISCED 2011)",
                  vintage="2025-06-12"),
             # A document's value and a plug-in CSV file's (no dataset title) are not datasets.
             fact("doc_2006", "A study", "", document="study"),
             fact("csv_2024", "Statbel", "", vintage="")]
    # The EDAT file states its last update; the LFSA file does not (its date is its download's).
    supplementary = [{"source": "Eurostat, EDAT_LFS_9911", "last_update": "12/06/25 23:00:00"},
                     {"source": "Eurostat, LFSA_ERGAN", "last_update": ""}]
    refs = dataset_references(facts, supplementary)
    assert [(r["source"], r["title"], r["as_of"], r["updated"]) for r in refs] == [
        ("Eurostat, EDAT_LFS_9911", "Population by educational attainment (ISCED 2011)", "12 June 2025", True),
        ("Eurostat, LFSA_ERGAN", "Employment rates by sex, age and citizenship (%)", "June 2025", False)]
    marks = Marks()
    text = template_environment(marks=marks).from_string(LIST).render(refs=refs)
    qmd, taken = marks.take(text)
    assert qmd.splitlines() == [
        "- Eurostat, EDAT\\_LFS\\_9911. *Population by educational attainment \\(ISCED 2011\\)*. "
        "Data as of 12 June 2025.",
        "- Eurostat, LFSA\\_ERGAN. *Employment rates by sex, age and citizenship \\(\\%\\)*. Data as of June 2025."]
    ledger, problems = build_ledger(qmd, Sources(facts, [], [], [], [], {"date": "2026-12-07"}), marks=taken)
    assert problems == []
    assert sorted((r["shown"], r["id"]) for r in ledger) == [
        ("12", "edat_2024"), ("2011", "edat_2024"), ("2025", "edat_2024"), ("2025", "lfs_2024")]


def test_a_dataset_whose_title_is_not_the_row_s_stops_the_check():
    printed = [fact("edat_2024", "Eurostat, EDAT_LFS_9911", "Population by educational attainment (ISCED 2011)")]
    marks = Marks()
    text = template_environment(marks=marks).from_string(LIST).render(refs=dataset_references(printed))
    qmd, taken = marks.take(text)
    # The table the ledger reads gives another classification's year than the one printed.
    rows = [{**printed[0], "dataset_title": "Population by educational attainment (ISCED 1997)"}]
    _, problems = build_ledger(qmd, Sources(rows, [], [], [], [], {"date": "2026-12-07"}), marks=taken)
    assert any("2011" in problem for problem in problems), problems


def test_a_flag_of_a_series_over_several_places_says_whose_value_it_is_on():
    from policybrief.brief.datasets import statistics_datasets

    def row(place, period, flag=""):
        return {"series_key": f"A.FOR.{place[:2].upper()}", "file": "data/supplementary/lfsa_ergan.csv",
                "dataset": "LFSA_ERGAN", "dataset_title": "Employment rates", "publisher": "Eurostat", "sha256": "0",
                "read_as": "SDMX-CSV", "last_update": "", "downloaded": "2025-06", "indicator": "rate",
                "label": "Rate", "group": "", "geography": place, "universe": "u", "definition": "d",
                "unit": "percent", "period": period, "flag": flag}

    one_place = [row("Belgium", "2023"), row("Belgium", "2024", "b")]
    [dataset] = statistics_datasets(one_place, [])
    assert dataset["series"][0]["flagged"] == ["2024 (b)"]
    [dataset] = statistics_datasets([*one_place, row("France", "2024", "d")], [])
    assert dataset["series"][0]["flagged"] == ["Belgium 2024 (b)", "France 2024 (d)"]
