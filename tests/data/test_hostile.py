"""`dramatui check` and the loader over a generated corpus of broken and hostile files.

Every bad file is reported as file:line:col: plain message; nothing raises, nothing
hangs, the output carries no control characters, and the good shows still load.
"""

from __future__ import annotations

import faulthandler
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dramatui.__main__ import main
from dramatui.library import MAX_MESSAGE_CHARS, Problem, build_index
from dramatui.safe_text import safe_line

from hostile.corpus import Case, forbidden, make_corpus, remove_tree

PER_FILE_SECONDS = 10.0
"""A generous limit for checking one file; the slowest (8 MiB refused, 200 kB body) take ~0.1 s."""

LINE = re.compile(r"^(?P<where>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Case]]]:
    folder = tmp_path_factory.mktemp("hostile")
    yield folder, make_corpus(folder)
    remove_tree(folder)  # pytest's own clean-up recurses and fails on the deep folders


def hang_guard(seconds: float) -> None:
    """Should a call hang, end the test run with a traceback dump rather than wait forever."""
    faulthandler.dump_traceback_later(seconds, exit=True, file=sys.__stderr__)


def shown(folder: Path, name: str) -> str:
    """How a file's path appears in check output (sanitised like every problem)."""
    return safe_line(str(folder / name))


def assert_report(folder: Path, cases: list[Case], output: str) -> None:
    """The check output names every bad file with line, column and its message."""
    assert "Traceback" not in output
    assert not [ch for ch in output if forbidden(ch)], "control characters in check output"
    lines = output.rstrip("\n").split("\n")
    summary = lines.pop()
    goods = sum(1 for c in cases if c.good)
    assert summary.startswith(f"{goods} shows ok, "), summary
    parsed = []
    for line in lines:
        match = LINE.match(line)
        assert match, f"not file:line:col: message: {line[:200]!r}"
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1
        assert len(match["message"]) <= MAX_MESSAGE_CHARS
        parsed.append(match)
    by_file: dict[str, list[re.Match[str]]] = {}
    for match in parsed:
        by_file.setdefault(match["where"], []).append(match)
    for case in cases:
        reports = by_file.get(shown(folder, case.name), [])
        if case.good:
            assert not reports, f"{case.name} is good but was reported: {reports[0][0][:200]}"
            continue
        assert reports, f"{case.name} was not reported"
        assert any(case.says in m["message"] for m in reports), (
            case.name,
            [m["message"][:200] for m in reports],
        )
        if case.line is not None:
            assert any(int(m["line"]) == case.line for m in reports), (
                case.name,
                [m[0][:200] for m in reports],
            )
    # nothing is reported about a file that is not in the corpus (e.g. inside folder.toml)
    names = {shown(folder, c.name) for c in cases}
    assert set(by_file) <= names, set(by_file) - names


def test_check_in_a_subprocess(corpus: tuple[Path, list[Case]]) -> None:
    folder, cases = corpus
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "dramatui", "check", str(folder)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    elapsed = time.perf_counter() - start
    stdout = result.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1, stderr[-2000:]
    assert stderr == ""
    assert_report(folder, cases, stdout)
    assert elapsed < 30, f"check over the corpus took {elapsed:.1f}s"


def test_check_in_process(
    corpus: tuple[Path, list[Case]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, cases = corpus
    hang_guard(60)
    try:
        code = main(["check", str(folder)])
    finally:
        faulthandler.cancel_dump_traceback_later()
    out, err = capsys.readouterr()
    assert code == 1
    assert err == ""
    assert_report(folder, cases, out)


def test_each_file_alone_in_time(
    corpus: tuple[Path, list[Case]], capsys: pytest.CaptureFixture[str]
) -> None:
    """`check FILE` for every file on its own, each under a time limit, nothing raised."""
    folder, cases = corpus
    slow: list[str] = []
    for case in cases:
        hang_guard(PER_FILE_SECONDS * 3)
        start = time.perf_counter()
        try:
            code = main(["check", str(folder / case.name)])
        finally:
            faulthandler.cancel_dump_traceback_later()
        elapsed = time.perf_counter() - start
        out, err = capsys.readouterr()
        if elapsed > PER_FILE_SECONDS:
            slow.append(f"{case.name}: {elapsed:.1f}s")
        expected = 0 if case.good or case.alone_ok else 1
        assert code == expected, (case.name, out[-500:], err[-500:])
        assert "Traceback" not in out + err
        assert not [ch for ch in out + err if forbidden(ch)], case.name
        if expected:
            assert out.startswith(shown(folder, case.name) + ":"), (case.name, out[:300])
            assert case.says in out, (case.name, out[:300])
    assert not slow, slow


@pytest.mark.parametrize("name", ["fifo.toml", "zero.toml", "loop-a.toml", "too-big.toml"])
def test_dangerous_files_do_not_block_a_subprocess(
    corpus: tuple[Path, list[Case]], name: str
) -> None:
    folder, _ = corpus
    result = subprocess.run(
        [sys.executable, "-m", "dramatui", "check", str(folder / name)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.decode().startswith(f"{folder / name}:1:1: ")
    assert b"Traceback" not in result.stderr


def test_good_shows_load_beside_bad_ones(corpus: tuple[Path, list[Case]]) -> None:
    folder, cases = corpus
    library = build_index([folder])
    loaded = {str(s.path.relative_to(folder)) for s in library.shows}
    assert loaded == {c.name for c in cases if c.good}
    reported = {str(p.path.relative_to(folder)) for p in library.errors}
    assert reported == {c.name for c in cases if not c.good}
    assert library.warnings == []
    by_name = {str(s.path.relative_to(folder)): library.load(s.id) for s in library.shows}
    assert len(by_name["good-500-episodes.toml"].episodes) == 500
    assert len(by_name["good-200k-body.toml"].reviews[0].sections[0].body) >= 200_000
    assert "w" * 5000 in by_name["good-5000-char-word.toml"].reviews[0].sections[0].body
    # hostile text is kept as data (sanitising happens on the way to the screen)
    assert "[@click=app.quit]" in by_name["good-markup-and-escapes.toml"].show.title


def test_library_loads_in_normal_time(corpus: tuple[Path, list[Case]]) -> None:
    folder, _ = corpus
    start = time.perf_counter()
    build_index([folder])
    assert time.perf_counter() - start < 10


def test_problem_message_is_one_clean_bounded_line() -> None:
    echoed = "\x1b]52;c;SGVsbG8=\x07\u202e" + "v" * 100_000 + "\nsecond line\x9b31m"
    problem = Problem(Path("x\x1b[2J.toml"), 3, 7, f"unknown key `{echoed}`")
    assert len(problem.message) <= MAX_MESSAGE_CHARS
    assert problem.message.endswith("…")
    assert not [ch for ch in problem.message if forbidden(ch) or ch == "\n"]
    text = str(problem)
    assert text.startswith("x.toml:3:7: unknown key `v")  # the CSI went whole
    assert not [ch for ch in text if forbidden(ch) or ch == "\n"]


def test_symlinked_folder_cycle_and_deep_nesting_terminate(tmp_path: Path) -> None:
    """A folder tree 1,500 deep (past the recursion limit) with a symlink back to the top."""
    here = tmp_path
    for _ in range(1500):
        here = here / "n"
        here.mkdir()
    (here / "bottom.toml").write_text('format = 1\n[show]\ntitle = "Bottom"\n')
    os.symlink(tmp_path, here / "up")
    library = build_index([tmp_path])
    assert [s.title for s in library.shows] == ["Bottom"]
    assert library.problems == []
    remove_tree(tmp_path / "n")


def test_check_on_an_ascii_terminal_does_not_crash(corpus: tuple[Path, list[Case]]) -> None:
    folder, _ = corpus
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "dramatui", "check", str(folder)],
        capture_output=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode("ascii")  # unshowable characters became "?"
    assert "name-not-utf8-??.toml:1:1: format 3 is not supported" in out


def test_usage_error_naming_a_hostile_path_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "\x1b]52;c;QUJD\x07gone\u202e.toml"
    assert main(["check", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"dramatui: error: no such file or folder: {tmp_path}/gone.toml\n"
