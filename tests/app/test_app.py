"""Pilot tests: the browser driven from the keyboard, asserting on what is drawn and saved."""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

import pytest
from textual.command import CommandPalette

from dramatui.app.screens.help import HelpScreen
from dramatui.app.screens.main import MainScreen
from dramatui.app.screens.problems import ProblemsScreen
from dramatui.app.widgets.episode_guide import EpisodeGuide, ScoreTrend
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.app.widgets.show_list import ShowList

from app_support import (
    BUNDLED,
    OTHER,
    SECRETS,
    TWIST,
    all_text,
    make_app,
    notifications,
    pilot_test,
    screen_text,
    twist_app,
    write,
)

SIZE = (120, 40)


def flat(text: str) -> str:
    """Text with every run of whitespace (line ends included) as one space."""
    return " ".join(text.split())


def main(app: object) -> MainScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


def guide_episode(app: object) -> int | None:
    return main(app).query_one(EpisodeGuide).highlighted


@pilot_test
async def test_bundled_library_opens_on_soundtrack(tmp_path: Path) -> None:
    app = make_app([BUNDLED], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Soundtrack #1" in text
        assert text.count("4/5 ████") == 4  # the four episode scores, with bars
        assert "Soundtrack #1 is a beautiful story" in text
        everything = all_text(app)
        assert "Despite that though" not in everything
        assert "heads abroad" not in everything
        reader_text = flat(main(app).query_one(ReviewReader).text)
        assert "⟦ spoiler · up to episode 4 · press s ⟧" in reader_text
        assert isinstance(app.focused, ShowList)


@pilot_test
async def test_tab_and_shift_tab_move_across_panes(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.focused, ShowList)
        await pilot.press("tab")
        assert isinstance(app.focused, EpisodeTable)
        await pilot.press("tab")
        assert isinstance(app.focused, ReviewReader)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, EpisodeTable)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ShowList)


@pilot_test
async def test_moving_in_the_show_list_selects_shows(tmp_path: Path) -> None:
    app = twist_app(tmp_path, ("other.toml", OTHER))
    async with app.run_test(size=SIZE) as pilot:
        # sorted by title: "Another Show" before "The Twist"
        assert app.screen.sub_title == "Another Show"
        await pilot.press("down")
        assert app.screen.sub_title == "The Twist"
        await pilot.press("k")
        assert app.screen.sub_title == "Another Show"
        await pilot.press("j")
        assert app.screen.sub_title == "The Twist"
        await pilot.press("up")
        assert app.screen.sub_title == "Another Show"


def highlighted_rows(app: object, word: str) -> list[str]:
    """The screen lines holding *word* whose background is the show list's cursor's."""
    screen = main(app)
    cursor = screen.query_one(ShowList).get_visual_style(
        "show-list--option", "show-list--option-highlighted"
    )
    found = []
    for strip in screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if word in segment.text and style and style.bgcolor == cursor.rich_style.bgcolor:
                found.append(segment.text.strip())
    return found


@pilot_test
async def test_the_list_highlight_follows_the_cursor_after_scrolling(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    for n in range(40):
        write(
            shows,
            f"s{n:02d}.toml",
            f'format = 1\n[show]\nid = "s{n:02d}"\ntitle = "Show {n:02d}"\n',
        )
    app = make_app([shows], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert highlighted_rows(app, "Show") == ["Show 00"]
        await pilot.press("end")
        await pilot.pause()
        assert highlighted_rows(app, "Show") == ["Show 39"]
        await pilot.press("up", "up")  # within the screen: the list does not scroll
        await pilot.pause()
        assert highlighted_rows(app, "Show") == ["Show 37"]
        assert app.screen.sub_title == "Show 37"


@pilot_test
async def test_episode_keys_from_any_pane(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert guide_episode(app) == 1
        await pilot.press("right_square_bracket")  # from the show list
        assert guide_episode(app) == 2
        await pilot.press("tab", "tab")  # the reader
        await pilot.press("right_square_bracket")
        assert guide_episode(app) == 3
        await pilot.press("right_square_bracket")  # stays on the last
        assert guide_episode(app) == 3
        await pilot.press("left_square_bracket")
        assert guide_episode(app) == 2
        await pilot.press("shift+tab")  # the episode table
        await pilot.press("k")
        assert guide_episode(app) == 1
        await pilot.press("j", "down")
        assert guide_episode(app) == 3
        await pilot.press("up")
        assert guide_episode(app) == 2
        synopsis = str(main(app).query_one("#synopsis").content)  # type: ignore[attr-defined]
        assert "2. The Betrayal Unmasked" in synopsis
        assert "synopsis hidden · up to episode 1" in synopsis


@pilot_test
async def test_enter_opens_the_next_pane(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.focused, EpisodeTable)
        await pilot.press("enter")
        assert isinstance(app.focused, ReviewReader)


@pilot_test
async def test_reader_scrolls_with_keys(tmp_path: Path) -> None:
    app = make_app([BUNDLED], tmp_path / "state.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        reader = main(app).query_one(ReviewReader)
        reader.focus()
        await pilot.pause()
        await pilot.press("j", "j", "down")
        assert reader.scroll_y == 3
        await pilot.press("k", "up")
        assert reader.scroll_y == 1


@pilot_test
async def test_filter_matches_titles_genres_networks_but_never_hidden_text(
    tmp_path: Path,
) -> None:
    app = twist_app(tmp_path, ("other.toml", OTHER))
    async with app.run_test(size=SIZE) as pilot:
        show_list = main(app).query_one(ShowList)
        assert show_list.option_count == 2
        await pilot.press("slash")
        await pilot.press(*"thriller")  # a genre of The Twist; s and w type, not act
        await pilot.pause()
        assert show_list.option_count == 1
        assert app.screen.sub_title == "The Twist"
        assert main(app).state.watched("twist") == frozenset()
        await pilot.press("ctrl+a", "ctrl+k", *"banjeon")  # original title
        await pilot.pause()
        assert show_list.option_count == 1
        await pilot.press("ctrl+a", "ctrl+k", *"mbc")  # network
        await pilot.pause()
        assert show_list.option_count == 1
        assert app.screen.sub_title == "Another Show"
        await pilot.press("ctrl+a", "ctrl+k", *"alphasecret")  # spoiler text
        await pilot.pause()
        assert show_list.option_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert show_list.option_count == 2
        assert isinstance(app.focused, ShowList)


@pilot_test
async def test_watched_marks_are_saved_and_read_back(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    state_file = tmp_path / "state" / "state.toml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "w")
        await pilot.pause()
        assert tomllib.loads(state_file.read_text())["watched"] == {"twist": [1]}
        row = main(app).query_one(EpisodeTable).get_row_at(0)
        assert "✓" in str(row[3])
        await pilot.press("w")  # toggles back
        assert tomllib.loads(state_file.read_text())["watched"] == {}
        await pilot.press("j", "j", "W")  # everything up to episode 3
        assert tomllib.loads(state_file.read_text())["watched"] == {"twist": [1, 2, 3]}
        assert "3/3 watched" in screen_text(app)

    again = twist_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = main(again).query_one(EpisodeTable)
        assert all("✓" in str(table.get_row_at(i)[3]) for i in range(3))
        assert "3/3 watched" in screen_text(again)


@pilot_test
async def test_spoilers_are_absent_until_revealed_and_hidden_again(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        everything = all_text(app)
        for secret in SECRETS:
            assert secret not in everything
        assert "The Betrayal Unmasked" in everything  # titles are not hidden by default
        reader = main(app).query_one(ReviewReader)
        assert "⟦ spoiler · up to episode 3 · press s ⟧" in flat(reader.text)
        assert "⟦ spoiler · up to episode 2 · press s ⟧" in flat(reader.text)
        await pilot.press("tab", "tab")  # into the reader
        assert reader.cursor == "r0.s0.i0"
        await pilot.press("s")
        await pilot.pause()
        everything = all_text(app)
        assert "ALPHASECRET" in screen_text(app)
        assert "ALPHASECRET is the thief." in flat(reader.text)
        for secret in SECRETS[1:]:
            assert secret not in everything
        assert reader.cursor == "r0.s1"  # the next hidden spoiler
        await pilot.press("s")
        assert "BETASECRET" in screen_text(app)
        assert "GAMMASECRET" not in all_text(app)
        await pilot.press("S")
        await pilot.pause()
        everything = all_text(app)
        for secret in SECRETS:
            assert secret not in everything
        assert "Every spoiler is hidden again." in notifications(app)


@pilot_test
async def test_s_in_the_episode_guide_reveals_that_episode(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "j")
        assert "SYNTWOSECRET" not in all_text(app)
        await pilot.press("s")
        assert "SYNTWOSECRET comes out." in flat(screen_text(app))
        assert "ALPHASECRET" not in all_text(app)
        assert "SYNTHREESECRET" not in all_text(app)


@pilot_test
async def test_progress_reveals_a_section_by_itself(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "j", "W")  # watched 1 and 2
        await pilot.pause()
        everything = all_text(app)
        assert "BETASECRET happens midway." in everything
        assert "SYNTWOSECRET" in everything
        for secret in ("ALPHASECRET", "GAMMASECRET", "SYNTHREESECRET"):
            assert secret not in everything
        assert any("now within your progress" in n for n in notifications(app))
        await pilot.press("j", "w")  # episode 3: the whole show
        assert "GAMMASECRET" in all_text(app)


@pilot_test
async def test_next_review_includes_the_episode_review(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = main(app).query_one(ReviewReader)
        assert "Review 1 of 1 · whole series" in reader.text
        await pilot.press("r")
        assert "This is the only review here." in notifications(app)
        await pilot.press("right_square_bracket")  # episode 2 has its own review
        assert "Review 1 of 2 · whole series" in reader.text
        await pilot.press("r")
        assert "Review 2 of 2 · episode 2" in reader.text
        assert "Recap words." in reader.text
        assert "DELTASECRET" not in all_text(app)
        await pilot.press("r")
        assert "Review 1 of 2" in reader.text


@pilot_test
async def test_hide_titles_and_scores_settings(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    state_file = tmp_path / "state" / "state.toml"
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        screen.toggle_setting("hide_unwatched_titles")
        await pilot.pause()
        everything = all_text(app)
        for title in ("Pilot", "The Betrayal Unmasked", "Finale"):
            assert title not in everything
        assert "Episode 2" in everything
        screen.toggle_setting("hide_unwatched_scores")
        await pilot.pause()
        table = screen.query_one(EpisodeTable)
        scores = [str(table.get_row_at(i)[2]) for i in range(3)]
        assert scores == ["hidden"] * 3
        assert screen.query_one(ScoreTrend).values == (None, None, None)
        assert "7.5/10" not in all_text(app)
        assert "★" not in str(screen.query_one(ShowList).prompt_at(0))
        await pilot.press("tab", "w")  # watching episode 1 shows its title and score
        await pilot.pause()
        everything = all_text(app)
        assert "Pilot" in everything
        assert "7.5/10" in everything
        assert "The Betrayal Unmasked" not in everything
        assert screen.query_one(ScoreTrend).values == (7.5, None, None)
        saved = tomllib.loads(state_file.read_text())["settings"]
        assert saved["hide_unwatched_titles"] is True
        assert saved["hide_unwatched_scores"] is True


@pilot_test
async def test_reveal_all_and_remember_reveals(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        screen.toggle_setting("reveal_all")
        await pilot.pause()
        everything = all_text(app)
        assert all(secret in everything for secret in SECRETS[:3])
        screen.toggle_setting("reveal_all")
        screen.toggle_setting("remember_reveals")
        await pilot.press("tab", "tab", "s")
        assert "ALPHASECRET" in all_text(app)

    again = twist_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "ALPHASECRET" in all_text(again)  # remembered
        assert "BETASECRET" not in all_text(again)


@pilot_test
async def test_settings_toggle_from_the_command_palette(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"hide unwatched titles")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.settings.hide_unwatched_titles
        assert "The Betrayal Unmasked" not in all_text(app)


@pilot_test
async def test_jump_to_show_from_the_command_palette(tmp_path: Path) -> None:
    app = twist_app(tmp_path, ("other.toml", OTHER))
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.sub_title == "Another Show"
        await pilot.press("ctrl+p", *"twist")
        await pilot.pause(0.3)
        assert "Jump to The Twist" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.sub_title == "The Twist"
        assert isinstance(app.focused, EpisodeTable)


@pilot_test
async def test_help_lists_every_key_with_its_description(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for keys, description in [
            ("tab", "Next pane"),
            ("shift+tab", "Previous pane"),
            ("]", "Next episode"),
            ("[", "Previous episode"),
            ("w", "Watched"),
            ("W", "Watched up to here"),
            ("s", "Reveal"),
            ("S", "Hide all"),
            ("r", "Next review"),
            ("/", "Filter"),
            ("!", "Problems"),
            ("?", "Help"),
            ("q", "Quit"),
            ("^p", "Commands"),
            ("↓ j", "Move down"),
            ("↑ k", "Move up"),
            ("⏎", "Open / go to the next pane"),
        ]:
            row = re.compile(rf"│\s+{re.escape(keys)}\s+{re.escape(description)}\s+│")
            assert any(row.search(line) for line in text.splitlines()), (keys, description)
        assert "Hide unwatched titles" in text
        assert "Remember reveals" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


@pilot_test
async def test_q_quits(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pilot_test
async def test_corrupt_state_file_is_set_aside_and_the_user_told(tmp_path: Path) -> None:
    state_file = tmp_path / "state" / "state.toml"
    write(state_file.parent, "state.toml", "watched = [[[ not toml")
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        told = notifications(app)
        assert len(told) == 1
        assert "could not be read" in told[0]
        assert "state.toml.corrupt-" in told[0]
        assert "could not be read" in flat(screen_text(app))
        aside = list(state_file.parent.glob("state.toml.corrupt-*"))
        assert len(aside) == 1
        assert aside[0].read_text() == "watched = [[[ not toml"
        await pilot.press("tab", "w")  # a fresh start that saves
        assert tomllib.loads(state_file.read_text())["watched"] == {"twist": [1]}


@pilot_test
async def test_unsaveable_progress_is_told_once(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state folder should be")
    shows = tmp_path / "shows"
    write(shows, "twist.toml", TWIST)
    app = make_app([shows], blocker / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "w", "j", "w")
        await pilot.pause()
        told = [n for n in notifications(app) if "cannot be saved" in n]
        assert len(told) == 1
        # the session keeps the marks even so
        assert app.state.watched("twist") == frozenset({1, 2})


@pilot_test
async def test_bad_files_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    write(shows, "twist.toml", TWIST)
    write(shows, "broken.toml", 'format = 1\n[show]\ntitle = "Broken\n')
    write(shows, "wrong.toml", "format = 1\n[show]\ntitle = 'Wrong'\nyear = 'soon'\n")
    app = make_app([shows], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert main(app).query_one(ShowList).option_count == 1
        assert "2 files have problems — press ! to see them" in screen_text(app)
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        text = screen_text(app)
        assert f"{shows / 'broken.toml'}:3:" in text
        assert f"{shows / 'wrong.toml'}:4:1:" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


HOSTILE_TITLES = [
    "[bold]x[/]",
    "x [/",
    "[@click=app.quit]q[/]",
    "\x1b]52;c;SGVsbG8=\x07clip",
    "[link=file:///etc/passwd]x[/link]",
]


def hostile_show(n: int, title: str) -> str:
    quoted = title.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\u001b")
    quoted = quoted.replace("\x07", "\\u0007")
    return f"""\
format = 1
[show]
id = "h{n}"
title = "{quoted}"
network = "{quoted}"
[[episodes]]
number = 1
title = "{quoted}"
synopsis = "{quoted}"
[[reviews]]
source = "{quoted}"
headline = "{quoted}"
scores = {{ "{quoted}" = 3 }}
[[reviews.sections]]
heading = "{quoted}"
body = "{quoted}"
"""


@pilot_test
async def test_hostile_titles_render_literally(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    for n, title in enumerate(HOSTILE_TITLES):
        write(shows, f"h{n}.toml", hostile_show(n, title))
    app = make_app([shows], tmp_path / "state.toml")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert main(app).query_one(ShowList).option_count == len(HOSTILE_TITLES)
        for _ in HOSTILE_TITLES:
            text = all_text(app)
            assert "\x1b" not in text and "\x07" not in text
            await pilot.press("down")
        text = screen_text(app)
        for literal in ("[bold]x[/]", "x [/", "[@click=app.quit]q[/]", "[link=file:///etc/passwd]"):
            assert literal in text
        assert "clip" in text  # the OSC 52 sequence is removed whole, its payload too
        assert "SGVsbG8" not in all_text(app)
        # a click on the would-be link does nothing: the app is still running
        await pilot.click(ShowList, offset=(3, 1))
        await pilot.pause()
        assert app.is_running
        await pilot.press("tab", "tab", "question_mark", "escape", "ctrl+p", *"x [/")
        await pilot.pause(0.3)
        assert "Jump to x [/" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running


def big_show() -> str:
    episodes = "".join(
        f'[[episodes]]\nnumber = {n}\ntitle = "Part {n}"\nscore = {n % 5}\n' for n in range(1, 501)
    )
    word = "w" * 5000
    body = " ".join(["long review text"] * 12000) + " " + word + " ||HUGESECRET||"
    return (
        'format = 1\n[show]\nid = "big"\ntitle = "Big"\n'
        + episodes
        + f'[[reviews]]\n[[reviews.sections]]\nbody = "{body}"\n'
    )


@pilot_test
async def test_huge_review_and_500_episodes_stay_responsive(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    write(shows, "big.toml", big_show())
    app = make_app([shows], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert main(app).query_one(EpisodeTable).row_count == 500
        reader = main(app).query_one(ReviewReader)
        assert len(reader.text) > 200_000
        start = time.perf_counter()
        await pilot.press("tab", "tab", "pagedown", "right_square_bracket", "w")
        await pilot.pause()
        assert time.perf_counter() - start < 5
        assert "HUGESECRET" not in all_text(app)
        assert reader.cursor == "r0.s0.i0"
        await pilot.press("s")
        assert "HUGESECRET" in reader.text


@pilot_test
async def test_theme_choice_is_saved(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
    assert app.state.settings.theme == "textual-light"
    again = twist_app(tmp_path)
    async with again.run_test(size=SIZE):
        assert again.theme == "textual-light"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)])
@pilot_test
async def test_every_pane_is_visible_at_common_sizes(tmp_path: Path, size: tuple[int, int]) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for title in ("Shows", "Episodes", "Review", "The Twist", "Pilot", "A twisty ride"):
            assert title in text, (title, size)
        for widget in (ShowList, EpisodeTable, ReviewReader):
            region = main(app).query_one(widget).region
            assert region.width >= 20 and region.height >= 3, (widget, region)


@pilot_test
async def test_garbage_collector_back_on_after_the_first_frame(tmp_path: Path) -> None:
    """The command line turns the collector off for the start; the first frame ends that."""
    import gc

    gc.disable()
    try:
        app = make_app([BUNDLED], tmp_path / "state.toml")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Soundtrack #1" in screen_text(app)
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def cursor_line(app: object) -> str:
    """The episode table's line drawn with the cursor's background, as on screen."""
    table = main(app).query_one(EpisodeTable)
    cursor = table.get_component_rich_style("episode-table--cursor").bgcolor
    region = table.region
    lines = main(app)._compositor.render_strips()
    found = [
        strip.crop(region.x, region.right).text
        for strip in lines[region.y : region.bottom]
        if any(s.style is not None and s.style.bgcolor == cursor for s in strip)
    ]
    assert len(found) == 1, found
    return " ".join(found[0].split())


@pilot_test
async def test_episode_table_draws_the_rows_its_cursor_scrolls_to(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    write(shows, "big.toml", big_show())
    app = make_app([shows], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        await pilot.pause()
        assert cursor_line(app).startswith("1 Part 1 ")
        await pilot.press("pagedown")
        await pilot.pause()
        number = guide_episode(app)
        assert number is not None and number > 10
        assert cursor_line(app).startswith(f"{number} Part {number} ")
        assert "# Episode Score" in " ".join(screen_text(app).split())  # the header stays
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert guide_episode(app) == 500
        assert cursor_line(app).startswith("500 Part 500 ")
        await pilot.press("up", "up")
        await pilot.pause()
        assert cursor_line(app).startswith("498 Part 498 ")
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert cursor_line(app).startswith("1 Part 1 ")
        await pilot.press("end")  # as in the show list
        await pilot.pause()
        assert guide_episode(app) == 500
        await pilot.press("home")
        await pilot.pause()
        assert guide_episode(app) == 1
        table = main(app).query_one(EpisodeTable)
        await pilot.click(EpisodeTable, offset=(5, 3))  # the header, then rows 1, 2, 3
        await pilot.pause()
        assert guide_episode(app) == 3 and cursor_line(app).startswith("3 Part 3 ")
        assert isinstance(app.focused, EpisodeTable) and table.cursor_row == 2
        await pilot.click(EpisodeTable, offset=(5, 3))  # clicked again: chosen
        await pilot.pause()
        assert isinstance(app.focused, ReviewReader)


@pilot_test
async def test_reader_draws_each_line_as_its_content_renders(tmp_path: Path) -> None:
    """The reader's own segment building gives what Content.render gives, for every line:
    placeholders, the spoiler cursor, revealed text and the review's own styles."""
    from rich.segment import Segment

    app = make_app([BUNDLED], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        reader = main(app).query_one(ReviewReader)
        seen_styles: set[str] = set()
        for _ in range(4):
            await pilot.press("s")
            await pilot.pause()
            base = reader.visual_style
            for line in reader._lines:
                seen_styles.update(str(span.style) for span in line.content.spans)
                expected = [
                    Segment(text, style.rich_style)
                    for text, style in line.content.render(base, end="", parse_style=reader._style)
                ]
                assert reader._segments(line.content, base) == expected
            await pilot.press("down")
            await app.workers.wait_for_complete()
            await pilot.pause()
        kinds = {name.split(":")[0] for name in seen_styles}
        assert {"placeholder", "revealed", "meta"} <= kinds


CAST = TWIST.replace(
    'synopsis = "A detective and a thief."',
    'synopsis = "A detective and a thief. ||ZETASECRET is her father.||"\ncountry = "South Korea"'
    '\ncast = [{ name = "Kim Ha-neul", role = "the detective" }, { name = "Lee Do-hyun" }]',
)


@pilot_test
async def test_the_reader_ends_with_the_show_facts_cast_and_synopsis(tmp_path: Path) -> None:
    app = make_app([write(tmp_path / "shows", "twist.toml", CAST)], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = flat(main(app).query_one(ReviewReader).text)
        about = text[text.index("About the show") :]
        assert about.startswith(
            "About the show Banjeon · 2023 · South Korea · KBS · 3 episodes Thriller "
            "Cast: Kim Ha-neul (the detective), Lee Do-hyun A detective and a thief. "
            "⟦ spoiler · up to episode 3 · press s ⟧"
        )
        assert "ZETASECRET" not in all_text(app)  # the show's synopsis follows the rules too
