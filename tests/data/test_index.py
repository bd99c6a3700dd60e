"""The show index and its cache: same shows and problems as each file loaded on its own, faster."""

from __future__ import annotations

import concurrent.futures
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dramatui.__main__ import main
from dramatui.library import (
    Index,
    LoadError,
    Problem,
    build_index,
    find_files,
    load_show,
    peek_index,
)
from dramatui.library import index as index_mod
from dramatui.library.validation import duplicate_ids

DATA = Path(__file__).resolve().parents[2] / "data"

SHOW = """format = 1

[show]
id = "{id}"
title = "{title}"
network = "tvN"
genres = ["Romance", "Music"]
score_scale = 10

[[episodes]]
number = 1
score = 7
synopsis = "Mi-rae meets the pianist."

[[episodes]]
number = 2
score = 9.5
synopsis = "SECRET-TWIST the pianist is her brother."

[[reviews]]
headline = "A warm start"

[[reviews.sections]]
heading = "Verdict"
body = "Lovely. ||HIDDEN-INLINE the brother reveal.||"

[[reviews.sections]]
spoils = 2
body = "HIDDEN-SECTION the finale."
"""

BROKEN = {
    "syntax.toml": 'format = 1\n[show]\ntitle = "x\n',
    "invalid.toml": 'format = 1\n[show]\ntitle = "Bad"\nscore_scale = 7\n',
    "unclosed.toml": 'format = 1\n[show]\ntitle = "Warn"\nsynopsis = "An ||open marker"\n',
    "empty.toml": "",
    "utf16.toml": None,  # written as bytes below
    "sub/dup-a.toml": SHOW.format(id="twin", title="Twin A"),
    "sub/dup-b.toml": SHOW.format(id="twin", title="Twin B"),
    "nested.toml": "format = 1\nx = " + "[" * 3000 + "]" * 3000 + "\n",
}


def make_library(root: Path, good: int = 5) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "soundtrack-1.toml", root / "soundtrack-1.toml")
    for i in range(good):
        (root / f"show-{i}.toml").write_text(
            SHOW.format(id=f"show-{i}", title=f"Show {9 - i}"), encoding="utf-8"
        )
    for name, text in BROKEN.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.write_bytes("format = 1\n".encode("utf-16"))
        else:
            path.write_text(text, encoding="utf-8")
    return root


def as_loaded(ix: Index) -> tuple[list[tuple[str, str, Path]], list[str]]:
    return [(s.id, s.title, s.path) for s in ix.shows], [str(p) for p in ix.problems]


def reference(paths: list[Path]) -> tuple[list[tuple[str, str, Path]], list[str]]:
    """Each file through load_show on its own, in file order (no index, cache or workers)."""
    problems: list[Problem] = []
    shows: list[tuple[str, str, Path]] = []
    for path in find_files(paths, problems):
        try:
            show, warnings = load_show(path)
        except LoadError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(warnings)
        shows.append((show.id, show.show.title, path))
    dropped, twins = duplicate_ids((show_id, path) for show_id, _, path in shows)
    problems.extend(twins)
    kept = sorted((s for s in shows if s[0] not in dropped), key=lambda s: (s[1].casefold(), s[0]))
    return kept, [str(p) for p in problems]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "shows")


def test_same_shows_and_problems_as_each_file_loaded_alone(library: Path, tmp_path: Path) -> None:
    expected = reference([library])
    assert any("twin" in p for p in expected[1])  # the fixture does hold every kind
    assert any("warning:" in p for p in expected[1])
    assert as_loaded(build_index([library])) == expected
    cache = tmp_path / "cache"
    cold = build_index([library], cache_dir=cache)
    warm = build_index([library], cache_dir=cache)
    assert as_loaded(cold) == as_loaded(warm) == expected
    assert (cold.cache.hits, cold.cache.misses, cold.cache.written) == (0, cold.files, True)
    assert (warm.cache.hits, warm.cache.misses, warm.cache.written) == (warm.files, 0, False)


def test_worker_processes_give_the_same_index(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_mod, "CHUNK", 3)
    monkeypatch.setattr(index_mod, "FIRST_CHUNK", 2)
    seen: list[int] = []
    parallel = build_index([library], workers=2, progress=lambda p: seen.append(p.done))
    assert as_loaded(parallel) == reference([library])
    assert seen[0] == 0 and seen[-1] == parallel.files and seen == sorted(seen)


def test_summaries_hold_what_the_list_needs_and_no_spoiler_text(
    library: Path, tmp_path: Path
) -> None:
    ix = build_index([library], cache_dir=tmp_path / "cache")
    show = ix.by_id("show-0")
    assert show is not None
    summary = show.facts
    assert (summary.title, summary.network, summary.genres) == (
        "Show 9",
        "tvN",
        ("Romance", "Music"),
    )
    assert (summary.episodes, summary.last_episode, summary.scores) == (
        (1, 2),
        2,
        ((1, 7), (2, 9.5)),
    )
    assert (summary.score_scale, summary.reviews) == (10, 1)
    cached = b"".join(p.read_bytes() for p in (tmp_path / "cache").iterdir())
    for secret in (b"SECRET-TWIST", b"HIDDEN-INLINE", b"HIDDEN-SECTION", b"Mi-rae"):
        assert secret not in cached


def test_edit_new_and_deleted_files(library: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_index([library], cache_dir=cache)
    edited = library / "show-1.toml"
    edited.write_text(SHOW.format(id="show-1", title="Renamed"), encoding="utf-8")
    (library / "show-2.toml").unlink()
    (library / "new.toml").write_text(SHOW.format(id="new", title="New"), encoding="utf-8")
    ix = build_index([library], cache_dir=cache)
    assert (ix.cache.misses, ix.cache.dropped) == (2, 1)
    assert as_loaded(ix) == reference([library])
    titles = {s.id: s.title for s in ix.shows}
    assert titles["show-1"] == "Renamed" and titles["new"] == "New" and "show-2" not in titles


def test_same_size_edit_with_the_old_mtime_is_seen(library: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = library / "show-3.toml"
    before = os.stat(path)
    build_index([library], cache_dir=cache)
    path.write_text(SHOW.format(id="show-3", title="Show X"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    ix = build_index([library], cache_dir=cache)
    assert ix.cache.misses == 1
    assert next(s.title for s in ix.shows if s.id == "show-3") == "Show X"


def test_a_fixed_file_loses_its_problem(library: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert any("syntax.toml" in str(p) for p in build_index([library], cache_dir=cache).problems)
    (library / "syntax.toml").write_text(SHOW.format(id="fixed", title="Fixed"), encoding="utf-8")
    ix = build_index([library], cache_dir=cache)
    assert not any("syntax.toml" in str(p) for p in ix.problems)
    assert ix.by_id("fixed") is not None


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json",
        b'{"format": 1, "program": "x", "entries": "nope"}',
        b"[]",
        b'{"format": 99, "program": "x", "entries": []}',
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["garbage", "wrong-shape", "not-an-object", "other-format", "deep"],
)
def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(
    library: Path, tmp_path: Path, content: bytes
) -> None:
    cache = tmp_path / "cache"
    build_index([library], cache_dir=cache)
    (cache_file,) = cache.glob("index-????????????????.json")
    cache_file.write_bytes(content)
    ix = build_index([library], cache_dir=cache)
    assert ix.cache.ignored and ix.cache.hits == 0 and ix.cache.written
    assert as_loaded(ix) == reference([library])
    assert build_index([library], cache_dir=cache).cache.hits == ix.files


CORRUPTIONS = {
    "title-not-text": lambda e: e["facts"].update(title=5),
    "year-true": lambda e: e["facts"].update(year=True),
    "scale-not-allowed": lambda e: e["facts"].update(score_scale=7),
    "score-pair-short": lambda e: e["facts"].update(scores=[[1]]),
    "genre-not-text": lambda e: e["facts"].update(genres=["Romance", 1]),
    "unknown-fact": lambda e: e["facts"].update(synopsis="SECRET-TWIST"),
    "missing-inode": lambda e: e.pop("inode"),
    "facts-a-list": lambda e: e.update(facts=["title"]),
    "problem-line-text": lambda e: e.update(problems=[{"line": "1", "col": 1, "message": "m"}]),
}


@pytest.mark.parametrize("corrupt", sorted(CORRUPTIONS))
def test_cache_with_a_bad_entry_is_not_trusted(library: Path, tmp_path: Path, corrupt: str) -> None:
    """The program fingerprint matches: only the check of every value stands in the way."""
    cache = tmp_path / "cache"
    build_index([library], cache_dir=cache)
    for cache_file in cache.glob("index-*.json"):  # the cache and its head file
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        entry = next(e for e in data["entries"] if e["facts"])
        CORRUPTIONS[corrupt](entry)
        cache_file.write_text(json.dumps(data), encoding="utf-8")
    assert peek_index([library], cache_dir=cache) is None
    ix = build_index([library], cache_dir=cache)
    assert ix.cache.ignored and ix.cache.hits == 0 and ix.cache.written
    assert as_loaded(ix) == reference([library])
    assert peek_index([library], cache_dir=cache) is not None


def test_cache_from_another_program_version_is_rebuilt(library: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_index([library], cache_dir=cache)
    (cache_file,) = cache.glob("index-????????????????.json")
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    data["program"] = "0" * 32
    for entry in data["entries"]:  # a foreign cache that claims other titles
        if entry["facts"]:
            entry["facts"]["title"] = "Forged"
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    ix = build_index([library], cache_dir=cache)
    assert "another version" in (ix.cache.ignored or "")
    assert "Forged" not in {s.title for s in ix.shows}


def test_unwritable_cache_folder_only_costs_time(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    ix = build_index([library], cache_dir=blocker / "cache")
    assert not ix.cache.written
    assert as_loaded(ix) == reference([library])


def test_load_parses_the_full_show_on_demand(library: Path) -> None:
    ix = build_index([library])
    show = ix.load("show-4")
    assert show == load_show(library / "show-4.toml")[0]
    assert show.episodes[1].synopsis == "SECRET-TWIST the pianist is her brother."
    (library / "show-4.toml").write_text(SHOW.format(id="other", title="O"), encoding="utf-8")
    with pytest.raises(LoadError, match="now holds show 'other'"):
        ix.load("show-4")
    with pytest.raises(KeyError):
        ix.load("no-such-show")


# ---------------------------------------------------------------------------
# rtoml and tomllib


TOML_CASES = {
    "trailing comma in an inline table (TOML 1.1)": "format = 1\nx = {a = 1,}\n",
    "time without seconds (TOML 1.1)": "format = 1\nx = 07:32\n",
    "\\e escape (TOML 1.1)": 'format = 1\nx = "\\e"\n',
    "duplicate key": "format = 1\nformat = 1\n",
    "bare carriage return": "format = 1\r[show]\n",
    "integer past 64 bits": "format = 99999999999999999999\n",
    "huge integer": "format = " + "9" * 6000 + "\n",
    "nested 3000 deep": "format = 1\nx = " + "[" * 3000 + "]" * 3000 + "\n",
    "unclosed table": 'format = 1\n[show\ntitle = "x"\n',
    "bad date": 'format = 1\n[show]\ntitle = "T"\n[[episodes]]\nnumber = 1\naired = 2022-13-01\n',
    "datetime for a date": 'format = 1\n[show]\ntitle = "T"\n[[episodes]]\n'
    "number = 1\naired = 2022-01-01T10:00:00Z\n",
    "error at end": 'format = 1\n[show]\ntitle = "T"\nx = ',
}


def _outcome(path: Path, fast: bool) -> object:
    try:
        return load_show(path, fast=fast)
    except LoadError as exc:
        return [str(p) for p in exc.problems]


@pytest.mark.parametrize("name", sorted(TOML_CASES))
def test_rtoml_and_tomllib_agree_on_odd_toml(name: str, tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    path.write_text(TOML_CASES[name], encoding="utf-8")
    assert _outcome(path, fast=True) == _outcome(path, fast=False)


def test_rtoml_and_tomllib_agree_on_every_fixture(library: Path) -> None:
    files = sorted(library.rglob("*.toml")) + sorted(DATA.glob("*.toml"))
    assert len(files) > 10
    for path in files:
        assert _outcome(path, fast=True) == _outcome(path, fast=False), path


def test_deep_nesting_never_reaches_rtoml(tmp_path: Path) -> None:
    # rtoml would overflow the stack and kill the process: run it where that shows
    script = (
        "import sys; from pathlib import Path; from dramatui.library import load_show, LoadError\n"
        "p = Path(sys.argv[1]); p.write_text('format = 1\\nx = ' + '[\\n' * 100000)\n"
        "try: load_show(p)\nexcept LoadError as e: print(e.problems[0].message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "deep.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "nested too deeply" in done.stdout


# ---------------------------------------------------------------------------
# dramatui check


def test_check_output_is_the_same_with_and_without_cache(
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    runs = []
    for _ in range(2):
        code = main(["check", str(library)])
        out, err = capsys.readouterr()
        runs.append((code, out))
        assert err == ""  # not a terminal: no progress bar
    assert runs[0] == runs[1]
    code, out = runs[0]
    lines = out.splitlines()
    assert code == 1
    assert lines[:-1] == reference([library])[1]
    assert lines[-1].startswith("7 shows ok, ")  # soundtrack + 5 + unclosed (warning only)
    assert list((tmp_path / "xdg-cache" / "dramatui").glob("index-*.json"))


def test_check_draws_a_progress_bar_on_a_terminal_and_erases_it(
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setattr(sys, "stderr", terminal)
    main(["check", str(library)])
    drawn = terminal.getvalue()
    assert f"\rchecking [{'#' * 30}] 14/14 files" in drawn
    assert drawn.endswith("\r\x1b[K")
    assert "checking" not in capsys.readouterr().out


def test_index_module_does_not_import_textual() -> None:
    code = "import sys, dramatui.library.index; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_progress_can_stop_indexing(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_mod, "CHUNK", 2)
    monkeypatch.setattr(index_mod, "FIRST_CHUNK", 2)
    calls: list[int] = []

    def stop(progress: index_mod.Progress) -> None:
        calls.append(progress.done)
        if progress.done:
            raise index_mod.IndexCancelled

    with pytest.raises(index_mod.IndexCancelled):
        build_index([library], cache_dir=tmp_path / "cache", workers=2, progress=stop)
    assert len(calls) == 2 and calls[1] < 14
    assert not (tmp_path / "cache").exists()


def test_peek_gives_the_first_shows_until_one_changes(library: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert peek_index([library], cache_dir=cache) is None
    ix = build_index([library], cache_dir=cache)
    peek = peek_index([library], cache_dir=cache)
    assert peek is not None and peek.total == len(ix.shows)
    assert [(s.id, s.title) for s in peek.shows] == [(s.id, s.title) for s in ix.shows]
    assert peek_index([library / "sub"], cache_dir=cache) is None  # other paths
    (library / "show-0.toml").write_text(SHOW.format(id="show-0", title="Moved"), encoding="utf-8")
    assert peek_index([library], cache_dir=cache) is None
    build_index([library], cache_dir=cache)
    peek = peek_index([library], cache_dir=cache)
    assert peek is not None and "Moved" in [s.title for s in peek.shows]
    (head,) = cache.glob("*.head.json")
    head.write_bytes(b"{not json")
    assert peek_index([library], cache_dir=cache) is None


class _NoProcesses:
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise OSError("no semaphores here")


class _DyingProcesses:
    def __init__(self, *args: object, **kwargs: object) -> None:
        self.submitted = 0

    def submit(self, fn: object, *args: object) -> concurrent.futures.Future[object]:
        future: concurrent.futures.Future[object] = concurrent.futures.Future()
        self.submitted += 1
        if self.submitted == 1:
            future.set_result(index_mod._index_chunk(*args))  # type: ignore[arg-type]
        else:
            future.set_exception(concurrent.futures.process.BrokenProcessPool("killed"))
        return future

    def shutdown(self, **kwargs: object) -> None:
        pass


@pytest.mark.parametrize("pool", [_NoProcesses, _DyingProcesses], ids=["no-start", "dies"])
def test_workers_that_cannot_start_or_die_leave_the_work_to_this_thread(
    library: Path, monkeypatch: pytest.MonkeyPatch, pool: type
) -> None:
    monkeypatch.setattr(index_mod, "CHUNK", 3)
    monkeypatch.setattr(index_mod, "FIRST_CHUNK", 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", pool)
    seen: list[int] = []
    ix = build_index([library], workers=2, progress=lambda p: seen.append(p.done))
    assert as_loaded(ix) == reference([library])
    assert seen[-1] == ix.files


def test_a_file_name_that_is_not_utf8_is_cached_too(tmp_path: Path) -> None:
    """Its lone surrogates go into the JSON as escapes and come back as the same name."""
    folder = tmp_path / "shows"
    folder.mkdir()
    odd = os.fsdecode(os.fsencode(folder) + b"/caf\xe9-\\x.toml")
    shutil.copy(DATA / "soundtrack-1.toml", odd)
    cache = tmp_path / "cache"
    cold = build_index([folder], cache_dir=cache)
    assert [s.path for s in cold.shows] == [Path(odd)] and cold.cache.written
    warm = build_index([folder], cache_dir=cache)
    assert warm.cache.hits == 1 and warm.cache.ignored is None
    assert [s.path for s in warm.shows] == [Path(odd)]
    peek = peek_index([folder], cache_dir=cache)
    assert peek is not None and [s.path for s in peek.shows] == [Path(odd)]
