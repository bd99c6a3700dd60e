"""Show ids never hide every show (issue 13, item 5): the user's show replaces a bundled
one with its id (told once), the first of two of the user's files is kept, import and new
never write a taken id, and nothing stale stays on screen when a show disappears."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramatui import locations
from dramatui.__main__ import main
from dramatui.app.app import DramaApp
from dramatui.app.widgets.show_list import ShowList
from dramatui.library import build_index, peek_index
from dramatui.state import State

from app_support import (
    BUNDLED,
    TWIST,
    all_text,
    make_app,
    notifications,
    pilot_test,
    screen_text,
    write,
)
from helpers import SEED

MINE = """\
format = 1

[show]
id = "soundtrack-1"
title = "Soundtrack #1 (my notes)"
episodes_total = 4

[[episodes]]
number = 1
title = "MYTITLE"
"""


def test_the_users_show_replaces_the_bundled_one_with_its_id(tmp_path: Path) -> None:
    mine = write(tmp_path / "mine", "soundtrack-1.toml", MINE)
    index = build_index([BUNDLED, tmp_path / "mine"])
    assert [s.title for s in index.shows] == ["Soundtrack #1 (my notes)"]
    [told] = index.problems
    assert told.warning and told.path == mine
    assert "also the bundled show's" in told.message and "replaces it" in told.message


@pilot_test
async def test_the_browser_lists_the_users_version_and_tells_once(tmp_path: Path) -> None:
    write(tmp_path / "mine", "soundtrack-1.toml", MINE)
    app = make_app([BUNDLED, tmp_path / "mine"], tmp_path / "state.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ShowList).option_count == 1
        assert "MYTITLE" in screen_text(app)
        assert "1 warning — press ! to see it" in screen_text(app)


def test_import_never_writes_a_taken_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The seed review is of the bundled show: with no -o it would go into the library
    with the bundled show's id. An import never refuses a review (issue 15): it takes the
    next free id, says so and names --id; an id given with --id that is taken is refused."""
    assert main(["import", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "soundtrack-1-2.toml" in out
    assert "the id 'soundtrack-1' is already in your library; this show is 'soundtrack-1-2'" in out
    assert "--id" in out
    written = locations.user_library()
    assert written is not None
    assert 'id = "soundtrack-1-2"' in (written / "soundtrack-1-2.toml").read_text("utf-8")
    assert main(["import", str(SEED), "--id", "soundtrack-1"]) == 1
    err = capsys.readouterr().err
    assert "the id 'soundtrack-1' is already taken in your library by" in err
    assert "--id" in err and "-o" in err and "nothing written" in err
    assert main(["import", str(SEED), "--id", "soundtrack-1-notes"]) == 0
    out = capsys.readouterr().out
    assert "soundtrack-1-notes.toml" in out
    assert main(["import", str(SEED), "-o", str(tmp_path / "elsewhere.toml")]) == 0


def test_new_never_writes_a_taken_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Soundtrack #1"]) == 1
    assert "already taken" in capsys.readouterr().err
    assert main(["new", "Soundtrack #1", "--id", "st1-again"]) == 0


@pilot_test
async def test_nothing_stale_stays_when_the_shown_show_disappears(tmp_path: Path) -> None:
    """The first frame draws the show a previous run's cache lists; its file is gone
    (here: deleted) when the index is read: nothing of it stays, and w does nothing."""
    shows = tmp_path / "shows"
    path = write(shows, "twist.toml", TWIST)
    cache = tmp_path / "cache"
    build_index([shows], cache_dir=cache)
    peek = peek_index([shows], cache_dir=cache)
    path.unlink()
    state_path = tmp_path / "state.toml"
    app = DramaApp(None, State.open(state_path), paths=[shows], peek=peek, cache_dir=cache)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        text = all_text(app)
        assert "The Twist" not in text and "Pilot" not in text
        await pilot.press("tab", "w")
        await pilot.pause()
        assert "No episode to mark." in notifications(app)
    assert not state_path.exists() or "twist" not in state_path.read_text()
