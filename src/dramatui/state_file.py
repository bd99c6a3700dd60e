"""What the state file holds, and its TOML data checked into a :class:`StateFile`.

Plain records checked by hand, not pydantic: the state file is read before the first
frame. The checks are the ones the file has always had (pydantic's lax mode, which read
it before): ``"3"`` or ``3.0`` is an episode number, ``"yes"`` or ``1`` is true, a
setting nobody knows is ignored, any other unknown key refuses the file. A refused file
raises :class:`StateFileError` naming the value at fault, e.g.
``watched.x.0: input should be a valid integer, unable to parse string as an integer``.

What you think of a show is yours and lives here, never in the show file: your ratings
(``[ratings.<show>]``) and notes (``[notes.<show>]``), keyed by episode number, ``0``
being the show as a whole (as ``covers = 0`` is in a show file), each with the time it
was made. ``[watched_at.<show>]`` holds when each episode was marked watched (a file
from before it has none: those episodes are simply watched at no known time), and
``[last]`` where you were (show, episode, review line) for the next start.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from dramatui.spoilers import Options

STATE_VERSION = 1

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Settings:
    """Reader settings, saved in the state file."""

    hide_unwatched_titles: bool = False
    """Show "Episode 3" instead of the titles of unwatched episodes."""
    hide_unwatched_scores: bool = False
    """Blank the scores of unwatched episodes (and in the trend line)."""
    reveal_all: bool = False
    """Show every spoiler: for someone who does not care."""
    remember_reveals: bool = False
    """Keep revealed spoilers revealed across sessions."""
    theme: str | None = None
    """The Textual theme last chosen."""
    sort: str | None = None
    """How the show list is sorted (a name from ``dramatui.sorting``); None: by title."""

    def options(self) -> Options:
        return Options(
            hide_unwatched_titles=self.hide_unwatched_titles,
            hide_unwatched_scores=self.hide_unwatched_scores,
            reveal_all=self.reveal_all,
        )


SETTING_NAMES = tuple(f.name for f in fields(Settings))
_TEXT_SETTINGS = ("theme", "sort")

SHOW = 0
"""The "episode" number of the show as a whole, for ratings and notes."""


@dataclass(frozen=True, slots=True)
class Rating:
    """Your rating of an episode or a show, on the show's scale, and when you gave it."""

    value: float
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Note:
    """Your note on an episode or a show, and when you last changed it."""

    text: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Position:
    """Where you were: the show, its highlighted episode, the review's first line shown."""

    show: str
    episode: int = 0
    review_line: int = 0


@dataclass(slots=True)
class StateFile:
    """The state file's contents."""

    version: int = STATE_VERSION
    settings: Settings = field(default_factory=Settings)
    watched: dict[str, list[int]] = field(default_factory=dict)
    revealed: dict[str, list[str]] = field(default_factory=dict)
    watched_at: dict[str, dict[int, dt.datetime]] = field(default_factory=dict)
    """When each watched episode was marked (episodes marked before times were kept have none)."""
    ratings: dict[str, dict[int, Rating]] = field(default_factory=dict)
    notes: dict[str, dict[int, Note]] = field(default_factory=dict)
    last: Position | None = None

    def copy(self) -> StateFile:
        """A copy that shares no list or table with this one."""
        return StateFile(
            self.version,
            self.settings,
            {k: list(v) for k, v in self.watched.items()},
            {k: list(v) for k, v in self.revealed.items()},
            {k: dict(v) for k, v in self.watched_at.items()},
            {k: dict(v) for k, v in self.ratings.items()},
            {k: dict(v) for k, v in self.notes.items()},
            self.last,
        )


class StateFileError(ValueError):
    """The data is not a state file this dramatui reads: the message says where and why."""


def dump(data: StateFile) -> dict[str, Any]:
    """The state as TOML-ready data (a theme never chosen, an empty new table are left out)."""
    settings = {name: getattr(data.settings, name) for name in SETTING_NAMES}
    out: dict[str, Any] = {
        "version": data.version,
        "settings": {name: value for name, value in settings.items() if value is not None},
        "watched": data.watched,
        "revealed": data.revealed,
    }
    if data.watched_at:
        out["watched_at"] = {
            show: {str(n): at for n, at in sorted(times.items())}
            for show, times in data.watched_at.items()
        }
    if data.ratings:
        out["ratings"] = {
            show: {
                str(n): {"value": _number(r.value), "at": r.at} for n, r in sorted(items.items())
            }
            for show, items in data.ratings.items()
        }
    if data.notes:
        out["notes"] = {
            show: {str(n): {"text": note.text, "at": note.at} for n, note in sorted(items.items())}
            for show, items in data.notes.items()
        }
    if data.last is not None:
        out["last"] = {
            "show": data.last.show,
            "episode": data.last.episode,
            "review_line": data.last.review_line,
        }
    return out


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


_KEYS = ("version", "settings", "watched", "revealed", "watched_at", "ratings", "notes", "last")


def parse(data: dict[str, Any]) -> StateFile:
    """The state in *data* (a parsed TOML document); StateFileError if it is not one."""
    version = data.get("version", STATE_VERSION)
    if version != STATE_VERSION:
        shown = repr(version)[:40]
        raise StateFileError(
            f"it is state version {shown}, and this dramatui reads version {STATE_VERSION}"
        )
    state = StateFile(version=_int(version, ("version",)))  # 1, 1.0 or true: all 1
    if "settings" in data:
        state.settings = _settings(data["settings"])
    if "watched" in data:
        state.watched = _lists(data["watched"], ("watched",), _int, int)
    if "revealed" in data:
        state.revealed = _lists(data["revealed"], ("revealed",), _str, str)
    if "watched_at" in data:
        state.watched_at = _by_episode(data["watched_at"], ("watched_at",), _time)
    if "ratings" in data:
        state.ratings = _by_episode(data["ratings"], ("ratings",), _rating)
    if "notes" in data:
        state.notes = _by_episode(data["notes"], ("notes",), _note)
    if "last" in data:
        state.last = _position(data["last"], ("last",))
    for key in data:
        if key not in _KEYS:
            raise _invalid((key,), "extra inputs are not permitted")
    return state


Where = tuple[str | int, ...]


def _table(value: Any, where: Where) -> dict[str, Any]:
    if type(value) is not dict:
        raise _invalid(where, "input should be a valid dictionary")
    return value


def _by_episode(
    value: Any, where: Where, item: Callable[[Any, Where], T]
) -> dict[str, dict[int, T]]:
    """``{show: {"3": item, ...}}``: per show, per episode number (0: the show)."""
    out: dict[str, dict[int, T]] = {}
    for show, items in _table(value, where).items():
        at = (*where, show)
        per: dict[int, T] = {}
        for number, entry in _table(items, at).items():
            n = _int(number, (*at, number))
            if n < 0:
                raise _invalid((*at, number), "an episode number is 0 (the show) or more")
            per[n] = item(entry, (*at, number))
        if per:
            out[show] = per
    return out


def _time(value: Any, where: Where) -> dt.datetime:
    """A TOML date-time (or its text); one without an offset is taken as UTC."""
    if type(value) is str:
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise _invalid(where, "input should be a valid datetime") from None
    if not isinstance(value, dt.datetime):
        raise _invalid(where, "input should be a valid datetime")
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _rating(value: Any, where: Where) -> Rating:
    table = _table(value, where)
    _only(table, where, ("value", "at"))
    number: Any = table.get("value")
    if type(number) not in (int, float) or not math.isfinite(number) or number < 0:
        raise _invalid((*where, "value"), "input should be a number of 0 or more")
    if "at" not in table:
        raise _invalid((*where, "at"), "field required")
    return Rating(float(number), _time(table["at"], (*where, "at")))


def _note(value: Any, where: Where) -> Note:
    table = _table(value, where)
    _only(table, where, ("text", "at"))
    if "at" not in table:
        raise _invalid((*where, "at"), "field required")
    return Note(_str(table.get("text"), (*where, "text")), _time(table["at"], (*where, "at")))


def _position(value: Any, where: Where) -> Position:
    table = _table(value, where)
    _only(table, where, ("show", "episode", "review_line"))
    return Position(
        _str(table.get("show"), (*where, "show")),
        _int(table.get("episode", 0), (*where, "episode")),
        _int(table.get("review_line", 0), (*where, "review_line")),
    )


def _only(table: dict[str, Any], where: Where, keys: tuple[str, ...]) -> None:
    for key in table:
        if key not in keys:
            raise _invalid((*where, key), "extra inputs are not permitted")


def _invalid(where: tuple[str | int, ...], why: str) -> StateFileError:
    return StateFileError(".".join(str(part) for part in where) + ": " + why)


def _settings(value: Any) -> Settings:
    where = ("settings",)
    if type(value) is not dict:
        raise _invalid(where, "input should be a valid dictionary or instance of settings")
    found: dict[str, Any] = {}
    for name in SETTING_NAMES:  # anything else is ignored (a setting of a later version)
        if name in value:
            item, at = value[name], (*where, name)
            if name in _TEXT_SETTINGS:
                found[name] = None if item is None else _str(item, at)
            else:
                found[name] = _bool(item, at)
    return Settings(**found)


def _lists(
    value: Any,
    where: tuple[str | int, ...],
    item: Callable[[Any, tuple[str | int, ...]], T],
    exact: type[T],
) -> dict[str, list[T]]:
    if type(value) is not dict:
        raise _invalid(where, "input should be a valid dictionary")
    out: dict[str, list[T]] = {}
    for key, items in value.items():
        if type(items) is list and set(map(type, items)) <= {exact}:
            out[key] = list(items)  # all of the exact type: nothing to convert or report
            continue
        at = (*where, key)
        if type(items) not in (list, tuple):
            raise _invalid(at, "input should be a valid list")
        out[key] = [item(v, (*at, n)) for n, v in enumerate(items)]
    return out


def _str(value: Any, where: tuple[str | int, ...]) -> str:
    if type(value) is not str:
        raise _invalid(where, "input should be a valid string")
    return value


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def _bool(value: Any, where: tuple[str | int, ...]) -> bool:
    unsure = "input should be a valid boolean, unable to interpret input"
    kind = type(value)
    if kind is bool:
        return bool(value)
    if kind is int or (kind is float and math.isfinite(value) and value.is_integer()):
        if value in (0, 1):
            return bool(value)
        if -(2**63) < value < 2**63 or (value == -(2**63) and kind is int):  # pydantic's i64
            raise _invalid(where, unsure)
    if kind is str:
        text = value.lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise _invalid(where, unsure)
    raise _invalid(where, "input should be a valid boolean")


_INT_TEXT = re.compile(r"[+-]?[0-9](?:_?[0-9])*(?:\.0+)?")
_TOO_BIG = "unable to parse input string as an integer, exceeded maximum size"


def _int(value: Any, where: tuple[str | int, ...]) -> int:
    kind = type(value)
    if kind is int or kind is bool:
        return int(value)
    if kind is float:
        if not math.isfinite(value):
            raise _invalid(where, "input should be a finite number")
        if not value.is_integer():
            raise _invalid(
                where, "input should be a valid integer, got a number with a fractional part"
            )
        if not -(2**63) < value < 2**63:
            raise _invalid(where, _TOO_BIG)
        return int(value)
    if kind is str:
        text = value.strip()
        if _INT_TEXT.fullmatch(text):
            try:
                return int(text.partition(".")[0])
            except ValueError:  # more digits than Python converts
                raise _invalid(where, _TOO_BIG) from None
        raise _invalid(
            where, "input should be a valid integer, unable to parse string as an integer"
        )
    raise _invalid(where, "input should be a valid integer")
