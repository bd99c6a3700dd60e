"""Up next: every show in progress and its next episode; enter opens it there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from dramatui.app.widgets.up_next_list import UpNextList
from dramatui.up_next import UpNext


class UpNextScreen(ModalScreen[tuple[str, int] | None]):
    """Shows in progress, most recently watched first. Dismissed with (show id, episode)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,u", "dismiss", "Close", show=False),
    ]

    def __init__(self, items: Sequence[UpNext]) -> None:
        super().__init__()
        self._items = items

    def compose(self) -> ComposeResult:
        with Vertical(id="up-next-body") as body:
            count = len(self._items)
            body.border_title = "Up next"
            body.border_subtitle = f"{count} in progress · enter opens · esc closes"
            if not self._items:
                yield Static(
                    Content(
                        "Nothing in progress. Mark an episode watched (w) and its show "
                        "will be here, with the episode to watch next."
                    ),
                    id="up-next-empty",
                )
            yield UpNextList(self._items, id="up-next-list")

    def on_mount(self) -> None:
        self.query_one(UpNextList).focus()

    async def action_dismiss(self, result: tuple[str, int] | None = None) -> None:
        """Close Up next."""
        self.dismiss(result)

    @on(UpNextList.Chosen)
    def _chosen(self, event: UpNextList.Chosen) -> None:
        self.dismiss((event.show_id, event.episode))
