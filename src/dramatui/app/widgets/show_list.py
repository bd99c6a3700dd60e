"""The shows pane: one option per show, a virtual list that stays fast at 10,000 shows."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from dramatui.app.widgets.scores import score_text
from dramatui.spoilers import ShowSummary


def show_prompt(show: ShowSummary) -> Content:
    """Two lines: the title and year, then progress, mean score and network."""
    first = Content.assemble((show.title, "bold"))
    if show.year:
        first = first.append_text(f" ({show.year})", "$text-muted")
    facts: list[str] = []
    if show.episode_count:
        facts.append(f"{show.watched_count}/{show.episode_count} watched")
    if show.mean_score is not None:
        facts.append(f"★ {score_text(round(show.mean_score, 1), show.score_scale)}")
    if show.network:
        facts.append(show.network)
    second = Content(" · ".join(facts) or " ").stylize("$text-muted")
    return Content("\n").join([first, second])


class ShowList(OptionList):
    """The list of shows. Reports the highlighted and the chosen show up to the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Move down", show=False),
        Binding("up,k", "cursor_up", "Move up", show=False),
        Binding("enter", "select", "Open / go to the next pane", show=False),
    ]

    class ShowHighlighted(Message):
        """The cursor moved to a show."""

        def __init__(self, show_id: str) -> None:
            super().__init__()
            self.show_id = show_id

    class ShowChosen(Message):
        """Enter was pressed on a show."""

        def __init__(self, show_id: str) -> None:
            super().__init__()
            self.show_id = show_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._prompts: dict[ShowSummary, Content] = {}

    def _prompt(self, show: ShowSummary) -> Content:
        """The prompt of *show*, built once (filtering re-adds the same shows often)."""
        prompt = self._prompts.get(show)
        if prompt is None:
            prompt = self._prompts[show] = show_prompt(show)
        return prompt

    def set_shows(self, shows: Sequence[ShowSummary], selected: str | None) -> None:
        """Replace the list, keeping *selected* highlighted when it is still there."""
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(Option(self._prompt(show), id=show.id) for show in shows)
        if not shows:
            return
        index = 0
        if selected is not None:
            try:
                index = self.get_option_index(selected)
            except OptionDoesNotExist:
                index = 0
        self.highlighted = index

    def update_show(self, show: ShowSummary) -> None:
        """Redraw one show's row (after its progress changed)."""
        with contextlib.suppress(OptionDoesNotExist):
            self.replace_option_prompt(show.id, self._prompt(show))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ShowHighlighted(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ShowChosen(event.option.id))
