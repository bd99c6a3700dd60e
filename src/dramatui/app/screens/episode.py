"""The episode screen: everything about one episode, at any terminal size.

Opened with ``enter`` on an episode. It draws from the redacted view the main screen
hands it (:class:`~dramatui.spoilers.ShowView`): number, full title, score, watched mark,
aired date, runtime, synopsis, and the reviews that cover the episode, with placeholders
where text is hidden. ``]``/``[`` move to the next or previous episode, ``w`` marks it
watched, ``s`` reveals the first hidden thing on the screen; the main screen does each
(it owns progress and reveals) and hands the screen the new view.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from dramatui.app.widgets.episode_guide import Yours, prose
from dramatui.app.widgets.scores import bar, score_text
from dramatui.app.widgets.scrolling import KeyScroll
from dramatui.safe_text import safe_text
from dramatui.spoilers import EpisodeView, ReviewView, ShowView, Spoiler, placeholder

BAR_WIDTH = 10


class EpisodeOwner(Protocol):
    """What the episode screen asks of the screen that opened it."""

    @property
    def current_view(self) -> ShowView | None: ...

    def episode_number(self) -> int | None: ...

    def action_episode(self, delta: int) -> None: ...

    def action_toggle_watched(self) -> None: ...

    def reveal_keys(self, keys: list[str]) -> None: ...

    def episode_yours(self) -> Yours: ...


def episode_hidden(view: ShowView, number: int) -> list[Spoiler]:
    """The hidden spoilers on the episode screen of *number*, in the order it draws them."""
    ep = next((e for e in view.episodes if e.number == number), None)
    if ep is None:
        return []
    hidden = [s for s in view.hidden if s.place.startswith(f"e{number}.")]
    order = {"title": 0, "score": 1, "synopsis": 2, "inline": 3}
    hidden.sort(key=lambda s: order.get(s.kind, 4))
    for review in covering(view, number):
        if review.scores_hidden is not None:
            hidden.append(review.scores_hidden)
        for section in review.sections:
            for para in section.paragraphs:
                hidden.extend(p.spoiler for p in para if p.hidden and p.spoiler is not None)
    return hidden


def covering(view: ShowView, number: int) -> list[ReviewView]:
    """The reviews of this one episode."""
    return [r for r in view.reviews if r.covers == number]


def _score_line(label: str, value: float, scale: int) -> Content:
    filled, empty = bar(value, scale, BAR_WIDTH)
    return Content.assemble(
        (f"{label}  ", "$text-muted"),
        (filled, "$text-accent"),
        (empty, "$foreground 80%"),
        f"  {score_text(value, scale)}",
    )


def _hidden(spoiler: Spoiler) -> Content:
    return Content.styled(placeholder(spoiler), "$text-warning italic")


def episode_content(view: ShowView, ep: EpisodeView, yours: Yours | None = None) -> Content:
    """The whole episode screen's text, from the redacted view, with your rating and note
    (yours: never hidden)."""
    yours = yours or Yours()
    lines: list[Content] = []
    mark = ("✓ watched", "$text-success bold") if ep.watched else ("not watched", "$text-muted")
    lines.append(
        Content.assemble(
            (f"Episode {ep.number} of {view.last_episode}", "$text-muted"), "  ·  ", mark
        )
    )
    title_spoiler = next((s for s in view.hidden if s.place == f"e{ep.number}.title"), None)
    if title_spoiler is not None:
        lines.append(Content.assemble((ep.title, "bold"), "  ", _hidden(title_spoiler)))
    else:
        lines.append(Content.styled(ep.title, "bold"))
    lines.append(Content(""))
    score_spoiler = next((s for s in view.hidden if s.place == f"e{ep.number}.score"), None)
    if ep.score is not None:
        lines.append(_score_line("Score", ep.score, view.score_scale))
    elif score_spoiler is not None:
        lines.append(Content.assemble(("Score  ", "$text-muted"), _hidden(score_spoiler)))
    else:
        lines.append(Content.styled("Score  –", "$text-muted"))
    facts = [
        f"Aired {ep.aired.isoformat()}" if ep.aired else "Aired –",
        f"{ep.runtime} min" if ep.runtime else "runtime –",
    ]
    lines.append(Content.styled(" · ".join(facts), "$text-muted"))
    mine = yours.ratings.get(ep.number)
    if mine is not None:
        lines.append(_score_line("You  ", mine, view.score_scale))
    lines.append(Content(""))
    if ep.synopsis:
        lines.append(prose(ep.synopsis))
    else:
        empty = "No synopsis." if ep.listed else "This episode is not listed in the show file."
        lines.append(Content.styled(empty, "$text-muted"))
    note = yours.notes.get(ep.number)
    if note and note.strip():
        lines += [Content(""), Content.styled("Your note", "$text-success bold")]
        lines.append(Content(safe_text(note).rstrip("\n")))
    reviews = covering(view, ep.number)
    lines.append(Content(""))
    heading = f"Reviews of this episode ({len(reviews)})" if reviews else "No review of it."
    lines.append(Content.styled(heading, "$text-accent bold"))
    for review in reviews:
        lines.append(Content(""))
        byline = " · ".join(p for p in (review.headline, review.source, review.author) if p)
        lines.append(Content.styled(byline or "Review", "bold"))
        if review.scores_hidden is not None:
            lines.append(
                Content.assemble(("Scores  ", "$text-muted"), _hidden(review.scores_hidden))
            )
        if review.score is not None:
            lines.append(_score_line("Overall", review.score, view.score_scale))
        for name, value in review.scores:
            lines.append(_score_line(name, value, view.score_scale))
        for section in review.sections:
            if section.heading:
                lines.append(Content.styled(section.heading, "$text-accent"))
            lines.append(prose(section.paragraphs))
    return Content("\n").join(lines)


class EpisodeScreen(ModalScreen[None]):
    """One episode, in full. Escape (or enter, or q) closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "dismiss", "Close", show=False),
        Binding("right_square_bracket", "episode(1)", "Next episode", show=False),
        Binding("left_square_bracket", "episode(-1)", "Previous episode", show=False),
        Binding("w", "toggle_watched", "Watched"),
        Binding("s", "reveal", "Reveal"),
    ]

    def __init__(self, owner: EpisodeOwner) -> None:
        super().__init__()
        self._owner = owner

    def compose(self) -> ComposeResult:
        with KeyScroll(id="episode-body") as body:
            body.border_subtitle = "] [ episodes · w watched · s reveal · escape"
            yield Static(id="episode-text")

    def on_mount(self) -> None:
        self.redraw()

    @property
    def number(self) -> int | None:
        return self._owner.episode_number()

    def redraw(self) -> None:
        """Draw the owner's highlighted episode from its current view."""
        view = self._owner.current_view
        number = self.number
        ep = next((e for e in view.episodes if e.number == number), None) if view else None
        body = self.query_one("#episode-body", KeyScroll)
        text = self.query_one("#episode-text", Static)
        if view is None or ep is None:
            body.border_title = "Episode"
            text.update(Content("No episode."))
            return
        body.border_title = f"{view.title} · episode {ep.number}"
        text.update(episode_content(view, ep, self._owner.episode_yours()))

    def action_episode(self, delta: int) -> None:
        """The next or previous episode."""
        self._owner.action_episode(delta)
        self.query_one("#episode-body", KeyScroll).scroll_home(animate=False)
        self.redraw()

    def action_toggle_watched(self) -> None:
        """Mark this episode watched, or not."""
        self._owner.action_toggle_watched()
        self.redraw()

    def action_reveal(self) -> None:
        """Reveal the first hidden thing on this screen."""
        view = self._owner.current_view
        number = self.number
        hidden = episode_hidden(view, number) if view is not None and number else []
        if not hidden:
            self.notify("Nothing hidden here.")
            return
        self._owner.reveal_keys([hidden[0].key])
        self.redraw()
