"""Every message of the app, in one place: small dataclasses that travel up to the screen.

Widgets report up with these (a key on a pane, a worker's result); the screen passes data
down by method calls. What a widget reports the moment its cursor moves is a reactive its
owner watches instead (``ShowList.highlighted_show``, ``EpisodeRows.highlighted_row``): a
watcher runs at once, in the key's frame, where a message would arrive a frame later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from dramatui.library import Index, IndexedShow, Problem
    from dramatui.model import ShowFile
    from dramatui.up_next import Pending


# -- from the panes ----------------------------------------------------------------


@dataclass
class ShowChosen(Message):
    """Enter was pressed on a show in the list (or it was clicked)."""

    show_id: str


@dataclass
class RowSelected(Message):
    """Enter was pressed on a row of the episode table (or it was clicked while highlighted)."""

    row: int


@dataclass
class EpisodeHighlighted(Message):
    """The episode cursor moved to episode *number*."""

    number: int


@dataclass
class EpisodeChosen(Message):
    """Enter was pressed on episode *number*."""

    number: int


@dataclass
class UpNextChosen(Message):
    """Enter on a row of Up next: open *show_id* on *episode*."""

    show_id: str
    episode: int


@dataclass
class UpNextClosed(Message):
    """Escape (or u again) in Up next: back to the browser."""


@dataclass
class MatchMoved(Message):
    """The current search match in the reader changed (the screen shows the count)."""


# -- from the workers ----------------------------------------------------------------


@dataclass
class IndexProgress(Message):
    """*done* of *total* files indexed, the shows just read and their filter texts."""

    done: int
    total: int
    shows: Sequence[IndexedShow]
    search: Sequence[str]


@dataclass
class IndexReady(Message):
    """The whole library, sorted, with every problem (and each show's filter text)."""

    index: Index
    search: Sequence[str]


@dataclass
class ShowLoaded(Message):
    """The full show the reader selected, read from its file."""

    show_id: str
    show: ShowFile


@dataclass
class ShowFailed(Message):
    """The selected show's file no longer loads: why."""

    show_id: str
    problems: Sequence[Problem]


@dataclass
class UpNextReady(Message):
    """The shows in progress, ordered (made in a worker), as of change number *token*."""

    items: list[Pending]
    token: int
