"""The index cache on disk, and the peek at it that the first frame is drawn from.

The result of indexing each file is kept in a JSON file under ``$XDG_CACHE_HOME/dramatui/``
(one per set of paths opened), keyed by the file's absolute path, device, inode, size,
mtime and ctime, and by a fingerprint of the program that made it. A head file beside it
holds the first :data:`HEAD` shows in list order, for a first screen in a millisecond.
Both are read through :mod:`dramatui.library.json_records`: a file that is corrupt, of another
layout or from another version is ignored and rebuilt, never trusted. Deleting them loses
nothing.

No pydantic and no show loader here: :func:`peek_index` runs before the first frame.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dramatui.files import write_atomic
from dramatui.library import json_records
from dramatui.library.facts import IndexedShow, ShowFacts

CACHE_FORMAT: Literal[1] = 1
"""The layout of the cache file; a different one is ignored and rebuilt."""

HEAD = 200
"""Shows kept in the head file: more than any screen shows at once."""

_SOURCES = (
    "index.py",
    "index_cache.py",
    "show_files.py",
    "facts.py",
    "json_records.py",
    "library.py",
    "model.py",
    "format_rules.py",
    "spoilers.py",
    "safe_text.py",
    "fast_toml.py",
    "toml_positions.py",
)
"""The modules whose code decides what a file's facts and problems are, and how they are kept."""


@dataclass(frozen=True, slots=True)
class ProblemRecord:
    line: int
    col: int
    message: str
    warning: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """What one file gave, and the facts that say whether it is still what the file holds."""

    key: str
    """The file's absolute path; the stat facts below tell whether it is still the same file."""
    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    facts: ShowFacts | None
    problems: tuple[ProblemRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class CacheFile:
    format: Literal[1]
    program: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class HeadFile:
    """The first shows of the last index, in list order: a first screen in a millisecond."""

    format: Literal[1]
    program: str
    total: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Peek:
    """The first shows of the library as last indexed, every file unchanged since."""

    shows: list[IndexedShow]
    total: int
    """How many shows the last full index held (0: not known)."""
    provisional: bool = False
    """Titles read from the first files without the loader (:mod:`dramatui.library.cold_start`),
    not yet the index's word: each may still turn out not to load."""


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    dropped: int = 0
    written: bool = False
    ignored: str | None = None
    """Why an existing cache file was not used (corrupt, another version), if it was not."""


def peek_index(paths: Iterable[Path], *, cache_dir: Path | None) -> Peek | None:
    """The first :data:`HEAD` shows of the last index of *paths*, if none of them changed.

    For a first paint before the full index is loaded (~1 ms, against ~0.3 s for 10,000
    shows from the cache). Files added since, that would sort among them, are missing
    until the full index comes; any change to the files shown gives None.
    """
    if cache_dir is None:
        return None
    path = head_path(cache_path(cache_dir, list(paths)))
    try:
        head = json_records.loads(HeadFile, path.read_bytes())
    except (OSError, ValueError):
        return None
    if head.program != fingerprint():
        return None
    shows = []
    for entry in head.entries:
        file = Path(entry.key)
        if entry.facts is None or not fresh(file, entry):
            return None
        shows.append(IndexedShow(file, entry.facts))
    return Peek(shows, head.total)


def key(path: Path) -> str:
    # Not realpath (four lstat calls a file): the device and inode in the entry already
    # tell a symlink that now points elsewhere from the file it pointed to.
    return os.path.abspath(path)


def identity(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def fresh(path: Path, entry: Entry) -> bool:
    """Whether *path* is still the file *entry* was made from."""
    try:
        now = identity(os.stat(path))
    except OSError:
        return False
    return now == (entry.device, entry.inode, entry.size, entry.mtime_ns, entry.ctime_ns)


def cache_path(cache_dir: Path, roots: list[Path]) -> Path:
    """One cache file per set of paths opened (the default library, a folder checked...)."""
    joined = "\0".join(os.path.realpath(r) for r in roots)
    digest = hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir / f"index-{digest}.json"


def head_path(cache_file: Path) -> Path:
    return cache_file.with_suffix(".head.json")


@functools.cache
def fingerprint() -> str:
    """The program that made a cache: the code that reads shows, and pydantic's version.

    Read from the files, so that a peek never imports pydantic or the models.
    """
    digest = hashlib.sha256(_pydantic_version())
    here = Path(__file__).parent
    for name in _SOURCES:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()[:32]


def _pydantic_version() -> bytes:
    """The text of pydantic's ``version.py`` (its version), found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("pydantic")
    if spec is None or spec.origin is None:
        return b""
    try:
        return (Path(spec.origin).parent / "version.py").read_bytes()
    except OSError:
        return b""


def read_cache(path: Path, program: str, stats: CacheStats) -> dict[str, Entry]:
    """The entries of the cache file at *path*, by key; empty (and why, in *stats*) if unusable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        stats.ignored = f"cannot read {path}: {exc.strerror or exc}"
        return {}
    try:
        cache = json_records.loads(CacheFile, data)
    except ValueError:
        stats.ignored = f"{path} is not a dramatui index cache"
        return {}
    if cache.program != program:
        stats.ignored = f"{path} was made by another version of dramatui"
        return {}
    return {entry.key: entry for entry in cache.entries}


def write_cache(path: Path, program: str, entries: Sequence[Entry]) -> bool:
    """Write the cache file; False if it could not be written (that only costs time)."""
    cache = CacheFile(format=CACHE_FORMAT, program=program, entries=tuple(entries))
    try:
        write_atomic(path, json_records.dumps(cache))
    except OSError:
        return False
    return True


def write_head(path: Path, program: str, total: int, entries: Sequence[Entry]) -> None:
    """Write the head file: *entries* are the first shows in list order, of *total*."""
    head = HeadFile(format=CACHE_FORMAT, program=program, total=total, entries=tuple(entries))
    with contextlib.suppress(OSError):
        write_atomic(path, json_records.dumps(head))
