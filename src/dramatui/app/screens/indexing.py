"""The indexing half of the main screen: which shows are known, and the worker that finds them.

:class:`IndexingScreen` holds the shows known so far (facts and filter text, never prose),
starts the indexing worker once the first frame is drawn, merges what it reports into the
list, and draws the ``indexing 3,200/10,000`` line above it. The main screen
(``main.py``) builds on it and owns selection and reveal. The index, the loader and the
models are imported inside the worker: the first frame never waits for them.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from dramatui.app.widgets.show_list import ShowList
from dramatui.library import IndexedShow, Listing
from dramatui.spoilers import search_text

if TYPE_CHECKING:
    from dramatui.library import Index, Peek, Progress

PROGRESS_WIDTH = 12
"""Cells of the indexing bar in the shows pane."""


@dataclass(frozen=True)
class LibrarySource:
    """Where the shows come from: files to index (in a worker), or an index already built.

    *peek* (from :func:`dramatui.library.peek_index`) is what the first frame shows
    while the index is built; *cache_dir* None means no index cache.
    """

    paths: Sequence[Path] = ()
    peek: Peek | None = None
    cache_dir: Path | None = None
    index: Index | None = None


class IndexProgress(Message):
    """Sent from the indexing worker: *done* of *total* files, and the shows just read."""

    def __init__(
        self, done: int, total: int, shows: Sequence[IndexedShow], search: Sequence[str]
    ) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.shows = shows
        self.search = search


class IndexReady(Message):
    """Sent from the indexing worker: the whole library, sorted, with every problem."""

    def __init__(self, index: Index, search: Sequence[str]) -> None:
        super().__init__()
        self.index = index
        self.search = search


class IndexingScreen(Screen[None]):
    """A screen listing a library while it is indexed.

    A subclass composes a ``Static#index-progress`` above a :class:`ShowList`, calls
    :meth:`open_library` when mounted, and hears of changes through
    :meth:`known_changed` and :meth:`library_ready`.
    """

    def __init__(self, source: LibrarySource) -> None:
        super().__init__()
        self.source = source
        self.listing = Listing()
        """The shows known so far (facts and filter text, never prose)."""
        self._wanted: str | None = None
        """The show highlighted in the list (its file may still be loading)."""

    # -- hooks for the screen built on this ---------------------------------------

    def known_changed(self) -> None:
        """The known shows changed (called before the list is given them)."""

    def library_ready(self) -> None:
        """The index is complete: every show and every problem is known."""

    def provisional_replaced(self) -> None:
        """The rows listed by title only were replaced by the index's own."""

    # -- the library -----------------------------------------------------------------

    def open_library(self) -> None:
        """List the index handed over, or what the last index left, and start indexing."""
        self.query_one("#index-progress", Static).display = False
        index = self.source.index
        if index is not None:
            self.listing.finish(index, [search_text(s.facts) for s in index.shows])
            self._known_changed()
            return
        peek = self.source.peek
        self.listing.start(peek, [search_text(s.facts) for s in peek.shows] if peek else [])
        if peek is not None:
            self._known_changed()
        self._show_progress(0, peek.total if peek is not None else 0)
        # After the first frame: the worker's cache read would compete with it for the GIL.
        self.call_after_refresh(self._build_index)

    def index_again(self, folder: Path, show_id: str) -> None:
        """New show files were written into *folder*: index again, highlighting *show_id*."""
        paths = list(self.source.paths)
        if self.source.index is not None:  # an index handed over: its files from now on
            paths = [s.path for s in self.source.index.shows if folder not in s.path.parents]
        if folder not in paths:
            paths.append(folder)
        self.source = replace(self.source, paths=paths, index=None)
        self._wanted = show_id
        self.listing.indexing = True
        self._show_progress(0, 0)
        self._build_index()

    def _known_changed(self) -> None:
        """The listing changed: tell the screen built on this, then the list."""
        self.known_changed()
        listing = self.listing
        search = [listing.search[show_id] for show_id in listing.order]
        self.query_one(ShowList).set_shows(listing.order, search, self._wanted)

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self) -> None:
        """Index every file (worker processes, the cache), telling the screen as it goes."""
        from dramatui.library import IndexCancelled, build_index

        worker = get_current_worker()
        texts: dict[Path, str] = {}

        def progress(step: Progress) -> None:
            if worker.is_cancelled:
                raise IndexCancelled
            search = []
            for shown in step.shows:
                text = texts[shown.path] = search_text(shown.facts)
                search.append(text)
            self.post_message(IndexProgress(step.done, step.total, step.shows, search))

        try:
            index = build_index(
                self.source.paths, cache_dir=self.source.cache_dir, progress=progress
            )
        except IndexCancelled:
            return
        search = [texts.get(s.path) or search_text(s.facts) for s in index.shows]
        if not worker.is_cancelled:
            self.post_message(IndexReady(index, search))

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self._show_progress(message.done, message.total)
        had_provisional = bool(self.listing.provisional)
        if self.listing.add(message.shows, message.search, message.done):
            self._known_changed()
        if had_provisional and not self.listing.provisional:
            self.provisional_replaced()

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        replaced = bool(self.listing.provisional)
        self.listing.finish(message.index, message.search)
        self._show_progress(0, 0)
        self._known_changed()
        if replaced:
            self.provisional_replaced()
        self.library_ready()
        # The index is long-lived: keep the collector from walking its objects again on
        # every full collection (each cost tens of ms in a keypress at 10,000 shows).
        gc.freeze()

    def _show_progress(self, done: int, total: int) -> None:
        """``indexing 3,200/10,000`` and a bar above the list while the index is built."""
        line = self.query_one("#index-progress", Static)
        line.display = self.listing.indexing
        if not self.listing.indexing:
            return
        count = f"indexing {done:,}/{total:,} " if total else "indexing… "
        width = min(PROGRESS_WIDTH, line.content_region.width - len(count))
        filled = width * done // total if total and width > 0 else 0
        bar = "█" * filled + "░" * max(0, width - filled)
        line.update(Content.assemble(count, (bar, "$accent")))
