"""Scrolling views that change length without laying the whole screen out again."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget


class CachedLinesView(ScrollView):
    """A Line-API view that keeps the lines it drew in ``_lines`` (keyed as it likes), and
    draws them anew when it gains or loses focus or its styles change (a new theme)."""

    def __init__(self, cache_size: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: LRUCache[Any, Strip] = LRUCache(cache_size)

    def on_focus(self) -> None:
        self._lines.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._lines.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()


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
        # No public call resizes the thumb without a layout (Textual 8.2.8): the field is
        # written; tests/app/test_scrolling.py pins the thumb and the scroll range.
        view.vertical_scrollbar.window_virtual_size = size.height
    if view.scroll_y > view.max_scroll_y:
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)


class KeyScroll(VerticalScroll):
    """A scrolling text (help, an episode) that answers the keys of every scrolling view:
    up/down and j/k, page up/down and space, home and end."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Move down", show=False),
        Binding("up,k", "scroll_up", "Move up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]
