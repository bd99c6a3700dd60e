"""The main screen: three panes, and the one place that owns selection and reveal state.

Composed, not inherited: a :class:`~dramatui.library.Listing` holds the shows known so far,
the indexing worker (:func:`dramatui.app.indexing.index_library`) fills it, and the panes
draw what the screen hands them. Data flows down (the screen redacts a show and hands the
view to each pane); events flow up (panes post the messages of ``app/messages.py``). No
widget below sees a show file's text before :func:`dramatui.spoilers.redact` has removed
what the reader has not asked to see.
"""

from __future__ import annotations

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

from dramatui.app.indexing import LibrarySource, index_library
from dramatui.app.messages import (
    EpisodeChosen,
    EpisodeHighlighted,
    IndexProgress,
    IndexReady,
    ShowChosen,
    ShowFailed,
    ShowLoaded,
)
from dramatui.app.widgets.episode_guide import EpisodeGuide
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.header import AppHeader
from dramatui.app.widgets.index_progress import IndexProgressLine
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.app.widgets.show_list import ShowList
from dramatui.format_rules import counted
from dramatui.library import IndexedShow, Listing
from dramatui.safe_text import safe_line
from dramatui.spoilers import (
    ReviewView,
    ShowSummary,
    ShowView,
    redact,
    search_text,
    summarize_facts,
)
from dramatui.state_file import TOGGLES, Settings

if TYPE_CHECKING:
    from pathlib import Path

    from dramatui.app.screens.add_show import Added

    # Types only: the index, the loader and the models (pydantic) are imported by the
    # workers that read files, after the first frame.
    from dramatui.library import Index
    from dramatui.model import ShowFile
    from dramatui.state import State


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
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        show_list = self.query_one(ShowList)
        # the list's cursor, heard at once (in the key's frame: the title goes with it)
        self.watch(show_list, "highlighted_show", self._show_highlighted, init=False)
        self.open_library()
        self._status()
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
        self._status()
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
            summary = self._summaries[show_id] = summarize_facts(
                self.listing.facts[show_id].facts,
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
        for show_id in self.listing.matching(needle):
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
        guide.show_view(view, episode)
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
        reader.show_review(view, review, position, len(reviews))
        _set_subtitle(reader, f"{position + 1}/{len(reviews)}" if len(reviews) > 1 else "")

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
