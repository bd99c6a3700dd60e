"""Issue 13's keyboard items: the same scrolling keys in every scrolling view (item 11),
``s`` shows what it will open before it opens it (item 12)."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import OptionList

from dramatui.app.screens.help import HelpScreen
from dramatui.app.screens.main import MainScreen
from dramatui.app.screens.problems import ProblemsScreen
from dramatui.app.widgets.review_reader import ReviewReader

from app_support import make_app, pilot_test, twist_app, write


def main(app: object) -> MainScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


@pilot_test
async def test_help_scrolls_with_the_keys_it_lists(tmp_path: Path) -> None:
    """j and k (listed in help itself), the arrows, pages, home and end."""
    app = twist_app(tmp_path)
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body", VerticalScroll)
        await pilot.pause()
        assert body.max_scroll_y > 3
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.press("k")
        assert body.scroll_y == 1
        await pilot.press("down")
        assert body.scroll_y == 2
        await pilot.press("up")
        assert body.scroll_y == 1
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        assert body.scroll_y > 2
        await pilot.press("pageup")
        assert body.scroll_y == 0


@pilot_test
async def test_the_problems_screen_moves_with_the_same_keys(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    for n in range(12):
        write(shows, f"bad-{n:02d}.toml", f'format = 1\n[show]\ntitle = "x"\nyear = "{n}"\n')
    app = make_app([shows], tmp_path / "state.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        problems = app.screen.query_one("#problem-list", OptionList)
        await pilot.pause()
        assert app.focused is problems
        first = problems.highlighted
        await pilot.press("j", "j")
        assert problems.highlighted == (first or 0) + 2
        await pilot.press("k")
        assert problems.highlighted == (first or 0) + 1
        await pilot.press("down")
        assert problems.highlighted == (first or 0) + 2
        await pilot.press("up")
        assert problems.highlighted == (first or 0) + 1
        await pilot.press("end")
        assert problems.highlighted == problems.option_count - 1
        await pilot.press("home")
        assert problems.highlighted == 0


@pilot_test
async def test_the_reader_answers_home_and_end_too(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = main(app).query_one(ReviewReader)
        await pilot.press("tab", "tab")
        assert app.focused is reader
        await pilot.pause()
        assert reader.max_scroll_y > 0
        await pilot.press("end")
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("home")
        assert reader.scroll_y == 0
        await pilot.press("j")
        assert reader.scroll_y == 1


LONG = """\
format = 1

[show]
id = "long"
title = "Long"
episodes_total = 4

[[reviews]]
headline = "Long review"

[[reviews.sections]]
body = \"\"\"
{opening}\"\"\"

[[reviews.sections]]
heading = "Late"
spoils = 2
body = "FARSECRET in the end."
"""


@pilot_test
async def test_s_first_brings_an_unseen_placeholder_into_view_then_reveals_it(
    tmp_path: Path,
) -> None:
    """Item 12: no placeholder on screen; the first ``s`` scrolls to the next one and
    highlights it (nothing revealed); the second reveals it."""
    opening = "\n\n".join(f"Open paragraph {n}." for n in range(40))
    shows = tmp_path / "shows"
    write(shows, "long.toml", LONG.format(opening=opening))
    app = make_app([shows], tmp_path / "state.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        reader = main(app).query_one(ReviewReader)
        await pilot.press("tab", "tab")
        await pilot.pause()
        target = reader.cursor
        assert target is not None
        line = reader.line_of(target)
        assert line is not None
        height = reader.scrollable_content_region.height
        assert line >= reader.scroll_y + height  # below what is on screen
        await pilot.press("s")
        await pilot.pause()
        assert "FARSECRET" not in reader.text
        assert reader.scroll_y <= line < reader.scroll_y + height  # now in view
        assert reader.cursor == target  # and highlighted
        await pilot.press("s")
        await pilot.pause()
        assert "FARSECRET" in reader.text


SCROLL_KEYS = {"down", "j", "up", "k", "pagedown", "space", "pageup", "home", "end"}


def bound_keys(cls: type) -> set[str]:
    """Every key bound by *cls* or a class it inherits from."""
    keys: set[str] = set()
    for base in reversed(cls.__mro__):
        for binding in base.__dict__.get("BINDINGS", []):
            key = binding.key if hasattr(binding, "key") else binding[0]
            keys.update(k.strip() for k in key.split(","))
    return keys


def test_every_scrolling_view_answers_the_same_keys() -> None:
    from dramatui.app.screens.problems import ProblemList
    from dramatui.app.widgets.episode_table import EpisodeTable
    from dramatui.app.widgets.scrolling import KeyScroll
    from dramatui.app.widgets.show_list import ShowList

    for view in (ShowList, EpisodeTable, ReviewReader, KeyScroll, ProblemList):
        assert bound_keys(view) >= SCROLL_KEYS, (view.__name__, SCROLL_KEYS - bound_keys(view))
