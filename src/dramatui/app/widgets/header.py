"""The app's header: Textual's, with a title that is drawn without laying the screen out.

Textual's header title asks for a layout of the whole screen at each new title, though it
is one line as wide as the header whatever it says. Moving through the show list changes
the title at every key, so here a new title only redraws that line.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header

# Private module: Textual 8.2.8 exports only Header, not its parts; tests/app/test_header.py
# pins that this header draws what Textual's does and updates its title at once.
from textual.widgets._header import HeaderClock, HeaderClockSpace, HeaderIcon, HeaderTitle


class TitleLine(HeaderTitle):
    """The title: its size never depends on its text, so no layout for a new one."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class AppHeader(Header):
    """Textual's header with :class:`TitleLine` for its title."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield TitleLine()
        yield (
            HeaderClock().data_bind(Header.time_format) if self._show_clock else HeaderClockSpace()
        )

    def show_title(self) -> None:
        """Draw the screen's title now (Textual's header does it a message later)."""
        self.query_one(TitleLine).update(self.format_title())
