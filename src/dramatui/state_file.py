"""What the state file holds, and its TOML data checked into a :class:`StateFile`.

A state file dramatui wrote holds exactly the types below, and is checked strictly here
without pydantic (it is read before the first frame). Anything else (a value another
tool wrote loosely, a mistake) goes to pydantic, built from these same dataclasses, in
lax mode: ``"3"`` or ``3.0`` is an episode number, ``"yes"`` or ``1`` is true, a setting
nobody knows is ignored, any other unknown key refuses the file. A refused file raises
:class:`StateFileError` naming the value at fault, e.g.
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
import functools
import math
import re
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, TypeVar

from dramatui.spoilers import REVEAL_KEY, Options

STATE_VERSION = 1
T = TypeVar("T")


def _setting(title: str, help_text: str) -> Any:
    """A reader setting toggled from the command palette: off by default."""
    return field(default=False, metadata={"title": title, "help": help_text})


@dataclass(frozen=True, slots=True)
class Settings:
    """Reader settings, saved in the state file. Each toggle's title and help are said
    once, here: the command palette, the help screen and the notices read them."""

    hide_unwatched_titles: bool = _setting(
        "Hide unwatched titles",
        'Show "Episode N" instead of the titles of episodes not yet watched',
    )
    hide_unwatched_scores: bool = _setting(
        "Hide unwatched scores",
        "Blank the scores of episodes not yet watched, and of reviews of them, everywhere",
    )
    reveal_all: bool = _setting("Reveal all", "Show every spoiler, for readers who do not mind")
    remember_reveals: bool = _setting(
        "Remember reveals",
        "Keep spoilers you reveal with s revealed the next time dramatui starts",
    )
    show_all_synopses: bool = _setting(
        "Show all episode synopses",
        "Show the synopses of episodes past the first unwatched one (they tell what happens)",
    )
    theme: str | None = None
    """The Textual theme last chosen."""
    sort: str | None = None
    """How the show list is sorted (a name from ``dramatui.sorting``); None: by title."""

    def options(self) -> Options:
        return Options(
            hide_unwatched_titles=self.hide_unwatched_titles,
            hide_unwatched_scores=self.hide_unwatched_scores,
            reveal_all=self.reveal_all,
            show_all_synopses=self.show_all_synopses,
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


TOGGLES: dict[str, tuple[str, str]] = {
    f.name: (f.metadata["title"], f.metadata["help"]) for f in fields(Settings) if f.metadata
}
"""The reader settings toggled from the command palette: name -> (title, help)."""


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


def forget_position_reveals(data: StateFile) -> int:
    """Drop remembered reveals named by position (``r0.s1``, as dramatui saved them before
    reveal keys named the text): after an edit such a key opens whatever text moved into
    that place, so it is never applied. Returns how many were dropped."""
    dropped = 0
    for show_id, keys in list(data.revealed.items()):
        kept = [key for key in keys if REVEAL_KEY.fullmatch(key)]
        dropped += len(keys) - len(kept)
        if kept:
            data.revealed[show_id] = kept
        else:
            del data.revealed[show_id]
    return dropped


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


def parse(data: dict[str, Any]) -> StateFile:
    """The state in *data* (a parsed TOML document); StateFileError if it is not one."""
    version = data.get("version", STATE_VERSION)
    if version != STATE_VERSION:
        shown = repr(version)[:40]
        raise StateFileError(
            f"it is state version {shown}, and this dramatui reads version {STATE_VERSION}"
        )
    state = _as_written(data) or _checked(data)
    _yours(data, state)
    return state


_TOP = frozenset(("version", "settings", "watched", "revealed"))
_YOURS = ("watched_at", "ratings", "notes", "last")
"""Issue 16's tables: checked by hand below (times taken as UTC, numbers 0 or more, no
extra keys), in either path."""


def _yours(data: dict[str, Any], state: StateFile) -> None:
    """Fill *state*'s times, ratings, notes and position from *data*."""
    if "watched_at" in data:
        state.watched_at = _by_episode(data["watched_at"], ("watched_at",), _time)
    if "ratings" in data:
        state.ratings = _by_episode(data["ratings"], ("ratings",), _rating)
    if "notes" in data:
        state.notes = _by_episode(data["notes"], ("notes",), _note)
    if "last" in data:
        state.last = _position(data["last"], ("last",))


def _as_written(data: dict[str, Any]) -> StateFile | None:
    """*data* as dramatui writes it (every value of its exact type), else None."""
    if not data.keys() <= _TOP | set(_YOURS) or type(data.get("version", STATE_VERSION)) is not int:
        return None
    settings = data.get("settings", {})
    watched = data.get("watched", {})
    revealed = data.get("revealed", {})
    if not (type(settings) is type(watched) is type(revealed) is dict):
        return None
    found = {name: settings[name] for name in SETTING_NAMES if name in settings}
    if any(found.get(k) is not None and type(found[k]) is not str for k in _TEXT_SETTINGS):
        return None
    if any(type(v) is not bool for k, v in found.items() if k not in _TEXT_SETTINGS):
        return None
    for table, kind in ((watched, int), (revealed, str)):
        for items in table.values():
            if type(items) is not list or any(type(item) is not kind for item in items):
                return None
    return StateFile(
        STATE_VERSION,
        Settings(**found),
        {k: list(v) for k, v in watched.items()},
        {k: list(v) for k, v in revealed.items()},
    )


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


def _str(value: Any, where: tuple[str | int, ...]) -> str:
    if type(value) is not str:
        raise _invalid(where, "input should be a valid string")
    return value


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


def _checked(data: dict[str, Any]) -> StateFile:
    """*data* through pydantic's lax mode: loose values read, wrong ones named."""
    from pydantic import ValidationError

    try:
        checked = _model().model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"])
        raise StateFileError(f"{where}: {error['msg'].lower()}") from None
    settings = Settings(**{name: getattr(checked.settings, name) for name in SETTING_NAMES})
    return StateFile(checked.version, settings, checked.watched, checked.revealed)


@functools.cache
def _model() -> Any:
    """Pydantic models made from :class:`StateFile` and :class:`Settings`, fields and all."""
    from pydantic import ConfigDict, Field, create_model

    def model(cls: type, extra: Any, **replaced: Any) -> Any:
        hints = typing.get_type_hints(cls)
        spec: dict[str, Any] = {}
        for f in fields(cls):
            factory = f.default_factory
            default = f.default if factory is MISSING else Field(default_factory=factory)
            spec[f.name] = replaced.get(f.name, (hints[f.name], default))
        return create_model(cls.__name__, __config__=ConfigDict(extra=extra), **spec)

    settings = model(Settings, "ignore")  # a setting of a later version is ignored
    yours = {name: (Any, None) for name in _YOURS}  # checked by hand: _yours
    return model(StateFile, "forbid", settings=(settings, settings()), **yours)
