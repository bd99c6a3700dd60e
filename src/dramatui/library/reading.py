"""Finding show files and reading each into TOML data; every failure a :class:`Problem`.

The first half of loading a show (:mod:`dramatui.library.validation` checks the data against the
models). No models and no pydantic here: the start reads the first files through this
to show their titles before the loader is imported.
"""

from __future__ import annotations

import errno
import operator
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dramatui.library import fast_toml
from dramatui.safe_text import safe_line

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Show files larger than this are refused unread (8 MiB)."""

MAX_MESSAGE_CHARS = 400
"""A problem's message is cut to this length: it may echo values from the file."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file, at a place in it."""

    path: Path
    line: int
    col: int
    message: str
    warning: bool = False

    def __post_init__(self) -> None:
        # Messages quote keys and values from untrusted files: one clean line, bounded.
        message = safe_line(self.message)
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[: MAX_MESSAGE_CHARS - 1] + "…"
        object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        text: str = safe_line(f"{self.path}:{self.line}:{self.col}: {kind}{self.message}")
        return text


# ---------------------------------------------------------------------------
# Finding files


def find_files(paths: Iterable[Path], problems: list[Problem]) -> list[Path]:
    """Every ``*.toml`` under *paths* (files as given, folders recursively), in a stable order.

    Symlink loops and unreadable folders become problems; nothing here opens a file.
    """
    return list(iter_files(paths, problems))


def iter_files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    """:func:`find_files`, one file at a time (a folder is listed when it is reached)."""
    seen: set[tuple[int, int]] = set()
    for root in paths:
        try:
            is_dir = root.is_dir()
        except OSError:
            is_dir = False  # read_text reports why it cannot be opened
        if is_dir:
            yield from _walk(root, problems, seen)
        else:
            yield root


def _walk(root: Path, problems: list[Problem], seen: set[tuple[int, int]]) -> Iterator[Path]:
    """Depth first, entries sorted by name, with an explicit stack.

    Not recursive: a folder nested thousands deep must not raise RecursionError (which
    is a RuntimeError, and was once reported as a symlink loop). Folders are known by
    (device, inode), so a symlink back up the tree is walked once.
    """
    # Paths are kept as strings until a file is handed out: listing a folder of 10,000
    # shows should not make 10,000 Path objects when only the first few are wanted.
    stack: list[Iterator[tuple[str | Path, bool]]] = [iter([(root, True)])]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        path, is_folder = item
        if not is_folder:
            yield Path(path)
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            why = f"cannot open this folder: {_os_reason(exc)}"
            problems.append(Problem(Path(path), 1, 1, why))
            continue
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=_name)
        except OSError as exc:
            why = f"cannot list this folder: {_os_reason(exc)}"
            problems.append(Problem(Path(path), 1, 1, why))
            continue
        children: list[tuple[str | Path, bool]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.name.endswith(".toml"):
                children.append((entry.path, False))
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                children.append((entry.path, True))
        stack.append(iter(children))


_name = operator.attrgetter("name")


def _os_reason(exc: BaseException) -> str:
    if getattr(exc, "errno", None) == errno.ELOOP:
        return "a symbolic link loop"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


# ---------------------------------------------------------------------------
# Reading one file


class LoadError(Exception):
    """A file that could not be turned into a show; carries its problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def read_text(path: Path) -> str:
    """The text of a show file, refusing anything that is not a small regular UTF-8 file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise LoadError([Problem(path, 1, 1, "no such file")]) from None
    except (OSError, RuntimeError) as exc:
        raise LoadError([Problem(path, 1, 1, f"cannot open: {_os_reason(exc)}")]) from None
    if stat.S_ISDIR(st.st_mode):
        raise LoadError([Problem(path, 1, 1, "this is a folder, not a show file")])
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(
            [Problem(path, 1, 1, "not a regular file (a device, pipe or socket); skipped")]
        )
    if st.st_size > MAX_FILE_BYTES:
        raise LoadError(
            [
                Problem(
                    path,
                    1,
                    1,
                    f"the file is {st.st_size:,} bytes; show files are limited to "
                    f"{MAX_FILE_BYTES // (1024 * 1024)} MiB",
                )
            ]
        )
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, opening it
        # must not wait for a writer; fstat then refuses it on the opened descriptor.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise LoadError(
                    [Problem(path, 1, 1, "not a regular file (a device, pipe or socket); skipped")]
                )
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LoadError([Problem(path, 1, 1, f"cannot read: {_os_reason(exc)}")]) from None
    return decode(path, data)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) to text, or a problem at the bad byte."""
    if len(data) > MAX_FILE_BYTES:
        raise LoadError([Problem(path, 1, 1, "the file grew past the size limit while read")])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            [Problem(path, 1, 1, "the file is UTF-16; show files must be saved as UTF-8")]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            [
                Problem(
                    path,
                    line,
                    col,
                    f"byte 0x{data[exc.start]:02x} is not valid UTF-8; "
                    "show files must be saved as UTF-8",
                )
            ]
        ) from None


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_EOF = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


def parse_toml(path: Path, text: str, *, fast: bool = True) -> dict[str, Any]:
    """Parse TOML, turning every parser failure into a problem with a position.

    With *fast*, ``rtoml`` parses first when the text nests shallowly (same results as
    ``tomllib``; see :mod:`dramatui.library.fast_toml`). Anything it refuses is parsed again by
    ``tomllib``, so every error is ``tomllib``'s, at ``tomllib``'s place.
    """
    try:
        return fast_toml.loads(text, fast=fast)
    except RecursionError:
        raise LoadError(
            [Problem(path, 1, 1, "TOML error: arrays or tables are nested too deeply")]
        ) from None
    except (ValueError, MemoryError, OverflowError) as exc:
        if fast_toml.is_syntax_error(exc):
            line, col, msg = _syntax_error_place(text, str(exc))
            raise LoadError(
                [Problem(path, line, col, f"TOML syntax error: {_lower_first(msg)}")]
            ) from None
        # e.g. an integer of thousands of digits (int max str digits)
        detail = "a number is far too long" if "digit" in str(exc) else str(exc)
        raise LoadError([Problem(path, 1, 1, f"TOML error: {detail}")]) from None


def _syntax_error_place(text: str, message: str) -> tuple[int, int, str]:
    """(line, column, message) of a ``tomllib`` syntax error."""
    match = _TOML_POS.match(message)
    if match:
        return int(match["line"]), int(match["col"]), match["msg"]
    end = _TOML_EOF.match(message)
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1, end["msg"] if end else message


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
