from datetime import date

import pytest

from policybrief.core.documents import document_row, read_text
from policybrief.core.errors import InputError


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
    from policybrief.core.documents import structured_field

    with pytest.raises(InputError, match="config/documents.yaml: study.url: .* is not a plain web address"):
        structured_field({"url": url}, "url", "study")
    address = " https://www.example.org/report.pdf?id=3 "
    assert structured_field({"url": address}, "url", "study") == address.strip()


@pytest.mark.parametrize("field, value, problem", [
    ("date", "<b>2012</b>", "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ("date", "July 2012", "is not a date of the form"),
    ("language", 'en"><script>', "is not a language code"),
])
def test_a_date_or_language_that_is_not_one_is_refused(field, value, problem):
    from policybrief.core.documents import structured_field

    with pytest.raises(InputError, match=f"config/documents.yaml: study.{field}: .* {problem}"):
        structured_field({field: value}, field, "study")
    assert structured_field({"date": date(2012, 7, 1)}, "date", "study") == "2012-07-01"  # unquoted in YAML
    assert structured_field({"date": 2012}, "date", "study") == "2012"
    assert structured_field({}, "language", "study") == ""


def test_documents_are_batched_by_name_so_a_new_one_changes_one_batch():
    from policybrief.core.documents import extraction_batches

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


# Each encoding, as the message names it and as iconv names it.
WIDE = [("utf-16", "UTF-16 (little-endian, with a byte-order mark)", "UTF-16"),
        ("utf-16-le", "UTF-16 (little-endian, without a byte-order mark)", "UTF-16LE"),
        ("utf-16-be", "UTF-16 (big-endian, without a byte-order mark)", "UTF-16BE"),
        ("utf-32", "UTF-32 (little-endian, with a byte-order mark)", "UTF-32"),
        ("utf-32-be", "UTF-32 (big-endian, without a byte-order mark)", "UTF-32BE")]


@pytest.mark.parametrize("encoding, named, iconv", WIDE)
def test_a_document_saved_as_utf16_or_utf32_is_named_so_with_how_to_save_it_as_utf8(tmp_path, encoding, named, iconv):
    path = tmp_path / "report.txt"
    path.write_bytes("Étude sociale\n\nIn 2012, 25 centres took part.\n".encode(encoding))
    with pytest.raises(InputError) as raised:
        read_text(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: the document is {named} text, not UTF-8"), message
    assert "What to do: save it as UTF-8" in message and f"iconv -f {iconv} -t UTF-8 {path}" in message, message
    assert "binary" not in message and "NUL" not in message, message


def test_a_document_over_the_size_limit_is_named_with_its_size_the_limit_and_what_to_do(tmp_path):
    from policybrief.core.documents import check_sizes
    from policybrief.core.limits import DEFAULT_LIMITS

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_bytes(b"x" * 1_000)
    large.write_bytes(b"x" * 2_600)
    check_sizes([small], 0.001)
    with pytest.raises(InputError) as raised:
        check_sizes([small, large], 0.0025)
    message = str(raised.value)
    assert message.startswith(f"{large}: the document is 0.0 MB (2,600 bytes), more than the 0.0025 MB a "
                              "document may have (limits.document_megabytes in config/config.yaml)"), message
    assert "What to do: split it into documents of at most 0.0025 MB" in message
    assert "raise limits.document_megabytes in config/config.yaml" in message
    assert DEFAULT_LIMITS["document_megabytes"] == 5


def test_extraction_says_how_far_it_is_every_few_seconds_and_at_the_end():
    from policybrief.extract.extraction import Progress

    class Log:
        lines = []

        def info(self, message, *values):
            self.lines.append(message % values)

    now = [100.0]
    progress = Progress(8, Log(), every=10, clock=lambda: now[0])
    for count, seconds in enumerate([2, 4, 11, 13, 22, 23, 24, 35], start=1):
        now[0] = 100 + seconds
        progress.done(count)
    assert Log.lines == ["extracted 3 of 8 documents (37%), 11 s", "extracted 5 of 8 documents (62%), 22 s",
                         "extracted 8 of 8 documents (100%), 35 s"]
