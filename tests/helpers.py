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


def race_writers(writer: str, path: Path, count: int) -> tuple[list[int | None], list[str]]:
    """Two processes running *writer* (a script taking PATH FIRST COUNT) on one state file,
    started together once both are ready: their exit codes and what each printed."""
    import subprocess
    import sys

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", writer, str(path), str(first), str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for first in (1, 1 + count)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    return [proc.returncode for proc in procs], outputs
