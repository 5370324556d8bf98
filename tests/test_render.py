import pytest

from policybrief.errors import InputError
from policybrief.render import choose_engine, source_timestamp


def test_engine_choice():
    assert choose_engine("auto", which=lambda name: None) == "pandoc"
    assert choose_engine("auto", which=lambda name: "/usr/bin/quarto") == "quarto"
    assert choose_engine("pandoc", which=lambda name: "/usr/bin/quarto") == "pandoc"
    with pytest.raises(InputError, match="not on PATH"):
        choose_engine("quarto", which=lambda name: None)


def test_timestamp_from_edition_date_or_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_timestamp("2026-11-23") == 1795392000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_timestamp("2026-11-23") == 1700000000
