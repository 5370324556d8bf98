"""Source documents: reading their text safely and describing them for documents.csv."""

import hashlib
import re
import unicodedata
from pathlib import Path

from policybrief.core.checksums import sha256_of
from policybrief.core.encodings import conversion, wide_unicode
from policybrief.core.errors import InputError
from policybrief.core.project_files import check_input_file
from policybrief.core.yaml_input import key_line

METADATA_FIELDS = ("title", "publisher", "date", "language")
# The inventory: what each document in seeds/ is (relative to the project folder).
METADATA_FILE = "config/documents.yaml"
# How the brief weighs a document: research is evidence for findings; context informs the
# background and the recommendations only; set_aside is kept in the annex (its note says why)
# and not used by the brief. Unknown kinds stay unclassified, never evidence.
ROLES = ("research", "context", "set_aside")


# A document's id is its file name: the characters a workflow wildcard, a URL anchor and
# every file system take as they are.
SAFE_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def safe_name(name: str) -> str:
    """'Étude sociale 2012' -> 'Etude-sociale-2012': the name to suggest for a file."""
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_only).strip("-") or "document"


# What a document in seeds/ may be: plain text (its own text), or as published, a PDF or a saved
# web page (read to text by rules read_batch_*, policybrief.extract.published).
DOCUMENT_SUFFIXES = (".txt", ".pdf", ".html", ".htm")
# Where the text of a published document is written, with its page map beside it.
PUBLISHED_TEXTS = "data/interim/text"


def check_documents_folder(folder) -> None:
    """Every document in seeds/ is a regular file inside the project (policybrief.core.project_files:
    a link to /etc/passwd, say, would publish what it points to), named with safe characters
    (a name with a space or an accent would be passed over)."""
    document_files(folder)


def document_files(folder) -> dict[str, str]:
    """document -> its file in seeds/ (.txt, .pdf, .html or .htm), each checked; two files of
    one name (a .txt beside its .pdf) are refused, as the build would not know which to read."""
    folder = Path(folder)
    files = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            continue
        check_input_file(path)
        if path.suffix not in DOCUMENT_SUFFIXES or not SAFE_NAME.fullmatch(path.stem):
            suffix = path.suffix.lower()
            raise InputError(path, f"the file name {path.name!r} has characters other than letters a-z, digits, "
                                   "'-', '_' and '.' (or an upper-case extension), so the document would be "
                                   "passed over.",
                             f"rename it to {safe_name(path.stem) + suffix!r}, and use that name (without "
                             f"{suffix}) as its key in config/documents.yaml.")
        if path.stem in files:
            raise InputError(path, f"seeds/ has two files for the document {path.stem!r}: "
                                   f"{Path(files[path.stem]).name} and {path.name}.",
                             "keep one of them (the document as published, if you have it), and move the other out "
                             "of seeds/.")
        files[path.stem] = path.as_posix()
    return files


def text_of(document_file: str) -> str:
    """Where a document's text is: the file itself for a .txt, else the text read from it."""
    path = Path(document_file)
    return document_file if path.suffix == ".txt" else f"{PUBLISHED_TEXTS}/{path.stem}.txt"


def catalogue_files(folder, documents: list[str]) -> dict[str, str]:
    """document -> its catalogue, <folder>/<document>.yaml, for each document that has one; a
    catalogue file named after no document in seeds/ is refused, naming the documents there, and
    so is one that is not a regular file inside the project (policybrief.core.project_files)."""
    files = {document: f"{folder}/{document}.yaml" for document in documents
             if Path(folder, f"{document}.yaml").is_file()}
    for path in files.values():
        check_input_file(path)
    for stray in sorted(set(Path(folder).glob("*.yaml")) - {Path(path) for path in files.values()}):
        raise InputError(stray, f"is the catalogue of {stray.stem!r}, but seeds/ has no document {stray.stem}.txt "
                                f"(documents: {', '.join(documents) or 'none'}).",
                         "name the file after its document (seeds/<document>.txt -> <document>.yaml), or remove it.")
    return files


def extraction_batches(documents: list[str], per_batch: int) -> dict[str, list[str]]:
    """Documents grouped into batches of about per_batch, by a hash of each name, so that a
    document keeps its batch as others come and go (until the number of batches changes).
    Keys are batch_01, batch_02, ...; each batch's documents sorted; empty batches left out."""
    count = max(1, -(-len(documents) // per_batch))
    batches = {}
    for document in sorted(documents):
        number = int(hashlib.sha256(document.encode("utf-8")).hexdigest()[:12], 16) % count + 1
        batches.setdefault(f"batch_{number:0{len(str(count))}d}", []).append(document)
    return dict(sorted(batches.items()))


def check_sizes(paths, megabytes: float) -> None:
    """Every document is at most `megabytes` million bytes (config limits.document_megabytes):
    a larger one stops before any is extracted, rather than run for minutes."""
    for path in paths:
        size = Path(path).stat().st_size
        if size > megabytes * 1e6:
            raise InputError(path, f"the document is {size / 1e6:,.1f} MB ({size:,} bytes), more than the "
                                   f"{megabytes:g} MB a document may have (limits.document_megabytes in "
                                   "config/config.yaml), so it is not extracted.",
                             f"split it into documents of at most {megabytes:g} MB (each a .txt file in seeds/ with "
                             "its own entry in config/documents.yaml), or, if it must stay whole, raise "
                             "limits.document_megabytes in config/config.yaml.")


def document_id(path) -> str:
    """A document's id is its file name without the extension."""
    return Path(path).stem


def read_text(path) -> str:
    """Decode a document as UTF-8, exactly (offsets into this text are the provenance).

    A byte-order mark is kept as the first character so offsets still match the bytes'
    decoding; CRLF line ends are kept too. Empty, binary or non-UTF-8 files raise an
    InputError that names the file and the byte where decoding failed (a UTF-16 or UTF-32
    file, by its encoding).
    """
    data = Path(path).read_bytes()
    if not data.strip():
        raise InputError(path, "the document is empty.",
                         "put the document's text in the file, or remove the file from seeds/.")
    encoding = wide_unicode(data)
    if encoding:
        raise InputError(path, f"the document is {encoding} text, not UTF-8; the build reads documents as "
                               "UTF-8, so that every quote's offsets point into the file's bytes as decoded.",
                         "save it as UTF-8 (in a text editor: Save As, encoding UTF-8), or convert it: "
                         f"{conversion(encoding, path)}")
    if b"\x00" in data[:4096]:
        raise InputError(path, "the file looks binary (it holds NUL bytes), not a text document.",
                         "convert it to a UTF-8 .txt file first (e.g. pdftotext), or remove it.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            path,
            f"byte {error.start} (line {line}) is not valid UTF-8 ({data[error.start:error.start + 1]!r}).",
            "re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).",
        ) from None


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().strip("*# ")
    return ""


def citation_of(row: dict, parenthetical: bool = True) -> str:
    """How the brief cites a document: 'Martiniello et al. (2008)', or in running text
    'Martiniello et al., 2008'. The author part is documents.yaml's citation; the year, its date."""
    author, year = row.get("citation") or row.get("title") or row["document"], year_of(row)
    if not year:
        return author
    if year.startswith("["):  # a supplied year stands in its own brackets: "FPS Foreign Affairs [2006]"
        return f"{author} {year}" if parenthetical else f"{author}, {year}"
    return f"{author} ({year})" if parenthetical else f"{author}, {year}"


# Fields of config/documents.yaml that the brief uses as data, not text: each must have its
# form, so that no markup can come in through them (the brief prints the url as a link and
# takes the year from the date).
STRUCTURED_FIELDS = {
    "url": (re.compile(r"https?://[^\s<>\"'`\\]+"),
            "is not a plain web address (http:// or https://, with no spaces, quotes or angle brackets)",
            "give the document's address as it appears in a browser's address bar, or remove the url"),
    "date": (re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"),
             "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
             "give the date the document was published, e.g. 2012-07"),
    "language": (re.compile(r"[a-z]{2,3}"),
                 "is not a language code",
                 "give the two-letter code of the language the copy in seeds/ is written in, e.g. en"),
}


def structured_field(metadata: dict, field: str, document: str, metadata_path=METADATA_FILE) -> str:
    """A field of the inventory in its expected form, or a message naming the line, the
    document and the field."""
    value = str(metadata.get(field) or "").strip()
    pattern, problem, fix = STRUCTURED_FIELDS[field]
    if value and not pattern.fullmatch(value):
        raise InputError(metadata_path, f"{key_line(metadata_path, (document, field))}{document}.{field}: "
                                        f"{value!r} {problem}.", fix + ".")
    return value


def document_row(path, relative_path: str, metadata: dict, metadata_path=METADATA_FILE,
                 text: str | None = None, source=None) -> dict:
    """One row of documents.csv; a document without metadata takes its first line as title.
    `text` is the document's, where the caller has read it already; `source` the file it was
    read from (a PDF), whose checksum the row gives, where that is not the text itself."""
    text = read_text(path) if text is None else text
    return {
        "document": document_id(path),
        "path": relative_path,
        "sha256": sha256_of(source or path),
        "title": metadata.get("title") or first_line(text),
        "publisher": metadata.get("publisher", ""),
        "date": structured_field(metadata, "date", document_id(path), metadata_path),
        "language": structured_field(metadata, "language", document_id(path), metadata_path),
        "words": word_count(text),
        "authors": metadata.get("authors", ""),
        # A document read in translation keeps its original title, so a reader can find it.
        "original_title": metadata.get("original_title", ""),
        "original_language": metadata.get("original_language", ""),
        "url": structured_field(metadata, "url", document_id(path), metadata_path),
        "note": metadata.get("note", ""),
        "citation": metadata.get("citation") or metadata.get("title") or first_line(text),
        "kind": metadata.get("kind", "document (not described in config/documents.yaml)"),
        "role": metadata.get("role") if metadata.get("role") in ROLES else "unclassified",
        # What the inventory gives but the document does not state, and how it was inferred.
        "inferred": "; ".join(f"{field}: {why}" for field, why in sorted((metadata.get("inferred") or {}).items())),
    }


# The inventory's fields that may be inferred (workflow/schemas/documents.schema.yaml).
INFERABLE = ("authors", "citation", "date", "kind", "original_title", "publisher", "title", "url")
_INFERRED_FIELD = re.compile(rf"(?:^|; )({'|'.join(INFERABLE)}): ")


def inferred_fields(row: dict) -> dict[str, str]:
    """documents.csv's inferred cell ("date: how; publisher: how") -> {field: how it was
    inferred}; a reason may hold "; " itself."""
    cell = row.get("inferred") or ""
    found = list(_INFERRED_FIELD.finditer(cell))
    return {match[1]: cell[match.end():following.start() if following else len(cell)]
            for match, following in zip(found, found[1:] + [None])}


def year_of(row: dict) -> str:
    """The year a document was published, in square brackets where the document does not state
    it and the inventory inferred it ('[2006]'), as bibliographies mark a supplied date."""
    year = (row.get("date") or "")[:4]
    return f"[{year}]" if year and "date" in inferred_fields(row) else year
