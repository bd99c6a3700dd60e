"""Your ratings, notes, watch times, last position and sort choice in the state file."""

from __future__ import annotations

import datetime as dt
import textwrap
import tomllib
from pathlib import Path

from dramatui.state import SHOW, Position, State

from helpers import race_writers

T1 = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


def on_disk(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_watch_marks_keep_the_time_they_were_first_made(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    s = State.open(path)
    assert s.set_watched("a", [1, 2], True, at=T1)
    assert s.set_watched("a", [2, 3], True, at=T2)  # 2 was already watched: keeps T1
    assert on_disk(path)["watched_at"] == {"a": {"1": T1, "2": T1, "3": T2}}
    assert s.set_watched("a", [1], False)
    again = State.open(path)
    assert again.watched_at("a") == {2: T1, 3: T2}
    assert again.watched("a") == {2, 3}


def test_an_older_file_without_times_keeps_working(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text("version = 1\n[watched]\na = [1, 2]\n", encoding="utf-8")
    s = State.open(path)
    assert s.notices == []
    assert s.watched("a") == {1, 2} and s.watched_at("a") == {}
    assert s.set_watched("a", [3], True, at=T1)
    assert State.open(path).watched_at("a") == {3: T1}
    assert on_disk(path)["watched"] == {"a": [1, 2, 3]}


def test_rating_an_episode_marks_it_watched_in_the_same_write(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    s = State.open(path)
    assert s.set_rating("a", 3, 4.5, at=T1)
    assert s.set_rating("a", SHOW, 8, at=T2)
    data = on_disk(path)
    assert data["watched"] == {"a": [3]}
    assert data["ratings"] == {"a": {"0": {"value": 8, "at": T2}, "3": {"value": 4.5, "at": T1}}}
    again = State.open(path)
    assert {n: r.value for n, r in again.ratings("a").items()} == {0: 8.0, 3: 4.5}
    assert again.watched("a") == {3}
    assert s.set_rating("a", 3, None)  # cleared; the episode stays watched
    assert State.open(path).ratings("a").keys() == {SHOW}
    assert State.open(path).watched("a") == {3}


def test_notes_keep_their_text_and_time_and_blank_removes(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    s = State.open(path)
    text = 'Loved the rooftop scene.\n\nQuote: "x [/b]" \\ and ||bars||\n'
    assert s.set_note("a", 2, text, at=T1)
    assert s.set_note("a", SHOW, "Rewatch in spring", at=T2)
    again = State.open(path)
    assert again.notes("a")[2].text == text.strip("\n")
    assert again.notes("a")[2].at == T1
    assert again.notes("a")[SHOW].text == "Rewatch in spring"
    assert s.set_note("a", 2, "  \n")
    assert State.open(path).notes("a").keys() == {SHOW}
    assert s.set_note("a", SHOW, None)
    assert "notes" not in on_disk(path)


def test_position_and_sort_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    s = State.open(path)
    assert s.set_position("a", 3, 12)
    assert s.set_setting("sort", "your-rating")
    again = State.open(path)
    assert again.last == Position("a", 3, 12)
    assert again.settings.sort == "your-rating"
    assert on_disk(path)["last"] == {"show": "a", "episode": 3, "review_line": 12}


def test_bad_ratings_and_notes_are_told_where(tmp_path: Path) -> None:
    cases = {
        "[ratings.a]\n3 = { value = -1, at = 2026-01-01T00:00:00Z }": "ratings.a.3.value",
        "[ratings.a]\n3 = { value = 4 }": "ratings.a.3.at",
        '[notes.a]\nx = { text = "t", at = 2026-01-01T00:00:00Z }': "notes.a.x",
        "[notes.a]\n1 = { text = 5, at = 2026-01-01T00:00:00Z }": "notes.a.1.text",
        '[watched_at.a]\n1 = "yesterday"': "watched_at.a.1",
        "[last]\nepisode = 1": "last.show",
    }
    for n, (text, where) in enumerate(cases.items()):
        path = tmp_path / f"s{n}" / "state.toml"
        path.parent.mkdir()
        path.write_text("version = 1\n" + text + "\n", encoding="utf-8")
        (notice,) = State.open(path).notices
        assert f"could not be read ({where}:" in notice, notice


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dramatui.state import State

    path, first, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    s = State.open(path)
    print("ready", flush=True)
    sys.stdin.readline()  # wait for "go", so both writers run at the same time
    failed = []
    for n in range(first, first + count):
        ok = s.set_rating("race", n, n % 5 + 0.5) if n % 2 else s.set_note("race", n, f"n{n}")
        if not ok:
            failed.append(n)
    print("failed", failed, s.save_error, flush=True)
    """
)


def test_two_processes_rating_and_noting_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    State.open(path).set_note("other", 0, "kept")
    count = 200
    _, outputs = race_writers(WRITER, path, count)
    assert outputs == ["failed [] None\n", "failed [] None\n"]
    final = State.open(path)
    numbers = range(1, 2 * count + 1)
    assert {n: r.value for n, r in final.ratings("race").items()} == {
        n: n % 5 + 0.5 for n in numbers if n % 2
    }
    assert {n: x.text for n, x in final.notes("race").items()} == {
        n: f"n{n}" for n in numbers if not n % 2
    }
    assert final.watched("race") == {n for n in numbers if n % 2}  # a rating marks watched
    assert final.notes("other")[0].text == "kept"
