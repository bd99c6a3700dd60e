"""The shows pane: two lines a show, drawn only for the rows on screen (Textual's Line API).

The list is given show ids in order and the filter text of each (made from the index
facts, never hidden text); it asks its *summaries* callable for the rows it draws, so a
library of 10,000 shows costs what a screenful costs. Filtering narrows the last result
when the query grows, so each keystroke only looks at what still matched.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import var
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from dramatui.app.messages import ShowChosen
from dramatui.app.widgets.scores import score_text
from dramatui.app.widgets.scrolling import CachedLinesView
from dramatui.spoilers import ShowSummary

ROW_HEIGHT = 2
"""Lines a show takes: title and year, then progress, score and network."""


def show_prompt(show: ShowSummary) -> Content:
    """Two lines: the title and year, then progress, mean score and network."""
    first = Content.assemble((show.title, "bold"))
    if show.year:
        first = first.append_text(f" ({show.year})", "$text-muted")
    facts: list[str] = []
    if show.episode_count:
        facts.append(f"{show.watched_count}/{show.episode_count} watched")
    if show.mean_score is not None:
        facts.append(f"★ {score_text(round(show.mean_score, 1), show.score_scale)}")
    if show.yours is not None:
        facts.append(f"you {score_text(round(show.yours, 1), show.score_scale)}")
    if show.network:
        facts.append(show.network)
    second = Content(" · ".join(facts) or " ").stylize("$text-muted")
    return Content("\n").join([first, second])


class ShowList(CachedLinesView, can_focus=True):
    """The list of shows. Reports the highlighted and the chosen show up to the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Move down", show=False),
        Binding("up,k", "cursor_up", "Move up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First show", show=False),
        Binding("end", "last", "Last show", show=False),
        Binding("enter", "select", "Open / go to the next pane", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "show-list--option",
        "show-list--option-highlighted",
    }

    highlighted_show: var[str | None] = var(None)
    """The show the cursor is on, as it moves. The screen watches it: a watcher runs at
    once, so what the screen draws for the show right away (the title) goes out in the
    same frame as the cursor; a message would arrive after that frame, and Textual's next
    frame comes one or two frame periods later."""

    def __init__(self, summaries: Callable[[str], ShowSummary], *, id: str | None = None) -> None:
        """*summaries* gives a show's row (data down: a row is made only when drawn)."""
        super().__init__(1024, id=id)
        self._summary_of = summaries
        self._ids: list[str] = []
        """Every show, in list order."""
        self._search: list[str] = []
        """The filter text of each show in ``_ids``."""
        self._position: dict[str, int] = {}
        self._query = ""
        self._rows: list[int] = []
        """Positions in ``_ids`` of the shows that match the query, in order."""
        self._cursor: int | None = None
        """The highlighted row (an index into ``_rows``)."""

    # -- what the screen calls ---------------------------------------------------

    @property
    def option_count(self) -> int:
        """How many shows the list shows now (after the filter)."""
        return len(self._rows)

    @property
    def highlighted_id(self) -> str | None:
        if self._cursor is None:
            return None
        return self._ids[self._rows[self._cursor]]

    def prompt_at(self, row: int) -> Content:
        """What row *row* shows (both lines)."""
        return show_prompt(self._summary_of(self._ids[self._rows[row]]))

    def set_shows(
        self, ids: Sequence[str], search: Sequence[str], selected: str | None = None
    ) -> None:
        """Replace the list (with each show's filter text), keeping the filter.

        The cursor stays on *selected* (else on the highlighted show) when it is still
        listed, else goes to the first row.
        """
        keep = selected if selected is not None else self.highlighted_id
        self._ids = list(ids)
        self._search = list(search)
        self._position = {show_id: n for n, show_id in enumerate(self._ids)}
        self._lines.clear()
        self._rows = self._match(self._query, range(len(self._ids)))
        self._settle(keep)

    def filter(self, query: str) -> None:
        """Show only the shows whose filter text holds *query* (already case-folded)."""
        if query == self._query:
            return
        keep = self.highlighted_id
        if self._query and self._query in query:
            self._rows = self._match(query, self._rows)  # a longer query: narrow
        else:
            self._rows = self._match(query, range(len(self._ids)))
        self._query = query
        self._settle(keep)

    def update_show(self, show_id: str) -> None:
        """Redraw one show's row (its progress or score changed)."""
        position = self._position.get(show_id)
        if position is None:
            return
        self._lines.clear()
        self.refresh()

    def refresh_rows(self) -> None:
        """Draw every row again (a setting changed what rows show)."""
        self._lines.clear()
        self.refresh()

    def move_to(self, show_id: str) -> None:
        """Highlight *show_id* if it is listed."""
        position = self._position.get(show_id)
        if position is None:
            return
        row = _find(self._rows, position, default=-1)
        if row >= 0:
            self._move(row)

    # -- internals -------------------------------------------------------------

    def _match(self, query: str, positions: Sequence[int] | range) -> list[int]:
        if not query:
            return list(positions)
        search = self._search
        return [p for p in positions if query in search[p]]

    def _settle(self, keep: str | None) -> None:
        """After the rows changed: size, cursor on *keep* or the first row, report."""
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) * ROW_HEIGHT)
        cursor: int | None = None
        if self._rows:
            cursor = 0
            position = self._position.get(keep) if keep is not None else None
            if position is not None:
                cursor = _find(self._rows, position, default=0)
        self._cursor = cursor
        self._lines.clear()
        self.refresh()
        if cursor is not None:
            self._scroll_to_cursor()
        self._report()

    def _report(self) -> None:
        show_id = self.highlighted_id
        if show_id is not None:
            self.highlighted_show = show_id  # (watchers run only when it changes)

    def _move(self, row: int) -> None:
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        old = self._cursor
        if row == old:
            return
        self._cursor = row
        # refresh_lines takes lines of the whole list (it subtracts the scroll itself)
        if old is not None:
            self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
        self.refresh_lines(row * ROW_HEIGHT, ROW_HEIGHT)
        self._scroll_to_cursor()
        self._report()

    def _scroll_to_cursor(self) -> None:
        if self._cursor is None:
            return
        top = self._cursor * ROW_HEIGHT
        height = self.scrollable_content_region.height
        if height and self.scroll_y <= top and top + ROW_HEIGHT <= self.scroll_y + height:
            return  # already on screen: no scroll (and no scroll refresh) on every move
        region = Region(0, top, 1, ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    # -- keys and mouse -----------------------------------------------------------

    def action_cursor_down(self) -> None:
        """Highlight the next show."""
        self._move(0 if self._cursor is None else self._cursor + 1)

    def action_cursor_up(self) -> None:
        """Highlight the previous show."""
        self._move(0 if self._cursor is None else self._cursor - 1)

    def action_page_down(self) -> None:
        """Move a screenful down."""
        self._move((self._cursor or 0) + self._page())

    def action_page_up(self) -> None:
        """Move a screenful up."""
        self._move((self._cursor or 0) - self._page())

    def action_first(self) -> None:
        """Highlight the first show."""
        self._move(0)

    def action_last(self) -> None:
        """Highlight the last show."""
        self._move(len(self._rows) - 1)

    def action_select(self) -> None:
        """Open the highlighted show."""
        show_id = self.highlighted_id
        if show_id is not None:
            self.post_message(ShowChosen(show_id))

    def on_click(self, event: events.Click) -> None:
        row = (event.y + int(self.scroll_y)) // ROW_HEIGHT
        if 0 <= row < len(self._rows):
            self._move(row)
            self.action_select()

    # -- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        row, part = divmod(line, ROW_HEIGHT)
        base = self.get_visual_style("show-list--option")
        if row >= len(self._rows):
            return Strip.blank(width, base.rich_style)
        show_id = self._ids[self._rows[row]]
        highlighted = row == self._cursor
        key = (show_id, part, highlighted, width, self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            style = (
                self.get_visual_style("show-list--option", "show-list--option-highlighted")
                if highlighted
                else base
            )
            # both lines of the row at once: the next call asks for the other one
            for n, made in enumerate(self._render_row(show_id, width, style)):
                self._lines[(show_id, n, highlighted, width, self.has_focus)] = made
                if n == part:
                    strip = made
        assert strip is not None
        return strip

    def _render_row(self, show_id: str, width: int, style: Style) -> list[Strip]:
        """The :data:`ROW_HEIGHT` lines of a show's row, *width* cells wide."""
        lines = show_prompt(self._summary_of(show_id)).split("\n")
        lines += [Content("")] * (ROW_HEIGHT - len(lines))
        inner = max(0, width - 2)
        text = Content("\n").join(
            line.truncate(inner, ellipsis=True, pad=True).pad(1, 1) for line in lines[:ROW_HEIGHT]
        )
        strips = Visual.to_strips(self, text, width, ROW_HEIGHT, style, pad=True)
        blank = Strip.blank(width, style.rich_style)
        return [*strips[:ROW_HEIGHT], *[blank] * (ROW_HEIGHT - len(strips))]

    def on_resize(self) -> None:
        # The drawn rows stay: their width is part of their key. (A resize is handled after
        # the frame that drew the list at its new size: clearing here threw those rows away,
        # so a cursor move drew both of its rows again instead of one.)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) * ROW_HEIGHT)
        self._scroll_to_cursor()


def _find(rows: list[int], position: int, *, default: int) -> int:
    """The row showing *position* (rows are in ascending position order)."""
    row = bisect.bisect_left(rows, position)
    if row < len(rows) and rows[row] == position:
        return row
    return default
