"""Writing files so that nothing is lost: a crash leaves the old file or the new one.

Both writers put the data in a temporary file in the target's folder, flush and fsync it,
then move it into place and fsync the folder. On any failure the temporary file is removed
and the target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to *path*, replacing what is there, atomically."""
    _write_via_temp(path, data, lambda tmp: os.replace(tmp, path))


def write_new(path: Path, data: bytes) -> None:
    """Write a new file atomically; FileExistsError if *path* exists, even by a race.

    The temporary file is hard-linked to *path* (which fails if it exists); where hard
    links are not supported, a checked rename.
    """

    def place(tmp: str) -> None:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(tmp, path)

    _write_via_temp(path, data, place)


def _write_via_temp(path: Path, data: bytes, place: Callable[[str], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        place(tmp)
    finally:
        # after os.replace the name is gone; after os.link it is a second name
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
