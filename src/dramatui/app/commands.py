"""The command palette's own providers: jump to a show; sort the list; rate a show."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

MAX_HITS = 50


class ShowsProvider(Provider):
    """``Jump to`` every show whose title, original title, genre or network matches."""

    async def discover(self) -> Hits:
        from dramatui.app.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        for _, show in zip(range(10), screen.shows_matching(""), strict=False):
            yield DiscoveryHit(
                Content.assemble(("Jump to ", "$text-muted"), show.title),
                partial(screen.jump_to, show.id),
                text=f"Jump to {show.title}",
                help="Select this show",
            )

    async def search(self, query: str) -> Hits:
        from dramatui.app.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        needle = query.strip().casefold()
        if not needle:
            return
        for found, show in enumerate(screen.shows_matching(needle), 1):
            prompt = Content.assemble(("Jump to ", "$text-muted"), show.title)
            start = show.title.casefold().find(needle)
            score = 1.0 if start == 0 else 0.8 if start > 0 else 0.5
            if start >= 0:
                offset = len("Jump to ")
                prompt = prompt.stylize(
                    "bold $accent", offset + start, offset + start + len(needle)
                )
            yield Hit(
                score,
                prompt,
                partial(screen.jump_to, show.id),
                text=f"Jump to {show.title}",
                help="Select this show",
            )
            if found >= MAX_HITS:
                return


class DailyProvider(Provider):
    """Found by searching (not listed before typing, to keep the palette's first list short):
    ``Sort shows by ...`` for each order, and ``Rate <show>: N/scale`` for the show
    highlighted in the list, with ``Clear your rating of <show>``."""

    async def search(self, query: str) -> Hits:
        from dramatui import ratings
        from dramatui.app.screens.main import MainScreen
        from dramatui.sorting import SORTS
        from dramatui.state import SHOW

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        matcher = self.matcher(query)
        commands: list[tuple[str, str, Any]] = [
            (
                f"Sort shows by {label}",
                "Kept for the next start; hidden scores are not used",
                partial(screen.set_sort, name),
            )
            for name, label in SORTS.items()
        ]
        show_id = screen.highlighted_show
        if show_id is not None:
            title, scale = screen.show_title_and_scale(show_id)
            for key in "1234567890":
                value = ratings.key_value(scale, key)
                if value is not None:
                    commands.append(
                        (
                            f"Rate {title}: {ratings.shown(value, scale)}",
                            "Your rating of the whole show",
                            partial(screen.rate, show_id, SHOW, value),
                        )
                    )
            if SHOW in screen.state.ratings(show_id):
                commands.append(
                    (
                        f"Clear your rating of {title}",
                        "Your rating of the whole show",
                        partial(screen.rate, show_id, SHOW, None),
                    )
                )
        for text, help_text, run in commands:
            score = matcher.match(text)
            if score > 0:
                # Content(text), not matcher.highlight: that parses the title as markup
                yield Hit(score, Content(text), run, text=text, help=help_text)
