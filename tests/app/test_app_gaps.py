"""Watch counts agree when the guide has gaps (issue 13, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramatui.__main__ import main
from dramatui.app.widgets.episode_guide import EpisodeGuide
from dramatui.app.widgets.episode_table import EpisodeTable
from dramatui.app.widgets.review_reader import ReviewReader
from dramatui.state import State

from app_support import all_text, make_app, pilot_test, screen_text, write

GAPS = """\
format = 1

[show]
id = "gaps"
title = "Gaps"
episodes_total = 10

[[episodes]]
number = 1
title = "First"

[[episodes]]
number = 3
title = "Third"

[[reviews]]

[[reviews.sections]]
spoiler = true
body = "ENDSECRET at the end."
"""


@pilot_test
async def test_every_episode_to_the_last_has_a_row_and_every_count_agrees(
    tmp_path: Path,
) -> None:
    write(tmp_path / "shows", "gaps.toml", GAPS)
    state_path = tmp_path / "state.toml"
    app = make_app([tmp_path / "shows"], state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "down", "down")
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        assert table.row_count == 10
        assert app.screen.query_one(EpisodeGuide).highlighted == 3
        await pilot.press("W")  # watched up to 3
        await pilot.pause()
        assert State.open(state_path).watched("gaps") == {1, 2, 3}
        text = screen_text(app)
        assert text.count("3/10 watched") == 2  # the show list's row and the guide
        assert "Episode 2 · not listed" in all_text(app)
        # every episode can be marked: the spoiler section unlocks at 10 of 10
        await pilot.press("end", "W")
        await pilot.pause()
        assert "10/10 watched" in screen_text(app)
        assert "ENDSECRET" in app.screen.query_one(ReviewReader).text


def test_export_counts_the_same_episodes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gaps.toml"
    path.write_text(GAPS, encoding="utf-8")
    state = tmp_path / "state.toml"
    state.write_text("[watched]\ngaps = [1, 2, 3]\n", encoding="utf-8")
    assert main(["export", str(path), "--spoilers", "progress", "--state", str(state)]) == 0
    out = capsys.readouterr().out
    assert out.count("· watched") == 3
    assert "- **Episode 2** · not listed in the show file · watched" in out
    assert out.count("- **") == 10
