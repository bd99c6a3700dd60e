"""Where the main screen's shows come from, and the worker that indexes them.

:class:`LibrarySource` says what to list (files to index, or an index already built);
:func:`index_library` is the indexing worker's body: it builds the index in a thread and
posts what it finds (:class:`~dramatui.app.messages.IndexProgress`, then
:class:`~dramatui.app.messages.IndexReady`) for the screen to merge into its
:class:`~dramatui.library.Listing`. The index, the loader and the models are imported
inside the worker: the first frame never waits for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from dramatui.app.messages import IndexProgress, IndexReady
from dramatui.spoilers import search_text

if TYPE_CHECKING:
    from dramatui.library import Index, Peek, Progress


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


def index_library(source: LibrarySource, post: Callable[[Message], object]) -> None:
    """Index every file (worker processes, the cache), posting progress as it goes.

    Run in a thread worker; stops at once when the worker is cancelled (the app quits).
    Each show's filter text is made here, off the UI thread.
    """
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
        post(IndexProgress(step.done, step.total, step.shows, search))

    try:
        index = build_index(source.paths, cache_dir=source.cache_dir, progress=progress)
    except IndexCancelled:
        return
    search = [texts.get(s.path) or search_text(s.facts) for s in index.shows]
    if not worker.is_cancelled:
        post(IndexReady(index, search))
