"""The episode guide: a table of episodes, the score trend, and the highlighted synopsis."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from dramatui.app.messages import EpisodeChosen, EpisodeHighlighted, RowSelected
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.scores import sparkline
from dramatui.app.widgets.scrolling import set_virtual_size
from dramatui.safe_text import safe_text
from dramatui.spoilers import Paragraph, ShowView, placeholder


@dataclass(frozen=True)
class Yours:
    """Your ratings and notes on one show's episodes, by episode number (never hidden)."""

    ratings: Mapping[int, float] = field(default_factory=dict)
    notes: Mapping[int, str] = field(default_factory=dict)


def prose(paras: tuple[Paragraph, ...], how: str = "press s") -> Content:
    """Paragraphs as Content: hidden pieces become styled placeholders, text stays text."""
    out: list[Content] = []
    for para in paras:
        line = Content("")
        for piece in para:
            if piece.hidden and piece.spoiler is not None:
                line = line.append_text(placeholder(piece.spoiler, how), "$text-warning italic")
            elif piece.spoiler is not None:
                line = line.append_text(piece.text, "italic")
            else:
                line = line.append_text(piece.text)
        out.append(line)
    return Content("\n\n").join(out)


class ScoreTrend(Widget):
    """The episode scores as a line of bars; hidden or missing scores are blank. Your own
    ratings, when you have given any, are a second line under the review's."""

    DEFAULT_CSS = "ScoreTrend { height: 1; } ScoreTrend.-yours { height: 2; }"

    values: reactive[tuple[float | None, ...]] = reactive(())
    yours: reactive[tuple[float | None, ...]] = reactive(())
    scale: reactive[int] = reactive(5)

    def watch_yours(self) -> None:
        self.set_class(any(v is not None for v in self.yours), "-yours")

    def render(self) -> Content:
        label = "Trend "
        width = max(0, self.content_region.width - len(label))
        line = sparkline(list(self.values), self.scale, width)
        out = Content.assemble((label, "$text-muted"), (line, "$text-accent"))
        if any(v is not None for v in self.yours):
            mine = sparkline(list(self.yours), self.scale, width)
            you = Content.assemble(("You   ", "$text-muted"), (mine, "$text-success"))
            out = Content("\n").join([out, you])
        return out


class Synopsis(ScrollView, can_focus=False):
    """The highlighted episode's synopsis, in an area of fixed height (it scrolls when
    longer). The next episode's synopsis changes no layout: only these lines are drawn."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self._strips: list[Strip] = []
        self._width = 0

    @property
    def content(self) -> Content:
        """What the synopsis shows (all of it, also what is scrolled out of view)."""
        return self._content

    def show(self, content: Content) -> None:
        shown = self._content
        if (shown.plain, shown.spans) == (content.plain, content.spans):
            return  # Content's own == compares the text alone
        self._content = content
        self.scroll_to(y=0, animate=False, immediate=True)
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        self._width = width
        if width <= 0:
            self._strips = []
            return
        self._strips = Visual.to_strips(self, self._content, width, None, self.visual_style)
        set_virtual_size(self, Size(width, len(self._strips)))
        self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._lay_out()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._width = -1  # drawn again in the new style at the next resize or content
        self.call_after_refresh(self._lay_out)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if index < len(self._strips):
            return self._strips[index].crop_extend(0, width, self.visual_style.rich_style)
        return Strip.blank(width, self.visual_style.rich_style)


class EpisodeGuide(Vertical):
    """The episodes of one show. The screen passes a redacted view down."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: ShowView | None = None
        self._show_id: str | None = None
        self._yours = Yours()

    def compose(self) -> ComposeResult:
        yield EpisodeTable(id="episode-table")
        yield ScoreTrend(id="score-trend")
        yield Synopsis(id="synopsis")

    def on_mount(self) -> None:
        self.watch(self.table, "highlighted_row", self._row_highlighted, init=False)

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

    def show_view(self, view: ShowView, episode: int | None, yours: Yours | None = None) -> None:
        """Draw *view* and *yours*, with the cursor on *episode* (or the first one)."""
        self._yours = yours or Yours()
        table = self.table
        same_show = self._show_id == view.id and self._view is not None
        row = table.cursor_row if same_show else 0
        numbers = [ep.number for ep in view.episodes]
        if episode in numbers:
            row = numbers.index(episode)
        refit = table.fit(self.content_region.width, view, bool(self._yours.ratings))
        old = self._view
        if same_show and not refit and old is not None and len(old.episodes) == len(view.episodes):
            table.update_episodes(view, self._yours.ratings)
            if table.cursor_row != row:
                table.move_cursor(row=row, report=False)
        else:
            table.set_episodes(view, row, self._yours.ratings)
        self._view = view
        self._show_id = view.id
        trend = self.query_one(ScoreTrend)
        trend.scale = view.score_scale
        trend.values = tuple(ep.score for ep in view.episodes)
        trend.yours = tuple(self._yours.ratings.get(ep.number) for ep in view.episodes)
        trend.display = (
            any(v is not None for v in trend.values)
            or any(ep.score_hidden for ep in view.episodes)
            or any(v is not None for v in trend.yours)
        )
        self._show_synopsis()

    def clear(self, why: str) -> None:
        """No show: no rows, no trend, and *why* where the synopsis was."""
        self._view = None
        self._show_id = None
        self.table.clear()
        self.query_one(ScoreTrend).display = False
        self.query_one(Synopsis).show(Content(why).stylize("$text-muted"))

    def on_resize(self) -> None:
        view = self._view
        rated = bool(self._yours.ratings)
        if view is not None and self.table.fit(self.content_region.width, view, rated):
            self.table.set_episodes(view, self.table.cursor_row, self._yours.ratings)

    def _show_synopsis(self) -> None:
        synopsis = self.query_one(Synopsis)
        view = self._view
        number = self.highlighted
        ep = next((e for e in view.episodes if e.number == number), None) if view else None
        if ep is None:
            synopsis.show(Content("No episodes listed.").stylize("$text-muted"))
            return
        heading = Content.assemble((f"{ep.number}. ", "$text-muted"), (ep.title, "bold"))
        empty = "No synopsis." if ep.listed else "This episode is not listed in the show file."
        body = prose(ep.synopsis) if ep.synopsis else Content(empty).stylize("$text-muted")
        parts = [heading, body]
        note = self._yours.notes.get(ep.number)
        if note:
            parts += [Content(""), Content("Your note").stylize("$text-success bold")]
            parts.append(Content(safe_text(note)))
        synopsis.show(Content("\n").join(parts))

    def select_episode(self, number: int) -> None:
        """Move the episode cursor to episode *number* (if listed)."""
        view = self._view
        numbers = [ep.number for ep in view.episodes] if view else []
        if number in numbers:
            self.table.move_cursor(row=numbers.index(number))

    def move(self, delta: int) -> None:
        """Move the episode cursor by *delta* rows (for ``]`` and ``[`` from any pane)."""
        table = self.table
        if table.row_count:
            table.move_cursor(row=table.cursor_row + delta)

    def _row_highlighted(self) -> None:
        """The table's cursor moved (a key, a click, ``]``): the synopsis follows at once."""
        self._show_synopsis()
        number = self.highlighted
        if number is not None:
            self.post_message(EpisodeHighlighted(number))

    @on(RowSelected)
    def _row_selected(self, event: RowSelected) -> None:
        event.stop()
        number = self.highlighted
        if number is not None:
            self.post_message(EpisodeChosen(number))
