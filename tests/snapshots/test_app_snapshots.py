"""Look tier: SVG snapshots of the screen, one per visible state (review them like code).

Update with ``pytest tests/snapshots/test_app_snapshots.py --snapshot-update``, then look
at the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app_support import BUNDLED, make_app, twist_app, write


def bundled(tmp_path: Path, theme: str | None = None) -> Any:
    state = tmp_path / "state.toml"
    if theme:
        write(tmp_path, "state.toml", f'version = 1\n[settings]\ntheme = "{theme}"\n')
    return make_app([BUNDLED], state)


def test_main_screen_80x24(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(bundled(tmp_path), terminal_size=(80, 24))


def test_main_screen_160x50(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(bundled(tmp_path), terminal_size=(160, 50))


def test_main_screen_light_theme(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(bundled(tmp_path, "textual-light"), terminal_size=(120, 40))


def test_help_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(bundled(tmp_path), press=["question_mark"], terminal_size=(120, 40))


def test_spoiler_placeholder(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(twist_app(tmp_path), press=["tab", "tab"], terminal_size=(120, 40))


def test_spoiler_revealed(snap_compare: Any, tmp_path: Path) -> None:
    """The same section as in test_spoiler_placeholder, after `s`."""
    assert snap_compare(twist_app(tmp_path), press=["tab", "tab", "s"], terminal_size=(120, 40))


# -- daily use: your ratings beside the review's, and Up next ------------------------

MINE = """\
version = 1
[settings]
{theme}
[watched]
soundtrack-1 = [1, 2]
twist = [1]
[watched_at.soundtrack-1]
1 = 2026-01-02T20:00:00Z
2 = 2026-01-03T21:30:00Z
[watched_at.twist]
1 = 2026-01-01T19:00:00Z
[ratings.soundtrack-1]
0 = {{ value = 4.5, at = 2026-01-03T22:00:00Z }}
1 = {{ value = 5, at = 2026-01-02T20:10:00Z }}
2 = {{ value = 3.5, at = 2026-01-03T21:40:00Z }}
[notes.soundtrack-1]
2 = {{ text = "The rooftop scene, again.", at = 2026-01-03T21:45:00Z }}
"""


def mine(tmp_path: Path, theme: str | None) -> Any:
    from app_support import TWIST

    shows = tmp_path / "shows"
    for source in BUNDLED.glob("*.toml"):
        write(shows, source.name, source.read_text(encoding="utf-8"))
    write(shows, "twist.toml", TWIST)
    setting = f'theme = "{theme}"' if theme else ""
    write(tmp_path, "state.toml", MINE.format(theme=setting))
    return make_app([shows], tmp_path / "state.toml")


SIZES = [(80, 24), (160, 50)]
THEMES = [None, "textual-light"]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
@pytest.mark.parametrize("theme", THEMES, ids=["dark", "light"])
def test_guide_with_your_ratings(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], theme: str | None
) -> None:
    """The "You" column beside the review's scores, your trend line, your note."""
    assert snap_compare(mine(tmp_path, theme), press=["tab", "k"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
@pytest.mark.parametrize("theme", THEMES, ids=["dark", "light"])
def test_up_next(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], theme: str | None
) -> None:
    assert snap_compare(mine(tmp_path, theme), press=["u"], terminal_size=size)


def test_episode_screen_80x24(snap_compare: Any, tmp_path: Path) -> None:
    """Enter on episode 2 of The Twist: its hidden synopsis and its review's spoiler."""
    press = ["tab", "down", "enter"]
    assert snap_compare(twist_app(tmp_path), press=press, terminal_size=(80, 24))


def test_episode_screen_light_theme(snap_compare: Any, tmp_path: Path) -> None:
    state = 'version = 1\n[settings]\ntheme = "textual-light"\n'
    write(tmp_path / "state", "state.toml", state)  # where twist_app keeps its state
    assert snap_compare(twist_app(tmp_path), press=["tab", "down", "enter"], terminal_size=(80, 24))


def test_add_show_matches(snap_compare: Any, tmp_path: Path) -> None:
    """'Add a show from TVmaze…' with the matches of a search (the fake TVmaze), light theme."""
    import respx

    from dramatui.app.screens.main import MainScreen

    from tvmaze_fake import FakeTVmaze

    async def search(pilot: Any) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        screen.action_add_show()
        await pilot.pause()
        await pilot.press(*"harbour lights", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    fake = FakeTVmaze()
    with respx.mock(assert_all_called=False) as router:
        router.route(host="api.tvmaze.com").mock(side_effect=fake.handler)
        app = bundled(tmp_path, "textual-light")
        assert snap_compare(app, run_before=search, terminal_size=(80, 24))
