"""Watch progress and settings on disk: nothing lost.

The state file is TOML written with tomli-w. Every change is a read-merge-write under a
lock file (``state.toml.lock``), so two dramatui processes marking different episodes
both keep their marks. Writes go to a temporary file in the same folder, are flushed and
fsynced, then renamed over the old file, and the folder is fsynced: a crash leaves either
the old state or the new one. A state file that cannot be read is moved aside as
``state.toml.corrupt-<timestamp>`` and the user is told; it is never silently dropped.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dramatui.files import write_atomic
from dramatui.library import toml_loads
from dramatui.state_file import SETTING_NAMES, Settings, StateFile, StateFileError, dump, parse

LOCK_TIMEOUT = 5.0
MAX_STATE_BYTES = 16 * 1024 * 1024
"""A state file larger than this is not read (it would be set aside)."""


@dataclass
class State:
    """Progress and settings in memory, backed by a file (or by nothing)."""

    path: Path | None
    data: StateFile = field(default_factory=StateFile)
    notices: list[str] = field(default_factory=list)
    """Things to tell the user once (a state file set aside, progress not saved)."""
    save_error: str | None = None
    """Why the last save failed, if it did."""
    _pending: list[Callable[[StateFile], None]] = field(default_factory=list, repr=False)
    """Changes made in memory and not yet on disk (a save failed): replayed by the next save."""

    # -- reading ---------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None) -> State:
        """Read the state file; a missing one is a fresh start, a bad one is set aside."""
        state = cls(path)
        if path is None:
            state.notices.append("No home folder: watch progress cannot be saved in this session.")
            return state
        try:
            state.data = _read(path)
        except FileNotFoundError:
            pass
        except _Unreadable as exc:
            state.notices.append(_set_aside(path, str(exc)))
        except OSError as exc:
            state.notices.append(f"Cannot read {path}: {exc.strerror or exc}; starting fresh.")
        return state

    def watched(self, show_id: str) -> frozenset[int]:
        return frozenset(self.data.watched.get(show_id, ()))

    def revealed(self, show_id: str) -> frozenset[str]:
        return frozenset(self.data.revealed.get(show_id, ()))

    @property
    def settings(self) -> Settings:
        return self.data.settings

    # -- changing (each is one read-merge-write) ---------------------------

    def set_watched(self, show_id: str, episodes: Iterable[int], watched: bool) -> bool:
        """Mark *episodes* watched or unwatched. Returns False if it could not be saved."""
        numbers = set(episodes)

        def change(data: StateFile) -> None:
            current = set(data.watched.get(show_id, ()))
            current = current | numbers if watched else current - numbers
            if current:
                data.watched[show_id] = sorted(current)
            else:
                data.watched.pop(show_id, None)

        return self._update(change)

    def set_revealed(self, show_id: str, keys: Iterable[str]) -> bool:
        """Remember revealed spoilers (only used when ``remember_reveals`` is on)."""
        wanted = sorted(set(keys))

        def change(data: StateFile) -> None:
            if wanted:
                data.revealed[show_id] = wanted
            else:
                data.revealed.pop(show_id, None)

        return self._update(change)

    def set_setting(self, name: str, value: Any) -> bool:
        """Change one setting by name."""
        if name not in SETTING_NAMES:
            raise KeyError(name)

        def change(data: StateFile) -> None:
            data.settings = replace(data.settings, **{name: value})

        return self._update(change)

    def _update(self, change: Callable[[StateFile], None]) -> bool:
        change(self.data)  # memory first: the session goes on even if disk fails
        if self.path is None:
            self.save_error = "no home folder"
            return False
        self._pending.append(change)
        try:
            with _locked(self.path):
                _remove_leftovers(self.path)
                try:
                    disk = _read(self.path)
                except FileNotFoundError:
                    disk = StateFile()
                except _Unreadable as exc:
                    # changed under us by something else: keep it, and go on from memory
                    self.notices.append(_set_aside(self.path, str(exc)))
                    disk = self.data.copy()
                for pending in self._pending:  # this change and any that failed to save
                    pending(disk)
                write_atomic(self.path, _dumps(disk))
                self.data = disk
        except OSError as exc:  # filelock's Timeout is an OSError too
            self.save_error = _why(exc)
            return False
        self._pending.clear()
        self.save_error = None
        return True


class _Unreadable(Exception):
    pass


def _read(path: Path) -> StateFile:
    raw = _read_bytes(path)
    try:
        data = toml_loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError, ValueError) as exc:  # TOMLDecodeError too
        raise _Unreadable(f"it is not valid TOML ({exc})") from None
    try:
        return parse(data)
    except StateFileError as exc:
        raise _Unreadable(str(exc)) from None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a FIFO or device raises OSError at once instead of blocking."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        raw = handle.read(MAX_STATE_BYTES + 1)
    if len(raw) > MAX_STATE_BYTES:
        raise _Unreadable(f"it is larger than {MAX_STATE_BYTES // (1024 * 1024)} MiB")
    return raw


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files a crashed writer left beside *path*.

    Only called with the lock held: every writer holds it while its temporary file
    exists, so any such file seen now is a leftover.
    """
    prefix = f".{path.name}."
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _dumps(data: StateFile) -> bytes:
    import tomli_w  # only to write

    return tomli_w.dumps(dump(data)).encode()


def _set_aside(path: Path, why: str) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return (
            f"The state file {path} could not be read ({why}); another dramatui has "
            "already moved it aside."
        )
    except OSError as exc:
        return (
            f"The state file {path} cannot be read ({why}) and could not be moved aside "
            f"({exc.strerror or exc}); progress will not be saved over it."
        )
    return (
        f"The state file {path} could not be read ({why}). It was moved to {target.name} "
        "and dramatui started fresh."
    )


def _why(exc: BaseException) -> str:
    from filelock import Timeout

    if isinstance(exc, Timeout):
        return "another dramatui is holding the state file lock"
    if isinstance(exc, OSError):
        return exc.strerror.lower() if exc.strerror else str(exc)
    return str(exc)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    from filelock import FileLock  # only to write: ~20 ms of imports kept off the start

    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
        yield
