"""'Add a show from TVmaze…': search, pick a match (and a season), write it to the library.

Every request and the writing run in a thread worker (the screen never waits); the worker
posts what it found or the one line that says what failed, shown as a notification. The
modal closes with the ids of the shows written, and the main screen lists them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from dramatui.safe_text import safe_line

if TYPE_CHECKING:
    from dramatui.sources.tvmaze import TVmaze
    from dramatui.sources.tvmaze_models import SearchHit, Show

ATTRIBUTION = "Data from TVmaze (tvmaze.com), licensed CC BY-SA 4.0"


class Added:
    """What the modal closes with: the shows written (id, path) and the first one's title."""

    def __init__(self, shows: Sequence[tuple[str, Path]], title: str) -> None:
        self.shows = list(shows)
        self.title = title


class _Matches(Message):
    def __init__(self, hits: list[SearchHit]) -> None:
        super().__init__()
        self.hits = hits


class _Seasons(Message):
    def __init__(self, show: Show, seasons: list[int]) -> None:
        super().__init__()
        self.show = show
        self.seasons = seasons


class _Written(Message):
    def __init__(self, shows: list[tuple[str, Path]], title: str) -> None:
        super().__init__()
        self.shows = shows
        self.title = title


class _Failed(Message):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


def _default_client() -> TVmaze:
    from dramatui.add_command import make_client

    return make_client()


class AddShowScreen(ModalScreen[Added | None]):
    """Search TVmaze, choose, write. Escape closes it without writing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="close-add"),
    ]

    def __init__(self, client: Callable[[], TVmaze] = _default_client) -> None:
        super().__init__()
        self._client = client
        self._hits: list[SearchHit] = []
        self._show: Show | None = None
        self._seasons: list[int] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="add-show"):
            yield Static(Content("Add a show from TVmaze"), id="add-title")
            yield Input(placeholder="Words of the title, then enter", id="add-query")
            yield OptionList(id="add-choices")
            yield Static(Content(""), id="add-status")
            yield Static(Content(ATTRIBUTION), id="add-credit")

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False
        self.query_one(Input).focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def _status(self, text: str) -> None:
        self.query_one("#add-status", Static).update(Content(safe_line(text)))

    # -- searching -------------------------------------------------------------------

    @on(Input.Submitted, "#add-query")
    def _submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            return
        self._status(f"Searching TVmaze for {query!r}…")
        self._search(query)

    @work(thread=True, exclusive=True, group="tvmaze")
    def _search(self, query: str) -> None:
        from dramatui.add_command import AddFailed
        from dramatui.sources.tvmaze import TVmazeError

        try:
            with self._client() as client:
                hits = client.search(query)[:10]
        except (TVmazeError, AddFailed) as exc:
            self.post_message(_Failed(str(exc)))
            return
        if not hits:
            self.post_message(_Failed(f"TVmaze has no show matching {query!r}"))
            return
        self.post_message(_Matches(hits))

    @on(_Matches)
    def _matches(self, message: _Matches) -> None:
        from dramatui.add_command import describe

        self._hits = message.hits
        self._show = None
        choices = self.query_one(OptionList)
        choices.clear_options()
        choices.add_options([Option(Content(describe(hit, None))) for hit in message.hits])
        choices.display = True
        choices.highlighted = 0
        choices.focus()
        self._status(f"{len(message.hits)} found: choose one with enter")

    # -- choosing -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#add-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        index = event.option_index
        if self._show is None:
            hit = self._hits[index]
            self._status(f"Fetching {safe_line(hit.show.name)}…")
            self._fetch(hit.show.id)
        else:
            wanted = self._seasons if index == len(self._seasons) else [self._seasons[index]]
            self._status("Writing…")
            self._write(self._show, wanted)

    @work(thread=True, exclusive=True, group="tvmaze")
    def _fetch(self, show_id: int) -> None:
        from dramatui.add_command import AddFailed
        from dramatui.sources.show_toml import seasons
        from dramatui.sources.tvmaze import TVmazeError

        try:
            with self._client() as client:
                show = client.show(show_id)
        except (TVmazeError, AddFailed) as exc:
            self.post_message(_Failed(str(exc)))
            return
        found = seasons(show)
        if not found:
            self.post_message(_Failed(f"TVmaze lists no episodes for {show.name!r}"))
        elif len(found) == 1:
            self._write_now(show, found)
        else:
            self.post_message(_Seasons(show, found))

    @on(_Seasons)
    def _season_choice(self, message: _Seasons) -> None:
        self._show = message.show
        self._seasons = message.seasons
        choices = self.query_one(OptionList)
        choices.clear_options()
        for n in message.seasons:
            count = sum(1 for ep in message.show.episodes if ep.season == n and not ep.is_special)
            choices.add_option(Option(Content(f"Season {n} · {count} episodes")))
        choices.add_option(Option(Content(f"All {len(message.seasons)} seasons, one file each")))
        choices.highlighted = 0
        choices.focus()
        self._status(f"{safe_line(message.show.name)} has {len(message.seasons)} seasons")

    @work(thread=True, exclusive=True, group="tvmaze")
    def _write(self, show: Show, wanted: list[int]) -> None:
        self._write_now(show, wanted)

    def _write_now(self, show: Show, wanted: list[int]) -> None:
        """In a worker thread: fetch the other names, write the files, say so."""
        from dramatui.add_command import AddFailed, write_shows
        from dramatui.sources.show_toml import NotAShow, season_facts
        from dramatui.sources.tvmaze import TVmazeError

        try:
            with self._client() as client:
                akas = client.akas(show.id)
            files = [season_facts(show, n, akas=akas) for n in wanted]
            paths = write_shows(files, None, io.StringIO())
        except (TVmazeError, AddFailed, NotAShow) as exc:
            self.post_message(_Failed(str(exc)))
            return
        written = [(Path(p).stem, Path(p)) for p in paths]
        self.post_message(_Written(written, str(files[0].show["title"])))

    @on(_Written)
    def _written(self, message: _Written) -> None:
        self.dismiss(Added(message.shows, message.title))

    @on(_Failed)
    def _failed(self, message: _Failed) -> None:
        text = safe_line(message.message)
        self._status(text)
        self.app.notify(text, title="TVmaze", severity="error", markup=False)
