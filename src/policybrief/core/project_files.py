"""Inputs are regular files inside the project.

What a build reads it may publish: a symbolic link in data/supplementary/ to a file elsewhere
(or to /etc/passwd) would put that file's text into the brief, the annex and the kept
edition. So every input (the edition's config/, its documents in seeds/, its plug-in files in
data/supplementary/, the kept editions in editions/) must be a regular file inside the
project; anything else is refused by its name, before it is opened, and nothing of what it
points to is shown.

Light (standard library only): the workflow checks its inputs while it is read.
"""

import os
import stat
from pathlib import Path

from policybrief.core.errors import InputError

# Folders whose files are inputs: the edition's content, and the kept editions a new one is
# compared with. (The documents in seeds/ are checked with their names, file by file, in
# policybrief.core.documents.check_documents_folder.)
INPUT_FOLDERS = ("config", "data/supplementary", "editions")


def file_name(path) -> str:
    """A file as a reader is told of it: its name, without the project's folders
    ('seeds/nomibe-research-summary.txt' -> 'nomibe-research-summary.txt')."""
    return str(path).rstrip("/").rsplit("/", 1)[-1]


def input_file_problem(path, root=".") -> tuple[str, str] | None:
    """(what is wrong, what to do) when path is not a regular file inside root; None if it is.
    Only the file's metadata is looked at, never its content."""
    path, root = Path(path), Path(root).resolve()
    try:
        status = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(status.st_mode):
        return (f"is a symbolic link (to {os.readlink(path)}), not a file of the project; the build publishes "
                "what its inputs hold, so it reads only regular files inside the project.",
                "copy the file itself here (cp --dereference), or remove the link.")
    if not stat.S_ISREG(status.st_mode):
        return ("is not a regular file (a folder, a pipe or a device), so it is not read.",
                "put a regular file here, or remove it.")
    if status.st_nlink > 1:
        return (f"is a hard link: the same file has {status.st_nlink} names, and may be one outside the project, "
                "so it is not read.",
                "replace it with a copy of its own (cp f f.copy && mv f.copy f).")
    if root not in path.resolve().parents:
        return ("lies outside the project folder, so it is not read.",
                "copy the file into the project and name it there.")
    return None


def check_input_file(path, root=".") -> None:
    problem = input_file_problem(path, root)
    if problem:
        raise InputError(path, *problem)


def check_input_folders(folders=INPUT_FOLDERS, root=".") -> None:
    """Every entry of the edition's input folders (and the folders themselves) is a regular
    file or folder inside the project, not a link; stops at the first that is not."""
    root = Path(root)
    for folder in folders:
        path = root / folder
        parts = [root / Path(*Path(folder).parts[:depth]) for depth in range(1, len(Path(folder).parts) + 1)]
        for part in parts:
            if part.is_symlink():
                raise InputError(part, f"is a symbolic link (to {os.readlink(part)}), not a folder of the project; "
                                       "the build reads only files inside the project.",
                                 "make it a folder holding copies of the files, or remove the link.")
        if not path.is_dir():
            continue
        for directory, subfolders, names in os.walk(path):
            for name in sorted(subfolders):
                if Path(directory, name).is_symlink():
                    check_input_file(Path(directory, name), root)
            for name in sorted(names):
                check_input_file(Path(directory, name), root)
