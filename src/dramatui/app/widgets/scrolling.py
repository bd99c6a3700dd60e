"""Scrolling views that change length without laying the whole screen out again."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give *view* a new scrollable size.

    Setting ``virtual_size`` lays the whole screen out again (and then redraws every
    scrollbar on screen). That is needed only when the view's vertical scrollbar comes or
    goes; otherwise (another review, a revealed spoiler, the next synopsis) only the
    scrollbar's thumb changes, and the view redraws itself.
    """
    old = view.virtual_size
    if size == old:
        return
    height = view.container_size.height
    if old.width != size.width or not height or (old.height > height) != (size.height > height):
        view.virtual_size = size
        return
    view.set_reactive(Widget.virtual_size, size)
    if view.show_vertical_scrollbar:
        view.vertical_scrollbar.window_virtual_size = size.height
    if view.scroll_y > view.max_scroll_y:
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
