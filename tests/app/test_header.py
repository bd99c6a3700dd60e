"""The app's header is built from Textual's private header parts (no public names in
Textual 8.2.8): it must draw exactly what Textual's Header draws, and a new title at once."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Header

from dramatui.app.widgets.header import AppHeader, TitleLine

from app_support import pilot_test, screen_text


class HeaderApp(App[None]):
    TITLE = "dramatui"

    def __init__(self, header: type[Header]) -> None:
        super().__init__()
        self.header = header

    def compose(self) -> ComposeResult:
        yield self.header()

    def on_mount(self) -> None:
        self.screen.sub_title = "The Twist"


async def header_line(header: type[Header]) -> str:
    app = HeaderApp(header)
    async with app.run_test(size=(80, 4)) as pilot:
        await pilot.pause()
        return screen_text(app).splitlines()[0]


@pilot_test
async def test_the_app_header_draws_what_textuals_draws() -> None:
    ours, textuals = await header_line(AppHeader), await header_line(Header)
    assert "dramatui — The Twist" in ours
    assert ours == textuals


@pilot_test
async def test_a_new_title_is_drawn_by_show_title_without_waiting() -> None:
    app = HeaderApp(AppHeader)
    async with app.run_test(size=(80, 4)) as pilot:
        await pilot.pause()
        app.screen.sub_title = "Another Show"
        header = app.query_one(AppHeader)
        header.show_title()
        assert "Another Show" in str(header.query_one(TitleLine).content)
