"""Every path dramatui uses, in one place.

Environment overrides: ``DRAMATUI_LIBRARY`` (a path list, like ``PATH``),
``DRAMATUI_STATE`` (the state file), and the XDG base directories.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP = "dramatui"


def bundled_data() -> Path:
    """The bundled library: ``dramatui/data`` inside a wheel, ``data/`` in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    if installed.is_dir():
        return installed
    return here.parent.parent / "data"


def _home(env: Mapping[str, str]) -> Path | None:
    home = env.get("HOME")
    if home:
        return Path(home)
    try:
        return Path.home()
    except (RuntimeError, KeyError):
        return None


def _xdg(env: Mapping[str, str], var: str, default: str) -> Path | None:
    value = env.get(var)
    if value and os.path.isabs(value):
        return Path(value)
    home = _home(env)
    return home / default if home else None


def user_library(env: Mapping[str, str] | None = None) -> Path | None:
    """The user's own show folder: ``$XDG_DATA_HOME/dramatui/shows``."""
    base = _xdg(os.environ if env is None else env, "XDG_DATA_HOME", ".local/share")
    return base / APP / "shows" if base else None


def default_library(env: Mapping[str, str] | None = None) -> list[Path]:
    """What ``dramatui`` opens with no PATH: bundled, the user's folder, ``DRAMATUI_LIBRARY``."""
    env = os.environ if env is None else env
    paths = [bundled_data()]
    user = user_library(env)
    if user is not None and user.is_dir():
        paths.append(user)
    for part in env.get("DRAMATUI_LIBRARY", "").split(os.pathsep):
        if part.strip():
            paths.append(Path(part).expanduser())
    return paths


def state_file(
    explicit: str | Path | None = None, env: Mapping[str, str] | None = None
) -> Path | None:
    """The state file: ``--state``, else ``DRAMATUI_STATE``, else the XDG state folder.

    The default is ``$XDG_STATE_HOME/dramatui/state.toml``.

    None when no home folder can be found (progress then cannot be saved).
    """
    env = os.environ if env is None else env
    if explicit:
        return Path(explicit).expanduser()
    if env.get("DRAMATUI_STATE"):
        return Path(env["DRAMATUI_STATE"]).expanduser()
    base = _xdg(env, "XDG_STATE_HOME", ".local/state")
    return base / APP / "state.toml" if base else None


def cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """Derived data only: ``$XDG_CACHE_HOME/dramatui``. Safe to delete."""
    base = _xdg(os.environ if env is None else env, "XDG_CACHE_HOME", ".cache")
    return base / APP if base else None


def http_cache(env: Mapping[str, str] | None = None) -> Path | None:
    """Answers of web APIs (TVmaze), cached by their caching headers: ``<cache_dir>/http``."""
    base = cache_dir(env)
    return base / "http" if base else None
