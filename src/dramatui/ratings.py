"""Your own ratings on a show's scale: which key gives which value, half steps, and means.

A show's scale is 5, 10 or 100. The number keys rate on it: on 5, ``1``-``5``; on 10,
``1``-``9`` and ``0`` for 10; on 100, tens (``1`` is 10, ``0`` is 100). A half step
(``+``) adds half a unit (0.5 on 5 and 10, 5 on 100) up to the top of the scale. Nothing
here knows about the screen or the state file's layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dramatui.format_rules import format_score
from dramatui.state_file import SHOW, Rating


def unit(scale: int) -> float:
    """What one number key is worth on *scale*."""
    return 10.0 if scale == 100 else 1.0


def key_value(scale: int, key: str) -> float | None:
    """The rating number key *key* gives on *scale* (None: not a rating there)."""
    if len(key) != 1 or not key.isdigit():
        return None
    digit = int(key)
    if scale == 5:
        return float(digit) if 1 <= digit <= 5 else None
    top = 10 if digit == 0 else digit
    return top * unit(scale)


def half_step(scale: int, value: float) -> float | None:
    """*value* raised by half a unit; None when that passes the top of the scale."""
    raised = value + unit(scale) / 2
    return raised if raised <= scale else None


def valid(scale: int, value: float) -> bool:
    """Whether *value* is a rating on *scale*: above 0, at most the scale, in half units."""
    half = unit(scale) / 2
    return 0 < value <= scale and (value / half).is_integer()


def shown(value: float, scale: int) -> str:
    """``8/10``, ``4.5/5``."""
    return f"{format_score(value)}/{scale}"


def episode_mean(ratings: Mapping[int, Rating]) -> float | None:
    """The mean of your episode ratings (the show's own rating left out)."""
    values = [r.value for n, r in ratings.items() if n != SHOW]
    return sum(values) / len(values) if values else None


def your_score(ratings: Mapping[int, Rating]) -> float | None:
    """Your word on a show: your rating of it, else the mean of your episode ratings."""
    whole = ratings.get(SHOW)
    return whole.value if whole is not None else episode_mean(ratings)


def as_fraction(value: float | None, scale: int) -> float | None:
    """A value on *scale* as a fraction of it, so that shows on other scales compare."""
    return None if value is None else value / scale


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None
