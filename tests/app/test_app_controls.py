"""No control character inside a drawn line (issue 13, item 4).

A line break in show text is a new drawn line, never a character inside one: a lone
carriage return (``CR\\rOVERWRITE``) reaching the terminal moves its cursor and the panes
are drawn over. Every segment of every line any widget draws is checked for C0 and C1
controls (tab, CR and LF included), for shows whose every text field is generated text
holding control characters; and once in a real terminal (tmux), on the raw bytes the app
writes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual.app import App

from dramatui.app.screens.help import HelpScreen
from dramatui.app.screens.problems import ProblemsScreen
from dramatui.app.widgets.episode_guide import Synopsis
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.review_reader import ReviewReader

from app_support import make_app, pilot_test, write

CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
EVERY_CONTROL = "".join(CONTROLS)


def control_in(text: str) -> str | None:
    """The first C0 or C1 control character in *text* (tab, CR and LF included)."""
    for ch in text:
        if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            return ch
    return None


PIECES = st.one_of(
    st.sampled_from(CONTROLS),
    st.sampled_from(["CR", "OVERWRITE", " ", "\r\n", "\n\n", "||", "x [/", "\x1b[2J", "漢"]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=4),
)
TEXT = st.lists(PIECES, min_size=1, max_size=8).map("".join)


@st.composite
def control_shows(draw: st.DrawFn) -> dict[str, Any]:
    """A show whose every text field is generated text full of control characters."""
    text = lambda: draw(TEXT)  # noqa: E731
    show: dict[str, Any] = {
        "id": "controls",
        "title": "T" + text(),
        "original_title": text(),
        "country": text(),
        "network": text(),
        "genres": [text()],
        "synopsis": text(),
        "cast": [{"name": "N" + text(), "role": text()}],
        "score_scale": 10,
    }
    episodes = [{"number": n, "title": text(), "synopsis": text(), "score": n} for n in (1, 2, 3)]
    review = {
        "source": text(),
        "author": text(),
        "headline": text(),
        "score": 5,
        "scores": {text(): 4},
        "sections": [
            {"heading": text(), "body": text()},
            {"heading": text(), "body": text(), "spoils": 2},
        ],
    }
    return {"format": 1, "show": show, "episodes": episodes, "reviews": [review]}


EVERY_FIELD = {
    "format": 1,
    "show": {
        "id": "controls",
        "title": "T" + EVERY_CONTROL + "itle",
        "synopsis": "CR\rOVERWRITE " + EVERY_CONTROL,
        "cast": [{"name": "N" + EVERY_CONTROL, "role": EVERY_CONTROL}],
        "network": EVERY_CONTROL,
    },
    "episodes": [
        {"number": 1, "title": "CR\rOVERWRITE", "synopsis": "CR\rOVERWRITE\t" + EVERY_CONTROL},
        {"number": 2, "title": EVERY_CONTROL, "synopsis": EVERY_CONTROL},
    ],
    "reviews": [
        {
            "headline": "CR\rOVERWRITE",
            "author": EVERY_CONTROL,
            "scores": {EVERY_CONTROL: 3},
            "sections": [
                {"heading": EVERY_CONTROL, "body": "CR\rOVERWRITE and\ta tab " + EVERY_CONTROL},
                {"body": "one\nline\u2028two", "spoils": 2},
            ],
        }
    ],
}


def drawn_lines(app: App[object]) -> Iterator[tuple[str, list[Segment]]]:
    """Every line drawn on the terminal now, and every line of the scrolling views (also
    those scrolled out of view), each as the segments that make it."""
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        yield f"screen line {y}", list(strip)
    for reader in app.screen.query(ReviewReader):
        height = max(1, reader.scrollable_content_region.height)
        for top in range(0, max(reader.virtual_size.height, 1), height):
            reader.scroll_to(y=top, animate=False, immediate=True)
            for y in range(height):
                yield f"reader line {top + y}", list(reader.render_line(y))
        reader.scroll_to(y=0, animate=False, immediate=True)
    for synopsis in app.screen.query(Synopsis):
        for y, strip in enumerate(synopsis._strips):
            yield f"synopsis line {y}", list(strip)
    for table in app.screen.query(EpisodeTable):
        for y in range(table.size.height):
            yield f"episode table line {y}", list(table.render_line(y))


def assert_no_control_in_a_line(app: App[object], where: str) -> None:
    found = []
    for place, segments in drawn_lines(app):
        for segment in segments:
            ch = control_in(segment.text)
            if ch is not None:
                found.append(f"{where}, {place}: {ch!r} in {segment.text!r}")
    assert not found, "\n".join(found[:10])


async def walk_every_screen(app: App[object], tmp_path: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert_no_control_in_a_line(app, "main")
        await pilot.press("tab", "down", "s", "tab", "s", "s", "r")  # synopsis and reader
        await pilot.pause()
        assert_no_control_in_a_line(app, "revealed")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert_no_control_in_a_line(app, "80x24")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert_no_control_in_a_line(app, "help")
        await pilot.press("escape", "exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.pause()
        assert_no_control_in_a_line(app, "problems")


def controls_app(tmp_path: Path, doc: dict[str, Any]) -> App[object]:
    shows = tmp_path / "shows"
    write(shows, "controls.toml", tomli_w.dumps(doc))
    write(shows, "bad.toml", 'format = 1\n[show]\ntitle = "x"\nyear = "' + "\\r\\u0085" + '"\n')
    return make_app([shows], tmp_path / "state.toml")


@settings(
    max_examples=int(os.environ.get("DRAMATUI_CONTROL_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@example(doc=EVERY_FIELD)
@given(doc=control_shows())
def test_no_widget_draws_a_control_character_inside_a_line(
    tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any]
) -> None:
    import asyncio

    tmp_path = tmp_path_factory.mktemp("controls")
    asyncio.run(walk_every_screen(controls_app(tmp_path, doc), tmp_path))


@pilot_test
async def test_a_carriage_return_in_a_review_is_a_new_line(tmp_path: Path) -> None:
    """The repro: ``CR\\rOVERWRITE`` in a review body is drawn as two lines."""
    app = controls_app(tmp_path, EVERY_FIELD)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(ReviewReader)
        lines = [line.content.plain for line in reader._lines]
        assert "CR" in lines and any(line.startswith("OVERWRITE and") for line in lines)
        assert not [line for line in lines if "\n" in line]


# -- a real terminal -----------------------------------------------------------------

_LINE_ENDS = re.compile(rb"\r?\n(?=\x1b\[\d+;\d+H)")
_ESCAPES = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[P^_X][^\x1b]*\x1b\\|[ -~])"
)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_the_bytes_written_to_a_real_terminal_hold_no_bare_line_break(tmp_path: Path) -> None:
    """The app in tmux on the hostile show, its output recorded with ``pipe-pane``: once
    the escape sequences the app writes on purpose are taken out, no control character
    is left (every move of the cursor is an escape sequence; a CR, LF or other control
    from a show file would be among what is left)."""
    shows = tmp_path / "shows"
    write(shows, "controls.toml", tomli_w.dumps(EVERY_FIELD))
    record = tmp_path / "bytes.out"
    socket = f"dramatui-test-{os.getpid()}"
    env = {
        **os.environ,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TERM": "xterm-256color",
    }
    command = f"{sys.executable} -m dramatui {shows}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "120", "-y", "40", "sleep 60"], env=env, check=True
    )
    try:
        subprocess.run([*tmux, "pipe-pane", "-t", "0", f"cat >> {record}"], check=True)
        subprocess.run([*tmux, "respawn-pane", "-k", "-t", "0", command], env=env, check=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            shown = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", "0"], capture_output=True, text=True
            ).stdout
            if "OVERWRITE" in shown and "Review" in shown:
                break
            time.sleep(0.2)
        assert "OVERWRITE" in shown, shown
        for keys in (["Tab"], ["Tab"], ["s"], ["q"]):
            subprocess.run([*tmux, "send-keys", "-t", "0", *keys], check=True)
            time.sleep(0.5)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    raw = record.read_bytes()
    assert b"OVERWRITE" in raw
    # the app ends each drawn line with a line break and moves the cursor to the next one
    # (the terminal turns LF into CR LF): that break is its own, not the show's
    left = _LINE_ENDS.sub(b"", raw)
    left = _ESCAPES.sub(b"", left)
    bare = sorted({chr(b) for b in left if b < 0x20 or b == 0x7F})
    assert bare == [], f"control bytes outside escape sequences: {bare}"
