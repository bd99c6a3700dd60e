"""Up next: every show in progress with its next unwatched episode, most recently watched first.

Built from the index's facts and the state file alone (no show file is read), so it is as
quick for 10,000 shows as the show list. Episode titles go through the spoiler rules
(:func:`dramatui.spoilers.episode_title`): with "hide titles of unwatched episodes" on,
the next episode (unwatched by definition) shows as "Episode N".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

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


class Pending(NamedTuple):
    """A show in progress before its row is made: enough to order the list. The row itself
    (:func:`realize`) is made only when it is drawn, so opening Up next on 10,000 shows
    costs what the shows in progress cost to count, not to lay out. (A named tuple: made
    thousands of times a key, where a frozen dataclass costs several times more.)"""

    facts: ShowFacts
    watched: frozenset[int]
    episode: int
    watched_count: int
    episode_count: int
    last_watched: dt.datetime | None


def pending(
    facts: ShowFacts, watched: frozenset[int], times: Iterable[dt.datetime]
) -> Pending | None:
    """The show's place in Up next; None when it is not in progress."""
    if not watched:
        return None
    last = facts.last_episode
    episodes = facts.episodes
    if len(episodes) == last and (not episodes or episodes[-1] == last):
        # the usual case, episodes 1..last all listed: count the marks, not the episodes
        seen = sum(1 for n in watched if 1 <= n <= last)
        if not seen or seen == last:
            return None
        first = 1
        while first in watched:
            first += 1
        return Pending(facts, watched, first, seen, last, max(times, default=None))
    numbers = episode_numbers(facts)
    found: int | None = None
    seen = 0
    for number in numbers:
        if number in watched:
            seen += 1
        elif found is None:
            found = number
    if found is None or not seen:
        return None
    return Pending(facts, watched, found, seen, len(numbers), max(times, default=None))


def realize(
    item: Pending, revealed: Collection[str] = (), options: Options | None = None
) -> UpNext:
    """The row of a show in progress, its titles through the spoiler rules."""
    number = item.episode
    facts = item.facts
    raw_title = next((t for n, t in facts.titles if n == number), None)
    title, hidden = episode_title(number, raw_title, item.watched, revealed, options or Options())
    aired = next((d for n, d in facts.aired if n == number), None)
    return UpNext(
        show_id=facts.id,
        show_title=safe_line(facts.title),
        episode=number,
        episode_title=title,
        title_hidden=hidden,
        aired=dt.date.fromisoformat(aired) if aired else None,
        watched_count=item.watched_count,
        episode_count=item.episode_count,
        last_watched=item.last_watched,
    )


def entry(
    facts: ShowFacts,
    watched: Collection[int],
    times: Iterable[dt.datetime] = (),
    revealed: Collection[str] = (),
    options: Options | None = None,
) -> UpNext | None:
    """The show's Up next entry; None when it is not in progress."""
    item = pending(facts, frozenset(watched), times)
    return realize(item, revealed, options) if item is not None else None


def in_order(
    shows: Iterable[ShowFacts] | Callable[[str], ShowFacts | None], data: StateFile
) -> list[Pending]:
    """Every show in progress, most recently watched first (then by title).

    *shows* are the library's facts, or a function giving a show's facts by id (then only
    the shows with a watch mark are looked up: a library of 10,000 costs what the shows
    with a mark cost).
    """
    if callable(shows):
        find = shows
    else:
        by_id = {facts.id: facts for facts in shows}
        find = by_id.get
    found: list[Pending] = []
    times = data.watched_at
    for show_id, marks in data.watched.items():
        facts = find(show_id)
        if facts is not None and marks:
            item = pending(facts, frozenset(marks), times.get(show_id, {}).values())
            if item is not None:
                found.append(item)
    _sort(found)
    return found


_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def _sort(items: list[Pending]) -> None:
    items.sort(key=lambda u: (u.facts.title.casefold(), u.facts.id))
    items.sort(key=lambda u: u.last_watched or _OLDEST, reverse=True)


def updated(items: Sequence[Pending], facts: ShowFacts | None, data: StateFile) -> list[Pending]:
    """*items* (from :func:`in_order`) after one show's marks changed: that show's place
    worked out again, the rest kept (a mark touches one show, not 10,000)."""
    if facts is None:
        return list(items)
    kept = [item for item in items if item.facts.id != facts.id]
    marks = data.watched.get(facts.id)
    if marks:
        item = pending(facts, frozenset(marks), data.watched_at.get(facts.id, {}).values())
        if item is not None:
            kept.append(item)
    _sort(kept)
    return kept


def up_next(
    shows: Iterable[ShowFacts],
    data: StateFile,
    revealed: Callable[[str], Collection[str]] = lambda _id: (),
    options: Options | None = None,
) -> list[UpNext]:
    """Every show in progress, most recently watched first (then by title), as rows.

    *revealed* gives a show's remembered reveals (they may uncover a hidden title).
    """
    opts = options if options is not None else data.settings.options()
    return [realize(p, revealed(p.facts.id), opts) for p in in_order(shows, data)]
