"""The review reader: a pager over one review, with a cursor on the spoiler to reveal.

Text arrives already redacted (a :class:`~dramatui.spoilers.ReviewView`): hidden text is
not here at all, only placeholders. The reader lays the review out into lines for its
width and renders only the lines on screen, so a 200,000-character review scrolls as
fast as a short one.

The *spoiler cursor* is the first hidden spoiler on screen (else the next one below,
else the last one above). It is drawn highlighted; ``s`` (a screen binding) reveals it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich._wrap import divide_line  # private, as Textual itself uses it; Rich comes with Textual
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from dramatui.app.messages import MatchMoved
from dramatui.app.widgets.scores import bar, score_text
from dramatui.app.widgets.scrolling import set_virtual_size
from dramatui.format_rules import http_url_problem
from dramatui.safe_text import safe_line, safe_text
from dramatui.spoilers import Paragraph, Piece, ReviewView, ShowView, placeholder

BAR_WIDTH = 10
SHOWN_URL_CHARS = 200
"""A link longer than this is cut short in a notification (it is opened whole)."""
_PLACEHOLDER = "placeholder:"
TAB = "    "
"""A tab in review text is drawn as these spaces: a raw tab would move the terminal's cursor."""


@dataclass(frozen=True)
class _Block:
    """One paragraph of the review before wrapping: text, styles, and hidden spoilers in it."""

    content: Content
    keys: tuple[tuple[int, int, str], ...] = ()
    """(start, end, key) of each placeholder in ``content``."""
    indent: int = 0


@dataclass(frozen=True)
class _Line:
    content: Content
    keys: tuple[str, ...]
    """Hidden spoilers drawn (at least partly) on this line."""
    start: int = 0
    """Where the line begins in its paragraph's text (a search finds words across lines)."""


def _paragraph_block(para: Paragraph) -> _Block:
    text: list[str] = []
    spans: list[Span] = []
    keys: list[tuple[int, int, str]] = []
    pos = 0
    for piece in para:
        if piece.hidden and piece.spoiler is not None:
            words = placeholder(piece.spoiler)
            style = _PLACEHOLDER + piece.spoiler.key
            keys.append((pos, pos + len(words), piece.spoiler.key))
        else:
            words = piece.text.replace("\t", TAB)
            style = "revealed" if piece.spoiler is not None else ""
        if style:
            spans.append(Span(pos, pos + len(words), style))
        text.append(words)
        pos += len(words)
    return _Block(Content("".join(text), spans), tuple(keys))


def _styled(text: str, style: str) -> _Block:
    return _Block(Content(text, [Span(0, len(text), style)] if text else []))


def review_blocks(
    show: ShowView,
    review: ReviewView | None,
    position: int,
    count: int,
    note: str | None = None,
) -> list[_Block]:
    """The review as blocks (None: the show has no review to read here), then the show's
    facts and your note on the show."""
    blank = _Block(Content(""))
    if review is None:
        return [_styled("No reviews for this show.", "meta"), *about_blocks(show, note)]
    scope = f"episode {review.covers}" if review.covers else "whole series"
    blocks = [_styled(f"Review {position + 1} of {count} · {scope}", "meta")]
    byline = " · ".join(
        part
        for part in (
            review.source,
            review.author,
            review.published.isoformat() if review.published else None,
        )
        if part
    )
    if byline:
        blocks.append(_styled(byline, "meta"))
    if review.url:
        blocks.append(_styled(review.url, "link"))
    if review.headline:
        blocks += [blank, _styled(review.headline, "headline")]
    if review.scores_hidden is not None:
        hidden = Piece("", review.scores_hidden, hidden=True)
        blocks += [blank, _paragraph_block((Piece("Scores  "), hidden))]
    scores: list[tuple[str, float]] = []
    if review.score is not None:
        scores.append(("Overall", review.score))
    scores += list(review.scores)
    if scores:
        blocks.append(blank)
        width = max(len(name) for name, _ in scores)
        for name, value in scores:
            filled, empty = bar(value, show.score_scale, BAR_WIDTH)
            label = f"{name:<{width}}  "
            number = f"  {score_text(value, show.score_scale)}"
            text = label + filled + empty + number
            a, b = len(label), len(label) + len(filled)
            spans = [
                Span(0, a, "meta"),
                Span(a, b, "bar"),
                Span(b, b + len(empty), "bar-empty"),
            ]
            if name == "Overall":
                spans[0] = Span(0, a, "headline")
            blocks.append(_Block(Content(text, spans)))
    for section in review.sections:
        blocks.append(blank)
        if section.heading:
            blocks.append(_styled(section.heading, "heading"))
        for i, para in enumerate(section.paragraphs):
            if i:
                blocks.append(blank)
            blocks.append(_paragraph_block(para))
    if not review.sections:
        blocks += [blank, _styled("This review has no text.", "meta")]
    return [*blocks, *about_blocks(show, note)]


def about_blocks(show: ShowView, note: str | None = None) -> list[_Block]:
    """'About the show' after the review: the show's facts, cast and synopsis (if any)."""
    blank = _Block(Content(""))
    facts = [
        show.original_title,
        str(show.year) if show.year else None,
        show.country,
        show.network,
        f"{show.last_episode} episodes" if show.last_episode > 1 else None,
    ]
    lines = [" · ".join(f for f in facts if f)]
    if show.genres:
        lines.append(", ".join(show.genres))
    if show.cast:
        lines.append(
            "Cast: " + ", ".join(f"{name} ({role})" if role else name for name, role in show.cast)
        )
    if show.directors:
        lines.append("Directed by " + ", ".join(show.directors))
    if show.writers:
        lines.append("Written by " + ", ".join(show.writers))
    if show.credit:
        lines.append(show.credit)
    lines = [line for line in lines if line]
    blocks: list[_Block] = []
    if lines or show.synopsis:
        blocks = [blank, blank, _styled("About the show", "heading")]
        blocks += [_styled(line, "meta") for line in lines]
        for para in show.synopsis:
            blocks += [blank, _paragraph_block(para)]
    if note and note.strip():
        blocks += [blank, _styled("Your note", "heading")]
        for text in safe_text(note).replace("\t", TAB).split("\n"):
            blocks.append(_Block(Content(text)))
    return blocks


def wrap_block(block: _Block, width: int) -> list[_Line]:
    """Wrap one block to *width* cells, noting which hidden spoilers fall on each line."""
    plain = block.content.plain
    if not plain:
        return [_Line(block.content, ())]
    if "\n" in plain:
        # a line break in the text starts a new drawn line: never a character inside one
        # (the terminal would move its cursor and draw over the panes)
        lines: list[_Line] = []
        start = 0
        for end in [*(i for i, ch in enumerate(plain) if ch == "\n"), len(plain)]:
            inside = tuple(
                (s - start, e - start, k) for s, e, k in block.keys if s < end and e > start
            )
            part = wrap_block(_Block(block.content[start:end], inside, block.indent), width)
            lines += [replace(line, start=line.start + start) for line in part]
            start = end + 1
        return lines
    offsets = divide_line(plain, max(width, 4), fold=True)
    starts = [0, *offsets]
    ends = [*offsets, len(plain)]
    wrapped: list[_Line] = []
    for content, start, end in zip(block.content.divide(offsets), starts, ends, strict=True):
        keys = tuple(k for s, e, k in block.keys if s < end and e > start)
        wrapped.append(_Line(content.rstrip(), keys, start))
    return wrapped


def layout(
    blocks: Sequence[_Block], width: int, cache: dict[tuple[int, _Block], list[_Line]]
) -> list[_Line]:
    """Wrap every block; blocks wrapped before at this width come from *cache*.

    A reveal changes one paragraph, so a long review is not wrapped again whole.
    """
    if len(cache) > 4096:
        cache.clear()
    lines: list[_Line] = []
    for block in blocks:
        key = (width, block)
        wrapped = cache.get(key)
        if wrapped is None:
            wrapped = cache[key] = wrap_block(block, width)
        lines.extend(wrapped)
    return lines


class ReviewReader(ScrollView, can_focus=True):
    """Reads one review. The screen decides which; the reader only lays it out and draws."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "review-reader--meta",
        "review-reader--link",
        "review-reader--headline",
        "review-reader--heading",
        "review-reader--bar",
        "review-reader--bar-empty",
        "review-reader--placeholder",
        "review-reader--cursor",
        "review-reader--revealed",
        "review-reader--match",
        "review-reader--match-current",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Move down", show=False),
        Binding("up,k", "scroll_up", "Move up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("n", "next_match(1)", "Next match (while searching)", show=False),
        Binding("N", "next_match(-1)", "Previous match", show=False),
        Binding("shift+enter", "next_match(-1)", "Previous match", show=False),
    ]

    cursor: reactive[str | None] = reactive(None)
    """The key of the hidden spoiler that ``s`` reveals."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks: list[_Block] = []
        self._lines: list[_Line] = []
        self._width = 0
        self._styles: dict[str, Style] = {}
        self._combined_styles: dict[tuple[Style, str], RichStyle] = {}
        self._identity: tuple[str, int] | None = None
        self._url: str | None = None
        self._wrapped: dict[tuple[int, _Block], list[_Line]] = {}
        self._drawn: dict[int, tuple[_Line, object, Strip]] = {}
        """Lines drawn before, by identity (a line is the same object while its paragraph
        is unchanged): a revealed spoiler or another review draws only the lines that are
        new. The key says which spoiler cursor a line was drawn with, if it holds it."""
        self.search_query = ""
        """What is searched for (empty: no search)."""
        self._matches: list[list[tuple[int, int, int]]] = []
        """Every match of the search in the text shown, as (line, start, end) pieces."""
        self._by_line: dict[int, list[tuple[int, int, int]]] = {}
        """(start, end, match number) of the match pieces on each line."""
        self._match = 0

    # -- what to read ------------------------------------------------------

    def show_review(
        self,
        show: ShowView,
        review: ReviewView | None,
        position: int,
        count: int,
        note: str | None = None,
    ) -> None:
        """Read *review* (number *position* of *count* for this show), and your *note*."""
        identity = (show.id, review.index if review else -1)
        if identity != self._identity:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self._identity = identity
        self._url = review.url if review else None
        blocks = review_blocks(show, review, position, count, note)
        if blocks != self._blocks:
            self._blocks = blocks
            self._relayout()

    def clear(self, why: str) -> None:
        """No show: *why* instead of a review."""
        self._identity = None
        self._url = None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._blocks = [_styled(why, "meta")]
        self._relayout()

    @property
    def url(self) -> str | None:
        """The address of the review being read, if it has one."""
        return self._url

    def open_link(self) -> None:
        """Open the review's address in a browser: only http(s), only on this explicit call.

        The address was checked when the file was loaded; it is checked again here, at the
        point of use. Links drawn in the reader are plain text and never open on a click.
        """
        url = self._url
        if url is None:
            reading = self._identity is not None and self._identity[1] >= 0
            self.notify("This review has no link." if reading else "No review here.")
            return
        problem = http_url_problem(url)
        if problem is not None:
            self.notify(f"Not opened: the link {problem}.", severity="warning", markup=False)
            return
        shown = url if len(url) <= SHOWN_URL_CHARS else url[: SHOWN_URL_CHARS - 1] + "…"
        if self.app.is_web:
            self.app.open_url(url)  # the browser the app is served to opens it
        else:
            import webbrowser

            if not webbrowser.open(url):
                self.notify(
                    safe_line(shown),
                    title="No web browser found to open the link",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
                return
        # markup=False: the toast draws Content(shown), so brackets in the address stay text
        self.notify(safe_line(shown), title="Opening link", markup=False)

    @property
    def text(self) -> str:
        """All the reader's text (every line, not only those on screen)."""
        return "\n".join(line.content.plain for line in self._lines)

    @property
    def hidden_keys(self) -> list[str]:
        """The hidden spoilers in the review, in reading order."""
        out: list[str] = []
        for line in self._lines:
            out.extend(k for k in line.keys if k not in out)
        return out

    def line_of(self, key: str) -> int | None:
        return next((y for y, line in enumerate(self._lines) if key in line.keys), None)

    def cursor_in_view(self) -> bool:
        """Whether the spoiler cursor's placeholder is (at least partly) on screen."""
        line = self.line_of(self.cursor) if self.cursor is not None else None
        top = round(self.scroll_y)
        return line is not None and top <= line < top + self.scrollable_content_region.height

    def bring_cursor_into_view(self) -> None:
        """Scroll the spoiler cursor's placeholder onto the screen, still highlighted."""
        cursor = self.cursor
        line = self.line_of(cursor) if cursor is not None else None
        if line is None:
            return
        self.show_line(line)
        self.cursor = cursor  # the scroll chose the first on screen: keep this one

    def show_line(self, y: int) -> None:
        """Scroll so line *y* is on screen."""
        height = self.scrollable_content_region.height
        if not (self.scroll_y <= y < self.scroll_y + height):
            self.scroll_to(y=max(0, y - 1), animate=False, immediate=True)

    # -- layout and drawing ------------------------------------------------

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._width = width
        self._lines = layout(self._blocks, width, self._wrapped)
        set_virtual_size(self, Size(width, len(self._lines)))
        self._update_cursor()
        if self.search_query:
            self._find()
        self.refresh()

    # -- searching what is shown -------------------------------------------

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def match_index(self) -> int:
        """The current match (0-based); meaningless without matches."""
        return self._match

    def search(self, query: str) -> int:
        """Highlight every match of *query* (case-insensitive) in the text shown, and go
        to the first; returns how many. Hidden text is not in the reader at all, and the
        placeholders standing for it are never matched."""
        self.search_query = query.strip()
        self._match = 0
        self._find()
        self._drawn.clear()
        self.refresh()
        if self._matches:
            self.show_line(self._matches[0][0][0])
        self.post_message(MatchMoved())
        return len(self._matches)

    def _find(self) -> None:
        """Every match of the search in each paragraph shown (a match may run across a
        line end), as the pieces drawn on each line; placeholders never match."""
        self._matches = []
        self._by_line = {}
        query = self.search_query
        if not query:
            return
        y = 0
        for block in self._blocks:
            wrapped = self._wrapped.get((self._width, block)) or wrap_block(block, self._width)
            plain = block.content.plain
            haystack, needle = plain.lower(), query.lower()
            if len(haystack) != len(plain):  # a letter whose lower case is longer
                haystack, needle = plain, query
            start = haystack.find(needle)
            while start >= 0:
                end = start + len(needle)
                if not any(s < end and start < e for s, e, _ in block.keys):
                    pieces: list[tuple[int, int, int]] = []
                    for n, line in enumerate(wrapped):
                        first = max(start, line.start)
                        last = min(end, line.start + len(line.content.plain))
                        if first < last:
                            pieces.append((y + n, first - line.start, last - line.start))
                    if pieces:
                        number = len(self._matches)
                        self._matches.append(pieces)
                        for line_y, a, b in pieces:
                            self._by_line.setdefault(line_y, []).append((a, b, number))
                start = haystack.find(needle, start + 1)
            y += len(wrapped)
        if self._match >= len(self._matches):
            self._match = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_match":
            return bool(self.search_query)  # no search: n and N are the screen's keys
        return True

    def action_next_match(self, step: int) -> None:
        """Go to the next (or, with -1, the previous) match."""
        self.next_match(step)

    def next_match(self, step: int) -> None:
        if not self._matches:
            self.post_message(MatchMoved())
            return
        self._match = (self._match + step) % len(self._matches)
        self._drawn.clear()
        self.refresh()
        self.show_line(self._matches[self._match][0][0])
        self.post_message(MatchMoved())

    def _marks(self, index: int) -> tuple[tuple[int, int, bool], ...]:
        """(start, end, current) of the match pieces on line *index*."""
        return tuple((a, b, n == self._match) for a, b, n in self._by_line.get(index, ()))

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._update_cursor()

    def _update_cursor(self) -> None:
        top = round(self.scroll_y)
        bottom = top + max(1, self.scrollable_content_region.height)
        before: str | None = None
        after: str | None = None
        for y, line in enumerate(self._lines):
            if not line.keys:
                continue
            if y < top:
                before = line.keys[-1]
            else:
                if y < bottom:
                    self.cursor = line.keys[0]
                    return
                after = line.keys[0]
                break
        self.cursor = after or before

    def watch_cursor(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._combined_styles.clear()
        self._drawn.clear()

    def _style(self, name: str | Style) -> Style:
        if isinstance(name, Style):
            return name
        if name.startswith(_PLACEHOLDER):
            name = "cursor" if name[len(_PLACEHOLDER) :] == self.cursor else "placeholder"
        if name not in self._styles:
            try:
                self._styles[name] = self.get_visual_style(f"review-reader--{name}")
            except KeyError:
                self._styles[name] = Style()
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.visual_style
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, base.rich_style)
        line = self._lines[index]
        marks = self._marks(index)
        mark = (self.cursor if self.cursor in line.keys else None, marks)
        drawn = self._drawn.get(id(line))
        if drawn is not None and drawn[0] is line and drawn[1] == mark:
            strip = drawn[2]
        else:
            content = line.content
            if marks:
                extra = [
                    Span(start, end, "match-current" if current else "match")
                    for start, end, current in marks
                ]
                content = Content(content.plain, [*content.spans, *extra])
            strip = Strip(self._segments(content, base))
            if len(self._drawn) > 4096:
                self._drawn.clear()
            self._drawn[id(line)] = (line, mark, strip)
        return strip.crop_extend(scroll_x, scroll_x + width, base.rich_style)

    def _segments(self, content: Content, base: Style) -> list[Segment]:
        """The segments of one laid-out line: what ``content.render`` gives, made faster.

        The reader's own spans never overlap (placeholders, revealed text and the bars
        sit side by side), so each piece of text takes the base style plus at most one
        span's style, worked out once per style (and spoiler cursor) rather than once per
        piece. Spans that overlap or run past the text go the general way.
        """
        text = content.plain
        spans = content.spans
        base_rich = base.rich_style
        if not spans:
            return [Segment(text, base_rich)]
        segments: list[Segment] = []
        pos = 0
        for span in spans:
            start, end, name = span.start, span.end, span.style
            if start < pos or end > len(text) or not isinstance(name, str):
                return [
                    Segment(piece, style.rich_style)
                    for piece, style in content.render(base, end="", parse_style=self._style)
                ]
            if start > pos:
                segments.append(Segment(text[pos:start], base_rich))
            if end > start:
                segments.append(Segment(text[start:end], self._combined(base, name)))
            pos = end
        if pos < len(text):
            segments.append(Segment(text[pos:], base_rich))
        return segments

    def _combined(self, base: Style, name: str) -> RichStyle:
        """The Rich style of text under span style *name* on the reader's *base* style."""
        if name.startswith(_PLACEHOLDER):
            name = "cursor" if name[len(_PLACEHOLDER) :] == self.cursor else "placeholder"
        key = (base, name)
        combined = self._combined_styles.get(key)
        if combined is None:
            combined = Style.combine([base, self._style(name)]).rich_style
            if len(self._combined_styles) > 64:
                self._combined_styles.clear()
            self._combined_styles[key] = combined
        return combined
