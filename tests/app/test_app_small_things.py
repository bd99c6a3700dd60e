"""Issue 13, item 15: small things a user meets."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramatui.__main__ import main
from dramatui.app.screens.main import MainScreen
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.review_reader import ReviewReader

from app_support import OTHER, all_text, make_app, notifications, pilot_test, twist_app, write

SIZE = (120, 40)

WARNED = """\
format = 1
[show]
id = "warned"
title = "Warned"
synopsis = "An ||unclosed marker."
"""


@pilot_test
async def test_one_warning_is_singular(tmp_path: Path) -> None:
    write(tmp_path / "shows", "warned.toml", WARNED)
    app = make_app([tmp_path / "shows"], tmp_path / "state.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 warning — press ! to see it" in all_text(app)


@pilot_test
async def test_o_without_a_browser_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    linked = (
        OTHER + '[[reviews]]\nurl = "https://example.org/r"\n[[reviews.sections]]\nbody = "b"\n'
    )
    write(tmp_path / "shows", "other.toml", linked)
    monkeypatch.setattr("webbrowser.open", lambda *a, **k: False)
    app = make_app([tmp_path / "shows"], tmp_path / "state.toml")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        titles = [n.title for n in app._notifications]
        assert "No web browser found to open the link" in titles
        assert "Opening link" not in titles
        assert "https://example.org/r" in notifications(app)


@pilot_test
async def test_ctrl_c_quits_like_q(tmp_path: Path) -> None:
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


def test_state_is_in_the_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--state FILE" in out


def test_the_new_template_explains_spoils_as_the_docs_do(tmp_path: Path) -> None:
    out = tmp_path / "n.toml"
    assert main(["new", "Some Show", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "`spoils = N` (hidden until episodes 1 to N are all watched)" in text
    assert "# spoils = 2" in text


@pilot_test
async def test_a_filter_with_no_match_says_so_and_clears_the_other_panes(tmp_path: Path) -> None:
    app = twist_app(tmp_path, ("other.toml", OTHER))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"xyz")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        text = all_text(app)
        assert "No show matches 'xyz'" in text
        assert "Another Show" not in text and "Start" not in text  # nothing of the last one
        assert screen.query_one(EpisodeTable).row_count == 0
        assert "No show matches 'xyz'" in screen.query_one(ReviewReader).text
        await pilot.press("backspace", "backspace", "backspace", *"twist")
        await pilot.pause()
        assert screen.sub_title == "The Twist"
        assert screen.query_one(EpisodeTable).row_count == 3


@pilot_test
async def test_screenshot_saves_where_it_can_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No download folder (``~/Downloads`` missing): saved in the current folder."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setattr("platformdirs.user_downloads_path", lambda: tmp_path / "missing")
    app = twist_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        saved = app.screenshot()
        assert saved is not None and saved.parent == here and saved.exists()
        assert saved.read_text(encoding="utf-8").startswith("<svg")
        await pilot.pause()
        [note] = [n for n in app._notifications if n.title == "Screenshot saved"]
        assert note.message == str(saved)
        assert not [n for n in app._notifications if "Failed" in n.message]
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert commands.count("Screenshot") == 1
