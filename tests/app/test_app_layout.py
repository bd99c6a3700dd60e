"""The room goes to the text (issue 13, item 13): a modest show list, no column that is
empty for the whole show, and the review reader takes the rest."""

from __future__ import annotations

from pathlib import Path

from dramatui.app.widgets.episode_table import EpisodeTable

from app_support import make_app, pilot_test, screen_text, twist_app, write

PLAIN = """\
format = 1

[show]
id = "plain"
title = "Plain"

[[episodes]]
number = 1
title = "A rather long episode title that should show"

[[episodes]]
number = 2
title = "Another long episode title"
"""


@pilot_test
async def test_the_reader_gets_the_room_at_120_and_200_columns(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    for width, reader_at_least in ((120, 45), (200, 100)):
        async with app.run_test(size=(width, 40)) as pilot:
            await pilot.pause()
            shows = app.screen.query_one("#shows-pane").size.width
            guide = app.screen.query_one("#episodes-pane").size.width
            reader = app.screen.query_one("#reader-pane").size.width
            assert shows <= 32 and reader > guide > shows, (width, shows, guide, reader)
            assert reader >= reader_at_least, (width, reader)
        app = twist_app(tmp_path / str(width))


@pilot_test
async def test_columns_empty_for_the_whole_show_are_left_out(tmp_path: Path) -> None:
    """At 80 columns a show with no scores, dates or runtimes gives its titles the room."""
    write(tmp_path / "shows", "plain.toml", PLAIN)
    app = make_app([tmp_path / "shows"], tmp_path / "state.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        assert table.column_keys == ["number", "title", "watched"]
        assert "A rather long episode" in screen_text(app)


@pilot_test
async def test_a_show_with_dates_keeps_its_columns_when_there_is_room(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        # "you" (issue 16): your rating, beside the show's scores
        keys = ["number", "title", "score", "you", "watched", "aired", "runtime"]
        assert table.column_keys == keys
