"""The episode screen (issue 13, item 10): enter on an episode opens everything about it,
through the redaction, with ] [ w s working there, usable at 60x20."""

from __future__ import annotations

from pathlib import Path

from dramatui.app.screens.episode import EpisodeScreen
from dramatui.app.screens.main import MainScreen
from dramatui.app.widgets.episode_guide import EpisodeGuide
from dramatui.state import State

from app_support import SECRETS, all_text, make_app, pilot_test, screen_text, twist_app, write


def flat(text: str) -> str:
    return " ".join(text.split())


def episode_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, EpisodeScreen)
    return flat(str(screen.query_one("#episode-text").content))


@pilot_test
async def test_enter_opens_the_episode_with_everything_but_what_is_hidden(
    tmp_path: Path,
) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("tab", "enter")
        await pilot.pause()
        text = episode_text(app)
        assert "Episode 1 of 3 · not watched" in text
        assert "Pilot" in text and "7.5/10" in text
        assert "Aired 2023-01-06 · 62 min" in text
        assert "The detective meets the thief." in text
        assert "No review of it." in text
        assert "Pilot" in screen_text(app)  # drawn, at 60x20
        await pilot.press("right_square_bracket")  # episode 2: its synopsis is hidden
        await pilot.pause()
        text = episode_text(app)
        assert "Episode 2 of 3" in text and "The Betrayal Unmasked" in text
        assert "Reviews of this episode (1)" in text and "Episode two recap" in text
        for secret in SECRETS:
            assert secret not in text and secret not in all_text(app)
        assert "⟦ synopsis hidden · up to episode 1 · press s ⟧" in text
        await pilot.press("s")  # the first hidden thing: the synopsis
        await pilot.pause()
        text = episode_text(app)
        assert "SYNTWOSECRET comes out." in text
        assert "DELTASECRET" not in text
        await pilot.press("s")
        await pilot.pause()
        assert "DELTASECRET" in episode_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert "Episode 2 of 3 · ✓ watched" in episode_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Episode 1 of 3" in episode_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(EpisodeGuide).highlighted == 1
    state = State.open(tmp_path / "state" / "state.toml")
    assert state.watched("twist") == {2}


TITLED = """\
format = 1

[show]
id = "titled"
title = "Titled"
score_scale = 10

[[episodes]]
number = 1
title = "OPENTITLE"
score = 6

[[episodes]]
number = 2
title = "LATETITLE"
score = 9.5

[[reviews]]
covers = 2
score = 3.5
headline = "Two"

[[reviews.sections]]
body = "Words."
"""


@pilot_test
async def test_hidden_titles_and_scores_stay_hidden_on_the_episode_screen(
    tmp_path: Path,
) -> None:
    write(tmp_path / "shows", "titled.toml", TITLED)
    state = write(
        tmp_path,
        "state.toml",
        "[settings]\nhide_unwatched_titles = true\nhide_unwatched_scores = true\n",
    )
    app = make_app([tmp_path / "shows"], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        text = episode_text(app)
        assert "Episode 2 of 2" in text
        for hidden in ("LATETITLE", "9.5", "3.5"):
            assert hidden not in text and hidden not in all_text(app)
        assert "⟦ title hidden · up to episode 2 · press s ⟧" in text
        assert "⟦ score hidden · up to episode 2 · press s ⟧" in text
        await pilot.press("s")
        await pilot.pause()
        assert "LATETITLE" in episode_text(app) and "9.5" not in episode_text(app)


@pilot_test
async def test_the_episode_screen_shows_your_rating_and_note(tmp_path: Path) -> None:
    """Issue 16 on issue 13's screen: your rating and note on the episode, as text."""
    state = (
        "version = 1\n[watched]\ntwist = [1]\n"
        "[ratings.twist]\n1 = { value = 8, at = 2026-01-02T20:00:00Z }\n"
        '[notes.twist]\n1 = { text = "[b]not markup[/b]\\nsecond line", '
        "at = 2026-01-02T20:05:00Z }\n"
    )
    write(tmp_path / "state", "state.toml", state)
    app = twist_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "home", "enter")  # (it opens on the next unwatched)
        await pilot.pause()
        text = episode_text(app)
        assert "Episode 1 of 3" in text
        assert "You ████████░░ 8/10" in text
        assert "Your note [b]not markup[/b] second line" in text
        await pilot.press("right_square_bracket")  # episode 2: neither rated nor noted
        await pilot.pause()
        text = episode_text(app)
        assert "Your note" not in text and "You " not in text
