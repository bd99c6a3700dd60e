"""Links in reviews: shown as text, opened only by the `o` key, only http(s)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dramatui.app.screens.help import HelpScreen
from dramatui.app.widgets.review_reader import ReviewReader

from app_support import make_app, pilot_test, screen_text, write
from hostile.screen import (
    SIZE,
    URL,
    assert_nothing_leaks,
    hostile_app,
    leaks,
    main_screen,
    notification_segments,
    quiet_show,
)

# -- links: shown, opened only by a key, only http(s) --------------------------------------


@pilot_test
async def test_o_opens_the_review_address_and_says_so_as_text(
    tmp_path: Path, browser_opened: list[str]
) -> None:
    opened = browser_opened
    app = hostile_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert opened == [URL]
        (note,) = app._notifications
        assert note.message == URL and note.title == "Opening link" and not note.markup
        assert URL in screen_text(app)
        assert_nothing_leaks(app, "toast")
        assert app.is_running

        # the second review has no address: nothing opens, and the reader says so
        await pilot.press("r", "o")
        await pilot.pause()
        assert opened == [URL]
        assert "This review has no link." in [n.message for n in app._notifications]
        assert "This review has no link." in screen_text(app), screen_text(app)


@pilot_test
async def test_o_checks_the_address_again_before_opening(
    tmp_path: Path, browser_opened: list[str]
) -> None:
    """The model refuses other schemes at load time; the key refuses them again."""
    opened = browser_opened
    app = hostile_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        view = screen.current_view
        assert view is not None
        reader = screen.query_one(ReviewReader)
        for url in (
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://example.com/\u202egpj.exe",
            "https://example.com/a\x1b]52;c;ZXZpbA==\x07",
        ):
            app._notifications.clear()
            reader.show_review(view, replace(view.reviews[0], url=url), 0, 2)
            await pilot.press("o")
            await pilot.pause()
            assert opened == [], url
            (note,) = app._notifications
            assert note.message.startswith("Not opened: the link must"), note.message
            assert not note.markup
            assert not leaks(notification_segments(app), "refused")


@pilot_test
async def test_o_is_described_in_the_help(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = [" ".join(line.split()) for line in screen_text(app).split("\n")]
        assert any("o Open review link" in line for line in lines)


@pilot_test
async def test_o_without_any_review_says_so(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    write(shows, "quiet.toml", quiet_show())
    app = make_app([shows], tmp_path / "state.toml")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["No review here."]
