"""What the state file holds, and its TOML data checked into a :class:`StateFile`.

Plain records checked by hand, not pydantic: the state file is read before the first
frame. The checks are the ones the file has always had (pydantic's lax mode, which read
it before): ``"3"`` or ``3.0`` is an episode number, ``"yes"`` or ``1`` is true, a
setting nobody knows is ignored, any other unknown key refuses the file. A refused file
raises :class:`StateFileError` naming the value at fault, e.g.
``watched.x.0: input should be a valid integer, unable to parse string as an integer``.
"""

from __future__ import annotations

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
    show_all_synopses: bool = False
    """Show the synopses of episodes past the first unwatched one (they tell what happens)."""
    theme: str | None = None
    """The Textual theme last chosen."""

    def options(self) -> Options:
        return Options(
            hide_unwatched_titles=self.hide_unwatched_titles,
            hide_unwatched_scores=self.hide_unwatched_scores,
            reveal_all=self.reveal_all,
            show_all_synopses=self.show_all_synopses,
        )


SETTING_NAMES = tuple(f.name for f in fields(Settings))


@dataclass(slots=True)
class StateFile:
    """The state file's contents."""

    version: int = STATE_VERSION
    settings: Settings = field(default_factory=Settings)
    watched: dict[str, list[int]] = field(default_factory=dict)
    revealed: dict[str, list[str]] = field(default_factory=dict)

    def copy(self) -> StateFile:
        """A copy that shares no list with this one."""
        return StateFile(
            self.version,
            self.settings,
            {k: list(v) for k, v in self.watched.items()},
            {k: list(v) for k, v in self.revealed.items()},
        )


class StateFileError(ValueError):
    """The data is not a state file this dramatui reads: the message says where and why."""


def dump(data: StateFile) -> dict[str, Any]:
    """The state as TOML-ready data (a theme never chosen is left out)."""
    settings = {name: getattr(data.settings, name) for name in SETTING_NAMES}
    return {
        "version": data.version,
        "settings": {name: value for name, value in settings.items() if value is not None},
        "watched": data.watched,
        "revealed": data.revealed,
    }


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
    for key in data:
        if key not in ("version", "settings", "watched", "revealed"):
            raise _invalid((key,), "extra inputs are not permitted")
    return state


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
            if name == "theme":
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
