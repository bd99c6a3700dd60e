"""Pilot tests of shows from TVmaze in the browser: their episode synopses stay hidden past
the first unwatched episode, the source is credited, and 'Add a show from TVmaze…' works
from the command palette (a worker, errors as notifications)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import respx
from textual.widgets import OptionList

from dramatui import locations
from dramatui.__main__ import main as cli
from dramatui.app.app import DramaApp
from dramatui.app.screens.add_show import AddShowScreen
from dramatui.app.screens.main import MainScreen
from dramatui.app.widgets.episode_guide import EpisodeGuide
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.library import build_index
from dramatui.state import State

from app_support import all_text, notifications, pilot_test, screen_text
from tvmaze_fake import Answer, FakeTVmaze

SIZE = (120, 40)


@pytest.fixture
def fake() -> Iterator[FakeTVmaze]:
    tv = FakeTVmaze()
    with respx.mock(assert_all_called=False) as router:
        router.route(host="api.tvmaze.com").mock(side_effect=tv.handler)
        yield tv


def library() -> Path:
    folder = locations.user_library()
    assert folder is not None
    return folder


def synopsis_pane(app: DramaApp) -> str:
    return str(app.screen.query_one("#synopsis").content)  # type: ignore[attr-defined]


@pilot_test
async def test_synopses_past_the_first_unwatched_episode_are_hidden(
    fake: FakeTVmaze, tmp_path: Path
) -> None:
    assert cli(["add", "--tvmaze", "90001"]) == 0
    app = DramaApp(build_index([library()]), State.open(tmp_path / "state.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert "Episode 1: the letters go on" in synopsis_pane(app)
        everything = all_text(app)
        for n in range(2, 17):
            assert f"Episode {n}: the letters go on" not in everything
        # the reader's 'About the show' credits TVmaze and its licence
        reader = screen.query_one(ReviewReader).text
        assert "Facts and episode guide from TVmaze" in " ".join(reader.split())
        assert "CC BY-SA 4.0" in reader

        await pilot.press("tab", "down", "down")  # the episode table, episode 3
        assert screen.query_one(EpisodeGuide).highlighted == 3
        assert "synopsis hidden · up to episode 2 · press s" in synopsis_pane(app)
        assert "Episode 3: the letters go on" not in all_text(app)
        await pilot.press("s")  # revealed on request
        await pilot.pause()
        assert "Episode 3: the letters go on" in synopsis_pane(app)
        assert "Episode 4: the letters go on" not in all_text(app)
        await pilot.press("S")  # hidden again
        await pilot.pause()
        assert "Episode 3: the letters go on" not in all_text(app)

        await pilot.press("up", "up", "w", "down", "w")  # watched 1 and 2: 3 is next
        await pilot.pause()
        await pilot.press("down")
        assert screen.query_one(EpisodeGuide).highlighted == 3
        assert "Episode 3: the letters go on" in synopsis_pane(app)
        assert "Episode 4: the letters go on" not in all_text(app)

        screen.toggle_setting("show_all_synopses")  # the setting shows them all
        await pilot.press("end")
        await pilot.pause()
        assert "Episode 16: the letters go on" in synopsis_pane(app)
        screen.toggle_setting("show_all_synopses")
        await pilot.pause()
        assert "Episode 16: the letters go on" not in all_text(app)


async def open_add(pilot: object, app: DramaApp) -> AddShowScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.action_add_show()
    await pilot.pause()  # type: ignore[attr-defined]
    modal = app.screen
    assert isinstance(modal, AddShowScreen)
    return modal


async def settle(pilot: object, app: DramaApp) -> None:
    """Wait for the workers (the requests) and the messages they post."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


@pilot_test
async def test_add_a_show_from_the_command_palette(fake: FakeTVmaze, tmp_path: Path) -> None:
    app = DramaApp(None, State.open(tmp_path / "state.toml"), paths=[tmp_path / "empty"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Add a show from TVmaze…" in titles
        modal = await open_add(pilot, app)
        assert "CC BY-SA 4.0" in screen_text(app)
        await pilot.press(*"harbour lights", "enter")
        await settle(pilot, app)
        choices = modal.query_one(OptionList)
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(3)]
        assert prompts[0] == (
            "Harbour Lights · 2023 · Korea, Republic of · Example Broadcasting · TVmaze 90001"
        )
        await pilot.press("enter")  # the first match: one season, written at once
        await settle(pilot, app)
        await settle(pilot, app)
        assert (library() / "harbour-lights.toml").is_file()
        assert not isinstance(app.screen, AddShowScreen)
        assert "Added Harbour Lights (data from TVmaze, CC BY-SA 4.0)" in notifications(app)
        assert app.screen.sub_title == "Harbour Lights"  # listed and selected


@pilot_test
async def test_add_asks_for_a_season(fake: FakeTVmaze, tmp_path: Path) -> None:
    fake.overrides["/search/shows?q=night"] = [
        Answer(200, b'[{"score": 1, "show": {"id": 90002, "name": "The Long Night"}}]')
    ]
    app = DramaApp(None, State.open(tmp_path / "state.toml"), paths=[tmp_path / "empty"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        modal = await open_add(pilot, app)
        await pilot.press(*"night", "enter")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        choices = modal.query_one(OptionList)
        assert str(choices.get_option_at_index(0).prompt) == "Season 1 · 12 episodes"
        assert str(choices.get_option_at_index(7).prompt) == "All 7 seasons, one file each"
        await pilot.press("down", "enter")  # season 2
        await settle(pilot, app)
        await settle(pilot, app)
        assert sorted(p.name for p in library().iterdir()) == ["the-long-night-s2.toml"]
        assert "Added The Long Night — Season 2 (data from TVmaze, CC BY-SA 4.0)" in (
            notifications(app)
        )


@pilot_test
async def test_add_failure_is_a_notification_and_writes_nothing(
    fake: FakeTVmaze, tmp_path: Path
) -> None:
    fake.overrides["/search/shows?q=harbour"] = [Answer(503, b"down")]
    app = DramaApp(None, State.open(tmp_path / "state.toml"), paths=[tmp_path / "empty"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        modal = await open_add(pilot, app)
        await pilot.press(*"harbour", "enter")
        await settle(pilot, app)
        told = notifications(app)
        assert told == [
            "TVmaze failed to answer for the search (503 Service Unavailable); try again later"
        ]
        assert app.screen is modal  # still open: another search can be tried
        await pilot.press("escape")
        assert not isinstance(app.screen, AddShowScreen)
        assert not library().exists() or not any(library().iterdir())


@pilot_test
async def test_markup_in_tvmaze_text_is_shown_as_text(fake: FakeTVmaze, tmp_path: Path) -> None:
    fake.overrides["/search/shows?q=esc"] = [
        Answer(
            200,
            b'[{"show": {"id": 90008, "name": "Esc\\u001b[31maped [bold red]Show[/]"}}]',
        )
    ]
    app = DramaApp(None, State.open(tmp_path / "state.toml"), paths=[tmp_path / "empty"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        modal = await open_add(pilot, app)
        await pilot.press(*"esc", "enter")
        await settle(pilot, app)
        prompt = str(modal.query_one(OptionList).get_option_at_index(0).prompt)
        assert prompt == "Escaped [bold red]Show[/] · year unknown · TVmaze 90008"
