"""set_virtual_size: a new scrollable height without laying the screen out. It writes the
scrollbar's ``window_virtual_size`` (no public call does it without a layout in Textual
8.2.8): pinned here, so that a Textual that draws the thumb from something else is noticed."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dramatui.app.widgets.scrolling import set_virtual_size

from app_support import pilot_test


class Lines(ScrollView):
    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class LinesApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Lines()


@pilot_test
async def test_a_taller_view_moves_the_thumb_and_the_range_without_a_layout() -> None:
    app = LinesApp()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(Lines)
        view.virtual_size = Size(30, 50)
        await pilot.pause()
        assert view.show_vertical_scrollbar
        set_virtual_size(view, Size(30, 80))
        assert view.virtual_size == Size(30, 80)
        assert view.vertical_scrollbar.window_virtual_size == 80
        assert view.max_scroll_y == 80 - view.scrollable_content_region.height
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
        set_virtual_size(view, Size(30, 40))  # shorter: the view comes back within range
        assert view.vertical_scrollbar.window_virtual_size == 40
        assert view.scroll_y == view.max_scroll_y == 40 - view.scrollable_content_region.height
