"""The help screen, generated from the bindings (and the settings), never written by hand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from dramatui.app.widgets.scrolling import KeyScroll


def _bindings(node_types: Iterable[type[DOMNode]]) -> Iterable[Binding]:
    for node_type in node_types:
        for item in node_type.BINDINGS:
            if isinstance(item, Binding):
                yield item


def help_rows(app: App[object], screen: DOMNode) -> list[tuple[str, str]]:
    """(keys, description) for every described binding of the app, the screen and the panes.

    Keys that do the same thing are joined: ``down j``.
    """
    from dramatui.app.widgets.episode_table import EpisodeTable
    from dramatui.app.widgets.review_reader import ReviewReader
    from dramatui.app.widgets.show_list import ShowList

    types: list[type[DOMNode]] = [type(screen), ShowList, EpisodeTable, ReviewReader, type(app)]
    rows: dict[str, list[str]] = {}
    for binding in _bindings(types):
        if not binding.description:
            continue
        keys = rows.setdefault(binding.description, [])
        for key in binding.key.split(","):
            shown = app.get_key_display(Binding(key.strip(), binding.action))
            if shown not in keys:
                keys.append(shown)
    return [(" ".join(keys), description) for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Keys and settings. Any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
    ]

    def __init__(
        self, keys: Sequence[tuple[str, str]], settings: Sequence[tuple[str, str, bool]]
    ) -> None:
        super().__init__()
        self._keys = keys
        self._settings = settings

    def compose(self) -> ComposeResult:
        width = max((len(k) for k, _ in self._keys), default=0)
        lines = [Content.assemble(("Keys", "bold"))]
        for keys, description in self._keys:
            shown = (f"  {keys:<{width}}  ", "$text-accent bold")
            lines.append(Content.assemble(shown, description))
        lines.append(Content(""))
        lines.append(Content.assemble(("Settings", "bold"), ("  (ctrl+p to change)", "dim")))
        for title, help_text, on in self._settings:
            lines.append(
                Content.assemble(
                    ("  [x] " if on else "  [ ] ", "$text-accent bold"),
                    (title, "bold"),
                    (f" — {help_text}", "$text-muted"),
                )
            )
        lines.append(Content(""))
        lines.append(
            Content.assemble(
                ("Hidden text is never on screen: a placeholder like ", "$text-muted"),
                ("⟦ spoiler · up to episode 3 · press s ⟧", "$text-warning"),
                (" stands in its place.", "$text-muted"),
            )
        )
        with KeyScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "escape to close"
            yield Static(Content("\n").join(lines), id="help-text")
