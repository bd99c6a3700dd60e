"""Paths and small helpers shared by the tests (imported as `helpers`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_6b532b67f73d1517.txt"
"""A copy of shared/seed/000_6b532b67f73d1517.txt, the user's own document."""
SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_6b532b67f73d1517.txt"
DATA = ROOT / "data"
