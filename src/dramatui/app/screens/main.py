"""The main screen: three panes, and the one place that owns selection and reveal state.

Composed, not inherited: a :class:`~dramatui.library.Listing` holds the shows known so far,
the indexing worker (:func:`dramatui.app.indexing.index_library`) fills it, and the panes
draw what the screen hands them. Data flows down (the screen redacts a show and hands the
view to each pane); events flow up (panes post the messages of ``app/messages.py``). No
widget below sees a show file's text before :func:`dramatui.spoilers.redact` has removed
what the reader has not asked to see.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from dramatui import ratings, sorting
from dramatui.app.indexing import LibrarySource, index_library
from dramatui.app.messages import (
    EpisodeChosen,
    EpisodeHighlighted,
    IndexProgress,
    IndexReady,
    MatchMoved,
    ShowChosen,
    ShowFailed,
    ShowLoaded,
    UpNextChosen,
    UpNextClosed,
    UpNextReady,
)
from dramatui.app.widgets.episode_guide import EpisodeGuide, Yours
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.header import AppHeader
from dramatui.app.widgets.index_progress import IndexProgressLine
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.app.widgets.show_list import ShowList
from dramatui.app.widgets.up_next_list import UpNextList
from dramatui.format_rules import counted
from dramatui.library import IndexedShow, Listing, ShowFacts
from dramatui.safe_text import safe_line
from dramatui.spoilers import (
    ReviewView,
    ShowSummary,
    ShowView,
    redact,
    search_text,
    summarize_facts,
)
from dramatui.state_file import SHOW, TOGGLES, Settings, StateFile

if TYPE_CHECKING:
    from pathlib import Path

    from dramatui.app.screens.add_show import Added

    # Types only: the index, the loader and the models (pydantic) are imported by the
    # workers that read files, after the first frame.
    from dramatui.library import Index
    from dramatui.model import ShowFile
    from dramatui.state import State
    from dramatui.up_next import Pending, UpNext


def _set_subtitle(pane: Widget, text: str) -> None:
    """A pane's border subtitle. Setting one redraws the whole pane: only when it changes."""
    if pane.border_subtitle != text:
        pane.border_subtitle = text


class MainScreen(Screen[None]):
    """Shows | episode guide | review reader."""

    selected_show: var[str | None] = var(None)
    """The show highlighted in the list: the one the panes are to draw (its file may still
    be loading; the panes draw ``_show_id`` until it is read)."""

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
        Binding("u", "up_next", "Up next", id="up-next"),
        Binding("n", "next_unwatched", "Next unwatched", show=False, id="next-unwatched"),
        *(
            Binding(key, f"rate('{key}')", "Rate (on the show's scale; 0 is 10)", show=False)
            for key in "1234567890"
        ),
        Binding("plus", "half_step", "Rating: half a step up", show=False, id="half-step"),
        Binding("minus,backspace", "clear_rating", "Clear your rating", show=False, id="unrate"),
        Binding("e", "edit_note", "Note", id="note"),
        Binding("O", "cycle_sort", "Sort shows", show=False, id="sort"),
        Binding("ctrl+f", "search", "Search the review", show=False, id="search"),
    ]

    def __init__(self, source: LibrarySource, state: State) -> None:
        super().__init__()
        self.source = source
        self.state = state
        self.listing = Listing()
        """The shows known so far (facts and filter text, never prose)."""
        self._summaries: dict[str, ShowSummary] = {}
        """Rows made so far (made when drawn: a big library is never summarised at once)."""
        self._revealed: dict[str, set[str]] = {}
        self._episode: dict[str, int] = {}
        self._review: dict[str, int] = {}
        self._load_due = False
        """A read of the wanted show's file is scheduled for after the next frame."""
        self._added: str | None = None
        """A show just added from TVmaze: selected once the index has it."""
        self._show_id: str | None = None
        """The show the panes draw (``_show``)."""
        self._show: ShowFile | None = None
        self._view: ShowView | None = None
        self._version = 0
        self._reader_shows: tuple[int, int, int] | None = None
        self._told_save_error = False
        self._up_next: list[Pending] | None = None
        """The shows in progress in Up next's order, kept up to date as marks change (None:
        to be worked out); made in a worker once the library is known."""
        self._up_next_token = 0
        self._focus_before_up_next: Widget | None = None
        """Counts the changes that make a list being made in a worker out of date."""
        self._resume = state.last
        """Where the last session stopped: opened once its show is known."""
        self._resume_line: tuple[str, int] | None = None
        """(show, review line) to scroll the reader to once that show's review is drawn."""

    # -- composing -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="panes"):
            with Vertical(id="shows-pane", classes="pane") as shows:
                shows.border_title = "Shows"
                yield Input(placeholder="Filter shows", id="filter")
                yield IndexProgressLine(id="index-progress")
                yield ShowList(self._summary, id="show-list")
            guide = EpisodeGuide(id="episodes-pane")
            guide.add_class("pane")
            guide.border_title = "Episodes"
            yield guide
            reader = ReviewReader(id="reader-pane")
            reader.add_class("pane")
            reader.border_title = "Review"
            yield reader
        with Vertical(id="up-next-body") as up_next:
            up_next.border_title = "Up next"
            yield Static(
                Content(
                    "Nothing in progress. Mark an episode watched (w) and its show will be "
                    "here, with the episode to watch next."
                ),
                id="up-next-empty",
            )
            yield UpNextList(id="up-next-list")
        with Horizontal(id="search-bar"):
            yield Input(
                placeholder="Search the review (enter: next, esc: close)", id="reader-search"
            )
            yield Static(id="search-count")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.query_one("#search-bar").display = False
        self.query_one("#up-next-body").display = False
        show_list = self.query_one(ShowList)
        # the list's cursor, heard at once (in the key's frame: the title goes with it)
        self.watch(show_list, "highlighted_show", self._show_highlighted, init=False)
        self.open_library()
        self._status()
        self._order_shows(top=True)
        self._try_resume()
        first = show_list.highlighted_id
        if first is not None:
            if first != self.selected_show:  # the list has told it already
                self._select(first)
        else:
            self.query_one(ReviewReader).border_title = "Review"
        show_list.focus()
        self.call_after_refresh(self._tell_notices)

    # -- the library: known shows change as the index comes in ----------------------

    def open_library(self) -> None:
        """List the index handed over, or what the last index left, and start indexing."""
        progress = self.query_one(IndexProgressLine)
        progress.display = False
        index = self.source.index
        if index is not None:
            self.listing.finish(index, [search_text(s.facts) for s in index.shows])
            self._known_changed()
            return
        peek = self.source.peek
        self.listing.start(peek, [search_text(s.facts) for s in peek.shows] if peek else [])
        if peek is not None:
            self._known_changed()
        progress.show_progress(0, peek.total if peek is not None else 0)
        # After the first frame: the worker's cache read would compete with it for the GIL.
        self.call_after_refresh(self._build_index)

    def _build_index(self) -> None:
        """Start the indexing worker (it posts IndexProgress, then IndexReady)."""
        self.run_worker(
            partial(index_library, self.source, self.post_message),
            thread=True,
            exclusive=True,
            group="index",
        )

    def _known_changed(self) -> None:
        """The listing changed: rows are made anew, and the list is given the shows."""
        self._summaries.clear()
        self._up_next = None
        self._up_next_token += 1
        listing = self.listing
        search = [listing.search[show_id] for show_id in listing.order]
        self.query_one(ShowList).set_shows(listing.order, search, self.selected_show)

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self.query_one(IndexProgressLine).show_progress(message.done, message.total)
        had_provisional = bool(self.listing.provisional)
        if self.listing.add(message.shows, message.search, message.done):
            self._known_changed()
        if had_provisional and not self.listing.provisional:
            self._provisional_replaced()

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        replaced = bool(self.listing.provisional)
        self.listing.finish(message.index, message.search)
        self.query_one(IndexProgressLine).display = False
        self._known_changed()
        if replaced:
            self._provisional_replaced()
        shown = (self._show_id, self.selected_show)
        if any(i is not None and i not in self.listing for i in shown):
            # its file is gone (or another took its id): nothing of it stays on screen
            highlighted = self.query_one(ShowList).highlighted_id
            if highlighted is None:
                self._clear_panes("No show to read.")
            else:
                self._show_id = self.selected_show = None
                self._select(highlighted)
        self._order_shows()
        self._try_resume()
        self._status()
        self._prepare_up_next(self.state.data.copy(), self._up_next_token)
        added, self._added = self._added, None
        if added is not None and added in self.listing:
            self.jump_to(added)
        # The index is long-lived: keep the collector from walking its objects again on
        # every full collection (bench/README.md, the "[gc untouched]" rows).
        gc.freeze()

    def action_add_show(self) -> None:
        """Search TVmaze and add a show's episode guide to your library (in a modal)."""
        from dramatui.app.screens.add_show import AddShowScreen

        self.app.push_screen(AddShowScreen(), self._show_added)

    def _show_added(self, added: Added | None) -> None:
        if added is None or not added.shows:
            return
        more = len(added.shows) - 1
        what = added.title + (f" and {counted(more, 'other season')}" if more else "")
        self.notify(f"Added {what} (data from TVmaze, CC BY-SA 4.0)", markup=False)
        show_id, path = added.shows[0]
        self._added = show_id
        self.index_again(path.parent)

    def index_again(self, folder: Path) -> None:
        """New show files were written into *folder*: index the library again with it."""
        paths = list(self.source.paths)
        if self.source.index is not None:  # an index handed over: its files from now on
            paths = [s.path for s in self.source.index.shows if folder not in s.path.parents]
        if folder not in paths:
            paths.append(folder)
        self.source = replace(self.source, paths=paths, index=None)
        self.listing.indexing = True
        self.query_one(IndexProgressLine).show_progress(0, 0)
        self._build_index()

    def _provisional_replaced(self) -> None:
        """The rows listed by title only were replaced by the index's own: the highlighted
        show was listed by title only, so read it now that it is confirmed."""
        if self.selected_show is not None and self.selected_show != self._show_id:
            self._select(self.selected_show)

    # -- one show at a time, read when selected ------------------------------------

    @work(thread=True, exclusive=True, group="show")
    def _load_show(self, shown: IndexedShow) -> None:
        """Read one full show from its file now, for the panes."""
        from dramatui.library import LoadError, load_indexed

        worker = get_current_worker()
        try:
            show = load_indexed(shown)
        except LoadError as exc:
            if not worker.is_cancelled:
                self.post_message(ShowFailed(shown.id, exc.problems))
            return
        if not worker.is_cancelled:
            self.post_message(ShowLoaded(shown.id, show))

    def _load_now(self, index: Index, show_id: str) -> None:
        """Read the show from a handed-over index at once (the same messages as the worker)."""
        from dramatui.library import LoadError

        try:
            show = index.load(show_id)
        except LoadError as exc:
            self._show_failed(ShowFailed(show_id, exc.problems))
            return
        self._show_loaded(ShowLoaded(show_id, show))

    @on(ShowLoaded)
    def _show_loaded(self, message: ShowLoaded) -> None:
        if message.show_id == self.selected_show:
            self._display(message.show_id, message.show)

    @on(ShowFailed)
    def _show_failed(self, message: ShowFailed) -> None:
        new = [p for p in message.problems if p not in self.listing.problems]
        self.listing.problems.extend(new)
        self._status()
        if message.show_id == self.selected_show and self._view is not None:
            self.sub_title = self._view.title  # the panes still show the last show
        if message.show_id == self.selected_show and message.problems:
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
            summary = summarize_facts(
                self.listing.facts[show_id].facts,
                self.state.watched(show_id),
                self.revealed(show_id),
                self.settings.options(),
            )
            yours = ratings.your_score(self.state.ratings(show_id))
            if yours is not None:
                summary = dataclasses.replace(summary, yours=yours)
            self._summaries[show_id] = summary
        return summary

    def _yours(self, show_id: str) -> Yours:
        """Your ratings and notes on the show's episodes, for the guide."""
        return Yours(
            {n: r.value for n, r in self.state.ratings(show_id).items() if n != SHOW},
            {n: note.text for n, note in self.state.notes(show_id).items() if n != SHOW},
        )

    @property
    def current_view(self) -> ShowView | None:
        """The redacted view of the selected show (what every pane draws from)."""
        return self._view

    def shows_matching(self, needle: str) -> Iterator[ShowSummary]:
        """The rows of the shows whose visible text holds *needle* (case-folded), in order:
        titles, genres, network, cast (the filter text) and your own notes."""
        notes = {
            show_id: "\n".join(note.text for note in items.values()).casefold()
            for show_id, items in self.state.data.notes.items()
        }
        for show_id in self.listing.order:
            if needle in self.listing.search[show_id] or needle in notes.get(show_id, ""):
                yield self._summary(show_id)

    # -- selection and drawing ---------------------------------------------------

    def _select(self, show_id: str) -> None:
        shown = self.listing.get(show_id)
        if shown is None:
            return
        self.selected_show = show_id
        if show_id not in self.listing.provisional:
            # The title from the index, in the same frame as the list's cursor (the file
            # follows); a show listed by title only waits until its file is known to load.
            self.sub_title = self._summary(show_id).title
            self.query_one(AppHeader).show_title()
        if self.source.index is not None:
            # An index handed over (a small library, the tests): the show is read now.
            self._load_now(self.source.index, show_id)
        elif not self._load_due:
            # The list's own change is painted first; a show passed over while the key
            # repeats is never read (only the one wanted when the frame is out).
            self._load_due = True
            self.call_after_refresh(self._load_wanted)

    def _load_wanted(self) -> None:
        self._load_due = False
        shown = self.listing.get(self.selected_show)
        # a show listed by title only is read once the index confirms its file loads
        if (
            shown is not None
            and shown.id != self._show_id
            and shown.id not in self.listing.provisional
        ):
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
        if episode is None:  # a show opened: its first unwatched episode
            episode = next((ep.number for ep in view.episodes if not ep.watched), None)
            if episode is not None:
                self._episode[show_id] = episode
        guide.show_view(view, episode, self._yours(show_id))
        _set_subtitle(guide, f"{view.watched_count}/{len(view.episodes)} watched")
        self._draw_reader()
        old = self._summaries.pop(show_id, None)
        if show_id in self.listing and old != self._summary(show_id):
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
        note = self.state.notes(self._show_id).get(SHOW)
        reader.show_review(view, review, position, len(reviews), note.text if note else None)
        _set_subtitle(reader, f"{position + 1}/{len(reviews)}" if len(reviews) > 1 else "")
        if self._resume_line is not None and self._resume_line[0] == self._show_id:
            line = self._resume_line[1]
            self._resume_line = None
            self.call_after_refresh(reader.scroll_to, y=line, animate=False, immediate=True)

    def _status(self) -> None:
        status = self.query_one("#status", Static)
        errors = [p for p in self.listing.problems if not p.warning]
        warnings = [p for p in self.listing.problems if p.warning]
        empty = not self.listing.order and not self.listing.indexing
        if errors:
            files = len({p.path for p in errors})
            verb = "has" if files == 1 else "have"
            text = f"{counted(files, 'file')} {verb} problems — press ! to see them"
            status.update(Content(text))
            status.set_class(True, "-problems")
        elif warnings:
            them = "it" if len(warnings) == 1 else "them"
            status.update(Content(f"{counted(len(warnings), 'warning')} — press ! to see {them}"))
            status.set_class(True, "-warnings")
        elif empty:
            status.update(Content("No shows found. Give dramatui a show file or folder."))
        status.display = bool(errors or warnings or empty)

    # -- messages from the panes ---------------------------------------------------

    def _show_highlighted(self, show_id: str | None) -> None:
        """The list's cursor moved (its watcher runs at once, in the key's frame)."""
        if show_id is not None and show_id != self.selected_show:
            self._select(show_id)

    @on(ShowChosen)
    def _show_chosen(self, event: ShowChosen) -> None:
        self._select(event.show_id)
        self.query_one(EpisodeTable).focus()

    @on(EpisodeHighlighted)
    def _episode_highlighted(self, event: EpisodeHighlighted) -> None:
        if self._show_id is not None:
            self._episode[self._show_id] = event.number
            self._draw_reader()

    @on(EpisodeChosen)
    def _episode_chosen(self, event: EpisodeChosen) -> None:
        from dramatui.app.screens.episode import EpisodeScreen  # (off the first frame)

        self.app.push_screen(EpisodeScreen(self))

    def episode_number(self) -> int | None:
        """The highlighted episode (for the episode screen)."""
        return self.query_one(EpisodeGuide).highlighted

    def episode_yours(self) -> Yours:
        """Your ratings and notes on the selected show's episodes (for the episode screen)."""
        return self._yours(self._show_id) if self._show_id is not None else Yours()

    def reveal_keys(self, keys: list[str]) -> None:
        """Reveal these spoilers of the selected show (from the episode screen)."""
        if self._show_id is not None and keys:
            self._remember(self.revealed(self._show_id) | set(keys))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        query = event.value.strip().casefold()
        show_list = self.query_one(ShowList)
        show_list.filter(query)
        self.query_one("#shows-pane").border_subtitle = (
            f"{show_list.option_count} of {len(self.listing)}" if query else ""
        )
        if query and not show_list.option_count:
            self._clear_panes(f"No show matches '{safe_line(event.value.strip())}'.")
        elif self._show_id is None and show_list.highlighted_id is not None:
            self._select(show_list.highlighted_id)

    def _clear_panes(self, why: str) -> None:
        """No show is selected (a filter matches none): nothing of the last one stays."""
        self.selected_show = None
        self._show_id = None
        self._show = None
        self._view = None
        self._reader_shows = None
        self.sub_title = None
        self.query_one(AppHeader).show_title()
        guide = self.query_one(EpisodeGuide)
        guide.clear(why)
        _set_subtitle(guide, "")
        reader = self.query_one(ReviewReader)
        reader.clear(why)
        _set_subtitle(reader, "")

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
        if self.query_one("#search-bar").display:
            self.close_search()
            return
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
        self._marks_changed(self._show_id)
        self._redraw()
        if not saved:
            self._tell_save_error()
        hidden_after = len(self._view.hidden) if self._view else 0
        if hidden_after < hidden_before and not self.settings.reveal_all:
            opened = hidden_before - hidden_after
            self.notify(f"{counted(opened, 'spoiler')} now within your progress.")

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
            keys = [s.key for s in view.hidden if s.place.startswith(prefix)]
        reader = self.query_one(ReviewReader)
        if not keys and reader.cursor is not None:
            if not reader.cursor_in_view():
                # show what s will open before opening it: a second s reveals it
                reader.bring_cursor_into_view()
                return
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
        problems = [str(p) for p in self.listing.problems]
        from dramatui.app.screens.problems import ProblemsScreen  # (off the first frame)

        self.app.push_screen(ProblemsScreen(problems, indexing=self.listing.indexing))

    def action_help(self) -> None:
        """Show the keys and settings."""
        settings = [
            (title, help_text, bool(getattr(self.settings, name)))
            for name, (title, help_text) in TOGGLES.items()
        ]
        from dramatui.app.screens.help import HelpScreen, help_rows  # (off the first frame)

        self.app.push_screen(HelpScreen(help_rows(self.app, self), settings))

    # -- called by the app's commands ----------------------------------------------

    def toggle_setting(self, name: str) -> None:
        """Turn a reader setting on or off, save it, and redraw."""
        value = not bool(getattr(self.settings, name))
        saved = self.state.set_setting(name, value)
        if name == "remember_reveals" and self._show_id is not None and value:
            for show_id, keys in self._revealed.items():
                self.state.set_revealed(show_id, keys)
        title = TOGGLES[name][0]
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

    # -- daily use: where you were, up next, your ratings and notes, sort, search ---

    @property
    def highlighted_show(self) -> str | None:
        """The show highlighted in the list."""
        return self.selected_show

    def show_title_and_scale(self, show_id: str) -> tuple[str, int]:
        facts = self.listing.facts[show_id].facts
        return safe_line(facts.title), facts.score_scale

    def _try_resume(self) -> None:
        """Open the show, episode and review line the last session stopped at (once)."""
        last = self._resume
        if last is None or last.show not in self.listing.facts:
            return
        self._resume = None
        if last.episode:
            self._episode[last.show] = last.episode
        if last.review_line:
            self._resume_line = (last.show, last.review_line)
        self.query_one(ShowList).move_to(last.show)
        if self.selected_show != last.show:
            self._select(last.show)

    def save_position(self) -> None:
        """Remember the show, episode and review line for the next start."""
        if self._show_id is None:
            return
        episode = self.query_one(EpisodeGuide).highlighted or 0
        line = round(self.query_one(ReviewReader).scroll_y)
        self.state.set_position(self._show_id, episode, line)

    def _facts_of(self, show_id: str) -> ShowFacts | None:
        shown = self.listing.facts.get(show_id)
        return shown.facts if shown is not None else None

    @work(thread=True, exclusive=True, group="up-next")
    def _prepare_up_next(self, data: StateFile, token: int) -> None:
        """Order the shows in progress off the UI thread, so that u only shows them."""
        from dramatui.up_next import in_order

        facts = self.listing.facts  # replaced, never changed in place: safe to read here
        items = in_order(
            lambda show_id: shown.facts if (shown := facts.get(show_id)) else None, data
        )
        if not get_current_worker().is_cancelled:
            self.post_message(UpNextReady(items, token))

    @on(UpNextReady)
    def _up_next_ready(self, message: UpNextReady) -> None:
        if message.token == self._up_next_token:
            self._up_next = message.items

    def _marks_changed(self, show_id: str) -> None:
        """A show's watch marks changed: its place in Up next, and only its."""
        self._up_next_token += 1
        if self._up_next is not None:
            from dramatui.up_next import updated

            self._up_next = updated(self._up_next, self._facts_of(show_id), self.state.data)

    def action_up_next(self) -> None:
        """Every show in progress with its next episode; enter opens it there."""
        from dramatui.up_next import in_order, realize

        options = self.settings.options()

        def row(item: Pending) -> UpNext:
            return realize(item, self.revealed(item.facts.id), options)

        if self._up_next is None:
            self._up_next = in_order(self._facts_of, self.state.data)
        items = self._up_next
        body = self.query_one("#up-next-body")
        body.border_subtitle = f"{len(items)} in progress · enter opens · esc closes"
        self.query_one("#up-next-empty").display = not items
        listed = self.query_one(UpNextList)
        listed.set_items(items, row)
        if not self.up_next_open:
            self._focus_before_up_next = self.focused
        self.query_one("#panes").display = False
        body.display = True
        listed.focus()

    @property
    def up_next_open(self) -> bool:
        return bool(self.query_one("#up-next-body").display)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While Up next is open, the browser's keys (rate, mark, reveal...) do nothing:
        what they would act on is not on screen."""
        return action == "help" or not (self.is_mounted and self.up_next_open)

    def _close_up_next(self) -> None:
        self.query_one("#up-next-body").display = False
        self.query_one("#panes").display = True

    @on(UpNextClosed)
    def _up_next_closed(self) -> None:
        self._close_up_next()
        before = self._focus_before_up_next
        (before if before is not None and before.is_attached else self.query_one(ShowList)).focus()

    @on(UpNextChosen)
    def _up_next_chosen(self, event: UpNextChosen) -> None:
        self._close_up_next()
        self._episode[event.show_id] = event.episode
        self.jump_to(event.show_id)
        if self._show_id == event.show_id:
            self._redraw()

    def action_next_unwatched(self) -> None:
        """Go to this show's next unwatched episode."""
        view = self._view
        if view is None:
            return
        unwatched = [ep.number for ep in view.episodes if not ep.watched]
        if not unwatched:
            self.notify("Every episode of this show is watched.")
            return
        guide = self.query_one(EpisodeGuide)
        here = guide.highlighted
        target = unwatched[0]
        if here == target:  # already there: the one after it
            target = next((n for n in unwatched if n > here), unwatched[0])
        guide.select_episode(target)

    def _rate_target(self) -> tuple[str, int, int] | None:
        """(show, episode or SHOW, scale) that a rating key rates: the show when the show
        list has the focus, else the highlighted episode."""
        if isinstance(self.focused, ShowList):
            show_id = self.selected_show
            if show_id is None or show_id not in self.listing.facts:
                return None
            return show_id, SHOW, self.listing.facts[show_id].facts.score_scale
        number = self.query_one(EpisodeGuide).highlighted
        if self._show_id is None or self._view is None or number is None:
            return None
        if self.selected_show is not None and self.selected_show != self._show_id:
            return None  # the guide still shows the last show while the next one opens
        return self._show_id, number, self._view.score_scale

    def action_rate(self, key: str) -> None:
        """Rate the highlighted episode (or, from the show list, the show)."""
        target = self._rate_target()
        if target is None:
            self.notify("Nothing to rate here.", severity="warning")
            return
        show_id, number, scale = target
        value = ratings.key_value(scale, key)
        if value is None:
            keys = "1–5" if scale == 5 else "1–9 and 0 for 10" if scale == 10 else "1–9, 0 (tens)"
            self.notify(f"This show is rated out of {scale}: {keys}.", severity="warning")
            return
        self.rate(show_id, number, value)

    def action_half_step(self) -> None:
        """Raise your rating by half a step (4 -> 4.5)."""
        target = self._rate_target()
        if target is None:
            return
        show_id, number, scale = target
        current = self.state.ratings(show_id).get(number)
        if current is None:
            self.notify("Rate it first with a number key; + then adds half a step.")
            return
        raised = ratings.half_step(scale, current.value)
        if raised is None:
            self.notify(f"{ratings.shown(current.value, scale)} is the top of the scale.")
            return
        self.rate(show_id, number, raised)

    def action_clear_rating(self) -> None:
        """Clear your rating of the highlighted episode (or show)."""
        target = self._rate_target()
        if target is None:
            return
        show_id, number, _scale = target
        if number not in self.state.ratings(show_id):
            self.notify("Not rated.")
            return
        self.rate(show_id, number, None)

    def rate(self, show_id: str, number: int, value: float | None) -> None:
        """Save your rating (None: clear it); rating an episode marks it watched."""
        shown = self.listing.get(show_id)
        scale = shown.facts.score_scale if shown is not None else 5
        marking = value is not None and number != SHOW
        newly = marking and number not in self.state.watched(show_id)
        hidden_before = len(self._view.hidden) if self._view else 0
        saved = self.state.set_rating(show_id, number, value)
        if marking:
            self._marks_changed(show_id)
        self._summaries.pop(show_id, None)
        self.query_one(ShowList).update_show(show_id)
        if show_id == self._show_id:
            self._redraw()
        what = "the show" if number == SHOW else f"episode {number}"
        if value is None:
            text = f"Your rating of {what} is cleared."
        else:
            text = f"You: {ratings.shown(value, scale)} for {what}"
            text += " — marked watched." if newly else "."
        self.notify(text, markup=False)
        if not saved:
            self._tell_save_error()
        hidden_after = len(self._view.hidden) if self._view else 0
        if newly and hidden_after < hidden_before and not self.settings.reveal_all:
            self.notify(
                f"{counted(hidden_before - hidden_after, 'spoiler')} now within your progress."
            )

    def action_edit_note(self) -> None:
        """Write a note on the highlighted episode (or, from the show list, the show)."""
        target = self._rate_target()
        if target is None:
            self.notify("Nothing to write a note on here.", severity="warning")
            return
        show_id, number, _scale = target
        from dramatui.app.editor import edit_note  # (off the first frame)

        current = self.state.notes(show_id).get(number)
        label = f"{show_id}-{'show' if number == SHOW else f'episode-{number}'}"
        result = edit_note(self.app, current.text if current else "", label)
        what = "the show" if number == SHOW else f"episode {number}"
        if result.problem is not None:
            self.notify(result.problem, title="Note not saved", severity="error", markup=False)
            return
        if result.empty:
            self.notify("The note was left empty: nothing changed.")
            return
        if not result.changed or result.text is None:
            self.notify("Note unchanged.")
            return
        saved = self.state.set_note(show_id, number, result.text)
        if show_id == self._show_id:
            self._reader_shows = None  # the show's note is drawn in the reader
            self._redraw()
        self.notify(f"Note on {what} saved.")
        if not saved:
            self._tell_save_error()

    def action_cycle_sort(self) -> None:
        """Sort the shows by the next order (title, your rating, review score...)."""
        self.set_sort(sorting.next_sort(self.settings.sort))

    def set_sort(self, name: str) -> None:
        """Sort the show list by *name* (see ``dramatui.sorting``) and keep the choice."""
        saved = self.state.set_setting("sort", name)
        self._order_shows()
        self.notify(f"Shows sorted by {sorting.SORTS.get(name, 'title')}.")
        if not saved:
            self._tell_save_error()

    def _order_shows(self, top: bool = False) -> None:
        """Put the list in the order chosen (the index gives it by title); with *top*, the
        cursor on the first show (at the start), else it stays on the show it is on."""
        name = self.settings.sort if self.settings.sort in sorting.SORTS else sorting.DEFAULT
        pane = self.query_one("#shows-pane")
        pane.border_title = "Shows" if name == sorting.DEFAULT else f"Shows · {sorting.SORTS[name]}"
        ordered = sorting.sort_shows(
            [self.listing.facts[show_id] for show_id in self.listing.order],
            name,
            self.state.data,
            self.revealed,
            self.settings.options(),
        )
        order = [s.id for s in ordered]
        if order == self.listing.order:
            return
        self.listing.order = order
        keep = order[0] if top and order else self.selected_show
        self.query_one(ShowList).set_shows(order, [self.listing.search[i] for i in order], keep)

    def action_search(self) -> None:
        """Search the review being read: matches highlighted, enter for the next."""
        bar = self.query_one("#search-bar")
        bar.display = True
        self.query_one("#reader-search", Input).focus()

    def close_search(self) -> None:
        """Hide the search box and its highlights."""
        box = self.query_one("#reader-search", Input)
        box.value = ""
        self.query_one("#search-bar").display = False
        reader = self.query_one(ReviewReader)
        reader.search("")
        reader.focus()

    @on(Input.Changed, "#reader-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_one(ReviewReader).search(event.value)
        self._search_count()

    @on(Input.Submitted, "#reader-search")
    def _search_submitted(self) -> None:
        self.query_one(ReviewReader).next_match(1)
        self._search_count()

    @on(MatchMoved)
    def _search_count(self) -> None:
        reader = self.query_one(ReviewReader)
        count = self.query_one("#search-count", Static)
        if not reader.search_query:
            count.update(Content(""))
        elif not reader.match_count:
            count.update(Content("no match").stylize("$warning"))
        else:
            count.update(Content(f"{reader.match_index + 1}/{reader.match_count}"))
