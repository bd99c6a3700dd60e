"""Paths and small helpers shared by the tests (imported as `helpers`)."""

from __future__ import annotations

from pathlib import Path

from dramatui.library import build_index
from dramatui.model import ShowFile

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_6b532b67f73d1517.txt"
"""A copy of shared/seed/000_6b532b67f73d1517.txt, the user's own document."""
SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_6b532b67f73d1517.txt"
DATA = ROOT / "data"


def only_show(path: Path) -> ShowFile:
    """The one show under *path*, loaded through the index (the one loading path)."""
    index = build_index([path])
    assert index.problems == [], index.problems
    (shown,) = index.shows
    return index.load(shown.id)
