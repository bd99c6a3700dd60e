"""What the show list, the filter and progress know of a show: its facts, never spoiler text.

Plain frozen records (no pydantic): the first frame is drawn from facts read back from the
index cache (``dramatui.library.cache``) before any show file or model is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dramatui.model import ShowFile


def file_id(path: Path) -> str:
    """The id of a show whose file gives none: the file's name without ``.toml``."""
    return path.stem


@dataclass(frozen=True, slots=True)
class ShowFacts:
    """One show as the show list, the filter and progress need it. Never spoiler text.

    Raw file text (put it through ``safe_text`` to show it) and every episode score: a
    score can be hidden by the reader's settings, so a visible mean is computed with the
    spoiler rules and the reader's progress (``dramatui.spoilers``), never stored here.
    """

    id: str
    title: str
    original_title: str | None = None
    year: int | None = None
    country: str | None = None
    network: str | None = None
    genres: tuple[str, ...] = ()
    episodes: tuple[int, ...] = ()
    """The episode numbers in the guide, ascending."""
    last_episode: int = 0
    """The show's last episode (``ShowFile.last_episode``); 0 when nothing is known."""
    score_scale: Literal[5, 10, 100] = 5
    scores: tuple[tuple[int, float], ...] = ()
    """(episode number, score) of every scored episode, in guide order."""
    reviews: int = 0
    """How many reviews the file holds."""

    @classmethod
    def of(cls, show: ShowFile) -> ShowFacts:
        info = show.show
        return cls(
            id=show.id,
            title=info.title,
            original_title=info.original_title,
            year=info.year,
            country=info.country,
            network=info.network,
            genres=tuple(info.genres),
            episodes=tuple(sorted(ep.number for ep in show.episodes)),
            last_episode=show.last_episode,
            score_scale=info.score_scale,
            scores=tuple((ep.number, ep.score) for ep in show.episodes if ep.score is not None),
            reviews=len(show.reviews),
        )


@dataclass(frozen=True, slots=True)
class IndexedShow:
    """A show's facts and the file it came from (as found under the paths given)."""

    path: Path
    facts: ShowFacts

    @property
    def id(self) -> str:
        return self.facts.id

    @property
    def title(self) -> str:
        return self.facts.title

    @property
    def list_order(self) -> tuple[str, str]:
        """Where the show goes in the list: by title (case-folded), then by id."""
        return (self.facts.title.casefold(), self.facts.id)
