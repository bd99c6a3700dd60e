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
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dramatui import locations, state, state_file
from dramatui.spoilers import reveal_key
from dramatui.state import State, write_atomic
from dramatui.state_file import SETTING_NAMES

from helpers import race_writers


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
    assert s.set_revealed("soundtrack-1", ["0123456789abcdef"])
    assert s.set_watched("soundtrack-1", [2], False)
    again = State.open(path)
    assert again.watched("soundtrack-1") == {1}
    assert again.settings.hide_unwatched_titles is True
    assert again.revealed("soundtrack-1") == {"0123456789abcdef"}
    assert on_disk(path)["watched"] == {"soundtrack-1": [1]}
    assert leftovers(path.parent) == []


def test_reveals_saved_by_position_are_dropped_and_told_once(tmp_path: Path) -> None:
    """A state file from before reveal keys named the text: its position keys (``r0.s1``)
    could open other text after an edit, so they are read, dropped and told once."""
    path = tmp_path / "state.toml"
    path.write_text(
        "version = 1\n[settings]\nremember_reveals = true\n"
        '[watched]\nx = [1]\n[revealed]\nx = ["r0.s1", "0123456789abcdef"]\ny = ["e2.title"]\n'
    )
    first = State.open(path)
    assert first.revealed("x") == {"0123456789abcdef"} and first.revealed("y") == set()
    [notice] = first.notices
    assert notice.startswith("2 remembered reveals were saved by an older dramatui")
    assert "hidden again" in notice
    assert first.watched("x") == {1} and first.settings.remember_reveals
    assert on_disk(path)["revealed"] == {"x": ["0123456789abcdef"]}
    assert State.open(path).notices == []  # told once


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
    codes, outputs = race_writers(WRITER, path, count)
    assert codes == [0, 0]
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


def test_a_state_file_dramatui_wrote_is_read_without_pydantic(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    s = State.open(path)
    s.set_watched("x", [1, 3], True)
    s.set_revealed("x", [reveal_key("section", "a review", "hidden words")])
    s.set_setting("reveal_all", True)
    s.set_setting("theme", "nord")
    code = (
        "import sys\nfrom pathlib import Path\nfrom dramatui.state import State\n"
        f"s = State.open(Path({str(path)!r}))\n"
        "assert s.notices == [] and s.watched('x') == {1, 3}, s.notices\n"
        "assert s.settings.reveal_all and s.settings.theme == 'nord'\n"
        "print('pydantic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


state_values = st.one_of(
    st.integers(), st.booleans(), st.text(max_size=5), st.floats(allow_nan=False), st.none()
)


@given(
    settings=st.dictionaries(
        st.sampled_from([*SETTING_NAMES, "later_setting"]), state_values, max_size=4
    ),
    watched=st.dictionaries(st.text(max_size=3), st.lists(state_values, max_size=3), max_size=3),
    revealed=st.dictionaries(st.text(max_size=3), st.lists(state_values, max_size=3), max_size=3),
)
def test_the_strict_reading_agrees_with_pydantic_wherever_it_answers(
    settings: dict[str, Any], watched: dict[str, Any], revealed: dict[str, Any]
) -> None:
    """What dramatui writes is read by exact types; pydantic (lax) says the same of it."""
    data = {"version": 1, "settings": settings, "watched": watched, "revealed": revealed}
    strict = state_file._as_written(data)
    try:
        lax = state_file._checked(data)
    except state_file.StateFileError:
        assert strict is None
        return
    assert strict is None or strict == lax
