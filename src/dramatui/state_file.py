"""What the state file holds, and its TOML data checked into a :class:`StateFile`.

A state file dramatui wrote holds exactly the types below, and is checked strictly here
without pydantic (it is read before the first frame). Anything else (a value another
tool wrote loosely, a mistake) goes to pydantic, built from these same dataclasses, in
lax mode: ``"3"`` or ``3.0`` is an episode number, ``"yes"`` or ``1`` is true, a setting
nobody knows is ignored, any other unknown key refuses the file. A refused file raises
:class:`StateFileError` naming the value at fault, e.g.
``watched.x.0: input should be a valid integer, unable to parse string as an integer``.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from dramatui.spoilers import REVEAL_KEY, Options

STATE_VERSION = 1


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

    def options(self) -> Options:
        return Options(
            hide_unwatched_titles=self.hide_unwatched_titles,
            hide_unwatched_scores=self.hide_unwatched_scores,
            reveal_all=self.reveal_all,
            show_all_synopses=self.show_all_synopses,
        )


SETTING_NAMES = tuple(f.name for f in fields(Settings))

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

    def copy(self) -> StateFile:
        """A copy that shares no list with this one."""
        return StateFile(
            self.version,
            self.settings,
            {k: list(v) for k, v in self.watched.items()},
            {k: list(v) for k, v in self.revealed.items()},
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
    return _as_written(data) or _checked(data)


_TOP = frozenset(("version", "settings", "watched", "revealed"))


def _as_written(data: dict[str, Any]) -> StateFile | None:
    """*data* as dramatui writes it (every value of its exact type), else None."""
    if not data.keys() <= _TOP or type(data.get("version", STATE_VERSION)) is not int:
        return None
    settings = data.get("settings", {})
    watched = data.get("watched", {})
    revealed = data.get("revealed", {})
    if not (type(settings) is type(watched) is type(revealed) is dict):
        return None
    found = {name: settings[name] for name in SETTING_NAMES if name in settings}
    theme = found.get("theme")
    if theme is not None and type(theme) is not str:
        return None
    if any(type(v) is not bool for k, v in found.items() if k != "theme"):
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
    return model(StateFile, "forbid", settings=(settings, settings()))
