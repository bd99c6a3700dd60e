"""The show list's orders: by title, your rating, the review's score, year, progress, last watched.

Scores hidden by the reader's settings are never used (the order would give them away):
the review's score is the mean the list shows (:func:`dramatui.spoilers.summarize_facts`,
which leaves hidden scores out). Shows with nothing to sort by go last, by title.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

from dramatui import ratings
from dramatui.library import IndexedShow
from dramatui.spoilers import Options, summarize_facts
from dramatui.state_file import StateFile
from dramatui.up_next import episode_numbers

SORTS: dict[str, str] = {
    "title": "title",
    "your-rating": "your rating",
    "review-score": "review score",
    "year": "year",
    "progress": "progress",
    "last-watched": "last watched",
}
"""Sort name (as kept in the state file) -> what the screen calls it."""

DEFAULT = "title"

S = TypeVar("S", bound=IndexedShow)


def next_sort(name: str | None) -> str:
    """The sort after *name*, for the key that cycles through them."""
    names = list(SORTS)
    current = name if name in SORTS else DEFAULT
    return names[(names.index(current) + 1) % len(names)]


def sort_shows(
    shows: Sequence[S],
    name: str | None,
    data: StateFile,
    revealed: Callable[[str], Collection[str]] = lambda _id: (),
    options: Options | None = None,
) -> list[S]:
    """*shows* in the order *name* gives (unknown names: by title). Highest first, but titles."""
    by_title = sorted(shows, key=lambda s: s.list_order)
    if name not in SORTS or name == DEFAULT:
        return by_title
    opts = options if options is not None else data.settings.options()

    def value(show: IndexedShow) -> float | None:
        facts = show.facts
        if name == "your-rating":
            return ratings.as_fraction(
                ratings.your_score(data.ratings.get(show.id, {})), facts.score_scale
            )
        if name == "review-score":
            watched = data.watched.get(show.id, ())
            mean = summarize_facts(facts, watched, revealed(show.id), opts).mean_score
            return ratings.as_fraction(mean, facts.score_scale)
        if name == "year":
            return facts.year
        if name == "progress":
            numbers = episode_numbers(facts)
            seen = set(data.watched.get(show.id, ()))
            return sum(1 for n in numbers if n in seen) / len(numbers) if numbers else None
        times = data.watched_at.get(show.id)
        return max(times.values()).timestamp() if times else None

    keyed = [(value(s), s) for s in by_title]
    known = [pair for pair in keyed if pair[0] is not None]
    known.sort(key=lambda pair: pair[0] or 0.0, reverse=True)  # stable: ties stay by title
    return [s for _, s in known] + [s for v, s in keyed if v is None]
