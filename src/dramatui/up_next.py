"""Up next: every show in progress with its next unwatched episode, most recently watched first.

Built from the index's facts and the state file alone (no show file is read), so it is as
quick for 10,000 shows as the show list. Episode titles go through the spoiler rules
(:func:`dramatui.spoilers.episode_title`): with "hide titles of unwatched episodes" on,
the next episode (unwatched by definition) shows as "Episode N".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from dramatui.library import ShowFacts
from dramatui.safe_text import safe_line
from dramatui.spoilers import Options, episode_title
from dramatui.state_file import StateFile


@dataclass(frozen=True, slots=True)
class UpNext:
    """One show in progress and the episode to watch next."""

    show_id: str
    show_title: str
    episode: int
    episode_title: str
    """The title to show: the episode's own, or "Episode N" when it has none or it is hidden."""
    title_hidden: bool
    aired: dt.date | None
    watched_count: int
    episode_count: int
    last_watched: dt.datetime | None
    """When an episode of the show was last marked watched (None: before times were kept)."""


def episode_numbers(facts: ShowFacts) -> list[int]:
    """Every episode of the show: those in the guide and 1..last, ascending."""
    last = facts.last_episode
    if facts.episodes and facts.episodes[-1] <= last and len(facts.episodes) == last:
        return list(facts.episodes)  # the usual case: 1..last, all listed
    return sorted(set(facts.episodes) | set(range(1, last + 1)))


def next_unwatched(facts: ShowFacts, watched: Collection[int]) -> int | None:
    """The show's first episode not watched (None when all are, or none is known)."""
    for number in episode_numbers(facts):
        if number not in watched:
            return number
    return None


def in_progress(facts: ShowFacts, watched: Collection[int]) -> bool:
    """At least one of the show's episodes watched, and not all."""
    numbers = episode_numbers(facts)
    seen = sum(1 for n in numbers if n in watched)
    return 0 < seen < len(numbers)


def entry(
    facts: ShowFacts,
    watched: Collection[int],
    times: Iterable[dt.datetime] = (),
    revealed: Collection[str] = (),
    options: Options | None = None,
) -> UpNext | None:
    """The show's Up next entry; None when it is not in progress."""
    if not watched or not in_progress(facts, watched):
        return None
    number = next_unwatched(facts, watched)
    assert number is not None  # in progress: something is unwatched
    title, hidden = episode_title(
        number, dict(facts.titles).get(number), watched, revealed, options or Options()
    )
    aired = dict(facts.aired).get(number)
    numbers = episode_numbers(facts)
    return UpNext(
        show_id=facts.id,
        show_title=safe_line(facts.title),
        episode=number,
        episode_title=title,
        title_hidden=hidden,
        aired=dt.date.fromisoformat(aired) if aired else None,
        watched_count=sum(1 for n in numbers if n in watched),
        episode_count=len(numbers),
        last_watched=max(times, default=None),
    )


def up_next(
    shows: Iterable[ShowFacts],
    data: StateFile,
    revealed: Callable[[str], Collection[str]] = lambda _id: (),
    options: Options | None = None,
) -> list[UpNext]:
    """Every show in progress, most recently watched first (then by title).

    *revealed* gives a show's remembered reveals (they may uncover a hidden title).
    Only shows with a watch mark are looked at: a library of 10,000 costs what the shows
    in progress cost.
    """
    opts = options if options is not None else data.settings.options()
    by_id = {}
    for facts in shows:
        if facts.id in data.watched:
            by_id[facts.id] = facts
    found: list[UpNext] = []
    for show_id, facts in by_id.items():
        item = entry(
            facts,
            frozenset(data.watched[show_id]),
            data.watched_at.get(show_id, {}).values(),
            revealed(show_id),
            opts,
        )
        if item is not None:
            found.append(item)
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    found.sort(key=lambda u: (u.show_title.casefold(), u.show_id))
    found.sort(key=lambda u: u.last_watched or oldest, reverse=True)
    return found
