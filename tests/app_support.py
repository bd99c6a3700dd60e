"""Helpers for the app tests: sample shows, and everything the screen shows as text."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, ParamSpec

from textual.app import App
from textual.widgets import OptionList, Static

from dramatui.app.app import DramaApp
from dramatui.app.widgets.episode_guide import Synopsis
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.app.widgets.show_list import ShowList
from dramatui.library import build_index
from dramatui.state import State

P = ParamSpec("P")

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"

TWIST = """\
format = 1

[show]
id = "twist"
title = "The Twist"
original_title = "Banjeon"
year = 2023
network = "KBS"
genres = ["Thriller"]
score_scale = 10
synopsis = "A detective and a thief."

[[episodes]]
number = 1
title = "Pilot"
score = 7.5
aired = 2023-01-06
runtime = 62
synopsis = "The detective meets the thief."

[[episodes]]
number = 2
title = "The Betrayal Unmasked"
score = 8
synopsis = "SYNTWOSECRET comes out."

[[episodes]]
number = 3
title = "Finale"
score = 9
synopsis = "SYNTHREESECRET at last."

[[reviews]]
source = "Drama Weekly"
author = "A. Critic"
published = 2023-05-01
headline = "A twisty ride"
score = 8
scores = { story = 9, acting = 7 }

[[reviews.sections]]
heading = "Premise"
body = "Open words about the setup. ||ALPHASECRET is the thief.||"

[[reviews.sections]]
heading = "Midpoint"
spoils = 2
body = "BETASECRET happens midway."

[[reviews.sections]]
heading = "Ending"
spoiler = true
body = "GAMMASECRET at the end."

[[reviews]]
covers = 2
source = "Recaps"
headline = "Episode two recap"

[[reviews.sections]]
body = "Recap words. >!DELTASECRET!<"
"""

SECRETS = (
    "ALPHASECRET",
    "BETASECRET",
    "GAMMASECRET",
    "DELTASECRET",
    "SYNTWOSECRET",
    "SYNTHREESECRET",
)
"""Words that appear only in spoiler text of TWIST."""

OTHER = """\
format = 1

[show]
id = "other"
title = "Another Show"
year = 2020
network = "MBC"
genres = ["Comedy"]

[[episodes]]
number = 1
title = "Start"
score = 3
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def make_app(library_paths: list[Path], state_path: Path) -> DramaApp:
    """An app as the CLI builds it: the library loaded first, then the state."""
    return DramaApp(build_index(library_paths), State.open(state_path))


def twist_app(tmp_path: Path, *extra: tuple[str, str]) -> DramaApp:
    shows = tmp_path / "shows"
    write(shows, "twist.toml", TWIST)
    for name, text in extra:
        write(shows, name, text)
    return make_app([shows], tmp_path / "state" / "state.toml")


def screen_text(app: App[object]) -> str:
    """The text of every cell on the terminal right now (all layers, toasts included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def all_text(app: App[object]) -> str:
    """Screen text, plus every line of every pane (also those scrolled out of view),
    notifications, and the titles."""
    parts = [screen_text(app), app.title, app.sub_title, app.screen.sub_title]
    screen = app.screen
    for reader in screen.query(ReviewReader):
        parts.append(reader.text)
    for table in screen.query(EpisodeTable):
        for row in range(table.row_count):
            parts.append(" ".join(str(cell) for cell in table.get_row_at(row)))
    for show_list in screen.query(ShowList):
        for row in range(show_list.option_count):
            parts.append(str(show_list.prompt_at(row)))
    for options in screen.query(OptionList):
        for index in range(options.option_count):
            parts.append(str(options.get_option_at_index(index).prompt))
    for static in screen.query(Static):
        parts.append(str(static.content))
    for synopsis in screen.query(Synopsis):
        parts.append(str(synopsis.content))
    parts.extend(n.message for n in app._notifications)
    return "\n".join(parts)


def notifications(app: App[object]) -> list[str]:
    return [n.message for n in app._notifications]


def pilot_test(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test with asyncio.run (no pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run
