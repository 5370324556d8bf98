"""`policybrief new-topic`: a topic folder of content only, from the engine's template."""

import datetime as dt
import filecmp

import pytest

from policybrief.cli import main
from policybrief.core.errors import InputError
from policybrief.new_topic import TEMPLATE, new_topic, title_of

from conftest import ROOT

TOPICS = [ROOT, ROOT / "tests/topics/energy-poverty", TEMPLATE]


def test_the_folder_holds_content_a_few_line_snakefile_and_the_run_settings(tmp_path):
    written = new_topic(tmp_path / "rent-arrears", today=dt.date(2026, 12, 6))
    names = {path.relative_to(tmp_path / "rent-arrears").as_posix() for path in written}
    config = ("config.yaml", "documents.yaml", "catalogue/example-document.yaml", "indicators.yaml", "figures.yaml",
              "units.yaml", "arithmetic.yaml", "brief.qmd.j2", "annex.qmd.j2")
    assert names == {"Snakefile", "profiles/default/config.yaml", "seeds/example-document.txt",
                     "data/supplementary/README.md", *(f"config/{name}" for name in config)}
    assert not [name for name in names if name.endswith(".py")]
    snakefile = (tmp_path / "rent-arrears/Snakefile").read_text(encoding="utf-8")
    assert len([line for line in snakefile.splitlines() if line and not line.startswith("#")]) <= 6
    config = (tmp_path / "rent-arrears/config/config.yaml").read_text(encoding="utf-8")
    assert 'date: "2026-12-06"' in config and 'title: "Rent arrears"' in config
    assert not [key for key in ("{date}", "{title}", "{publisher}") if key in config]


@pytest.mark.parametrize("topic", TOPICS[1:], ids=["energy-poverty", "template"])
def test_every_topic_uses_the_engine_by_the_same_snakefile_and_run_settings(topic):
    for name in ("Snakefile", "profiles/default/config.yaml"):
        assert filecmp.cmp(ROOT / name, topic / name, shallow=False), f"{topic / name} differs from {ROOT / name}"


def test_a_folder_that_holds_anything_is_refused_and_left_as_it_was(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    with pytest.raises(InputError, match="already exists and is not an empty folder; nothing was written"):
        new_topic(folder)
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]


def test_the_command_says_what_it_wrote_and_what_to_run_next(tmp_path, capsys):
    assert main(["new-topic", str(tmp_path / "energy_poverty"), "--title", 'Tenants "first"']) == 0
    out = capsys.readouterr().out
    assert "one document in seeds/" in out and "snakemake --cores 4" in out
    assert 'title: "Tenants \\"first\\""' in (tmp_path / "energy_poverty/config/config.yaml").read_text("utf-8")
    assert main(["new-topic", str(tmp_path / "energy_poverty")]) == 1
    assert "nothing was written" in capsys.readouterr().err


def test_a_working_title_comes_from_the_folder_s_name(tmp_path):
    assert title_of(tmp_path / "energy-poverty") == "Energy poverty"
    assert title_of(tmp_path / "housing_costs 2026") == "Housing costs 2026"
