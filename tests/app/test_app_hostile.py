"""Hostile text in the browser: shown literally, never obeyed, nothing clickable.

A show whose every text field is markup-like and carries terminal escapes
(:mod:`hostile.screen`) is drawn, and every segment the app renders is inspected: the
brackets are on screen as text, no segment carries a control character, no segment has a
click action or a hyperlink, and clicking on the text or pressing keys on it does not quit.
The same holds on the help and problems screens, in the filter and the command palette.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static

from dramatui.app.screens.help import HelpScreen
from dramatui.app.screens.main import MainScreen
from dramatui.app.screens.problems import ProblemsScreen
from dramatui.app.widgets.episode_guide import Synopsis
from dramatui.app.widgets.show_list import ShowList
from dramatui.safe_text import safe_line

from app_support import pilot_test, screen_text
from hostile.screen import (
    CLICKABLE,
    MARKUP,
    PRESSABLE,
    SIZE,
    URL,
    assert_nothing_leaks,
    click_all,
    hostile,
    hostile_app,
    leaks,
    main_screen,
    position_of,
    screen_segments,
    shown,
)


async def until_drawn(pilot: object, app: App[object], text: str, seconds: float = 5) -> None:
    """Wait for the command palette's search (a worker) to draw *text*; fail after *seconds*."""
    for _ in range(int(seconds / 0.02)):
        if text in screen_text(app):
            return
        await pilot.pause(0.02)  # type: ignore[attr-defined]
    raise AssertionError(f"{text!r} was not drawn within {seconds} s")


# -- the detectors can fail ----------------------------------------------------------------


class MarkupApp(App[None]):
    """What the app must never do: hand library text to a widget as a markup string."""

    def compose(self) -> ComposeResult:
        # (Textual wants the address quoted; unquoted, as in MARKUP, it raises MarkupError)
        yield Static("[link='file:///etc/passwd']x[/link] " + CLICKABLE)
        yield Static(Text.from_markup(PRESSABLE))  # Rich markup: Textual's has no @mouse.down


@pilot_test
async def test_the_leak_detectors_catch_markup_that_was_parsed() -> None:
    app = MarkupApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        found = leaks(screen_segments(app), "screen")
        assert any("link 'file:///etc/passwd'" in f for f in found)
        assert any("'@click': 'app.quit'" in f for f in found)
        assert any("'@mouse.down': ('app.quit'" in f for f in found)
        assert leaks([Segment("a\x1b]52;c;x\x07")], "t") and leaks([Segment("\u202e")], "t")
        # and a click on the parsed action quits: so the click test below can fail
        assert not position_of(app, CLICKABLE)  # parsed: only its "q" is drawn
        assert await click_all(pilot, app, " q", 1) == 1
        assert not app.is_running


# -- the browser -------------------------------------------------------------------------


def test_the_hostile_fields_are_what_this_file_says() -> None:
    for i in range(12):
        assert safe_line(hostile(i)) == shown(i)
        assert hostile(i) != shown(i)


@pilot_test
async def test_every_hostile_field_shows_literally_and_nothing_is_clickable(
    tmp_path: Path, browser_opened: list[str]
) -> None:
    opened = browser_opened
    app = hostile_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        library = app.source.index
        assert library is not None
        assert library.shows and len(library.problems) == 2
        show_list = main_screen(app).query_one(ShowList)
        assert show_list.option_count == 2
        text = screen_text(app)
        # the show list: title and network; the header: the title again
        assert f"dramatui — {shown(0)}" in text
        assert shown(0) in text and shown(3) in text
        # the episode guide: every title (the long one cut short), the first synopsis
        for n in range(1, len(MARKUP) + 1):
            assert shown(n)[:20] in text, shown(n)
        assert f"1. {shown(1)}" in text and shown(2) in text
        # the review: byline, address, headline, sub-scores, section heading and body
        assert f"{shown(0)} · {shown(1)}" in text
        assert URL in text
        for i in (2, 3, 4, 5):
            assert shown(i) in text, shown(i)
        # (the body has a tab before the second one: drawn as spaces, never as a tab)
        assert re.search(re.escape(f"{shown(0)} and") + " +" + re.escape(MARKUP[4]), text)
        assert PRESSABLE in text
        assert "⟦ spoiler · up to episode 6 · press s ⟧" in text
        assert "ZXZpbA" not in text and "evil.example" not in text
        assert_nothing_leaks(app, "main")

        # every episode's synopsis, highlighted in turn and revealed with s
        await pilot.press("tab")
        synopsis = main_screen(app).query_one("#synopsis", Synopsis)
        for n in range(1, len(MARKUP) + 1):
            if n > 1:
                await pilot.press("down", "s")
            assert str(synopsis.content) == f"{n}. {shown(n)}\n{shown(n + 1)}"
            assert f"{n}. {shown(n)}" in screen_text(app)
        assert_nothing_leaks(app, "episodes")

        # the second review, which has no address
        await pilot.press("r")
        text = screen_text(app)
        assert "Review 2 of 2" in text
        assert f"{shown(4)} ·" in text and shown(5) in text  # the byline, wrapped
        for i in (1, 3, 2):
            assert shown(i) in text
        assert_nothing_leaks(app, "second review")

        # the show without reviews: its title, and its synopsis under "About the show"
        await pilot.press("shift+tab", "down")
        text = screen_text(app)
        assert f"zz {MARKUP[5]}" in text and "About the show" in text and shown(4) in text
        assert_nothing_leaks(app, "quiet show")

        # clicks on every character of the would-be actions and links, and keys on them
        await pilot.press("up", "r")
        assert "Review 1 of 2" in screen_text(app)
        assert await click_all(pilot, app, PRESSABLE, PRESSABLE.index("m")) == 1
        assert await click_all(pilot, app, CLICKABLE, CLICKABLE.index("q")) == 3
        assert await click_all(pilot, app, "[link=file:///etc/pa") >= 2
        await pilot.press("shift+tab", "enter", "enter", "space", "enter")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert opened == []

        # the filter box, typed into with markup: it matches the genre, shows it as text
        await pilot.press("escape", "slash", *"[@cl")
        assert show_list.option_count == 1
        main_screen(app).query_one("#filter", Input).value = CLICKABLE  # the rest, without the wait
        await pilot.pause()
        assert show_list.option_count == 1
        assert CLICKABLE in screen_text(app)
        assert_nothing_leaks(app, "filter")
        await pilot.press("escape")

        # the help screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert_nothing_leaks(app, "help")
        await pilot.press("escape")

        # the problems screen: file names, keys and values that look like markup
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.pause()
        assert "[red x [@click=app.quit]q[.toml:" in screen_text(app)
        (problem_list,) = app.screen.query(OptionList)
        problems = [
            " ".join(str(problem_list.get_option_at_index(i).prompt).split())
            for i in range(problem_list.option_count)
        ]
        place = f"{tmp_path / 'shows' / '[red x [@click=app.quit]q[.toml'}"
        assert any(p.startswith(f"{place}:4:1: ") and f"key `{CLICKABLE}`" in p for p in problems)
        assert any(p.startswith(f"{place}:5:1: ") and f"'{MARKUP[5]}" in p for p in problems)
        assert_nothing_leaks(app, "problems")
        assert await click_all(pilot, app, CLICKABLE, CLICKABLE.index("q")) >= 2
        assert app.is_running
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

        # the command palette: "Jump to" results for a markup-like title
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await until_drawn(pilot, app, f"Jump to zz {MARKUP[5]}")  # offered before typing
        assert f"Jump to {shown(0)}" in screen_text(app)
        assert_nothing_leaks(app, "palette offers")
        await pilot.press(*"x [/")  # matches a genre of the hostile show
        await until_drawn(pilot, app, "🔎 x [/")
        await until_drawn(pilot, app, f"Jump to {shown(0)}")
        assert "Jump to zz" not in screen_text(app)
        assert_nothing_leaks(app, "palette search")
        await click_all(pilot, app, f"Jump to {shown(0)}")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert opened == []
