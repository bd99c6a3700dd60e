"""The Up next list: one line a show in progress, drawn only for the lines on screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip

from dramatui.app.messages import UpNextChosen, UpNextClosed
from dramatui.app.widgets.scrolling import CachedLinesView
from dramatui.up_next import Pending, UpNext


def up_next_prompt(item: UpNext, width: int) -> Content:
    """``Show title   E3  Episode title   2022-03-30  2/4``, fitted to *width* cells."""
    number = f"E{item.episode}"
    aired = item.aired.isoformat() if item.aired else ""
    progress = f"{item.watched_count}/{item.episode_count}"
    tail = f"  {aired:>10}  {progress:>7}" if width >= 60 else f"  {progress:>7}"
    room = max(8, width - len(tail) - len(number) - 4)
    show_width = max(6, room * 2 // 5)
    title_width = max(0, room - show_width)
    show = Content(item.show_title).truncate(show_width, ellipsis=True, pad=True)
    title = Content(item.episode_title).truncate(title_width, ellipsis=True, pad=True)
    return Content.assemble(
        show.stylize("bold"),
        "  ",
        (number, "$accent"),
        "  ",
        title.stylize("$text-muted italic") if item.title_hidden else title,
        (tail, "$text-muted"),
    )


class UpNextList(CachedLinesView, can_focus=True):
    """Shows in progress, most recently watched first; enter opens one. The main screen
    keeps one, hidden until ``u``: a view of its own, not a screen pushed on top (a new
    screen's styles and layout cost ~0.1 s a press at 10,000 shows)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Move down", show=False),
        Binding("up,k", "cursor_up", "Move up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First show", show=False),
        Binding("end", "last", "Last show", show=False),
        Binding("enter", "select", "Open this show on this episode", show=False),
        Binding("escape,u", "close", "Close Up next", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"up-next--row", "up-next--cursor"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(512, id=id)
        self.items: Sequence[Pending] = ()
        """The shows in progress, in order; a row is made (``realize``) when drawn."""
        self._realize: Callable[[Pending], UpNext] | None = None
        self._rows: dict[int, UpNext] = {}
        self.cursor = 0

    def set_items(self, items: Sequence[Pending], realize: Callable[[Pending], UpNext]) -> None:
        """List *items* (rows made by *realize* when drawn), the cursor on the first."""
        self.items = items
        self._realize = realize
        self._rows.clear()
        self._lines.clear()
        self.cursor = 0
        self.virtual_size = Size(self.scrollable_content_region.width, len(items))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def action_close(self) -> None:
        """Close Up next."""
        self.post_message(UpNextClosed())

    def row(self, index: int) -> UpNext:
        """Row *index* as drawn (made once)."""
        made = self._rows.get(index)
        if made is None:
            assert self._realize is not None
            made = self._rows[index] = self._realize(self.items[index])
        return made

    def on_mount(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.items))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.items))

    def _move(self, row: int) -> None:
        if not self.items:
            return
        row = max(0, min(row, len(self.items) - 1))
        if row == self.cursor:
            return
        old, self.cursor = self.cursor, row
        self.refresh_lines(old)
        self.refresh_lines(row)
        self.scroll_to_region(Region(0, row, 1, 1), animate=False, force=True, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def action_cursor_down(self) -> None:
        """Highlight the next show."""
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """Highlight the previous show."""
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        """Move a screenful down."""
        self._move(self.cursor + self._page())

    def action_page_up(self) -> None:
        """Move a screenful up."""
        self._move(self.cursor - self._page())

    def action_first(self) -> None:
        """Highlight the first show."""
        self._move(0)

    def action_last(self) -> None:
        """Highlight the last show."""
        self._move(len(self.items) - 1)

    def action_select(self) -> None:
        """Open the highlighted show on its next episode."""
        if self.items:
            item = self.items[self.cursor]
            self.post_message(UpNextChosen(item.facts.id, item.episode))

    def on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_y)
        if 0 <= row < len(self.items):
            self._move(row)
            self.action_select()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_y) + y
        base = self.get_visual_style("up-next--row")
        if row >= len(self.items):
            return Strip.blank(width, base.rich_style)
        cursor = row == self.cursor
        key = (row, cursor, width)
        strip = self._lines.get(key)
        if strip is None:
            style = self.get_visual_style("up-next--row", "up-next--cursor") if cursor else base
            content = up_next_prompt(self.row(row), max(0, width - 2)).pad(1, 1)
            segments = content.render_segments(style)  # one line: no wrapping to work out
            strip = Strip(segments).adjust_cell_length(width, style.rich_style)
            strip = self._lines[key] = strip
        return strip
