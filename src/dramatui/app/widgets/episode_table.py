"""The episode table: rows under a fixed header, drawn only for the lines on screen.

A library's episode list can be long, and ``]`` from any pane moves its cursor: a cursor
move draws two lines again, never the whole table. Cells are Rich ``Text`` made from the
redacted view the guide hands down (never markup strings).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import var
from textual.strip import Strip

from dramatui.app.messages import RowSelected
from dramatui.app.widgets.scores import bar, score_text
from dramatui.app.widgets.scrolling import CachedLinesView
from dramatui.format_rules import format_score
from dramatui.spoilers import EpisodeView, ShowView

BAR_WIDTH = 5
"""Cells of an episode's score bar."""
MIN_TITLE = 16
"""The aired date and runtime are shown only when the title keeps this many cells."""

Column = tuple[str, str, int]
"""(key, label, width in cells without padding)."""


def _cell_segments(cell: Text, width: int, pre: Style, post: Style) -> list[Segment]:
    """One cell as segments *width* + 2 cells wide: a blank each side (as a table pads),
    the text cut short (with an ellipsis where the cell asks for one) or padded, and
    aligned as the cell's ``justify`` says."""
    base = cell.style if isinstance(cell.style, Style) else Style.null()
    plain = cell.plain
    pieces: list[tuple[str, Style]] = []
    pos = 0
    for span in sorted(cell.spans, key=lambda s: s.start):
        if span.start > pos:
            pieces.append((plain[pos : span.start], base))
        style = span.style if isinstance(span.style, Style) else Style.null()
        pieces.append((plain[max(pos, span.start) : span.end], base + style))
        pos = max(pos, span.end)
    if pos < len(plain):
        pieces.append((plain[pos:], base))
    length = cell_len(plain)
    if length > width:
        ellipsis = cell.overflow == "ellipsis" and width > 0
        room = width - 1 if ellipsis else width
        cut: list[tuple[str, Style]] = []
        for text, style in pieces:
            size = cell_len(text)
            if size >= room:
                cut.append((set_cell_size(text, room), style))
                room = 0
                break
            cut.append((text, style))
            room -= size
        if ellipsis:
            cut.append(("…", cut[-1][1] if cut else base))
        pieces, length = cut, width
    blank = width - length
    left = blank if cell.justify == "right" else 0
    padding = pre + post
    out = [Segment(" " * (1 + left), padding)]
    out.extend(Segment(text, pre + style + post) for text, style in pieces if text)
    out.append(Segment(" " * (1 + blank - left), padding))
    return out


class EpisodeRows(CachedLinesView, can_focus=True):
    """Rows under a fixed header, drawn only for the lines on screen, with a row cursor.

    The moving keys every table has (a page, the first and the last row). The cursor
    changes two lines, so only those two are drawn again.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First episode", show=False),
        Binding("end,ctrl+end", "last", "Last episode", show=False),
    ]

    highlighted_row: var[int] = var(0, always_update=True)
    """The row the cursor moved to, set as it moves (by a key or a click). The owner
    watches it: a watcher runs at once, so what follows from it (the synopsis) is drawn in
    the same frame as the cursor (a message would arrive after that frame, and the next
    frame comes one or two frame periods later)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(256, id=id)
        self._cursor = 0
        self._count = 0
        self._base: Style | None = None

    @property
    def cursor_row(self) -> int:
        """The highlighted row (0 when there are none)."""
        return self._cursor

    @property
    def row_count(self) -> int:
        return self._count

    def move_cursor(self, *, row: int, report: bool = True) -> None:
        """Highlight *row* (kept within the rows) and scroll it into view; tell the owner
        unless *report* is False."""
        row = max(0, min(row, self._count - 1))
        old = self._cursor
        if row == old or not self._count:
            return
        self._cursor = row
        self.refresh_row(old)
        self.refresh_row(row)
        self._scroll_to_cursor()
        if report:
            self.highlighted_row = row

    def refresh_row(self, row: int) -> None:
        """Draw row *row* again (its line only)."""
        self.refresh_lines(row + 1)  # list lines, header first; refresh_lines scrolls

    def _set_count(self, count: int, cursor: int) -> None:
        """The rows are new: *count* of them, the cursor on *cursor*; redraw all."""
        self._count = count
        self._cursor = max(0, min(cursor, count - 1))
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, count + 1)
        self.refresh()
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        rows = self.scrollable_content_region.height - 1  # under the header
        if rows <= 0:
            return
        top = int(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True, immediate=True)
        elif self._cursor >= top + rows:
            y = self._cursor - rows + 1
            self.scroll_to(y=y, animate=False, force=True, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_down(self) -> None:
        """Highlight the next row."""
        self.move_cursor(row=self._cursor + 1)

    def action_cursor_up(self) -> None:
        """Highlight the previous row."""
        self.move_cursor(row=self._cursor - 1)

    def action_page_down(self) -> None:
        """Move a screenful down."""
        self.move_cursor(row=self._cursor + self._page())

    def action_page_up(self) -> None:
        """Move a screenful up."""
        self.move_cursor(row=self._cursor - self._page())

    def action_first(self) -> None:
        """Highlight the first row."""
        self.move_cursor(row=0)

    def action_last(self) -> None:
        """Highlight the last row."""
        self.move_cursor(row=self._count - 1)

    def action_select_cursor(self) -> None:
        """Choose the highlighted row."""
        if self._count:
            self.post_message(RowSelected(self._cursor))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return  # the header
        row = int(self.scroll_y) + event.y - 1
        if 0 <= row < self._count:
            event.stop()
            if row == self._cursor:
                self.action_select_cursor()
            else:
                self.move_cursor(row=row)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._count + 1)
        self._scroll_to_cursor()  # lines are cached by width: a new height draws none anew

    @property
    def base_style(self) -> Style:
        """The widget's own style (worked out from its ancestors: kept until styles change)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width  # as wide as the pane: the header runs under the gutter
        row = -1 if y == 0 else int(self.scroll_y) + y - 1
        if row >= self._count:
            return Strip.blank(width, self.base_style)
        cursor = row == self._cursor
        key = (row, cursor, width, self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._lines[key] = self._render_row(row, cursor, width)
        return strip

    def _render_row(self, row: int, cursor: bool, width: int) -> Strip:
        """Row *row* (-1: the header) as one line *width* cells wide."""
        raise NotImplementedError


class EpisodeTable(EpisodeRows):
    """The episode rows. Cells are Rich ``Text`` (never markup strings), made for the rows
    on screen from the view the guide hands down."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "episode-table--header",
        "episode-table--cursor",
        "episode-table--bar",
        "episode-table--watched",
        "episode-table--muted",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Move down", show=False),
        Binding("up,k", "cursor_up", "Move up", show=False),
        Binding("enter", "select_cursor", "Open the episode", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spec: tuple[Column, ...] = ()
        self._keys: list[str] = []
        self._episodes: tuple[EpisodeView, ...] = ()
        self._scale = 5
        self._yours: Mapping[int, float] = {}
        """Your ratings, by episode number (the "You" column)."""

    def fit(self, width: int, view: ShowView, rated: bool = False) -> bool:
        """Choose columns for *width* cells and *view*; True when they changed.

        A column empty for the whole show (no scores, no dates, no runtimes) is left out
        (yours, "You", is there beside scores, or once you rated an episode);
        the title takes the room left, and a narrow pane drops the aired date and runtime
        before it cuts the title short.
        """
        episodes = view.episodes
        number_width = max(1, len(str(max((ep.number for ep in episodes), default=1))))
        columns: list[Column] = [("number", "#", number_width), ("title", "Episode", 0)]
        scored = any(ep.score is not None or ep.score_hidden for ep in episodes)
        if scored:
            score_width = max(
                (len(score_text(ep.score, view.score_scale)) for ep in episodes), default=1
            )
            columns.append(("score", "Score", max(len("Score"), score_width + 1 + BAR_WIDTH)))
        if scored or rated:
            # your rating (*rated*: you rated an episode), beside the show file's scores;
            # the value alone ("8.5": the scale is the Score column's), so a guide of
            # 64 cells still has room for the dates
            you_width = max(3, len(format_score(view.score_scale)))
            columns.append(("you", "You", you_width))
        columns.append(("watched", "✓", 1))
        optional: list[Column] = []
        if any(ep.aired for ep in episodes):
            optional.append(("aired", "Aired", 10))
        if any(ep.runtime for ep in episodes):
            optional.append(("runtime", "Min", 3))

        def title_room(cols: list[Column]) -> int:
            # every column is padded by a blank each side; 2 cells for the scrollbar
            return width - sum(w for _, _, w in cols) - 2 * len(cols) - 2

        if optional and title_room(columns + optional) >= MIN_TITLE:
            columns += optional
        columns[1] = ("title", "Episode", max(6, title_room(columns)))
        spec = tuple(columns)
        if spec == self._spec:
            return False
        self._spec = spec
        self._keys = [key for key, _, _ in columns]
        self._lines.clear()
        self.refresh()
        return True

    @property
    def column_keys(self) -> list[str]:
        return list(self._keys)

    def set_episodes(
        self, view: ShowView, cursor: int, yours: Mapping[int, float] | None = None
    ) -> None:
        """Every row anew (another show, or new columns), the cursor on row *cursor*."""
        self._episodes = view.episodes
        self._scale = view.score_scale
        self._yours = dict(yours or {})
        self._set_count(len(view.episodes), cursor)

    def clear(self) -> None:
        """No rows (no show is selected)."""
        self._episodes = ()
        self._yours = {}
        self._set_count(0, 0)

    def update_episodes(self, view: ShowView, yours: Mapping[int, float] | None = None) -> None:
        """The same rows with new contents: only the rows that changed are drawn again."""
        old, old_yours = self._episodes, self._yours
        self._episodes = view.episodes
        self._scale = view.score_scale
        self._yours = dict(yours or {})
        for row, (before, ep) in enumerate(zip(old, view.episodes, strict=True)):
            if before != ep or old_yours.get(ep.number) != self._yours.get(ep.number):
                self._lines.clear()
                self.refresh_row(row)

    def get_row_at(self, row: int) -> list[Text]:
        """The cells of row *row*, in column order."""
        return self.row_cells(self._episodes[row], self._scale, self.cell_styles())

    def cell_styles(self) -> tuple[Style, Style, Style]:
        """(muted, bar, watched) styles from the stylesheet; fetch once per redraw."""
        return (
            self.get_component_rich_style("episode-table--muted", partial=True),
            self.get_component_rich_style("episode-table--bar", partial=True),
            self.get_component_rich_style("episode-table--watched", partial=True),
        )

    def row_cells(
        self, ep: EpisodeView, scale: int, styles: tuple[Style, Style, Style]
    ) -> list[Text]:
        muted, bar_style, watched_style = styles
        title = Text(
            ep.title if ep.listed else f"{ep.title} · not listed",
            style=muted if ep.title_hidden or not ep.listed else "",
            no_wrap=True,
            overflow="ellipsis",
        )
        score_width = {key: w for key, _, w in self._spec}.get("score", 0)
        if ep.score_hidden:
            score = Text("hidden", style=muted)
        elif ep.score is None:
            score = Text("–", style=muted)
        else:
            filled, empty = bar(ep.score, scale, BAR_WIDTH)
            number = score_text(ep.score, scale).rjust(max(0, score_width - BAR_WIDTH - 1))
            score = Text.assemble(number + " ", (filled, bar_style), (empty, muted))
        watched = Text("✓" if ep.watched else "·", style=watched_style if ep.watched else muted)
        mine = self._yours.get(ep.number)
        you = (
            Text(format_score(mine), justify="right")
            if mine is not None
            else Text("–", style=muted, justify="right")
        )
        cells = {
            "number": Text(str(ep.number), justify="right"),
            "title": title,
            "score": score,
            "watched": watched,
            "you": you,
            "aired": Text(
                ep.aired.isoformat() if ep.aired else "–", style="" if ep.aired else muted
            ),
            "runtime": Text(f"{ep.runtime}" if ep.runtime else "–", justify="right"),
        }
        return [cells[key] for key in self._keys]

    def _render_row(self, row: int, cursor: bool, width: int) -> Strip:
        base = self.base_style
        if row < 0:
            cells = [Text(label) for _, label, _ in self._spec]
            line = self.get_component_rich_style("episode-table--header")
        else:
            cells = self.get_row_at(row)
            line = base
        pre, post = line, Style.null()
        if cursor:
            mark = self.get_component_rich_style("episode-table--cursor")
            pre = line + mark
            post = Style.from_color(mark.color, mark.bgcolor)  # over the cells' own colours
        segments: list[Segment] = []
        for cell, (_, _, cell_width) in zip(cells, self._spec, strict=True):
            segments += _cell_segments(cell, cell_width, pre, post)
        used = sum(cell_width + 2 for _, _, cell_width in self._spec)
        if width > used:
            segments.append(Segment(" " * (width - used), pre))
        return Strip(segments).adjust_cell_length(width, base).simplify()
