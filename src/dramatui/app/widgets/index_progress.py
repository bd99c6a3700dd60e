"""The ``indexing 3,200/10,000 ████░░░`` line above the show list while the index is built."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

PROGRESS_WIDTH = 12
"""Cells of the indexing bar."""


class IndexProgressLine(Static):
    """Shown while indexing, hidden once the index is done."""

    def show_progress(self, done: int, total: int) -> None:
        """*done* of *total* files (*total* 0: not known yet)."""
        self.display = True
        count = f"indexing {done:,}/{total:,} " if total else "indexing… "
        width = min(PROGRESS_WIDTH, self.content_region.width - len(count))
        filled = width * done // total if total and width > 0 else 0
        bar = "█" * filled + "░" * max(0, width - filled)
        self.update(Content.assemble(count, (bar, "$text-accent")))
