"""The state file: atomic, locked read-merge-write; nothing lost to crashes, races or bad files."""

from __future__ import annotations

import errno
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import textwrap
import tomllib
from pathlib import Path

import pytest

from dramatui import locations, state
from dramatui.state import State, write_atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def on_disk(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Ordinary use


def test_marks_and_settings_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "state.toml"
    s = State.open(path)
    assert s.notices == []
    assert s.set_watched("soundtrack-1", [1, 2], True)
    assert s.set_setting("hide_unwatched_titles", True)
    assert s.set_revealed("soundtrack-1", ["r0.s2"])
    assert s.set_watched("soundtrack-1", [2], False)
    again = State.open(path)
    assert again.watched("soundtrack-1") == {1}
    assert again.settings.hide_unwatched_titles is True
    assert again.revealed("soundtrack-1") == {"r0.s2"}
    assert on_disk(path)["watched"] == {"soundtrack-1": [1]}
    assert leftovers(path.parent) == []


def test_two_states_in_one_process_merge(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    a, b = State.open(path), State.open(path)
    assert a.set_watched("x", [1], True)
    assert b.set_watched("x", [2], True)  # b never saw 1, and must not drop it
    assert b.set_watched("y", [5], True)
    assert a.set_setting("reveal_all", True)
    final = State.open(path)
    assert final.watched("x") == {1, 2}
    assert final.watched("y") == {5}
    assert final.settings.reveal_all is True


# ---------------------------------------------------------------------------
# Two processes at once

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dramatui.state import State

    path, first, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    s = State.open(path)
    print("ready", flush=True)
    sys.stdin.readline()  # wait for "go", so both writers run at the same time
    failed = [n for n in range(first, first + count) if not s.set_watched("race", [n], True)]
    print("failed", failed, s.save_error, flush=True)
    """
)


def test_two_processes_marking_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    State.open(path).set_watched("other", [7], True)
    count = 200
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(first), str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for first in (1, 1 + count)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    assert [proc.returncode for proc in procs] == [0, 0]
    assert outputs == ["failed [] None\n", "failed [] None\n"]
    final = State.open(path)
    assert final.watched("race") == set(range(1, 2 * count + 1))
    assert final.watched("other") == {7}
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------------
# Crashes


def test_failed_rename_keeps_the_old_state_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.toml"
    s = State.open(path)
    assert s.set_watched("x", [1], True)
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    assert s.set_watched("x", [2], True) is False
    assert s.save_error == "input/output error"
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    assert s.watched("x") == {1, 2}  # the session goes on in memory


CRASHER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from dramatui.state import State

    s = State.open(Path(sys.argv[1]))
    # die after the temporary file is written and fsynced, before it is renamed
    os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
    s.set_watched("x", [99], True)
    print("not reached")
    """
)


def test_killed_between_write_and_rename_keeps_the_old_state(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    assert State.open(path).set_watched("x", [1], True)
    before = path.read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", CRASHER, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "not reached" not in result.stdout
    assert path.read_bytes() == before
    (temp,) = leftovers(tmp_path)  # the crash left its written temporary file
    assert tomllib.loads((tmp_path / temp).read_text())["watched"]["x"] == [1, 99]
    s = State.open(path)
    assert s.watched("x") == {1}
    assert s.set_watched("x", [2], True)  # the next save clears the leftover
    assert leftovers(tmp_path) == []
    assert State.open(path).watched("x") == {1, 2}


def test_write_atomic_cleans_up_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "file.toml"
    path.write_bytes(b"old")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError) as info:
        write_atomic(path, b"new")
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.toml"]


# ---------------------------------------------------------------------------
# Bad state files are set aside, never silently dropped

BAD_STATES = {
    "syntax": b"version = 1\nwatched = { x = [1, 2\n",
    "truncated": b'version = 1\n[watched]\nx = [1, 2]\n"y',
    "wrong-type": b'version = 1\nwatched = "all of them"\n',
    "wrong-inner-type": b'version = 1\n[watched]\nx = ["one"]\n',
    "unknown-key": b"version = 1\nwachted = 3\n",
    "future-version": b"version = 2\n[watched]\nx = [1]\n",
    "version-not-a-number": b'version = "one"\n',
    "not-utf8": b"version = 1\n# \xff\xfe\n",
    "utf16": "version = 1\n".encode("utf-16"),
    "deep": b"x = " + b"[" * 3000 + b"]" * 3000 + b"\n",
    "huge-int": b"version = " + b"1" * 5000 + b"\n",
}


@pytest.mark.parametrize("kind", sorted(BAD_STATES))
def test_bad_state_file_is_set_aside_with_a_notice(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "state.toml"
    path.write_bytes(BAD_STATES[kind])
    s = State.open(path)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("state.toml.corrupt-")]
    assert len(aside) == 1
    assert aside[0].read_bytes() == BAD_STATES[kind]  # kept, byte for byte
    assert not path.exists()
    (notice,) = s.notices
    assert aside[0].name in notice and "could not be read" in notice
    assert len(notice) < 600
    assert s.watched("x") == frozenset()
    assert s.set_watched("x", [3], True)
    assert State.open(path).watched("x") == {3}
    assert aside[0].read_bytes() == BAD_STATES[kind]


def test_second_bad_file_gets_its_own_name(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    for n in range(3):
        path.write_bytes(b"broken = [" + str(n).encode())
        State.open(path)
    aside = sorted(p.read_bytes() for p in tmp_path.glob("state.toml.corrupt-*"))
    assert aside == [b"broken = [0", b"broken = [1", b"broken = [2"]


def test_file_turning_bad_mid_session_is_set_aside_and_memory_kept(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    s = State.open(path)
    assert s.set_watched("x", [1, 2], True)
    path.write_bytes(b"garbage = [")  # something else scribbled over it
    assert s.set_watched("x", [3], True)
    assert State.open(path).watched("x") == {1, 2, 3}
    assert any("corrupt-" in n for n in s.notices)
    assert len(list(tmp_path.glob("state.toml.corrupt-*"))) == 1


def test_state_path_that_is_a_fifo_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    os.mkfifo(path)
    s = State.open(path)
    assert s.notices and "Cannot read" in s.notices[0]
    assert s.set_watched("x", [1], True) is False
    assert s.save_error == "not a regular file"
    assert s.watched("x") == {1}


# ---------------------------------------------------------------------------
# Cannot save: the session goes on and says so


def test_disk_full_reports_and_keeps_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.toml"
    s = State.open(path)
    assert s.set_watched("x", [1], True)
    before = path.read_bytes()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert s.set_watched("x", [2], True) is False
    assert s.save_error == "no space left on device"
    assert s.watched("x") == {1, 2}
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    # space again: the next save writes the mark that failed as well
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert s.set_watched("x", [3], True)
    assert s.save_error is None
    assert State.open(path).watched("x") == {1, 2, 3}


def test_unwritable_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as any user: creating files in the folder is refused."""
    path = tmp_path / "state.toml"
    assert State.open(path).set_watched("x", [1], True)

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    s = State.open(path)
    assert s.watched("x") == {1}
    assert s.set_watched("x", [2], True) is False
    assert s.save_error == "permission denied"
    assert s.set_setting("reveal_all", True) is False
    assert s.watched("x") == {1, 2} and s.settings.reveal_all
    assert on_disk(path)["watched"] == {"x": [1]}


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes into read-only folders; see the simulated variant"
)
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "state.toml"
    assert State.open(path).set_watched("x", [1], True)
    folder.chmod(0o500)
    try:
        s = State.open(path)
        assert s.watched("x") == {1}
        assert s.set_watched("x", [2], True) is False
        assert s.save_error == "permission denied"
        assert s.watched("x") == {1, 2}
    finally:
        folder.chmod(0o700)


def test_lock_held_elsewhere_times_out_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    path = tmp_path / "state.toml"
    monkeypatch.setattr(state, "LOCK_TIMEOUT", 0.2)
    held = FileLock(str(path) + ".lock")
    s = State.open(path)
    with held:
        # a second lock object on the same file, as another process would hold it
        assert s.set_watched("x", [1], True) is False
    assert s.save_error == "another dramatui is holding the state file lock"
    assert s.set_watched("x", [2], True)
    assert State.open(path).watched("x") == {1, 2}


def test_no_home_folder_works_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    def homeless() -> pathlib.Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(pathlib.Path, "home", homeless)
    assert locations.state_file(env={}) is None
    s = State.open(locations.state_file(env={}))
    assert s.notices == ["No home folder: watch progress cannot be saved in this session."]
    assert s.set_watched("x", [1, 2], True) is False
    assert s.save_error == "no home folder"
    assert s.watched("x") == {1, 2}
    assert s.set_setting("hide_unwatched_scores", True) is False
    assert s.settings.hide_unwatched_scores


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('watched = "all of them"', "watched: input should be a valid dictionary"),
        (
            '[watched]\nx = [1, "one"]',
            "watched.x.1: input should be a valid integer, unable to parse string as an integer",
        ),
        (
            "[watched]\nx = [1.5]",
            "watched.x.0: input should be a valid integer, got a number with a fractional part",
        ),
        ('[revealed]\nx = "r0.s1"', "revealed.x: input should be a valid list"),
        ("wachted = 3", "wachted: extra inputs are not permitted"),
        ("settings = 3", "settings: input should be a valid dictionary or instance of settings"),
        (
            '[settings]\nreveal_all = "maybe"',
            "settings.reveal_all: input should be a valid boolean, unable to interpret input",
        ),
        ("[settings]\ntheme = 3", "settings.theme: input should be a valid string"),
    ],
)
def test_a_bad_state_file_is_told_where_and_why(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "state.toml"
    path.write_text("version = 1\n" + text + "\n", encoding="utf-8")
    (notice,) = State.open(path).notices
    assert f"could not be read ({why})" in notice


def test_state_values_read_as_they_always_were(tmp_path: Path) -> None:
    """Loose values another tool may write are read, not set aside."""
    path = tmp_path / "state.toml"
    path.write_text(
        'version = 1.0\n[settings]\nreveal_all = "yes"\nhide_unwatched_titles = 1\n'
        'later_setting = "kept out"\n[watched]\nx = ["3", 2.0, true, " 4 "]\n',
        encoding="utf-8",
    )
    s = State.open(path)
    assert s.notices == []
    assert s.settings.reveal_all is True and s.settings.hide_unwatched_titles is True
    assert s.watched("x") == {1, 2, 3, 4}
    assert s.set_watched("x", [5], True)
    assert on_disk(path)["watched"] == {"x": [1, 2, 3, 4, 5]}
