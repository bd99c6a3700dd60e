"""Rating keys on each scale, half steps, validity and means."""

from __future__ import annotations

import datetime as dt

import pytest

from dramatui import ratings
from dramatui.state_file import SHOW, Rating

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("scale", "keys", "values"),
    [
        (5, "123450", [1, 2, 3, 4, 5, None]),
        (10, "1234567890", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        (100, "1590", [10, 50, 90, 100]),
    ],
)
def test_number_keys_on_each_scale(scale: int, keys: str, values: list[float | None]) -> None:
    assert [ratings.key_value(scale, k) for k in keys] == values
    assert ratings.key_value(scale, "x") is None
    assert ratings.key_value(scale, "12") is None


def test_half_steps_stop_at_the_top() -> None:
    assert ratings.half_step(5, 4) == 4.5
    assert ratings.half_step(5, 5) is None
    assert ratings.half_step(10, 9) == 9.5
    assert ratings.half_step(100, 60) == 65
    assert ratings.half_step(100, 100) is None


def test_valid_values() -> None:
    assert ratings.valid(5, 4.5) and ratings.valid(10, 10) and ratings.valid(100, 85)
    assert not ratings.valid(5, 0) and not ratings.valid(5, 5.5) and not ratings.valid(5, 4.2)
    assert not ratings.valid(100, 83)
    assert ratings.shown(8, 10) == "8/10" and ratings.shown(4.5, 5) == "4.5/5"


def test_your_score_is_the_show_rating_else_the_episode_mean() -> None:
    eps = {1: Rating(4, AT), 2: Rating(3, AT)}
    assert ratings.episode_mean(eps) == 3.5
    assert ratings.your_score(eps) == 3.5
    assert ratings.your_score({**eps, SHOW: Rating(5, AT)}) == 5
    assert ratings.episode_mean({SHOW: Rating(5, AT)}) is None
    assert ratings.your_score({}) is None
