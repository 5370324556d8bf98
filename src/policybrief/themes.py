"""Themes of recommendations, found by keyword sets kept in config/themes.yaml."""

import re
from pathlib import Path

import yaml

from .errors import InputError


def load_themes(path) -> dict[str, re.Pattern]:
    """Theme name -> one regex of its keywords (whole words, any case, * for any ending)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    themes = data.get("themes")
    if not isinstance(themes, dict) or not themes:
        raise InputError(path, "must hold `themes:`, a mapping of theme names to lists of keywords.")
    compiled = {}
    for name, keywords in themes.items():
        if not keywords or not all(isinstance(k, str) and k.strip() for k in keywords):
            raise InputError(path, f"theme {name!r} needs a list of keywords.")
        words = [re.escape(k.strip()).replace(r"\*", r"\w*").replace(r"\ ", r"\s+") for k in keywords]
        compiled[name] = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    return compiled
