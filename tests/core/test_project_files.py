"""Inputs are regular files inside the project: a link, a pipe, a folder in a file's place or a
hard link is refused by its name, without being opened."""

import os

import pytest

from policybrief.core.errors import InputError
from policybrief.core.project_files import check_input_folders

SECRET = "root:x:0:0:root:/root:/bin/bash\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "project/config").mkdir(parents=True)
    (tmp_path / "project/data/supplementary").mkdir(parents=True)
    (tmp_path / "project/config/config.yaml").write_text("edition: {}\n")
    (tmp_path / "project/data/supplementary/ok.csv").write_text("indicator\n")
    (tmp_path / "outside.csv").write_text(SECRET)
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def refused(project) -> str:
    with pytest.raises(InputError) as error:
        check_input_folders()
    assert SECRET.strip() not in str(error.value)
    return str(error.value)


def test_regular_files_inside_the_project_pass(project):
    check_input_folders()


@pytest.mark.parametrize("case", ["link to a file", "link to /etc/passwd", "link to a folder", "linked folder",
                                  "pipe", "folder named .csv", "hard link", "linked config file",
                                  "link in a kept edition"])
def test_anything_but_a_regular_file_inside_the_project_is_refused_by_its_name(project, case):
    supplementary = project / "data/supplementary"
    if case == "link to a file":
        (supplementary / "survey.csv").symlink_to(project.parent / "outside.csv")
        expected = "data/supplementary/survey.csv: is a symbolic link (to "
    elif case == "link to /etc/passwd":
        (supplementary / "survey.csv").symlink_to("/etc/passwd")
        expected = "data/supplementary/survey.csv: is a symbolic link (to /etc/passwd)"
    elif case == "link to a folder":
        (supplementary / "more").symlink_to(project.parent)
        expected = "data/supplementary/more: is a symbolic link"
    elif case == "linked folder":
        (project / "data/supplementary/ok.csv").unlink()
        (project / "data/supplementary").rmdir()
        (project / "data/supplementary").symlink_to(project.parent)
        expected = "data/supplementary: is a symbolic link"
    elif case == "pipe":
        os.mkfifo(supplementary / "survey.csv")  # reading it would wait for ever
        expected = "data/supplementary/survey.csv: is not a regular file"
    elif case == "folder named .csv":
        (supplementary / "survey.csv").mkdir()
        (supplementary / "survey.csv/x.csv").symlink_to("/etc/passwd")
        expected = "data/supplementary/survey.csv/x.csv: is a symbolic link"
    elif case == "hard link":
        os.link(project.parent / "outside.csv", supplementary / "survey.csv")
        expected = "data/supplementary/survey.csv: is a hard link"
    elif case == "link in a kept edition":  # the next edition compares itself with its tables
        (project / "editions/2026-11-23").mkdir(parents=True)
        (project / "editions/2026-11-23/facts.csv").symlink_to(project.parent / "outside.csv")
        expected = "editions/2026-11-23/facts.csv: is a symbolic link"
    else:
        (project / "config/config.yaml").unlink()
        (project / "config/config.yaml").symlink_to(project.parent / "outside.csv")
        expected = "config/config.yaml: is a symbolic link"
    message = refused(project)
    assert expected in message, message
    assert "What to do:" in message
