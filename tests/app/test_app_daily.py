"""Pilot tests for daily use: up next, resume, ratings, notes, sort, search in the review.

Each change is checked on screen, in the state file, and in a second app reading it back.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from dramatui.app.screens.main import MainScreen
from dramatui.app.widgets.episode_guide import EpisodeGuide, ScoreTrend, Synopsis
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.app.widgets.show_list import ShowList
from dramatui.app.widgets.up_next_list import UpNextList

from app_support import (
    OTHER,
    SECRETS,
    TWIST,
    make_app,
    notifications,
    pilot_test,
    screen_text,
    write,
)

SIZE = (120, 40)

THIRD = """\
format = 1

[show]
id = "third"
title = "Zebra Days"
score_scale = 100

[[episodes]]
number = 1
title = "Stripes"
score = 70

[[episodes]]
number = 2
title = "Spots"
score = 90
"""


def library(tmp_path: Path) -> list[Path]:
    shows = tmp_path / "shows"
    write(shows, "twist.toml", TWIST)
    write(shows, "other.toml", OTHER)
    write(shows, "third.toml", THIRD)
    return [shows]


def app_for(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_app(library(tmp_path), tmp_path / "state" / "state.toml")


def on_disk(tmp_path: Path) -> dict[str, object]:
    return tomllib.loads((tmp_path / "state" / "state.toml").read_text(encoding="utf-8"))


def main(app: object) -> MainScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


def episode(app: object) -> int | None:
    return main(app).query_one(EpisodeGuide).highlighted


async def open_twist(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """The list is by title: Another Show, The Twist, Zebra Days."""
    await pilot.pause()
    await pilot.press("down")  # The Twist
    await pilot.pause()
    assert main(app).current_view is not None
    assert main(app).current_view.title == "The Twist"


def you_cell(app: object, row: int) -> str:
    table = main(app).query_one(EpisodeTable)
    return str(table.get_row_at(row)[table.column_keys.index("you")])


@pilot_test
async def test_number_keys_rate_on_the_show_scale_and_mark_watched(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        await pilot.press("tab", "8")  # episode 1 of The Twist, scale 10
        await pilot.pause()
        assert "You: 8/10 for episode 1 — marked watched." in notifications(app)
        assert you_cell(app, 0) == "8"
        data = on_disk(tmp_path)
        assert data["watched"] == {"twist": [1]}
        assert data["ratings"]["twist"]["1"]["value"] == 8  # type: ignore[index]
        await pilot.press("plus")
        await pilot.pause()
        assert you_cell(app, 0) == "8.5"
        await pilot.press("0")  # 0 is 10 on a scale of 10
        await pilot.press("plus")
        assert "10/10 is the top of the scale." in notifications(app)
        await pilot.press("j", "7", "j", "9")
        await pilot.pause()
        trend = main(app).query_one(ScoreTrend)
        assert trend.yours == (10.0, 7.0, 9.0)
        assert "You " in screen_text(app)  # the second trend line
        await pilot.press("backspace")
        await pilot.pause()
        assert you_cell(app, 2) == "–"
        assert "Your rating of episode 3 is cleared." in notifications(app)
        # rating episode 3 marked it watched: the ending is within the progress now
        assert "GAMMASECRET" in main(app).query_one(ReviewReader).text
    again = app_for(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await open_twist(pilot, again)
        assert [you_cell(again, r) for r in range(3)] == ["10", "7", "–"]


@pilot_test
async def test_show_rating_from_the_list_and_its_mean_in_the_list(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end")  # Zebra Days, scale 100, the list has the focus
        await pilot.press("7", "plus")
        await pilot.pause()
        assert "You: 75/100 for the show." in notifications(app)
        assert on_disk(tmp_path)["ratings"] == {
            "third": {"0": {"value": 75, "at": on_disk(tmp_path)["ratings"]["third"]["0"]["at"]}}  # type: ignore[index]
        }
        assert "watched" not in str(on_disk(tmp_path)["watched"])  # the show: no episode marked
        show_list = main(app).query_one(ShowList)
        assert "you 75/100" in str(show_list.prompt_at(2))
        await pilot.press("6")  # not a half step: tens on a scale of 100
        await pilot.press("minus")
        await pilot.pause()
        assert "you " not in str(show_list.prompt_at(2))


@pilot_test
async def test_scale_5_refuses_0(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # Another Show, scale 5
        await pilot.press("tab", "0")
        await pilot.pause()
        assert "This show is rated out of 5: 1–5." in notifications(app)
        assert "ratings" not in on_disk(tmp_path) if (tmp_path / "state").exists() else True


@pilot_test
async def test_opening_a_show_goes_to_its_first_unwatched_episode_and_n(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    app.state.set_watched("twist", [1], True)
    app.state.set_watched("twist", [3], True)
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        await pilot.pause()
        assert episode(app) == 2
        await pilot.press("n")  # already on the first unwatched, and no other: stays
        assert episode(app) == 2
        await pilot.press("tab", "w", "n")  # 2 watched: everything is
        await pilot.pause()
        assert "Every episode of this show is watched." in notifications(app)


@pilot_test
async def test_up_next_lists_shows_in_progress_and_opens_one(tmp_path: Path) -> None:
    import datetime as dt

    app = app_for(tmp_path)
    early = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    app.state.set_watched("twist", [1], True, at=early)
    app.state.set_watched("third", [1], True, at=early + dt.timedelta(days=1))
    app.state.set_setting("hide_unwatched_titles", True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert main(app).up_next_open
        listed = main(app).query_one(UpNextList)
        items = [listed.row(n) for n in range(len(listed.items))]
        assert [(i.show_id, i.episode) for i in items] == [("third", 2), ("twist", 2)]
        text = screen_text(app)
        assert "Up next" in text and "Zebra Days" in text
        assert "The Betrayal Unmasked" not in text  # the hidden title stays hidden
        assert items[1].episode_title == "Episode 2" and items[1].title_hidden
        assert "Episode 2" in text
        await pilot.press("8")  # the browser's keys do nothing here: no rating is made
        assert "ratings" not in on_disk(tmp_path)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not main(app).up_next_open
        assert main(app).current_view is not None
        assert main(app).current_view.title == "The Twist"
        assert episode(app) == 2
        assert app.focused is main(app).query_one(EpisodeTable)


@pilot_test
async def test_up_next_from_the_palette_and_empty(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Up next")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert main(app).up_next_open
        assert "Nothing in progress." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not main(app).up_next_open
        assert "Nothing in progress." not in screen_text(app)


@pilot_test
async def test_a_relaunch_opens_where_you_left_off(tmp_path: Path) -> None:
    long_review = TWIST.replace(
        'body = "Open words about the setup.',
        'body = "' + "\\n\\n".join(f"Paragraph {n} of filler." for n in range(60)) + " Open",
    )
    shows = tmp_path / "shows"
    write(shows, "twist.toml", long_review)
    write(shows, "other.toml", OTHER)
    state = tmp_path / "state" / "state.toml"
    app = make_app([shows], state)
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        await pilot.press("tab", "j", "j")  # episode 3
        await pilot.press("tab")  # the reader
        await pilot.press("pagedown")
        await pilot.pause()
        line = round(main(app).query_one(ReviewReader).scroll_y)
        assert line > 0
        await pilot.press("q")
    data = tomllib.loads(state.read_text(encoding="utf-8"))
    assert data["last"] == {"show": "twist", "episode": 3, "review_line": line}
    again = make_app([shows], state)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert main(again).current_view is not None
        assert main(again).current_view.title == "The Twist"
        assert main(again).query_one(ShowList).highlighted_id == "twist"
        assert episode(again) == 3
        assert round(main(again).query_one(ReviewReader).scroll_y) == line


def fake_editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pilot_test
async def test_e_edits_a_note_in_the_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    editor = fake_editor(tmp_path, 'printf "Loved it [b]x[/b]\\n" >> "$1"')
    monkeypatch.setenv("EDITOR", editor)
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        await pilot.press("tab", "e")
        await pilot.pause()
        assert "Note on episode 1 saved." in notifications(app)
        notes = on_disk(tmp_path)["notes"]
        assert notes["twist"]["1"]["text"] == "Loved it [b]x[/b]"  # type: ignore[index]
        synopsis = str(main(app).query_one(Synopsis).content)
        assert "Your note" in synopsis and "Loved it [b]x[/b]" in synopsis
        # from the show list: a note on the show, shown in the reader
        await pilot.press("shift+tab", "e")
        await pilot.pause()
        assert "Note on the show saved." in notifications(app)
        assert "Loved it [b]x[/b]" in main(app).query_one(ReviewReader).text
    again = app_for(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await open_twist(pilot, again)
        assert again.state.notes("twist")[1].text == "Loved it [b]x[/b]"
        assert again.state.notes("twist")[0].text == "Loved it [b]x[/b]"


@pytest.mark.parametrize(
    ("body", "told"),
    [
        ("true", "Note unchanged."),
        (': > "$1"', "The note was left empty: nothing changed."),
        ("exit 3", "failed (exit 3): not saved."),
    ],
)
@pilot_test
async def test_an_editor_that_changes_nothing_or_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, told: str
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, body))
    app = app_for(tmp_path)
    app.state.set_note("twist", 1, "kept")
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        await pilot.press("tab", "e")
        await pilot.pause()
        assert any(told in n for n in notifications(app)), notifications(app)
        assert app.state.notes("twist")[1].text == "kept"


@pilot_test
async def test_a_missing_editor_is_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        await pilot.press("tab", "e")
        await pilot.pause()
        assert any("Cannot run" in n for n in notifications(app)), notifications(app)
        assert "notes" not in on_disk(tmp_path) if (tmp_path / "state").exists() else True
    monkeypatch.delenv("EDITOR")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        await pilot.press("tab", "e")
        await pilot.pause()
        assert any("No editor found" in n for n in notifications(app)), notifications(app)


@pilot_test
async def test_sort_key_cycles_and_the_choice_is_kept(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    app.state.set_rating("other", 0, 2)
    app.state.set_rating("third", 0, 90)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ids = lambda: [main(app).listing.order[i] for i in range(3)]  # noqa: E731
        assert ids() == ["other", "twist", "third"]
        await pilot.press("O")  # by your rating: 90/100, then 2/5
        await pilot.pause()
        assert ids() == ["third", "other", "twist"]
        assert "Shows sorted by your rating." in notifications(app)
        assert "Shows · your rating" in screen_text(app)
        assert on_disk(tmp_path)["settings"]["sort"] == "your-rating"  # type: ignore[index]
    again = app_for(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert main(again).query_one(ShowList).highlighted_id == "third"
        await pilot.press("ctrl+p")
        await pilot.press(*"Sort shows by year")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert again.state.settings.sort == "year"


@pilot_test
async def test_search_in_the_review_never_finds_hidden_text(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        await pilot.press("ctrl+f")
        await pilot.press(*"ALPHASECRET")  # only in a hidden inline spoiler
        await pilot.pause()
        reader = main(app).query_one(ReviewReader)
        assert reader.match_count == 0
        assert "no match" in screen_text(app)
        for word in SECRETS:
            assert reader.search(word) == 0
        assert reader.search("spoiler") == 0  # the placeholders are not the review's words
        box = main(app).query_one("#reader-search")
        box.value = ""  # type: ignore[attr-defined]
        await pilot.press(*"words")  # "Open words", "Recap words" is another review
        await pilot.pause()
        assert reader.match_count == 1
        assert "1/1" in screen_text(app)
        box.value = ""  # type: ignore[attr-defined]
        await pilot.press(*"e")
        await pilot.pause()
        many = reader.match_count
        assert many > 3
        await pilot.press("enter", "enter")
        assert reader.match_index == 2
        assert f"3/{many}" in screen_text(app)
        await pilot.press("escape")  # closes the search and goes to the reader
        await pilot.pause()
        assert reader.match_count == 0 and app.focused is reader
        await pilot.press("n")  # no search: n is the next unwatched episode again
        await pilot.pause()


@pilot_test
async def test_n_and_N_move_between_matches_in_the_reader(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_twist(pilot, app)
        reader = main(app).query_one(ReviewReader)
        await pilot.press("ctrl+f", *"the")
        await pilot.pause()
        count = reader.match_count
        assert count >= 2
        reader.focus()
        await pilot.press("n")
        assert reader.match_index == 1
        await pilot.press("N", "N")
        assert reader.match_index == count - 1


@pilot_test
async def test_palette_finds_shows_by_cast_and_by_your_notes(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    app.state.set_note("third", 2, "Watch with Mina next weekend")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        found = [s.id for s in main(app).shows_matching("mina")]
        assert found == ["third"]
        await pilot.press("ctrl+p", *"mina")
        await pilot.pause(0.3)
        assert "Jump to Zebra Days" in screen_text(app)


@pilot_test
async def test_rating_from_the_palette(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Rate Another Show: 4/5")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.ratings("other")[0].value == 4
        assert not os.environ.get("DRAMATUI_NEVER")  # (the environment is the test's own)


@pilot_test
async def test_search_finds_words_across_a_line_end(tmp_path: Path) -> None:
    from app_support import BUNDLED

    app = make_app([BUNDLED], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = main(app).query_one(ReviewReader)
        lines = reader.text.split("\n")
        # two lines of one paragraph: the last word of one and the first of the next
        y = next(n for n in range(len(lines) - 1) if lines[n].strip() and lines[n + 1].strip())
        phrase = lines[y].split()[-1] + " " + lines[y + 1].split()[0]
        assert reader.search(phrase) >= 1
        pieces = reader._matches[0]
        assert [line for line, _, _ in pieces] == [y, y + 1]


@pilot_test
async def test_up_next_follows_marks_made_in_the_session(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert main(app).query_one(UpNextList).items == []
        await pilot.press("escape", "down", "tab", "w")  # The Twist, episode 1 watched
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        listed = main(app).query_one(UpNextList)
        assert [(listed.row(n).show_id, listed.row(n).episode) for n in range(1)] == [("twist", 2)]
        await pilot.press("escape")  # back to the episodes, where u was pressed
        assert app.focused is main(app).query_one(EpisodeTable)
        await pilot.press("j", "9")  # rates (and marks) episode 2
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert main(app).query_one(UpNextList).row(0).episode == 3
