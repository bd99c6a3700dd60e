"""The browser over the generated corpus of broken and hostile files (tests/hostile/).

The library is loaded as the CLI loads it, then the app opens on it: the good shows are
listed and drawn without leaks, the status line counts the bad files, and ``!`` lists every
one of them. The whole session is bounded: a hang fails the test instead of blocking CI.
"""

from __future__ import annotations

import asyncio
import faulthandler
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList

from dramatui.app.app import DramaApp
from dramatui.app.screens.problems import ProblemsScreen
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.app.widgets.show_list import ShowList
from dramatui.library import build_index
from dramatui.safe_text import safe_line
from dramatui.state import State

from app_support import pilot_test, screen_text
from hostile.corpus import Case, make_corpus, remove_tree
from hostile.screen import assert_nothing_leaks, leaks, main_screen, screen_segments

SESSION_SECONDS = 30.0
"""The app's whole session over the corpus (it takes about two seconds)."""
HANG_SECONDS = 90.0
"""Past this, a hang that does not yield to the event loop ends the run with a traceback."""


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[tuple[Path, list[Case]]]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    yield folder, make_corpus(folder)
    remove_tree(folder)  # pytest's own clean-up recurses and fails on the deep folders


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """``asyncio.wait_for`` cannot interrupt code that never awaits: this can."""
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=sys.__stderr__)
    yield
    faulthandler.cancel_dump_traceback_later()


@pilot_test
async def test_the_app_opens_over_the_corpus_with_the_good_shows(
    corpus: tuple[Path, list[Case]], tmp_path: Path, hang_guard: None
) -> None:
    folder, cases = corpus
    goods = [c for c in cases if c.good]
    bads = [c for c in cases if not c.good]
    start = time.perf_counter()
    library = build_index([folder])
    app = DramaApp(library, State.open(tmp_path / "state.toml"))

    async def session() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            screen = main_screen(app)
            show_list = screen.query_one(ShowList)
            assert show_list.option_count == len(goods)
            text = screen_text(app)
            assert f"{len(bads)} files have problems — press ! to see them" in text

            # every good show drawn in turn: nothing on screen can act
            titles: set[str] = set()
            for index in range(len(goods)):
                if index:
                    await pilot.press("down")
                view = screen.current_view
                assert view is not None
                titles.add(view.title)
                assert not leaks(screen_segments(app), view.title)
                if view.title.startswith("[bold]"):
                    assert_nothing_leaks(app, "markup show")  # every line, option and cell
            assert {"Minimal", "Long review", "Five hundred", "At the bottom of a deep folder"} <= (
                titles
            )
            assert len(titles) == len(goods)

            # the long ones scroll and move
            await pilot.press("tab")
            assert isinstance(app.focused, EpisodeTable)
            await pilot.press("tab", "pagedown", "pagedown")
            assert isinstance(app.focused, ReviewReader)

            # ! lists every bad file, as file:line:col: message
            await pilot.press("exclamation_mark")
            assert isinstance(app.screen, ProblemsScreen)
            problem_list = app.screen.query_one("#problem-list", OptionList)
            prompts = [
                str(problem_list.get_option_at_index(i).prompt)
                for i in range(problem_list.option_count)
            ]
            assert len(prompts) == len(library.problems)
            for case in bads:
                where = safe_line(str(folder / case.name))
                mine = [p for p in prompts if p.startswith(f"{where}:")]
                assert mine, f"{case.name} is not listed"
                assert any(case.says in p for p in mine), (case.name, mine)
            assert not leaks(screen_segments(app), "problems")
            await pilot.press("escape")
            assert app.is_running

    await asyncio.wait_for(session(), SESSION_SECONDS)
    assert time.perf_counter() - start < SESSION_SECONDS
