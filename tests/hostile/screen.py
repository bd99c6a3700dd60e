"""Hostile text for the browser's tests, and what counts as a leak on screen.

:func:`hostile_show` writes a show whose every text field is markup-like (``[bold]``,
``x [/``, ``[@click=app.quit]``, ``[link=file:///etc/passwd]``...) wrapped in terminal
escapes (OSC 52, OSC 8, a screen clear, a bidi override). :func:`assert_nothing_leaks`
walks every segment the app renders (the whole screen, every option, table cell, static,
every line of the review, every notification) and fails on a control character, a click
action (Textual keeps those in the style's ``meta`` as ``@click``) or a hyperlink
(``Style.link``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static

from dramatui.app.app import DramaApp
from dramatui.app.screens.main import MainScreen
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.app.widgets.show_list import ShowList

from app_support import make_app, screen_text, write
from hostile.corpus import MARKUP, forbidden, toml_str

SIZE = (160, 50)

ESCAPES = [
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write "evil" to the clipboard
    "\x1b]8;;https://evil.example/\x1b\\",  # OSC 8: start a hyperlink
    "\x1b[2J",  # CSI: clear the screen
    "\u202e",  # bidi: right-to-left override
]
CLICKABLE = MARKUP[4]
TAB = "\t"
PRESSABLE = "[@mouse.down=app.quit]m[/]"
"""Markup for the other mouse action Textual brokers from a style (besides ``@click``)."""
SCROLLBAR_ACTIONS = frozenset({"grab", "scroll_up", "scroll_down"})
"""The ``@mouse.down`` actions of Textual's own scroll bars: not from library text."""
URL = "https://example.com/[@click=app.quit]q[/]"
"""A valid http(s) address that is markup-like too."""


def hostile(i: int) -> str:
    """Field number *i*: one markup-like string wrapped in two escape sequences."""
    return ESCAPES[i % len(ESCAPES)] + MARKUP[i % len(MARKUP)] + ESCAPES[(i + 1) % len(ESCAPES)]


def shown(i: int) -> str:
    """What field number *i* must look like on screen: the brackets, nothing else."""
    return MARKUP[i % len(MARKUP)]


def v(i: int) -> str:
    return toml_str(hostile(i))


def hostile_show() -> str:
    """Every text field of format 1 is hostile; two reviews (one without an address)."""
    doc = f"""\
format = 1
[show]
id = "hostile"
title = {v(0)}
original_title = {v(1)}
country = {v(2)}
network = {v(3)}
genres = [{", ".join(v(i) for i in range(len(MARKUP)))}]
synopsis = {v(5)}
cast = [{{ name = {v(4)}, role = {v(5)} }}, {{ name = {v(0)}, role = {v(1)} }}]
"""
    for n in range(1, len(MARKUP) + 1):
        doc += f"[[episodes]]\nnumber = {n}\ntitle = {v(n)}\nsynopsis = {v(n + 1)}\nscore = 4\n"
    doc += f"""\
[[reviews]]
source = {v(0)}
author = {v(1)}
url = {toml_str(URL)}
headline = {v(2)}
score = 4
scores = {{ {v(3)} = 3, {v(4)} = 5 }}
[[reviews.sections]]
heading = {v(5)}
body = {toml_str(hostile(0) + " and" + TAB + MARKUP[4] + " " + PRESSABLE)}
[[reviews.sections]]
heading = {v(1)}
spoils = 6
body = "hidden until episode six"
[[reviews]]
source = {v(4)}
author = {v(5)}
headline = {v(1)}
[[reviews.sections]]
heading = {v(3)}
body = {v(2)}
"""
    return doc


def quiet_show() -> str:
    """A show without reviews: the reader shows its synopsis ("About the show")."""
    return f"""\
format = 1
[show]
id = "quiet"
title = {toml_str(ESCAPES[3] + "zz " + MARKUP[5])}
synopsis = {v(4)}
"""


def bad_file(folder: Path) -> Path:
    """A file whose name, keys and values put markup-like text in problem messages."""
    return write(
        folder,
        "[red x [@click=app.quit]q[.toml",
        'format = 1\n[show]\ntitle = "x"\n'
        f"{toml_str(CLICKABLE + ESCAPES[2])} = 1\n"
        f"year = {toml_str(MARKUP[5] + ESCAPES[0])}\n",
    )


def hostile_app(tmp_path: Path) -> DramaApp:
    shows = tmp_path / "shows"
    write(shows, "hostile.toml", hostile_show())
    write(shows, "quiet.toml", quiet_show())
    bad_file(shows)
    return make_app([shows], tmp_path / "state.toml")


# -- what "leak" means ---------------------------------------------------------------


def leaks(segments: Iterable[Segment], where: str) -> list[str]:
    """Every segment that could act: a click action, a hyperlink, or a control character."""
    out: list[str] = []
    for segment in segments:
        text, style = segment.text, segment.style
        if any(forbidden(ch) for ch in text):
            out.append(f"{where}: control character in {text!r}")
        if segment.control:
            out.append(f"{where}: control segment {segment.control!r}")
        if style is None:
            continue
        if style.link:
            out.append(f"{where}: link {style.link!r} on {text!r}")
        actions = {key: value for key, value in style.meta.items() if key.startswith("@")}
        if actions and not (
            actions.keys() == {"@mouse.down"} and actions["@mouse.down"] in SCROLLBAR_ACTIONS
        ):
            out.append(f"{where}: {actions} on {text!r}")
    return out


def screen_segments(app: App[object]) -> Iterator[Segment]:
    """Every segment on the terminal right now (all layers: modals, toasts, the palette)."""
    for strip in app.screen._compositor.render_strips():
        yield from strip


def reader_segments(reader: ReviewReader) -> Iterator[Segment]:
    """Every line of the review, scrolled into view page by page, then back to the top."""
    height = max(1, reader.scrollable_content_region.height)
    total = reader.virtual_size.height
    for top in range(0, max(total, 1), height):
        reader.scroll_to(y=top, animate=False, immediate=True)
        for y in range(height):
            yield from reader.render_line(y)
    reader.scroll_to(y=0, animate=False, immediate=True)


def widget_segments(app: App[object]) -> Iterator[tuple[str, Segment]]:
    """Every option prompt, table cell and static of the current screen, on screen or not."""
    screen = app.screen
    for shows in screen.query(ShowList):
        for index in range(shows.option_count):
            prompt = shows.prompt_at(index)
            assert isinstance(prompt, Content | Text), f"{shows}: prompt is {type(prompt)}"
            for segment in _render(app, prompt):
                yield f"{shows.id} row {index}", segment
    for options in screen.query(OptionList):
        for index in range(options.option_count):
            prompt = options.get_option_at_index(index).prompt
            assert isinstance(prompt, Content | Text), f"{options}: prompt is {type(prompt)}"
            for segment in _render(app, prompt):
                yield f"{options.id} option {index}", segment
    for table in screen.query(DataTable):
        for row in range(table.row_count):
            for cell in table.get_row_at(row):
                assert isinstance(cell, Text), f"table cell is {type(cell)}"
                for segment in _render(app, cell):
                    yield f"{table.id} row {row}", segment
    for static in screen.query(Static):
        content = static.content
        assert not isinstance(content, str) or "[" not in content, (
            f"{static}: a markup string with brackets: {content!r}"
        )
        if isinstance(content, Content | Text):
            for segment in _render(app, content):
                yield f"static {static.id}", segment
    for reader in screen.query(ReviewReader):
        for segment in reader_segments(reader):
            yield "reader", segment


def _render(app: App[object], visual: Content | Text) -> list[Segment]:
    if isinstance(visual, Content):
        return visual.render_segments()
    return list(visual.render(app.console))


def notification_segments(app: App[object]) -> Iterator[Segment]:
    """The notifications as their toasts draw them (markup only when asked for)."""
    for note in app._notifications:
        body = Content.from_markup(note.message) if note.markup else Content(note.message)
        yield from Content.assemble(note.title, "\n", body).render_segments()


def assert_nothing_leaks(app: App[object], where: str) -> None:
    found = leaks(screen_segments(app), f"{where} screen")
    for place, segment in widget_segments(app):
        found += leaks([segment], f"{where} {place}")
    found += leaks(notification_segments(app), f"{where} notification")
    assert not found, "\n".join(found[:20])


def position_of(app: App[object], literal: str, at: int = 0) -> list[tuple[int, int]]:
    """The screen cell (x, y) of character *at* of every occurrence of *literal*."""
    cells: list[tuple[int, int]] = []
    for y, line in enumerate(screen_text(app).split("\n")):
        start = line.find(literal)
        while start >= 0:
            cells.append((cell_len(line[: start + at]), y))
            start = line.find(literal, start + 1)
    return cells


async def click_all(
    pilot: object, app: App[object], literal: str, at: int = 0, most: int = 3
) -> int:
    """Click on character *at* of *literal* where it is drawn (*most* places); how many."""
    cells = position_of(app, literal, at)[:most]
    for x, y in cells:
        await pilot.click(offset=(x, y))  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        if not app.is_running:
            break
    return len(cells)


def main_screen(app: App[object]) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen
