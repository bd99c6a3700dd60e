"""The browser as the CLI opens it: files indexed in a worker, each show read when selected."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from dramatui.app.app import DramaApp
from dramatui.app.screens.indexing import IndexingScreen
from dramatui.app.screens.main import MainScreen
from dramatui.app.screens.problems import ProblemsScreen
from dramatui.app.widgets.show_list import ShowList
from dramatui.library import build_index, peek_index, quick_look
from dramatui.state import State

from app_support import OTHER, SECRETS, TWIST, all_text, notifications, pilot_test, screen_text
from app_support import write as write_file

SIZE = (120, 40)


def indexed_app(tmp_path: Path, shows: Path, *, peek: bool = False) -> DramaApp:
    cache = tmp_path / "cache"
    found = peek_index([shows], cache_dir=cache) if peek else None
    state = State.open(tmp_path / "state.toml")
    return DramaApp(None, state, paths=[shows], peek=found, cache_dir=cache)


async def settle(app: DramaApp, pilot: Pilot[None]) -> None:
    """Wait until the index and the selected show have been read and drawn."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def main(app: DramaApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


@pilot_test
async def test_indexed_library_lists_selects_and_filters(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    write_file(shows, "twist.toml", TWIST)
    write_file(shows, "other.toml", OTHER)
    write_file(shows, "broken.toml", 'format = 1\n[show]\ntitle = "Broken\n')
    app = indexed_app(tmp_path, shows)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        show_list = main(app).query_one(ShowList)
        assert show_list.option_count == 2
        assert app.screen.sub_title == "Another Show"
        text = screen_text(app)
        assert "1 file has problems — press ! to see them" in text
        assert "indexing" not in text
        await pilot.press("down")
        await settle(app, pilot)
        assert app.screen.sub_title == "The Twist"
        assert "The Betrayal Unmasked" in all_text(app)
        everything = all_text(app)
        for secret in SECRETS:
            assert secret not in everything
        await pilot.press("slash", *"mbc")
        await settle(app, pilot)
        assert show_list.option_count == 1
        assert app.screen.sub_title == "Another Show"
        await pilot.press("ctrl+a", "ctrl+k", *"alphasecret")
        await pilot.pause()
        assert show_list.option_count == 0
        await pilot.press("escape", "exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        assert f"{shows / 'broken.toml'}:3:" in screen_text(app)


@pilot_test
async def test_first_frame_from_the_peek_then_the_full_index(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    write_file(shows, "twist.toml", TWIST)
    build_index([shows], cache_dir=tmp_path / "cache")  # a previous run left its cache
    write_file(shows, "other.toml", OTHER)  # new since: not in the peek
    app = indexed_app(tmp_path, shows, peek=True)
    async with app.run_test(size=SIZE) as pilot:
        show_list = main(app).query_one(ShowList)
        assert show_list.option_count >= 1
        await settle(app, pilot)
        assert show_list.option_count == 2
        assert "Another Show" in screen_text(app)
        # the show first selected (from the peek) is still the one drawn
        assert app.screen.sub_title == "The Twist"
        assert show_list.highlighted_id == "twist"


@pilot_test
async def test_a_show_that_no_longer_loads_is_reported(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    write_file(shows, "twist.toml", TWIST)
    write_file(shows, "other.toml", OTHER)
    app = indexed_app(tmp_path, shows)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        write_file(shows, "twist.toml", "format = 1\n[show]\nyear = 'soon'\n")
        await pilot.press("down")
        await settle(app, pilot)
        assert any(str(shows / "twist.toml") in told for told in notifications(app))
        assert "problems — press ! to see them" in screen_text(app)
        # the panes still show the show before it, and so does the title
        assert main(app).sub_title == "Another Show"
        assert "Another Show" in screen_text(app).splitlines()[0]
        await pilot.press("exclamation_mark")
        assert f"{shows / 'twist.toml'}:" in screen_text(app)


@pilot_test
async def test_an_empty_folder_says_so_once_indexed(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    shows.mkdir()
    app = indexed_app(tmp_path, shows)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "No shows found" in screen_text(app)
        assert main(app).query_one(ShowList).option_count == 0


@pilot_test
async def test_cold_start_lists_the_first_titles_then_only_what_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shows = tmp_path / "shows"
    broken = 'format = 1\n[show]\ntitle = "Aaa Broken"\nscore_scale = 7\n'
    write_file(shows, "broken.toml", broken)  # readable title, but the file does not load
    write_file(shows, "other.toml", OTHER)
    write_file(shows, "twist.toml", TWIST)
    start_indexing = IndexingScreen._build_index
    monkeypatch.setattr(IndexingScreen, "_build_index", lambda self: None)  # held back
    state = State.open(tmp_path / "state.toml")
    state.set_watched("twist", [1], True)
    peek = quick_look([shows])
    assert peek is not None and peek.provisional
    app = DramaApp(None, state, paths=[shows], peek=peek, cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Aaa Broken" in text and "Another Show" in text and "The Twist" in text
        assert "watched" not in text  # titles only until the index has read the files
        assert not app.screen.sub_title  # the highlighted file is not read before that
        assert "indexing…" in text
        start_indexing(main(app))
        await settle(app, pilot)
        text = screen_text(app)
        assert "Aaa Broken" not in text
        assert "1/3 watched" in text
        assert "1 file has problems — press ! to see them" in text
        assert app.screen.sub_title == "Another Show"
        assert notifications(app) == []  # the broken file was never opened
