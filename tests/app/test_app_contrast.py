"""Every built-in theme keeps the glyphs that carry meaning readable (issue 13, item 14):
watched marks, score bar cells (filled and empty), spoiler placeholders and the reader's
headings have a contrast of at least 3:1 with the background they are drawn on, as the
theme colours them (measured on what the app draws, with WCAG's contrast ratio)."""

from __future__ import annotations

from pathlib import Path

from rich.color import Color
from rich.segment import Segment

from dramatui.app.widgets.episode_table import EpisodeTable

from app_support import make_app, pilot_test, write

MINIMUM = 3.0
ANSI_THEMES = {"textual-ansi", "ansi-dark", "ansi-light"}

SHOW = """\
format = 1

[show]
id = "c"
title = "Contrast"
score_scale = 10

[[episodes]]
number = 1
title = "Seen"
score = 4

[[episodes]]
number = 2
title = "Unseen"
score = 6

[[episodes]]
number = 3
title = "Seen too"
score = 8

[[reviews]]
score = 7

[[reviews.sections]]
heading = "HEADINGWORD"
body = "Open words."

[[reviews.sections]]
spoils = 2
body = "Hidden words."
"""

GLYPHS = {
    "✓": "watched mark",
    "·": "unwatched mark",
    "█": "filled bar cell",
    "░": "empty bar cell",
    "⟦": "spoiler placeholder",
    "HEADINGWORD": "section heading",
}


def luminance(color: Color) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def glyph_contrasts(segments: list[list[Segment]], cursor: Color | None) -> dict[str, float]:
    """The lowest contrast each glyph is drawn with, over every line (but the cursor's row,
    drawn in the theme's own cursor colours)."""
    lowest: dict[str, float] = {}
    for line in segments:
        for segment in line:
            style = segment.style
            if style is None or style.color is None or style.bgcolor is None:
                continue
            if style.bgcolor == cursor:
                continue
            for glyph, name in GLYPHS.items():
                if glyph in segment.text:
                    ratio = contrast(style.color, style.bgcolor)
                    lowest[name] = min(lowest.get(name, ratio), ratio)
    return lowest


@pilot_test
async def test_meaningful_glyphs_have_three_to_one_contrast_in_every_theme(
    tmp_path: Path,
) -> None:
    write(tmp_path / "shows", "c.toml", SHOW)
    state = write(tmp_path / "state", "state.toml", "[watched]\nc = [1, 3]\n")
    app = make_app([tmp_path / "shows"], state)
    failures = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        # the ANSI themes take their colours from the terminal: not ours to measure
        themes = sorted(n for n in app.available_themes if n not in ANSI_THEMES)
        assert "textual-light" in themes and len(themes) > 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            lines = [list(strip) for strip in app.screen._compositor.render_strips()]
            cursor = table.get_component_rich_style("episode-table--cursor").bgcolor
            found = glyph_contrasts(lines, cursor)
            assert set(found) == set(GLYPHS.values()), (theme, found)
            for name, ratio in found.items():
                if ratio < MINIMUM:
                    failures.append(f"{theme}: {name} {ratio:.2f}:1")
        assert table.row_count == 3
    assert not failures, "\n".join(failures)
