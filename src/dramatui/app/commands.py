"""The command palette's own provider: jump to a show by title."""

from __future__ import annotations

from functools import partial

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
