"""The episode guide: a table of episodes, the score trend, and the highlighted synopsis."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Static

from dramatui.app.widgets.scores import bar, score_text, sparkline
from dramatui.spoilers import EpisodeView, Paragraph, ShowView, placeholder

BAR_WIDTH = 5


def prose(paras: tuple[Paragraph, ...], how: str = "press s") -> Content:
    """Paragraphs as Content: hidden pieces become styled placeholders, text stays text."""
    out: list[Content] = []
    for para in paras:
        line = Content("")
        for piece in para:
            if piece.hidden and piece.spoiler is not None:
                line = line.append_text(placeholder(piece.spoiler, how), "$warning italic")
            elif piece.spoiler is not None:
                line = line.append_text(piece.text, "italic")
            else:
                line = line.append_text(piece.text)
        out.append(line)
    return Content("\n\n").join(out)


class EpisodeTable(DataTable[Text]):
    """The episode rows. Cells are Rich ``Text`` (never markup strings)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | {
        "episode-table--bar",
        "episode-table--watched",
        "episode-table--muted",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Move down", show=False),
        Binding("up,k", "cursor_up", "Move up", show=False),
        Binding("enter", "select_cursor", "Open / go to the next pane", show=False),
    ]

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = False
        self._spec: tuple[tuple[str, str, int], ...] = ()
        self._keys: list[str] = []

    def fit(self, width: int, view: ShowView) -> bool:
        """Choose columns for *width* cells and *view*; True when they changed.

        The title takes the room left; narrow panes drop the aired date and runtime.
        """
        score_width = max(
            (len(score_text(ep.score, view.score_scale)) for ep in view.episodes), default=1
        )
        score_width = max(len("Score"), score_width + 1 + BAR_WIDTH)
        number_width = max(1, len(str(max((ep.number for ep in view.episodes), default=1))))
        columns: list[tuple[str, str, int]] = [
            ("number", "#", number_width),
            ("title", "Episode", 0),
            ("score", "Score", score_width),
            ("watched", "✓", 1),
        ]
        fixed = number_width + score_width + 1 + 2 * 6 + 2  # cell padding, scrollbar
        if width - fixed - 13 >= 10:
            columns += [("aired", "Aired", 10), ("runtime", "Min", 3)]
            fixed += 13
        else:
            fixed -= 2 * 2
        title_width = max(6, width - fixed)
        columns[1] = ("title", "Episode", title_width)
        spec = tuple(columns)
        if spec == self._spec:
            return False
        self._spec = spec
        self._keys = [key for key, _, _ in columns]
        self.clear(columns=True)
        for key, label, column_width in columns:
            self.add_column(Text(label), key=key, width=column_width)
        return True

    @property
    def column_keys(self) -> list[str]:
        return list(self._keys)

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
            ep.title, style=muted if ep.title_hidden else "", no_wrap=True, overflow="ellipsis"
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
        cells = {
            "number": Text(str(ep.number), justify="right"),
            "title": title,
            "score": score,
            "watched": watched,
            "aired": Text(
                ep.aired.isoformat() if ep.aired else "–", style="" if ep.aired else muted
            ),
            "runtime": Text(f"{ep.runtime}" if ep.runtime else "–", justify="right"),
        }
        return [cells[key] for key in self._keys]


class ScoreTrend(Widget):
    """The episode scores as a line of bars; hidden or missing scores are blank."""

    DEFAULT_CSS = "ScoreTrend { height: 1; }"

    values: reactive[tuple[float | None, ...]] = reactive(())
    scale: reactive[int] = reactive(5)

    def render(self) -> Content:
        label = "Trend "
        width = max(0, self.content_region.width - len(label))
        line = sparkline(list(self.values), self.scale, width)
        return Content.assemble((label, "$text-muted"), (line, "$accent"))


class EpisodeGuide(Vertical):
    """The episodes of one show. The screen passes a redacted view down."""

    class EpisodeHighlighted(Message):
        """The cursor moved to an episode."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class EpisodeChosen(Message):
        """Enter was pressed on an episode."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: ShowView | None = None
        self._show_id: str | None = None
        self._report_due = False

    def compose(self) -> ComposeResult:
        yield EpisodeTable(id="episode-table")
        yield ScoreTrend(id="score-trend")
        with VerticalScroll(id="synopsis-scroll", can_focus=False):
            yield Static(id="synopsis")

    @property
    def table(self) -> EpisodeTable:
        return self.query_one(EpisodeTable)

    @property
    def highlighted(self) -> int | None:
        """The number of the highlighted episode, if any."""
        view = self._view
        if view is None or not view.episodes:
            return None
        row = self.table.cursor_row
        if 0 <= row < len(view.episodes):
            return view.episodes[row].number
        return None

    def show_view(self, view: ShowView, episode: int | None) -> None:
        """Draw *view*, with the cursor on *episode* (or the first one)."""
        table = self.table
        same_show = self._show_id == view.id and self._view is not None
        row = table.cursor_row if same_show else 0
        refit = table.fit(self.content_region.width, view)
        old = self._view
        if same_show and not refit and old is not None and len(old.episodes) == len(view.episodes):
            styles = table.cell_styles()
            for before, ep in zip(old.episodes, view.episodes, strict=True):
                if before == ep:
                    continue
                cells = table.row_cells(ep, view.score_scale, styles)
                for key, cell in zip(table.column_keys, cells, strict=True):
                    table.update_cell(str(ep.number), key, cell)
        else:
            self._fill(view, row)
        self._view = view
        self._show_id = view.id
        numbers = [ep.number for ep in view.episodes]
        if episode in numbers:
            row = numbers.index(episode)
            if table.cursor_row != row:
                with self.prevent(DataTable.RowHighlighted):
                    table.move_cursor(row=row)
        trend = self.query_one(ScoreTrend)
        trend.scale = view.score_scale
        trend.values = tuple(ep.score for ep in view.episodes)
        trend.display = any(v is not None for v in trend.values) or any(
            ep.score_hidden for ep in view.episodes
        )
        self._show_synopsis()

    def _fill(self, view: ShowView, row: int) -> None:
        """All rows again, the cursor on *row* (when it is there)."""
        table = self.table
        with self.prevent(DataTable.RowHighlighted):
            table.clear()
            styles = table.cell_styles()
            for ep in view.episodes:
                table.add_row(*table.row_cells(ep, view.score_scale, styles), key=str(ep.number))
            if 0 <= row < table.row_count:
                table.move_cursor(row=row)

    def on_resize(self) -> None:
        view = self._view
        row = self.table.cursor_row
        if view is not None and self.table.fit(self.content_region.width, view):
            self._fill(view, row)

    def _show_synopsis(self) -> None:
        synopsis = self.query_one("#synopsis", Static)
        view = self._view
        number = self.highlighted
        ep = next((e for e in view.episodes if e.number == number), None) if view else None
        if ep is None:
            synopsis.update(Content("No episodes listed.").stylize("$text-muted"))
            return
        heading = Content.assemble((f"{ep.number}. ", "$text-muted"), (ep.title, "bold"))
        body = prose(ep.synopsis) if ep.synopsis else Content("No synopsis.").stylize("$text-muted")
        synopsis.update(Content("\n").join([heading, body]))

    def move(self, delta: int) -> None:
        """Move the episode cursor by *delta* rows (for ``]`` and ``[`` from any pane)."""
        table = self.table
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + delta)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        # The cursor is painted first; the synopsis and the reader follow after the frame
        # (once, for the row the cursor is on then, when keys come faster than frames).
        if not self._report_due:
            self._report_due = True
            self.call_after_refresh(self._report_highlighted)

    def _report_highlighted(self) -> None:
        self._report_due = False
        self._show_synopsis()
        number = self.highlighted
        if number is not None:
            self.post_message(self.EpisodeHighlighted(number))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        number = self.highlighted
        if number is not None:
            self.post_message(self.EpisodeChosen(number))
