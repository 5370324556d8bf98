from datetime import date

import pytest

from policybrief.documents import document_row, read_text
from policybrief.errors import InputError


def test_empty_binary_and_non_utf8_files_are_refused_with_the_file_named(tmp_path):
    cases = {"empty.txt": b"  \n", "binary.txt": b"\x89PNG\x00\x00\x01", "latin1.txt": "Café".encode("latin-1")}
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as error:
            read_text(path)
        assert name in str(error.value) and "What to do" in str(error.value)


def test_bom_and_crlf_are_kept_so_offsets_match(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes("\ufeffTitle\r\nBody 5 days.\r\n".encode("utf-8"))
    text = read_text(path)
    assert text.startswith("\ufeff") and "\r\n" in text


def test_document_row_takes_metadata_or_the_first_line(tmp_path):
    path = tmp_path / "new-report.txt"
    path.write_text("\n  **A new report**\nBody text here.\n", encoding="utf-8")
    row = document_row(path, "seeds/new-report.txt", {})
    assert row["document"] == "new-report" and row["title"] == "A new report"
    assert len(row["sha256"]) == 64 and row["words"] == 6


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://x.org/><script>alert(1)</script>",
                                 "https://x.org/a b", "data:text/html,<b>"])
def test_a_web_address_that_is_not_plain_http_is_refused(url):
    from policybrief.documents import structured_field

    with pytest.raises(InputError, match="config/documents.yaml: study: url .* is not a plain web address"):
        structured_field({"url": url}, "url", "study")
    address = " https://www.example.org/report.pdf?id=3 "
    assert structured_field({"url": address}, "url", "study") == address.strip()


@pytest.mark.parametrize("field, value, problem", [
    ("date", "<b>2012</b>", "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ("date", "July 2012", "is not a date of the form"),
    ("language", 'en"><script>', "is not a language code"),
])
def test_a_date_or_language_that_is_not_one_is_refused(field, value, problem):
    from policybrief.documents import structured_field

    with pytest.raises(InputError, match=f"config/documents.yaml: study: {field} .* {problem}"):
        structured_field({field: value}, field, "study")
    assert structured_field({"date": date(2012, 7, 1)}, "date", "study") == "2012-07-01"  # unquoted in YAML
    assert structured_field({"date": 2012}, "date", "study") == "2012"
    assert structured_field({}, "language", "study") == ""


def test_documents_are_batched_by_name_so_a_new_one_changes_one_batch():
    from policybrief.documents import extraction_batches

    names = [f"report-{number:04d}" for number in range(990)]
    batches = extraction_batches(names, 50)
    assert len(batches) == 20 and sorted(sum(batches.values(), [])) == names
    assert max(len(batch) for batch in batches.values()) < 90  # about 50 each, by hash
    assert extraction_batches(list(reversed(names)), 50) == batches  # order of discovery does not matter
    grown = extraction_batches([*names, "report-new"], 50)
    changed = [batch for batch in grown if grown[batch] != batches.get(batch)]
    assert len(changed) == 1 and "report-new" in grown[changed[0]]
    # Past 20 batches of 50 the batches are made again: the one time all documents rerun.
    assert len(extraction_batches([*names, *(f"more-{n}" for n in range(20))], 50)) == 21
    assert extraction_batches(names[:5], 50) == {"batch_1": names[:5]}
    assert extraction_batches([], 50) == {}
