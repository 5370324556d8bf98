"""Frozen editions: a built edition's record is a draft until it is published with
`policybrief freeze`, which seals it (editions/<date>/frozen.json: every file of the record
with its checksum). A sealed record is never rewritten: a rebuild that would change what the
edition says stops, and the next edition compares with the last frozen one.

Light (the standard library and core/): the workflow reads the seals when it is read, to
find the previous edition.
"""

import json
import re
from pathlib import Path

from policybrief.core.checksums import sha256_of
from policybrief.core.errors import InputError
from policybrief.core.formatting import first_few
from policybrief.core.markup import one_line

SEAL = "frozen.json"
# A draft record carries its own .gitignore, so that git leaves it alone while every build
# writes it again; freezing removes it, and the sealed record is there to commit.
DRAFT_IGNORE = ".gitignore"
DRAFT_IGNORE_TEXT = ("# A draft record: every build writes it again, so git ignores it. `policybrief freeze "
                     "--signed-by \"Editor\"`\n# seals it and removes this file; then commit the folder.\n*\n")
# What the edition says: its tables and the ledger of its brief's numbers. A rebuild that
# gives them other bytes would change the edition; one that only renders the same brief with
# another engine (other bytes of the same pages) leaves the record as it was sealed.
SAYS = (".csv",)


def seal_of(folder) -> dict | None:
    """The seal of a kept edition's folder, or None for a draft."""
    path = Path(folder, SEAL)
    if not path.is_file():
        return None
    try:
        seal = json.loads(path.read_text(encoding="utf-8"))
        seal["files"], seal["edition"]  # noqa: B018 (both must be there)
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(path, f"the seal of this frozen edition cannot be read ({error}).",
                         "restore the folder from your copy of the archive (git checkout, a backup).") from None
    return seal


def seal_text(folder, edition: dict, frozen_on: str, signed_by: str) -> str:
    """The seal of a record: the edition, the day it was frozen, the editor who signed it, and
    each file's checksum."""
    files = {path.name: sha256_of(path) for path in sorted(Path(folder).iterdir())
             if path.is_file() and path.name != SEAL}
    return json.dumps({"edition": {key: edition[key] for key in ("number", "name", "date")},
                       "frozen_on": frozen_on, "signed_by": signed_by, "files": files},
                      indent=2, ensure_ascii=False) + "\n"


# Somewhere a reader can write to: an email or web address, or a postal code or telephone number.
_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.\w+|https?://\S+|www\.\S+|\d{4,}")


def has_address(contact) -> bool:
    """Whether a brief's contact gives an address (not only a team's name)."""
    return bool(_ADDRESS.search(str(contact or "")))


def sign_off_refusal(edition: dict, signed_by: str) -> InputError | None:
    """What stops a sign-off: no editor named, or a contact that gives readers no address."""
    if not one_line(signed_by or ""):
        return InputError("policybrief freeze", f"names no editor to sign edition {edition['number']} "
                                                f"({edition['name']}).",
                          "read the brief and the annex, then freeze them with the name of the editor who signs "
                          "them: policybrief freeze --signed-by \"Name of the editor\".")
    if not has_address(edition.get("contact")):
        return InputError("config/config.yaml", f"edition.contact, {edition.get('contact')!r}, gives readers no "
                                                "address to write to, and a published brief gives one.",
                          "put an email address, a web address or a postal address in edition.contact (and the "
                          "authors' names in edition.author), build again (snakemake --cores 4), then freeze.")
    return None


def tampered(folder, seal: dict) -> list[str]:
    """The files of a frozen record that are no longer as sealed (changed, or gone)."""
    return sorted(name for name, digest in seal["files"].items()
                  if not Path(folder, name).is_file() or sha256_of(Path(folder, name)) != digest)


def would_change(seal: dict, kept: dict) -> list[str]:
    """The files of what the edition says (SAYS) that this build would keep with other bytes
    than the sealed ones, or that the seal does not hold: `kept` maps each name in the record
    to the file the build made."""
    return sorted(name for name, source in kept.items() if name.endswith(SAYS)
                  and seal["files"].get(name) != sha256_of(source))


def frozen_refusal(folder: str, seal: dict, changed: list[str]) -> InputError:
    """What a rebuild of a frozen edition that would change it is told."""
    edition = seal["edition"]
    return InputError(folder, f"edition {edition['number']} ({edition['name']}) was frozen on {seal['frozen_on']}, "
                              f"and this build would change what it says ({first_few(changed)}). A frozen edition "
                              "is never rewritten; nothing was published.",
                      "to publish these changes, make them a new edition: give it the next number and its own "
                      "date (edition.number and edition.date in config/config.yaml); to rebuild the frozen "
                      "edition instead, put back the inputs it was built from (its manifest.json lists them).")


def check_sealed(folder) -> None:
    """A frozen record read as the previous edition is as it was sealed, or the build stops."""
    seal = seal_of(folder)
    changed = tampered(folder, seal) if seal else []
    if changed:
        raise InputError(folder, f"the frozen record of edition {seal['edition']['number']} is no longer as it was "
                                 f"sealed on {seal['frozen_on']}: {', '.join(changed)} changed or gone.",
                         "restore the folder from your copy of the archive (for a record in git: "
                         f"git checkout -- {folder}); a frozen record is never edited.")


def freeze(edition: dict, folder: str, receipt_holds: bool, frozen_on: str, signed_by: str) -> str:
    """Seal the edition's draft record, signed by its editor; returns the seal's path. Refused
    for a record that is missing, of another edition, not what the last build published, or
    frozen already; and without an editor's name, or a contact address in the edition."""
    manifest = Path(folder, "manifest.json")
    if not manifest.is_file():
        raise InputError(folder, f"holds no record of edition {edition['number']} ({edition['name']}).",
                         "build it first (snakemake --cores 4), read the brief, then freeze it.")
    record = json.loads(manifest.read_text(encoding="utf-8"))
    kept = record["edition"]
    if int(kept["number"]) != int(edition["number"]):
        raise InputError(folder, f"keeps edition {kept['number']} ({kept['name']}), but config/config.yaml is "
                                 f"edition {edition['number']}.",
                         "build the edition of config/config.yaml first (snakemake --cores 4).")
    seal = seal_of(folder)
    if seal:
        raise InputError(folder, f"edition {kept['number']} ({kept['name']}) was frozen on {seal['frozen_on']} "
                                 "already.", "a frozen edition stays as it is; make the next one a new edition "
                                             "(edition.number and edition.date in config/config.yaml).")
    refusal = sign_off_refusal(edition, signed_by)
    if refusal:
        raise refusal
    if not receipt_holds:
        raise InputError(folder, "is not what the last build published: the build was stopped, or a published "
                                 "file was changed since.",
                         "build again (snakemake --cores 4), read the brief, then freeze it.")
    stale = [entry["path"] for entry in record["inputs"]
             if Path(entry["path"]).is_file() and sha256_of(entry["path"]) != entry["sha256"]]
    if stale:
        raise InputError(folder, f"was built from other versions of {first_few(stale)}.",
                         "build again (snakemake --cores 4), read the brief, then freeze it.")
    Path(folder, DRAFT_IGNORE).unlink(missing_ok=True)
    path = Path(folder, SEAL)
    path.write_text(seal_text(folder, kept, frozen_on, one_line(signed_by)), encoding="utf-8")
    return path.as_posix()
