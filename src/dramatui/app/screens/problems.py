"""The problems screen: every problem found while loading, as file:line:col: message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ProblemList(OptionList):
    """The problems, moved through with the keys of every list (j and k too)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Move down", show=False),
        Binding("up,k", "cursor_up", "Move up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    def on_mount(self) -> None:
        if self.option_count and self.highlighted is None:
            self.highlighted = 0


class ProblemsScreen(ModalScreen[None]):
    """A list of problems (already sanitised one-line strings)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "dismiss", "Close", show=False),
    ]

    def __init__(self, problems: Sequence[str], *, indexing: bool = False) -> None:
        super().__init__()
        self._problems = problems
        self._indexing = indexing

    def compose(self) -> ComposeResult:
        box = ProblemList(id="problem-list")
        count = len(self._problems)
        box.border_title = f"Problems ({count})" if count else "Problems"
        box.border_subtitle = "escape to close"
        if self._problems:
            box.add_options(Option(Content(p)) for p in self._problems)
        elif self._indexing:
            text = "Still reading the library: problems are listed once every file is read."
            box.add_option(Option(Content(text), disabled=True))
        else:
            box.add_option(Option(Content("No problems: every file loaded."), disabled=True))
        yield box
