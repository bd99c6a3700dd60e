"""The shows a screen lists while a library is indexed: facts, order, filter text, problems.

A plain object the main screen keeps (no Textual here, so it is tested on its own): it
starts from what the first frame showed (a peek at the cache, or titles read by
:mod:`dramatui.library.cold_start`), merges what the indexing worker reports, and ends
with the finished :class:`~dramatui.library.index.Index`. Facts only: never prose.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from dramatui.library.facts import IndexedShow

if TYPE_CHECKING:
    from dramatui.library.cache import Peek
    from dramatui.library.index import Index
    from dramatui.library.reading import Problem


def _list_order(shown: IndexedShow) -> tuple[str, str]:
    return shown.list_order


class Listing:
    """Every show known so far, in list order, with each one's filter text."""

    def __init__(self) -> None:
        self.facts: dict[str, IndexedShow] = {}
        """Every show known so far, by id (facts only: no prose)."""
        self.order: list[str] = []
        """Show ids in list order (by title)."""
        self.search: dict[str, str] = {}
        """Each show's filter text (``dramatui.spoilers.search_text``)."""
        self.provisional: set[str] = set()
        """Shows listed by title only (``dramatui.library.cold_start``) until the index confirms."""
        self.problems: list[Problem] = []
        """Every problem known so far (all of them once the index is done)."""
        self.indexing = False
        """Whether the index is being built (the list may still grow)."""
        self.index: Index | None = None
        """The finished index, once it is done."""

    def __len__(self) -> int:
        return len(self.order)

    def __contains__(self, show_id: object) -> bool:
        return show_id in self.facts

    def get(self, show_id: str | None) -> IndexedShow | None:
        return self.facts.get(show_id) if show_id is not None else None

    def set(self, shows: Sequence[IndexedShow], search: Sequence[str]) -> None:
        """The list is exactly *shows*, in this order, with their filter texts."""
        self.facts = {s.id: s for s in shows}
        self.order = [s.id for s in shows]
        self.search = dict(zip(self.order, search, strict=True))

    def start(self, peek: Peek | None, search: Sequence[str]) -> None:
        """Indexing begins; *peek* (with *search*, its filter texts) is listed meanwhile."""
        self.indexing = True
        if peek is not None:
            if peek.provisional:
                self.provisional = {s.id for s in peek.shows}
            self.set(peek.shows, search)

    def add(self, shows: Sequence[IndexedShow], search: Sequence[str], done: int) -> bool:
        """Shows just indexed (*done* files so far). Whether the list changed.

        The index's first results replace the rows read for the first frame: a file among
        them that does not load is not listed from then on. Until the index is done, the
        first file with an id wins.
        """
        known = self.facts
        replaced = bool(self.provisional) and done > 0
        if replaced:
            known = {k: v for k, v in known.items() if k not in self.provisional}
            self.provisional = set()
        new: dict[str, tuple[IndexedShow, str]] = {}
        for shown, text in zip(shows, search, strict=True):
            if shown.id not in known:
                new.setdefault(shown.id, (shown, text))
        if not (new or replaced):
            return False
        merged = sorted([*known.values(), *(s for s, _ in new.values())], key=_list_order)
        texts = [new[s.id][1] if s.id in new else self.search[s.id] for s in merged]
        self.set(merged, texts)
        return True

    def finish(self, index: Index, search: Sequence[str]) -> None:
        """The index is done: it is the list from now on, with every problem."""
        self.index = index
        self.indexing = False
        self.problems = list(index.problems)
        self.provisional = set()
        self.set(index.shows, search)

    def matching(self, needle: str) -> Iterator[str]:
        """The ids of the shows whose filter text holds *needle* (case-folded), in order."""
        for show_id in self.order:
            if needle in self.search[show_id]:
                yield show_id
