"""Up next and the show list's orders, from facts and the state file alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dramatui.library import IndexedShow, ShowFacts
from dramatui.sorting import SORTS, next_sort, sort_shows
from dramatui.spoilers import Options, reveal_key
from dramatui.state_file import Rating, Settings, StateFile
from dramatui.up_next import next_unwatched, up_next

T = [dt.datetime(2026, 1, d, tzinfo=dt.UTC) for d in range(1, 6)]


def facts(show_id: str, title: str, last: int = 4, **kw: object) -> ShowFacts:
    return ShowFacts(
        id=show_id,
        title=title,
        episodes=tuple(range(1, last + 1)),
        last_episode=last,
        titles=tuple((n, f"{title} part {n}") for n in range(1, last + 1)),
        aired=tuple((n, f"2022-03-{n + 10:02d}") for n in range(1, last + 1)),
        **kw,  # type: ignore[arg-type]
    )


A, B, C, D = facts("a", "Alpha"), facts("b", "Beta"), facts("c", "Gamma"), facts("d", "Delta")


def state(**kw: object) -> StateFile:
    data = StateFile(
        watched={"a": [1, 2], "b": [1], "c": [1, 2, 3, 4], "d": [2]},
        watched_at={"a": {1: T[0], 2: T[1]}, "b": {1: T[3]}},
    )
    for name, value in kw.items():
        setattr(data, name, value)
    return data


def test_shows_in_progress_most_recently_watched_first() -> None:
    items = up_next([A, B, C, D], state())
    # c is finished; d has no time (an older state file): after those with times
    assert [(u.show_id, u.episode) for u in items] == [("b", 2), ("a", 3), ("d", 1)]
    first = items[0]
    assert first.episode_title == "Beta part 2" and not first.title_hidden
    assert first.aired == dt.date(2022, 3, 12)
    assert (first.watched_count, first.episode_count) == (1, 4)


def test_hidden_titles_stay_hidden_unless_revealed() -> None:
    data = state(settings=Settings(hide_unwatched_titles=True))
    items = {u.show_id: u for u in up_next([A, B], data)}
    assert items["a"].episode_title == "Episode 3" and items["a"].title_hidden
    revealed = {"a": [reveal_key("title", 3, "Alpha part 3")]}  # a reveal names its text
    items = {u.show_id: u for u in up_next([A, B], data, lambda i: revealed.get(i, ()))}
    assert items["a"].episode_title == "Alpha part 3"
    assert items["b"].episode_title == "Episode 2"
    shown = up_next([A], data, options=Options(reveal_all=True))
    assert shown[0].episode_title == "Alpha part 3"


def test_next_unwatched_covers_episodes_missing_from_the_guide() -> None:
    sparse = ShowFacts(id="s", title="S", episodes=(1, 4), last_episode=4)
    assert next_unwatched(sparse, {1}) == 2
    assert next_unwatched(sparse, {1, 2, 3, 4}) is None
    assert next_unwatched(ShowFacts(id="e", title="E"), set()) is None


def shows() -> list[IndexedShow]:
    return [
        IndexedShow(Path(f"/{f.id}.toml"), f)
        for f in (
            facts("a", "Alpha", year=2020, scores=((1, 4.0), (2, 2.0), (3, 5.0))),
            facts("b", "Beta", year=2022, score_scale=10, scores=((1, 9.0),)),
            facts("c", "Gamma", year=None),
            facts("d", "Delta", year=2021, scores=((1, 1.0),)),
        )
    ]


def order(name: str, data: StateFile, **kw: object) -> list[str]:
    return [s.id for s in sort_shows(shows(), name, data, **kw)]  # type: ignore[arg-type]


def test_each_sort() -> None:
    r = Rating
    data = state(
        ratings={"c": {0: r(5, T[0])}, "a": {1: r(2, T[0]), 2: r(4, T[0])}, "d": {0: r(4, T[0])}}
    )
    assert order("title", data) == ["a", "b", "d", "c"]
    # c: its own rating, 5/5; d: 4/5; a: the mean of its episodes, 3/5
    assert order("your-rating", data)[:3] == ["c", "d", "a"]
    assert order("your-rating", data)[3] == "b"  # not rated: last
    assert order("review-score", data) == ["b", "a", "d", "c"]  # 0.9, 11/15, 0.2, none
    assert order("year", data) == ["b", "d", "a", "c"]
    assert order("progress", data) == ["c", "a", "b", "d"]  # 4/4, 2/4, then 1/4 by title
    assert order("last-watched", data) == ["b", "a", "d", "c"]  # b at T[3]; c, d: no time
    assert order("nonsense", data) == order("title", data)


def test_hidden_scores_are_not_used_to_sort() -> None:
    data = state(settings=Settings(hide_unwatched_scores=True), watched={"d": [1]})
    # only d's score is visible (its episode 1 is watched); the others sort as unknown
    assert order("review-score", data) == ["d", "a", "b", "c"]


def test_the_sort_key_cycles_through_every_sort() -> None:
    seen = ["title"]
    for _ in SORTS:
        seen.append(next_sort(seen[-1]))
    assert seen[:-1] == list(SORTS) and seen[-1] == "title"
    assert next_sort(None) == "your-rating"


def test_one_show_marked_moves_only_that_show() -> None:
    from dramatui.up_next import in_order, updated

    data = state()
    items = in_order([A, B, C, D], data)
    data.watched["d"] = [1, 2]
    data.watched_at["d"] = {1: T[4], 2: T[4]}
    data.watched["b"] = [1, 2, 3, 4]  # finished: leaves Up next
    again = updated(updated(items, D, data), B, data)
    assert [(p.facts.id, p.episode) for p in again] == [("d", 3), ("a", 3)]
    assert again == in_order([A, B, C, D], data)
    assert updated(items, None, data) == items
