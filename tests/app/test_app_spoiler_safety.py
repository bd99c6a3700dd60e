"""Issue 13's spoiler repros, driven as a user would: keys pressed, the app quit and
launched again, the show file edited in between."""

from __future__ import annotations

import re
from pathlib import Path

from dramatui.app.screens.main import MainScreen
from dramatui.app.widgets.episode_guide import EpisodeGuide
from dramatui.app.widgets.review_reader import ReviewReader

from app_support import all_text, make_app, notifications, pilot_test, screen_text, write
from helpers import ROOT

SIZE = (120, 40)
DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
(HARBOUR,) = re.findall(r"```toml\n(.*?)```", DOC, flags=re.S)
SET_UP = '''[[reviews.sections]]
heading = "The set-up"          # optional; always visible
body = """
Two strangers, one winter, a lot of letters.

The first paragraph of a section is separated from the next by a blank line."""

'''


def flat(text: str) -> str:
    return " ".join(text.split())


def reader(app: object) -> ReviewReader:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen.query_one(ReviewReader)


@pilot_test
async def test_a_remembered_reveal_never_opens_the_text_that_moved_into_its_place(
    tmp_path: Path,
) -> None:
    """Item 1's repro: reveal "The middle stretch" with Remember reveals on, quit, delete
    "The set-up" from the file, launch again: "The ending" (0 of 4 watched) stays hidden,
    and the middle stretch is still revealed (the reveal followed its text)."""
    shows = tmp_path / "shows"
    path = write(shows, "harbour-lights.toml", HARBOUR)
    state = write(tmp_path / "state", "state.toml", "[settings]\nremember_reveals = true\n")
    app = make_app([shows], state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", "s")  # the first placeholder: the middle stretch
        await pilot.pause()
        text = flat(reader(app).text)
        assert "The reveal about the brother lands hard" in text
        assert "They meet on the pier" not in text
    assert SET_UP in HARBOUR
    path.write_text(HARBOUR.replace(SET_UP, ""), encoding="utf-8")
    app = make_app([shows], state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "They meet on the pier" not in all_text(app)
        assert "The reveal about the brother lands hard" in flat(reader(app).text)


TENTH = """\
format = 1

[show]
id = "tenth"
title = "Tenth"
score_scale = 10
episodes_total = 6

[[episodes]]
number = 1
title = "One"
score = 5

[[episodes]]
number = 6
title = "Six"
score = 9

[[reviews]]
covers = 6
headline = "Episode six"
score = 3
scores = { story = 7, music = 2 }

[[reviews.sections]]
body = "Words about six."
"""


@pilot_test
async def test_hidden_scores_of_an_unwatched_episode_are_hidden_in_its_review_too(
    tmp_path: Path,
) -> None:
    """Item 2's repro: 10-point scale, a review covering episode 6 with an overall score,
    hide-unwatched-scores on, episode 1 watched: on episode 6 the guide says hidden, and so
    does the review beside it (overall and sub-scores); ``s`` in the reader reveals them."""
    shows = tmp_path / "shows"
    write(shows, "tenth.toml", TENTH)
    state = write(
        tmp_path / "state",
        "state.toml",
        "[settings]\nhide_unwatched_scores = true\n[watched]\ntenth = [1]\n",
    )
    app = make_app([shows], state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "end")  # episode 6 (2 to 5 are rows the file does not list)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.query_one(EpisodeGuide).highlighted == 6
        text = flat(reader(app).text)
        assert "Episode six" in text  # the review of episode 6 is the one shown
        assert "3/10" not in text and "Overall" not in text
        assert "story" not in text and "7/10" not in text
        assert "⟦ score hidden · up to episode 6 · press s ⟧" in text
        assert "9/10" not in all_text(app) and "3/10" not in all_text(app)
        await pilot.press("tab", "s")
        await pilot.pause()
        text = flat(reader(app).text)
        assert "3/10" in text and "story" in text
        assert "3/10" in screen_text(app)
        assert not [n for n in notifications(app) if "3/10" in n]
