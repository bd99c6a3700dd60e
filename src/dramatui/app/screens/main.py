"""The main screen: three panes, and the one place that owns selection and reveal state.

Data flows down (the screen redacts a show and hands the view to each pane); events flow
up (panes post small messages). No widget below sees a show file's text before
:func:`dramatui.spoilers.redact` has removed what the reader has not asked to see.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from dramatui.app.screens.help import HelpScreen, help_rows
from dramatui.app.screens.problems import ProblemsScreen
from dramatui.app.widgets.episode_guide import EpisodeGuide
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.header import AppHeader
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.app.widgets.show_list import ShowList
from dramatui.index import (
    Index,
    IndexCancelled,
    IndexedShow,
    Peek,
    Progress,
    ShowFacts,
    build_index,
    load_indexed,
)
from dramatui.library import Library, LoadError, Problem
from dramatui.model import ShowFile
from dramatui.safe_text import safe_line
from dramatui.spoilers import (
    ReviewView,
    ShowSummary,
    ShowView,
    redact,
    search_text,
    summarize_facts,
)
from dramatui.state import Settings, State

SETTINGS: dict[str, tuple[str, str]] = {
    "hide_unwatched_titles": (
        "Hide unwatched titles",
        'Show "Episode N" instead of the titles of episodes not yet watched',
    ),
    "hide_unwatched_scores": (
        "Hide unwatched scores",
        "Blank the scores of episodes not yet watched, in the guide and the trend line",
    ),
    "reveal_all": ("Reveal all", "Show every spoiler, for readers who do not mind"),
    "remember_reveals": (
        "Remember reveals",
        "Keep spoilers you reveal with s revealed the next time dramatui starts",
    ),
}
"""The reader settings toggled from the command palette: name -> (title, help)."""


PROGRESS_WIDTH = 12
"""Cells of the indexing bar in the shows pane."""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class LibrarySource:
    """Where the shows come from: files to index (in a worker), or a library already loaded.

    *peek* (from :func:`dramatui.index.peek_index`) is what the first frame shows while the
    index is built; *cache_dir* None means no index cache.
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


class ShowLoaded(Message):
    """Sent from a loading worker: the full show the reader selected."""

    def __init__(self, show_id: str, show: ShowFile) -> None:
        super().__init__()
        self.show_id = show_id
        self.show = show


class ShowFailed(Message):
    """Sent from a loading worker: the selected show's file no longer loads."""

    def __init__(self, show_id: str, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.show_id = show_id
        self.problems = problems


def _set_subtitle(pane: Widget, text: str) -> None:
    """A pane's border subtitle. Setting one redraws the whole pane: only when it changes."""
    if pane.border_subtitle != text:
        pane.border_subtitle = text


def _sort_key(shown: IndexedShow) -> tuple[str, str]:
    return (shown.title.casefold(), shown.id)


class MainScreen(Screen[None]):
    """Shows | episode guide | review reader."""

    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)
    """The show's title, in the header. Screen's own repaints the whole screen on every
    change; the header redraws itself (it watches this), so that is not needed."""

    # Screen declares this as an instance-level list, so no ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Next pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False),
        Binding("right_square_bracket", "episode(1)", "Next episode", show=False),
        Binding("left_square_bracket", "episode(-1)", "Previous episode", show=False),
        Binding("w", "toggle_watched", "Watched", id="watched"),
        Binding("W", "watched_up_to", "Watched up to here", show=False, id="watched-up-to"),
        Binding("s", "reveal", "Reveal", id="reveal"),
        Binding("S", "hide_all", "Hide all", show=False, id="hide-all"),
        Binding("r", "next_review", "Next review", id="next-review"),
        Binding("o", "open_link", "Open review link", show=False, id="open-link"),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("exclamation_mark", "problems", "Problems", show=False, id="problems"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(self, source: LibrarySource, state: State) -> None:
        super().__init__()
        self.source = source
        self.state = state
        self._facts: dict[str, IndexedShow] = {}
        """Every show known so far, by id (facts only: no prose)."""
        self._order: list[str] = []
        """Show ids in list order (by title)."""
        self._search: dict[str, str] = {}
        """Each show's filter text."""
        self._full: dict[str, ShowFile] = {}
        """Full shows, only for a library handed over already loaded."""
        self._summaries: dict[str, ShowSummary] = {}
        """Rows made so far (made when drawn: a big library is never summarised at once)."""
        self._problems: list[Problem] = []
        self._indexing = False
        self._index: Index | None = None
        self._revealed: dict[str, set[str]] = {}
        self._episode: dict[str, int] = {}
        self._review: dict[str, int] = {}
        self._wanted: str | None = None
        """The show highlighted in the list (its file may still be loading)."""
        self._load_due = False
        """A read of the wanted show's file is scheduled for after the next frame."""
        self._show_id: str | None = None
        """The show the panes draw (``_show``)."""
        self._show: ShowFile | None = None
        self._view: ShowView | None = None
        self._version = 0
        self._reader_shows: tuple[int, int, int] | None = None
        self._told_save_error = False

    # -- composing -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="panes"):
            with Vertical(id="shows-pane", classes="pane") as shows:
                shows.border_title = "Shows"
                yield Input(placeholder="Filter shows", id="filter")
                yield Static(id="index-progress")
                yield ShowList(self._summary, self._show_highlighted, id="show-list")
            guide = EpisodeGuide(id="episodes-pane")
            guide.add_class("pane")
            guide.border_title = "Episodes"
            yield guide
            reader = ReviewReader(id="reader-pane")
            reader.add_class("pane")
            reader.border_title = "Review"
            yield reader
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.query_one("#index-progress", Static).display = False
        show_list = self.query_one(ShowList)
        library = self.source.library
        if library is not None:
            shows = [IndexedShow(s.path, ShowFacts.of(s.show)) for s in library.shows]
            self._full = {s.id: s.show for s in library.shows}
            self._problems = list(library.problems)
            self._set_known(shows, [search_text(s.facts) for s in shows])
        else:
            self._indexing = True
            peek = self.source.peek
            if peek is not None:
                self._set_known(peek.shows, [search_text(s.facts) for s in peek.shows])
            self._show_progress(0, peek.total if peek is not None else 0)
            # After the first frame: the worker's cache read would compete with it for the GIL.
            self.call_after_refresh(self._build_index)
        self._status()
        first = show_list.highlighted_id
        if first is not None:
            if first != self._wanted:  # the list has told it already
                self._select(first)
        else:
            self.query_one(ReviewReader).border_title = "Review"
        show_list.focus()
        self.call_after_refresh(self._tell_notices)

    # -- the library: indexed in a worker, shows loaded one at a time ----------------

    def _set_known(self, shows: Sequence[IndexedShow], search: Sequence[str]) -> None:
        """The list is exactly *shows*, in this order (with their filter texts)."""
        self._facts = {s.id: s for s in shows}
        self._order = [s.id for s in shows]
        self._search = dict(zip(self._order, search, strict=True))
        self._summaries.clear()
        self.query_one(ShowList).set_shows(self._order, search, self._wanted)

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self) -> None:
        """Index every file (worker processes, the cache), telling the screen as it goes."""
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
        new = [s for s in message.shows if s.id not in self._facts]
        if not new:
            return
        shows = sorted([*self._facts.values(), *new], key=_sort_key)
        search = dict(self._search)
        for shown, text in zip(message.shows, message.search, strict=True):
            search.setdefault(shown.id, text)
        self._set_known(shows, [search[s.id] for s in shows])

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self._index = message.index
        self._indexing = False
        self._problems = list(message.index.problems)
        self._show_progress(0, 0)
        self._set_known(message.index.shows, message.search)
        if self._show_id is not None and self._show_id not in self._facts:
            self._show_id = None  # its file is gone: the list has highlighted another
        self._status()
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

    @work(thread=True, exclusive=True, group="show")
    def _load_show(self, shown: IndexedShow) -> None:
        """Read one full show from its file now (~1 ms), for the panes."""
        worker = get_current_worker()
        try:
            show = load_indexed(shown)
        except LoadError as exc:
            if not worker.is_cancelled:
                self.post_message(ShowFailed(shown.id, exc.problems))
            return
        if not worker.is_cancelled:
            self.post_message(ShowLoaded(shown.id, show))

    @on(ShowLoaded)
    def _show_loaded(self, message: ShowLoaded) -> None:
        if message.show_id == self._wanted:
            self._display(message.show_id, message.show)

    @on(ShowFailed)
    def _show_failed(self, message: ShowFailed) -> None:
        new = [p for p in message.problems if p not in self._problems]
        self._problems.extend(new)
        self._status()
        if message.show_id == self._wanted and self._view is not None:
            self.sub_title = self._view.title  # the panes still show the last show
        if message.show_id == self._wanted and message.problems:
            first = safe_line(str(message.problems[0]))
            self.notify(first, title="Cannot open this show", severity="error", markup=False)

    def _tell_notices(self) -> None:
        """Things the state file has to say (e.g. it was set aside), told once."""
        for notice in self.state.notices:
            self.notify(notice, title="State file", severity="warning", timeout=15, markup=False)
        self.state.notices.clear()

    # -- state -----------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.state.settings

    def revealed(self, show_id: str) -> set[str]:
        if show_id not in self._revealed:
            remembered = self.state.revealed(show_id) if self.settings.remember_reveals else ()
            self._revealed[show_id] = set(remembered)
        return self._revealed[show_id]

    def _summary(self, show_id: str) -> ShowSummary:
        """The list row of a show under the reader's progress and settings (made once)."""
        summary = self._summaries.get(show_id)
        if summary is None:
            summary = self._summaries[show_id] = summarize_facts(
                self._facts[show_id].facts,
                self.state.watched(show_id),
                self.revealed(show_id),
                self.settings.options(),
            )
        return summary

    @property
    def current_view(self) -> ShowView | None:
        """The redacted view of the selected show (what every pane draws from)."""
        return self._view

    def shows_matching(self, needle: str) -> Iterator[ShowSummary]:
        """The rows of the shows whose filter text holds *needle* (case-folded), in order."""
        for show_id in self._order:
            if needle in self._search[show_id]:
                yield self._summary(show_id)

    # -- selection and drawing ---------------------------------------------------

    def _select(self, show_id: str) -> None:
        shown = self._facts.get(show_id)
        if shown is None:
            return
        self._wanted = show_id
        # The title from the index, in the same frame as the list's cursor (the file follows)
        self.sub_title = self._summary(show_id).title
        self.query_one(AppHeader).show_title()
        full = self._full.get(show_id)
        if full is not None:
            self._display(show_id, full)
        elif not self._load_due:
            # The list's own change is painted first; a show passed over while the key
            # repeats is never read (only the one wanted when the frame is out).
            self._load_due = True
            self.call_after_refresh(self._load_wanted)

    def _load_wanted(self) -> None:
        self._load_due = False
        shown = self._facts.get(self._wanted) if self._wanted is not None else None
        if shown is not None and shown.id != self._show_id:
            self._load_show(shown)

    def _display(self, show_id: str, show: ShowFile) -> None:
        self._show_id = show_id
        self._show = show
        self._redraw()

    def _redraw(self) -> None:
        """Redact the selected show again and hand the view to the panes."""
        show_id = self._show_id
        show = self._show
        if show_id is None or show is None:
            return
        view = redact(
            show,
            self.state.watched(show_id),
            self.revealed(show_id),
            self.settings.options(),
        )
        self._view = view
        self._version += 1
        self.sub_title = view.title
        guide = self.query_one(EpisodeGuide)
        episode = self._episode.get(show_id)
        guide.show_view(view, episode)
        _set_subtitle(guide, f"{view.watched_count}/{len(view.episodes)} watched")
        self._draw_reader()
        old = self._summaries.pop(show_id, None)
        if show_id in self._facts and old != self._summary(show_id):
            self.query_one(ShowList).update_show(show_id)

    def _reviews_here(self) -> list[ReviewView]:
        """The reviews of the whole series, and of the highlighted episode."""
        view = self._view
        if view is None:
            return []
        episode = self.query_one(EpisodeGuide).highlighted
        return [r for r in view.reviews if r.covers in (0, episode)]

    def _draw_reader(self) -> None:
        view = self._view
        if view is None or self._show_id is None:
            return
        reviews = self._reviews_here()
        position = self._review.get(self._show_id, 0)
        if position >= len(reviews):
            position = 0
        self._review[self._show_id] = position
        review = reviews[position] if reviews else None
        key = (self._version, review.index if review else -1, len(reviews))
        if key == self._reader_shows:
            return
        self._reader_shows = key
        reader = self.query_one(ReviewReader)
        reader.show_review(view, review, position, len(reviews))
        _set_subtitle(reader, f"{position + 1}/{len(reviews)}" if len(reviews) > 1 else "")

    def _status(self) -> None:
        status = self.query_one("#status", Static)
        errors = [p for p in self._problems if not p.warning]
        warnings = [p for p in self._problems if p.warning]
        empty = not self._order and not self._indexing
        if errors:
            files = len({p.path for p in errors})
            verb = "has" if files == 1 else "have"
            text = f"{_count(files, 'file')} {verb} problems — press ! to see them"
            status.update(Content(text))
            status.set_class(True, "-problems")
        elif warnings:
            status.update(Content(f"{_count(len(warnings), 'warning')} — press ! to see them"))
            status.set_class(True, "-warnings")
        elif empty:
            status.update(Content("No shows found. Give dramatui a show file or folder."))
        status.display = bool(errors or warnings or empty)

    # -- messages from the panes ---------------------------------------------------

    def _show_highlighted(self, show_id: str) -> None:
        """The list's cursor moved (called by the list at once, in the key's frame)."""
        if show_id != self._wanted:
            self._select(show_id)

    @on(ShowList.ShowChosen)
    def _show_chosen(self, event: ShowList.ShowChosen) -> None:
        self._select(event.show_id)
        self.query_one(EpisodeTable).focus()

    @on(EpisodeGuide.EpisodeHighlighted)
    def _episode_highlighted(self, event: EpisodeGuide.EpisodeHighlighted) -> None:
        if self._show_id is not None:
            self._episode[self._show_id] = event.number
            self._draw_reader()

    @on(EpisodeGuide.EpisodeChosen)
    def _episode_chosen(self, event: EpisodeGuide.EpisodeChosen) -> None:
        self.query_one(ReviewReader).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        query = event.value.strip().casefold()
        show_list = self.query_one(ShowList)
        show_list.filter(query)
        self.query_one("#shows-pane").border_subtitle = (
            f"{show_list.option_count} of {len(self._order)}" if query else ""
        )

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(ShowList).focus()

    # -- actions -------------------------------------------------------------------

    def action_episode(self, delta: int) -> None:
        """Next or previous episode, from any pane."""
        self.query_one(EpisodeGuide).move(delta)

    def action_filter(self) -> None:
        """Show the filter box and type into it."""
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def key_escape(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display:
            box.value = ""
            box.display = False
            self.query_one(ShowList).focus()

    def action_toggle_watched(self) -> None:
        """Toggle the highlighted episode watched."""
        number = self.query_one(EpisodeGuide).highlighted
        if self._show_id is None or number is None:
            self.notify("No episode to mark.", severity="warning")
            return
        now = number not in self.state.watched(self._show_id)
        self._set_watched([number], now)

    def action_watched_up_to(self) -> None:
        """Mark every episode up to the highlighted one watched."""
        number = self.query_one(EpisodeGuide).highlighted
        if self._show_id is None or number is None:
            self.notify("No episode to mark.", severity="warning")
            return
        self._set_watched(range(1, number + 1), True)

    def _set_watched(self, numbers: range | list[int], watched: bool) -> None:
        assert self._show_id is not None
        hidden_before = len(self._view.hidden) if self._view else 0
        saved = self.state.set_watched(self._show_id, numbers, watched)
        self._redraw()
        if not saved:
            self._tell_save_error()
        hidden_after = len(self._view.hidden) if self._view else 0
        if hidden_after < hidden_before and not self.settings.reveal_all:
            opened = hidden_before - hidden_after
            self.notify(f"{_count(opened, 'spoiler')} now within your progress.")

    def _tell_save_error(self) -> None:
        if self._told_save_error:
            return
        self._told_save_error = True
        why = self.state.save_error or "unknown error"
        self.notify(
            f"Progress cannot be saved ({why}). It is kept for this session only.",
            title="Not saved",
            severity="error",
            timeout=10,
            markup=False,
        )

    def action_reveal(self) -> None:
        """Reveal the spoiler under the cursor."""
        view = self._view
        if view is None or self._show_id is None:
            return
        keys: list[str] = []
        if isinstance(self.focused, EpisodeTable):
            number = self.query_one(EpisodeGuide).highlighted
            prefix = f"e{number}."
            keys = [s.key for s in view.hidden if s.key.startswith(prefix)]
        reader = self.query_one(ReviewReader)
        if not keys and reader.cursor is not None:
            keys = [reader.cursor]
        if not keys:
            self.notify("Nothing hidden here.")
            return
        line = reader.line_of(keys[0])
        self._remember(self.revealed(self._show_id) | set(keys))
        if line is not None:
            reader.show_line(line)

    def action_hide_all(self) -> None:
        """Hide every revealed spoiler again."""
        if self.settings.reveal_all:
            self.notify("Reveal all is on: turn it off from the command palette (ctrl+p).")
            return
        shows = [show_id for show_id, keys in self._revealed.items() if keys]
        for show_id in shows:
            self._revealed[show_id] = set()
            if self.settings.remember_reveals:
                self.state.set_revealed(show_id, ())
        self._redraw()
        self.notify("Every spoiler is hidden again.")

    def _remember(self, keys: set[str]) -> None:
        assert self._show_id is not None
        self._revealed[self._show_id] = keys
        if self.settings.remember_reveals and not self.state.set_revealed(self._show_id, keys):
            self._tell_save_error()
        self._redraw()

    def action_next_review(self) -> None:
        """Read the next review of this show (or of the highlighted episode)."""
        if self._show_id is None:
            return
        reviews = self._reviews_here()
        if len(reviews) < 2:
            self.notify("This is the only review here." if reviews else "No reviews here.")
            return
        self._review[self._show_id] = (self._review.get(self._show_id, 0) + 1) % len(reviews)
        self._draw_reader()

    def action_open_link(self) -> None:
        """Open the address of the review being read (http or https only)."""
        self.query_one(ReviewReader).open_link()

    def action_problems(self) -> None:
        """List every problem found while loading the library."""
        problems = [str(p) for p in self._problems]
        self.app.push_screen(ProblemsScreen(problems, indexing=self._indexing))

    def action_help(self) -> None:
        """Show the keys and settings."""
        settings = [
            (title, help_text, bool(getattr(self.settings, name)))
            for name, (title, help_text) in SETTINGS.items()
        ]
        self.app.push_screen(HelpScreen(help_rows(self.app, self), settings))

    # -- called by the app's commands ----------------------------------------------

    def toggle_setting(self, name: str) -> None:
        """Turn a reader setting on or off, save it, and redraw."""
        value = not bool(getattr(self.settings, name))
        saved = self.state.set_setting(name, value)
        if name == "remember_reveals" and self._show_id is not None and value:
            for show_id, keys in self._revealed.items():
                self.state.set_revealed(show_id, keys)
        title = SETTINGS[name][0]
        self.notify(f"{title}: {'on' if value else 'off'}")
        if not saved:
            self._tell_save_error()
        self._summaries.clear()
        self.query_one(ShowList).refresh_rows()
        self._redraw()

    def jump_to(self, show_id: str) -> None:
        """Select a show (clearing the filter if it hides it) and focus its episodes."""
        box = self.query_one("#filter", Input)
        show_list = self.query_one(ShowList)
        if box.value:
            box.value = ""
            box.display = False
            show_list.filter("")
        show_list.move_to(show_id)
        self._select(show_id)
        self.query_one(EpisodeTable).focus()
