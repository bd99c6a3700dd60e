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
from dramatui.facts import IndexedShow, ShowFacts
from dramatui.spoilers import search_text

if TYPE_CHECKING:
    from dramatui.index import Index, Progress
    from dramatui.index_cache import Peek
    from dramatui.library import Library, Problem
    from dramatui.model import ShowFile

PROGRESS_WIDTH = 12
"""Cells of the indexing bar in the shows pane."""


@dataclass(frozen=True)
class LibrarySource:
    """Where the shows come from: files to index (in a worker), or a library already loaded.

    *peek* (from :func:`dramatui.index_cache.peek_index`) is what the first frame shows
    while the index is built; *cache_dir* None means no index cache.
    """

    paths: Sequence[Path] = ()
    peek: Peek | None = None
    cache_dir: Path | None = None
    library: Library | None = None


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


def _list_order(shown: IndexedShow) -> tuple[str, str]:
    return shown.list_order


class IndexingScreen(Screen[None]):
    """A screen listing a library while it is indexed.

    A subclass composes a ``Static#index-progress`` above a :class:`ShowList`, calls
    :meth:`open_library` when mounted, and hears of changes through
    :meth:`known_changed` and :meth:`library_ready`.
    """

    def __init__(self, source: LibrarySource) -> None:
        super().__init__()
        self.source = source
        self._facts: dict[str, IndexedShow] = {}
        """Every show known so far, by id (facts only: no prose)."""
        self._order: list[str] = []
        """Show ids in list order (by title)."""
        self._search: dict[str, str] = {}
        """Each show's filter text."""
        self._full: dict[str, ShowFile] = {}
        """Full shows, only for a library handed over already loaded."""
        self._problems: list[Problem] = []
        self._indexing = False
        self._index: Index | None = None
        self._wanted: str | None = None
        """The show highlighted in the list (its file may still be loading)."""
        self._provisional: set[str] = set()
        """Shows listed by title only (``dramatui.quick_look``) until the index confirms."""

    # -- hooks for the screen built on this ---------------------------------------

    def known_changed(self) -> None:
        """The known shows changed (called before the list is given them)."""

    def library_ready(self) -> None:
        """The index is complete: every show and every problem is known."""

    def provisional_replaced(self) -> None:
        """The rows listed by title only were replaced by the index's own."""

    # -- the library -----------------------------------------------------------------

    def open_library(self) -> None:
        """List the library handed over, or what the last index left, and start indexing."""
        self.query_one("#index-progress", Static).display = False
        library = self.source.library
        if library is not None:
            shows = [IndexedShow(s.path, ShowFacts.of(s.show)) for s in library.shows]
            self._full = {s.id: s.show for s in library.shows}
            self._problems = list(library.problems)
            self._set_known(shows, [search_text(s.facts) for s in shows])
            return
        self._indexing = True
        peek = self.source.peek
        if peek is not None:
            if peek.provisional:
                self._provisional = {s.id for s in peek.shows}
            self._set_known(peek.shows, [search_text(s.facts) for s in peek.shows])
        self._show_progress(0, peek.total if peek is not None else 0)
        # After the first frame: the worker's cache read would compete with it for the GIL.
        self.call_after_refresh(self._build_index)

    def index_again(self, folder: Path, show_id: str) -> None:
        """New show files were written into *folder*: index again, highlighting *show_id*."""
        if self.source.library is None and folder not in self.source.paths:
            self.source = replace(self.source, paths=[*self.source.paths, folder])
        self._wanted = show_id
        self._indexing = True
        self._show_progress(0, 0)
        self._build_index()

    def _set_known(self, shows: Sequence[IndexedShow], search: Sequence[str]) -> None:
        """The list is exactly *shows*, in this order (with their filter texts)."""
        self._facts = {s.id: s for s in shows}
        self._order = [s.id for s in shows]
        self._search = dict(zip(self._order, search, strict=True))
        self.known_changed()
        self.query_one(ShowList).set_shows(self._order, search, self._wanted)

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self) -> None:
        """Index every file (worker processes, the cache), telling the screen as it goes."""
        from dramatui.index import IndexCancelled, build_index

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
        known = self._facts
        replaced = bool(self._provisional) and message.done > 0
        if replaced:
            # The index's first results replace the rows read for the first frame: a file
            # among them that does not load is not listed from now on.
            known = {k: v for k, v in known.items() if k not in self._provisional}
            self._provisional = set()
        new: dict[str, tuple[IndexedShow, str]] = {}
        for shown, text in zip(message.shows, message.search, strict=True):
            if shown.id not in known:  # the first file with an id wins until the index is done
                new.setdefault(shown.id, (shown, text))
        if new or replaced:
            shows = sorted([*known.values(), *(s for s, _ in new.values())], key=_list_order)
            search = [new[s.id][1] if s.id in new else self._search[s.id] for s in shows]
            self._set_known(shows, search)
        if replaced:
            self.provisional_replaced()

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self._index = message.index
        self._indexing = False
        self._problems = list(message.index.problems)
        self._show_progress(0, 0)
        replaced, self._provisional = bool(self._provisional), set()
        self._set_known(message.index.shows, message.search)
        if replaced:
            self.provisional_replaced()
        self.library_ready()
        # The index is long-lived: keep the collector from walking its objects again on
        # every full collection (each cost tens of ms in a keypress at 10,000 shows).
        gc.freeze()

    def _show_progress(self, done: int, total: int) -> None:
        """``indexing 3,200/10,000`` and a bar above the list while the index is built."""
        line = self.query_one("#index-progress", Static)
        line.display = self._indexing
        if not self._indexing:
            return
        count = f"indexing {done:,}/{total:,} " if total else "indexing… "
        width = min(PROGRESS_WIDTH, line.content_region.width - len(count))
        filled = width * done // total if total and width > 0 else 0
        bar = "█" * filled + "░" * max(0, width - filled)
        line.update(Content.assemble(count, (bar, "$accent")))
