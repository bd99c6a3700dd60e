"""Shared helpers for the importer tests."""

from __future__ import annotations

import re

from dramatui.model import ShowFile
from dramatui.spoilers import strip_markers

from helpers import DATA, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
BUNDLED = DATA / "soundtrack-1.toml"

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def body_words(show: ShowFile) -> list[str]:
    """Every word of every section body, in order, with inline spoiler markers removed."""
    out: list[str] = []
    for review in show.reviews:
        for section in review.sections:
            out += words(strip_markers(section.body))
    return out


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(w == b for b in it) for w in small)
