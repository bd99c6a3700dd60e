"""The show index: what the show list, filter and progress need, for a whole library, fast.

:func:`build_index` turns show files into small :class:`ShowFacts` records (no episode
synopses, no review text: nothing that could spoil) and the same problems
:func:`dramatui.library.load_library` would report, in the same order. Files are read in
worker processes when there are many, and the result of each file is kept in a JSON cache
under ``$XDG_CACHE_HOME/dramatui/`` keyed by the file's absolute path, device, inode,
size, mtime and ctime, and by a fingerprint of the program that made it. An edited or new
file is read again, a deleted one dropped; a cache that is corrupt or from another version
is ignored and rebuilt. Deleting the cache loses nothing.

Full shows are loaded on demand with :meth:`Index.load`. Nothing here knows about the screen.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pydantic
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticSerializationError

from dramatui.files import write_atomic
from dramatui.library import (
    Findings,
    LoadError,
    Problem,
    duplicate_ids,
    find_files,
    load_show,
)
from dramatui.model import FORMAT_VERSION, ShowFile

CACHE_FORMAT = 1
"""The layout of the cache file; a different one is ignored and rebuilt."""

CHUNK = 64
"""Files per task handed to a worker process."""

FIRST_CHUNK = 16
"""Files read in the calling thread while worker processes start."""

MIN_PARALLEL = 256
"""Below this many files to read, worker processes cost more than they save."""

_SOURCES = ("index.py", "library.py", "model.py", "spoilers.py", "safe_text.py")
"""The modules whose code decides what a file's summary and problems are."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ShowFacts(_Record):
    """One show as the show list, the filter and progress need it. Never spoiler text.

    Raw file text (put it through ``safe_text`` to show it) and every episode score: a
    score can be hidden by the reader's settings, so a visible mean is computed with the
    spoiler rules and the reader's progress (``dramatui.spoilers``), never stored here.
    """

    id: str
    title: str
    original_title: str | None = None
    year: int | None = None
    country: str | None = None
    network: str | None = None
    genres: tuple[str, ...] = ()
    episodes: tuple[int, ...] = ()
    """The episode numbers in the guide, ascending."""
    last_episode: int = 0
    """The show's last episode (``ShowFile.last_episode``); 0 when nothing is known."""
    score_scale: Literal[5, 10, 100] = 5
    scores: tuple[tuple[int, float], ...] = ()
    """(episode number, score) of every scored episode, in guide order."""
    reviews: int = 0
    """How many reviews the file holds."""

    @classmethod
    def of(cls, show: ShowFile) -> ShowFacts:
        info = show.show
        return cls(
            id=show.id,
            title=info.title,
            original_title=info.original_title,
            year=info.year,
            country=info.country,
            network=info.network,
            genres=tuple(info.genres),
            episodes=tuple(sorted(ep.number for ep in show.episodes)),
            last_episode=show.last_episode,
            score_scale=info.score_scale,
            scores=tuple((ep.number, ep.score) for ep in show.episodes if ep.score is not None),
            reviews=len(show.reviews),
        )


@dataclass(frozen=True, slots=True)
class IndexedShow:
    """A show's facts and the file it came from (as found under the paths given)."""

    path: Path
    facts: ShowFacts

    @property
    def id(self) -> str:
        return self.facts.id

    @property
    def title(self) -> str:
        return self.facts.title


class _ProblemRecord(_Record):
    line: int
    col: int
    message: str
    warning: bool = False


class _Entry(_Record):
    """What one file gave, and the facts that say whether it is still what the file holds."""

    key: str
    """The file's absolute path; the stat facts below tell whether it is still the same file."""
    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    facts: ShowFacts | None
    problems: tuple[_ProblemRecord, ...] = ()


class _CacheFile(_Record):
    format: Literal[1]
    program: str
    entries: tuple[_Entry, ...]


class _HeadFile(_Record):
    """The first shows of the last index, in list order: a first screen in a millisecond."""

    format: Literal[1]
    program: str
    total: int
    entries: tuple[_Entry, ...]


HEAD = 200
"""Shows kept in the head file: more than any screen shows at once."""


@dataclass(frozen=True)
class Peek:
    """The first shows of the library as last indexed, every file unchanged since."""

    shows: list[IndexedShow]
    total: int
    """How many shows the last full index held."""


def peek_index(paths: Iterable[Path], *, cache_dir: Path | None) -> Peek | None:
    """The first :data:`HEAD` shows of the last index of *paths*, if none of them changed.

    For a first paint before the full index is loaded (~1 ms, against ~0.3 s for 10,000
    shows from the cache). Files added since, that would sort among them, are missing
    until the full index comes; any change to the files shown gives None.
    """
    if cache_dir is None:
        return None
    path = _cache_path(cache_dir, list(paths)).with_suffix(".head.json")
    try:
        head = _HeadFile.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None
    if head.program != _fingerprint():
        return None
    shows = []
    for entry in head.entries:
        file = Path(entry.key)
        if entry.facts is None or not _fresh(file, entry):
            return None
        shows.append(IndexedShow(file, entry.facts))
    return Peek(shows, head.total)


@dataclass(frozen=True)
class Progress:
    """Reported while indexing: *done* of *total* files, and the shows just indexed.

    *shows* are unsorted and not yet checked for duplicate ids: enough to list and filter
    while the rest loads; the finished :class:`Index` is the final word.
    """

    done: int
    total: int
    shows: tuple[IndexedShow, ...] = ()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    dropped: int = 0
    written: bool = False
    ignored: str | None = None
    """Why an existing cache file was not used (corrupt, another version), if it was not."""


@dataclass
class Index(Findings):
    """Every good show's summary, sorted by title, and every problem, in file order."""

    shows: list[IndexedShow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    cache: CacheStats = field(default_factory=CacheStats)
    _by_id: dict[str, IndexedShow] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {s.id: s for s in self.shows}

    def by_id(self, show_id: str) -> IndexedShow | None:
        return self._by_id.get(show_id)

    def load(self, show_id: str) -> ShowFile:
        """The full show, read from its file now.

        Raises KeyError for an id not in the index, and LoadError (with the problems) when
        the file has changed since and no longer loads, or now holds another show.
        """
        return load_indexed(self._by_id[show_id])


def load_indexed(indexed: IndexedShow) -> ShowFile:
    """The full show of *indexed*, read from its file now (e.g. before the index is done).

    Raises LoadError (with the problems) when the file no longer loads, or now holds
    another show.
    """
    show, _warnings = load_show(indexed.path)
    if show.id != indexed.id:
        raise LoadError(
            [
                Problem(
                    indexed.path,
                    1,
                    1,
                    f"the file changed: it now holds show {show.id!r}, not {indexed.id!r}",
                )
            ]
        )
    return show


ProgressCallback = Callable[[Progress], None]


class IndexCancelled(Exception):
    """Raise it from a progress callback to stop indexing (the app is closing)."""


def build_index(
    paths: Iterable[Path],
    *,
    cache_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> Index:
    """Index every show file under *paths*, as ``load_library`` would load them.

    *cache_dir* None means no cache. *progress* is called in the calling thread after each
    batch of files; it may raise (e.g. :class:`IndexCancelled` when the user quits) to stop
    at once: the worker processes are shut down and nothing is written. *workers* is the
    number of processes (default: one per CPU, and none for a few files).
    """
    roots = list(paths)
    problems: list[Problem] = []
    files = find_files(roots, problems)
    cache_file = _cache_path(cache_dir, roots) if cache_dir is not None else None
    stats = CacheStats()
    program = _fingerprint()
    cached = _read_cache(cache_file, program, stats) if cache_file is not None else {}

    entries: list[_Entry | None] = [None] * len(files)
    todo: list[int] = []
    for i, path in enumerate(files):
        entry = cached.get(_key(path)) if cached else None
        if entry is not None and _fresh(path, entry):
            entries[i] = entry
        else:
            todo.append(i)
    stats.hits = len(files) - len(todo)
    stats.misses = len(todo)
    if progress is not None:
        hits = tuple(
            IndexedShow(path, e.facts)
            for path, e in zip(files, entries, strict=True)
            if e is not None and e.facts is not None
        )
        progress(Progress(stats.hits, len(files), hits))

    done = stats.hits
    with contextlib.closing(_read_all([files[i] for i in todo], todo, workers)) as batches:
        for indices, results in batches:
            for i, entry in zip(indices, results, strict=True):
                entries[i] = entry
            done += len(results)
            if progress is not None:
                shows = tuple(
                    IndexedShow(files[i], e.facts)
                    for i, e in zip(indices, results, strict=True)
                    if e.facts is not None
                )
                progress(Progress(done, len(files), shows))

    final = [e for e in entries if e is not None]
    stats.dropped = len(set(cached) - {e.key for e in final})
    if cache_file is not None and (stats.misses or stats.dropped or stats.ignored or not cached):
        stats.written = _write_cache(cache_file, program, final)
    index = _assemble(files, entries, problems, stats)
    head_file = cache_file.with_suffix(".head.json") if cache_file is not None else None
    if head_file is not None and (stats.written or not head_file.exists()):
        by_key = {e.key: e for e in final}
        head = [by_key[_key(s.path)] for s in index.shows[:HEAD]]
        data = _HeadFile(
            format=CACHE_FORMAT, program=program, total=len(index.shows), entries=tuple(head)
        )
        with contextlib.suppress(OSError):
            write_atomic(head_file, data.model_dump_json().encode())
    return index


def _assemble(
    files: list[Path], entries: list[_Entry | None], problems: list[Problem], stats: CacheStats
) -> Index:
    shows: list[IndexedShow] = []
    for path, entry in zip(files, entries, strict=True):
        assert entry is not None
        problems.extend(Problem(path, p.line, p.col, p.message, p.warning) for p in entry.problems)
        if entry.facts is not None:
            shows.append(IndexedShow(path, entry.facts))
    dropped, duplicates = duplicate_ids((s.id, s.path) for s in shows)
    problems.extend(duplicates)
    shows = [s for s in shows if s.id not in dropped]
    shows.sort(key=lambda s: (s.title.casefold(), s.id))
    return Index(shows=shows, problems=problems, files=len(files), cache=stats)


# ---------------------------------------------------------------------------
# Reading files (in this process or in workers)


def index_file(path: Path) -> _Entry:
    """One file's summary and problems, with the facts that key it in the cache."""
    try:
        identity = _identity(os.stat(path))
    except OSError:
        identity = (-1, -1, -1, -1, -1)  # never fresh: load_show says what is wrong
    facts: ShowFacts | None = None
    try:
        show, found = load_show(path)
        facts = ShowFacts.of(show)
    except LoadError as exc:
        found = exc.problems
    device, inode, size, mtime, ctime = identity
    return _Entry(
        key=_key(path),
        device=device,
        inode=inode,
        size=size,
        mtime_ns=mtime,
        ctime_ns=ctime,
        facts=facts,
        problems=tuple(
            _ProblemRecord(line=p.line, col=p.col, message=p.message, warning=p.warning)
            for p in found
        ),
    )


def _index_chunk(paths: list[Path]) -> list[_Entry]:
    return [index_file(path) for path in paths]


def _read_all(
    paths: list[Path], indices: list[int], workers: int | None
) -> Generator[tuple[Sequence[int], list[_Entry]], None, None]:
    """(indices, entries) per batch, in whatever order batches finish.

    With worker processes, the first few files are read here first: the first shows come
    at once (a spawned worker needs a few hundred ms to import). If the processes cannot
    start or one dies, whatever they have not returned is read here.
    """
    count = _workers(workers, len(paths))
    if count <= 1:
        for i in range(0, len(paths), CHUNK):
            yield indices[i : i + CHUNK], _index_chunk(paths[i : i + CHUNK])
        return
    # only here: the process machinery is ~10 ms of imports that a first paint never needs
    import concurrent.futures
    import concurrent.futures.process
    import multiprocessing

    first = FIRST_CHUNK
    chunks = [
        (indices[i : i + CHUNK], paths[i : i + CHUNK]) for i in range(first, len(paths), CHUNK)
    ]
    # fork is fastest, but forking a process that runs other threads (the app) is unsafe
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    pending = dict(enumerate(chunks))
    yield indices[:first], _index_chunk(paths[:first])
    try:
        pool = concurrent.futures.ProcessPoolExecutor(
            count, mp_context=multiprocessing.get_context(method)
        )
    except (OSError, ValueError, NotImplementedError):
        pool = None  # no processes here (a sandbox): read everything in this thread
    try:
        futures = {pool.submit(_index_chunk, c[1]): n for n, c in pending.items()} if pool else {}
        try:
            for future in concurrent.futures.as_completed(futures):
                n = futures[future]
                entries = future.result()
                del pending[n]
                yield chunks[n][0], entries
        except (concurrent.futures.process.BrokenProcessPool, OSError):
            pass  # a worker could not start or died: the rest is read below
        for chunk_indices, chunk_paths in list(pending.values()):
            yield chunk_indices, _index_chunk(chunk_paths)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _workers(asked: int | None, files: int) -> int:
    if asked is not None:
        return max(1, min(asked, (files + CHUNK - 1) // CHUNK))
    if files < MIN_PARALLEL:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


# ---------------------------------------------------------------------------
# The cache


def _key(path: Path) -> str:
    # Not realpath (four lstat calls a file): the device and inode in the entry already
    # tell a symlink that now points elsewhere from the file it pointed to.
    return os.path.abspath(path)


def _identity(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _fresh(path: Path, entry: _Entry) -> bool:
    try:
        identity = _identity(os.stat(path))
    except OSError:
        return False
    return identity == (entry.device, entry.inode, entry.size, entry.mtime_ns, entry.ctime_ns)


def _cache_path(cache_dir: Path, roots: list[Path]) -> Path:
    """One cache file per set of paths opened (the default library, a folder checked...)."""
    joined = "\0".join(os.path.realpath(r) for r in roots)
    digest = hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir / f"index-{digest}.json"


@functools.cache
def _fingerprint() -> str:
    """The program that made a cache: show format, pydantic and the code that reads shows."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}:{pydantic.VERSION}".encode())
    here = Path(__file__).parent
    for name in _SOURCES:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()[:32]


def _read_cache(path: Path, program: str, stats: CacheStats) -> dict[str, _Entry]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        stats.ignored = f"cannot read {path}: {exc.strerror or exc}"
        return {}
    try:
        cache = _CacheFile.model_validate_json(data)
    except (ValidationError, ValueError):
        stats.ignored = f"{path} is not a dramatui index cache"
        return {}
    if cache.program != program:
        stats.ignored = f"{path} was made by another version of dramatui"
        return {}
    return {entry.key: entry for entry in cache.entries}


def _encodable(entry: _Entry) -> bool:
    try:
        entry.model_dump_json()
    except PydanticSerializationError:
        return False
    return True


def _write_cache(path: Path, program: str, entries: list[_Entry]) -> bool:
    cache = _CacheFile(format=CACHE_FORMAT, program=program, entries=tuple(entries))
    try:
        data = cache.model_dump_json().encode()
    except PydanticSerializationError:
        # A file name that is not valid UTF-8 cannot go into JSON: leave those files out
        # of the cache (they are simply read again next time).
        cache = cache.model_copy(update={"entries": tuple(e for e in entries if _encodable(e))})
        data = cache.model_dump_json().encode()
    try:
        write_atomic(path, data)
    except OSError:
        return False  # a cache that cannot be written only costs time
    return True
