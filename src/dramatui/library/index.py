"""The show index: what the show list, filter and progress need, for a whole library, fast.

:func:`build_index` turns show files into small :class:`ShowFacts` records (no episode
synopses, no review text: nothing that could spoil) and every problem of every file
(:func:`dramatui.library.validation.load_show`), in file order. Files are read in
worker processes when there are many, and the result of each file is kept in the cache
(:mod:`dramatui.library.cache`): an edited or new file is read again, a deleted one dropped.

Full shows are loaded on demand with :meth:`Index.load`. Nothing here knows about the screen.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dramatui.library.cache import (
    HEAD,
    CacheStats,
    Entry,
    ProblemRecord,
    cache_path,
    fingerprint,
    fresh,
    head_path,
    identity,
    key,
    read_cache,
    write_cache,
    write_head,
)
from dramatui.library.facts import IndexedShow, ShowFacts
from dramatui.library.reading import LoadError, Problem, find_files
from dramatui.library.validation import duplicate_ids, load_show
from dramatui.model import ShowFile

CHUNK = 64
"""Files per task handed to a worker process."""

FIRST_CHUNK = 16
"""Files read in the calling thread while worker processes start."""

MIN_PARALLEL = 256
"""Below this many files to read, worker processes cost more than they save."""


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
class Index:
    """Every good show's summary, sorted by title, and every problem, in file order."""

    shows: list[IndexedShow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    cache: CacheStats = field(default_factory=CacheStats)
    _by_id: dict[str, IndexedShow] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {s.id: s for s in self.shows}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

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
    """Index every show file under *paths*: the one way a library is loaded.

    *cache_dir* None means no cache. *progress* is called in the calling thread after each
    batch of files; it may raise (e.g. :class:`IndexCancelled` when the user quits) to stop
    at once: the worker processes are shut down and nothing is written. *workers* is the
    number of processes (default: one per CPU, and none for a few files).
    """
    roots = list(paths)
    problems: list[Problem] = []
    files = find_files(roots, problems)
    cache_file = cache_path(cache_dir, roots) if cache_dir is not None else None
    stats = CacheStats()
    program = fingerprint()
    cached = read_cache(cache_file, program, stats) if cache_file is not None else {}

    entries: list[Entry | None] = [None] * len(files)
    todo: list[int] = []
    for i, path in enumerate(files):
        entry = cached.get(key(path)) if cached else None
        if entry is not None and fresh(path, entry):
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
        stats.written = write_cache(cache_file, program, final)
    index = _assemble(files, entries, problems, stats)
    head_file = head_path(cache_file) if cache_file is not None else None
    if head_file is not None and (stats.written or not head_file.exists()):
        by_key = {e.key: e for e in final}
        head = [by_key[key(s.path)] for s in index.shows[:HEAD]]
        write_head(head_file, program, len(index.shows), head)
    return index


def _assemble(
    files: list[Path], entries: list[Entry | None], problems: list[Problem], stats: CacheStats
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
    shows.sort(key=lambda s: s.list_order)
    return Index(shows=shows, problems=problems, files=len(files), cache=stats)


# ---------------------------------------------------------------------------
# Reading files (in this process or in workers)


def index_file(path: Path) -> Entry:
    """One file's summary and problems, with the facts that key it in the cache."""
    try:
        stat = identity(os.stat(path))
    except OSError:
        stat = (-1, -1, -1, -1, -1)  # never fresh: load_show says what is wrong
    facts: ShowFacts | None = None
    try:
        show, found = load_show(path)
        facts = ShowFacts.of(show)
    except LoadError as exc:
        found = exc.problems
    device, inode, size, mtime, ctime = stat
    return Entry(
        key=key(path),
        device=device,
        inode=inode,
        size=size,
        mtime_ns=mtime,
        ctime_ns=ctime,
        facts=facts,
        problems=tuple(
            ProblemRecord(line=p.line, col=p.col, message=p.message, warning=p.warning)
            for p in found
        ),
    )


def _index_chunk(paths: list[Path]) -> list[Entry]:
    return [index_file(path) for path in paths]


def _read_all(
    paths: list[Path], indices: list[int], workers: int | None
) -> Generator[tuple[Sequence[int], list[Entry]], None, None]:
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
